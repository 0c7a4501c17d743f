//! What the store's test binaries share: a migrated store on a fresh SQLite file or on a fresh
//! PostgreSQL database, and `on_both_backends!`, one `#[tokio::test]` per backend for each
//! scenario. PostgreSQL needs `WARTA_TEST_POSTGRES_URL`; without it the PostgreSQL tests skip
//! visibly, and under `WARTA_TEST_REQUIRE_ALL=1` (as `.ci/run` sets) they fail instead.
#![allow(dead_code, unused_macros)] // each test binary uses part of it

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use warta_core::{Block, Role, Status};
use warta_store::{ArticleRow, ArticleWrite, NewUser, Save, Store, Term};

/// A migrated store and its database URL; a SQLite file lives as long as this.
pub struct Fresh {
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("warta.db");
    let store = Store::open_sqlite(&path).await.unwrap();
    store.migrate().await.unwrap();
    Fresh {
        store,
        url: format!("sqlite://{}", path.display()),
        _dir: Some(dir),
    }
}

/// A migrated store on a fresh PostgreSQL database, or `None` with a visible SKIPPED line
/// naming `what` was skipped.
pub async fn postgres(what: &str) -> Option<Fresh> {
    let Ok(url) = std::env::var("WARTA_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("WARTA_TEST_REQUIRE_ALL").as_deref() != Ok("1"),
            "WARTA_TEST_REQUIRE_ALL=1 but WARTA_TEST_POSTGRES_URL is not set"
        );
        // Straight to stderr, past the harness's capture, so a plain `cargo test` shows it.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: PostgreSQL {what} test (set WARTA_TEST_POSTGRES_URL, e.g. postgres://postgres@127.0.0.1/postgres)"
        );
        return None;
    };
    let db = warta_store::create_test_database(&url)
        .await
        .expect("create a test database");
    let store = Store::open(&db).await.expect("connect to PostgreSQL");
    store.migrate().await.unwrap();
    Some(Fresh {
        store,
        url: db,
        _dir: None,
    })
}

/// The store itself, for scenarios that take `&Store`.
pub async fn store_of(f: &Fresh) -> Store {
    f.store.clone()
}

/// `on_both_backends!("what", arg; scenario, …)`: for each `async fn scenario(&T)`, a test in
/// `mod sqlite` and one in `mod postgres`; `arg` is an `async fn(&Fresh) -> T` (a path from
/// the crate root, e.g. `crate::common::store_of`).
macro_rules! on_both_backends {
    ($what:literal, $arg:path; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let fresh = crate::common::sqlite().await;
                    super::$name(&$arg(&fresh).await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    if let Some(fresh) = crate::common::postgres($what).await {
                        super::$name(&$arg(&fresh).await).await;
                    }
                }
            )*
        }
    };
}

/// A migrated store and a raw pool on the same database, for arranging times: the store has
/// no clock to inject, and sleeping for an expiry would make the suite slow and flaky.
pub struct Db {
    pub store: Store,
    pub raw: AnyPool,
}

impl Db {
    /// Run one statement with integer parameters on the raw connection.
    pub async fn exec(&self, sql: &str, params: &[i64]) {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()));
        for p in params {
            q = q.bind(*p);
        }
        q.execute(&self.raw).await.expect(sql);
    }

    pub async fn count(&self, sql: &str, params: &[i64]) -> i64 {
        let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string()));
        for p in params {
            q = q.bind(*p);
        }
        q.fetch_one(&self.raw).await.expect(sql)
    }
}

/// The store and a raw connection to its database.
pub async fn db(f: &Fresh) -> Db {
    sqlx::any::install_default_drivers();
    let raw = AnyPoolOptions::new()
        .max_connections(1)
        .connect(&f.url)
        .await
        .expect("raw connection");
    if f.url.starts_with("sqlite:") {
        sqlx::query("PRAGMA busy_timeout = 5000")
            .execute(&raw)
            .await
            .unwrap();
    }
    Db {
        store: f.store.clone(),
        raw,
    }
}

/// A user with the password "kata-sandi-lama"; its id.
pub async fn user(store: &Store, email: &str, name: &str, role: Role) -> i64 {
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

/// A one-paragraph article in "Nasional" by `by`.
pub async fn write(store: &Store, by: i64, slug: &str) -> ArticleWrite {
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

/// That article, saved as a draft.
pub async fn article(store: &Store, by: i64, slug: &str) -> ArticleRow {
    let w = write(store, by, slug).await;
    store.create_article(&w, Status::Draft, by).await.unwrap()
}

/// A plain save on top of `expected_revision`.
pub fn save(expected_revision: i64, by: i64) -> Save {
    Save {
        expected_revision: Some(expected_revision),
        by,
        correction: None,
        action: "save",
    }
}
