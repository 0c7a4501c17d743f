//! The front page: the editors' slots, filled up with the newest stories (warta-newsroom's
//! `front_page`). Its later pages (`/?page=2`, …) are the plain newest-first listing.

use super::{HTML, PageQuery, Rendered, cached, page_context};
use crate::cache::Dep;
use crate::error::AppError;
use crate::state::AppState;
use crate::{paths, views};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use warta_render::{BreakingView, HomeView, Link, SectionView};
use warta_store::now_ms;

pub async fn home(State(app): State<AppState>, headers: HeaderMap, q: PageQuery) -> Response {
    match q.page() {
        Ok(1) => cached(&app, &headers, "/".into(), || render(&app)).await,
        Ok(_) => super::listings::home(State(app), headers, q).await,
        Err(e) => super::error_response(&app, e).await,
    }
}

async fn render(app: &AppState) -> Result<Rendered, AppError> {
    let now = now_ms();
    let f = app.newsroom().front_page(now).await?;
    let store = app.store();
    let mut headline = views::teasers(store, &f.headline).await?;
    let lead = (!headline.is_empty()).then(|| headline.remove(0));
    let mut sections = Vec::new();
    for s in &f.sections {
        sections.push(SectionView {
            rubrik: Link {
                title: s.rubrik.name.clone(),
                url: paths::rubrik(&s.rubrik.slug),
            },
            items: views::teasers(store, &s.items).await?,
        });
    }
    let shown = f.article_ids();
    let view = HomeView {
        breaking: f.breaking.as_ref().map(|b| BreakingView {
            text: b.text.clone(),
            url: b.article.as_ref().map(|a| paths::article(&a.slug)),
        }),
        lead,
        headline,
        latest: views::teasers(store, &f.latest).await?,
        picks: views::teasers(store, &f.picks).await?,
        sections,
        more_url: (!f.latest.is_empty()).then(|| "/?page=2".to_string()),
    };
    let mut ctx = page_context(app).await?;
    ctx.popular = super::popular::popular_list(app, None).await?;
    let body = app.renderer().home_page(&ctx, &view)?;
    let mut deps = vec![Dep::Home, Dep::Lists];
    deps.extend(shown.iter().map(|&id| Dep::Article(id)));
    let last_modified = f
        .headline
        .iter()
        .chain(&f.latest)
        .map(|r| r.updated_at)
        .max()
        .unwrap_or(0);
    Ok(Rendered {
        body,
        content_type: HTML,
        last_modified,
        deps,
        // "Terpopuler" ages; a pin or the bar running out is also announced by a job, and
        // its time is the backstop.
        fresh_for: Some(f.expires_at.map_or(super::popular::POPULAR_FRESH, |at| {
            let ms = u64::try_from(at - now).unwrap_or(0);
            super::popular::POPULAR_FRESH.min(std::time::Duration::from_millis(ms))
        })),
    })
}
