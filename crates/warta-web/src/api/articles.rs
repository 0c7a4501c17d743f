//! `/api/v1/articles`: create, read, list and edit. Workflow steps and pending versions are
//! in `workflow.rs`, history, presence and live entries in `history.rs`.

use super::types::{
    ArticleList, ArticleOut, ArticlePatch, ArticleQuery, ArticleSummary, ArticleVersion,
    NewArticle, VersionQuery,
};
use super::{ApiId, ApiJson, ApiQuery, ApiUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use warta_core::{Capability, Status};
use warta_newsroom::SaveMode;
use warta_store::{ArticleFilter, Term};

#[utoipa::path(post, path = "/api/v1/articles", tag = "articles", request_body = NewArticle,
    responses((status = 201, body = ArticleOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id))]
pub async fn create(
    State(app): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewArticle>,
) -> Result<Response, AppError> {
    let created = app.newsroom().create(&user.0, input).await?;
    let location = format!("/api/v1/articles/{}", created.id);
    let out = ArticleOut::from_row(&app, &created);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(out),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/articles/{id}", tag = "articles",
    params(("id" = i64, Path), VersionQuery),
    responses((status = 200, body = ArticleOut), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiQuery(q): ApiQuery<VersionQuery>,
) -> Result<Json<ArticleOut>, AppError> {
    let newsroom = app.newsroom();
    let a = newsroom.article(&user.0, id).await?;
    // Only those who may see the article's history learn about its pending version.
    let pending = match newsroom.pending(&user.0, id).await {
        Ok(p) => p,
        Err(warta_newsroom::NewsroomError::Forbidden(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let shown = match (q.version, &pending) {
        (Some(ArticleVersion::Pending), Some(_)) => newsroom.pending_view(&user.0, id).await?.0,
        _ => a,
    };
    Ok(Json(
        ArticleOut::from_row(&app, &shown).with_pending(pending.as_ref()),
    ))
}

#[utoipa::path(patch, path = "/api/v1/articles/{id}", tag = "articles", request_body = ArticlePatch,
    params(("id" = i64, Path)),
    responses((status = 200, body = ArticleOut, description = "saved; with `stage` on a published or scheduled article, as its pending version (`pending`)"),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem), (status = 428, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn patch(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(p): ApiJson<ArticlePatch>,
) -> Result<Json<ArticleOut>, AppError> {
    let mode = if p.stage {
        SaveMode::Stage
    } else {
        SaveMode::Live
    };
    let saved = app.newsroom().save(&user.0, id, p, mode).await?;
    Ok(Json(ArticleOut::saved(&app, &saved)))
}

#[utoipa::path(get, path = "/api/v1/articles", tag = "articles", params(ArticleQuery),
    responses((status = 200, body = ArticleList), (status = 400, body = Problem),
        (status = 422, body = Problem, description = "an unknown `status`")), security(("bearer" = [])))]
pub async fn list(
    State(app): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<ArticleQuery>,
) -> Result<Json<ArticleList>, AppError> {
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(20).clamp(1, 100);
    let filter = filter_of(&app, &user, q).await?;
    let (rows, total) = app.store().list_articles(&filter, page, per_page).await?;
    let base = &app.renderer().site().base_url;
    let items = rows.into_iter().map(|r| summary(base, r)).collect();
    Ok(Json(ArticleList {
        items,
        total,
        page,
        per_page,
    }))
}

/// The store's filter for a list query: slugs become ids (an unknown one matches nothing);
/// contributors list only their own articles.
async fn filter_of(
    app: &AppState,
    user: &ApiUser,
    q: ArticleQuery,
) -> Result<ArticleFilter, AppError> {
    let store = app.store();
    let term_id = |kind, slug: Option<String>| async move {
        match slug {
            None => Ok::<_, AppError>(None),
            Some(s) => Ok(Some(
                store
                    .term_by_slug(kind, &s)
                    .await?
                    .map(|t| t.id)
                    .unwrap_or(-1),
            )),
        }
    };
    let author_id = match &q.author {
        _ if !user.role().can(Capability::ReadAll) => Some(user.0.id),
        None => None,
        Some(s) => Some(store.user_by_slug(s).await?.map(|u| u.id).unwrap_or(-1)),
    };
    Ok(ArticleFilter {
        status: q.status.as_deref().map(Status::parse).transpose()?,
        rubrik_id: term_id(Term::Rubrik, q.rubrik).await?,
        tag_id: term_id(Term::Tag, q.tag).await?,
        topic_id: term_id(Term::Topic, q.topic).await?,
        author_id,
        q: q.q.filter(|s| !s.trim().is_empty()),
        ..Default::default()
    })
}

fn summary(base: &str, r: warta_store::TeaserRow) -> ArticleSummary {
    ArticleSummary {
        url: format!("{base}{}", crate::paths::teaser(&r)),
        published_at: r.published_at.map(warta_core::iso8601_wib),
        updated_at: warta_core::iso8601_wib(r.updated_at),
        id: r.id,
        slug: r.slug,
        status: r.status,
        revision: r.revision,
        headline: r.headline,
        rubrik: r.rubrik_name,
        kind: r.kind,
    }
}
