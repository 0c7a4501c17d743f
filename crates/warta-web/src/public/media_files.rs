//! `/media/{key}`: photos from the media store (a local folder or a bucket), sent by Warta so
//! that every instance serves every file. Keys carry a fingerprint and never change content:
//! a year's immutable caching, and an ETag made of the key and the size, which is the same on
//! every instance and for either backend (so a move to S3 does not invalidate browsers'
//! copies). From a bucket the bytes are streamed as they arrive.

use super::error_response;
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use warta_media::MediaBody;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

pub async fn media(
    State(app): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !warta_media::valid_key(&key) {
        return error_response(&app, AppError::not_found()).await;
    }
    // A revalidation asks only for the size, without starting a download.
    if headers.contains_key(header::IF_NONE_MATCH) {
        match app.0.media.size(&key).await {
            Ok(Some(size)) if etag_matches(&headers, &etag(&key, size)) => {
                return respond(&key, size, StatusCode::NOT_MODIFIED, Body::empty());
            }
            Ok(Some(_)) => {}
            Ok(None) => return error_response(&app, AppError::not_found()).await,
            Err(e) => return error_response(&app, e.into()).await,
        }
    }
    match app.0.media.open(&key).await {
        Ok(Some(file)) => {
            let body = match file.body {
                MediaBody::Bytes(bytes) => Body::from(bytes),
                MediaBody::Stream(stream) => Body::from_stream(stream),
            };
            respond(&key, file.size, StatusCode::OK, body)
        }
        Ok(None) => error_response(&app, AppError::not_found()).await,
        Err(e) => error_response(&app, e.into()).await,
    }
}

fn respond(key: &str, size: u64, status: StatusCode, body: Body) -> Response {
    let mut res = Response::new(body);
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(warta_media::mime_for_key(key)),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(tag) = HeaderValue::from_str(&etag(key, size)) {
        h.insert(header::ETAG, tag);
    }
    if status == StatusCode::OK {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    }
    res
}

/// `"m-<FNV-1a of the key>-<size>"`, both in hex.
fn etag(key: &str, size: u64) -> String {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("\"m-{hash:016x}-{size:x}\"")
}

fn etag_matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_depend_on_key_and_size_and_match_lists() {
        let a = etag("2026/11/a-800.webp", 10);
        assert_ne!(a, etag("2026/11/a-1600.webp", 10));
        assert_ne!(a, etag("2026/11/a-800.webp", 11));
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!("\"x\", W/{a}")).unwrap(),
        );
        assert!(etag_matches(&h, &a));
        assert!(!etag_matches(&h, &etag("b.png", 1)));
    }
}
