//! Moving a whole site to another database (`warta migrate-data`): the export's machinery
//! (rows with their ids, read in a fixed order, loaded in one transaction) over every table
//! that holds state worth keeping, secrets included, since it is the same site afterwards.
//!
//! Moved besides the export's content: password hashes, API tokens, sessions (a signed-in
//! editor stays signed in), password-reset links, the audit log, the job queue (scheduled
//! publications, AVIF encodes, pings and purges still to do) and the search change log (so a
//! search index built on the old database stays in step with the new one). Left behind:
//! sign-in failures (15-minute counters), presence (who has an article open, seconds old),
//! and the wire queue's items (the configured feeds move, with the export, and are polled
//! again: their items come back, photos included, but a draft made from an item no longer
//! shows its original).

use crate::export::{Column, EXPORT_TABLES, read_rows};
use crate::{Backend, ExportLoad, Store, StoreError};
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// Moved besides the export's tables (each refers only to tables before it or in the export).
const MOVE_ONLY: &[&str] = &[
    "api_tokens",
    "sessions",
    "password_resets",
    "audit_log",
    "jobs",
    "search_changes",
];

/// The moved tables: the export's ([`EXPORT_TABLES`]), then [`MOVE_ONLY`], an order that
/// loads without breaking a reference. One list, so a table the export gains moves too.
pub static MOVE_TABLES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| EXPORT_TABLES.iter().chain(MOVE_ONLY).copied().collect());

/// State that is not moved but refers to moved rows (emptied too by a replacing move).
const TRANSIENT_TABLES: &[&str] = &["presence", "login_failures", "wire_items"];

impl Store {
    /// The rows of each moved table, in [`MOVE_TABLES`]' order.
    pub async fn move_counts(&self) -> Result<Vec<(&'static str, i64)>, StoreError> {
        let mut out = Vec::with_capacity(MOVE_TABLES.len());
        for table in MOVE_TABLES.iter() {
            let q = format!("SELECT COUNT(*) FROM {table}");
            let n: i64 = sqlx::query_scalar(crate::sql(&q))
                .fetch_one(&self.pool)
                .await?;
            out.push((*table, n));
        }
        Ok(out)
    }

    /// The moved tables with every column, secrets included, as this database has them.
    pub async fn move_columns(&self) -> Result<Vec<(&'static str, Vec<Column>)>, StoreError> {
        let mut out = Vec::with_capacity(MOVE_TABLES.len());
        for table in MOVE_TABLES.iter() {
            out.push((*table, self.columns_of(table, true).await?));
        }
        Ok(out)
    }

    /// Every row of every moved table in one consistent read, ordered as the export orders
    /// them (the same content gives the same rows on SQLite and PostgreSQL).
    pub async fn move_tables(
        &self,
        mut sink: impl FnMut(&str, &[Column], Map<String, Value>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let tables = self.move_columns().await?;
        self.read_tables(&tables, &mut sink).await
    }

    /// Start moving a site into this database: one transaction, all or nothing. With
    /// `replace`, whatever the moved tables hold goes first, in the same transaction.
    pub async fn begin_move(&self, replace: bool) -> Result<ExportLoad, StoreError> {
        let tables = self.move_columns().await?;
        let mut tx = self.begin_write().await?;
        if replace {
            match self.backend {
                Backend::Postgres => {
                    let all: Vec<&str> = TRANSIENT_TABLES
                        .iter()
                        .chain(MOVE_TABLES.iter())
                        .copied()
                        .collect();
                    let q = format!("TRUNCATE {} RESTART IDENTITY CASCADE", all.join(", "));
                    sqlx::query(crate::sql(&q)).execute(&mut *tx).await?;
                }
                Backend::Sqlite => {
                    for table in TRANSIENT_TABLES.iter().chain(MOVE_TABLES.iter().rev()) {
                        let q = format!("DELETE FROM {table}");
                        sqlx::query(crate::sql(&q)).execute(&mut *tx).await?;
                    }
                }
            }
        }
        Ok(ExportLoad {
            tx,
            backend: self.backend,
            tables: &MOVE_TABLES,
            columns: tables.into_iter().map(|(_, c)| c).collect(),
            password_hash: None,
        })
    }
}

impl ExportLoad {
    /// Before a moved table's first row: drop what the triggers of the tables loaded so far
    /// wrote into it (the search change log gets a row per inserted article), so it ends up
    /// holding the moved rows only.
    pub async fn start_table(&mut self, table: &str) -> Result<(), StoreError> {
        if self.password_hash.is_some() || !MOVE_TABLES.contains(&table) {
            return Ok(());
        }
        let q = format!("DELETE FROM {table}");
        sqlx::query(crate::sql(&q)).execute(&mut *self.tx).await?;
        Ok(())
    }

    /// Read back, inside the open transaction, every moved table as [`Store::move_tables`]
    /// reads it, to check the load before it is committed.
    pub async fn read_back(
        &mut self,
        mut sink: impl FnMut(&str, &[Column], Map<String, Value>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let tables: Vec<(&str, Vec<Column>)> = self
            .tables
            .iter()
            .copied()
            .zip(self.columns.iter().cloned())
            .collect();
        read_rows(&mut self.tx, self.backend, &tables, &mut sink).await
    }
}
