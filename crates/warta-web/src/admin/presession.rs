//! Forms posted before a session exists (sign-in, "forgot password", the reset form) have no
//! session CSRF token, so they refuse cross-site posts by the browser's own word: a
//! `Sec-Fetch-Site: cross-site` request, or an `Origin` that is neither the configured base
//! URL's nor the request's own (`scheme://Host`), is refused with a readable 403 page.
//! Clients that send neither header (curl, old browsers) are let through: a forged
//! cross-site post always carries `Origin` in the browsers that matter.

use super::render;
use crate::auth::is_https;
use crate::state::AppState;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use warta_admin::Lang;

/// Whether a pre-session form post may come from where it says it came from.
pub fn same_site(headers: &HeaderMap, base_url: &str) -> bool {
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if fetch_site.eq_ignore_ascii_case("cross-site") {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let origin = origin.trim_end_matches('/');
    if origin.eq_ignore_ascii_case(origin_of(base_url)) {
        return true;
    }
    let scheme = if is_https(headers) { "https" } else { "http" };
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|host| origin.eq_ignore_ascii_case(&format!("{scheme}://{host}")))
}

/// `scheme://host[:port]` of an absolute URL.
fn origin_of(url: &str) -> &str {
    let start = url.find("://").map_or(0, |i| i + 3);
    match url[start..].find('/') {
        Some(i) => &url[..start + i],
        None => url,
    }
}

/// The 403 page for a refused post, in Indonesian, with a link back to the form.
pub fn refused(app: &AppState, back: &str) -> Response {
    let t = warta_admin::strings(Lang::Id);
    let ctx = minijinja::context! {
        title => t["cross_site_title"], message => t["cross_site"],
        back => back, back_label => t["cross_site_back"],
    };
    let mut res = render(app, "message.html", Lang::Id, ctx);
    *res.status_mut() = StatusCode::FORBIDDEN;
    res
}

/// `Some(403 page)` when the post must be refused.
pub fn check(app: &AppState, headers: &HeaderMap, back: &str) -> Option<Response> {
    (!same_site(headers, &app.renderer().site().base_url)).then(|| refused(app, back))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    const BASE: &str = "https://warta.example";

    #[test]
    fn cross_site_posts_are_refused() {
        assert!(!same_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            BASE
        ));
        assert!(!same_site(
            &headers(&[("origin", "https://evil.example")]),
            BASE
        ));
        assert!(!same_site(&headers(&[("origin", "null")]), BASE));
        let h = headers(&[
            ("origin", "http://warta.example"),
            ("host", "warta.example"),
        ]);
        assert!(same_site(&h, BASE), "plain http on its own host");
        let h = headers(&[("origin", "https://warta.example.evil"), ("host", "x")]);
        assert!(!same_site(&h, BASE));
    }

    #[test]
    fn the_sites_own_posts_pass() {
        assert!(same_site(&HeaderMap::new(), BASE));
        assert!(same_site(
            &headers(&[("origin", "https://warta.example")]),
            BASE
        ));
        assert!(same_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            BASE
        ));
        let h = headers(&[
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080"),
        ]);
        assert!(same_site(&h, BASE));
        assert_eq!(
            origin_of("https://a.example:8443/x/y"),
            "https://a.example:8443"
        );
    }
}
