//! Which tags and topics readers may see: a tag or topic typed by a writer exists in the
//! newsroom at once, but has no public page, feed or list entry until a published article
//! carries it.

use crate::{Store, StoreError, Term};

impl Store {
    /// Does a published article carry this tag or topic? Rubriks are made on purpose by
    /// editors and are always public.
    pub async fn term_is_public(&self, kind: Term, id: i64) -> Result<bool, StoreError> {
        let q = match kind {
            Term::Rubrik => return Ok(true),
            Term::Tag => {
                "SELECT COUNT(*) FROM article_tags x JOIN articles a ON a.id = x.article_id
                 WHERE x.tag_id = $1 AND a.status = 'published'"
            }
            Term::Topic => {
                "SELECT COUNT(*) FROM articles WHERE topic_id = $1 AND status = 'published'"
            }
        };
        let n: i64 = sqlx::query_scalar(crate::sql(q))
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }
}
