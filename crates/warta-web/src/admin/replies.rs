//! `/admin/artikel/{id}/hak-jawab`: the article's right-of-reply notes, and the form that
//! attaches one (a text from someone, or the id of the article that is the reply). Works
//! without JavaScript.

use super::{CsrfForm, Staff, error_page, page};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// `GET /admin/artikel/{id}/hak-jawab`.
pub async fn replies_page(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Response {
    let run = async {
        let a = app.newsroom().article(&staff.0.user, id).await?;
        let replies: Vec<_> = a
            .replies
            .iter()
            .map(|r| {
                minijinja::context! {
                    id => r.id, from => r.from_whom.clone(), text => r.text.clone(),
                    article_id => r.reply_article_id,
                    article => r.reply_article.as_ref().map(|(_, h)| h.clone()),
                    at => warta_core::format_long_wib(r.created_at),
                }
            })
            .collect();
        let ctx = minijinja::context! {
            id => id, headline => a.headline.clone(), replies => replies,
            ok => false,
        };
        let title = warta_admin::strings(staff.lang())["replies"];
        Ok::<_, AppError>(page(&app, &staff, "replies.html", title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReplyForm {
    from: String,
    text: String,
    article_id: String,
}

/// `POST /admin/artikel/{id}/hak-jawab`: attach a reply.
pub async fn add_reply(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> Response {
    let run = async {
        let article_id = match form.article_id.trim() {
            "" => None,
            n => Some(n.parse::<i64>().map_err(|_| {
                warta_core::ValidationError::new("article_id", "not an article id")
            })?),
        };
        let input = warta_newsroom::ReplyInput {
            from: form.from,
            text: form.text,
            article_id,
        };
        app.newsroom().add_reply(&staff.0.user, id, input).await?;
        Ok::<_, AppError>(())
    };
    match run.await {
        Ok(()) => Redirect::to(&format!("/admin/artikel/{id}/hak-jawab")).into_response(),
        Err(e) => error_page(&app, Some(&staff), e),
    }
}

/// `POST /admin/artikel/{id}/hak-jawab/{reply}/hapus`: remove a reply.
pub async fn delete_reply(
    State(app): State<AppState>,
    staff: Staff,
    Path((id, reply)): Path<(i64, i64)>,
    CsrfForm(_): CsrfForm<super::session::Empty>,
) -> Response {
    match app.newsroom().delete_reply(&staff.0.user, id, reply).await {
        Ok(_) => Redirect::to(&format!("/admin/artikel/{id}/hak-jawab")).into_response(),
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}
