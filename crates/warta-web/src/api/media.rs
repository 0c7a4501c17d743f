//! `POST /api/v1/media`: multipart upload of a photo with caption, credit and alt text.

use super::ApiUser;
use super::types::{MediaList, MediaOut, MediaPatch, MediaQuery};
use super::{ApiJson, ApiQuery};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::upload::{Upload, name_limit, read_upload};
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
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
