//! `POST /api/v1/media`: multipart upload of a photo with caption, credit and alt text.

use super::ApiUser;
use super::types::{MediaList, MediaOut, MediaPatch, MediaQuery};
use super::{ApiJson, ApiQuery};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use warta_core::bounded;
use warta_newsroom::ImageMeta;

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
pub(crate) fn name_limit(e: AppError, max_bytes: usize) -> AppError {
    match e {
        AppError::TooLarge(m) if m == UPLOAD_TOO_LARGE => AppError::TooLarge(format!(
            "the upload is larger than the limit of {max_bytes} bytes"
        )),
        other => other,
    }
}

const UPLOAD_TOO_LARGE: &str = "the upload is larger than the limit";

pub(crate) fn multipart_error(e: axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge(UPLOAD_TOO_LARGE.into())
    } else {
        AppError::BadRequest(format!("malformed multipart body: {}", e.body_text()))
    }
}

#[utoipa::path(post, path = "/api/v1/media", tag = "media",
    request_body(content = MediaUpload, content_type = "multipart/form-data"),
    responses((status = 201, body = MediaOut),
        (status = 400, body = Problem, description = "not a multipart form, or no `file` field"),
        (status = 413, body = Problem, description = "larger than `max_upload_bytes` or than the pixel limits"),
        (status = 422, body = Problem, description = "not an accepted image (JPEG, PNG, WebP, GIF), unreadable or truncated")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id))]
pub async fn upload(
    State(app): State<AppState>,
    user: ApiUser,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let mut form = form.map_err(|e| {
        AppError::BadRequest(format!(
            "send the upload as multipart/form-data: {}",
            e.body_text()
        ))
    })?;
    let Upload {
        file,
        caption,
        credit,
        alt,
    } = read_upload(&mut form, None)
        .await
        .map_err(|e| name_limit(e, app.config().media_limits.max_bytes))?;
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

#[utoipa::path(get, path = "/api/v1/media", tag = "media", params(MediaQuery),
    responses((status = 200, body = MediaList), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn list(
    State(app): State<AppState>,
    _u: ApiUser,
    ApiQuery(q): ApiQuery<MediaQuery>,
) -> Result<Json<MediaList>, AppError> {
    let (from, to) = match q.date.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => {
            let day = warta_core::wib_day_range(d)
                .ok_or_else(|| AppError::BadRequest(format!("'{d}' is not a date (YYYY-MM-DD)")))?;
            (Some(day.0), Some(day.1))
        }
        None => (None, None),
    };
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(24).clamp(1, 100);
    let (rows, total) = app
        .store()
        .search_media(q.q.as_deref().unwrap_or(""), from, to, page, per_page)
        .await?;
    Ok(Json(MediaList {
        items: rows.iter().map(|m| MediaOut::from_row(&app, m)).collect(),
        total,
        page,
        per_page,
    }))
}

#[utoipa::path(patch, path = "/api/v1/media/{id}", tag = "media", request_body = MediaPatch, params(("id" = i64, Path)),
    responses((status = 200, body = MediaOut), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)), security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, media = id))]
pub async fn patch(
    State(app): State<AppState>,
    user: ApiUser,
    super::ApiId(id): super::ApiId,
    ApiJson(p): ApiJson<MediaPatch>,
) -> Result<Json<MediaOut>, AppError> {
    let text = warta_newsroom::PhotoText {
        caption: p.caption,
        credit: p.credit,
        alt: p.alt,
    };
    let m = app.newsroom().describe_photo(&user.0, id, text).await?;
    Ok(Json(MediaOut::from_row(&app, &m)))
}

#[utoipa::path(delete, path = "/api/v1/media/{id}", tag = "media", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 409, body = Problem, description = "still used by an article")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, media = id))]
pub async fn delete(
    State(app): State<AppState>,
    user: ApiUser,
    super::ApiId(id): super::ApiId,
) -> Result<StatusCode, AppError> {
    app.newsroom().delete_photo(&user.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
