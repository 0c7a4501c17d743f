//! The newsroom's records (sessions, sign-in limits, password resets, workflow, scheduler,
//! revisions, corrections, audit log, presence, live entries, media library) against a real
//! SQLite file and a real PostgreSQL server. Every scenario runs on both; the PostgreSQL ones
//! skip visibly without `WARTA_TEST_POSTGRES_URL` (and fail under `WARTA_TEST_REQUIRE_ALL=1`).
//!
//! Times in the past are made by editing rows through a second, raw connection: the store has
//! no clock to inject, and sleeping for an expiry would make the suite slow and flaky.

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use std::collections::BTreeSet;
use warta_core::{Block, Role, Status, Transition};
use warta_store::{
    ArticleRow, ArticleWrite, MediaCrop, MediaVariant, NewMedia, NewUser, PRESENCE_MS,
    SESSION_IDLE_MS, SESSION_MAX_MS, Save, Store, StoreError, Term, now_ms, verify_password,
};

/// A migrated store and a raw pool on the same database, for arranging times.
struct Db {
    store: Store,
    raw: AnyPool,
    _dir: Option<tempfile::TempDir>,
}

impl Db {
    /// Run one statement with integer parameters on the raw connection.
    async fn exec(&self, sql: &str, params: &[i64]) {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()));
        for p in params {
            q = q.bind(*p);
        }
        q.execute(&self.raw).await.expect(sql);
    }

    async fn count(&self, sql: &str, params: &[i64]) -> i64 {
        let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string()));
        for p in params {
            q = q.bind(*p);
        }
        q.fetch_one(&self.raw).await.expect(sql)
    }
}

async fn raw_pool(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("raw connection");
    if url.starts_with("sqlite:") {
        sqlx::query("PRAGMA busy_timeout = 5000")
            .execute(&pool)
            .await
            .unwrap();
    }
    pool
}

async fn sqlite() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("warta.db");
    let store = Store::open_sqlite(&path).await.unwrap();
    store.migrate().await.unwrap();
    let raw = raw_pool(&format!("sqlite://{}", path.display())).await;
    Db {
        store,
        raw,
        _dir: Some(dir),
    }
}

/// A migrated store on a fresh PostgreSQL database, or `None` with a visible SKIPPED line.
async fn postgres() -> Option<Db> {
    let Ok(url) = std::env::var("WARTA_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("WARTA_TEST_REQUIRE_ALL").as_deref() != Ok("1"),
            "WARTA_TEST_REQUIRE_ALL=1 but WARTA_TEST_POSTGRES_URL is not set"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: PostgreSQL newsroom store test (set WARTA_TEST_POSTGRES_URL, e.g. postgres://postgres@127.0.0.1/postgres)"
        );
        return None;
    };
    let db = warta_store::create_test_database(&url)
        .await
        .expect("create a test database");
    let store = Store::open(&db).await.expect("connect to PostgreSQL");
    store.migrate().await.unwrap();
    Some(Db {
        store,
        raw: raw_pool(&db).await,
        _dir: None,
    })
}

/// One `#[tokio::test]` per backend for each scenario function.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name(&super::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    if let Some(db) = super::postgres().await {
                        super::$name(&db).await;
                    }
                }
            )*
        }
    };
}

on_both_backends!(
    sessions_live_slide_expire_and_end,
    login_failures_count_within_the_window_and_clear,
    password_reset_tokens_work_once_and_end_sessions,
    workflow_transitions_follow_the_rules,
    publish_due_publishes_each_article_exactly_once_under_concurrency,
    revisions_keep_snapshots_that_restore,
    corrections_and_the_audit_log_record_each_step,
    presence_lists_only_others_within_the_window,
    live_entries_come_newest_first_and_filter_by_id,
    media_search_matches_words_days_and_pages,
    media_formats_are_recorded_and_avif_waits_until_set,
    media_in_use_cannot_be_deleted,
    pending_versions_stay_private_until_applied,
    concurrent_pending_saves_on_one_revision_let_one_win,
);

async fn user(store: &Store, email: &str, name: &str, role: Role) -> i64 {
    store
        .create_user(NewUser {
            email,
            name,
            role,
            password: "kata-sandi-lama",
            bio: "",
        })
        .await
        .unwrap()
        .id
}

