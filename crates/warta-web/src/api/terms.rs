//! Listings of rubriks, tags and topics.

use super::out::{rubrik_out, tag_out, topic_out};
use super::types::{NewRubrik, TermOut, TermQuery};
use super::{ApiJson, ApiQuery, ApiUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use warta_store::{Term, TermRow};

async fn list(
    app: &AppState,
    kind: Term,
    f: fn(&str, &TermRow) -> TermOut,
    q: Option<&str>,
) -> Result<Json<Vec<TermOut>>, AppError> {
    let base = app.renderer().site().base_url.clone();
    let needle = q.map(|q| q.trim().to_lowercase()).unwrap_or_default();
    let terms = app.store().list_terms(kind).await?;
    // Autocomplete: names starting with the letters first, then names containing them.
    let mut hits: Vec<&TermRow> = terms
        .iter()
        .filter(|t| needle.is_empty() || t.name.to_lowercase().contains(&needle))
        .collect();
    if !needle.is_empty() {
        hits.sort_by_key(|t| !t.name.to_lowercase().starts_with(&needle));
        hits.truncate(20);
    }
    Ok(Json(hits.into_iter().map(|t| f(&base, t)).collect()))
}

#[utoipa::path(get, path = "/api/v1/rubriks", tag = "taxonomy", responses((status = 200, body = Vec<TermOut>)), security(("bearer" = [])))]
pub async fn rubriks(
    State(app): State<AppState>,
    _u: ApiUser,
) -> Result<Json<Vec<TermOut>>, AppError> {
    list(&app, Term::Rubrik, rubrik_out, None).await
}

#[utoipa::path(get, path = "/api/v1/tags", tag = "taxonomy", params(TermQuery), responses((status = 200, body = Vec<TermOut>)), security(("bearer" = [])))]
pub async fn tags(
    State(app): State<AppState>,
    _u: ApiUser,
    ApiQuery(q): ApiQuery<TermQuery>,
) -> Result<Json<Vec<TermOut>>, AppError> {
    list(&app, Term::Tag, tag_out, q.q.as_deref()).await
}

#[utoipa::path(get, path = "/api/v1/topics", tag = "taxonomy", params(TermQuery), responses((status = 200, body = Vec<TermOut>)), security(("bearer" = [])))]
pub async fn topics(
    State(app): State<AppState>,
    _u: ApiUser,
    ApiQuery(q): ApiQuery<TermQuery>,
) -> Result<Json<Vec<TermOut>>, AppError> {
    list(&app, Term::Topic, topic_out, q.q.as_deref()).await
}

#[utoipa::path(post, path = "/api/v1/rubriks", tag = "taxonomy", request_body = NewRubrik,
    responses((status = 201, body = TermOut, description = "created"), (status = 200, body = TermOut, description = "a rubrik of that name exists: it"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id))]
pub async fn create_rubrik(
    State(app): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewRubrik>,
) -> Result<Response, AppError> {
    let made = app.newsroom().create_rubrik(&user.0, &input.name).await?;
    let base = app.renderer().site().base_url.clone();
    let status = if made.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(rubrik_out(&base, &made.rubrik))).into_response())
}
