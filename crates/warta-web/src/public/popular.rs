//! "Terpopuler": the view beacon (`/b/{id}`), the `/terpopuler` pages, and the list the home
//! and article pages show. Lists age without a content change, so the pages that show them are
//! cached for [`POPULAR_FRESH`] at most.

use super::{HTML, Rendered, cached, page_context};
use crate::error::AppError;
use crate::state::AppState;
use crate::{paths, views};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use warta_render::{Link, PopularView, TeaserView};
use warta_store::{Term, now_ms};

/// How long a page showing a most-read list is kept.
pub const POPULAR_FRESH: Duration = Duration::from_secs(60);
const DAY_MS: i64 = 24 * 3_600_000;
/// Entries in the lists on home and article pages.
const SHORT: u32 = 5;
const LONG: u32 = 10;

/// A transparent 1×1 GIF (43 bytes).
const PIXEL: &[u8] = &[
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

/// `GET /b/{id}`: one view of article `id` (bots left out), answered with a pixel that no
/// browser or CDN keeps, so every view behind a cache reaches us.
pub async fn beacon(
    State(app): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if let Ok(id) = id.parse::<i64>()
        && id > 0
        && !crate::views_count::is_bot(ua)
    {
        app.count_view(id);
    }
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/gif")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-store, private"),
            ),
        ],
        PIXEL,
    )
        .into_response()
}

/// The most-read published stories since `since`, optionally of one rubrik.
async fn most_read(
    app: &AppState,
    since: i64,
    rubrik: Option<i64>,
    limit: u32,
) -> Result<Vec<TeaserView>, AppError> {
    let rows: Vec<_> = app
        .store()
        .most_read(since, rubrik, limit)
        .await?
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    views::teasers(app.store(), &rows).await
}

/// The last 24 hours' most-read: of `rubrik` when it has any, else site-wide.
pub async fn popular_list(
    app: &AppState,
    rubrik: Option<i64>,
) -> Result<Vec<TeaserView>, AppError> {
    let since = now_ms() - DAY_MS;
    if rubrik.is_some() {
        let own = most_read(app, since, rubrik, SHORT).await?;
        if !own.is_empty() {
            return Ok(own);
        }
    }
    most_read(app, since, None, SHORT).await
}

/// `GET /terpopuler`.
pub async fn terpopuler(State(app): State<AppState>, headers: HeaderMap) -> Response {
    cached(&app, &headers, "/terpopuler".into(), || render(&app, None)).await
}

/// `GET /terpopuler/{rubrik}`.
pub async fn terpopuler_rubrik(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let key = format!("/terpopuler/{slug}");
    cached(&app, &headers, key, || render(&app, Some(slug))).await
}

async fn render(app: &AppState, slug: Option<String>) -> Result<Rendered, AppError> {
    let rubriks = app.store().list_terms(Term::Rubrik).await?;
    let rubrik = match &slug {
        Some(s) => Some(
            rubriks
                .iter()
                .find(|r| &r.slug == s)
                .ok_or_else(AppError::not_found)?,
        ),
        None => None,
    };
    let link = |r: &warta_store::TermRow| Link {
        title: r.name.clone(),
        url: format!("/terpopuler/{}", r.slug),
    };
    let now = now_ms();
    let id = rubrik.map(|r| r.id);
    let view = PopularView {
        url: rubrik.map_or_else(|| "/terpopuler".to_string(), |r| link(r).url),
        rubrik: rubrik.map(|r| Link {
            title: r.name.clone(),
            url: paths::rubrik(&r.slug),
        }),
        day: most_read(app, now - DAY_MS, id, LONG).await?,
        week: most_read(app, now - 7 * DAY_MS, id, LONG).await?,
        rubriks: rubriks.iter().map(link).collect(),
    };
    let ctx = page_context(app).await?;
    let body = app.renderer().popular_page(&ctx, &view)?;
    Ok(Rendered {
        body,
        content_type: HTML,
        last_modified: now,
        deps: vec![crate::cache::Dep::Lists],
        fresh_for: Some(POPULAR_FRESH),
    })
}
