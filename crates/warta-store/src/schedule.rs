//! The scheduler's side of articles: publishing what is due, exactly once.

use crate::articles::audit_in;
use crate::{Store, StoreError};

impl Store {
    /// Publish every scheduled article whose time has come. One statement flips them, so a
    /// scheduler on each of several instances (or one restarted in between) publishes each
    /// article exactly once. Returns the ids it published.
    pub async fn publish_due(&self, now: i64) -> Result<Vec<i64>, StoreError> {
        // Most seconds nothing is due: look first, so the scheduler takes no write lock then
        // (on SQLite a write transaction every second would make other writers wait).
        let due: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM articles WHERE status = 'scheduled' AND published_at <= $1",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        if due == 0 {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_write().await?;
        let ids: Vec<i64> = sqlx::query_scalar(
            "UPDATE articles SET status = 'published',
               updated_at = CASE WHEN updated_at > published_at THEN updated_at ELSE published_at END
             WHERE status = 'scheduled' AND published_at <= $1 RETURNING id",
        )
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        for id in &ids {
            audit_in(
                &mut tx,
                &self.origin,
                None,
                "publish",
                Some(*id),
                "terjadwal",
                now,
            )
            .await?;
            self.enqueue_pings_in(&mut tx, *id).await?;
        }
        tx.commit().await?;
        Ok(ids)
    }

    /// The next time a scheduled article is due, if any.
    pub async fn next_due(&self) -> Result<Option<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT MIN(published_at) FROM articles WHERE status = 'scheduled'")
                .fetch_one(&self.pool)
                .await?,
        )
    }
}
