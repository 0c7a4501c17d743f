//! `/api/v1/articles/{id}/…`: workflow steps (publish, submit, return, unpublish) and the
//! pending version of a published story (applied by `publish`, discarded by
//! `DELETE …/pending`).

use super::types::{ArticleOut, PublishInput, UnpublishInput};
use super::{ApiId, ApiUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use warta_core::Transition;
use warta_newsroom::Apply;

#[utoipa::path(post, path = "/api/v1/articles/{id}/publish", tag = "articles", request_body(content = Option<PublishInput>),
    params(("id" = i64, Path)),
    responses((status = 200, body = ArticleOut, description = "published, or scheduled when `at` is in the future (`url` is where it will be); with a pending version, that version is applied"),
        (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn publish(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    body: axum::body::Bytes,
) -> Result<Json<ArticleOut>, AppError> {
    // The body is optional: empty means "now".
    let input: PublishInput = if body.iter().all(u8::is_ascii_whitespace) {
        PublishInput::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| AppError::Unprocessable(format!("invalid publish request: {e}")))?
    };
    let at = match input.at {
        Some(s) => Some(warta_newsroom::parse_time("at", &s)?),
        None => None,
    };
    let apply = Apply {
        revision: input.revision,
        correction: input.correction,
    };
    let after = app.newsroom().publish(&user.0, id, at, apply).await?;
    app.wake_scheduler();
    Ok(Json(ArticleOut::from_row(&app, &after)))
}

#[utoipa::path(delete, path = "/api/v1/articles/{id}/pending", tag = "articles",
    params(("id" = i64, Path)),
    responses((status = 200, body = ArticleOut, description = "the pending version is gone; the live article"),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem, description = "nothing is pending")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn discard_pending(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<Json<ArticleOut>, AppError> {
    let live = app.newsroom().discard_pending(&user.0, id).await?;
    Ok(Json(ArticleOut::from_row(&app, &live)))
}

macro_rules! step_route {
    ($name:ident, $path:literal, $step:expr) => {
        #[utoipa::path(post, path = $path, tag = "articles",
            params(("id" = i64, Path)), responses((status = 200, body = ArticleOut), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
            security(("bearer" = [])))]
        #[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
        pub async fn $name(
            State(app): State<AppState>,
            user: ApiUser,
            ApiId(id): ApiId,
        ) -> Result<Json<ArticleOut>, AppError> {
            let after = app.newsroom().step(&user.0, id, $step, None).await?;
            app.wake_scheduler();
            Ok(Json(ArticleOut::from_row(&app, &after)))
        }
    };
}

#[utoipa::path(post, path = "/api/v1/articles/{id}/unpublish", tag = "articles", request_body(content = Option<UnpublishInput>),
    params(("id" = i64, Path)),
    responses((status = 200, body = ArticleOut, description = "unpublished; the reason, when given, is shown on the article's 410 page"),
        (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn unpublish(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    body: axum::body::Bytes,
) -> Result<Json<ArticleOut>, AppError> {
    // The body is optional: empty means no reason.
    let input: UnpublishInput = if body.iter().all(u8::is_ascii_whitespace) {
        UnpublishInput::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| AppError::Unprocessable(format!("invalid unpublish request: {e}")))?
    };
    let after = app
        .newsroom()
        .unpublish(&user.0, id, input.reason.as_deref())
        .await?;
    Ok(Json(ArticleOut::from_row(&app, &after)))
}
step_route!(submit, "/api/v1/articles/{id}/submit", Transition::Submit);
step_route!(
    send_back,
    "/api/v1/articles/{id}/return",
    Transition::Return
);
