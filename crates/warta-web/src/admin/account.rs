//! The person's own account: password, preferences, API tokens, signing out everywhere; and the
//! signed-out side of passwords: the reset link (one-time, one hour) and "forgot password".

use super::CsrfForm;
use super::{Staff, error_page, page, render};
use crate::auth::session_cookie;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use warta_admin::Lang;

/// A reset link is valid for one hour.
pub const RESET_TTL_MS: i64 = 60 * 60_000;
const MIN_PASSWORD: usize = 10;
const MAX_PASSWORD: usize = 200;

/// The new password twice, checked: at least ten characters and the same both times.
fn new_password(a: &str, b: &str) -> Result<String, AppError> {
    let n = a.chars().count();
    if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&n) {
        return Err(AppError::Unprocessable(format!(
            "the new password must have {MIN_PASSWORD} to {MAX_PASSWORD} characters"
        )));
    }
    if a != b {
        return Err(AppError::Unprocessable(
            "the two new passwords are not the same".into(),
        ));
    }
    Ok(a.to_string())
}

#[derive(Deserialize, Default)]
pub struct OkQuery {
    #[serde(default)]
    ok: String,
}

async fn account_page(app: &AppState, staff: &Staff, ok: &str, error: Option<String>) -> Response {
    let tokens = match app.store().tokens_of(staff.0.user.id).await {
        Ok(t) => super::tokens::token_values(&t),
        Err(e) => return error_page(app, Some(staff), e.into()),
    };
    let strings = warta_admin::strings(staff.lang());
    let flash = strings
        .get(format!("ok_{ok}").as_str())
        .copied()
        .filter(|_| !ok.is_empty());
    let u = &staff.0.user;
    let ctx = minijinja::context! {
        flash => flash, error => error,
        dateline => u.dateline.clone(), locale => u.locale.clone(), tokens => tokens,
    };
    page(app, staff, "account.html", strings["account"], ctx)
}

/// `GET /admin/akun`.
pub async fn account(
    State(app): State<AppState>,
    staff: Staff,
    Query(q): Query<OkQuery>,
) -> Response {
    account_page(&app, &staff, &q.ok, None).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    new2: String,
}

