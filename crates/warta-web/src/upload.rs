//! Reading a photo upload's multipart form, shared by the JSON API (`POST /api/v1/media`)
//! and the newsroom's media page (`POST /admin/media`): neither front end calls the other.

use crate::error::AppError;
use axum::extract::Multipart;
use axum::http::StatusCode;
use warta_core::bounded;

/// An upload form's fields: the photo's bytes (none when the field is missing or empty) and
/// its caption, credit and alt text, checked.
#[derive(Default)]
pub struct Upload {
    pub file: Option<Vec<u8>>,
    pub caption: String,
    pub credit: String,
    pub alt: String,
}

/// Read an upload form. With `csrf` (the newsroom's page form) a `_csrf` field must come
/// first and match the session; the API (bearer or header CSRF) passes `None`.
pub async fn read_upload(
    form: &mut Multipart,
    csrf: Option<&crate::auth::Signed>,
) -> Result<Upload, AppError> {
    let mut up = Upload::default();
    read_upload_into(form, csrf, &mut up).await?;
    Ok(up)
}

/// [`read_upload`] into `up`, which keeps the fields read before an error (the newsroom's
/// media page shows the typed caption, credit and alt text again).
pub async fn read_upload_into(
    form: &mut Multipart,
    csrf: Option<&crate::auth::Signed>,
    up: &mut Upload,
) -> Result<(), AppError> {
    let mut checked = csrf.is_none();
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or("").to_string();
        if let Some(session) = csrf.filter(|_| !checked) {
            // Nothing is read before the token: the first field must be it.
            let sent = if name == "_csrf" {
                field.text().await.map_err(multipart_error)?
            } else {
                String::new()
            };
            crate::auth::check_csrf_value(&sent, session)?;
            checked = true;
            continue;
        }
        match name.as_str() {
            "file" => {
                let bytes = field.bytes().await.map_err(multipart_error)?;
                up.file = Some(bytes.to_vec()).filter(|b| !b.is_empty());
            }
            "caption" | "credit" | "alt" => {
                let text = field.text().await.map_err(multipart_error)?;
                let max = if name == "credit" { 200 } else { 1_000 };
                let clean = bounded(&name, &text, 0, max)?;
                match name.as_str() {
                    "caption" => up.caption = clean,
                    "credit" => up.credit = clean,
                    _ => up.alt = clean,
                }
            }
            other => {
                return Err(AppError::BadRequest(format!(
                    "unexpected form field '{other}' (file, caption, credit, alt)"
                )));
            }
        }
    }
    if let Some(session) = csrf.filter(|_| !checked) {
        crate::auth::check_csrf_value("", session)?;
    }
    Ok(())
}

/// A body over the route's limit, said with the configured limit ("the limit of 20971520
/// bytes"; the newsroom shows "maksimal 20 MB").
pub fn name_limit(e: AppError, max_bytes: usize) -> AppError {
    match e {
        AppError::TooLarge(m) if m == UPLOAD_TOO_LARGE => AppError::TooLarge(format!(
            "the upload is larger than the limit of {max_bytes} bytes"
        )),
        other => other,
    }
}

const UPLOAD_TOO_LARGE: &str = "the upload is larger than the limit";

pub fn multipart_error(e: axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge(UPLOAD_TOO_LARGE.into())
    } else {
        AppError::BadRequest(format!("malformed multipart body: {}", e.body_text()))
    }
}
