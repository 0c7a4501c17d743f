//! Request ids: every request gets one (a proxy's `X-Request-Id` is kept when it is a short
//! token, anything else is replaced), it goes into the request's log span and back to the
//! client in the response's `X-Request-Id`, so a reader's complaint or a CDN log line leads
//! to the server's log lines.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// At most this long, and only `[A-Za-z0-9._-]`: safe in a log and a header.
const MAX_LEN: usize = 64;

fn acceptable(v: &HeaderValue) -> bool {
    let b = v.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_LEN
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

/// 16 hex digits from the OS's random source (a counter-free id that is unique across
/// instances without coordination).
fn fresh() -> HeaderValue {
    let mut buf = [0u8; 8];
    if getrandom::fill(&mut buf).is_err() {
        // No randomness: fall back to the clock; ids only need to be distinct enough to grep.
        buf = jiff::Timestamp::now().as_nanosecond().to_le_bytes()[..8]
            .try_into()
            .unwrap_or_default();
    }
    let hex: String = buf.iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&hex).unwrap_or_else(|_| HeaderValue::from_static("0"))
}

/// Middleware (outermost): make sure the request has an id, and answer with it.
pub async fn assign(mut req: Request, next: Next) -> Response {
    let id = match req.headers().get(&X_REQUEST_ID) {
        Some(v) if acceptable(v) => v.clone(),
        _ => fresh(),
    };
    req.headers_mut().insert(X_REQUEST_ID, id.clone());
    let mut res = next.run(req).await;
    res.headers_mut().insert(X_REQUEST_ID, id);
    res
}

/// The log span of a request, with its id.
pub fn span(req: &Request) -> tracing::Span {
    let id = req
        .headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = id)
}

/// A failed response's log line (the trace layer's `on_failure`). A 503 is not logged here:
/// both kinds log their own (a full gate once a second with its count, a database that is
/// not ready at each probe), and under a spike a line per refusal would cost the most at the
/// moment shedding must be cheap, and page whoever watches for errors.
pub fn on_failure(
    class: tower_http::classify::ServerErrorsFailureClass,
    latency: std::time::Duration,
    _span: &tracing::Span,
) {
    use tower_http::classify::ServerErrorsFailureClass as Class;
    match class {
        Class::StatusCode(axum::http::StatusCode::SERVICE_UNAVAILABLE) => {}
        class => tracing::error!(classification = %class, ?latency, "response failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_kept() {
        assert!(acceptable(&HeaderValue::from_static("abc-123_x.y")));
        assert!(!acceptable(&HeaderValue::from_static("")));
        assert!(!acceptable(&HeaderValue::from_static("a b")));
        assert!(!acceptable(
            &HeaderValue::from_str(&"a".repeat(65)).unwrap()
        ));
        let f = fresh();
        assert_eq!(f.len(), 16);
        assert!(acceptable(&f));
        assert_ne!(fresh(), f);
    }
}
