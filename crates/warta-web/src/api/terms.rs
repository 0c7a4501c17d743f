//! Listings of rubriks, tags and topics.

use super::ApiUser;
use super::out::{rubrik_out, tag_out, topic_out};
use super::types::TermOut;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use warta_store::{Term, TermRow};

async fn list(
    app: &AppState,
    kind: Term,
    f: fn(&str, &TermRow) -> TermOut,
) -> Result<Json<Vec<TermOut>>, AppError> {
    let base = app.renderer().site().base_url.clone();
    Ok(Json(
        app.store()
            .list_terms(kind)
            .await?
            .iter()
            .map(|t| f(&base, t))
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/rubriks", tag = "taxonomy", responses((status = 200, body = Vec<TermOut>)), security(("bearer" = [])))]
pub async fn rubriks(
    State(app): State<AppState>,
    _u: ApiUser,
) -> Result<Json<Vec<TermOut>>, AppError> {
    list(&app, Term::Rubrik, rubrik_out).await
}

#[utoipa::path(get, path = "/api/v1/tags", tag = "taxonomy", responses((status = 200, body = Vec<TermOut>)), security(("bearer" = [])))]
pub async fn tags(
    State(app): State<AppState>,
    _u: ApiUser,
) -> Result<Json<Vec<TermOut>>, AppError> {
    list(&app, Term::Tag, tag_out).await
}

#[utoipa::path(get, path = "/api/v1/topics", tag = "taxonomy", responses((status = 200, body = Vec<TermOut>)), security(("bearer" = [])))]
pub async fn topics(
    State(app): State<AppState>,
    _u: ApiUser,
) -> Result<Json<Vec<TermOut>>, AppError> {
    list(&app, Term::Topic, topic_out).await
}
