//! Old addresses of imported sites (WordPress permalinks of any structure, `?p=ID`,
//! attachment pages, category, tag and author archives) answer 301 to the new page. Looked up
//! only when the site would answer 404 (one indexed query), and for the WordPress query
//! forms of the home page; an unknown address keeps the normal 404 page.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Query parameters WordPress answers on its home page with another page.
const WP_QUERIES: &[&str] = &[
    "p=",
    "page_id=",
    "attachment_id=",
    "cat=",
    "tag=",
    "author=",
];

pub async fn redirect_old_addresses(
    State(app): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let path = req.uri().path().to_string();
    if path.starts_with("/api/") || path.starts_with("/admin") || path.starts_with("/media/") {
        return next.run(req).await;
    }
    let query = req.uri().query().map(str::to_string);
    let key = warta_store::old_path_key(&path, query.as_deref());
    let wp_query = path == "/"
        && query.as_deref().is_some_and(|q| {
            q.split('&')
                .any(|p| WP_QUERIES.iter().any(|w| p.starts_with(w)))
        });
    if wp_query && let Some(r) = lookup(&app, &key).await {
        return r;
    }
    let resp = next.run(req).await;
    if resp.status() != StatusCode::NOT_FOUND {
        return resp;
    }
    if let Some(r) = lookup(&app, &key).await {
        return r;
    }
    // `/2022/03/judul/?utm_source=x`: the path alone.
    if query.is_some()
        && let Some(r) = lookup(&app, &warta_store::old_path_key(&path, None)).await
    {
        return r;
    }
    resp
}

async fn lookup(app: &AppState, key: &str) -> Option<Response> {
    match app.store().old_path(key).await {
        // An address that is its own target (a tag kept its slug) is not redirected in a loop.
        Ok(Some(p)) if p.target == key => None,
        Ok(Some(p)) => Some(
            (
                StatusCode::MOVED_PERMANENTLY,
                [
                    (header::LOCATION, p.target),
                    (header::CACHE_CONTROL, "public, max-age=86400".to_string()),
                ],
            )
                .into_response(),
        ),
        Ok(None) => None,
        Err(e) => {
            tracing::warn!(error = %e, "old address lookup failed");
            None
        }
    }
}
