//! `/api/v1/articles/{id}/replies`: hak jawab, attached and removed by editors.

use super::types::{ArticleOut, NewReplyIn};
use super::{ApiId, ApiJson, ApiUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

#[utoipa::path(post, path = "/api/v1/articles/{id}/replies", tag = "articles", request_body = NewReplyIn,
    params(("id" = i64, Path)),
    responses((status = 201, body = ArticleOut, description = "attached; the article with its replies (both articles' pages link each other when `article_id` is given)"),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn add(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<NewReplyIn>,
) -> Result<(StatusCode, Json<ArticleOut>), AppError> {
    let reply = warta_newsroom::ReplyInput {
        from: input.from,
        text: input.text,
        article_id: input.article_id,
    };
    let after = app.newsroom().add_reply(&user.0, id, reply).await?;
    Ok((
        StatusCode::CREATED,
        Json(ArticleOut::from_row(&app, &after)),
    ))
}

#[utoipa::path(delete, path = "/api/v1/articles/{id}/replies/{reply}", tag = "articles",
    params(("id" = i64, Path), ("reply" = i64, Path)),
    responses((status = 200, body = ArticleOut, description = "removed; the article with its remaining replies"),
        (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id))]
pub async fn delete(
    State(app): State<AppState>,
    user: ApiUser,
    axum::extract::Path((id, reply)): axum::extract::Path<(i64, i64)>,
) -> Result<Json<ArticleOut>, AppError> {
    let after = app.newsroom().delete_reply(&user.0, id, reply).await?;
    Ok(Json(ArticleOut::from_row(&app, &after)))
}
