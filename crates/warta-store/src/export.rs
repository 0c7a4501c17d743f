//! The site's content as plain rows, for `warta export` and `warta import warta`: every table
//! that holds what readers and the newsroom see, read in a fixed order and written back
//! unchanged (the ids too, so every reference stays as it was). Like Ghost's JSON export, the
//! format follows the schema: an export loads into a site at the same schema version.
//!
//! Left out on purpose: password hashes (an imported account signs in after a reset link),
//! API tokens, sessions, sign-in failures and reset links, presence, the job queue, the audit
//! log and the search change log (the new site's search index is built from the articles),
//! and the wire queue's items: the feeds come, and each one's first poll on the new site
//! brings what the agency offers now.
//!
//! Every column is BIGINT or TEXT (see the crate docs), so a value is an integer, a string or
//! null; which one a column takes is read from the database's own catalogue.

use crate::{Backend, Store, StoreError};
use serde_json::{Map, Value};
use sqlx::Row;

/// The exported tables, in an order that loads without breaking a reference.
pub const EXPORT_TABLES: &[&str] = &[
    "users",
    "rubriks",
    "tags",
    "topics",
    "wire_feeds",
    "media",
    "articles",
    "article_tags",
    "article_authors",
    "slug_redirects",
    "revisions",
    "corrections",
    "live_entries",
    "article_pending",
    "takedowns",
    "replies",
    "home_slots",
    "home_sections",
    "home_breaking",
    "article_views",
    "old_paths",
    "import_items",
];

/// Columns never exported (a move to another database keeps them).
const SECRET_COLUMNS: &[(&str, &str)] = &[("users", "password_hash")];

/// A column and whether it holds integers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub integer: bool,
}

impl Store {
    /// The exported columns of `table`, in the table's order.
    pub async fn export_columns(&self, table: &str) -> Result<Vec<Column>, StoreError> {
        self.columns_of(table, false).await
    }