async fn write(store: &Store, by: i64, slug: &str) -> ArticleWrite {
    let rubrik = store
        .ensure_term(Term::Rubrik, "Nasional", "")
        .await
        .unwrap();
    ArticleWrite {
        slug: slug.into(),
        headline: format!("Berita {slug}"),
        dek: "Ringkasan.".into(),
        rubrik_id: rubrik.id,
        author_ids: vec![by],
        dateline: "JAKARTA".into(),
        body: vec![Block::Paragraph {
            text: "Paragraf pertama.".into(),
        }],
        ..Default::default()
    }
}

async fn article(store: &Store, by: i64, slug: &str) -> ArticleRow {
    let w = write(store, by, slug).await;
    store.create_article(&w, Status::Draft, by).await.unwrap()
}

fn save(expected_revision: i64, by: i64) -> Save {
    Save {
        expected_revision: Some(expected_revision),
        by,
        correction: None,
        action: "save",
    }
}

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

fn invalid<T: std::fmt::Debug>(r: Result<T, StoreError>) -> String {
    match r {
        Err(StoreError::Invalid(why)) => why,
        other => panic!("expected StoreError::Invalid, got {other:?}"),
    }
}

async fn workflow_transitions_follow_the_rules(db: &Db) {
    let s = &db.store;
    let ed = user(s, "ed@warta.test", "Ed", Role::Editor).await;
    let a = article(s, ed, "alur").await;
    let id = a.id;
    assert_eq!(a.submitted_at, None);

    let before = now_ms();
    let sub = s
        .transition(id, Transition::Submit, None, ed)
        .await
        .unwrap();
    assert_eq!(sub.status, Status::Submitted);
    assert!(sub.submitted_at.is_some_and(|t| t >= before));
    assert!(invalid(s.transition(id, Transition::Submit, None, ed).await).contains("submitted"));
    assert!(invalid(s.transition(id, Transition::Unpublish, None, ed).await).contains("unpublish"));

    let back = s
        .transition(id, Transition::Return, None, ed)
        .await
        .unwrap();
    assert_eq!(back.status, Status::Draft);
    assert_eq!(back.submitted_at, sub.submitted_at, "kept as history");
    invalid(s.transition(id, Transition::Return, None, ed).await);
    invalid(s.transition(id, Transition::Schedule, None, ed).await);
    assert_eq!(
        s.article_by_id(id).await.unwrap().status,
        Status::Draft,
        "a refused step changes nothing"
    );

    let at = now_ms() + 3_600_000;
    let sch = s
        .transition(id, Transition::Schedule, Some(at), ed)
        .await
        .unwrap();
    assert_eq!(
        (sch.status, sch.published_at),
        (Status::Scheduled, Some(at))
    );
    let ret = s
        .transition(id, Transition::Return, None, ed)
        .await
        .unwrap();
    assert_eq!(
        (ret.status, ret.published_at),
        (Status::Draft, None),
        "returning forgets the planned time"
    );

    s.transition(id, Transition::Schedule, Some(at), ed)
        .await
        .unwrap();
    let before = now_ms();
    let p = s
        .transition(id, Transition::Publish, None, ed)
        .await
        .unwrap();
    assert_eq!(p.status, Status::Published);
    let published_at = p.published_at.unwrap();
    assert!(
        (before..=now_ms()).contains(&published_at),
        "publishing a scheduled article now does not keep the future time"
    );
    invalid(s.transition(id, Transition::Schedule, Some(at), ed).await);
    invalid(s.transition(id, Transition::Submit, None, ed).await);
    invalid(s.transition(id, Transition::Return, None, ed).await);

    let u = s
        .transition(id, Transition::Unpublish, None, ed)
        .await
        .unwrap();
    assert_eq!(
        (u.status, u.published_at),
        (Status::Unpublished, Some(published_at))
    );
    invalid(s.transition(id, Transition::Unpublish, None, ed).await);
    let again = s
        .transition(id, Transition::Submit, None, ed)
        .await
        .unwrap();
    assert_eq!(again.status, Status::Submitted);
    let re = s
        .transition(id, Transition::Publish, None, ed)
        .await
        .unwrap();
    assert_eq!(
        re.published_at,
        Some(published_at),
        "republishing keeps the first publication time"
    );
    assert!(matches!(
        s.transition(9_999, Transition::Publish, None, ed).await,
        Err(StoreError::NotFound)
    ));
    let steps: Vec<String> = s
        .audit_log(Some(id), 100)
        .await
        .unwrap()
        .into_iter()
        .rev()
        .map(|r| r.action)
        .collect();
    assert_eq!(
        steps,
        [
            "create",
            "submit",
            "return",
            "schedule",
            "return",
            "schedule",
            "publish",
            "unpublish",
            "submit",
            "publish"
        ],
        "refused steps leave no trace"
    );
}

