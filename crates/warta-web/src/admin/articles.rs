//! Articles in the newsroom: dashboard, list, editor page and its form, workflow steps,
//! preview, revisions with a readable diff, restore.

use super::CsrfForm;
use super::{Staff, error_page, page};
use crate::api::types::{ArticleOut, ArticlePatch, AuthorRef, HeroInput};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use serde::Deserialize;
use warta_core::{Block, Capability, Source, Status, Transition};
use warta_newsroom::{Apply, NewsroomError, SaveMode, owns};
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
async fn editable(app: &AppState, staff: &Staff, id: i64) -> Result<ArticleRow, AppError> {
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
            schedule_value => schedule_value,
            flash => flash,
            pending => pending_ctx,
            max_upload => app.config().media_limits.max_bytes,
        };
        Ok::<_, AppError>(page(&app, &staff, "editor.html", &a.headline, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// The editor form as posted (works without JavaScript).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditorForm {
    pub(super) revision: i64,
    pub(super) action: String,
    pub(super) headline: String,
    pub(super) dek: String,
    pub(super) slug: String,
    pub(super) rubrik: String,
    pub(super) tags: String,
    pub(super) topic: String,
    pub(super) authors: String,
    pub(super) dateline: String,
    pub(super) signoff: String,
    pub(super) sources: String,
    pub(super) hero_media_id: String,
    pub(super) hero_caption: String,
    pub(super) hero_credit: String,
    pub(super) hero_alt: String,
    pub(super) seo_title: String,
    pub(super) seo_description: String,
    pub(super) live: String,
    pub(super) correction: String,
    pub(super) body_json: String,
    pub(super) schedule_at: String,
}

fn split_list(s: &str, sep: char) -> Vec<String> {
    s.split(sep)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// The side-panel values of an article as the editor page shows them.
fn tags_text(a: &ArticleRow) -> String {
    a.tags
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn authors_text(a: &ArticleRow) -> String {
    a.authors
        .iter()
        .map(|u| u.email.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn sources_text(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| match &s.url {
            Some(u) => format!("{} | {u}", s.name),
            None => s.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl EditorForm {
    /// Does the form hold the stored article's content, field for field (ignoring
    /// whitespace around values and the order of nothing)? Nothing is resolved or created.
    fn same_content_as(&self, a: &ArticleRow) -> bool {
        let norm_list = |s: &str, sep: char| split_list(s, sep).join(",").to_lowercase();
        let body_same = serde_json::from_str::<Vec<serde_json::Value>>(self.body_json.trim())
            .ok()
            .and_then(|v| Block::parse_body(&v).ok())
            .is_some_and(|b| b == a.body);
        let hero_id = a.hero_media_id.map(|i| i.to_string()).unwrap_or_default();
        let topic = a.topic.as_ref().map(|t| t.name.as_str()).unwrap_or("");
        body_same
            && self.headline.trim() == a.headline
            && self.dek.trim() == a.dek.trim()
            && self.slug.trim() == a.slug
            && self.rubrik.trim() == a.rubrik.name
            && norm_list(&self.tags, ',') == norm_list(&tags_text(a), ',')
            && self.topic.trim() == topic
            && norm_list(&self.authors, ',') == norm_list(&authors_text(a), ',')
            && self.dateline.trim() == a.dateline
            && self.signoff.trim() == a.signoff
            && norm_list(&self.sources, '\n') == norm_list(&sources_text(&a.sources), '\n')
            && self.hero_media_id.trim() == hero_id
            && self.hero_caption.trim() == a.hero_caption.trim()
            && self.hero_credit.trim() == a.hero_credit.trim()
            && self.hero_alt.trim() == a.hero_alt.trim()
            && self.seo_title.trim() == a.seo_title.trim()
            && self.seo_description.trim() == a.seo_description.trim()
            && (self.live == "true") == a.live
    }

    pub(super) fn patch(&self) -> Result<ArticlePatch, AppError> {
        let body: Vec<serde_json::Value> =
            serde_json::from_str(self.body_json.trim()).map_err(|e| {
                warta_core::ValidationError::new("body", format!("the body is not valid JSON: {e}"))
            })?;
        let hero = match self.hero_media_id.trim() {
            "" => None,
            id => Some(HeroInput {
                media_id: id.parse().map_err(|_| {
                    warta_core::ValidationError::new("hero/media_id", "not a media id")
                })?,
                caption: self.hero_caption.clone(),
                credit: self.hero_credit.clone(),
                alt: self.hero_alt.clone(),
            }),
        };
        let sources = self
            .sources
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| match l.split_once('|') {
                Some((n, u)) => Source {
                    name: n.trim().to_string(),
                    url: Some(u.trim().to_string()).filter(|u| !u.is_empty()),
                },
                None => Source {
                    name: l.to_string(),
                    url: None,
                },
            })
            .collect();
        Ok(ArticlePatch {
            revision: Some(self.revision),
            stage: true,
            correction: Some(self.correction.clone()).filter(|c| !c.trim().is_empty()),
            seo_title: Some(self.seo_title.clone()),
            seo_description: Some(self.seo_description.clone()),
            live: Some(self.live == "true"),
            headline: Some(self.headline.clone()),
            dek: Some(self.dek.clone()),
            rubrik: Some(self.rubrik.clone()),
            tags: Some(split_list(&self.tags, ',')),
            topic: Some(Some(self.topic.trim().to_string()).filter(|t| !t.is_empty())),
            dateline: Some(self.dateline.clone()),
            signoff: Some(self.signoff.clone()),
            sources: Some(sources),
            hero: Some(hero),
            body: Some(body),
            authors: Some(
                split_list(&self.authors, ',')
                    .into_iter()
                    .map(AuthorRef::Email)
                    .collect(),
            ),
            slug: Some(self.slug.trim().to_string()),
            published_at: None,
        })
    }
}

/// Plain text of a version, for the conflict page and diffs.
fn plain(headline: &str, dek: &str, body: &[Block]) -> Value {
    let text = body
        .iter()
        .map(Block::plain_text)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    minijinja::context! { headline => headline, dek => dek, text => text }
}

/// A `datetime-local` value read as WIB.
pub(super) fn wib_local(s: &str) -> Result<i64, AppError> {
    let bad =
        || warta_core::ValidationError::new("schedule_at", "choose the publication date and time");
    let dt: jiff::civil::DateTime = s.trim().parse().map_err(|_| bad())?;
    let z = dt
        .to_zoned_datetime(warta_core::jakarta())
        .map_err(|_| bad())?;
    Ok(z.timestamp().as_millisecond())
}

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
        if !form.same_content_as(&shown) {
            let mut patch = form.patch()?;
            // A correction note goes with "Perbarui", never with a plain save.
            patch.correction = None;
            if form.slug.trim() == shown.slug && warta_newsroom::slug_follows_headline(&shown) {
                patch.slug = Some(String::new());
            }
            let saved = app
                .newsroom()
                .save(&staff.0.user, id, patch, SaveMode::Stage)
                .await;
            if let Err(NewsroomError::Stale { .. }) = saved {
                return conflict_page(&app, &staff, id, &form).await;
            }
            saved?;
        }
        let done = match step {
            None => "save",
            Some(t) => {
                let at = match t {
                    Transition::Schedule => Some(future_wib(&form.schedule_at)?),
                    _ => None,
                };
                match t {
                    Transition::Publish | Transition::Schedule => {
                        let apply = Apply::default();
                        app.newsroom().publish(&staff.0.user, id, at, apply).await?;
                    }
                    _ => {
                        app.newsroom().step(&staff.0.user, id, t, at).await?;
                    }
                }
                app.wake_scheduler();
                t.as_str()
            }
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

/// A `datetime-local` value read as WIB, which must lie ahead.
fn future_wib(s: &str) -> Result<i64, AppError> {
    let at = wib_local(s)?;
    if at <= warta_store::now_ms() {
        return Err(warta_core::ValidationError::new(
            "schedule_at",
            "a schedule needs a time in the future",
        )
        .into());
    }
    Ok(at)
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

/// `/admin/artikel/{id}/pratinjau`: the exact reader page, whatever the status.
pub async fn preview(State(app): State<AppState>, staff: Staff, Path(id): Path<i64>) -> Response {
    let run = async {
        editable(&app, &staff, id).await?;
        // The pending version when there is one: what "Perbarui" would publish.
        let (a, _) = app.newsroom().pending_view(&staff.0.user, id).await?;
        let (view, _) = crate::views::article_view(app.store(), &a).await?;
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
        Ok(_) => Redirect::to(&format!("/admin/artikel/{id}?ok=restore")).into_response(),
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_times_are_read_in_wib() {
        // 14:05 WIB on 1 March 2022 is 07:05 UTC.
        assert_eq!(wib_local("2022-03-01T14:05").unwrap(), 1_646_118_300_000);
        assert!(wib_local("besok").is_err());
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&serde_json::json!({"h": "</script><b>&"}));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
    }
}
