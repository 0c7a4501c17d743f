//! `/api/v1/articles`: create, read, list, edit, publish, unpublish.

use super::types::{
    ArticleList, ArticleOut, ArticlePatch, ArticleQuery, ArticleSummary, NewArticle, PublishInput,
};
use super::{ApiId, ApiJson, ApiQuery, ApiUser};
use crate::cache::Dep;
use crate::content;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use warta_core::{Capability, Status};
use warta_store::{ArticleFilter, ArticleRow, Term};

/// Everything a change to `a` can make stale.
pub fn deps_of(a: &ArticleRow) -> Vec<Dep> {
    let mut d = vec![Dep::Article(a.id), Dep::Rubrik(a.rubrik.id), Dep::Lists];
    d.extend(a.tags.iter().map(|t| Dep::Tag(t.id)));
    d.extend(a.topic.iter().map(|t| Dep::Topic(t.id)));
    d.extend(a.authors.iter().map(|u| Dep::Author(u.id)));
    d
}

fn changed(app: &AppState, before: Option<&ArticleRow>, after: &ArticleRow) {
    let mut deps = deps_of(after);
    if let Some(b) = before {
        deps.extend(deps_of(b));
    }
    app.invalidate(&deps);
}

fn is_own(user: &ApiUser, a: &ArticleRow) -> bool {
    a.created_by == user.0.id || a.authors.iter().any(|u| u.id == user.0.id)
}

/// May this user change this article?
fn may_edit(user: &ApiUser, a: &ArticleRow) -> Result<(), AppError> {
    if user.role().can(Capability::EditAny) {
        return Ok(());
    }
    if !is_own(user, a) {
        return Err(AppError::Forbidden(
            "you may edit only your own articles".into(),
        ));
    }
    if a.status == Status::Published {
        return Err(AppError::Forbidden(
            "a published article is changed by an editor".into(),
        ));
    }
    Ok(())
}

#[utoipa::path(post, path = "/api/v1/articles", tag = "articles", request_body = NewArticle,
    responses((status = 201, body = ArticleOut), (status = 401, body = Problem), (status = 422, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id))]
pub async fn create(
    State(app): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewArticle>,
) -> Result<Response, AppError> {
    let write = content::write_for_new(app.store(), &user.0, input).await?;
    let created = app
        .store()
        .create_article(&write, Status::Draft, user.0.id)
        .await?;
    let out = ArticleOut::from_row(&app, &created);
    let location = format!("/api/v1/articles/{}", created.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(out),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/articles/{id}", tag = "articles",
    params(("id" = i64, Path)), responses((status = 200, body = ArticleOut), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<Json<ArticleOut>, AppError> {
    let a = app.store().article_by_id(id).await?;
    if !user.role().can(Capability::ReadAll) && !is_own(&user, &a) && a.status != Status::Published
    {
        return Err(AppError::Forbidden(
            "you may read only your own unpublished articles".into(),
        ));
    }
    Ok(Json(ArticleOut::from_row(&app, &a)))
}

#[utoipa::path(patch, path = "/api/v1/articles/{id}", tag = "articles", request_body = ArticlePatch,
    params(("id" = i64, Path)),
    responses((status = 200, body = ArticleOut), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn patch(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(p): ApiJson<ArticlePatch>,
) -> Result<Json<ArticleOut>, AppError> {
    let current = app.store().article_by_id(id).await?;
    may_edit(&user, &current)?;
    let expected = p.revision;
    let write = content::write_for_patch(app.store(), &user.0, &current, p).await?;
    let updated = app
        .store()
        .update_article(id, &write, expected, user.0.id)
        .await?;
    changed(&app, Some(&current), &updated);
    Ok(Json(ArticleOut::from_row(&app, &updated)))
}

#[utoipa::path(post, path = "/api/v1/articles/{id}/publish", tag = "articles", request_body(content = Option<PublishInput>),
    params(("id" = i64, Path)), responses((status = 200, body = ArticleOut), (status = 403, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn publish(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    body: axum::body::Bytes,
) -> Result<Json<ArticleOut>, AppError> {
    user.require(Capability::Publish, "publish articles")?;
    // The body is optional: empty means "now".
    let input: PublishInput = if body.iter().all(u8::is_ascii_whitespace) {
        PublishInput::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| AppError::Unprocessable(format!("invalid publish request: {e}")))?
    };
    let at = match input.at {
        Some(s) => Some(content::parse_time("at", &s)?),
        None => None,
    };
    let before = app.store().article_by_id(id).await?;
    let after = app.store().set_status(id, Status::Published, at).await?;
    changed(&app, Some(&before), &after);
    Ok(Json(ArticleOut::from_row(&app, &after)))
}

#[utoipa::path(post, path = "/api/v1/articles/{id}/unpublish", tag = "articles",
    params(("id" = i64, Path)), responses((status = 200, body = ArticleOut), (status = 403, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn unpublish(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<Json<ArticleOut>, AppError> {
    user.require(Capability::Publish, "unpublish articles")?;
    let before = app.store().article_by_id(id).await?;
    let after = app
        .store()
        .set_status(id, Status::Unpublished, None)
        .await?;
    changed(&app, Some(&before), &after);
    Ok(Json(ArticleOut::from_row(&app, &after)))
}

#[utoipa::path(get, path = "/api/v1/articles", tag = "articles", params(ArticleQuery),
    responses((status = 200, body = ArticleList), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn list(
    State(app): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<ArticleQuery>,
) -> Result<Json<ArticleList>, AppError> {
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
        // Contributors list only their own articles.
        _ if !user.role().can(Capability::ReadAll) => Some(user.0.id),
        None => None,
        Some(s) => Some(store.user_by_slug(s).await?.map(|u| u.id).unwrap_or(-1)),
    };
    let filter = ArticleFilter {
        status: q.status.as_deref().map(Status::parse).transpose()?,
        rubrik_id: term_id(Term::Rubrik, q.rubrik).await?,
        tag_id: term_id(Term::Tag, q.tag).await?,
        topic_id: term_id(Term::Topic, q.topic).await?,
        author_id,
        q: q.q.filter(|s| !s.trim().is_empty()),
        ..Default::default()
    };
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(20).clamp(1, 100);
    let (rows, total) = store.list_articles(&filter, page, per_page).await?;
    let base = &app.renderer().site().base_url;
    let items = rows
        .into_iter()
        .map(|r| ArticleSummary {
            url: format!("{base}{}", crate::paths::article(&r.slug)),
            published_at: r.published_at.map(warta_core::iso8601_wib),
            updated_at: warta_core::iso8601_wib(r.updated_at),
            id: r.id,
            slug: r.slug,
            status: r.status,
            revision: r.revision,
            headline: r.headline,
            rubrik: r.rubrik_name,
        })
        .collect();
    Ok(Json(ArticleList {
        items,
        total,
        page,
        per_page,
    }))
}
