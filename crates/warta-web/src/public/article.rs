//! The article page. Old slugs answer 301, withdrawn articles 410, drafts 404.

use super::{HTML, Rendered, cached, page_context};
use crate::error::AppError;
use crate::state::AppState;
use crate::{paths, views};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use warta_core::Status;

pub async fn article(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let key = paths::article(&slug);
    cached(&app, &headers, key, || render(&app, slug)).await
}

async fn render(app: &AppState, slug: String) -> Result<Rendered, AppError> {
    let Some(a) = app.store().article_by_slug(&slug).await? else {
        return match app.store().redirect_for(&slug).await? {
            Some(current) => Err(AppError::Moved(paths::article(&current))),
            None => Err(AppError::not_found()),
        };
    };
    match a.status {
        Status::Published => {}
        Status::Unpublished => {
            let reason = app.store().takedown(a.id).await?.map(|(r, _)| r);
            return Err(AppError::Gone(reason));
        }
        // Not yet public: drafts, articles in review and embargoed (scheduled) ones.
        Status::Draft | Status::Submitted | Status::Scheduled => {
            return Err(AppError::not_found());
        }
    }
    let (view, deps) = views::article_view(app, &a).await?;
    let mut ctx = page_context(app).await?;
    ctx.popular = super::popular::popular_list(app, Some(a.rubrik.id)).await?;
    let body = app.renderer().article_page(&ctx, &view)?;
    Ok(Rendered {
        body,
        content_type: HTML,
        last_modified: a.updated_at,
        deps,
        // "Terpopuler" changes with every flush of the counts.
        fresh_for: Some(super::popular::POPULAR_FRESH),
    })
}