async fn publish_due_publishes_each_article_exactly_once_under_concurrency(db: &Db) {
    let s = &db.store;
    let ed = user(s, "ed@warta.test", "Ed", Role::Editor).await;
    let at = now_ms() + 600_000;
    let mut due = BTreeSet::new();
    for i in 0..6 {
        let a = article(s, ed, &format!("embargo-{i}")).await;
        s.transition(a.id, Transition::Schedule, Some(at + i), ed)
            .await
            .unwrap();
        due.insert(a.id);
    }
    let later = article(s, ed, "nanti").await;
    s.transition(later.id, Transition::Schedule, Some(at + 3_600_000), ed)
        .await
        .unwrap();
    let draft = article(s, ed, "draf").await;

    assert_eq!(s.next_due().await.unwrap(), Some(at));
    assert!(
        s.publish_due(at - 1).await.unwrap().is_empty(),
        "nothing before its time"
    );
    assert!(s.publish_due(now_ms()).await.unwrap().is_empty());

    let when = at + 10;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move { s.publish_due(when).await })
        })
        .collect();
    let mut seen = Vec::new();
    for t in tasks {
        seen.extend(t.await.unwrap().expect("publish_due under load"));
    }
    seen.sort();
    assert_eq!(
        seen,
        due.iter().copied().collect::<Vec<_>>(),
        "every due article exactly once, across all callers"
    );
    for id in &due {
        let a = s.article_by_id(*id).await.unwrap();
        assert_eq!(a.status, Status::Published);
        assert!(a.updated_at >= a.published_at.unwrap());
        let publishes = s
            .audit_log(Some(*id), 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.action == "publish")
            .count();
        assert_eq!(publishes, 1);
    }
    assert_eq!(
        s.article_by_id(later.id).await.unwrap().status,
        Status::Scheduled
    );
    assert_eq!(
        s.article_by_id(draft.id).await.unwrap().status,
        Status::Draft
    );
    assert_eq!(s.next_due().await.unwrap(), Some(at + 3_600_000));
    assert!(s.publish_due(when).await.unwrap().is_empty());
}

async fn revisions_keep_snapshots_that_restore(db: &Db) {
    let s = &db.store;
    let sari = user(s, "sari@warta.test", "Sari Wulandari", Role::Writer).await;
    let rina = user(s, "rina@warta.test", "Rina Redaktur", Role::Editor).await;
    let w1 = write(s, sari, "gempa").await;
    let a = s.create_article(&w1, Status::Draft, sari).await.unwrap();
    let mut w2 = w1.clone();
    w2.headline = "Gempa Magnitudo 5 Guncang Cianjur".into();
    w2.body.push(Block::Quote {
        text: "Warga diminta tenang.".into(),
        cite: Some("BMKG".into()),
    });
    s.update_article(a.id, &w2, &save(1, rina)).await.unwrap();
    let mut w3 = w2.clone();
    w3.dek = "Tidak berpotensi tsunami.".into();
    w3.slug = "gempa-cianjur".into();
    let third = s.update_article(a.id, &w3, &save(2, sari)).await.unwrap();
    assert_eq!(third.updated_by, Some((sari, "Sari Wulandari".to_string())));

    let list = s.revisions(a.id).await.unwrap();
    let got: Vec<(i64, &str)> = list
        .iter()
        .map(|r| (r.revision, r.author_name.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "Sari Wulandari"),
            (2, "Rina Redaktur"),
            (1, "Sari Wulandari")
        ]
    );
    assert!(list.windows(2).all(|p| p[0].created_at >= p[1].created_at));
    for (n, w) in [(1, &w1), (2, &w2), (3, &w3)] {
        let (row, snap) = s.revision(a.id, n).await.unwrap();
        assert_eq!(row.revision, n);
        assert_eq!(&snap, w, "revision {n} is the content saved");
    }
    assert!(matches!(
        s.revision(a.id, 9).await,
        Err(StoreError::NotFound)
    ));

    // Restoring saves the old content as a new revision; history is never rewritten.
    let (_, old) = s.revision(a.id, 1).await.unwrap();
    let restored = s
        .update_article(
            a.id,
            &old,
            &Save {
                action: "restore",
                ..save(3, rina)
            },
        )
        .await
        .unwrap();
    assert_eq!(restored.revision, 4);
    assert_eq!(
        (
            restored.headline.as_str(),
            restored.slug.as_str(),
            restored.body.len()
        ),
        (w1.headline.as_str(), "gempa", 1)
    );
    assert_eq!(s.revision(a.id, 4).await.unwrap().1, w1);
    assert_eq!(s.revision(a.id, 3).await.unwrap().1, w3);
    assert_eq!(s.revisions(a.id).await.unwrap().len(), 4);
    assert_eq!(
        s.redirect_for("gempa-cianjur").await.unwrap().as_deref(),
        Some("gempa"),
        "the restored slug is live again and the later one redirects"
    );
    assert_eq!(
        s.audit_log(Some(a.id), 1).await.unwrap()[0].action,
        "restore"
    );
}

