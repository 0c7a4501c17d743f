//! API tokens on the account page (one's own) and the users page (everyone's, for admins),
//! and admins disabling or enabling an account.

use super::CsrfForm;
use super::session::Empty;
use super::{Staff, error_page};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use warta_core::Capability;
use warta_store::TokenRow;

/// Tokens as the templates show them.
pub fn token_values(rows: &[TokenRow]) -> Vec<minijinja::Value> {
    rows.iter()
        .map(|t| {
            minijinja::context! {
                id => t.id, name => t.name.clone(), owner => t.user_email.clone(),
                created_at => t.created_at, last_used_at => t.last_used_at,
            }
        })
        .collect()
}

fn id_of(raw: &str, what: &str) -> Result<i64, AppError> {
    raw.parse()
        .map_err(|_| AppError::NotFound(format!("no {what} '{raw}'")))
}

/// `POST /admin/akun/token/{id}/cabut`: revoke one of one's own tokens.
pub async fn revoke_own(
    State(app): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Response {
    let me = staff.0.user.id;
    revoke(&app, &staff, &raw, Some(me), "/admin/akun?ok=token_revoked").await
}

/// `POST /admin/pengguna/token/{id}/cabut`: an admin revokes anyone's token.
pub async fn revoke_any(
    State(app): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Response {
    if let Err(e) = staff.require(Capability::Administer, "revoke other people's tokens") {
        return error_page(&app, Some(&staff), e);
    }
    revoke(&app, &staff, &raw, None, "/admin/pengguna?ok=token_revoked").await
}

async fn revoke(
    app: &AppState,
    staff: &Staff,
    raw: &str,
    owner: Option<i64>,
    to: &str,
) -> Response {
    let run = async {
        let id = id_of(raw, "token")?;
        let t = app
            .store()
            .revoke_token(id, owner)
            .await
            .map_err(|e| match e {
                warta_store::StoreError::NotFound => AppError::NotFound(format!("no token {id}")),
                e => e.into(),
            })?;
        let detail = format!("token {} '{}' milik {}", t.id, t.name, t.user_email);
        app.store()
            .audit(Some(staff.0.user.id), "token-revoke", None, &detail)
            .await?;
        Ok::<_, AppError>(Redirect::to(to).into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(app, Some(staff), e))
}

/// `POST /admin/pengguna/{id}/nonaktif`: disable an account; its sessions and tokens end.
pub async fn disable(
    State(app): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Response {
    set_disabled(&app, &staff, &raw, true).await
}

/// `POST /admin/pengguna/{id}/aktif`: enable a disabled account again.
pub async fn enable(
    State(app): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Response {
    set_disabled(&app, &staff, &raw, false).await
}

async fn set_disabled(app: &AppState, staff: &Staff, raw: &str, disabled: bool) -> Response {
    let run = async {
        staff.require(Capability::Administer, "manage users")?;
        let id = id_of(raw, "user")?;
        if id == staff.0.user.id {
            return Err(AppError::Conflict(
                "you cannot disable your own account; ask another admin".into(),
            ));
        }
        let user = app.store().user_by_id(id).await?;
        app.store().set_disabled(id, disabled).await?;
        let action = if disabled {
            "user-disable"
        } else {
            "user-enable"
        };
        let ok = if disabled { "disabled" } else { "enabled" };
        app.store()
            .audit(Some(staff.0.user.id), action, None, &user.email)
            .await?;
        Ok(Redirect::to(&format!("/admin/pengguna?ok={ok}")).into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(app, Some(staff), e))
}
