//! Page views for "Terpopuler": increments per article and hour, added by each instance in
//! one transaction per flush (so counts from several instances add up), and the most-read
//! published articles over a window.

use crate::{Store, StoreError, TeaserRow};

/// One hour in ms: the counting grain.
pub const VIEW_HOUR_MS: i64 = 3_600_000;

impl Store {
    /// Add `views` (article id, hour, count) to the stored counts.
    pub async fn add_views(&self, views: &[(i64, i64, i64)]) -> Result<(), StoreError> {
        if views.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        for (article, hour, n) in views {
            // An article deleted meanwhile has no row to count for: skipped, not an error.
            sqlx::query(
                "INSERT INTO article_views (article_id, hour, views)
                 SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM articles WHERE id = $1)
                 ON CONFLICT (article_id, hour) DO UPDATE
                 SET views = article_views.views + excluded.views",
            )
            .bind(*article)
            .bind(*hour)
            .bind(*n)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The most-read published articles since `since` (ms), optionally of one rubrik, with
    /// their views.
    pub async fn most_read(
        &self,
        since: i64,
        rubrik: Option<i64>,
        limit: u32,
    ) -> Result<Vec<(TeaserRow, i64)>, StoreError> {
        let limit = limit.clamp(1, 50);
        let rubrik_clause = if rubrik.is_some() {
            "AND a.rubrik_id = $2"
        } else {
            ""
        };
        let q = format!(
            "{select} JOIN (SELECT article_id, SUM(views) AS total FROM article_views
                  WHERE hour >= $1 GROUP BY article_id) v ON v.article_id = a.id
             WHERE a.status = 'published' AND a.kind <> 'page' {rubrik_clause}
             ORDER BY v.total DESC, a.published_at DESC LIMIT {limit}",
            select = crate::listings::TEASER_SELECT,
        );
        let mut query = sqlx::query_as::<_, TeaserRow>(crate::sql(&q)).bind(since / VIEW_HOUR_MS);
        if let Some(r) = rubrik {
            query = query.bind(r);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let totals = self.view_totals(&ids, since).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let n = totals.iter().find(|(id, _)| *id == r.id).map_or(0, |t| t.1);
                (r, n)
            })
            .collect())
    }

    /// Views of each of `ids` since `since` (ms).
    pub async fn view_totals(
        &self,
        ids: &[i64],
        since: i64,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let n = ids.len();
        let q = format!(
            "SELECT article_id, CAST(SUM(views) AS BIGINT) FROM article_views
             WHERE hour >= ${} AND article_id IN ({}) GROUP BY article_id",
            n + 1,
            crate::placeholders(n)
        );
        let query = crate::bind_ids(sqlx::query_as::<_, (i64, i64)>(crate::sql(&q)), ids);
        Ok(query
            .bind(since / VIEW_HOUR_MS)
            .fetch_all(&self.pool)
            .await?)
    }
}
