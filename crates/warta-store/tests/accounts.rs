//! Accounts in the store: sessions (sliding and absolute expiry, ending), sign-in failure
//! counts within their window, and password-reset tokens, against a real SQLite file and a
//! real PostgreSQL server (see `common`).

#[macro_use]
mod common;

use common::{Db, user};
use warta_core::Role;
use warta_store::{SESSION_IDLE_MS, SESSION_MAX_MS, now_ms, verify_password};

on_both_backends!(
    "account store",
    crate::common::db;
    sessions_live_slide_expire_and_end,
    login_failures_count_within_the_window_and_clear,
    password_reset_tokens_work_once_and_end_sessions,
);

async fn sessions_live_slide_expire_and_end(db: &Db) {
    let s = &db.store;
    let sari = user(s, "sari@warta.test", "Sari", Role::Writer).await;
    let budi = user(s, "budi@warta.test", "Budi", Role::Editor).await;

    let before = now_ms();
    let (token, created) = s.create_session(sari, "Firefox").await.unwrap();
    assert_eq!(created.user.id, sari);
    assert!(created.expires_at >= before + SESSION_IDLE_MS);
    let found = s.session(&token).await.unwrap().expect("a fresh session");
    assert_eq!(
        (found.user.id, found.csrf.as_str()),
        (sari, created.csrf.as_str())
    );
    assert_ne!(found.csrf, token, "the CSRF token is not the cookie");
    assert!(s.session("wrt_tidak-ada").await.unwrap().is_none());
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE id = $1")
        .bind(&token)
        .fetch_one(&db.raw)
        .await
        .unwrap();
    assert_eq!(stored, 0, "only the token's hash is stored");

    // Use after more than a minute slides the idle expiry forward…
    db.exec(
        "UPDATE sessions SET seen_at = $1, expires_at = $2 WHERE user_id = $3",
        &[now_ms() - 120_000, now_ms() + 10_000, sari],
    )
    .await;
    let slid = s.session(&token).await.unwrap().unwrap();
    assert!(slid.expires_at >= now_ms() + SESSION_IDLE_MS - 5_000);
    // …but never past the maximum age.
    let created_at = now_ms() - SESSION_MAX_MS + 60_000;
    db.exec(
        "UPDATE sessions SET created_at = $1, seen_at = $2 WHERE user_id = $3",
        &[created_at, now_ms() - 120_000, sari],
    )
    .await;
    let capped = s.session(&token).await.unwrap().unwrap();
    assert_eq!(capped.expires_at, created_at + SESSION_MAX_MS);

    // Idle expiry and maximum age both end a session, and the row goes.
    db.exec(
        "UPDATE sessions SET created_at = $1, expires_at = $1 WHERE user_id = $2",
        &[now_ms() - 1, sari],
    )
    .await;
    assert!(s.session(&token).await.unwrap().is_none());
    assert_eq!(
        db.count("SELECT COUNT(*) FROM sessions WHERE user_id = $1", &[sari])
            .await,
        0,
        "an expired session is deleted when seen"
    );
    let (old, _) = s.create_session(sari, "Firefox").await.unwrap();
    db.exec(
        "UPDATE sessions SET created_at = $1 WHERE user_id = $2",
        &[now_ms() - SESSION_MAX_MS - 1, sari],
    )
    .await;
    assert!(s.session(&old).await.unwrap().is_none(), "maximum age");

    // Signing out ends one session; "everywhere else" keeps the current one only.
    let (t1, _) = s.create_session(sari, "a").await.unwrap();
    let (t2, _) = s.create_session(sari, "b").await.unwrap();
    let (t3, _) = s.create_session(sari, "c").await.unwrap();
    let (other, _) = s.create_session(budi, "d").await.unwrap();
    s.delete_session(&t1).await.unwrap();
    assert!(s.session(&t1).await.unwrap().is_none());
    assert!(s.session(&t2).await.unwrap().is_some());
    assert_eq!(s.delete_user_sessions(sari, Some(&t2)).await.unwrap(), 1);
    assert!(s.session(&t2).await.unwrap().is_some(), "kept");
    assert!(s.session(&t3).await.unwrap().is_none());
    assert!(
        s.session(&other).await.unwrap().is_some(),
        "others untouched"
    );
    assert_eq!(s.delete_user_sessions(sari, None).await.unwrap(), 1);
    assert!(s.session(&t2).await.unwrap().is_none());
}

