//! Articles in the newsroom: dashboard, list, editor page and its form, workflow steps,
//! preview, revisions with a readable diff, restore.

use super::editor_form::{authors_text, sources_text, tags_text};
use super::{Staff, error_page, page};
use crate::article_out::ArticleOut;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};

use axum::response::Response;
use minijinja::Value;
use serde::Deserialize;
use warta_core::{Capability, Status};
use warta_newsroom::owns;
use warta_store::{ArticleFilter, ArticleRow, Term};

async fn rows(app: &AppState, f: ArticleFilter, n: u32) -> Result<Vec<Value>, AppError> {
    let (rows, _) = app.store().list_articles(&f, 1, n).await?;
    super::lists::row_values(app, &rows).await
}

pub(super) async fn dashboard(app: &AppState, staff: &Staff) -> Result<Response, AppError> {
    let me = staff.0.user.id;
    let status = |s: Status| ArticleFilter {
        status: Some(s),
        ..Default::default()
    };
    let mine = ArticleFilter {
        author_id: Some(me),
        ..status(Status::Draft)
    };
    // Contributors see only their own work anywhere in the newsroom.
    let scope = |mut f: ArticleFilter| {
        if !staff.can(Capability::ReadAll) {
            f.author_id = Some(me);
        }
        f
    };
    let mut review = rows(app, scope(status(Status::Submitted)), 20).await?;
    review.extend(super::lists::pending_review(app, staff).await?);
    let ctx = minijinja::context! {
        drafts => rows(app, mine, 20).await?,
        review => review,
        scheduled => rows(app, scope(status(Status::Scheduled)), 20).await?,
        published => rows(app, scope(status(Status::Published)), 10).await?,
    };
    let title = warta_admin::strings(staff.lang())["dashboard"];
    Ok(page(app, staff, "dashboard.html", title, ctx))
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    halaman: Option<u32>,
}

/// `/admin/artikel`: every article the person may see, newest change first.
pub async fn article_list(
    State(app): State<AppState>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Response {
    let run = async {
        let status = match q.status.as_str() {
            "" => None,
            s => Some(Status::parse(s)?),
        };
        let filter = ArticleFilter {
            status,
            q: Some(q.q.clone()).filter(|s| !s.trim().is_empty()),
            author_id: (!staff.can(Capability::ReadAll)).then_some(staff.0.user.id),
            ..Default::default()
        };
        let page_no = q.halaman.unwrap_or(1).max(1);
        let (list, total) = app.store().list_articles(&filter, page_no, 30).await?;
        let link = |p: u32| {
            format!(
                "/admin/artikel?q={}&status={}&halaman={p}",
                super::urlencode(&q.q),
                super::urlencode(&q.status)
            )
        };
        let ctx = minijinja::context! {
            rows => super::lists::row_values(&app, &list).await?,
            total => total, q => q.q.clone(), status => q.status.clone(),
            prev => (page_no > 1).then(|| link(page_no - 1)),
            next => (i64::from(page_no) * 30 < total).then(|| link(page_no + 1)),
        };
        let title = warta_admin::strings(staff.lang())["articles"];
        Ok::<_, AppError>(page(&app, &staff, "articles.html", title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// The article if this person may open it in the editor.
pub(super) async fn editable(
    app: &AppState,
    staff: &Staff,
    id: i64,
) -> Result<ArticleRow, AppError> {
    let a = app.store().article_by_id(id).await?;
    if !staff.can(Capability::ReadAll) && !owns(&staff.0.user, &a) {
        return Err(AppError::Forbidden(
            "you may open only your own articles".into(),
        ));
    }
    Ok(a)
}

/// JSON for a `<script type="application/json">`: `<`, `>` and `&` escaped.
pub(super) fn script_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[derive(Deserialize, Default)]
pub struct EditorQuery {
    #[serde(default)]
    ok: String,
    /// What a restore left out ([`warta_newsroom::LeftOut::code`]s, comma-separated).
    #[serde(default)]
    tanpa: String,
}

/// The notices for `tanpa`, in the reader's language; unknown codes are ignored.
fn left_out_notices(lang: warta_admin::Lang, tanpa: &str) -> Vec<String> {
    tanpa
        .split(',')
        .filter_map(warta_newsroom::LeftOut::parse)
        .take(50)
        .map(|l| warta_admin::localize(lang, &l.notice()))
        .collect()
}

/// `/admin/artikel/{id}`: the editor.
pub async fn editor_page(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<EditorQuery>,
) -> Response {
    let run = async {
        let live = editable(&app, &staff, id).await?;
        // The editor continues a pending version where there is one.
        let (a, _) = app.newsroom().pending_view(&staff.0.user, id).await?;
        let pending = app.store().pending(id).await?;
        let pending_ctx = super::pending::pending_context(&app, &live).await?;
        let out = ArticleOut::from_row(&app, &a).with_pending(pending.as_ref());
        let rubriks = app.store().list_terms(Term::Rubrik).await?;
        let wire = app.store().wire_item_of_article(id).await?;
        let strings = warta_admin::strings(staff.lang());
        let flash = strings
            .get(format!("ok_{}", q.ok).as_str())
            .copied()
            .filter(|_| !q.ok.is_empty());
        let schedule_value = a
            .published_at
            .filter(|_| a.status == Status::Scheduled)
            .map(|p| {
                warta_core::iso8601_wib(p)
                    .chars()
                    .take(16)
                    .collect::<String>()
            })
            .unwrap_or_default();
        let ctx = minijinja::context! {
            a => Value::from_serialize(&out),
            article_json => script_json(&out),
            body_json => serde_json::to_string_pretty(&a.body).unwrap_or_default(),
            rubriks => rubriks.iter().map(|r| minijinja::context!{ name => r.name.clone() }).collect::<Vec<_>>(),
            tags => tags_text(&a),
            authors => authors_text(&a),
            sources => sources_text(&a.sources),
            references => super::editor_form::references_text(a.fact_check.as_ref()),
            kinds => warta_core::ArticleKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            verdicts => app.newsroom().verdicts(),
            schedule_value => schedule_value,
            flash => flash,
            notices => left_out_notices(staff.lang(), &q.tanpa),
            pending => pending_ctx,
            max_upload => app.config().media_limits.max_bytes,
            wire => wire.as_ref().map(super::wire::item_value),
        };
        Ok::<_, AppError>(page(&app, &staff, "editor.html", &a.headline, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_times_are_read_in_wib() {
        // 14:05 WIB on 1 March 2022 is 07:05 UTC.
        let wib_local = super::super::editor_form::wib_local;
        assert_eq!(wib_local("2022-03-01T14:05").unwrap(), 1_646_118_300_000);
        assert!(wib_local("besok").is_err());
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&serde_json::json!({"h": "</script><b>&"}));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
    }
}