async fn corrections_and_the_audit_log_record_each_step(db: &Db) {
    let s = &db.store;
    let rina = user(s, "rina@warta.test", "Rina Redaktur", Role::Editor).await;
    let w = write(s, rina, "menteri").await;
    let a = s.create_article(&w, Status::Draft, rina).await.unwrap();
    let other = article(s, rina, "lain").await;
    s.update_article(a.id, &w, &save(1, rina)).await.unwrap();
    s.transition(a.id, Transition::Publish, None, rina)
        .await
        .unwrap();
    let note = "Nama menteri sebelumnya tertulis salah.";
    let corrected = s
        .update_article(
            a.id,
            &w,
            &Save {
                correction: Some(note.into()),
                ..save(2, rina)
            },
        )
        .await
        .unwrap();
    assert_eq!(corrected.corrections.len(), 1);
    assert_eq!(corrected.corrections[0].note, note);
    assert_eq!(corrected.corrections[0].created_at, corrected.updated_at);
    let blank = s
        .update_article(
            a.id,
            &w,
            &Save {
                correction: Some("  ".into()),
                ..save(3, rina)
            },
        )
        .await
        .unwrap();
    assert_eq!(blank.corrections.len(), 1, "a blank note is no correction");
    let second = s
        .update_article(
            a.id,
            &w,
            &Save {
                correction: Some("Jumlah korban diperbarui.".into()),
                ..save(4, rina)
            },
        )
        .await
        .unwrap();
    let notes: Vec<&str> = second.corrections.iter().map(|c| c.note.as_str()).collect();
    assert_eq!(notes, [note, "Jumlah korban diperbarui."], "oldest first");
    assert_eq!(s.article_by_id(a.id).await.unwrap().corrections.len(), 2);

    let log = s.audit_log(Some(a.id), 100).await.unwrap();
    let actions: Vec<(&str, &str)> = log
        .iter()
        .map(|r| (r.action.as_str(), r.detail.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("save", "revisi 5"),
            ("correct", "Jumlah korban diperbarui."),
            ("save", "revisi 4"),
            ("save", "revisi 3"),
            ("correct", note),
            ("publish", ""),
            ("save", "revisi 2"),
            ("create", w.headline.as_str()),
        ]
    );
    assert!(
        log.iter()
            .all(|r| r.user_name.as_deref() == Some("Rina Redaktur"))
    );
    assert!(
        log.iter()
            .all(|r| r.headline.as_deref() == Some(w.headline.as_str()))
    );
    let all = s.audit_log(None, 100).await.unwrap();
    assert!(all.iter().any(|r| r.article_id == Some(other.id)));
    assert_eq!(all.len(), log.len() + 1);
    assert_eq!(s.audit_log(None, 2).await.unwrap().len(), 2, "limit");
}

