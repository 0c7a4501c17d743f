//! The curated front page's slots: "Berita Utama", "Pilihan Redaksi", the breaking-news bar
//! and the order of the rubrik sections. Saving replaces the whole layout in one transaction
//! together with the jobs that wake the page when a pin or the bar expires.

use crate::jobs::{NewJob, enqueue_in};
use crate::{Store, StoreError};

/// The kind of the job that runs when a pinned story or the breaking bar expires (payload
/// `{}`): it tells the page cache that the front page changed.
pub const HOME_EXPIRY_JOB: &str = "home_expiry";

/// The job for an expiry at `at` (epoch ms); one per distinct time.
pub fn home_expiry_job(at: i64) -> NewJob {
    NewJob::new(HOME_EXPIRY_JOB, "{}")
        .at(at)
        .dedupe(format!("{HOME_EXPIRY_JOB}:{at}"))
}

/// A story in a slot, pinned until a time (epoch ms) or until an editor moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotRow {
    pub article_id: i64,
    pub until: Option<i64>,
}

/// The breaking-news bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakingRow {
    pub text: String,
    pub article_id: Option<i64>,
    /// Epoch ms.
    pub until: i64,
}

/// The front page as editors set it, before dropping what is unpublished or expired.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeLayout {
    pub headline: Vec<SlotRow>,
    pub picks: Vec<SlotRow>,
    pub breaking: Option<BreakingRow>,
    /// Rubrik ids in section order.
    pub sections: Vec<i64>,
}

impl HomeLayout {
    /// Every future expiry time, for the jobs that wake the page.
    fn expiries(&self, now: i64) -> Vec<i64> {
        let mut at: Vec<i64> = self
            .headline
            .iter()
            .chain(&self.picks)
            .filter_map(|s| s.until)
            .chain(self.breaking.iter().map(|b| b.until))
            .filter(|&t| t > now)
            .collect();
        at.sort_unstable();
        at.dedup();
        at
    }
}

const SLOTS: [&str; 2] = ["headline", "picks"];

impl Store {
    /// The stored layout, slots in order.
    pub async fn home_layout(&self) -> Result<HomeLayout, StoreError> {
        let slots: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT slot, article_id, until FROM home_slots ORDER BY slot, position",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut layout = HomeLayout::default();
        for (slot, article_id, until) in slots {
            let row = SlotRow { article_id, until };
            match slot.as_str() {
                "headline" => layout.headline.push(row),
                "picks" => layout.picks.push(row),
                _ => {}
            }
        }
        layout.sections =
            sqlx::query_scalar("SELECT rubrik_id FROM home_sections ORDER BY position")
                .fetch_all(&self.pool)
                .await?;
        let breaking: Option<(String, Option<i64>, i64)> =
            sqlx::query_as("SELECT text, article_id, until FROM home_breaking WHERE id = 1")
                .fetch_optional(&self.pool)
                .await?;
        layout.breaking = breaking.map(|(text, article_id, until)| BreakingRow {
            text,
            article_id,
            until,
        });
        Ok(layout)
    }

    /// Replace the layout, and enqueue a wake-up job for each future expiry in the same
    /// transaction.
    pub async fn save_home_layout(&self, layout: &HomeLayout, now: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for table in ["home_slots", "home_sections", "home_breaking"] {
            let q = format!("DELETE FROM {table}");
            sqlx::query(crate::sql(&q)).execute(&mut *tx).await?;
        }
        for (slot, rows) in SLOTS.iter().zip([&layout.headline, &layout.picks]) {
            for (i, s) in rows.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO home_slots (slot, position, article_id, until)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(*slot)
                .bind(i as i64)
                .bind(s.article_id)
                .bind(s.until)
                .execute(&mut *tx)
                .await?;
            }
        }
        for (i, rubrik) in layout.sections.iter().enumerate() {
            sqlx::query("INSERT INTO home_sections (position, rubrik_id) VALUES ($1, $2)")
                .bind(i as i64)
                .bind(*rubrik)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(b) = &layout.breaking {
            sqlx::query(
                "INSERT INTO home_breaking (id, text, article_id, until) VALUES (1, $1, $2, $3)",
            )
            .bind(&b.text)
            .bind(b.article_id)
            .bind(b.until)
            .execute(&mut *tx)
            .await?;
        }
        for at in layout.expiries(now) {
            enqueue_in(&mut tx, &home_expiry_job(at)).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Which of `ids` are published articles.
    pub async fn published_among(&self, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let q = format!(
            "SELECT id FROM articles WHERE status = 'published' AND id IN ({})",
            crate::placeholders(ids.len())
        );
        let query = crate::bind_ids(sqlx::query_as::<_, (i64,)>(crate::sql(&q)), ids);
        Ok(query
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|(id,)| id)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiries_are_future_distinct_and_sorted() {
        let slot = |until| SlotRow {
            article_id: 1,
            until,
        };
        let layout = HomeLayout {
            headline: vec![slot(Some(30)), slot(None), slot(Some(5))],
            picks: vec![slot(Some(30))],
            breaking: Some(BreakingRow {
                text: "x".into(),
                article_id: None,
                until: 20,
            }),
            sections: vec![],
        };
        assert_eq!(layout.expiries(10), vec![20, 30]);
    }
}
