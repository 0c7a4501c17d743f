//! Sign-in sessions and CSRF protection, shared by the newsroom pages and the API.
//!
//! The session cookie (`warta_session`) holds a random 256-bit token; the database keeps
//! only its SHA-256 (like API tokens). It is HttpOnly, SameSite=Lax, and Secure when the
//! request arrived over HTTPS (directly or through a proxy saying `X-Forwarded-Proto: https`).
//! Each session has its own CSRF token that every state-changing form (`_csrf` field) and
//! fetch (`X-CSRF-Token` header) must echo; it is compared in constant time.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use warta_store::{SessionRow, UserRow};

pub const SESSION_COOKIE: &str = "warta_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The value of one cookie in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// Did this request reach us (or our proxy) over HTTPS?
pub fn is_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// `Set-Cookie` for a new session (or, with an empty token, one that clears it).
pub fn session_cookie(token: &str, headers: &HeaderMap) -> HeaderValue {
    let secure = if is_https(headers) { "; Secure" } else { "" };
    let life = if token.is_empty() {
        "; Max-Age=0".to_string()
    } else {
        format!("; Max-Age={}", warta_store::SESSION_MAX_MS / 1000)
    };
    let v = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}{life}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Constant-time comparison of two tokens.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A signed-in person: their session and its cookie token.
#[derive(Clone)]
pub struct Signed {
    pub user: UserRow,
    pub csrf: String,
    pub token: String,
}

impl From<(String, SessionRow)> for Signed {
    fn from((token, s): (String, SessionRow)) -> Self {
        Signed {
            user: s.user,
            csrf: s.csrf,
            token,
        }
    }
}

/// The session named by the request's cookie, if it is live.
pub async fn session_of(app: &AppState, headers: &HeaderMap) -> Result<Option<Signed>, AppError> {
    let Some(token) = cookie(headers, SESSION_COOKIE).filter(|t| !t.is_empty() && t.len() < 200)
    else {
        return Ok(None);
    };
    Ok(app
        .store()
        .session(token)
        .await?
        .map(|s| Signed::from((token.to_string(), s))))
}

/// Safe methods change nothing and need no CSRF token.
pub fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A session used for an unsafe request must carry its CSRF token in the header.
pub fn check_csrf_header(parts: &Parts, s: &Signed) -> Result<(), AppError> {
    if is_safe(&parts.method) {
        return Ok(());
    }
    let sent = parts
        .headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if same_token(sent, &s.csrf) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "missing or wrong CSRF token (X-CSRF-Token); reload the page".into(),
        ))
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, AppError> {
        session_of(app, &parts.headers)
            .await?
            .ok_or(AppError::Unauthorized)
    }
}

/// The `_csrf` value of a form that is not urlencoded (a multipart upload).
pub fn check_csrf_value(sent: &str, s: &Signed) -> Result<(), AppError> {
    if same_token(sent, &s.csrf) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "the form has expired or did not come from this site; reload the page and try again"
                .into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; warta_session=abc ; lang=en"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "lang"), Some("en"));
        assert_eq!(cookie(&h, "x"), None);
    }

    #[test]
    fn tokens_compare_exactly() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "ab"));
        assert!(!same_token("", "a"));
    }

    #[test]
    fn secure_only_over_https() {
        let mut h = HeaderMap::new();
        assert!(!session_cookie("t", &h).to_str().unwrap().contains("Secure"));
        h.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        let c = session_cookie("t", &h);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Secure"));
    }
}
