//! `POST /admin/artikel/{id}`: the editor form's save and workflow buttons, "Perbarui" and
//! "Buang perubahan" without JavaScript, and the conflict page.

use super::articles::editable;
use super::editor_form::{EditorForm, future_wib, plain};
use super::{CsrfForm, Staff, page};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use warta_core::{Block, Transition};
use warta_newsroom::{Apply, NewsroomError, SaveMode};
use warta_store::ArticleRow;

/// `POST /admin/artikel/{id}`: save the form (when anything changed), then take the workflow
/// step the pressed button names. A stale revision shows both versions, saving nothing.
pub async fn editor_post(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<EditorForm>,
) -> Response {
    let run = async {
        editable(&app, &staff, id).await?;
        let (shown, _) = app.newsroom().pending_view(&staff.0.user, id).await?;
        let step = match form.action.as_str() {
            "" | "save" => None,
            "apply" => return apply_form(&app, &staff, id, &form).await,
            "discard" => {
                app.newsroom().discard_pending(&staff.0.user, id).await?;
                return Ok(Redirect::to(&format!("/admin/artikel/{id}?ok=discard")).into_response());
            }
            "submit" => Some(Transition::Submit),
            "return" => Some(Transition::Return),
            "publish" => Some(Transition::Publish),
            "schedule" => Some(Transition::Schedule),
            "unpublish" => Some(Transition::Unpublish),
            other => return Err(AppError::BadRequest(format!("unknown action '{other}'"))),
        };
        // Editing rights are needed only when the content changed: an editor may publish a
        // writer's article, a writer may submit without touching it.
        if !form.same_content_as(&shown)
            && let Some(conflict) = save_form(&app, &staff, id, &form, &shown).await?
        {
            return Ok(conflict);
        }
        let done = match step {
            None => "save",
            Some(t) => take_form_step(&app, &staff, id, t, &form).await?,
        };
        Ok(Redirect::to(&format!("/admin/artikel/{id}?ok={done}")).into_response())
    };
    match run.await {
        Ok(r) => r,
        Err(e) => super::compose::refused(&app, &staff, Some(id), &form, e).await,
    }
}

/// "Perbarui" without JavaScript: save what the form holds, then apply it with the
/// correction note.
async fn apply_form(
    app: &AppState,
    staff: &Staff,
    id: i64,
    form: &EditorForm,
) -> Result<Response, AppError> {
    let (shown, _) = app.newsroom().pending_view(&staff.0.user, id).await?;
    let mut revision = form.revision;
    if !form.same_content_as(&shown) {
        let mut patch = form.patch()?;
        patch.correction = None;
        let saved = app
            .newsroom()
            .save(&staff.0.user, id, patch, SaveMode::Stage)
            .await;
        if let Err(NewsroomError::Stale { .. }) = saved {
            return conflict_page(app, staff, id, form).await;
        }
        revision = saved?.article.revision;
    }
    let apply = Apply {
        revision: Some(revision),
        correction: Some(form.correction.clone()).filter(|c| !c.trim().is_empty()),
    };
    app.newsroom()
        .apply_pending(&staff.0.user, id, apply)
        .await?;
    Ok(Redirect::to(&format!("/admin/artikel/{id}?ok=apply")).into_response())
}

/// Both versions side by side after a stale save: nothing was written.
async fn conflict_page(
    app: &AppState,
    staff: &Staff,
    id: i64,
    form: &EditorForm,
) -> Result<Response, AppError> {
    let (theirs, _) = app.newsroom().pending_view(&staff.0.user, id).await?;
    let live = app.store().article_by_id(id).await?;
    let mut t = plain(&theirs.headline, &theirs.dek, &theirs.body);
    let by = live.updated_by.as_ref().map(|(_, n)| n.clone());
    t = minijinja::context! { revision => live.revision, by => by, ..t };
    let yours_body = serde_json::from_str::<Vec<serde_json::Value>>(form.body_json.trim())
        .ok()
        .and_then(|v| Block::parse_body(&v).ok())
        .unwrap_or_default();
    let ctx = minijinja::context! {
        id => id,
        yours => plain(&form.headline, &form.dek, &yours_body),
        theirs => t,
    };
    let strings = warta_admin::strings(staff.lang());
    let mut res = page(app, staff, "conflict.html", strings["conflict_title"], ctx);
    *res.status_mut() = StatusCode::CONFLICT;
    Ok(res)
}

/// Save the form as a pending version (published or scheduled) or the draft itself. A stale
/// revision answers the conflict page, with nothing written.
async fn save_form(
    app: &AppState,
    staff: &Staff,
    id: i64,
    form: &EditorForm,
    shown: &ArticleRow,
) -> Result<Option<Response>, AppError> {
    let mut patch = form.patch()?;
    // A correction note goes with "Perbarui", never with a plain save.
    patch.correction = None;
    if form.slug.trim() == shown.slug && warta_newsroom::slug_follows_headline(shown) {
        patch.slug = Some(String::new());
    }
    match app
        .newsroom()
        .save(&staff.0.user, id, patch, SaveMode::Stage)
        .await
    {
        Err(NewsroomError::Stale { .. }) => Ok(Some(conflict_page(app, staff, id, form).await?)),
        other => other.map(|_| None).map_err(AppError::from),
    }
}

/// The workflow step a button names; publishing applies a pending version first.
async fn take_form_step(
    app: &AppState,
    staff: &Staff,
    id: i64,
    t: Transition,
    form: &EditorForm,
) -> Result<&'static str, AppError> {
    let user = &staff.0.user;
    match t {
        Transition::Schedule => {
            let at = Some(future_wib(&form.schedule_at)?);
            app.newsroom()
                .publish(user, id, at, Apply::default())
                .await?;
        }
        Transition::Publish => {
            app.newsroom()
                .publish(user, id, None, Apply::default())
                .await?;
        }
        // The press council's guideline: a takedown says why, on the article's 410 page.
        Transition::Unpublish => {
            let reason = form.takedown_reason.trim();
            if reason.is_empty() {
                return Err(warta_core::ValidationError::new(
                    "takedown_reason",
                    "give the reason for taking the article down",
                )
                .into());
            }
            app.newsroom().unpublish(user, id, Some(reason)).await?;
        }
        _ => {
            app.newsroom().step(user, id, t, None).await?;
        }
    }
    app.wake_scheduler();
    Ok(t.as_str())
}
