//! `/api/v1/wire`: the "Masuk" queue of agency copy as JSON, and "Jadikan draf"
//! (`POST /api/v1/wire/{id}/draft`), the same newsroom call as the queue page's button.

use super::types::ArticleOut;
use super::{ApiId, ApiQuery, ApiUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct WireQuery {
    /// Only the items of this feed.
    #[param(minimum = 1)]
    pub feed: Option<i64>,
    #[serde(default, deserialize_with = "super::bounds::page_number")]
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
    #[serde(default, deserialize_with = "super::bounds::per_page")]
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u32>,
}

/// One item of the queue (near-duplicates of earlier items are left out).
#[derive(Debug, Serialize, ToSchema)]
pub struct WireItemOut {
    pub id: i64,
    pub feed_id: i64,
    pub feed: String,
    pub agency: String,
    pub headline: String,
    pub excerpt: String,
    /// Plain text, paragraphs separated by blank lines.
    pub body: String,
    /// The item's page at the agency.
    pub link: Option<String>,
    /// The agency's time, ISO 8601 in WIB.
    #[schema(format = DateTime)]
    pub published_at: String,
    /// Whether the agency's photo was fetched (it comes along into a draft).
    pub has_photo: bool,
    pub photo_caption: String,
    pub photo_credit: String,
    /// The draft made from it, if any.
    pub article_id: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WireList {
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<WireItemOut>,
}

#[utoipa::path(get, path = "/api/v1/wire", tag = "wire", params(WireQuery),
    responses((status = 200, body = WireList)), security(("bearer" = [])))]
pub async fn list(
    State(app): State<AppState>,
    _u: ApiUser,
    ApiQuery(q): ApiQuery<WireQuery>,
) -> Result<Json<WireList>, AppError> {
    let page = q.page.unwrap_or(1);
    let per_page = q.per_page.unwrap_or(30);
    let offset = i64::from(page - 1) * i64::from(per_page);
    let rows = app
        .store()
        .wire_items(q.feed, per_page.into(), offset)
        .await?;
    let items = rows
        .into_iter()
        .map(|i| WireItemOut {
            id: i.id,
            feed_id: i.feed_id,
            feed: i.feed_name,
            agency: i.agency,
            headline: i.headline,
            excerpt: i.excerpt,
            body: i.body,
            link: i.link,
            published_at: warta_core::iso8601_wib(i.published_at),
            has_photo: i.has_photo == 1,
            photo_caption: i.photo_caption,
            photo_credit: i.photo_credit,
            article_id: i.article_id,
        })
        .collect();
    Ok(Json(WireList {
        page,
        per_page,
        items,
    }))
}

#[utoipa::path(post, path = "/api/v1/wire/{id}/draft", tag = "wire", params(("id" = i64, Path)),
    responses((status = 201, body = ArticleOut, description = "A new draft with the agency as source and its photo"),
        (status = 200, body = ArticleOut, description = "The draft made from this item before"),
        (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn draft(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<Response, AppError> {
    let (a, made) = app.newsroom().draft_from_wire(&user.0, id).await?;
    app.jobs().wake();
    let status = if made {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let location = format!("/api/v1/articles/{}", a.id);
    Ok((
        status,
        [(header::LOCATION, location)],
        Json(ArticleOut::from_row(&app, &a)),
    )
        .into_response())
}
