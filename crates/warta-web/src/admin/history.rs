//! Preview (with its "belum terbit" banner), revisions with a readable diff, restore.

use super::articles::editable;
use super::{CsrfForm, Staff, error_page, page};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// `/admin/artikel/{id}/pratinjau`: the exact reader page, whatever the status.
pub async fn preview(State(app): State<AppState>, staff: Staff, Path(id): Path<i64>) -> Response {
    let run = async {
        editable(&app, &staff, id).await?;
        // The pending version when there is one: what "Perbarui" would publish.
        let (a, _) = app.newsroom().pending_view(&staff.0.user, id).await?;
        let (view, _) = crate::views::article_view(&app, &a).await?;
        let ctx = crate::public::page_context(&app).await?;
        let html = preview_banner(&app.renderer().article_page(&ctx, &view)?);
        let mut res = super::html_response(StatusCode::OK, html);
        res.headers_mut().insert(
            "x-robots-tag",
            HeaderValue::from_static("noindex, nofollow"),
        );
        Ok::<_, AppError>(res)
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// Mark a preview so that nobody mistakes it for the published page.
fn preview_banner(html: &str) -> String {
    const BANNER: &str = "<p class=\"pratinjau\" role=\"status\">Pratinjau — belum terbit</p>";
    match html
        .find("<body")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
    {
        Some(at) => format!("{}{BANNER}{}", &html[..at], &html[at..]),
        None => html.to_string(),
    }
}

#[derive(Deserialize, Default)]
pub struct DiffQuery {
    a: Option<i64>,
    b: Option<i64>,
}

/// `/admin/artikel/{id}/revisi`: every revision, and a readable diff between two.
pub async fn revisions(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<DiffQuery>,
) -> Response {
    let run = async {
        let a = editable(&app, &staff, id).await?;
        let list = app.store().revisions(id).await?;
        let newest = list.first().map(|r| r.revision).unwrap_or(1);
        let (ra, rb) = match (q.a, q.b) {
            (Some(x), Some(y)) => (x.min(y), x.max(y)),
            _ => ((newest - 1).max(1), newest),
        };
        let diff = if ra != rb {
            let (_, wa) = app.store().revision(id, ra).await?;
            let (_, wb) = app.store().revision(id, rb).await?;
            let text = |w: &warta_store::ArticleWrite| {
                super::pending::article_text(&w.headline, &w.dek, &w.body)
            };
            super::pending::word_diff(&text(&wa), &text(&wb))
        } else {
            Vec::new()
        };
        let can_edit = warta_newsroom::may_stage(&staff.0.user, &a).is_ok();
        let ctx = minijinja::context! {
            id => id, headline => a.headline.clone(), a => ra, b => rb, diff => diff,
            can_edit => can_edit,
            revisions => list.iter().map(|r| minijinja::context! {
                revision => r.revision, author_name => r.author_name.clone(), created_at => r.created_at,
            }).collect::<Vec<_>>(),
        };
        let title = warta_admin::strings(staff.lang())["revisions"];
        Ok::<_, AppError>(page(&app, &staff, "revisions.html", title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// `POST /admin/artikel/{id}/revisi/{rev}/pulihkan`.
pub async fn restore(
    State(app): State<AppState>,
    staff: Staff,
    Path((id, revision)): Path<(i64, i64)>,
    CsrfForm(_): CsrfForm<super::session::Empty>,
) -> Response {
    match app.newsroom().restore(&staff.0.user, id, revision).await {
        Ok((_, left_out)) => {
            // What was left out travels as short codes the editor page turns into notices.
            let codes: Vec<String> = left_out.iter().map(|l| l.code()).collect();
            let tanpa = if codes.is_empty() {
                String::new()
            } else {
                format!("&tanpa={}", codes.join(","))
            };
            Redirect::to(&format!("/admin/artikel/{id}?ok=restore{tanpa}")).into_response()
        }
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}
