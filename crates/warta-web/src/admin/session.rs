//! Signing in and out.

use super::CsrfForm;
use super::{Staff, render, safe_next};
use crate::auth::{LOGIN_LIMIT, LOGIN_WINDOW_MS, session_cookie, session_of};
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

/// `POST /admin/masuk`. At most [`LOGIN_LIMIT`] failures per account in 15 minutes; then
/// even the right password waits, with a message saying so.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    State(app): State<AppState>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<SignIn>,
) -> Response {
    let email = f.email.trim().to_lowercase();
    let again = |status: StatusCode, msg: &str| {
        let ctx = minijinja::context! { next => safe_next(&f.next), email => email.clone(), error => msg };
        let mut res = render(&app, "login.html", Lang::Id, ctx);
        *res.status_mut() = status;
        res
    };
    let key = format!("login:{email}");
    let store = app.store();
    match store.login_failures(&key, LOGIN_WINDOW_MS).await {
        Ok(n) if n >= LOGIN_LIMIT => {
            return again(
                StatusCode::TOO_MANY_REQUESTS,
                "Terlalu banyak percobaan masuk yang gagal untuk akun ini. Tunggu 15 menit, atau minta tautan atur ulang kata sandi.",
            );
        }
        Ok(_) => {}
        Err(e) => return AppError::from(e).into_response(),
    }
    let user = match store.user_by_email(&email).await {
        Ok(u) => u,
        Err(e) => return AppError::from(e).into_response(),
    };
    // Verify even for unknown emails so timing does not tell which accounts exist.
    let password = f.password.clone();
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
        if let Err(e) = store.record_login_failure(&key, LOGIN_WINDOW_MS).await {
            return AppError::from(e).into_response();
        }
        return again(StatusCode::UNAUTHORIZED, "Email atau kata sandi salah.");
    };
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (token, _) = match store.create_session(user.id, agent).await {
        Ok(s) => s,
        Err(e) => return AppError::from(e).into_response(),
    };
    let _ = store.clear_login_failures(&key).await;
    let _ = store.audit(Some(user.id), "sign-in", None, "").await;
    let mut res = Redirect::to(safe_next(&f.next)).into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&token, &headers));
    res
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