async fn presence_lists_only_others_within_the_window(db: &Db) {
    let s = &db.store;
    let ani = user(s, "ani@warta.test", "Ani", Role::Writer).await;
    let budi = user(s, "budi@warta.test", "Budi", Role::Editor).await;
    let cici = user(s, "cici@warta.test", "Cici", Role::Editor).await;
    let a = article(s, ani, "hadir").await;
    let b = article(s, ani, "lain").await;

    assert!(s.touch_presence(a.id, ani).await.unwrap().is_empty());
    assert_eq!(s.touch_presence(a.id, cici).await.unwrap(), ["Ani"]);
    assert_eq!(s.touch_presence(a.id, budi).await.unwrap(), ["Ani", "Cici"]);
    assert_eq!(s.touch_presence(a.id, ani).await.unwrap(), ["Budi", "Cici"]);
    assert!(
        s.touch_presence(b.id, cici).await.unwrap().is_empty(),
        "per article"
    );
    // Cici's editor stopped reporting longer ago than the window.
    db.exec(
        "UPDATE presence SET seen_at = $1 WHERE user_id = $2 AND article_id = $3",
        &[now_ms() - PRESENCE_MS - 1_000, cici, a.id],
    )
    .await;
    assert_eq!(s.touch_presence(a.id, ani).await.unwrap(), ["Budi"]);
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM presence WHERE user_id = $1 AND article_id = $2",
            &[ani, a.id]
        )
        .await,
        1,
        "one row per person and article"
    );
}

async fn live_entries_come_newest_first_and_filter_by_id(db: &Db) {
    let s = &db.store;
    let ani = user(s, "ani@warta.test", "Ani Reporter", Role::Writer).await;
    let mut w = write(s, ani, "siaran-langsung").await;
    w.live = true;
    let a = s.create_article(&w, Status::Draft, ani).await.unwrap();
    let other = article(s, ani, "lain").await;
    let mut ids = Vec::new();
    for i in 1..=3 {
        let body = vec![Block::Paragraph {
            text: format!("Pembaruan {i}."),
        }];
        let e = s
            .add_live_entry(a.id, &format!("Pukul {i}"), &body, ani)
            .await
            .unwrap();
        assert_eq!(
            (e.title.as_str(), &e.body, e.author_name.as_str()),
            (format!("Pukul {i}").as_str(), &body, "Ani Reporter")
        );
        ids.push(e.id);
        s.add_live_entry(other.id, "lain", &body, ani)
            .await
            .unwrap();
    }
    let all = s.live_entries(a.id, 0).await.unwrap();
    let titles: Vec<&str> = all.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Pukul 3", "Pukul 2", "Pukul 1"]);
    let newer = s.live_entries(a.id, ids[0]).await.unwrap();
    assert_eq!(
        newer.iter().map(|e| e.id).collect::<Vec<_>>(),
        [ids[2], ids[1]]
    );
    assert!(s.live_entries(a.id, ids[2]).await.unwrap().is_empty());
    let after = s.article_by_id(a.id).await.unwrap();
    assert!(
        after.updated_at >= all[0].created_at,
        "an entry modifies the article"
    );
}

async fn photo(s: &Store, caption: &str, credit: &str, alt: &str) -> i64 {
    s.insert_media(NewMedia {
        original_key: format!("asli/{}.webp", now_ms()),
        mime: "image/webp".into(),
        width: 1200,
        height: 800,
        variants: vec![MediaVariant {
            key: "v/640.webp".into(),
            width: 640,
            height: 427,
            mime: "image/webp".into(),
        }],
        avif: Vec::new(),
        avif_pending: false,
        crops: Vec::new(),
        placeholder: String::new(),
        caption: caption.into(),
        credit: credit.into(),
        alt: alt.into(),
        uploaded_by: None,
    })
    .await
    .unwrap()
    .id
}

fn variant(key: &str, width: u32, mime: &str) -> MediaVariant {
    MediaVariant {
        key: key.into(),
        width,
        height: width * 9 / 16,
        mime: mime.into(),
    }
}

