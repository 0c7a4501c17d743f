//! Sitemap index, per-month sitemaps and the Google News sitemap: the last 48 hours, at most
//! 1,000 URLs per file. Beyond 1,000, `/sitemap-news.xml` becomes an index of
//! `/sitemap-news-1.xml`, `/sitemap-news-2.xml`, … and the main index lists those parts
//! directly (an index may not list another index).

use super::{Rendered, XML};
use crate::cache::Dep;
use crate::error::AppError;
use crate::state::AppState;
use crate::{paths, views};
use std::collections::BTreeMap;
use warta_render::{NewsEntry, SitemapEntry, SitemapMonth};
use warta_store::{ListScope, now_ms};

const NEWS_WINDOW_MS: i64 = 48 * 3600 * 1000;
/// Google's limit of URLs per news sitemap.
pub const NEWS_PER_FILE: u32 = 1000;
/// The news sitemaps age without any content change: cached copies expire.
const NEWS_FRESH: std::time::Duration = std::time::Duration::from_secs(300);

fn news_scope() -> ListScope {
    let now = now_ms();
    ListScope::Between(now - NEWS_WINDOW_MS, now + 60_000)
}

/// Paths of the news sitemap files: `/sitemap-news.xml` alone, or its numbered parts.
async fn news_paths(app: &AppState) -> Result<Vec<String>, AppError> {
    let (_, total) = app
        .store()
        .list_articles(&news_scope().filter(), 1, 1)
        .await?;
    let parts = news_parts(total);
    Ok(if parts <= 1 {
        vec!["/sitemap-news.xml".to_string()]
    } else {
        (1..=parts)
            .map(|n| format!("/sitemap-news-{n}.xml"))
            .collect()
    })
}

fn news_parts(total: i64) -> u32 {
    let files = u64::try_from(total)
        .unwrap_or(0)
        .div_ceil(u64::from(NEWS_PER_FILE));
    u32::try_from(files).unwrap_or(u32::MAX)
}

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
    let body = app
        .renderer()
        .sitemap_index(&months, &news_paths(app).await?)?;
    Ok(Rendered {
        body,
        content_type: XML,
        last_modified: newest,
        deps: vec![Dep::Lists],
        fresh_for: Some(NEWS_FRESH),
    })
}

/// `/sitemap-YYYY-MM.xml`: every article and outlet page published that month (WIB).
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
    // The plain sitemap lists the outlet's own pages too (the news sitemap does not).
    let mut filter = ListScope::Between(ms(start)?, ms(end)?).filter();
    filter.stories_only = false;
    let mut entries = Vec::new();
    let mut page = 1;
    loop {
        let (rows, total) = app.store().list_articles(&filter, page, 100).await?;
        let teasers = views::teasers(app.store(), &rows).await?;
        entries.extend(rows.iter().zip(teasers).map(|(r, t)| SitemapEntry {
            url: paths::teaser(r),
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

/// `/sitemap-news.xml` (`part` None) or `/sitemap-news-N.xml` (`part` Some(N), 1-based).
pub async fn news(app: &AppState, part: Option<u32>) -> Result<Rendered, AppError> {
    let scope = news_scope();
    if part.is_none() {
        let paths = news_paths(app).await?;
        if paths.len() > 1 {
            return Ok(Rendered {
                body: app.renderer().sitemap_index(&[], &paths)?,
                content_type: XML,
                last_modified: 0,
                deps: vec![Dep::Lists],
                fresh_for: Some(NEWS_FRESH),
            });
        }
    }
    let part = part.unwrap_or(1);
    let pages_per_file = NEWS_PER_FILE / 100;
    let first_page = (part - 1).saturating_mul(pages_per_file) + 1;
    let mut entries = Vec::new();
    let mut last_modified = 0;
    let mut total = 0;
    for page in first_page..first_page + pages_per_file {
        let (rows, all) = app
            .store()
            .list_articles(&scope.filter(), page, 100)
            .await?;
        total = all;
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
    if part > 1 && (entries.is_empty() || news_parts(total) < part) {
        return Err(AppError::not_found());
    }
    let body = app.renderer().news_sitemap(&entries)?;
    Ok(Rendered {
        body,
        content_type: XML,
        last_modified,
        deps: vec![Dep::Lists],
        fresh_for: Some(NEWS_FRESH),
    })
}

#[cfg(test)]
mod tests {
    use super::news_parts;

    #[test]
    fn news_sitemap_splits_every_thousand() {
        assert_eq!(news_parts(0), 0);
        assert_eq!(news_parts(1000), 1);
        assert_eq!(news_parts(1001), 2);
        assert_eq!(news_parts(2500), 3);
    }
}
