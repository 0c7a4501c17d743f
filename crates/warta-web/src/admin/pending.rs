//! Unpublished changes of a published story in the newsroom: the word diff against the live
//! text, "Perbarui" (apply, with an optional correction note) and "Buang perubahan".

use super::CsrfForm;
use super::{Staff, error_page, page};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use serde::Deserialize;
use warta_core::Block;
use warta_store::ArticleRow;

/// Headline, dek and the body's text as lines, for word diffs.
pub fn article_text(headline: &str, dek: &str, body: &[Block]) -> String {
    let mut out = format!("# {headline}\n{dek}\n\n");
    for t in body.iter().map(Block::plain_text).filter(|t| !t.is_empty()) {
        out.push_str(&t);
        out.push_str("\n\n");
    }
    out
}

/// A word diff from `a` to `b` as `{op, text}` runs for the templates.
pub fn word_diff(a: &str, b: &str) -> Vec<Value> {
    similar::TextDiff::from_words(a, b)
        .iter_all_changes()
        .map(|c| {
            let op = match c.tag() {
                similar::ChangeTag::Insert => "insert",
                similar::ChangeTag::Delete => "delete",
                similar::ChangeTag::Equal => "equal",
            };
            minijinja::context! { op => op, text => c.value().to_string() }
        })
        .collect()
}

/// What the pending section shows: who saved the changes, when, and the diff. `None` when
/// nothing is pending.
pub async fn pending_context(app: &AppState, live: &ArticleRow) -> Result<Option<Value>, AppError> {
    let Some(p) = app.store().pending(live.id).await? else {
        return Ok(None);
    };
    let before = article_text(&live.headline, &live.dek, &live.body);
    let after = article_text(&p.write.headline, &p.write.dek, &p.write.body);
    Ok(Some(minijinja::context! {
        by => p.by_name, at => p.updated_at, for_review => p.submitted_at.is_some(),
        diff => word_diff(&before, &after),
    }))
}

/// `/admin/artikel/{id}/tertunda`: the unpublished changes on their own page.
pub async fn pending_page(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Response {
    let run = async {
        let live = app.store().article_by_id(id).await?;
        warta_newsroom::may_read_history(&staff.0.user, &live)?;
        let pending = pending_context(&app, &live).await?;
        let ctx = minijinja::context! {
            id => id, headline => live.headline.clone(), revision => live.revision,
            status => live.status, pending => pending,
        };
        let title = warta_admin::strings(staff.lang())["pending_title"];
        Ok::<_, AppError>(page(&app, &staff, "pending.html", title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ApplyForm {
    revision: Option<i64>,
    correction: String,
}

/// `POST /admin/artikel/{id}/perbarui`: "Perbarui".
pub async fn apply(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ApplyForm>,
) -> Response {
    let apply = warta_newsroom::Apply {
        revision: form.revision,
        correction: Some(form.correction).filter(|c| !c.trim().is_empty()),
    };
    match app.newsroom().apply_pending(&staff.0.user, id, apply).await {
        Ok(_) => Redirect::to(&format!("/admin/artikel/{id}?ok=apply")).into_response(),
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}

/// `POST /admin/artikel/{id}/buang`: "Buang perubahan".
pub async fn discard(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<super::session::Empty>,
) -> Response {
    match app.newsroom().discard_pending(&staff.0.user, id).await {
        Ok(_) => Redirect::to(&format!("/admin/artikel/{id}?ok=discard")).into_response(),
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}
