//! The audit log (editors and admins) and the people of the newsroom (admins).

use super::CsrfForm;
use super::{Staff, error_page, page};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use warta_core::{Capability, Role};
use warta_store::NewUser;

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    artikel: String,
}

/// `GET /admin/audit`: the last 200 entries, optionally for one article.
pub async fn audit(
    State(app): State<AppState>,
    staff: Staff,
    Query(q): Query<AuditQuery>,
) -> Response {
    let run = async {
        staff.require(Capability::Publish, "read the audit log")?;
        let article = match q.artikel.trim() {
            "" => None,
            s => Some(
                s.parse::<i64>()
                    .map_err(|_| AppError::BadRequest(format!("'{s}' is not an article number")))?,
            ),
        };
        let rows = app.store().audit_log(article, 200).await?;
        let rows: Vec<_> = rows
            .iter()
            .map(|r| {
                minijinja::context! {
                    at => r.at, who => r.user_name.clone(), action => r.action.clone(),
                    article_id => r.article_id, headline => r.headline.clone(), detail => r.detail.clone(),
                }
            })
            .collect();
        let ctx = minijinja::context! { rows => rows, artikel => article };
        let title = warta_admin::strings(staff.lang())["audit"];
        Ok::<_, AppError>(page(&app, &staff, "audit.html", title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize, Default)]
pub struct UsersQuery {
    #[serde(default)]
    ok: String,
}

const ROLES: [Role; 4] = [Role::Contributor, Role::Writer, Role::Editor, Role::Admin];

/// `GET /admin/pengguna`: everyone, with their role and whether the account is enabled;
/// everyone's API tokens; a form for a new account.
pub async fn users(
    State(app): State<AppState>,
    staff: Staff,
    Query(q): Query<UsersQuery>,
) -> Response {
    let run = async {
        staff.require(Capability::Administer, "manage users")?;
        let list = app.store().list_users().await?;
        let disabled = app.store().disabled_user_ids().await?;
        let tokens = app.store().all_tokens().await?;
        let strings = warta_admin::strings(staff.lang());
        let users: Vec<_> = list
            .iter()
            .map(|u| {
                minijinja::context! {
                    id => u.id, name => u.name.clone(), email => u.email.clone(),
                    role => u.role.as_str(), me => u.id == staff.0.user.id,
                    disabled => disabled.contains(&u.id),
                }
            })
            .collect();
        let ctx = minijinja::context! {
            users => users,
            tokens => super::tokens::token_values(&tokens),
            roles => ROLES.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            flash => strings.get(format!("ok_{}", q.ok).as_str()).copied().filter(|_| !q.ok.is_empty()),
        };
        Ok::<_, AppError>(page(&app, &staff, "users.html", strings["users"], ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

/// `POST /admin/pengguna`: add an account with an initial password.
pub async fn create_user(
    State(app): State<AppState>,
    staff: Staff,
    CsrfForm(f): CsrfForm<NewUserForm>,
) -> Response {
    let run = async {
        staff.require(Capability::Administer, "manage users")?;
        let email = f.email.trim().to_lowercase();
        if !email.contains('@') || email.len() > 200 || email.contains(char::is_whitespace) {
            return Err(AppError::Unprocessable(format!(
                "'{email}' is not an email address"
            )));
        }
        let name = warta_core::Name::parse(&f.name)?;
        let role = Role::parse(&f.role)?;
        let n = f.password.chars().count();
        if !(10..=200).contains(&n) {
            return Err(AppError::Unprocessable(
                "the initial password must have 10 to 200 characters".into(),
            ));
        }
        let user = app
            .store()
            .create_user(NewUser {
                email: &email,
                name: name.as_str(),
                role,
                password: &f.password,
                bio: "",
            })
            .await?;
        app.store()
            .audit(
                Some(staff.0.user.id),
                "user-create",
                None,
                &format!("{} <{}> sebagai {}", user.name, user.email, role.as_str()),
            )
            .await?;
        Ok(Redirect::to("/admin/pengguna?ok=user_created").into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

/// `POST /admin/pengguna/{id}/peran`: change someone else's role.
pub async fn change_role(
    State(app): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(f): CsrfForm<RoleForm>,
) -> Response {
    let run = async {
        staff.require(Capability::Administer, "manage users")?;
        let id = raw
            .parse::<i64>()
            .map_err(|_| AppError::NotFound(format!("no user '{raw}'")))?;
        if id == staff.0.user.id {
            return Err(AppError::Conflict(
                "you cannot change your own role; ask another admin".into(),
            ));
        }
        let role = Role::parse(&f.role)?;
        let user = app.store().user_by_id(id).await?;
        app.store().set_role(id, role).await?;
        app.store()
            .audit(
                Some(staff.0.user.id),
                "role-change",
                None,
                &format!("{}: {} → {}", user.email, user.role.as_str(), role.as_str()),
            )
            .await?;
        Ok(Redirect::to("/admin/pengguna?ok=role").into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}