    /// The columns of `table` (an exported or moved one), with the secret ones or without.
    pub(crate) async fn columns_of(
        &self,
        table: &str,
        secrets: bool,
    ) -> Result<Vec<Column>, StoreError> {
        check_table(table)?;
        let rows: Vec<(String, String)> = match self.backend {
            Backend::Sqlite => {
                sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
                    .bind(table)
                    .fetch_all(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::query_as(
                    "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT)
                     FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = $1
                     ORDER BY ordinal_position",
                )
                .bind(table)
                .fetch_all(&self.pool)
                .await?
            }
        };
        Ok(rows
            .into_iter()
            .filter(|(name, _)| secrets || !SECRET_COLUMNS.contains(&(table, name.as_str())))
            .map(|(name, kind)| Column {
                integer: kind.to_ascii_uppercase().contains("INT"),
                name,
            })
            .collect())
    }

    /// Every row of every exported table (without `revisions` unless asked), read in one
    /// transaction so the export is one consistent view while the site goes on writing.
    /// Rows come ordered by all their columns, so two exports of the same content are byte
    /// for byte the same; `sink` gets (table, columns, row) one row at a time.
    pub async fn export_tables(
        &self,
        revisions: bool,
        mut sink: impl FnMut(&str, &[Column], Map<String, Value>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut tables = Vec::new();
        for table in EXPORT_TABLES {
            if *table == "revisions" && !revisions {
                continue;
            }
            tables.push((*table, self.export_columns(table).await?));
        }
        // A feed's validators describe the items the export leaves out (see the module docs).
        let mut sink = |table: &str, columns: &[Column], mut row: Map<String, Value>| {
            if table == "wire_feeds" {
                row.insert("etag".into(), Value::Null);
                row.insert("last_modified".into(), Value::Null);
            }
            sink(table, columns, row)
        };
        self.read_tables(&tables, &mut sink).await
    }

    /// Every row of `tables` in one transaction (a repeatable read on PostgreSQL).
    pub(crate) async fn read_tables(
        &self,
        tables: &[(&str, Vec<Column>)],
        sink: &mut impl FnMut(&str, &[Column], Map<String, Value>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        // SQLite's read transaction is one snapshot already; PostgreSQL's default (read
        // committed) would see each statement's own.
        if self.backend == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        read_rows(&mut tx, self.backend, tables, sink).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the site has any content or accounts (an export loads only into an empty one).
    pub async fn has_content(&self) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM users)
                  + (SELECT COUNT(*) FROM rubriks) + (SELECT COUNT(*) FROM media)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// Start loading an export into this (empty) site: one transaction, all or nothing.
    /// `password_hash` is the unusable hash every account gets (it signs in after a reset
    /// link).
    pub async fn begin_load(&self, password_hash: &str) -> Result<ExportLoad, StoreError> {
        let mut columns = Vec::new();
        for table in EXPORT_TABLES {
            columns.push(self.export_columns(table).await?);
        }
        Ok(ExportLoad {
            tx: self.begin_write().await?,
            backend: self.backend,
            tables: EXPORT_TABLES,
            columns,
            password_hash: Some(password_hash.to_string()),
        })
    }
}

/// An export being loaded; see [`Store::begin_load`]. Dropped without
/// [`ExportLoad::finish`], nothing of it stays.
pub struct ExportLoad {
    pub(crate) tx: sqlx::Transaction<'static, sqlx::Any>,
    pub(crate) backend: Backend,
    /// [`EXPORT_TABLES`], or [`crate::MOVE_TABLES`] for a move to another database.
    pub(crate) tables: &'static [&'static str],
    pub(crate) columns: Vec<Vec<Column>>,
    /// The hash every account gets; `None` in a move, whose rows bring their own.
    pub(crate) password_hash: Option<String>,
}

impl ExportLoad {
    /// Insert one exported row (`n` counts rows for messages, from 1).
    pub async fn insert(
        &mut self,
        table: &str,
        n: usize,
        row: &Map<String, Value>,
    ) -> Result<(), StoreError> {
        let at = self
            .tables
            .iter()
            .position(|t| *t == table)
            .ok_or_else(|| StoreError::Invalid(format!("unknown table '{table}'")))?;
        let target = &self.columns[at];
        let mut names = Vec::with_capacity(row.len() + 1);
        let mut values = Vec::with_capacity(row.len());
        for (name, v) in row {
            let Some(c) = target.iter().find(|c| &c.name == name) else {
                return Err(StoreError::Invalid(format!(
                    "{table} row {n}: this site has no column '{name}' (an export of another version)"
                )));
            };
            names.push(name.as_str());
            values.push((c.integer, v));
        }
        let hash = self.password_hash.as_ref().filter(|_| table == "users");
        if hash.is_some() {
            names.push("password_hash");
        }
        let slots: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
        let q = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            quoted(&names),
            slots.join(", ")
        );
        let mut insert = sqlx::query(crate::sql(&q));
        for (integer, v) in values {
            insert = match (integer, v) {
                (true, Value::Null) => insert.bind(None::<i64>),
                (false, Value::Null) => insert.bind(None::<String>),
                (true, v) => insert.bind(v.as_i64().ok_or_else(|| bad(table, n, v))?),
                (false, v) => insert.bind(v.as_str().ok_or_else(|| bad(table, n, v))?.to_string()),
            };
        }
        if let Some(hash) = hash {
            insert = insert.bind(hash.clone());
        }
        insert.execute(&mut *self.tx).await?;
        Ok(())
    }

    /// Commit (PostgreSQL's id sequences continue after the loaded ids; photos of an export
    /// still without their AVIF variants get the job that makes them, as the queue is not
    /// exported, whereas a move brings the queue along).
    pub async fn finish(mut self) -> Result<(), StoreError> {
        if self.password_hash.is_some() {
            let pending: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM media WHERE avif_pending = 1")
                    .fetch_all(&mut *self.tx)
                    .await?;
            for id in pending {
                crate::jobs::enqueue_in(&mut self.tx, &crate::jobs::avif_job(id)).await?;
            }
        }
        // The wire items stay behind (they hold photo bytes), so no feed may answer the first
        // poll with "not modified" for items the new site never had (a move's rows bring
        // their validators; an export's have none).
        sqlx::query("UPDATE wire_feeds SET etag = NULL, last_modified = NULL")
            .execute(&mut *self.tx)
            .await?;
        if self.backend == Backend::Postgres {
            reset_sequences(&mut self.tx).await?;
        }
        self.tx.commit().await?;
        Ok(())
    }
}

/// Every id sequence of the exported and moved tables continues after the highest id there.
async fn reset_sequences(tx: &mut sqlx::Transaction<'static, sqlx::Any>) -> Result<(), StoreError> {
    let serial: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT)
         FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'",
    )
    .fetch_all(&mut **tx)
    .await?;
    for (table, column) in serial {
        if check_table(&table).is_err() || column.contains(['"', '\'', '\\']) {
            continue;
        }
        let q = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{column}'),
                           COALESCE((SELECT MAX(\"{column}\") FROM {table}), 0) + 1, false)"
        );
        sqlx::query(crate::sql(&q)).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Read `tables` through `conn`, each ordered by all its columns the same way on both
/// backends (text in byte order, NULL first), so one content reads as the same rows.
pub(crate) async fn read_rows(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    tables: &[(&str, Vec<Column>)],
    sink: &mut impl FnMut(&str, &[Column], Map<String, Value>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    use futures_util::TryStreamExt;
    for (table, columns) in tables {
        check_table(table)?;
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let order: Vec<String> = columns
            .iter()
            .map(|c| {
                let name = quoted(&[c.name.as_str()]);
                match (backend, c.integer) {
                    (Backend::Sqlite, true) => name,
                    (Backend::Sqlite, false) => format!("{name} COLLATE BINARY"),
                    (Backend::Postgres, true) => format!("{name} NULLS FIRST"),
                    (Backend::Postgres, false) => format!("{name} COLLATE \"C\" NULLS FIRST"),
                }
            })
            .collect();
        let q = format!(
            "SELECT {} FROM {table} ORDER BY {}",
            quoted(&names),
            order.join(", ")
        );
        let mut rows = sqlx::query(crate::sql(&q)).fetch(&mut *conn);
        while let Some(row) = rows.try_next().await? {
            let mut o = Map::new();
            for (i, c) in columns.iter().enumerate() {
                let v = if c.integer {
                    row.try_get::<Option<i64>, _>(i)?.map(Value::from)
                } else {
                    row.try_get::<Option<String>, _>(i)?.map(Value::from)
                };
                o.insert(c.name.clone(), v.unwrap_or(Value::Null));
            }
            sink(table, columns, o)?;
        }
    }
    Ok(())
}

fn bad(table: &str, n: usize, v: &Value) -> StoreError {
    StoreError::Invalid(format!("{table} row {}: unexpected value {v}", n + 1))
}

/// Only the known tables are ever formatted into a statement.
pub(crate) fn check_table(table: &str) -> Result<(), StoreError> {
    if EXPORT_TABLES.contains(&table) || crate::MOVE_TABLES.contains(&table) {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!("unknown table '{table}'")))
    }
}

/// `"a", "b"`: column names come from the database's catalogue, quoted as identifiers.
pub(crate) fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{}\"", n.replace('"', "")))
        .collect::<Vec<_>>()
        .join(", ")
}
