//! Takedown reasons: why an editor unpublished an article, for its 410 page.

use crate::{Store, StoreError};

impl Store {
    /// Record (or replace) the reason article `id` was unpublished.
    pub async fn set_takedown(&self, id: i64, reason: &str, at: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO takedowns (article_id, reason, at) VALUES ($1, $2, $3)
             ON CONFLICT (article_id) DO UPDATE SET reason = excluded.reason, at = excluded.at",
        )
        .bind(id)
        .bind(reason)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forget the reason (the article is public again).
    pub async fn clear_takedown(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM takedowns WHERE article_id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The reason and time (ms) article `id` was taken down, if one was given.
    pub async fn takedown(&self, id: i64) -> Result<Option<(String, i64)>, StoreError> {
        Ok(
            sqlx::query_as("SELECT reason, at FROM takedowns WHERE article_id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}
