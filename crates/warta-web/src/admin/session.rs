//! Signing in and out.

use super::CsrfForm;
use super::limit::Attempt;
use super::{Staff, presession, render, safe_next};
use crate::auth::{session_cookie, session_of};
use crate::client::ClientAddr;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use warta_admin::Lang;

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// `GET /admin/masuk`: the sign-in form (or straight on when already signed in).
pub async fn sign_in_form(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    if let Ok(Some(_)) = session_of(&app, &headers).await {
        return Redirect::to(safe_next(&q.next)).into_response();
    }
    let ctx = minijinja::context! { next => safe_next(&q.next), email => "" };
    render(&app, "login.html", Lang::Id, ctx)
}

#[derive(Deserialize)]
pub struct SignIn {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /admin/masuk`. Cross-site posts are refused ([`presession`]); wrong passwords are
/// limited per account and address and slowed per account ([`limit`]); a disabled account
/// cannot sign in.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    State(app): State<AppState>,
    client: ClientAddr,
    headers: HeaderMap,
    axum::Form(f): axum::Form<SignIn>,
) -> Response {
    if let Some(refused) = presession::check(&app, &headers, "/admin/masuk") {
        return refused;
    }
    let email = f.email.trim().to_lowercase();
    let again = |status: StatusCode, msg: &str| {
        let ctx = minijinja::context! { next => safe_next(&f.next), email => email.clone(), error => msg };
        let mut res = render(&app, "login.html", Lang::Id, ctx);
        *res.status_mut() = status;
        res
    };
    let attempt = Attempt::new(&email, client);
    let t = warta_admin::strings(Lang::Id);
    let outcome = check_password(&app, &attempt, &email, &f.password).await;
    let user = match outcome {
        Ok(Outcome::Wait(secs)) => {
            let msg = t["sign_in_wait"].replace("{n}", &secs.to_string());
            let mut res = again(StatusCode::TOO_MANY_REQUESTS, &msg);
            res.headers_mut().insert(header::RETRY_AFTER, secs.into());
            return res;
        }
        Ok(Outcome::Wrong) => return again(StatusCode::UNAUTHORIZED, t["sign_in_wrong"]),
        Ok(Outcome::Disabled) => return again(StatusCode::FORBIDDEN, t["sign_in_disabled"]),
        Ok(Outcome::Right(user)) => user,
        Err(e) => return e.into_response(),
    };
    match start_session(&app, &headers, &user).await {
        Ok(token) => {
            let mut res = Redirect::to(safe_next(&f.next)).into_response();
            res.headers_mut()
                .insert(header::SET_COOKIE, session_cookie(&token, &headers));
            res
        }
        Err(e) => e.into_response(),
    }
}

enum Outcome {
    Wait(i64),
    Wrong,
    Disabled,
    Right(warta_store::UserRow),
}

/// The limits first, then the password (verified even for unknown emails, so timing does
/// not tell which accounts exist), then whether the account may sign in.
async fn check_password(
    app: &AppState,
    attempt: &Attempt,
    email: &str,
    password: &str,
) -> Result<Outcome, AppError> {
    let store = app.store();
    if let Some(secs) = attempt.wait(store).await? {
        return Ok(Outcome::Wait(secs));
    }
    let user = store.user_by_email(email).await?;
    let password = password.to_string();
    let candidate = user.clone();
    let ok = tokio::task::spawn_blocking(move || match candidate {
        Some(u) => warta_store::verify_password(&u, &password),
        None => {
            let _ = warta_store::hash_password(&password);
            false
        }
    })
    .await
    .unwrap_or(false);
    let Some(user) = user.filter(|_| ok) else {
        attempt.failed(store).await?;
        return Ok(Outcome::Wrong);
    };
    attempt.succeeded(store).await?;
    if store.is_disabled(&user).await? {
        return Ok(Outcome::Disabled);
    }
    Ok(Outcome::Right(user))
}

async fn start_session(
    app: &AppState,
    headers: &HeaderMap,
    user: &warta_store::UserRow,
) -> Result<String, AppError> {
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (token, _) = app.store().create_session(user.id, agent).await?;
    app.store()
        .audit(Some(user.id), "sign-in", None, "")
        .await?;
    Ok(token)
}

#[derive(Deserialize)]
pub struct Empty {}

/// `POST /admin/keluar`: end this session.
pub async fn sign_out(
    State(app): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    CsrfForm(_): CsrfForm<Empty>,
) -> Response {
    if let Err(e) = app.store().delete_session(&staff.0.token).await {
        return AppError::from(e).into_response();
    }
    let mut res = Redirect::to("/admin/masuk").into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, session_cookie("", &headers));
    res
}
