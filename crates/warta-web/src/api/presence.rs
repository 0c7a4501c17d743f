//! `DELETE /api/v1/articles/{id}/presence`: the editor closed the article (sent on `pagehide`
//! with `keepalive`), so the others' "Juga membuka" clears at their next heartbeat rather than
//! when the entry expires.

use super::{ApiId, ApiUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

#[utoipa::path(delete, path = "/api/v1/articles/{id}/presence", tag = "articles",
    params(("id" = i64, Path)),
    responses((status = 204, description = "The caller no longer has the article open"),
        (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn leave(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<StatusCode, AppError> {
    app.store().leave_presence(id, user.0.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
