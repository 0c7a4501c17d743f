//! Many imported items in one transaction, each in a SAVEPOINT of its own.
//!
//! A transaction per article made an import pay a commit (and on SQLite the write lock's
//! round trip) for every post. An [`ImportBatch`] holds one write transaction for a few
//! hundred items; every item runs between [`ImportBatch::begin_item`] and
//! [`ImportBatch::end_item`], a savepoint, so an item that fails rolls back alone (also on
//! PostgreSQL, where an error otherwise aborts the whole transaction) and the others commit.
//! Reads an item needs (is it imported already, is the slug free, which tag is this) go
//! through the same transaction, so they see the batch's own earlier writes.

use crate::articles::create_article_in;
use crate::import_sqlite::create_imported_sqlite;
use crate::imports::{paths_in, record_in};
use crate::{ArticleWrite, Backend, ImportKey, OldPath, Store, StoreError, Term};
use sqlx::{Any, Transaction};
use warta_core::{Slug, Status};

/// An open import transaction; see the module docs. Dropped without [`ImportBatch::commit`],
/// everything in it is rolled back.
pub struct ImportBatch {
    tx: Transaction<'static, Any>,
    /// The store's mark on the change log (servers following it see the import's changes).
    origin: std::sync::Arc<str>,
    backend: Backend,
    items: usize,
    in_item: bool,
}

impl Store {
    /// Open a batch (on SQLite this takes the write lock until it commits: keep batches short).
    pub async fn begin_import_batch(&self) -> Result<ImportBatch, StoreError> {
        Ok(ImportBatch {
            tx: self.begin_write().await?,
            origin: self.origin.clone(),
            backend: self.backend,
            items: 0,
            in_item: false,
        })
    }
}

impl ImportBatch {
    /// Items written so far.
    pub fn len(&self) -> usize {
        self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items == 0
    }

    /// Start an item: what follows until [`ImportBatch::end_item`] is kept or undone together.
    pub async fn begin_item(&mut self) -> Result<(), StoreError> {
        if self.in_item {
            return Err(StoreError::Invalid("an import item is already open".into()));
        }
        sqlx::query("SAVEPOINT import_item")
            .execute(&mut *self.tx)
            .await?;
        self.in_item = true;
        Ok(())
    }

    /// End the item: keep it (`ok`) or undo everything it wrote.
    pub async fn end_item(&mut self, ok: bool) -> Result<(), StoreError> {
        if !self.in_item {
            // Released already (SQLite's one-script article), or never opened.
            if ok {
                self.items += 1;
            }
            return Ok(());
        }
        if !ok {
            sqlx::query("ROLLBACK TO SAVEPOINT import_item")
                .execute(&mut *self.tx)
                .await?;
        }
        sqlx::query("RELEASE SAVEPOINT import_item")
            .execute(&mut *self.tx)
            .await?;
        self.in_item = false;
        if ok {
            self.items += 1;
        }
        Ok(())
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit().await?)
    }

    /// [`Store::imported`], seeing this batch's writes.
    pub async fn imported(&mut self, key: ImportKey<'_>) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT warta_id FROM import_items WHERE source = $1 AND kind = $2 AND source_id = $3",
        )
        .bind(key.source)
        .bind(key.kind)
        .bind(key.source_id)
        .fetch_optional(&mut *self.tx)
        .await?)
    }

    /// [`Store::slug_taken`] for a new article, seeing this batch's writes.
    pub async fn slug_taken(&mut self, slug: &str) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM articles WHERE slug = $1)
                  + (SELECT COUNT(*) FROM slug_redirects WHERE slug = $1)",
        )
        .bind(slug)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(n > 0)
    }

    pub async fn exists(&mut self, table: Table, id: i64) -> Result<bool, StoreError> {
        let q = match table {
            Table::Articles => "SELECT COUNT(*) FROM articles WHERE id = $1",
            Table::Media => "SELECT COUNT(*) FROM media WHERE id = $1",
            Table::Users => "SELECT COUNT(*) FROM users WHERE id = $1",
        };
        let n: i64 = sqlx::query_scalar(q)
            .bind(id)
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(n > 0)
    }

    /// The id of the term `name` maps to, if it exists.
    pub async fn term_id(&mut self, kind: Term, name: &str) -> Result<Option<i64>, StoreError> {
        let Some(slug) = Slug::from_title(name) else {
            return Ok(None);
        };
        let q = format!("SELECT id FROM {} WHERE slug = $1", kind.table());
        Ok(sqlx::query_scalar(crate::sql(&q))
            .bind(slug.as_str())
            .fetch_optional(&mut *self.tx)
            .await?)
    }

    /// A tag or topic by name, created when missing (rubriks are never created by saves).
    pub async fn ensure_term(&mut self, kind: Term, name: &str) -> Result<i64, StoreError> {
        if let Some(id) = self.term_id(kind, name).await? {
            return Ok(id);
        }
        let slug = Slug::from_title(name)
            .ok_or_else(|| StoreError::Config(format!("'{name}' gives no usable slug")))?;
        let q = match kind {
            Term::Tag => "INSERT INTO tags (slug, name) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            Term::Topic => {
                "INSERT INTO topics (slug, name, description) VALUES ($1, $2, '')
                 ON CONFLICT DO NOTHING"
            }
            Term::Rubrik => return Err(StoreError::NotFound),
        };
        sqlx::query(q)
            .bind(slug.as_str())
            .bind(name.trim())
            .execute(&mut *self.tx)
            .await?;
        self.term_id(kind, name).await?.ok_or(StoreError::NotFound)
    }

    /// Create an imported article with its import record and old addresses (inside the open
    /// item). Returns its id. On SQLite this is one script that also ends the item.
    pub async fn create_article(
        &mut self,
        w: &ArticleWrite,
        status: Status,
        by: i64,
        key: ImportKey<'_>,
        old_paths: &[String],
    ) -> Result<i64, StoreError> {
        if self.backend == Backend::Sqlite && self.in_item {
            let id =
                create_imported_sqlite(&mut self.tx, &self.origin, w, status, by, key, old_paths)
                    .await?;
            // The script released the item's savepoint.
            self.in_item = false;
            return Ok(id);
        }
        let id = create_article_in(&mut self.tx, &self.origin, w, status, by).await?;
        record_in(&mut self.tx, key, id).await?;
        let target = OldPath {
            target: article_target(w),
            target_kind: "article".into(),
            target_id: id,
        };
        paths_in(&mut self.tx, old_paths, &target).await?;
        Ok(id)
    }
}

/// Where an imported article's old addresses lead: the outlet's own pages live at /halaman/,
/// stories at /berita/.
pub(crate) fn article_target(w: &ArticleWrite) -> String {
    match w.kind {
        warta_core::ArticleKind::Page => format!("/halaman/{}", w.slug),
        _ => format!("/berita/{}", w.slug),
    }
}

/// What [`ImportBatch::exists`] looks in.
#[derive(Debug, Clone, Copy)]
pub enum Table {
    Articles,
    Media,
    Users,
}
