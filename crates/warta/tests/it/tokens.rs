//! API tokens have a life: a name, creation and last use; owners and admins revoke them;
//! signing out everywhere and a password change revoke them; admins disable accounts.

use crate::helpers::{Desk, PASSWORD, try_sign_in};
use reqwest::Method;
use warta_core::Role;
use warta_testkit::TestApp;

const WRITER: &str = "penulis@warta.test";
const ADMIN: &str = "admin@warta.test";

/// A writer with a named token and an admin; returns the app, the writer's token and its id.
async fn setup() -> (TestApp, String, i64) {
    let app = TestApp::spawn().await;
    app.token_for(ADMIN, "Ani Admin", Role::Admin).await;
    app.token_for(WRITER, "Budi Penulis", Role::Writer).await;
    let store = app.store().await;
    let user = store.user_by_email(WRITER).await.unwrap().unwrap();
    // The unnamed token from `token_for` is revoked so only the named one is left.
    store.revoke_user_tokens(user.id).await.unwrap();
    let (id, token) = store
        .create_named_token(user.id, "impor Antara")
        .await
        .unwrap();
    (app, token, id)
}

async fn works(app: &TestApp, token: &str) -> u16 {
    app.api(Method::GET, "/articles", token, None).await.0
}

#[tokio::test]
async fn tokens_show_name_and_use_and_a_revoked_one_gets_401_at_once() {
    let (app, token, id) = setup().await;
    let store = app.store().await;
    let user = store.user_by_email(WRITER).await.unwrap().unwrap();
    assert_eq!(
        store.tokens_of(user.id).await.unwrap()[0].last_used_at,
        None
    );
    assert_eq!(works(&app, &token).await, 200);
    let used = store.tokens_of(user.id).await.unwrap()[0].last_used_at;
    assert!(used.is_some(), "first use is recorded");
    assert_eq!(works(&app, &token).await, 200);
    assert_eq!(
        store.tokens_of(user.id).await.unwrap()[0].last_used_at,
        used,
        "not written again within the minute"
    );
    let writer = Desk::sign_in(&app, WRITER).await;
    let (s, page) = writer.get("/admin/akun").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("Token API") && page.contains("impor Antara"),
        "{page}"
    );
    assert!(page.contains(&format!("/admin/akun/token/{id}/cabut")));
    assert!(
        page.contains("mencabut semua token"),
        "the page says what signing out does"
    );
    // Without the CSRF token nothing happens.
    let (s, _, _) = writer
        .post_raw(&format!("/admin/akun/token/{id}/cabut"), &[])
        .await;
    assert_eq!(s, 403);
    assert_eq!(works(&app, &token).await, 200);
    let (s, loc, _) = writer
        .post(&format!("/admin/akun/token/{id}/cabut"), &[])
        .await;
    assert_eq!((s, loc.as_str()), (303, "/admin/akun?ok=token_revoked"));
    assert_eq!(
        works(&app, &token).await,
        401,
        "revoked means refused at once"
    );
    assert!(store.tokens_of(user.id).await.unwrap().is_empty());
    let (_, audit) = Desk::sign_in(&app, ADMIN).await.get("/admin/audit").await;
    assert!(audit.contains("mencabut token API") && audit.contains("impor Antara"));
    assert!(
        !audit.contains("token-revoke"),
        "the Indonesian log names no raw action"
    );
}

