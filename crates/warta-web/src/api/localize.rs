//! The API's error texts in the newsroom's language. Messages are raised in English; when the
//! caller is the newsroom itself (the session cookie, no bearer token) and that person's
//! interface language is Bahasa Indonesia, the problem+json `detail` is translated through the
//! newsroom's message catalogue (`warta_admin::localize`). `field`, `status` and `title` stay
//! as they are, and a bearer-token client always gets English.

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use warta_admin::Lang;

/// Problem bodies are small; anything larger is passed on untouched.
const MAX_PROBLEM_BYTES: usize = 64 * 1024;

fn is_problem(res: &Response) -> bool {
    let small = res
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_none_or(|n| n <= MAX_PROBLEM_BYTES);
    small
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"))
}

/// Middleware on the API router: see the module documentation.
pub async fn problem_language(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let cookies: Option<HeaderMap> =
        (!req.headers().contains_key(header::AUTHORIZATION)).then(|| {
            req.headers()
                .get_all(header::COOKIE)
                .iter()
                .map(|v| (header::COOKIE, v.clone()))
                .collect()
        });
    let res = next.run(req).await;
    let Some(cookies) = cookies.filter(|c| !c.is_empty()) else {
        return res;
    };
    if !is_problem(&res) {
        return res;
    }
    let lang = match crate::auth::session_of(&app, &cookies).await {
        Ok(Some(s)) => Lang::parse(&s.user.locale),
        _ => return res,
    };
    if lang == Lang::En {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PROBLEM_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let translated = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|mut v| {
            let detail = v.get("detail")?.as_str()?;
            v["detail"] = warta_admin::localize(lang, detail).into();
            serde_json::to_vec(&v).ok()
        });
    let out = translated.unwrap_or_else(|| bytes.to_vec());
    if let Ok(n) = HeaderValue::from_str(&out.len().to_string()) {
        parts.headers.insert(header::CONTENT_LENGTH, n);
    }
    parts
        .headers
        .insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("id"));
    Response::from_parts(parts, Body::from(out))
}
