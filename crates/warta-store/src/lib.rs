//! The only crate that speaks SQL. One code path for SQLite (the embedded default) and
//! PostgreSQL through sqlx's `Any` driver: `$N` placeholders, BIGINT ids and epoch-millisecond
//! times, TEXT for JSON. Migrations for each backend are compiled into the binary.
//!
//! Error policy: [`StoreError`] is typed; uniqueness conflicts and missing rows are told apart
//! from database failures so the web crate can answer 409/404 instead of 500.

mod accounts;
mod article_reads;
mod article_write;
mod articles;
mod backup;
mod desk;
mod error;
mod export;
mod home;
mod import_batch;
mod import_sqlite;
mod imports;
mod jobs;
mod listings;
mod media;
mod moving;
mod newsroom;
mod notify;
mod outlet_pages;
mod pending;
mod pings;
mod public_terms;
mod replies;
mod rows;
mod schedule;
mod search;
mod sessions;
mod takedowns;
mod taxonomy;
pub use taxonomy::Term;
mod users;
mod views;
mod wire;
mod wire_items;
pub use views::VIEW_HOUR_MS;
pub use wire::{
    NewWireFeed, NewWireItem, PollOutcome, WIRE_POLL_JOB, WireFeedRow, WireItemRow, wire_poll_job,
};

pub use accounts::{FailureSpan, TOKEN_TOUCH_MS, TokenRow};
pub use articles::{ArticleWrite, RevisionRow, Save};
pub use backup::Counts;
pub use desk::Submission;
pub use error::StoreError;
pub use export::{Column, EXPORT_TABLES, ExportLoad};
pub use home::{BreakingRow, HOME_EXPIRY_JOB, HomeLayout, SlotRow, home_expiry_job};
pub use import_batch::{ImportBatch, Table};
pub use imports::{ImportKey, OldPath, old_path_key};
pub use jobs::{
    AVIF_JOB, JOB_LEASE_MS, JobRow, NewJob, PUBLISH_SCHEDULED_JOB, avif_job, publish_scheduled_job,
};
pub use listings::{ArticleFilter, ListScope};
pub use media::NewMedia;
pub use moving::MOVE_TABLES;
pub use newsroom::{AuditRow, LiveEntryRow, PRESENCE_BEAT_MS, PRESENCE_MS};
pub use notify::CHANGE_CHANNEL;
pub use pending::PendingRow;
pub use pings::{PING_JOB, ping_job};
pub use replies::NewReply;
pub use rows::{
    ArticleRow, CorrectionRow, MediaCrop, MediaRow, MediaVariant, ReplyRow, ReplyTarget, TeaserRow,
    TermRow, UserRow,
};
pub use search::{SearchChange, SearchDoc};
pub use sessions::{SESSION_IDLE_MS, SESSION_MAX_MS, SessionRow};
pub use users::{NewUser, generate_token, hash_password, verify_password};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// Which database the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The database URL (PostgreSQL's LISTEN needs a connection of its own).
    url: std::sync::Arc<str>,
    /// This handle's mark on the change log (`audit_log.origin`), so that a server following
    /// the log skips the changes it made itself and has already applied.
    origin: std::sync::Arc<str>,
    /// Services pinged when an article is published (`pings.rs`).
    pings: std::sync::Arc<[String]>,
}

/// A mark that no other open store shares: process id, start time and a counter.
fn new_origin() -> std::sync::Arc<str> {
    static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{:x}-{t:x}-{n}", std::process::id()).into()
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Open (creating if needed) the SQLite database file at `path`.
    pub async fn open_sqlite(path: &Path) -> Result<Store, StoreError> {
        let url = format!("sqlite://{}?mode=rwc", path.display());
        Store::open(&url).await
    }

    /// Open a database by URL: `sqlite://…` or `postgres://…`.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Config(format!(
                "unsupported database URL '{url}': use sqlite://… or postgres://…"
            )));
        };
        let opts = AnyConnectOptions::from_str(url)?.disable_statement_logging();
        let max = if backend == Backend::Sqlite { 8 } else { 16 };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = NORMAL",
                            "PRAGMA foreign_keys = ON",
                            "PRAGMA busy_timeout = 5000",
                        ] {
                            sqlx::query(pragma).execute(&mut *conn).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await?;
        Ok(Store {
            pool,
            backend,
            url: url.into(),
            origin: new_origin(),
            pings: std::sync::Arc::new([]),
        })
    }

    /// Bring the schema up to date. Safe to run on every start and from several processes.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// A transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`), so concurrent writers wait for each other (busy_timeout) instead of
    /// failing with "database is locked" when a read inside the transaction turns into a write.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// `SELECT …` that locks the rows it reads until the transaction ends. PostgreSQL needs
    /// `FOR UPDATE`; SQLite's `BEGIN IMMEDIATE` already holds the database's write lock.
    pub(crate) fn lock_row(&self, select: &'static str) -> sqlx::AssertSqlSafe<String> {
        match self.backend {
            Backend::Sqlite => sqlx::AssertSqlSafe(select.to_string()),
            Backend::Postgres => sqlx::AssertSqlSafe(format!("{select} FOR UPDATE")),
        }
    }

    /// Answers when the database does.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Connections open, and of those idle (for metrics).
    pub fn pool_use(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A typed query on the `Any` driver, as the binding helpers take and return it.
pub(crate) type AnyQueryAs<'q, O> = sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments>;

/// Bind every id of an `IN (…)` list made with [`placeholders`].
pub(crate) fn bind_ids<'q, O>(mut query: AnyQueryAs<'q, O>, ids: &[i64]) -> AnyQueryAs<'q, O> {
    for id in ids {
        query = query.bind(*id);
    }
    query
}

/// `$1, $2, …, $n` for an `IN (…)` list of bound values.
pub(crate) fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Mark a query string assembled at run time as audited. In this crate such strings are built
/// only from constants (table and column names, `$N` placeholders, numeric LIMIT/OFFSET);
/// every value that comes from outside is bound, never formatted in.
pub(crate) fn sql(q: &str) -> sqlx::AssertSqlSafe<&str> {
    sqlx::AssertSqlSafe(q)
}

/// Create a new, empty PostgreSQL database next to the one `admin_url` names and return its
/// URL. For tests: each gets its own database.
pub async fn create_test_database(admin_url: &str) -> Result<String, StoreError> {
    use sqlx::Connection;
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    sqlx::any::install_default_drivers();
    let name = format!(
        "warta_test_{}_{}_{}",
        std::process::id(),
        now_ms(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = sqlx::AnyConnection::connect(admin_url).await?;
    // `name` is made of digits and a constant prefix only.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    let (base, _) = admin_url
        .rsplit_once('/')
        .ok_or_else(|| StoreError::Config(format!("'{admin_url}' names no database")))?;
    Ok(format!("{base}/{name}"))
}
