//! Newsroom forms: a urlencoded body whose `_csrf` must match the session's, refused with a
//! readable page.

use super::{Staff, error_page};
use crate::auth::{Signed, same_token};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, Request};
use serde::de::DeserializeOwned;

/// A urlencoded form whose `_csrf` field must match the session's token. `T` should not
/// deny unknown fields (the `_csrf` field is one).
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> CsrfForm<T> {
    pub fn parse(body: &[u8], s: &Signed) -> Result<T, AppError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
            .map_err(|e| AppError::BadRequest(format!("malformed form: {e}")))?;
        let sent = pairs
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if !same_token(sent, &s.csrf) {
            return Err(AppError::Forbidden(
                "the form has expired or did not come from this site; reload the page and try again"
                    .into(),
            ));
        }
        serde_urlencoded::from_bytes(body).map_err(|e| AppError::Unprocessable(e.to_string()))
    }
}

/// Forms are the newsroom's pages: a refusal is a readable page, not JSON.
impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = axum::response::Response;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let (mut parts, body) = req.into_parts();
        let s = Signed::from_request_parts(&mut parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let page = |e: AppError| error_page(app, Some(&Staff(s.clone())), e);
        let bytes = axum::body::to_bytes(body, 1024 * 1024)
            .await
            .map_err(|_| page(AppError::TooLarge("the form is too large".into())))?;
        CsrfForm::parse(&bytes, &s).map(CsrfForm).map_err(page)
    }
}
