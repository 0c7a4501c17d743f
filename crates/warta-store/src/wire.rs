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
    /// Where its drafts go (`None`: the first rubrik of the menu).
    pub rubrik_id: Option<i64>,
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
    pub rubrik_id: Option<i64>,
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
    /// A near-duplicate of this earlier stored item.
    pub duplicate_of: Option<i64>,
    /// A near-duplicate of the item at this place of the same poll (stored first).
    pub duplicate_in_poll: Option<usize>,
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
    /// Its feed's rubrik for drafts (`None`: the menu's first).
    pub feed_rubrik_id: Option<i64>,
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
    f.last_error_at, f.error_count, f.rubrik_id,
    (SELECT COUNT(*) FROM wire_items i WHERE i.feed_id = f.id) AS items";

pub(crate) const ITEM_COLUMNS: &str =
    "i.id, i.feed_id, f.name AS feed_name, i.guid, i.headline, i.body,
    i.excerpt, i.link, i.agency, i.published_at, i.received_at, i.duplicate_of, i.photo_url,
    i.photo_caption, i.photo_credit,
    CASE WHEN i.photo_bytes IS NULL THEN 0 ELSE 1 END AS has_photo, i.article_id,
    f.rubrik_id AS feed_rubrik_id";

impl Store {
    /// Add a feed and enqueue its first poll (now) in the same transaction. A URL that is
    /// already configured is a [`StoreError::Conflict`].
    pub async fn add_wire_feed(&self, f: &NewWireFeed, by: Option<i64>) -> Result<i64, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO wire_feeds (name, agency, url, kind, interval_minutes, next_poll_at,
                                     created_by, created_at, rubrik_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8) RETURNING id",
        )
        .bind(&f.name)
        .bind(&f.agency)
        .bind(&f.url)
        .bind(&f.kind)
        .bind(f.interval_minutes)
        .bind(now)
        .bind(by)
        .bind(f.rubrik_id)
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
            rubrik_id: None,
        };
        match self.add_wire_feed(&feed, None).await {
            // Another instance made it at the same moment.
            Err(StoreError::Conflict(_)) => Box::pin(self.ensure_wire_folder(dir, interval)).await,
            r => r,
        }
    }

    /// The rubrik feed `id`'s drafts go into (`None`: the menu's first), audited as `by`.
    pub async fn set_wire_feed_rubrik(
        &self,
        id: i64,
        rubrik_id: Option<i64>,
        by: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let name: Option<String> =
            sqlx::query_scalar("UPDATE wire_feeds SET rubrik_id = $1 WHERE id = $2 RETURNING name")
                .bind(rubrik_id)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let name = name.ok_or(StoreError::NotFound)?;
        audit_in(
            &mut tx,
            &self.origin,
            Some(by),
            "wire-feed",
            None,
            &name,
            now_ms(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
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
}
