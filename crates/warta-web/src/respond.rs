//! Sending cached pages: content negotiation (br, gzip, identity), ETag and Last-Modified
//! with 304s, and cache headers a CDN understands.

use crate::cache::Page;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

/// Browsers revalidate after 30 s; a CDN keeps a page 60 s and may serve it stale while it
/// refetches (5 min) or while the origin is down (1 day).
pub const PAGE_CACHE_CONTROL: &str =
    "public, max-age=30, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Encoding {
    Br,
    Gzip,
    Identity,
}

/// Reader pages run no script of their own yet and embed only the privacy-enhanced YouTube
/// player; JSON-LD blocks are data, which CSP does not block.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src https://www.youtube-nocookie.com; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

/// The compressed forms worth making for this request alone.
pub fn wanted(headers: &HeaderMap) -> crate::cache::Encodings {
    let e = negotiate(headers);
    crate::cache::Encodings {
        gzip: e == Encoding::Gzip,
        br: e == Encoding::Br,
    }
}

/// Pick the best encoding the client accepts (q=0 excludes).
fn negotiate(headers: &HeaderMap) -> Encoding {
    let Some(accept) = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return Encoding::Identity;
    };
    let accepts = |name: &str| {
        accept.split(',').any(|part| {
            let mut it = part.trim().split(';');
            let coding = it.next().unwrap_or("").trim();
            let q_zero = it.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            coding.eq_ignore_ascii_case(name) && !q_zero
        })
    };
    if accepts("br") {
        Encoding::Br
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn not_modified(page: &Page, headers: &HeaderMap) -> bool {
    if let Some(inm) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        return inm.split(',').any(|t| {
            let t = t.trim();
            t == "*" || t.trim_start_matches("W/").as_bytes() == page.etag.as_bytes()
        });
    }
    if let Some(ims) = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        && let Ok(since) = httpdate::parse_http_date(ims)
    {
        return page.modified <= since;
    }
    false
}

/// The response for `page` given the request headers.
pub fn send_page(page: &Page, headers: &HeaderMap, cache_control: &'static str) -> Response {
    let encoding = negotiate(headers);
    let (status, body) = if not_modified(page, headers) {
        (StatusCode::NOT_MODIFIED, Body::empty())
    } else {
        let bytes = match encoding {
            Encoding::Br if !page.br.is_empty() => page.br.clone(),
            Encoding::Gzip if !page.gzip.is_empty() => page.gzip.clone(),
            _ => page.identity.clone(),
        };
        (StatusCode::OK, Body::from(bytes))
    };
    let mut res = Response::new(body);
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(page.content_type),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if page.content_type.starts_with("text/html") {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
    }
    h.insert(header::ETAG, page.etag.clone());
    h.insert("surrogate-key", page.surrogate.clone());
    h.insert("cache-tag", page.cache_tag.clone());
    h.insert(header::LAST_MODIFIED, page.last_modified.clone());
    if status == StatusCode::OK {
        let enc = match encoding {
            Encoding::Br if !page.br.is_empty() => Some("br"),
            Encoding::Gzip if !page.gzip.is_empty() => Some("gzip"),
            _ => None,
        };
        if let Some(e) = enc {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hdrs(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn negotiation_prefers_br_and_honours_q_zero() {
        assert_eq!(
            negotiate(&hdrs(&[(header::ACCEPT_ENCODING, "gzip, deflate, br")])),
            Encoding::Br
        );
        assert_eq!(
            negotiate(&hdrs(&[(header::ACCEPT_ENCODING, "br;q=0, gzip")])),
            Encoding::Gzip
        );
        assert_eq!(
            negotiate(&hdrs(&[(header::ACCEPT_ENCODING, "identity")])),
            Encoding::Identity
        );
        assert_eq!(negotiate(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn conditional_requests_get_304() {
        let p = Page::build("text/html", "x".repeat(100), 1_000_000, vec![]);
        let r = send_page(
            &p,
            &hdrs(&[(header::IF_NONE_MATCH, p.etag.to_str().unwrap())]),
            PAGE_CACHE_CONTROL,
        );
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
        let r = send_page(
            &p,
            &hdrs(&[(header::IF_MODIFIED_SINCE, p.last_modified.to_str().unwrap())]),
            PAGE_CACHE_CONTROL,
        );
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
        let r = send_page(
            &p,
            &hdrs(&[(header::IF_NONE_MATCH, "\"other\"")]),
            PAGE_CACHE_CONTROL,
        );
        assert_eq!(r.status(), StatusCode::OK);
    }
}
