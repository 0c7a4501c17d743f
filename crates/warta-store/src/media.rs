//! Media records. The files themselves live in warta-media's storage.

use crate::rows::RawMedia;
use crate::{MediaCrop, MediaRow, MediaVariant, Store, StoreError, now_ms};

pub struct NewMedia {
    pub original_key: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub variants: Vec<MediaVariant>,
    /// AVIF variants made before the row is written (usually none: see `avif_pending`).
    pub avif: Vec<MediaVariant>,
    /// The AVIF variants are still to be made: an [`crate::AVIF_JOB`] job is enqueued with the
    /// row, and [`Store::set_media_avif`] records them.
    pub avif_pending: bool,
    pub crops: Vec<MediaCrop>,
    pub placeholder: String,
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub uploaded_by: Option<i64>,
}

const COLS: &str = "id, original_key, mime, width, height, variants, avif, avif_pending, crops, placeholder, caption, credit, alt, created_at, uploaded_by";

impl Store {
    /// Record a new photo. When its AVIF variants are pending, the job that makes them is
    /// enqueued in the same transaction (kind [`crate::AVIF_JOB`], one per photo).
    pub async fn insert_media(&self, m: NewMedia) -> Result<MediaRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO media (original_key, mime, width, height, variants, caption, credit, alt, uploaded_by, created_at,
                                avif, avif_pending, crops, placeholder)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(&m.original_key)
        .bind(&m.mime)
        .bind(i64::from(m.width))
        .bind(i64::from(m.height))
        .bind(serde_json::to_string(&m.variants)?)
        .bind(&m.caption)
        .bind(&m.credit)
        .bind(&m.alt)
        .bind(m.uploaded_by)
        .bind(now_ms())
        .bind(serde_json::to_string(&m.avif)?)
        .bind(i64::from(m.avif_pending))
        .bind(serde_json::to_string(&m.crops)?)
        .bind(&m.placeholder)
        .fetch_one(&mut *tx)
        .await?;
        if m.avif_pending {
            crate::jobs::enqueue_in(&mut tx, &crate::avif_job(id)).await?;
        }
        tx.commit().await?;
        self.media_by_id(id).await?.ok_or(StoreError::NotFound)
    }

    /// Record a photo's AVIF variants (ascending by width) and that none are pending; an empty
    /// list gives up on them (the photo stays WebP only). Returns false when the photo is gone
    /// (deleted meanwhile), so the caller can remove the files it stored.
    pub async fn set_media_avif(&self, id: i64, avif: &[MediaVariant]) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE media SET avif = $1, avif_pending = 0 WHERE id = $2")
            .bind(serde_json::to_string(avif)?)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn media_by_id(&self, id: i64) -> Result<Option<MediaRow>, StoreError> {
        let q = format!("SELECT {COLS} FROM media WHERE id = $1");
        let raw = sqlx::query_as::<_, RawMedia>(crate::sql(&q))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        raw.map(MediaRow::try_from).transpose()
    }

    /// The media rows among `ids` that exist (order not guaranteed).
    pub async fn media_by_ids(&self, ids: &[i64]) -> Result<Vec<MediaRow>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let q = format!(
            "SELECT {COLS} FROM media WHERE id IN ({})",
            crate::placeholders(ids.len())
        );
        let query = crate::bind_ids(sqlx::query_as::<_, RawMedia>(crate::sql(&q)), ids);
        query
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(MediaRow::try_from)
            .collect()
    }

    /// The media library, newest first: words in caption, credit or alt text, and an optional
    /// upload day range `[from, to)` in epoch ms. Returns the page and the total.
    pub async fn search_media(
        &self,
        q: &str,
        from: Option<i64>,
        to: Option<i64>,
        page: u32,
        per_page: u32,
    ) -> Result<(Vec<MediaRow>, i64), StoreError> {
        let mut filter = String::from("WHERE created_at >= $1 AND created_at < $2");
        let words: Vec<String> = q
            .split_whitespace()
            .take(8)
            .map(|w| format!("%{}%", like_escape(&w.to_lowercase())))
            .collect();
        for i in 0..words.len() {
            let n = i + 3;
            filter.push_str(&format!(
                " AND (LOWER(caption) LIKE ${n} ESCAPE '\\' OR LOWER(credit) LIKE ${n} ESCAPE '\\'
                  OR LOWER(alt) LIKE ${n} ESCAPE '\\')"
            ));
        }
        let count_q = format!("SELECT COUNT(*) FROM media {filter}");
        let mut count = sqlx::query_scalar::<_, i64>(crate::sql(&count_q))
            .bind(from.unwrap_or(i64::MIN))
            .bind(to.unwrap_or(i64::MAX));
        for w in &words {
            count = count.bind(w.clone());
        }
        let total = count.fetch_one(&self.pool).await?;
        let per_page = per_page.clamp(1, 100);
        let offset = (page.max(1) - 1) as i64 * per_page as i64;
        let q = format!(
            "SELECT {COLS} FROM media {filter} ORDER BY created_at DESC, id DESC LIMIT {per_page} OFFSET {offset}"
        );
        let mut rows = sqlx::query_as::<_, RawMedia>(crate::sql(&q))
            .bind(from.unwrap_or(i64::MIN))
            .bind(to.unwrap_or(i64::MAX));
        for w in &words {
            rows = rows.bind(w.clone());
        }
        let rows = rows
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(MediaRow::try_from)
            .collect::<Result<_, _>>()?;
        Ok((rows, total))
    }

    pub async fn update_media_meta(
        &self,
        id: i64,
        caption: &str,
        credit: &str,
        alt: &str,
    ) -> Result<MediaRow, StoreError> {
        let done =
            sqlx::query("UPDATE media SET caption = $1, credit = $2, alt = $3 WHERE id = $4")
                .bind(caption)
                .bind(credit)
                .bind(alt)
                .bind(id)
                .execute(&self.pool)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        self.media_by_id(id).await?.ok_or(StoreError::NotFound)
    }

    /// Headlines of the articles (any status) that use a photo as hero, in the body or in a
    /// live entry.
    pub async fn media_usage(&self, id: i64) -> Result<Vec<(i64, String)>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        usage(&mut conn, id).await
    }

    /// Delete a photo's record, refused while any article uses it. Returns the row so the
    /// caller can remove the files.
    pub async fn delete_media(&self, id: i64) -> Result<MediaRow, StoreError> {
        let row = self.media_by_id(id).await?.ok_or(StoreError::NotFound)?;
        // Check and delete in one transaction that no article save can slip into: SQLite's
        // BEGIN IMMEDIATE holds the write lock; on PostgreSQL a SHARE lock makes concurrent
        // article and live-entry writes wait until we are done.
        let mut tx = self.begin_write().await?;
        if self.backend == crate::Backend::Postgres {
            sqlx::query("LOCK TABLE articles, live_entries IN SHARE MODE")
                .execute(&mut *tx)
                .await?;
        }
        let used = usage(&mut tx, id).await?;
        if !used.is_empty() {
            let names: Vec<String> = used.iter().take(3).map(|(_, h)| format!("'{h}'")).collect();
            return Err(StoreError::InUse(format!(
                "the photo is used by {} article(s): {}",
                used.len(),
                names.join(", ")
            )));
        }
        sqlx::query("DELETE FROM media WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row)
    }
}

/// Headlines of the articles that use photo `id`. Bodies are compact JSON written by serde,
/// so `"media_id":12` followed by `,` or `}` names exactly photo 12.
async fn usage(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    let a = format!("%\"media_id\":{id},%");
    let b = format!("%\"media_id\":{id}}}%");
    Ok(sqlx::query_as(
        "SELECT id, headline FROM articles WHERE hero_media_id = $1 OR body LIKE $2 OR body LIKE $3
         OR id IN (SELECT article_id FROM live_entries WHERE body LIKE $2 OR body LIKE $3)
         ORDER BY id",
    )
    .bind(id)
    .bind(a)
    .bind(b)
    .fetch_all(conn)
    .await?)
}

/// A word as a literal inside a LIKE pattern with `ESCAPE '\'`: `%`, `_` and `\` match
/// themselves, the same on both backends (PostgreSQL escapes with `\` by default, SQLite not).
fn like_escape(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
