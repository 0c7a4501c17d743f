//! The items of the wire queue: what a poll brought (stored with the feed's new state and its
//! next poll in one transaction), the queue, and "Jadikan draf"'s draft with its link.

use crate::jobs::enqueue_in;
use crate::wire::{ITEM_COLUMNS, NewWireItem, PollOutcome, WireItemRow, wire_poll_job};
use crate::{Store, StoreError, now_ms};

impl Store {
    /// Which of `guids` feed `feed_id` has already brought.
    pub async fn known_wire_guids(
        &self,
        feed_id: i64,
        guids: &[String],
    ) -> Result<std::collections::HashSet<String>, StoreError> {
        let mut known = std::collections::HashSet::new();
        for chunk in guids.chunks(200) {
            let marks = (0..chunk.len())
                .map(|i| format!("${}", i + 2))
                .collect::<Vec<_>>()
                .join(", ");
            let q = format!("SELECT guid FROM wire_items WHERE feed_id = $1 AND guid IN ({marks})");
            let mut query = sqlx::query_scalar::<_, String>(crate::sql(&q)).bind(feed_id);
            for g in chunk {
                query = query.bind(g);
            }
            known.extend(query.fetch_all(&self.pool).await?);
        }
        Ok(known)
    }

    /// The fingerprints of the items received since `since` (epoch ms), newest last, at most
    /// `limit`: what a new item is compared with for near-duplicates.
    pub async fn wire_fingerprints_since(
        &self,
        since: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let mut rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, fingerprint FROM wire_items WHERE received_at >= $1
             ORDER BY id DESC LIMIT $2",
        )
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.reverse();
        Ok(rows)
    }

    /// Record a poll of feed `id`: insert `items` (those whose GUID the feed already brought
    /// are skipped), update the feed and enqueue the next poll, all in one transaction.
    /// Returns how many items were new.
    pub async fn finish_wire_poll(
        &self,
        id: i64,
        items: &[NewWireItem],
        outcome: &PollOutcome,
    ) -> Result<usize, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        // The id each item got (none when its GUID was stored meanwhile), so a near-duplicate
        // of an earlier item of the same poll points at it.
        let mut ids: Vec<Option<i64>> = Vec::with_capacity(items.len());
        for it in items {
            let (mime, bytes) = match &it.photo {
                Some((m, b)) => (Some(m.as_str()), Some(b.as_slice())),
                None => (None, None),
            };
            let duplicate_of = it.duplicate_of.or_else(|| {
                it.duplicate_in_poll
                    .and_then(|i| ids.get(i).copied().flatten())
            });
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO wire_items (feed_id, guid, headline, body, excerpt, link, agency,
                     published_at, received_at, fingerprint, duplicate_of, photo_url,
                     photo_caption, photo_credit, photo_mime, photo_bytes)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                 ON CONFLICT (feed_id, guid) DO NOTHING RETURNING id",
            )
            .bind(id)
            .bind(&it.guid)
            .bind(&it.headline)
            .bind(&it.body)
            .bind(&it.excerpt)
            .bind(it.link.as_deref())
            .bind(&it.agency)
            .bind(it.published_at)
            .bind(now)
            .bind(&it.fingerprint)
            .bind(duplicate_of)
            .bind(it.photo_url.as_deref())
            .bind(&it.photo_caption)
            .bind(&it.photo_credit)
            .bind(mime)
            .bind(bytes)
            .fetch_optional(&mut *tx)
            .await?;
            ids.push(id);
        }
        let added = ids.iter().flatten().count();
        let ok = outcome.error.is_none();
        sqlx::query(
            "UPDATE wire_feeds SET
                 etag = CASE WHEN $2 = 1 THEN $3 ELSE etag END,
                 last_modified = CASE WHEN $2 = 1 THEN $4 ELSE last_modified END,
                 last_polled_at = $5,
                 last_ok_at = CASE WHEN $2 = 1 THEN $5 ELSE last_ok_at END,
                 last_error = CASE WHEN $2 = 1 THEN last_error ELSE $6 END,
                 last_error_at = CASE WHEN $2 = 1 THEN last_error_at ELSE $5 END,
                 error_count = CASE WHEN $2 = 1 THEN 0 ELSE error_count + 1 END,
                 next_poll_at = $7
             WHERE id = $1",
        )
        .bind(id)
        .bind(ok as i64)
        .bind(outcome.etag.as_deref())
        .bind(outcome.last_modified.as_deref())
        .bind(now)
        .bind(outcome.error.as_deref())
        .bind(outcome.next_at)
        .execute(&mut *tx)
        .await?;
        enqueue_in(&mut tx, &wire_poll_job(id, outcome.next_at)).await?;
        tx.commit().await?;
        Ok(added)
    }

    /// The "Masuk" queue: items newest first (by the agency's time), near-duplicates left
    /// out, optionally of one feed.
    pub async fn wire_items(
        &self,
        feed: Option<i64>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<WireItemRow>, StoreError> {
        let q = format!(
            "SELECT {ITEM_COLUMNS} FROM wire_items i JOIN wire_feeds f ON f.id = i.feed_id
             WHERE i.duplicate_of IS NULL AND (CAST($1 AS BIGINT) IS NULL OR i.feed_id = $1)
             ORDER BY i.published_at DESC, i.id DESC LIMIT $2 OFFSET $3"
        );
        Ok(sqlx::query_as(crate::sql(&q))
            .bind(feed)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?)
    }

    pub async fn wire_item(&self, id: i64) -> Result<WireItemRow, StoreError> {
        let q = format!(
            "SELECT {ITEM_COLUMNS} FROM wire_items i JOIN wire_feeds f ON f.id = i.feed_id
             WHERE i.id = $1"
        );
        sqlx::query_as(crate::sql(&q))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// The wire item a draft was made from, if any.
    pub async fn wire_item_of_article(
        &self,
        article_id: i64,
    ) -> Result<Option<WireItemRow>, StoreError> {
        let q = format!(
            "SELECT {ITEM_COLUMNS} FROM wire_items i JOIN wire_feeds f ON f.id = i.feed_id
             WHERE i.article_id = $1 ORDER BY i.id LIMIT 1"
        );
        Ok(sqlx::query_as(crate::sql(&q))
            .bind(article_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Item `id`'s photo: content type and bytes.
    pub async fn wire_photo(&self, id: i64) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        let row: Option<(Option<String>, Option<Vec<u8>>)> =
            sqlx::query_as("SELECT photo_mime, photo_bytes FROM wire_items WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(match row {
            Some((Some(m), Some(b))) => Some((m, b)),
            _ => None,
        })
    }

    /// Link item `id` to the draft made from it; false when it was linked already.
    /// "Jadikan draf": create the draft `w` by `by` and link wire item `id` to it, in one
    /// transaction. When the item was made a draft already (two clicks at the same instant,
    /// two editors), nothing is written and the other draft's id returns as `Err`.
    pub async fn create_article_from_wire(
        &self,
        id: i64,
        w: &crate::ArticleWrite,
        by: i64,
    ) -> Result<Result<crate::ArticleRow, i64>, StoreError> {
        let mut tx = self.begin_write().await?;
        let article = crate::articles::create_article_in(
            &mut tx,
            &self.origin,
            w,
            warta_core::Status::Draft,
            by,
        )
        .await?;
        // On PostgreSQL a concurrent link holds the row; this waits for it and then finds
        // the item linked (read committed re-reads the row), so only one draft commits.
        let n = sqlx::query(
            "UPDATE wire_items SET article_id = $1 WHERE id = $2 AND article_id IS NULL",
        )
        .bind(article)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            drop(tx);
            let other: Option<Option<i64>> =
                sqlx::query_scalar("SELECT article_id FROM wire_items WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
            return match other {
                Some(Some(other)) => Ok(Err(other)),
                _ => Err(StoreError::NotFound),
            };
        }
        let saved = crate::article_reads::load_article(&mut tx, article).await?;
        tx.commit().await?;
        Ok(Ok(saved))
    }
}