async fn media_formats_are_recorded_and_avif_waits_until_set(db: &Db) {
    let s = &db.store;
    // A photo from before AVIF and crops: the columns' defaults.
    let old = photo(s, "Lama", "Arsip", "Foto lama").await;
    let row = s.media_by_id(old).await.unwrap().unwrap();
    assert!(row.avif.is_empty() && row.crops.is_empty() && row.placeholder.is_empty());
    assert!(!row.avif_pending);

    let crops = vec![MediaCrop {
        aspect: "16x9".into(),
        key: "a/1-16x9.jpg".into(),
        width: 1200,
        height: 675,
        mime: "image/jpeg".into(),
    }];
    let new = s
        .insert_media(NewMedia {
            original_key: "a/1.jpg".into(),
            mime: "image/jpeg".into(),
            width: 2400,
            height: 1350,
            variants: vec![variant("a/1-480.webp", 480, "image/webp")],
            avif: Vec::new(),
            avif_pending: true,
            crops: crops.clone(),
            placeholder: "data:image/webp;base64,UklGRg==".into(),
            caption: "Baru".into(),
            credit: "Warta".into(),
            alt: "Foto baru".into(),
            uploaded_by: None,
        })
        .await
        .unwrap();
    assert_eq!(new.crops, crops);
    assert_eq!(new.placeholder, "data:image/webp;base64,UklGRg==");
    assert!(new.avif_pending && new.avif.is_empty());
    assert_eq!(s.pending_jobs().await.unwrap(), 1, "the AVIF job waits");

    let avif = vec![
        variant("a/1-480.avif", 480, "image/avif"),
        variant("a/1-800.avif", 800, "image/avif"),
    ];
    assert!(s.set_media_avif(new.id, &avif).await.unwrap());
    let row = s.media_by_id(new.id).await.unwrap().unwrap();
    assert_eq!(row.avif, avif);
    assert!(!row.avif_pending);
    assert!(
        !s.set_media_avif(99_999, &avif).await.unwrap(),
        "a deleted photo is reported"
    );
}

async fn media_search_matches_words_days_and_pages(db: &Db) {
    let s = &db.store;
    let banjir = photo(
        s,
        "Banjir di Kampung Melayu",
        "ANTARA/Aditya",
        "Warga mengungsi",
    )
    .await;
    let banjir2 = photo(s, "Banjir rob di Muara Angke", "Warta/Rudi", "Perahu karet").await;
    let presiden = photo(s, "Presiden meresmikan jalan tol", "ANTARA/Sigid", "").await;
    let day = 86_400_000;
    let base = 1_700_000_000_000; // 2023-11-14T22:13:20Z
    for (i, id) in [banjir, banjir2, presiden].iter().enumerate() {
        db.exec(
            "UPDATE media SET created_at = $1 WHERE id = $2",
            &[base + i as i64 * day, *id],
        )
        .await;
    }
    let ids = |rows: &[warta_store::MediaRow]| rows.iter().map(|m| m.id).collect::<Vec<_>>();

    let (rows, total) = s.search_media("", None, None, 1, 10).await.unwrap();
    assert_eq!(
        (ids(&rows), total),
        (vec![presiden, banjir2, banjir], 3),
        "newest first"
    );
    let (rows, total) = s.search_media("BANJIR", None, None, 1, 10).await.unwrap();
    assert_eq!((ids(&rows), total), (vec![banjir2, banjir], 2));
    // Every word must appear, in any of caption, credit and alt text.
    let (rows, _) = s
        .search_media("banjir antara", None, None, 1, 10)
        .await
        .unwrap();
    assert_eq!(ids(&rows), [banjir]);
    let (rows, _) = s
        .search_media("perahu rudi", None, None, 1, 10)
        .await
        .unwrap();
    assert_eq!(ids(&rows), [banjir2]);
    let (rows, total) = s.search_media("gajah", None, None, 1, 10).await.unwrap();
    assert_eq!((rows.len(), total), (0, 0));
    // LIKE wildcards and escapes in the query are plain characters, never errors.
    for odd in ["100%", "_", "foto\\", "a\\b", "'"] {
        let (_, n) = s.search_media(odd, None, None, 1, 10).await.unwrap();
        assert_eq!(n, 0, "{odd}");
    }
    // The day range is [from, to).
    let (rows, _) = s
        .search_media("", Some(base + day), Some(base + 2 * day), 1, 10)
        .await
        .unwrap();
    assert_eq!(ids(&rows), [banjir2]);
    let (rows, _) = s
        .search_media("antara", Some(base), Some(base + 3 * day), 1, 10)
        .await
        .unwrap();
    assert_eq!(ids(&rows), [presiden, banjir]);
    // Pages.
    let (p1, total) = s.search_media("", None, None, 1, 2).await.unwrap();
    let (p2, _) = s.search_media("", None, None, 2, 2).await.unwrap();
    let (p3, _) = s.search_media("", None, None, 3, 2).await.unwrap();
    assert_eq!(
        (ids(&p1), ids(&p2), p3.len(), total),
        (vec![presiden, banjir2], vec![banjir], 0, 3)
    );

    let edited = s
        .update_media_meta(
            presiden,
            "Presiden meresmikan tol Cisumdawu",
            "Setpres",
            "Gunting pita",
        )
        .await
        .unwrap();
    assert_eq!(
        (
            edited.caption.as_str(),
            edited.credit.as_str(),
            edited.alt.as_str()
        ),
        (
            "Presiden meresmikan tol Cisumdawu",
            "Setpres",
            "Gunting pita"
        )
    );
    let again = s.media_by_id(presiden).await.unwrap().unwrap();
    assert_eq!(again.alt, "Gunting pita");
    assert_eq!(again.variants.len(), 1, "files untouched");
    let (rows, _) = s.search_media("pita", None, None, 1, 10).await.unwrap();
    assert_eq!(ids(&rows), [presiden]);
    assert!(matches!(
        s.update_media_meta(99_999, "a", "b", "c").await,
        Err(StoreError::NotFound)
    ));
}

