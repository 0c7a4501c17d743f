//! Agency wire ingest ("Masuk"): the configured feeds, the items their polls brought, and the
//! poll jobs. A poll's items, the feed's new state (validators, last error, error count) and
//! the job for the next poll are written in one transaction, so a crash cannot lose items nor
//! stop a feed's polling; GUIDs are unique per feed (`ON CONFLICT DO NOTHING`).

use crate::articles::audit_in;
use crate::jobs::{NewJob, enqueue_in};
use crate::{Store, StoreError, now_ms};

/// The kind of the job that polls a feed (payload `{"feed_id": N, "at": T}`).
pub const WIRE_POLL_JOB: &str = "wire_poll";

/// The poll of feed `feed_id` planned for `at` (epoch ms). A poll finds the feed planned for
/// another time (someone asked for "Ambil sekarang" meanwhile) and does nothing.
pub fn wire_poll_job(feed_id: i64, at: i64) -> NewJob {
    let payload = serde_json::json!({ "feed_id": feed_id, "at": at }).to_string();
    NewJob::new(WIRE_POLL_JOB, payload)
        .at(at)
        .dedupe(format!("{WIRE_POLL_JOB}:{feed_id}:{at}"))
        .max_attempts(3)
}

/// A feed to add. `kind` is `rss`, `atom`, `ninjs` or `folder`.
#[derive(Debug, Clone)]
pub struct NewWireFeed {
    pub name: String,
    pub agency: String,
    pub url: String,
    pub kind: String,
    pub interval_minutes: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WireFeedRow {
    pub id: i64,
    pub name: String,
    pub agency: String,
    pub url: String,
    pub kind: String,
    pub interval_minutes: i64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_poll_at: i64,
    pub last_polled_at: Option<i64>,
    pub last_ok_at: Option<i64>,
    pub last_error: Option<String>,
    pub last_error_at: Option<i64>,
    pub error_count: i64,
    pub items: i64,
}

/// An item a poll found.
#[derive(Debug, Clone, Default)]
pub struct NewWireItem {
    pub guid: String,
    pub headline: String,
    /// Plain text, paragraphs separated by blank lines.
    pub body: String,
    pub excerpt: String,
    pub link: Option<String>,
    pub agency: String,
    pub published_at: i64,
    pub fingerprint: String,
    pub duplicate_of: Option<i64>,
    pub photo_url: Option<String>,
    pub photo_caption: String,
    pub photo_credit: String,
    /// The photo's bytes and content type, when it could be fetched.
    pub photo: Option<(String, Vec<u8>)>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WireItemRow {
    pub id: i64,
    pub feed_id: i64,
    pub feed_name: String,
    pub guid: String,
    pub headline: String,
    pub body: String,
    pub excerpt: String,
    pub link: Option<String>,
    pub agency: String,
    pub published_at: i64,
    pub received_at: i64,
    pub duplicate_of: Option<i64>,
    pub photo_url: Option<String>,
    pub photo_caption: String,
    pub photo_credit: String,
    /// 1 when the photo's bytes are stored.
    pub has_photo: i64,
    pub article_id: Option<i64>,
}

/// How a poll ended: the feed's validators for the next conditional GET, or the error.
#[derive(Debug, Clone, Default)]
pub struct PollOutcome {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// `None`: the poll worked (the error count goes back to 0).
    pub error: Option<String>,
    /// When the next poll runs (epoch ms).
    pub next_at: i64,
}

const FEED_COLUMNS: &str = "f.id, f.name, f.agency, f.url, f.kind, f.interval_minutes, f.etag,
    f.last_modified, f.next_poll_at, f.last_polled_at, f.last_ok_at, f.last_error,
    f.last_error_at, f.error_count,
    (SELECT COUNT(*) FROM wire_items i WHERE i.feed_id = f.id) AS items";

const ITEM_COLUMNS: &str = "i.id, i.feed_id, f.name AS feed_name, i.guid, i.headline, i.body,
    i.excerpt, i.link, i.agency, i.published_at, i.received_at, i.duplicate_of, i.photo_url,
    i.photo_caption, i.photo_credit,
    CASE WHEN i.photo_bytes IS NULL THEN 0 ELSE 1 END AS has_photo, i.article_id";

impl Store {
    /// Add a feed and enqueue its first poll (now) in the same transaction. A URL that is
    /// already configured is a [`StoreError::Conflict`].
    pub async fn add_wire_feed(&self, f: &NewWireFeed, by: Option<i64>) -> Result<i64, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO wire_feeds (name, agency, url, kind, interval_minutes, next_poll_at,
                                     created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $6) RETURNING id",
        )
        .bind(&f.name)
        .bind(&f.agency)
        .bind(&f.url)
        .bind(&f.kind)
        .bind(f.interval_minutes)
        .bind(now)
        .bind(by)
        .fetch_one(&mut *tx)
        .await?;
        enqueue_in(&mut tx, &wire_poll_job(id, now)).await?;
        audit_in(&mut tx, &self.origin, by, "wire-feed", None, &f.name, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The NewsML-G2 drop folder `dir` as a feed of kind `folder` (made on first use).
    pub async fn ensure_wire_folder(&self, dir: &str, interval: i64) -> Result<i64, StoreError> {
        let url = format!("folder:{dir}");
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM wire_feeds WHERE url = $1")
            .bind(&url)
            .fetch_optional(&self.pool)
            .await?;
        if let Some(id) = found {
            return Ok(id);
        }
        let feed = NewWireFeed {
            name: "Folder NewsML-G2".into(),
            agency: String::new(),
            url,
            kind: "folder".into(),
            interval_minutes: interval,
        };
        match self.add_wire_feed(&feed, None).await {
            // Another instance made it at the same moment.
            Err(StoreError::Conflict(_)) => Box::pin(self.ensure_wire_folder(dir, interval)).await,
            r => r,
        }
    }

    /// Make sure every feed has its next poll queued (a lost or failed job would otherwise
    /// stop it). Run at start; queued polls are not doubled (dedupe key).
    pub async fn schedule_wire_polls(&self) -> Result<(), StoreError> {
        let feeds: Vec<(i64, i64)> = sqlx::query_as("SELECT id, next_poll_at FROM wire_feeds")
            .fetch_all(&self.pool)
            .await?;
        let mut conn = self.pool.acquire().await?;
        for (id, at) in feeds {
            enqueue_in(&mut conn, &wire_poll_job(id, at)).await?;
        }
        Ok(())
    }

    pub async fn wire_feeds(&self) -> Result<Vec<WireFeedRow>, StoreError> {
        let q = format!("SELECT {FEED_COLUMNS} FROM wire_feeds f ORDER BY f.name, f.id");
        Ok(sqlx::query_as(crate::sql(&q)).fetch_all(&self.pool).await?)
    }

    pub async fn wire_feed(&self, id: i64) -> Result<WireFeedRow, StoreError> {
        let q = format!("SELECT {FEED_COLUMNS} FROM wire_feeds f WHERE f.id = $1");
        sqlx::query_as(crate::sql(&q))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// "Ambil sekarang": plan feed `id`'s next poll for now. The poll planned before finds
    /// the feed planned for another time and does nothing.
    pub async fn poll_wire_now(&self, id: i64) -> Result<(), StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("UPDATE wire_feeds SET next_poll_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        enqueue_in(&mut tx, &wire_poll_job(id, now)).await?;
        tx.commit().await?;
        Ok(())
    }

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
        let mut added = 0;
        for it in items {
            let (mime, bytes) = match &it.photo {
                Some((m, b)) => (Some(m.as_str()), Some(b.as_slice())),
                None => (None, None),
            };
            let n = sqlx::query(
                "INSERT INTO wire_items (feed_id, guid, headline, body, excerpt, link, agency,
                     published_at, received_at, fingerprint, duplicate_of, photo_url,
                     photo_caption, photo_credit, photo_mime, photo_bytes)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                 ON CONFLICT (feed_id, guid) DO NOTHING",
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
            .bind(it.duplicate_of)
            .bind(it.photo_url.as_deref())
            .bind(&it.photo_caption)
            .bind(&it.photo_credit)
            .bind(mime)
            .bind(bytes)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            added += n as usize;
        }
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
    pub async fn link_wire_item(&self, id: i64, article_id: i64) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query(
            "UPDATE wire_items SET article_id = $1 WHERE id = $2 AND article_id IS NULL",
        )
        .bind(article_id)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(n == 1)
    }
}
