//! The JSON API under `/api/v1`: bearer tokens, problem+json errors, OpenAPI from the code.

mod answers;
pub mod articles;
mod bounds;
pub mod history;
pub mod home;
pub mod localize;
pub mod media;
pub mod ninjs;
pub mod openapi;
mod out;
pub mod presence;
pub mod replies;
pub mod search;
pub mod terms;
pub mod types;
pub mod wire;
pub mod workflow;

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use warta_core::Role;
use warta_store::UserRow;

/// The caller, from `Authorization: Bearer <token>`, or from the newsroom's session cookie
/// (then unsafe methods need the session's `X-CSRF-Token`).
pub struct ApiUser(pub UserRow);

impl ApiUser {
    pub fn role(&self) -> Role {
        self.0.role
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(header) = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        else {
            let s = crate::auth::session_of(app, &parts.headers)
                .await?
                .ok_or(AppError::Unauthorized)?;
            crate::auth::check_csrf_header(parts, &s)?;
            return Ok(ApiUser(s.user));
        };
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() < 200)
            .ok_or(AppError::Unauthorized)?;
        match app.store().user_for_token(token).await? {
            Some(u) => Ok(ApiUser(u)),
            None => Err(AppError::Unauthorized),
        }
    }
}

/// `Json` whose rejections are problem+json with a useful message.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, app).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(AppError::Unprocessable(e.body_text())),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(AppError::BadRequest(
                "send the body as application/json".into(),
            )),
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::TooLarge("the request body is too large".into()))
            }
            Err(e) => Err(AppError::BadRequest(e.body_text())),
        }
    }
}

/// `Query` whose rejections are problem+json.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequestParts<AppState> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, app)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e: QueryRejection| AppError::BadRequest(e.body_text()))
    }
}

/// Path ids that are not numbers get a 404 problem, not axum's plain-text 400.
pub struct ApiId(pub i64);

impl FromRequestParts<AppState> for ApiId {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, app)
                .await
                .map_err(|_| AppError::not_found())?;
        raw.parse()
            .map(ApiId)
            .map_err(|_| AppError::NotFound(format!("no resource with id '{raw}'")))
    }
}

/// Rejections that axum's own extractors answer in plain text (a path that is not two
/// numbers, a method the route lacks, …) become problem+json too, so every API error has
/// the one documented shape.
pub async fn problem_answers(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let res = next.run(req).await;
    let status = res.status();
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|ct| ct.starts_with("text/plain"));
    if !status.is_client_error() || !plain {
        return res;
    }
    let (parts, body) = res.into_parts();
    let body = axum::body::to_bytes(body, 16 * 1024)
        .await
        .unwrap_or_default();
    let detail = String::from_utf8_lossy(&body).trim().to_string();
    let detail = if detail.is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        detail
    };
    let problem = crate::error::Problem {
        kind: "about:blank".into(),
        title: status.canonical_reason().unwrap_or("Error").into(),
        status: status.as_u16(),
        detail,
        field: None,
    };
    let mut out = (status, axum::Json(problem)).into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out.headers_mut().insert(
        header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/problem+json"),
    );
    out
}
