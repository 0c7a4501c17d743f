//! Health checks, robots.txt, the stylesheet, the logo, media files and root-level sitemaps.

use super::{cached, error_response, sitemaps};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(app): State<AppState>) -> Response {
    match app.store().ping().await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

pub(crate) fn asset(
    content_type: &'static str,
    cache: &'static str,
    body: impl Into<Body>,
) -> Response {
    let mut res = Response::new(body.into());
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

pub async fn robots(State(app): State<AppState>) -> Response {
    asset(
        "text/plain; charset=utf-8",
        "public, max-age=3600",
        app.renderer().robots_txt(),
    )
}

/// The stylesheet. Pages link it with its fingerprint (`?v=…`); that URL never changes
/// content, so it caches for a year. Other requests get a short lifetime.
pub async fn stylesheet(axum::extract::RawQuery(q): axum::extract::RawQuery) -> Response {
    let cache = fingerprinted(q.as_deref(), warta_render::stylesheet_url());
    asset("text/css; charset=utf-8", cache, warta_render::STYLESHEET)
}

/// live.js, linked from live articles only; cached like the stylesheet.
pub async fn live_script(axum::extract::RawQuery(q): axum::extract::RawQuery) -> Response {
    let cache = fingerprinted(q.as_deref(), warta_render::live_script_url());
    asset(
        "text/javascript; charset=utf-8",
        cache,
        warta_render::LIVE_SCRIPT,
    )
}

/// A year for the current fingerprinted URL of a static file, five minutes otherwise.
pub(crate) fn fingerprinted(query: Option<&str>, current_url: &str) -> &'static str {
    if query.is_some() && query == current_url.split_once('?').map(|(_, v)| v) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    }
}

pub async fn logo(State(app): State<AppState>) -> Response {
    asset("image/png", "public, max-age=86400", app.0.logo.clone())
}

/// Media files by storage key; keys never change content, so they cache for a year.
pub async fn media(State(app): State<AppState>, Path(key): Path<String>) -> Response {
    if !warta_media::valid_key(&key) {
        return error_response(&app, AppError::not_found()).await;
    }
    match app.0.media.get(&key).await {
        Ok(Some(bytes)) => {
            let ct = match key.rsplit('.').next() {
                Some("webp") => "image/webp",
                Some("jpg") | Some("jpeg") => "image/jpeg",
                Some("png") => "image/png",
                Some("avif") => "image/avif",
                _ => "application/octet-stream",
            };
            let mut res = asset(ct, "public, max-age=31536000, immutable", bytes);
            res.headers_mut().insert(
                "x-content-type-options",
                HeaderValue::from_static("nosniff"),
            );
            res
        }
        Ok(None) => error_response(&app, AppError::not_found()).await,
        Err(e) => error_response(&app, e.into()).await,
    }
}

/// Root-level files that are not fixed routes: `/sitemap-YYYY-MM.xml`.
pub async fn root_file(
    State(app): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    match parse_month_sitemap(&file) {
        Some((y, m)) => {
            cached(&app, &headers, format!("/{file}"), || {
                sitemaps::month(&app, y, m)
            })
            .await
        }
        None => error_response(&app, AppError::not_found()).await,
    }
}

fn parse_month_sitemap(file: &str) -> Option<(i16, i8)> {
    let ym = file.strip_prefix("sitemap-")?.strip_suffix(".xml")?;
    let (y, m) = ym.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m): (i16, i8) = (y.parse().ok()?, m.parse().ok()?);
    ((1900..=9999).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

pub async fn sitemap_index(State(app): State<AppState>, headers: HeaderMap) -> Response {
    cached(&app, &headers, "/sitemap.xml".into(), || {
        sitemaps::index(&app)
    })
    .await
}

pub async fn news_sitemap(State(app): State<AppState>, headers: HeaderMap) -> Response {
    cached(&app, &headers, "/sitemap-news.xml".into(), || {
        sitemaps::news(&app)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::parse_month_sitemap;

    #[test]
    fn month_sitemap_names() {
        assert_eq!(parse_month_sitemap("sitemap-2026-03.xml"), Some((2026, 3)));
        assert_eq!(parse_month_sitemap("sitemap-2026-13.xml"), None);
        assert_eq!(parse_month_sitemap("sitemap-26-03.xml"), None);
        assert_eq!(parse_month_sitemap("favicon.ico"), None);
    }
}