/// `POST /admin/akun/sandi`: change the password; the person's other sessions end.
pub async fn change_password(
    State(app): State<AppState>,
    staff: Staff,
    CsrfForm(f): CsrfForm<PasswordForm>,
) -> Response {
    let again = async |status: StatusCode, msg: String| {
        let mut res = account_page(&app, &staff, "", Some(msg)).await;
        *res.status_mut() = status;
        res
    };
    let user = staff.0.user.clone();
    let current = f.current.clone();
    let ok = tokio::task::spawn_blocking(move || warta_store::verify_password(&user, &current))
        .await
        .unwrap_or(false);
    if !ok {
        return again(
            StatusCode::FORBIDDEN,
            warta_admin::strings(staff.lang())["wrong_current"].into(),
        )
        .await;
    }
    let password = match new_password(&f.new, &f.new2) {
        Ok(p) => p,
        Err(e) => return again(e.status(), e.public_message()).await,
    };
    let run = async {
        let store = app.store();
        let id = staff.0.user.id;
        store.set_password(id, &password).await?;
        let ended = store.delete_user_sessions(id, Some(&staff.0.token)).await?;
        let tokens = store.revoke_user_tokens(id).await?;
        store
            .audit(
                Some(id),
                "password-change",
                None,
                &format!("{ended} sesi lain diakhiri, {tokens} token API dicabut"),
            )
            .await?;
        Ok::<_, AppError>(Redirect::to("/admin/akun?ok=password").into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize)]
pub struct PrefsForm {
    #[serde(default)]
    dateline: String,
    #[serde(default)]
    locale: String,
}

/// `POST /admin/akun/preferensi`: default dateline and interface language.
pub async fn save_prefs(
    State(app): State<AppState>,
    staff: Staff,
    CsrfForm(f): CsrfForm<PrefsForm>,
) -> Response {
    let run = async {
        let locale = match f.locale.as_str() {
            "id" | "en" => f.locale.clone(),
            other => {
                return Err(AppError::Unprocessable(format!(
                    "unknown interface language '{other}' (id or en)"
                )));
            }
        };
        let dateline = warta_core::bounded("dateline", &f.dateline, 0, 80)?;
        app.store()
            .set_user_prefs(staff.0.user.id, &dateline, &locale)
            .await?;
        Ok(Redirect::to("/admin/akun?ok=prefs").into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// `POST /admin/keluar-semua`: end every session of this person, this one included, and
/// revoke their API tokens.
pub async fn sign_out_everywhere(
    State(app): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    CsrfForm(_): CsrfForm<super::session::Empty>,
) -> Response {
    let run = async {
        let id = staff.0.user.id;
        let n = app.store().delete_user_sessions(id, None).await?;
        let tokens = app.store().revoke_user_tokens(id).await?;
        let detail = format!("{n} sesi, {tokens} token API dicabut");
        app.store()
            .audit(Some(id), "sign-out-all", None, &detail)
            .await?;
        let mut res = Redirect::to("/admin/masuk").into_response();
        res.headers_mut()
            .insert(header::SET_COOKIE, session_cookie("", &headers));
        Ok::<_, AppError>(res)
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// A page for people who are not signed in, with a status.
fn open_page(
    app: &AppState,
    template: &str,
    status: StatusCode,
    ctx: minijinja::Value,
) -> Response {
    let mut res = render(app, template, Lang::Id, ctx);
    *res.status_mut() = status;
    res
}

fn link_gone(app: &AppState) -> Response {
    let t = warta_admin::strings(Lang::Id);
    let ctx = minijinja::context! {
        title => t["reset_gone_title"], message => t["reset_gone"],
        back => "/admin/lupa", back_label => t["forgot"],
    };
    open_page(app, "message.html", StatusCode::GONE, ctx)
}

fn plausible_token(token: &str) -> bool {
    token.starts_with("wrt_") && token.len() < 100
}

/// `GET /admin/atur-ulang/{token}`: the form for a new password, if the link still works.
pub async fn reset_form(State(app): State<AppState>, Path(token): Path<String>) -> Response {
    if !plausible_token(&token) {
        return link_gone(&app);
    }
    match app.store().password_reset_user(&token).await {
        Ok(Some(u)) => {
            let ctx = minijinja::context! { token => token, email => u.email, title => warta_admin::strings(Lang::Id)["reset_title"] };
            open_page(&app, "reset.html", StatusCode::OK, ctx)
        }
        Ok(None) => link_gone(&app),
        Err(e) => error_page(&app, None, e.into()),
    }
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    new: String,
    #[serde(default)]
    new2: String,
}

/// `POST /admin/atur-ulang/{token}`: set the new password once; every session ends.
pub async fn reset(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    axum::Form(f): axum::Form<ResetForm>,
) -> Response {
    if !plausible_token(&token) {
        return link_gone(&app);
    }
    if let Some(refused) =
        super::presession::check(&app, &headers, &format!("/admin/atur-ulang/{token}"))
    {
        return refused;
    }
    let password = match new_password(&f.new, &f.new2) {
        Ok(p) => p,
        Err(e) => {
            let email = match app.store().password_reset_user(&token).await {
                Ok(Some(u)) => u.email,
                Ok(None) => return link_gone(&app),
                Err(e) => return error_page(&app, None, e.into()),
            };
            let t = warta_admin::strings(Lang::Id);
            let ctx = minijinja::context! { token => token, email => email, title => t["reset_title"], error => e.public_message() };
            return open_page(&app, "reset.html", e.status(), ctx);
        }
    };
    match app.store().use_password_reset(&token, &password).await {
        Ok(Some(_)) => {
            let t = warta_admin::strings(Lang::Id);
            let ctx = minijinja::context! {
                title => t["reset_title"], message => t["reset_done"],
                back => "/admin/masuk", back_label => t["sign_in"],
            };
            open_page(&app, "message.html", StatusCode::OK, ctx)
        }
        Ok(None) => link_gone(&app),
        Err(e) => error_page(&app, None, e.into()),
    }
}

/// `GET /admin/lupa`.
pub async fn forgot_form(State(app): State<AppState>) -> Response {
    let ctx = minijinja::context! { title => warta_admin::strings(Lang::Id)["forgot"] };
    open_page(&app, "forgot.html", StatusCode::OK, ctx)
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /admin/lupa`: mail a reset link when the account exists and mail is configured.
/// The answer is the same either way, and comes before the mail is sent, so neither the
/// text nor the timing tells whether an account exists.
pub async fn forgot(
    State(app): State<AppState>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<ForgotForm>,
) -> Response {
    if let Some(refused) = super::presession::check(&app, &headers, "/admin/lupa") {
        return refused;
    }
    let email = f.email.trim().to_lowercase();
    if email.contains('@') && email.len() <= 200 {
        let app2 = app.clone();
        tokio::spawn(async move {
            if let Err(e) = send_reset_link(&app2, &email).await {
                tracing::warn!(error = %e, "could not send a password reset link");
            }
        });
    }
    let t = warta_admin::strings(Lang::Id);
    let ctx = minijinja::context! {
        title => t["forgot"], message => t["forgot_sent"],
        back => "/admin/masuk", back_label => t["sign_in"],
    };
    open_page(&app, "message.html", StatusCode::OK, ctx)
}

async fn send_reset_link(app: &AppState, email: &str) -> Result<(), AppError> {
    let base = app.renderer().site().base_url.clone();
    Ok(app
        .newsroom()
        .send_reset_link(email, &base, RESET_TTL_MS)
        .await?)
}
