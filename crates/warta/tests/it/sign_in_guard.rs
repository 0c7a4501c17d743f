//! The sign-in form against guessing and cross-site posts: limits per account and address,
//! a per-account slow-down instead of a lockout, and pre-session forms that refuse posts
//! from other sites.

use crate::helpers::PASSWORD;
use warta_core::Role;
use warta_testkit::{Options, TestApp};

const OWNER: &str = "pemilik@warta.test";

/// A server behind a trusted proxy on 127.0.0.1, so `X-Forwarded-For` names the client.
async fn behind_proxy() -> TestApp {
    let app = TestApp::spawn_with(Options {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Default::default()
    })
    .await;
    app.token_for(OWNER, "Pemilik Akun", Role::Writer).await;
    app
}

/// POST the sign-in form as the client at `from` (sent as `X-Forwarded-For`).
async fn attempt(app: &TestApp, from: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/admin/masuk"))
        .header("x-forwarded-for", from)
        .form(&[("email", OWNER), ("password", password)])
        .send()
        .await
        .unwrap()
}

fn retry_after(r: &reqwest::Response) -> i64 {
    r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn guessing_from_one_address_does_not_lock_the_owner_out_of_theirs() {
    let app = behind_proxy().await;
    for _ in 0..5 {
        assert_eq!(
            attempt(&app, "203.0.113.7", "tebakan-salah").await.status(),
            401
        );
    }
    let r = attempt(&app, "203.0.113.7", PASSWORD).await;
    assert_eq!(r.status(), 429, "the guessing address waits");
    assert!(retry_after(&r) > 800, "{}", retry_after(&r));
    let r = attempt(&app, "198.51.100.20", PASSWORD).await;
    assert_eq!(r.status(), 303, "the owner, elsewhere, signs in at once");
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("warta_session=")
    );
}

#[tokio::test]
async fn forwarded_for_is_not_believed_without_a_trusted_proxy() {
    let app = TestApp::spawn().await;
    app.token_for(OWNER, "Pemilik Akun", Role::Writer).await;
    for i in 0..5 {
        let r = attempt(&app, &format!("192.0.2.{i}"), "tebakan-salah").await;
        assert_eq!(r.status(), 401);
    }
    let r = attempt(&app, "192.0.2.99", PASSWORD).await;
    assert_eq!(
        r.status(),
        429,
        "a new forged address is still the same peer"
    );
}

#[tokio::test]
async fn guesses_from_many_addresses_slow_the_account_for_seconds_not_minutes() {
    let app = behind_proxy().await;
    for (from, n) in [("203.0.113.1", 4), ("203.0.113.2", 4), ("203.0.113.3", 2)] {
        for _ in 0..n {
            assert_eq!(attempt(&app, from, "tebakan-salah").await.status(), 401);
        }
    }
    // Ten failures on the account: every attempt now waits a moment after the last one.
    let r = attempt(&app, "198.51.100.20", PASSWORD).await;
    assert_eq!(r.status(), 429);
    let wait = retry_after(&r);
    assert!(
        (1..=2).contains(&wait),
        "a short wait, not a lockout: {wait}"
    );
    assert!(r.text().await.unwrap().contains("detik"));
    tokio::time::sleep(std::time::Duration::from_millis(1100 * wait as u64)).await;
    let r = attempt(&app, "198.51.100.20", PASSWORD).await;
    assert_eq!(r.status(), 303, "after the wait the owner is in");
    // Signing in cleared the account's count: a typo no longer waits.
    assert_eq!(
        attempt(&app, "198.51.100.20", "salah-ketik").await.status(),
        401
    );
}

async fn post_form(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
    form: &[(&str, &str)],
) -> (u16, String, bool) {
    let mut req = app.client.post(app.url(path)).form(form);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let r = req.send().await.unwrap();
    let cookie = r.headers().get("set-cookie").is_some();
    (r.status().as_u16(), r.text().await.unwrap(), cookie)
}

#[tokio::test]
async fn pre_session_forms_refuse_cross_site_posts() {
    let app = TestApp::spawn().await;
    app.token_for(OWNER, "Pemilik Akun", Role::Writer).await;
    let store = app.store().await;
    let user = store.user_by_email(OWNER).await.unwrap().unwrap();
    let reset = store
        .create_password_reset(user.id, 3_600_000)
        .await
        .unwrap();
    let reset_path = format!("/admin/atur-ulang/{reset}");
    let sign_in = [("email", OWNER), ("password", PASSWORD)];
    let new_pw = [("new", "sandi-baru-sekali"), ("new2", "sandi-baru-sekali")];
    let forms: [(&str, &[(&str, &str)]); 3] = [
        ("/admin/masuk", &sign_in),
        ("/admin/lupa", &[("email", OWNER)]),
        (&reset_path, &new_pw),
    ];
    for (path, form) in forms {
        for bad in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
            ("origin", "null"),
        ] {
            let (s, page, cookie) = post_form(&app, path, &[bad], form).await;
            assert_eq!(s, 403, "{path} {bad:?}");
            assert!(!cookie, "{path}: no session from a refused post");
            assert!(page.contains("Formulir ditolak"), "{path}: {page}");
            // Templates escape '/' in attributes.
            let href = format!("href=\"{}\"", path.replace('/', "&#x2f;"));
            assert!(page.contains(&href), "{path} links back: {page}");
            assert!(page.contains("Kembali ke formulir"));
        }
    }
    // The reset link was not used by the refused posts, and the site's own forms work.
    let own = app.base.clone();
    let same = [("origin", own.as_str()), ("sec-fetch-site", "same-origin")];
    let (s, _, _) = post_form(&app, &reset_path, &same, &new_pw).await;
    assert_eq!(s, 200);
    let sign_in = [("email", OWNER), ("password", "sandi-baru-sekali")];
    let (s, _, cookie) = post_form(&app, "/admin/masuk", &same, &sign_in).await;
    assert_eq!((s, cookie), (303, true));
    let base = [("origin", warta_testkit::TEST_BASE_URL)];
    let (s, _, _) = post_form(&app, "/admin/lupa", &base, &[("email", OWNER)]).await;
    assert_eq!(s, 200, "the configured base URL's origin is the site's own");
}
