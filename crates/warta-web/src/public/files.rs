//! Health checks, robots.txt, the stylesheet, the logo and root-level sitemaps.

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

/// A text file built into the binary (stylesheet, scripts, the editor bundle), compressed once
/// per process on first use and sent like a page: br/gzip by `Accept-Encoding`, ETag and 304s.
/// Last-Modified is the process's first use, so a new binary never looks older than the file
/// a browser holds.
pub(crate) fn text_asset(
    content_type: &'static str,
    cache: &'static str,
    body: &'static str,
    headers: &HeaderMap,
) -> Response {
    use std::collections::HashMap;
    use std::sync::{Arc, OnceLock, RwLock};
    type Built = RwLock<HashMap<usize, Arc<crate::cache::Page>>>;
    static BUILT: OnceLock<Built> = OnceLock::new();
    let built = BUILT.get_or_init(Default::default);
    // The address of a `&'static str` identifies the file.
    let key = body.as_ptr() as usize;
    let cached = built.read().ok().and_then(|m| m.get(&key).cloned());
    let page = cached.unwrap_or_else(|| {
        let page = Arc::new(crate::cache::Page::build_with(
            content_type,
            body.to_string(),
            warta_store::now_ms(),
            Vec::new(),
            crate::cache::Encodings::ALL,
        ));
        if let Ok(mut m) = built.write() {
            m.entry(key).or_insert_with(|| page.clone());
        }
        page
    });
    crate::respond::send_page(&page, headers, cache)
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
pub async fn stylesheet(
    axum::extract::RawQuery(q): axum::extract::RawQuery,
    headers: HeaderMap,
) -> Response {
    let cache = fingerprinted(q.as_deref(), warta_render::stylesheet_url());
    text_asset(
        "text/css; charset=utf-8",
        cache,
        warta_render::STYLESHEET,
        &headers,
    )
}

/// live.js, linked from live articles only; cached like the stylesheet.
pub async fn time_script(
    axum::extract::RawQuery(q): axum::extract::RawQuery,
    headers: HeaderMap,
) -> Response {
    let cache = fingerprinted(q.as_deref(), warta_render::time_script_url());
    text_asset(
        "text/javascript; charset=utf-8",
        cache,
        warta_render::TIME_SCRIPT,
        &headers,
    )
}

pub async fn live_script(
    axum::extract::RawQuery(q): axum::extract::RawQuery,
    headers: HeaderMap,
) -> Response {
    let cache = fingerprinted(q.as_deref(), warta_render::live_script_url());
    text_asset(
        "text/javascript; charset=utf-8",
        cache,
        warta_render::LIVE_SCRIPT,
        &headers,
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

/// `/favicon.svg` (linked from every page) and `/favicon.ico` (asked for by clients that read
/// no HTML): the same SVG.
pub async fn favicon(State(app): State<AppState>) -> Response {
    asset(
        "image/svg+xml",
        "public, max-age=86400",
        app.renderer().favicon_svg(),
    )
}

pub async fn logo(State(app): State<AppState>) -> Response {
    asset("image/png", "public, max-age=86400", app.0.logo.clone())
}

/// Root-level files that are not fixed routes: `/sitemap-YYYY-MM.xml`, `/sitemap-news-N.xml`,
/// and IndexNow's key file `/{key}.txt`.
pub async fn root_file(
    State(app): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some((y, m)) = parse_month_sitemap(&file) {
        return cached(&app, &headers, format!("/{file}"), || {
            sitemaps::month(&app, y, m)
        })
        .await;
    }
    if let Some(n) = parse_news_part(&file) {
        return cached(&app, &headers, format!("/{file}"), || {
            sitemaps::news(&app, Some(n))
        })
        .await;
    }
    // IndexNow's proof that the key is the site's: `/{key}.txt` answers the key.
    if let Some(key) = &app.0.config.indexnow_key
        && file.strip_suffix(".txt") == Some(key.as_str())
    {
        return (
            [(
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            )],
            key.clone(),
        )
            .into_response();
    }
    error_response(&app, AppError::not_found()).await
}

/// `sitemap-news-N.xml` with N from 1 (no leading zeros, so each part has one URL).
fn parse_news_part(file: &str) -> Option<u32> {
    let n = file.strip_prefix("sitemap-news-")?.strip_suffix(".xml")?;
    if n.starts_with('0') || n.len() > 6 {
        return None;
    }
    n.parse().ok().filter(|n| *n >= 1)
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
        sitemaps::news(&app, None)
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
        assert_eq!(parse_month_sitemap("sitemap-news-1.xml"), None);
        assert_eq!(super::parse_news_part("sitemap-news-2.xml"), Some(2));
        assert_eq!(super::parse_news_part("sitemap-news-02.xml"), None);
        assert_eq!(super::parse_news_part("sitemap-news-0.xml"), None);
        assert_eq!(super::parse_news_part("sitemap-news-x.xml"), None);
    }
}
