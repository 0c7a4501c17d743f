//! What imports made of other systems' items, and the old addresses that now redirect.

use crate::{ArticleWrite, Store, StoreError, now_ms};
use warta_core::Status;

/// One source item an import turned into a Warta row.
#[derive(Debug, Clone, Copy)]
pub struct ImportKey<'a> {
    /// The old site (its address).
    pub source: &'a str,
    /// `post`, `page`, `attachment`, `author`, `category`, `tag`.
    pub kind: &'a str,
    /// The item's id in the old system.
    pub source_id: &'a str,
}

/// Where an old address leads.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OldPath {
    /// The Warta path it answers 301 to.
    pub target: String,
    /// `article`, `rubrik`, `tag` or `author`.
    pub target_kind: String,
    pub target_id: i64,
}

impl Store {
    /// The Warta id an earlier import gave this item, if any.
    pub async fn imported(&self, key: ImportKey<'_>) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT warta_id FROM import_items WHERE source = $1 AND kind = $2 AND source_id = $3",
        )
        .bind(key.source)
        .bind(key.kind)
        .bind(key.source_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Every item of `kind` that imports from `source` made: (source id, Warta id).
    pub async fn imported_ids(
        &self,
        source: &str,
        kind: &str,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT source_id, warta_id FROM import_items WHERE source = $1 AND kind = $2",
        )
        .bind(source)
        .bind(kind)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Remember that `key` became `warta_id` (a second record of the same key is ignored).
    pub async fn record_import(&self, key: ImportKey<'_>, warta_id: i64) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        record_in(&mut conn, key, warta_id).await
    }

    /// Old addresses of `target`; ones already taken keep their first target.
    pub async fn add_old_paths(
        &self,
        paths: &[String],
        target: &OldPath,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        paths_in(&mut conn, paths, target).await
    }

    /// Where the old address `path` (path and query, no host) leads.
    pub async fn old_path(&self, path: &str) -> Result<Option<OldPath>, StoreError> {
        Ok(
            sqlx::query_as("SELECT target, target_kind, target_id FROM old_paths WHERE path = $1")
                .bind(path)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Create an imported article, its import record and its old addresses in one
    /// transaction: an item is imported whole or not at all. Returns the new id (an import
    /// of many thousands does not read each article back).
    pub async fn create_imported_article(
        &self,
        w: &ArticleWrite,
        status: Status,
        by: i64,
        key: ImportKey<'_>,
        old_paths: &[String],
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = crate::articles::create_article_in(&mut tx, &self.origin, w, status, by).await?;
        record_in(&mut tx, key, id).await?;
        let target = OldPath {
            target: crate::import_batch::article_target(w),
            target_kind: "article".into(),
            target_id: id,
        };
        paths_in(&mut tx, old_paths, &target).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The newest audit record's id: where a follower of the change log starts.
    pub async fn change_log_head(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM audit_log")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Audit records after `after` written by other stores (oldest first, at most `limit`):
    /// id, article, action. Every content change writes one in its transaction, so a server
    /// follows changes made by another process on the same database (an import, another
    /// instance) by polling this cheaply, without re-reading its own.
    pub async fn change_log_since(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, Option<i64>, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, article_id, action FROM audit_log WHERE id > $1 AND origin <> $3
             ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .bind(&*self.origin)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// The key an old address is stored and looked up under: path and query, no trailing slash.
pub fn old_path_key(path: &str, query: Option<&str>) -> String {
    let p = path.trim_end_matches('/');
    let p = if p.is_empty() { "/" } else { p };
    match query.filter(|q| !q.is_empty()) {
        Some(q) => format!("{p}?{q}"),
        None => p.to_string(),
    }
}

pub(crate) async fn record_in(
    conn: &mut sqlx::AnyConnection,
    key: ImportKey<'_>,
    warta_id: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO import_items (source, kind, source_id, warta_id, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(key.source)
    .bind(key.kind)
    .bind(key.source_id)
    .bind(warta_id)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) async fn paths_in(
    conn: &mut sqlx::AnyConnection,
    paths: &[String],
    target: &OldPath,
) -> Result<(), StoreError> {
    if paths.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..paths.len())
        .map(|i| format!("(${}, $1, $2, $3)", i + 4))
        .collect();
    let q = format!(
        "INSERT INTO old_paths (path, target, target_kind, target_id) VALUES {}
         ON CONFLICT DO NOTHING",
        rows.join(", ")
    );
    let mut insert = sqlx::query(crate::sql(&q))
        .bind(&target.target)
        .bind(&target.target_kind)
        .bind(target.target_id);
    for p in paths {
        insert = insert.bind(p);
    }
    insert.execute(&mut *conn).await?;
    Ok(())
}
