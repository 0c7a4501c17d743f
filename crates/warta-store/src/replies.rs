//! Hak jawab: right-of-reply notes attached to articles, as a text from someone or as a link
//! to a separate article that is the reply (linked both ways on the reader pages).

use crate::articles::audit_in;
use crate::rows::{ReplyRow, ReplyTarget};
use crate::{Store, StoreError, now_ms};
use sqlx::AnyConnection;

/// A reply to attach. `reply_article_id`, when given, must name another article.
#[derive(Debug, Clone, Default)]
pub struct NewReply {
    pub from_whom: String,
    pub text: String,
    pub reply_article_id: Option<i64>,
}

impl Store {
    /// Attach a reply to article `id` (with an audit record in the same transaction, so other
    /// instances drop their cached copies). Returns the new reply's id.
    pub async fn add_reply(&self, id: i64, r: &NewReply, by: i64) -> Result<i64, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let reply_id: i64 = sqlx::query_scalar(
            "INSERT INTO replies (article_id, from_whom, text, reply_article_id, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(id)
        .bind(&r.from_whom)
        .bind(&r.text)
        .bind(r.reply_article_id)
        .bind(by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        audit_in(
            &mut tx,
            &self.origin,
            Some(by),
            "reply",
            Some(id),
            &r.from_whom,
            now,
        )
        .await?;
        if let Some(other) = r.reply_article_id {
            audit_in(
                &mut tx,
                &self.origin,
                Some(by),
                "reply",
                Some(other),
                &r.from_whom,
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(reply_id)
    }

    /// Remove reply `reply_id` of article `id`; false when there is none.
    pub async fn delete_reply(&self, id: i64, reply_id: i64, by: i64) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let other: Option<Option<i64>> = sqlx::query_scalar(
            "DELETE FROM replies WHERE id = $1 AND article_id = $2 RETURNING reply_article_id",
        )
        .bind(reply_id)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(other) = other else {
            return Ok(false);
        };
        let now = now_ms();
        audit_in(
            &mut tx,
            &self.origin,
            Some(by),
            "reply-delete",
            Some(id),
            "",
            now,
        )
        .await?;
        if let Some(o) = other {
            audit_in(
                &mut tx,
                &self.origin,
                Some(by),
                "reply-delete",
                Some(o),
                "",
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}

/// The replies on article `id` (oldest first) and the published articles it is a reply to.
pub(crate) async fn load(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<(Vec<ReplyRow>, Vec<ReplyTarget>), StoreError> {
    #[derive(sqlx::FromRow)]
    struct Raw {
        id: i64,
        from_whom: String,
        text: String,
        reply_article_id: Option<i64>,
        slug: Option<String>,
        headline: Option<String>,
        created_at: i64,
    }
    let rows: Vec<Raw> = sqlx::query_as(
        "SELECT p.id, p.from_whom, p.text, p.reply_article_id, a.slug, a.headline, p.created_at
         FROM replies p LEFT JOIN articles a ON a.id = p.reply_article_id AND a.status = 'published'
         WHERE p.article_id = $1 ORDER BY p.created_at, p.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let replies = rows
        .into_iter()
        .map(|r| ReplyRow {
            id: r.id,
            from_whom: r.from_whom,
            text: r.text,
            reply_article_id: r.reply_article_id,
            reply_article: r.slug.zip(r.headline),
            created_at: r.created_at,
        })
        .collect();
    let to = sqlx::query_as(
        "SELECT a.id, a.slug, a.headline, p.created_at FROM replies p
         JOIN articles a ON a.id = p.article_id
         WHERE p.reply_article_id = $1 AND a.status = 'published' ORDER BY p.created_at, p.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok((replies, to))
}