fn image(media_id: i64) -> Block {
    Block::Image {
        media_id,
        caption: "Keterangan".into(),
        credit: "Warta".into(),
        alt: String::new(),
    }
}

async fn media_in_use_cannot_be_deleted(db: &Db) {
    let s = &db.store;
    let ed = user(s, "ed@warta.test", "Ed", Role::Editor).await;
    // Eleven photos, so one id (say 11) has another (1) as its decimal prefix.
    let mut ids = Vec::new();
    for i in 0..11 {
        ids.push(photo(s, &format!("Foto {i}"), "Warta", "").await);
    }
    let p = *ids.last().unwrap();
    let prefix: i64 = p.to_string()[..p.to_string().len() - 1].parse().unwrap();
    assert!(ids.contains(&prefix), "{prefix} is a photo too");

    let w = write(s, ed, "pakai-foto").await;
    let a = s.create_article(&w, Status::Draft, ed).await.unwrap();
    let in_use = |r: Result<warta_store::MediaRow, StoreError>| match r {
        Err(StoreError::InUse(why)) => why,
        other => panic!("expected InUse, got {other:?}"),
    };

    // As the hero.
    let mut hero = w.clone();
    hero.hero_media_id = Some(p);
    let rev = s
        .update_article(a.id, &hero, &save(1, ed))
        .await
        .unwrap()
        .revision;
    assert_eq!(
        s.media_usage(p).await.unwrap(),
        [(a.id, w.headline.clone())]
    );
    assert!(in_use(s.delete_media(p).await).contains(&w.headline));
    // In the body.
    let mut body = w.clone();
    body.body.push(image(p));
    let rev = s
        .update_article(a.id, &body, &save(rev, ed))
        .await
        .unwrap()
        .revision;
    assert_eq!(s.media_usage(p).await.unwrap().len(), 1);
    assert!(
        s.media_usage(prefix).await.unwrap().is_empty(),
        "no prefix match"
    );
    in_use(s.delete_media(p).await);
    // In a live entry only.
    s.update_article(a.id, &w, &save(rev, ed)).await.unwrap();
    assert!(s.media_usage(p).await.unwrap().is_empty());
    s.add_live_entry(a.id, "Foto", &[image(p)], ed)
        .await
        .unwrap();
    assert_eq!(
        s.media_usage(p).await.unwrap(),
        [(a.id, w.headline.clone())]
    );
    in_use(s.delete_media(p).await);
    assert!(
        s.media_by_id(p).await.unwrap().is_some(),
        "refused deletes keep the row"
    );

    // Unused: deleted, and gone.
    let deleted = s.delete_media(prefix).await.unwrap();
    assert_eq!(deleted.id, prefix);
    assert!(s.media_by_id(prefix).await.unwrap().is_none());
    assert!(matches!(
        s.delete_media(prefix).await,
        Err(StoreError::NotFound)
    ));
    db.exec("DELETE FROM live_entries WHERE article_id = $1", &[a.id])
        .await;
    assert!(s.media_usage(p).await.unwrap().is_empty());
    assert_eq!(s.delete_media(p).await.unwrap().id, p);
}

