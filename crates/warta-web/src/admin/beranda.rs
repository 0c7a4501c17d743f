//! `/admin/beranda`: editors arrange the front page. Every button is a plain form posting
//! one step ([`HomeEdit`]); `beranda.js` adds search as you type and drag to reorder.

use super::{CsrfForm, Staff, error_page, page};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use serde::Deserialize;
use warta_core::{Capability, Status, ValidationError};
use warta_newsroom::{BreakingSlot, HomeEdit, HomeSlots, SlotList};
use warta_store::{ArticleFilter, TeaserRow, Term};

const WHAT: &str = "arrange the front page";

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HomeQuery {
    q: String,
    ok: String,
}

/// `GET /admin/beranda` (`?q=` finds published stories by headline).
pub async fn home_page(
    State(app): State<AppState>,
    staff: Staff,
    Query(q): Query<HomeQuery>,
) -> Response {
    let flash = (!q.ok.is_empty()).then(|| warta_admin::strings(staff.lang())["ok_save"]);
    render(&app, &staff, &q.q, flash, None)
        .await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

fn item(rows: &[TeaserRow], slots: &HomeSlots, id: i64) -> Option<Value> {
    let r = rows.iter().find(|r| r.id == id)?;
    let until = slots
        .pins
        .iter()
        .find(|p| p.article_id == id)
        .and_then(|p| warta_newsroom::parse_time("until", &p.until).ok());
    Some(context! {
        id, headline => r.headline.clone(), rubrik => r.rubrik_name.clone(),
        url => crate::paths::article(&r.slug), until,
    })
}

async fn render(
    app: &AppState,
    staff: &Staff,
    q: &str,
    flash: Option<&str>,
    error: Option<String>,
) -> Result<Response, AppError> {
    staff.require(Capability::CurateHome, WHAT)?;
    let slots = app.newsroom().home_slots_for(&staff.0.user).await?;
    let ids: Vec<i64> = slots.headline.iter().chain(&slots.picks).copied().collect();
    let rows = app.store().published_teasers(&ids).await?;
    let list = |ids: &[i64]| -> Vec<Value> {
        ids.iter()
            .filter_map(|&id| item(&rows, &slots, id))
            .collect()
    };
    let rubriks = app.store().list_terms(Term::Rubrik).await?;
    let term =
        |r: &warta_store::TermRow| context! { slug => r.slug.clone(), name => r.name.clone() };
    let sections: Vec<Value> = slots
        .sections
        .iter()
        .filter_map(|s| rubriks.iter().find(|r| &r.slug == s).map(term))
        .collect();
    let others: Vec<Value> = rubriks
        .iter()
        .filter(|r| !slots.sections.contains(&r.slug))
        .map(term)
        .collect();
    let results = search(app, q).await?;
    let breaking = slots.breaking.as_ref().map(|b| {
        let local = b.until.get(..16).unwrap_or_default().to_string();
        context! { text => b.text.clone(), article_id => b.article_id, until_local => local }
    });
    let failed = error.is_some();
    let ctx = context! {
        headline => list(&slots.headline), picks => list(&slots.picks), sections,
        other_rubriks => others, q, results, breaking, flash, error,
    };
    let strings = warta_admin::strings(staff.lang());
    let mut res = page(app, staff, "beranda.html", strings["home_page"], ctx);
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// Published stories whose headline contains `q`, newest first.
async fn search(app: &AppState, q: &str) -> Result<Vec<Value>, AppError> {
    let q = q.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let f = ArticleFilter {
        status: Some(Status::Published),
        q: Some(q.chars().take(200).collect()),
        ..Default::default()
    };
    let (rows, _) = app.store().list_articles(&f, 1, 10).await?;
    Ok(rows
        .iter()
        .map(|r| context! { id => r.id, headline => r.headline.clone(), rubrik => r.rubrik_name.clone() })
        .collect())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HomeForm {
    aksi: String,
    id: String,
    slot: String,
    ids: String,
    slug: String,
    text: String,
    article_id: String,
    until: String,
    q: String,
}

fn article_id(s: &str) -> Result<i64, AppError> {
    s.trim().parse().map_err(|_| {
        ValidationError::new("id", format!("'{}' is not an article number", s.trim())).into()
    })
}

/// A `datetime-local` value is WIB (UTC+7 all year); a full ISO 8601 time passes as it is.
fn wib(s: &str) -> String {
    let s = s.trim();
    match s.len() {
        16 => format!("{s}:00+07:00"),
        19 => format!("{s}+07:00"),
        _ => s.to_string(),
    }
}

fn edit_of(f: &HomeForm) -> Result<HomeEdit, AppError> {
    let id = || article_id(&f.id);
    let slug = || f.slug.trim().to_string();
    Ok(match f.aksi.as_str() {
        "utama" => HomeEdit::Add(SlotList::Headline, id()?),
        "pilihan" => HomeEdit::Add(SlotList::Picks, id()?),
        "hapus" => HomeEdit::Remove(id()?),
        "naik" | "turun" => HomeEdit::Move(id()?, f.aksi == "naik"),
        "urutan" => {
            let which = match f.slot.as_str() {
                "picks" => SlotList::Picks,
                _ => SlotList::Headline,
            };
            let ids = f.ids.split(',').filter_map(|s| s.trim().parse().ok());
            HomeEdit::Order(which, ids.collect())
        }
        "sematkan" => HomeEdit::Pin(id()?, Some(wib(&f.until))),
        "lepas" => HomeEdit::Pin(id()?, None),
        "terkini" => HomeEdit::Breaking(Some(BreakingSlot {
            text: f.text.clone(),
            article_id: match f.article_id.trim() {
                "" => None,
                s => Some(article_id(s)?),
            },
            until: wib(&f.until),
        })),
        "hapus-terkini" => HomeEdit::Breaking(None),
        "seksi-tambah" => HomeEdit::AddSection(slug()),
        "seksi-hapus" => HomeEdit::RemoveSection(slug()),
        "seksi-naik" | "seksi-turun" => HomeEdit::MoveSection(slug(), f.aksi == "seksi-naik"),
        other => {
            return Err(AppError::BadRequest(format!("unknown action '{other}'")));
        }
    })
}

/// `POST /admin/beranda`: one step; a refused step shows the page again with the reason.
pub async fn home_post(
    State(app): State<AppState>,
    staff: Staff,
    CsrfForm(f): CsrfForm<HomeForm>,
) -> Response {
    let run = async {
        staff.require(Capability::CurateHome, WHAT)?;
        let edit = edit_of(&f)?;
        let nr = app.newsroom();
        let current = nr.home_slots_for(&staff.0.user).await?;
        nr.set_home_slots(&staff.0.user, &current.edited(edit))
            .await?;
        let back = match f.q.trim() {
            "" => String::new(),
            q => format!("&q={}", urlencoding(q)),
        };
        Ok::<_, AppError>(Redirect::to(&format!("/admin/beranda?ok=1{back}")).into_response())
    };
    match run.await {
        Ok(r) => r,
        Err(e @ AppError::Invalid(_)) => {
            let msg = warta_admin::localize(staff.lang(), &e.public_message());
            render(&app, &staff, &f.q, None, Some(msg))
                .await
                .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
        }
        Err(e) => error_page(&app, Some(&staff), e),
    }
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e.trim_start_matches('=').to_string())
        .unwrap_or_default()
}
