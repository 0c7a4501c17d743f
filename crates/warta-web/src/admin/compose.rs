//! Writing a new article, and refused saves that lead back to the editor.
//!
//! "Tulis artikel baru" opens an empty editor (`GET /admin/artikel/baru`); nothing is stored
//! until its first save with content: the bundle then creates the draft with
//! `POST /api/v1/articles` and goes on with `PATCH`, and the plain form (no JavaScript) posts
//! to `POST /admin/artikel/baru`. A save or workflow step the rules refuse (an empty headline,
//! a photo without credit) shows the editor again with what was typed and the message beside
//! the field (`field` `body/1/alt` → the body, block 2), never a dead-end error page.

use super::articles::script_json;
use super::editor_form::EditorForm;
use super::{CsrfForm, Staff, error_page, page};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use serde_json::json;
use warta_core::Transition;
use warta_newsroom::input::{ArticlePatch, NewArticle};
use warta_store::Term;

/// `GET /admin/artikel/baru`: the editor with nothing in it yet.
pub async fn new_article_page(State(app): State<AppState>, staff: Staff) -> Response {
    let run = async {
        let a = empty_article(&app, &staff).await?;
        // The writer is the first author, as the API's default.
        let ctx = editor_context(&app, a, None, &staff.0.user.email).await?;
        let title = warta_admin::strings(staff.lang())["new_article"];
        Ok::<_, AppError>(page(&app, &staff, "editor.html", title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// `POST /admin/artikel/baru`: the empty editor's form as posted without JavaScript. Creates
/// the draft from it and opens its editor; refused input shows the form again.
pub async fn new_article(
    State(app): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<EditorForm>,
) -> Response {
    let run = async {
        let mut input = new_from(form.patch()?);
        if input.rubrik.trim().is_empty() {
            input.rubrik = first_rubrik(&app).await?.ok_or_else(|| {
                AppError::Conflict("there is no rubrik yet; an editor creates one first".into())
            })?;
        }
        let a = app.newsroom().create(&staff.0.user, input).await?;
        Ok::<_, AppError>(a.id)
    };
    let id = match run.await {
        Ok(id) => id,
        Err(e) => return refused(&app, &staff, None, &form, e).await,
    };
    // A workflow button pressed on the new article: the step follows its creation.
    match first_step(&app, &staff, id, &form).await {
        Ok(done) => Redirect::to(&format!("/admin/artikel/{id}?ok={done}")).into_response(),
        Err(e) => refused(&app, &staff, Some(id), &form, e).await,
    }
}

/// The step the pressed button names, taken on the just-created draft; its `ok=` name.
async fn first_step(
    app: &AppState,
    staff: &Staff,
    id: i64,
    form: &EditorForm,
) -> Result<&'static str, AppError> {
    let step = match form.action.as_str() {
        "submit" => Transition::Submit,
        "publish" => Transition::Publish,
        "schedule" => Transition::Schedule,
        _ => return Ok("save"),
    };
    let at = match step {
        Transition::Schedule => Some(super::editor_form::wib_local(&form.schedule_at)?)
            .filter(|at| *at > warta_store::now_ms())
            .ok_or_else(|| {
                warta_core::ValidationError::new(
                    "schedule_at",
                    "a schedule needs a time in the future",
                )
            })
            .map(Some)?,
        _ => None,
    };
    app.newsroom().step(&staff.0.user, id, step, at).await?;
    app.wake_scheduler();
    Ok(step.as_str())
}

/// The form's fields as a new article (empty slug and authors: derived and the writer).
fn new_from(p: ArticlePatch) -> NewArticle {
    NewArticle {
        headline: p.headline.unwrap_or_default(),
        dek: p.dek.unwrap_or_default(),
        rubrik: p.rubrik.unwrap_or_default(),
        tags: p.tags.unwrap_or_default(),
        topic: p.topic.flatten(),
        dateline: p.dateline.unwrap_or_default(),
        signoff: p.signoff.unwrap_or_default(),
        sources: p.sources.unwrap_or_default(),
        hero: p.hero.flatten(),
        body: p.body.unwrap_or_default(),
        authors: p.authors.filter(|a| !a.is_empty()),
        slug: p.slug.filter(|s| !s.trim().is_empty()),
        published_at: None,
        seo_title: p.seo_title.unwrap_or_default(),
        seo_description: p.seo_description.unwrap_or_default(),
        live: p.live.unwrap_or(false),
        kind: p.kind.unwrap_or_default(),
        fact_check: p.fact_check.flatten(),
    }
}

async fn first_rubrik(app: &AppState) -> Result<Option<String>, AppError> {
    let list = app.store().list_terms(Term::Rubrik).await?;
    Ok(list.into_iter().next().map(|r| r.name))
}

/// What the editor template reads from `a` for an article not written yet.
async fn empty_article(app: &AppState, staff: &Staff) -> Result<serde_json::Value, AppError> {
    let rubrik = first_rubrik(app).await?.unwrap_or_default();
    Ok(json!({
        "id": null, "status": "draft", "revision": 0, "url": "", "slug": "",
        "headline": "", "dek": "", "rubrik": {"name": rubrik}, "topic": null, "hero": null,
        "dateline": staff.0.user.dateline, "signoff": "", "seo_title": "", "seo_description": "",
        "live": false, "body": [], "kind": "news", "fact_check": null,
    }))
}

/// The posted values over the stored (or empty) article, as the editor shows them.
fn overlay(a: &mut serde_json::Value, f: &EditorForm) {
    let hero = match f.hero_media_id.trim().parse::<i64>() {
        Ok(id) => {
            json!({"media_id": id, "caption": f.hero_caption, "credit": f.hero_credit, "alt": f.hero_alt})
        }
        Err(_) => serde_json::Value::Null,
    };
    let topic = Some(f.topic.trim())
        .filter(|t| !t.is_empty())
        .map(|t| json!({ "name": t }));
    let fields = json!({
        "headline": f.headline, "dek": f.dek, "slug": f.slug.trim(), "rubrik": {"name": f.rubrik},
        "topic": topic, "dateline": f.dateline, "signoff": f.signoff, "hero": hero,
        "seo_title": f.seo_title, "seo_description": f.seo_description, "live": f.live == "true",
        "kind": f.kind.trim(),
        "fact_check": {"claim": f.fc_claim.clone().unwrap_or_default(), "claimant": f.fc_claimant,
            "appeared_in": f.fc_appeared_in, "verdict": f.fc_verdict.trim()},
    });
    if let (Some(a), Some(fields)) = (a.as_object_mut(), fields.as_object()) {
        for (k, v) in fields {
            if k == "fact_check" && f.fc_claim.is_none() {
                continue;
            }
            a.insert(k.clone(), v.clone());
        }
    }
}

/// The editor page's context for `a` (an `ArticleOut` as JSON, or [`empty_article`]), with
/// the side-panel texts and body from the posted form when there is one.
async fn editor_context(
    app: &AppState,
    mut a: serde_json::Value,
    form: Option<&EditorForm>,
    authors: &str,
) -> Result<Value, AppError> {
    let article_json = script_json(&a);
    let rubriks = app.store().list_terms(Term::Rubrik).await?;
    let (tags, authors, sources, body_json) = match form {
        Some(f) => (
            f.tags.clone(),
            f.authors.clone(),
            f.sources.clone(),
            f.body_json.clone(),
        ),
        None => (
            String::new(),
            authors.to_string(),
            String::new(),
            "[]".into(),
        ),
    };
    let references = match form {
        Some(f) => f.fc_references.clone(),
        None => a
            .get("fact_check")
            .and_then(|f| serde_json::from_value::<warta_core::FactCheck>(f.clone()).ok())
            .map(|f| super::editor_form::references_text(Some(&f)))
            .unwrap_or_default(),
    };
    if let Some(f) = form {
        overlay(&mut a, f);
    }
    Ok(minijinja::context! {
        a => Value::from_serialize(&a),
        article_json => article_json,
        body_json => body_json,
        rubriks => rubriks.iter().map(|r| minijinja::context!{ name => r.name.clone() }).collect::<Vec<_>>(),
        tags => tags, authors => authors, sources => sources, references => references,
        kinds => warta_core::ArticleKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        verdicts => app.newsroom().verdicts(),
        schedule_value => form.map(|f| f.schedule_at.clone()).unwrap_or_default(),
        max_upload => app.config().media_limits.max_bytes,
    })
}

/// The form input a problem's `field` names (`hero/credit` → `hero_credit`, `tags/2` →
/// `tags`, `body/1/alt` → the body), and the body block it is in (0-based).
fn input_of(field: &str) -> (String, Option<usize>) {
    let mut parts = field.split('/');
    let head = parts.next().unwrap_or("");
    let next = parts.next();
    match (head, next) {
        ("body" | "body_json", n) => ("body_json".into(), n.and_then(|n| n.parse().ok())),
        ("hero", Some("media_id")) => ("hero_media_id".into(), None),
        ("hero", Some(sub)) => (format!("hero_{sub}"), None),
        ("seo", Some(sub)) => (format!("seo_{sub}"), None),
        ("fact_check", Some("references")) => ("fc_references".into(), None),
        ("fact_check", Some(sub)) => (format!("fc_{sub}"), None),
        ("reason", _) => ("takedown_reason".into(), None),
        (name, _) => (name.to_string(), None),
    }
}

/// A refused save or step: the editor again (status of the error) with what was typed and
/// the message beside its field. Errors that are not about the input keep the error page.
pub(super) async fn refused(
    app: &AppState,
    staff: &Staff,
    id: Option<i64>,
    form: &EditorForm,
    e: AppError,
) -> Response {
    let about_input = matches!(
        e,
        AppError::Invalid(_) | AppError::Unprocessable(_) | AppError::Conflict(_)
    );
    if !about_input {
        return error_page(app, Some(staff), e);
    }
    let lang = staff.lang();
    let base = match id {
        // What the editor showed: the pending version of a published story, if any.
        Some(id) => match app.newsroom().pending_view(&staff.0.user, id).await {
            Ok((row, _)) => {
                serde_json::to_value(crate::article_out::ArticleOut::from_row(app, &row))
                    .unwrap_or_default()
            }
            Err(e) => return error_page(app, Some(staff), e.into()),
        },
        None => match empty_article(app, staff).await {
            Ok(a) => a,
            Err(e) => return error_page(app, Some(staff), e),
        },
    };
    let title = base["headline"].as_str().unwrap_or("").to_string();
    let ctx = match editor_context(app, base, Some(form), "").await {
        Ok(ctx) => ctx,
        Err(e) => return error_page(app, Some(staff), e),
    };
    let field = match &e {
        AppError::Invalid(v) => v.field.clone(),
        _ => String::new(),
    };
    let (input, block) = input_of(&field);
    let mut message = warta_admin::localize(lang, &e.public_message());
    if let Some(n) = block {
        let label = warta_admin::strings(lang)["block"];
        message = format!("{label} {}: {message}", n + 1);
    }
    let err = minijinja::context! {
        error => message.clone(),
        error_field => field, error_input => input, error_block => block, field_message => message,
    };
    let title = if title.is_empty() {
        warta_admin::strings(lang)["new_article"].to_string()
    } else {
        title
    };
    let mut res = page(
        app,
        staff,
        "editor.html",
        &title,
        minijinja::context! { ..err, ..ctx },
    );
    *res.status_mut() = e.status();
    res
}