async fn login_failures_count_within_the_window_and_clear(db: &Db) {
    let s = &db.store;
    let window = 15 * 60_000;
    for n in 1..=3 {
        assert_eq!(
            s.record_login_failure("sari@warta.test", window)
                .await
                .unwrap(),
            n
        );
    }
    assert_eq!(s.record_login_failure("10.0.0.1", window).await.unwrap(), 1);
    assert_eq!(
        s.login_failures("sari@warta.test", window).await.unwrap(),
        3
    );
    // Failures older than the window do not count.
    db.exec(
        "INSERT INTO login_failures (key, at) VALUES ('sari@warta.test', $1)",
        &[now_ms() - window - 1_000],
    )
    .await;
    assert_eq!(
        s.login_failures("sari@warta.test", window).await.unwrap(),
        3
    );
    db.exec(
        "INSERT INTO login_failures (key, at) VALUES ('budi@warta.test', $1)",
        &[now_ms() - 2 * window],
    )
    .await;
    assert_eq!(
        s.login_failures("budi@warta.test", window).await.unwrap(),
        0
    );
    assert_eq!(
        s.record_login_failure("budi@warta.test", window)
            .await
            .unwrap(),
        1
    );
    s.clear_login_failures("sari@warta.test").await.unwrap();
    assert_eq!(
        s.login_failures("sari@warta.test", window).await.unwrap(),
        0
    );
    assert_eq!(
        s.login_failures("10.0.0.1", window).await.unwrap(),
        1,
        "other keys stay"
    );
}

async fn password_reset_tokens_work_once_and_end_sessions(db: &Db) {
    let s = &db.store;
    let sari = user(s, "sari@warta.test", "Sari", Role::Writer).await;
    let budi = user(s, "budi@warta.test", "Budi", Role::Writer).await;
    let token = s.create_password_reset(sari, 3_600_000).await.unwrap();
    assert_eq!(
        s.password_reset_user(&token).await.unwrap().unwrap().id,
        sari
    );
    let (browser1, _) = s.create_session(sari, "a").await.unwrap();
    let (browser2, _) = s.create_session(sari, "b").await.unwrap();
    let (budis, _) = s.create_session(budi, "c").await.unwrap();

    let done = s
        .use_password_reset(&token, "kata-sandi-baru")
        .await
        .unwrap()
        .expect("a fresh token works");
    assert_eq!(done.id, sari);
    assert!(verify_password(&done, "kata-sandi-baru"));
    assert!(!verify_password(&done, "kata-sandi-lama"));
    assert!(s.session(&browser1).await.unwrap().is_none());
    assert!(s.session(&browser2).await.unwrap().is_none());
    assert!(s.session(&budis).await.unwrap().is_some());

    // A used token is spent.
    assert!(s.password_reset_user(&token).await.unwrap().is_none());
    assert!(
        s.use_password_reset(&token, "lagi-lagi-baru")
            .await
            .unwrap()
            .is_none()
    );
    let after = s.user_by_id(sari).await.unwrap();
    assert!(
        verify_password(&after, "kata-sandi-baru"),
        "unchanged by a second use"
    );

    // An expired one was never usable; an unknown one neither.
    let expired = s.create_password_reset(sari, 3_600_000).await.unwrap();
    db.exec(
        "UPDATE password_resets SET expires_at = $1 WHERE used_at IS NULL",
        &[now_ms() - 1],
    )
    .await;
    assert!(s.password_reset_user(&expired).await.unwrap().is_none());
    assert!(
        s.use_password_reset(&expired, "x-y-z-w-v")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        s.use_password_reset("wrt_tidak-ada", "x-y-z-w-v")
            .await
            .unwrap()
            .is_none()
    );
    let log = s.audit_log(None, 100).await.unwrap();
    assert_eq!(
        log.iter().filter(|r| r.action == "password-reset").count(),
        1
    );
}
