//! `/api/v1/articles/{id}/…`: revisions and restore, presence, live-blog entries.

use super::types::{
    ArticleOut, LiveEntryOut, NewLiveEntry, PresenceName, PresenceOut, RevisionList, RevisionOut,
    UserRef,
};
use super::{ApiId, ApiJson, ApiUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[utoipa::path(get, path = "/api/v1/articles/{id}/revisions", tag = "articles",
    params(("id" = i64, Path)), responses((status = 200, body = RevisionList), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn revisions(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<Json<RevisionList>, AppError> {
    let a = app.store().article_by_id(id).await?;
    warta_newsroom::may_read_history(&user.0, &a)?;
    let items = app
        .store()
        .revisions(id)
        .await?
        .into_iter()
        .map(|r| RevisionOut {
            revision: r.revision,
            author: UserRef {
                id: r.author_id,
                name: r.author_name,
            },
            created_at: warta_core::iso8601_wib(r.created_at),
        })
        .collect();
    Ok(Json(RevisionList { items }))
}

#[utoipa::path(post, path = "/api/v1/articles/{id}/revisions/{revision}/restore", tag = "articles",
    params(("id" = i64, Path), ("revision" = i64, Path)),
    responses((status = 200, body = ArticleOut, description = "restored as the newest revision (as the pending version of a published article); `notices` name what no longer exists and was left out"),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id))]
pub async fn restore(
    State(app): State<AppState>,
    user: ApiUser,
    axum::extract::Path((id, revision)): axum::extract::Path<(i64, i64)>,
) -> Result<Json<ArticleOut>, AppError> {
    let (saved, left_out) = app.newsroom().restore(&user.0, id, revision).await?;
    let mut out = ArticleOut::saved(&app, &saved);
    out.notices = left_out.iter().map(|l| l.notice()).collect();
    Ok(Json(out))
}

#[utoipa::path(post, path = "/api/v1/articles/{id}/presence", tag = "articles",
    params(("id" = i64, Path)), responses((status = 200, body = PresenceOut), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn presence(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<Json<PresenceOut>, AppError> {
    let a = app.store().article_by_id(id).await?;
    warta_newsroom::may_read_history(&user.0, &a)?;
    let others = app
        .store()
        .touch_presence(id, user.0.id)
        .await?
        .into_iter()
        .map(|name| PresenceName { name })
        .collect();
    Ok(Json(PresenceOut { others }))
}

#[utoipa::path(post, path = "/api/v1/articles/{id}/live", tag = "articles", request_body = NewLiveEntry,
    params(("id" = i64, Path)),
    responses((status = 201, body = LiveEntryOut), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn add_live_entry(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<NewLiveEntry>,
) -> Result<Response, AppError> {
    let entry = app
        .newsroom()
        .add_live_entry(&user.0, id, &input.title, &input.body)
        .await?;
    Ok((StatusCode::CREATED, Json(live_entry_out(entry))).into_response())
}

pub fn live_entry_out(e: warta_store::LiveEntryRow) -> LiveEntryOut {
    LiveEntryOut {
        id: e.id,
        title: e.title,
        body: e.body,
        author: e.author_name,
        created_at: warta_core::iso8601_wib(e.created_at),
    }
}
