//! Online backups of the embedded database: `VACUUM INTO` writes a consistent snapshot of a
//! SQLite database while the server goes on writing (readers and the WAL writer are not
//! blocked; the copy is one transaction's view). PostgreSQL sites back up with `pg_dump`.

use crate::{Backend, Store, StoreError};
use std::path::Path;

/// What a backup holds, to check a restore against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub articles: i64,
    pub revisions: i64,
    pub media: i64,
    pub users: i64,
}

impl Store {
    /// Write a consistent copy of the database to `to` (which must not exist).
    pub async fn snapshot_to(&self, to: &Path) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Invalid(
                "online backup is for the embedded SQLite database; back up PostgreSQL with pg_dump".into(),
            ));
        }
        let path = to
            .to_str()
            .ok_or_else(|| StoreError::Invalid("the backup path must be valid UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Row counts of what a site is made of.
    pub async fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &'static str| async move {
            sqlx::query_scalar::<_, i64>(crate::sql(&format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(&self.pool)
                .await
        };
        Ok(Counts {
            articles: count("articles").await?,
            revisions: count("revisions").await?,
            media: count("media").await?,
            users: count("users").await?,
        })
    }

    /// `PRAGMA integrity_check` on SQLite (`ok` when sound); PostgreSQL answers `ok`.
    pub async fn integrity(&self) -> Result<String, StoreError> {
        match self.backend {
            Backend::Sqlite => Ok(sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(&self.pool)
                .await?),
            Backend::Postgres => Ok("ok".into()),
        }
    }
}
