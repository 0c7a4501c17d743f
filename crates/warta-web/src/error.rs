//! The one request error type. Library errors (store, media, validation) map to HTTP here.
//! API routes answer `application/problem+json` (RFC 9457); reader pages turn the same error
//! into an HTML page through [`crate::public::error_response`]. Internal failures are logged
//! with their cause and answered with a generic 500 that leaks no detail.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use warta_core::ValidationError;
use warta_media::MediaError;
use warta_store::StoreError;

/// Seconds a client refused for lack of capacity is asked to wait (`overload.rs`).
pub const RETRY_AFTER_SECS: u64 = 1;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("authentication required")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// A paged article has no such page; the reader's page links its first page (the path).
    #[error("the article has no such page")]
    NoSuchArticlePage(String),
    /// The content existed and was withdrawn; the reason the newsroom gave, if any.
    #[error("this article is no longer available")]
    Gone(Option<String>),
    /// Permanent redirect to a path.
    #[error("moved to {0}")]
    Moved(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("{}", .0.message)]
    Invalid(ValidationError),
    #[error("{0}")]
    Unprocessable(String),
    /// The request must say what it is based on (a PATCH without `revision`).
    #[error("{0}")]
    PreconditionRequired(String),
    #[error("{0}")]
    TooManyRequests(String),
    /// Every slot of this kind of work is taken and the queue is full (see `overload.rs`).
    #[error("the server is busy; please retry in a moment")]
    Busy(&'static str),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) | AppError::NoSuchArticlePage(_) => StatusCode::NOT_FOUND,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::Moved(_) => StatusCode::MOVED_PERMANENTLY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Invalid(_) | AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What a reader or client may see. Internal details stay in the log.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Internal(_) => "something went wrong on our side; please try again".into(),
            other => other.to_string(),
        }
    }

    /// 403 with "your role (writer) may not {what}" unless `role` has `cap`: the one role
    /// check of pages and API alike.
    pub fn require(
        role: warta_core::Role,
        cap: warta_core::Capability,
        what: &str,
    ) -> Result<(), Self> {
        if role.can(cap) {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "your role ({}) may not {what}",
                role.as_str()
            )))
        }
    }

    pub fn not_found() -> Self {
        AppError::NotFound("no such page".into())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound("not found".into()),
            StoreError::Conflict(what) => AppError::Conflict(format!("{what} already exists")),
            StoreError::StaleRevision { current } => AppError::Conflict(format!(
                "the article was changed by someone else since you loaded it (now at revision {current}); reload and merge your changes"
            )),
            StoreError::Invalid(why) | StoreError::InUse(why) => AppError::Conflict(why),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::Invalid(e)
    }
}

impl From<MediaError> for AppError {
    fn from(e: MediaError) -> Self {
        match e {
            MediaError::TooLarge { .. } | MediaError::TooManyPixels { .. } => {
                AppError::TooLarge(e.to_string())
            }
            MediaError::Unsupported(_) | MediaError::Corrupt(_) => {
                AppError::Unprocessable(e.to_string())
            }
            MediaError::Storage(_) => AppError::Internal(e.to_string()),
        }
    }
}

impl From<warta_newsroom::NewsroomError> for AppError {
    fn from(e: warta_newsroom::NewsroomError) -> Self {
        use warta_newsroom::NewsroomError as N;
        match e {
            N::Invalid(v) => AppError::Invalid(v),
            N::Forbidden(why) => AppError::Forbidden(why),
            N::NotFound => AppError::NotFound("not found".into()),
            N::Conflict(_) | N::Stale { .. } => AppError::Conflict(e.to_string()),
            N::RevisionRequired => AppError::PreconditionRequired(e.to_string()),
            N::Store(s) => s.into(),
            N::Media(m) => m.into(),
            N::Mail(why) | N::Busy(why) => AppError::Internal(why),
        }
    }
}

impl From<warta_render::RenderError> for AppError {
    fn from(e: warta_render::RenderError) -> Self {
        AppError::Internal(e.to_string())
    }
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI reference for the problem type; `about:blank` for plain HTTP statuses.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For validation errors: the field path, e.g. `body/3/type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() && !matches!(self, AppError::Busy(_)) {
            tracing::error!(error = %self, "request failed");
        }
        if let AppError::Moved(to) = &self {
            return (status, [(header::LOCATION, to.clone())]).into_response();
        }
        let problem = Problem {
            kind: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").into(),
            status: status.as_u16(),
            detail: self.public_message(),
            field: match &self {
                AppError::Invalid(v) => Some(v.field.clone()),
                _ => None,
            },
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut res = (status, body).into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status == StatusCode::SERVICE_UNAVAILABLE {
            h.insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
        }
        if status == StatusCode::UNAUTHORIZED {
            h.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"warta\""),
            );
        }
        res
    }
}
