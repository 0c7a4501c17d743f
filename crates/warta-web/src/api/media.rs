//! `POST /api/v1/media`: multipart upload of a photo with caption, credit and alt text.

use super::ApiUser;
use super::types::MediaOut;
use crate::error::{AppError, Problem};
use crate::ingest::ImageMeta;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use warta_core::bounded;

/// The multipart form of an upload (documentation only).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct MediaUpload {
    #[schema(format = Binary, value_type = String)]
    file: Vec<u8>,
    caption: Option<String>,
    credit: Option<String>,
    alt: Option<String>,
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge("the upload is larger than the limit".into())
    } else {
        AppError::BadRequest(format!("malformed multipart body: {}", e.body_text()))
    }
}

#[utoipa::path(post, path = "/api/v1/media", tag = "media",
    request_body(content = MediaUpload, content_type = "multipart/form-data"),
    responses((status = 201, body = MediaOut), (status = 413, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id))]
pub async fn upload(
    State(app): State<AppState>,
    user: ApiUser,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let mut file = None;
    let (mut caption, mut credit, mut alt) = (String::new(), String::new(), String::new());
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "file" => file = Some(field.bytes().await.map_err(multipart_error)?.to_vec()),
            "caption" | "credit" | "alt" => {
                let text = field.text().await.map_err(multipart_error)?;
                let max = if name == "credit" { 200 } else { 1_000 };
                let clean = bounded(&name, &text, 0, max)?;
                match name.as_str() {
                    "caption" => caption = clean,
                    "credit" => credit = clean,
                    _ => alt = clean,
                }
            }
            other => {
                return Err(AppError::BadRequest(format!(
                    "unexpected form field '{other}' (file, caption, credit, alt)"
                )));
            }
        }
    }
    let bytes = file.ok_or_else(|| AppError::BadRequest("the form needs a 'file' field".into()))?;
    let meta = ImageMeta {
        caption,
        credit,
        alt,
        uploaded_by: Some(user.0.id),
    };
    let row = app.ingest(bytes, meta).await?;
    let location = format!("/api/v1/media/{}", row.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(MediaOut::from_row(&app, &row)),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/media/{id}", tag = "media", params(("id" = i64, Path)),
    responses((status = 200, body = MediaOut), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(
    State(app): State<AppState>,
    _u: ApiUser,
    super::ApiId(id): super::ApiId,
) -> Result<Json<MediaOut>, AppError> {
    let m = app
        .store()
        .media_by_id(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no media with id {id}")))?;
    Ok(Json(MediaOut::from_row(&app, &m)))
}