#[tokio::test]
async fn owners_revoke_only_their_own_and_admins_anyones() {
    let (app, token, id) = setup().await;
    let other = app.token_for("lain@warta.test", "Lain", Role::Editor).await;
    let other_desk = Desk::sign_in(&app, "lain@warta.test").await;
    let (s, _, _) = other_desk
        .post(&format!("/admin/akun/token/{id}/cabut"), &[])
        .await;
    assert_eq!(s, 404, "someone else's token is not theirs to revoke");
    let (s, _, _) = other_desk
        .post(&format!("/admin/pengguna/token/{id}/cabut"), &[])
        .await;
    assert_eq!(s, 403, "editors are not admins");
    assert_eq!(works(&app, &token).await, 200);
    let admin = Desk::sign_in(&app, ADMIN).await;
    let (s, page) = admin.get("/admin/pengguna").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("impor Antara")
            && page.contains(&format!("/admin/pengguna/token/{id}/cabut"))
    );
    let (s, loc, _) = admin
        .post(&format!("/admin/pengguna/token/{id}/cabut"), &[])
        .await;
    assert_eq!((s, loc.as_str()), (303, "/admin/pengguna?ok=token_revoked"));
    assert_eq!(works(&app, &token).await, 401);
    assert_eq!(works(&app, &other).await, 200, "other tokens live on");
}

#[tokio::test]
async fn signing_out_everywhere_and_changing_the_password_revoke_tokens() {
    let (app, token, _) = setup().await;
    let writer = Desk::sign_in(&app, WRITER).await;
    let (s, _, _) = writer.post("/admin/keluar-semua", &[]).await;
    assert_eq!(s, 303);
    assert_eq!(works(&app, &token).await, 401);

    let store = app.store().await;
    let user = store.user_by_email(WRITER).await.unwrap().unwrap();
    let (_, token) = store.create_named_token(user.id, "kedua").await.unwrap();
    assert_eq!(works(&app, &token).await, 200);
    let writer = Desk::sign_in(&app, WRITER).await;
    let new = "kata-sandi-baru-1";
    let form = [("current", PASSWORD), ("new", new), ("new2", new)];
    let (s, loc, _) = writer.post("/admin/akun/sandi", &form).await;
    assert_eq!((s, loc.as_str()), (303, "/admin/akun?ok=password"));
    assert_eq!(works(&app, &token).await, 401);
    let (_, page) = writer.get("/admin/akun?ok=password").await;
    assert!(page.contains("token API dicabut"), "the page says so");
}

#[tokio::test]
async fn a_disabled_account_loses_sessions_tokens_and_sign_in_until_enabled() {
    let (app, token, _) = setup().await;
    let store = app.store().await;
    let user = store.user_by_email(WRITER).await.unwrap().unwrap();
    let writer = Desk::sign_in(&app, WRITER).await;
    let admin = Desk::sign_in(&app, ADMIN).await;
    let path = format!("/admin/pengguna/{}/nonaktif", user.id);
    let (s, _, _) = admin.post_raw(&path, &[]).await;
    assert_eq!(s, 403, "needs the CSRF token");
    assert!(writer.signed_in().await);
    let (s, _, _) = writer.post(&path, &[]).await;
    assert_eq!(s, 403, "only admins disable accounts");
    let (s, loc, _) = admin.post(&path, &[]).await;
    assert_eq!((s, loc.as_str()), (303, "/admin/pengguna?ok=disabled"));
    assert!(!writer.signed_in().await, "the session ended");
    assert_eq!(works(&app, &token).await, 401, "the token ended");
    let r = app
        .client
        .post(app.url("/admin/masuk"))
        .form(&[("email", WRITER), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("dinonaktifkan"));
    let (_, list) = admin.get("/admin/pengguna").await;
    assert!(list.contains(&format!("/admin/pengguna/{}/aktif", user.id)));
    let (_, audit) = admin.get("/admin/audit").await;
    assert!(audit.contains("<td>menonaktifkan akun</td>") && audit.contains(WRITER));
    let me = store.user_by_email(ADMIN).await.unwrap().unwrap();
    let (s, _, _) = admin
        .post(&format!("/admin/pengguna/{}/nonaktif", me.id), &[])
        .await;
    assert_eq!(s, 409, "not one's own account");

    let (s, _, _) = admin
        .post(&format!("/admin/pengguna/{}/aktif", user.id), &[])
        .await;
    assert_eq!(s, 303);
    assert!(try_sign_in(&app, WRITER, PASSWORD).await.is_some());
    assert_eq!(
        works(&app, &token).await,
        401,
        "its old tokens stay revoked"
    );
}
