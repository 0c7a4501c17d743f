//! What the newsroom's lists show beside each article: who sent it for review and when.

use crate::{Store, StoreError};
use std::collections::HashMap;

/// The latest `submit` step of an article: who took it (when the account still exists) and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub by: Option<String>,
    pub at: i64,
}

impl Store {
    /// The latest submission for review of each article among `ids`, read from the audit log
    /// (one query for a whole list). Articles never submitted are absent.
    pub async fn submissions(&self, ids: &[i64]) -> Result<HashMap<i64, Submission>, StoreError> {
        let mut out = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let q = format!(
            "SELECT l.article_id, u.name, l.at FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
             WHERE l.action = 'submit' AND l.article_id IN ({}) ORDER BY l.id",
            crate::placeholders(ids.len())
        );
        let query = crate::bind_ids(
            sqlx::query_as::<_, (i64, Option<String>, i64)>(crate::sql(&q)),
            ids,
        );
        // Ordered by id: a later submission replaces an earlier one.
        for (article, by, at) in query.fetch_all(&self.pool).await? {
            out.insert(article, Submission { by, at });
        }
        Ok(out)
    }
}
