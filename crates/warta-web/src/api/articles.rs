//! `/api/v1/articles`: create, read, list, edit, publish, unpublish.

use super::types::{
    ArticleList, ArticleOut, ArticlePatch, ArticleQuery, ArticleSummary, LiveEntryOut, NewArticle,
    NewLiveEntry, PresenceName, PresenceOut, PublishInput, RevisionList, RevisionOut, UserRef,
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
use warta_core::{Block, Capability, Status, Transition, ValidationError};
use warta_store::{ArticleFilter, ArticleRow, Save, Term, UserRow};

/// Everything a change to `a` can make stale.
pub fn deps_of(a: &ArticleRow) -> Vec<Dep> {
    let mut d = vec![Dep::Article(a.id), Dep::Rubrik(a.rubrik.id), Dep::Lists];
    d.extend(a.tags.iter().map(|t| Dep::Tag(t.id)));
    d.extend(a.topic.iter().map(|t| Dep::Topic(t.id)));
    d.extend(a.authors.iter().map(|u| Dep::Author(u.id)));
    d
}

pub fn changed(app: &AppState, before: Option<&ArticleRow>, after: &ArticleRow) {
    let mut deps = deps_of(after);
    if let Some(b) = before {
        deps.extend(deps_of(b));
    }
    app.invalidate(&deps);
}

fn is_own(user: &ApiUser, a: &ArticleRow) -> bool {
    owns(&user.0, a)
}

/// Did `user` create or co-author `a`?
pub fn owns(user: &UserRow, a: &ArticleRow) -> bool {
    a.created_by == user.id || a.authors.iter().any(|u| u.id == user.id)
}

/// May this user change this article?
pub fn may_edit(user: &ApiUser, a: &ArticleRow) -> Result<(), AppError> {
    if user.role().can(Capability::EditAny) {
        return Ok(());
    }
    if !is_own(user, a) {
        return Err(AppError::Forbidden(
            "you may edit only your own articles".into(),
        ));
    }
    if matches!(a.status, Status::Published | Status::Scheduled) {
        return Err(AppError::Forbidden(
            "a published or scheduled article is changed by an editor".into(),
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
    responses((status = 200, body = ArticleOut), (status = 403, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem), (status = 428, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn patch(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(mut p): ApiJson<ArticlePatch>,
) -> Result<Json<ArticleOut>, AppError> {
    let current = app.store().article_by_id(id).await?;
    may_edit(&user, &current)?;
    let Some(expected) = p.revision else {
        return Err(AppError::PreconditionRequired(
            "say which revision your edit is based on ('revision'), so that nobody's edit is overwritten blindly".into(),
        ));
    };
    let correction = match p.correction.take().filter(|c| !c.trim().is_empty()) {
        Some(note) => {
            user.require(Capability::Publish, "attach corrections")?;
            if current.status != Status::Published {
                return Err(ValidationError::new(
                    "correction",
                    "a correction is attached to a published article; edit drafts freely",
                )
                .into());
            }
            Some(warta_core::bounded("correction", &note, 1, 2_000)?)
        }
        None => None,
    };
    let write = content::write_for_patch(app.store(), &user.0, &current, p).await?;
    let save = Save {
        expected_revision: Some(expected),
        by: user.0.id,
        correction,
        action: "save",
    };
    let updated = app.store().update_article(id, &write, &save).await?;
    changed(&app, Some(&current), &updated);
    Ok(Json(ArticleOut::from_row(&app, &updated)))
}

/// Take a workflow step on behalf of `user`: checks the role, that a contributor or writer
/// acts only on their own article, and (for publishing) that every photo is captioned,
/// credited and described.
pub async fn take_step(
    app: &AppState,
    user: &UserRow,
    id: i64,
    step: Transition,
    at: Option<i64>,
) -> Result<ArticleRow, AppError> {
    AppError::require(
        user.role,
        step.capability(),
        &format!("{} articles", step.as_str()),
    )?;
    let before = app.store().article_by_id(id).await?;
    if step == Transition::Submit && !user.role.can(Capability::EditAny) && !owns(user, &before) {
        return Err(AppError::Forbidden(
            "you may submit only your own articles".into(),
        ));
    }
    if matches!(step, Transition::Publish | Transition::Schedule) {
        content::check_publishable(app.store(), &before).await?;
    }
    let after = app.store().transition(id, step, at, user.id).await?;
    changed(app, Some(&before), &after);
    app.wake_scheduler();
    Ok(after)
}

#[utoipa::path(post, path = "/api/v1/articles/{id}/publish", tag = "articles", request_body(content = Option<PublishInput>),
    params(("id" = i64, Path)),
    responses((status = 200, body = ArticleOut, description = "published, or scheduled when `at` is in the future; `url` is where it will be"),
        (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
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
        Some(s) => Some(content::parse_time("at", &s)?),
        None => None,
    };
    // Any time ahead is an embargo: schedule it (publishing "now" would break it early).
    let step = match at {
        Some(t) if t > warta_store::now_ms() => Transition::Schedule,
        _ => Transition::Publish,
    };
    let after = take_step(&app, &user.0, id, step, at).await?;
    Ok(Json(ArticleOut::from_row(&app, &after)))
}

macro_rules! step_route {
    ($name:ident, $path:literal, $step:expr) => {
        #[utoipa::path(post, path = $path, tag = "articles",
            params(("id" = i64, Path)), responses((status = 200, body = ArticleOut), (status = 403, body = Problem), (status = 409, body = Problem)),
            security(("bearer" = [])))]
        #[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
        pub async fn $name(
            State(app): State<AppState>,
            user: ApiUser,
            ApiId(id): ApiId,
        ) -> Result<Json<ArticleOut>, AppError> {
            let after = take_step(&app, &user.0, id, $step, None).await?;
            Ok(Json(ArticleOut::from_row(&app, &after)))
        }
    };
}

step_route!(
    unpublish,
    "/api/v1/articles/{id}/unpublish",
    Transition::Unpublish
);
step_route!(submit, "/api/v1/articles/{id}/submit", Transition::Submit);
step_route!(
    send_back,
    "/api/v1/articles/{id}/return",
    Transition::Return
);

/// May this user see this article's history and presence?
async fn readable(app: &AppState, user: &ApiUser, id: i64) -> Result<ArticleRow, AppError> {
    let a = app.store().article_by_id(id).await?;
    if !user.role().can(Capability::ReadAll) && !is_own(user, &a) {
        return Err(AppError::Forbidden(
            "you may read only your own articles' history".into(),
        ));
    }
    Ok(a)
}

#[utoipa::path(get, path = "/api/v1/articles/{id}/revisions", tag = "articles",
    params(("id" = i64, Path)), responses((status = 200, body = RevisionList), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn revisions(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<Json<RevisionList>, AppError> {
    readable(&app, &user, id).await?;
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
    responses((status = 200, body = ArticleOut), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id))]
pub async fn restore(
    State(app): State<AppState>,
    user: ApiUser,
    axum::extract::Path((id, revision)): axum::extract::Path<(i64, i64)>,
) -> Result<Json<ArticleOut>, AppError> {
    let restored = restore_revision(&app, &user.0, id, revision).await?;
    Ok(Json(ArticleOut::from_row(&app, &restored)))
}

/// Save an old revision's content as the newest revision (history is never rewritten).
pub async fn restore_revision(
    app: &AppState,
    user: &UserRow,
    id: i64,
    revision: i64,
) -> Result<ArticleRow, AppError> {
    let current = app.store().article_by_id(id).await?;
    may_edit(&ApiUser(user.clone()), &current)?;
    let (_, mut snapshot) = app.store().revision(id, revision).await?;
    // The restored text keeps today's publication time and slug history rules.
    snapshot.published_at = None;
    let save = Save {
        expected_revision: Some(current.revision),
        by: user.id,
        correction: None,
        action: "restore",
    };
    let restored = app.store().update_article(id, &snapshot, &save).await?;
    changed(app, Some(&current), &restored);
    Ok(restored)
}

#[utoipa::path(post, path = "/api/v1/articles/{id}/presence", tag = "articles",
    params(("id" = i64, Path)), responses((status = 200, body = PresenceOut)),
    security(("bearer" = [])))]
pub async fn presence(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<Json<PresenceOut>, AppError> {
    readable(&app, &user, id).await?;
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
    responses((status = 201, body = LiveEntryOut), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(user = user.0.id, article = id))]
pub async fn add_live_entry(
    State(app): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<NewLiveEntry>,
) -> Result<Response, AppError> {
    let entry = post_live_entry(&app, &user.0, id, &input.title, &input.body).await?;
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

/// Add an entry to a live article: writers and up, on an article in live mode.
pub async fn post_live_entry(
    app: &AppState,
    user: &UserRow,
    id: i64,
    title: &str,
    body: &[serde_json::Value],
) -> Result<warta_store::LiveEntryRow, AppError> {
    if !user.role.can(Capability::ReadAll) {
        return Err(AppError::Forbidden(
            "live entries are written by the newsroom's writers and editors".into(),
        ));
    }
    let a = app.store().article_by_id(id).await?;
    if !a.live {
        return Err(AppError::Conflict(
            "the article is not in live mode; switch it on first ('live': true)".into(),
        ));
    }
    let title = warta_core::bounded("title", title, 0, 200)?;
    let blocks = Block::parse_body(body)?;
    if blocks.is_empty() {
        return Err(ValidationError::new("body", "an entry needs at least one block").into());
    }
    let entry = app
        .store()
        .add_live_entry(id, &title, &blocks, user.id)
        .await?;
    changed(app, None, &a);
    app.live_changed(id);
    Ok(entry)
}

#[utoipa::path(get, path = "/api/v1/articles", tag = "articles", params(ArticleQuery),
    responses((status = 200, body = ArticleList), (status = 400, body = Problem),
        (status = 422, body = Problem, description = "an unknown `status`")), security(("bearer" = [])))]
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
