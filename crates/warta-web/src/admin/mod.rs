//! The newsroom at `/admin`: sign-in, dashboard, article list, editor, workflow, revisions,
//! the "Masuk" queue of agency copy.
//! Server-rendered pages that work without JavaScript; the editor bundle enhances the
//! article page (docs/editor.md). Every page checks the session; every state-changing form
//! checks the CSRF token ([`CsrfForm`]); the same role checks as the API apply.

mod account;
mod forms;
pub use forms::CsrfForm;
mod articles;
mod beranda;
mod compose;
mod editor_form;
mod editor_post;
mod history;
mod limit;
mod lists;
mod media;
mod pending;
mod people;
mod presession;
mod replies;
mod session;
mod taxonomy;
mod tokens;
mod wire;

pub use account::{
    RESET_TTL_MS, account, change_password, forgot, forgot_form, reset, reset_form, save_prefs,
    sign_out_everywhere,
};
pub use media::{media_delete, media_grid, media_item, media_save, media_upload};
pub use pending::{apply as apply_pending, discard as discard_pending, pending_page};
pub use people::{audit, change_role, create_user, users};
pub use replies::{add_reply, delete_reply, replies_page};

pub use articles::{article_list, editor_page};
pub use beranda::{home_page, home_post};
pub use compose::{new_article, new_article_page};
pub use editor_post::editor_post;
pub use history::{preview, restore, revisions};
pub use session::{sign_in, sign_in_form, sign_out};
pub use taxonomy::{create_term, move_rubrik, taxonomy, update_author, update_term};
pub use tokens::{disable, enable, revoke_any, revoke_own};
pub use wire::{
    wire_draft, wire_feed_add, wire_feed_rubrik, wire_feeds, wire_photo, wire_poll_now, wire_queue,
};

use crate::auth::{Signed, session_of};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use warta_admin::Lang;
use warta_core::Capability;

/// A signed-in newsroom member on an admin page. Without a live session the page answers
/// with a redirect to the sign-in form (which comes back here afterwards).
pub struct Staff(pub Signed);

impl Staff {
    pub fn lang(&self) -> Lang {
        Lang::parse(&self.0.user.locale)
    }

    pub fn can(&self, cap: Capability) -> bool {
        self.0.user.role.can(cap)
    }

    /// Refuse with a 403 page unless the role allows `cap`.
    pub fn require(&self, cap: Capability, what: &str) -> Result<(), AppError> {
        AppError::require(self.0.user.role, cap, what)
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Response> {
        match session_of(app, &parts.headers).await {
            Ok(Some(s)) => Ok(Staff(s)),
            Ok(None) => {
                // Inside the nested router the URI lacks `/admin`; the original has it.
                let uri = parts
                    .extensions
                    .get::<axum::extract::OriginalUri>()
                    .map(|o| o.0.clone())
                    .unwrap_or_else(|| parts.uri.clone());
                let next = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/admin");
                let to = format!("/admin/masuk?next={}", urlencode(next));
                Err(Redirect::to(&to).into_response())
            }
            Err(e) => Err(e.into_response()),
        }
    }
}

pub(crate) use crate::paths::urlencode;

/// Only paths inside the newsroom are followed after sign-in (no open redirect).
pub(crate) fn safe_next(next: &str) -> &str {
    if next.starts_with("/admin") && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/admin"
    }
}

/// The user as templates see it.
fn user_value(s: &Signed) -> Value {
    let u = &s.user;
    minijinja::context! {
        id => u.id,
        name => u.name.clone(),
        email => u.email.clone(),
        role => u.role.as_str(),
        can_publish => u.role.can(Capability::Publish),
        can_administer => u.role.can(Capability::Administer),
    }
}

/// Render an admin page for a signed-in person. Admin pages are never cached.
pub fn page(app: &AppState, staff: &Staff, template: &str, title: &str, ctx: Value) -> Response {
    let base = minijinja::context! {
        user => user_value(&staff.0),
        csrf => staff.0.csrf.clone(),
        title => title,
    };
    render(
        app,
        template,
        staff.lang(),
        minijinja::context! { ..base, ..ctx },
    )
}

/// Render any admin template (also for signed-out pages such as the sign-in form).
pub fn render(app: &AppState, template: &str, lang: Lang, ctx: Value) -> Response {
    match app.admin().render(template, lang, ctx) {
        Ok(html) => html_response(StatusCode::OK, html),
        Err(e) => AppError::Internal(format!("admin template {template}: {e:#}")).into_response(),
    }
}

pub fn html_response(status: StatusCode, html: String) -> Response {
    let mut res = (status, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::respond::CONTENT_SECURITY_POLICY),
    );
    res
}

/// An error on an admin page: a readable page with the message and the right status.
pub fn error_page(app: &AppState, staff: Option<&Staff>, e: AppError) -> Response {
    if matches!(e, AppError::Internal(_)) {
        tracing::error!(error = %e, "admin request failed");
    }
    let status = e.status();
    let lang = staff.map(Staff::lang).unwrap_or(Lang::Id);
    let title = warta_admin::strings(lang)["error"];
    let ctx = minijinja::context! {
        title => title,
        message => warta_admin::localize(lang, &e.public_message()),
        back => "/admin",
        user => staff.map(|s| user_value(&s.0)),
        csrf => staff.map(|s| s.0.csrf.clone()),
    };
    let mut res = render(app, "message.html", lang, ctx);
    *res.status_mut() = status;
    res
}

/// The newsroom's fingerprinted static files (editor bundle, stylesheet), cached like the
/// reader site's: a year for the current `?v=` URL, minutes otherwise.
pub async fn asset(
    Path(name): Path<String>,
    axum::extract::RawQuery(q): axum::extract::RawQuery,
    headers: axum::http::HeaderMap,
) -> Response {
    let Some(a) = warta_admin::ASSETS.iter().find(|a| a.name == name) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let url = warta_admin::asset_url(&name);
    let cache = crate::public::fingerprinted(q.as_deref(), &url);
    crate::public::text_asset(a.content_type, cache, a.body, &headers)
}

/// `/admin`: the dashboard — my drafts, waiting for review, scheduled, recently published.
pub async fn dashboard(State(app): State<AppState>, staff: Staff) -> Response {
    match articles::dashboard(&app, &staff).await {
        Ok(r) => r,
        Err(e) => error_page(&app, Some(&staff), e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_newsroom_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/admin/artikel/3"), "/admin/artikel/3");
        assert_eq!(safe_next("https://evil.example/admin"), "/admin");
        assert_eq!(safe_next("//evil.example"), "/admin");
        assert_eq!(safe_next("/berita/x"), "/admin");
        assert_eq!(safe_next("/admin\\@evil"), "/admin");
    }

    #[test]
    fn next_is_escaped() {
        assert_eq!(
            urlencode("/admin/artikel?q=a b&c"),
            "/admin/artikel%3Fq%3Da%20b%26c"
        );
    }
}
