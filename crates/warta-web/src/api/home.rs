//! The front page's slots: `GET/PUT /api/v1/home`, for editors and up.

use super::{ApiJson, ApiUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use warta_newsroom::HomeSlots;

#[utoipa::path(get, path = "/api/v1/home", tag = "home",
    responses((status = 200, body = HomeSlots, description = "the slots as they stand (stories no longer published or past their pin left out)"),
        (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(State(app): State<AppState>, user: ApiUser) -> Result<Json<HomeSlots>, AppError> {
    Ok(Json(app.newsroom().home_slots_for(&user.0).await?))
}

#[utoipa::path(put, path = "/api/v1/home", tag = "home", request_body = HomeSlots,
    responses((status = 200, body = HomeSlots, description = "saved; the front page follows at once"),
        (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem, description = "an unknown or unpublished story, a story twice, an unknown rubrik or a time not in the future; names the field")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id))]
pub async fn put(
    State(app): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<HomeSlots>,
) -> Result<Json<HomeSlots>, AppError> {
    Ok(Json(app.newsroom().set_home_slots(&user.0, &input).await?))
}
