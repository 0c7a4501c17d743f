//! The article page and the outlet's own pages. Old slugs answer 301, withdrawn articles 410,
//! drafts 404. A paged article answers `?page=N` and `?page=all` (see `paging.rs`).

use super::paging::{self, PageSel};
use super::{HTML, Rendered, cached, page_context};
use crate::error::AppError;
use crate::state::AppState;
use crate::{paths, views};
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use warta_core::{ArticleKind, Status};
use warta_store::ArticleRow;

pub async fn article(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let Some(sel) = PageSel::parse(paging::page_param(query.as_deref()).as_deref()) else {
        let back = AppError::NoSuchArticlePage(paths::article(&slug));
        return super::error_response(&app, back).await;
    };
    let key = format!("{}{}", paths::article(&slug), sel.query());
    cached(&app, &headers, key, || render(&app, slug, sel)).await
}

/// `/halaman/{slug}`: one of the outlet's own pages (kind `page`).
pub async fn outlet_page(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let key = paths::outlet_page(&slug);
    cached(&app, &headers, key, || render_page(&app, slug)).await
}

/// The article with `slug` if readers may see it: 301 for an old slug, 410 for a withdrawn
/// one, 404 for anything not public.
async fn public_article(app: &AppState, slug: &str) -> Result<ArticleRow, AppError> {
    let Some(a) = app.store().article_by_slug(slug).await? else {
        return match app.store().redirect_for(slug).await? {
            Some(current) => Err(AppError::Moved(paths::article(&current))),
            None => Err(AppError::not_found()),
        };
    };
    match a.status {
        Status::Published => Ok(a),
        Status::Unpublished => {
            let reason = app.store().takedown(a.id).await?.map(|(r, _)| r);
            Err(AppError::Gone(reason))
        }
        // Not yet public: drafts, articles in review and embargoed (scheduled) ones.
        Status::Draft | Status::Submitted | Status::Scheduled => Err(AppError::not_found()),
    }
}

async fn render(app: &AppState, slug: String, sel: PageSel) -> Result<Rendered, AppError> {
    let a = public_article(app, &slug).await?;
    if a.kind == ArticleKind::Page {
        return Err(AppError::Moved(paths::outlet_page(&a.slug)));
    }
    let (mut view, deps) = views::article_view(app, &a).await?;
    paging::apply(&mut view, sel)?;
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

async fn render_page(app: &AppState, slug: String) -> Result<Rendered, AppError> {
    let a = public_article(app, &slug).await.map_err(|e| match e {
        // An old slug of a page moves to the page's address.
        AppError::Moved(to) => AppError::Moved(to.replacen("/berita/", "/halaman/", 1)),
        e => e,
    })?;
    if a.kind != ArticleKind::Page {
        return Err(AppError::not_found());
    }
    let (mut view, deps) = views::article_view(app, &a).await?;
    paging::apply(&mut view, PageSel::All)?;
    let ctx = page_context(app).await?;
    let body = app.renderer().outlet_page(&ctx, &view)?;
    Ok(Rendered {
        body,
        content_type: HTML,
        last_modified: a.updated_at,
        deps,
        fresh_for: None,
    })
}