async fn pending_versions_stay_private_until_applied(db: &Db) {
    let s = &db.store;
    let by = user(s, "red@warta.test", "Redaktur", Role::Editor).await;
    let a = article(s, by, "banjir-pending").await;
    let live = s
        .transition(a.id, Transition::Publish, None, by)
        .await
        .unwrap();
    let mut w = write(s, by, "banjir-pending").await;
    w.body = vec![Block::Paragraph {
        text: "Kalimat setengahjadi.".into(),
    }];
    w.headline = "Judul Tertunda".into();
    let (after, pending) = s
        .stage_article(a.id, &w, &save(live.revision, by), true)
        .await
        .unwrap();
    // The live row keeps its content and modification time; only the revision moves.
    assert_eq!(after.revision, live.revision + 1);
    assert_eq!(after.headline, live.headline);
    assert_eq!(after.updated_at, live.updated_at);
    assert_eq!(
        (pending.revision, pending.by_name.as_str()),
        (after.revision, "Redaktur")
    );
    assert!(pending.submitted_at.is_some());
    assert_eq!(s.pending_for_review(10).await.unwrap().len(), 1);
    let view = s.pending_view(&after, &pending.write).await.unwrap();
    assert_eq!(view.headline, "Judul Tertunda");
    // The search index's document is the live text, never the pending words; staging is
    // still a change the index hears of (it reindexes the same live text).
    let head = s.search_change_head().await.unwrap();
    assert!(head > 0);
    let doc = &s.search_docs(&[a.id]).await.unwrap()[0];
    assert!(!doc.body.contains("setengahjadi") && doc.headline != "Judul Tertunda");
    // Applying with a stale revision writes nothing.
    let stale = s.apply_pending(a.id, &save(live.revision, by)).await;
    assert!(
        matches!(stale, Err(StoreError::StaleRevision { .. })),
        "{stale:?}"
    );
    assert!(s.pending(a.id).await.unwrap().is_some());
    let applied = s
        .apply_pending(a.id, &save(after.revision, by))
        .await
        .unwrap();
    assert_eq!(applied.headline, "Judul Tertunda");
    assert_eq!(applied.status, Status::Published);
    assert!(s.pending(a.id).await.unwrap().is_none());
    let changes = s.search_changes_after(head, 10).await.unwrap();
    assert!(
        changes.iter().any(|c| c.article_id == a.id),
        "the apply is in the change log"
    );
    let doc = &s.search_docs(&[a.id]).await.unwrap()[0];
    assert!(
        doc.body.contains("setengahjadi"),
        "the applied text is indexed"
    );
    // Discarding: the live text stays, the audit log says so.
    s.stage_article(a.id, &w, &save(applied.revision, by), false)
        .await
        .unwrap();
    assert!(s.discard_pending(a.id, by).await.unwrap());
    assert!(!s.discard_pending(a.id, by).await.unwrap());
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'discard' AND article_id = $1",
            &[a.id]
        )
        .await,
        1
    );
}

async fn concurrent_pending_saves_on_one_revision_let_one_win(db: &Db) {
    let s = &db.store;
    let by = user(s, "red2@warta.test", "Redaktur Dua", Role::Editor).await;
    let a = article(s, by, "rebutan-pending").await;
    let live = s
        .transition(a.id, Transition::Publish, None, by)
        .await
        .unwrap();
    let w = write(s, by, "rebutan-pending").await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (s, w) = (s.clone(), w.clone());
        let sv = save(live.revision, by);
        tasks.push(tokio::spawn(async move {
            s.stage_article(a.id, &w, &sv, false).await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => won += 1,
            Err(StoreError::StaleRevision { .. }) => {}
            Err(e) => panic!("unexpected {e}"),
        }
    }
    assert_eq!(won, 1);
}
