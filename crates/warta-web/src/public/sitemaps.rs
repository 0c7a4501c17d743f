//! Sitemap index, per-month sitemaps and the Google News sitemap (last 48 hours, ≤ 1,000).

use super::{Rendered, XML};
use crate::cache::Dep;
use crate::error::AppError;
use crate::state::AppState;
use crate::{paths, views};
use std::collections::BTreeMap;
use warta_render::{NewsEntry, SitemapEntry, SitemapMonth};
use warta_store::{ListScope, now_ms};

const NEWS_WINDOW_MS: i64 = 48 * 3600 * 1000;

pub async fn index(app: &AppState) -> Result<Rendered, AppError> {
    let mut months: BTreeMap<(i16, i8), i64> = BTreeMap::new();
    let mut newest = 0;
    for (published, updated) in app.store().published_times().await? {
        let d = warta_core::wib_date(published);
        let lastmod = months.entry((d.year(), d.month())).or_insert(0);
        *lastmod = (*lastmod).max(updated);
        newest = newest.max(updated);
    }
    let months: Vec<SitemapMonth> = months
        .into_iter()
        .rev()
        .map(|((year, month), lastmod)| SitemapMonth {
            year,
            month,
            lastmod,
        })
        .collect();
    let body = app.renderer().sitemap_index(&months, true)?;
    Ok(Rendered {
        body,
        content_type: XML,
        last_modified: newest,
        deps: vec![Dep::Lists],
        fresh_for: None,
    })
}

/// `/sitemap-YYYY-MM.xml`: every article published that month (WIB).
pub async fn month(app: &AppState, year: i16, month: i8) -> Result<Rendered, AppError> {
    let start = jiff::civil::date(year, month, 1);
    let end = start
        .checked_add(jiff::Span::new().months(1))
        .map_err(|_| AppError::not_found())?;
    let tz = warta_core::jakarta();
    let ms = |d: jiff::civil::Date| {
        d.to_zoned_datetime(tz.clone())
            .map(|z| z.timestamp().as_millisecond())
            .map_err(|_| AppError::not_found())
    };
    let scope = ListScope::Between(ms(start)?, ms(end)?);
    let mut entries = Vec::new();
    let mut page = 1;
    loop {
        let (rows, total) = app
            .store()
            .list_articles(&scope.filter(), page, 100)
            .await?;
        let teasers = views::teasers(app.store(), &rows).await?;
        entries.extend(rows.iter().zip(teasers).map(|(r, t)| SitemapEntry {
            url: paths::article(&r.slug),
            lastmod: r.updated_at,
            images: t.image.map(|i| vec![i.src]).unwrap_or_default(),
        }));
        if i64::from(page) * 100 >= total || page >= 500 {
            break;
        }
        page += 1;
    }
    if entries.is_empty() {
        return Err(AppError::not_found());
    }
    let last_modified = entries.iter().map(|e| e.lastmod).max().unwrap_or(0);
    let body = app.renderer().sitemap_urls(&entries)?;
    Ok(Rendered {
        body,
        content_type: XML,
        last_modified,
        deps: vec![Dep::Lists],
        fresh_for: None,
    })
}

pub async fn news(app: &AppState) -> Result<Rendered, AppError> {
    let now = now_ms();
    let scope = ListScope::Between(now - NEWS_WINDOW_MS, now + 60_000);
    let mut entries = Vec::new();
    let mut last_modified = 0;
    for page in 1..=10 {
        let (rows, total) = app
            .store()
            .list_articles(&scope.filter(), page, 100)
            .await?;
        last_modified = rows
            .iter()
            .map(|r| r.updated_at)
            .fold(last_modified, i64::max);
        entries.extend(rows.iter().map(|r| NewsEntry {
            url: paths::article(&r.slug),
            headline: r.headline.clone(),
            published_at: r.published_at.unwrap_or(r.updated_at),
        }));
        if i64::from(page) * 100 >= total {
            break;
        }
    }
    let body = app.renderer().news_sitemap(&entries)?;
    Ok(Rendered {
        body,
        content_type: XML,
        last_modified,
        deps: vec![Dep::Lists],
        fresh_for: Some(std::time::Duration::from_secs(300)),
    })
}
