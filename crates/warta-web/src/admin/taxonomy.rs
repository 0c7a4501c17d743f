//! `/admin/taksonomi`: editors manage rubriks, topics, tags and the authors' public profiles.
//! Renaming keeps the slug, so URLs, feeds and links stay valid.

use super::CsrfForm;
use super::{Staff, error_page, page};
use crate::cache::Dep;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use warta_core::{Capability, Name, Slug, ValidationError, bounded};
use warta_store::{Term, TermRow};

const WHAT: &str = "manage rubriks, topics, tags and authors";

fn kind_of(s: &str) -> Result<Term, AppError> {
    match s {
        "rubrik" => Ok(Term::Rubrik),
        "topik" => Ok(Term::Topic),
        "tag" => Ok(Term::Tag),
        other => Err(AppError::NotFound(format!("no term kind '{other}'"))),
    }
}

fn term_values(list: &[TermRow]) -> Vec<minijinja::Value> {
    list.iter()
        .map(|t| {
            minijinja::context! {
                id => t.id, slug => t.slug.clone(), name => t.name.clone(),
                description => t.description.clone(),
            }
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct TaxonomyQuery {
    #[serde(default)]
    ok: String,
}

/// `GET /admin/taksonomi`.
pub async fn taxonomy(
    State(app): State<AppState>,
    staff: Staff,
    Query(q): Query<TaxonomyQuery>,
) -> Response {
    let run = async {
        staff.require(Capability::ManageTaxonomy, WHAT)?;
        let store = app.store();
        let authors: Vec<_> = store
            .list_users()
            .await?
            .iter()
            .map(|u| minijinja::context! { id => u.id, name => u.name.clone(), bio => u.bio.clone(), slug => u.slug.clone() })
            .collect();
        let strings = warta_admin::strings(staff.lang());
        let ctx = minijinja::context! {
            rubriks => term_values(&store.list_terms(Term::Rubrik).await?),
            topics => term_values(&store.list_terms(Term::Topic).await?),
            tags => term_values(&store.list_terms(Term::Tag).await?),
            authors => authors,
            flash => (!q.ok.is_empty()).then_some(strings["ok_save"]),
        };
        Ok::<_, AppError>(page(
            &app,
            &staff,
            "taxonomy.html",
            strings["taxonomy"],
            ctx,
        ))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TermForm {
    name: String,
    description: String,
}

fn checked(f: &TermForm) -> Result<(String, String), AppError> {
    let name = Name::parse(&f.name).map_err(|e| e.within("name"))?;
    if Slug::from_title(name.as_str()).is_none() {
        return Err(ValidationError::new("name", "needs at least one letter or digit").into());
    }
    let description = bounded("description", &f.description, 0, 600)?;
    Ok((name.as_str().to_string(), description))
}

/// `POST /admin/taksonomi/{kind}`: a new rubrik, topic or tag.
pub async fn create_term(
    State(app): State<AppState>,
    staff: Staff,
    Path(kind): Path<String>,
    CsrfForm(f): CsrfForm<TermForm>,
) -> Response {
    let run = async {
        staff.require(Capability::ManageTaxonomy, WHAT)?;
        let kind = kind_of(&kind)?;
        let (name, description) = checked(&f)?;
        if app.store().term_by_name(kind, &name).await?.is_some() {
            return Err(AppError::Conflict(format!("'{name}' already exists")));
        }
        app.store().ensure_term(kind, &name, &description).await?;
        app.store()
            .audit(Some(staff.0.user.id), "term-create", None, &name)
            .await?;
        // Rubriks appear in every page's menu.
        app.invalidate(&[Dep::All]);
        Ok(Redirect::to("/admin/taksonomi?ok=1").into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// `POST /admin/taksonomi/{kind}/{id}`: rename, describe.
pub async fn update_term(
    State(app): State<AppState>,
    staff: Staff,
    Path((kind, id)): Path<(String, i64)>,
    CsrfForm(f): CsrfForm<TermForm>,
) -> Response {
    let run = async {
        staff.require(Capability::ManageTaxonomy, WHAT)?;
        let kind = kind_of(&kind)?;
        let (name, description) = checked(&f)?;
        let t = app
            .store()
            .update_term(kind, id, &name, &description)
            .await?;
        app.store()
            .audit(Some(staff.0.user.id), "term-edit", None, &t.name)
            .await?;
        app.invalidate(&[Dep::All]);
        Ok(Redirect::to("/admin/taksonomi?ok=1").into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MoveForm {
    arah: String,
}

/// `POST /admin/taksonomi/rubrik/{id}/urutan` (`arah=naik|turun`): the rubrik one place up
/// or down in the reader site's menu.
pub async fn move_rubrik(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<MoveForm>,
) -> Response {
    let run = async {
        staff.require(Capability::ManageTaxonomy, WHAT)?;
        let up = match f.arah.as_str() {
            "naik" => true,
            "turun" => false,
            other => {
                return Err(AppError::BadRequest(format!(
                    "unknown direction '{other}' (naik, turun)"
                )));
            }
        };
        app.store().move_rubrik(id, up).await?;
        app.store()
            .audit(Some(staff.0.user.id), "term-move", None, &f.arah)
            .await?;
        app.invalidate(&[Dep::All]);
        Ok(Redirect::to(&format!("/admin/taksonomi?ok=1#rubrik-{id}")).into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AuthorForm {
    name: String,
    bio: String,
}

/// `POST /admin/taksonomi/penulis/{id}`: an author's public name and biography.
pub async fn update_author(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<AuthorForm>,
) -> Response {
    let run = async {
        staff.require(Capability::ManageTaxonomy, WHAT)?;
        let name = Name::parse(&f.name).map_err(|e| e.within("name"))?;
        let bio = bounded("bio", &f.bio, 0, 1_000)?;
        app.store()
            .set_user_profile(id, name.as_str(), &bio)
            .await?;
        app.store()
            .audit(Some(staff.0.user.id), "author-edit", None, name.as_str())
            .await?;
        app.invalidate(&[Dep::Author(id), Dep::Lists]);
        Ok(Redirect::to("/admin/taksonomi?ok=1").into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}
