//! Hak jawab: an editor attaches a right-of-reply note to an article, as the press council's
//! cyber-media guideline requires. A reply is a text from someone, or a link to a separate
//! article that is the reply (then both articles link each other), or both.

use crate::error::{NewsroomError, Result, require};
use warta_core::{Capability, Change, ValidationError, bounded};
use warta_store::{ArticleRow, NewReply, UserRow};

/// A reply as an editor gives it, before checking.
#[derive(Debug, Clone, Default)]
pub struct ReplyInput {
    pub from: String,
    pub text: String,
    pub article_id: Option<i64>,
}

impl crate::Newsroom {
    /// Attach a reply to article `id` (editors and up). Returns the article as it now reads.
    pub async fn add_reply(&self, user: &UserRow, id: i64, r: ReplyInput) -> Result<ArticleRow> {
        require(user.role, Capability::Publish, "attach a reply")?;
        let a = self.store.article_by_id(id).await?;
        let from_whom = bounded("from", &r.from, 1, 200)?;
        let text = bounded("text", &r.text, 0, 5_000)?;
        if text.is_empty() && r.article_id.is_none() {
            return Err(ValidationError::new(
                "text",
                "a reply needs its text or the article that is the reply",
            )
            .into());
        }
        if let Some(other) = r.article_id {
            if other == id {
                return Err(ValidationError::new(
                    "article_id",
                    "an article cannot be its own reply",
                )
                .into());
            }
            if !self.store.article_exists(other).await? {
                return Err(ValidationError::new(
                    "article_id",
                    format!("no article with id {other}"),
                )
                .into());
            }
        }
        let new = NewReply {
            from_whom,
            text,
            reply_article_id: r.article_id,
        };
        self.store.add_reply(id, &new, user.id).await?;
        self.replies_changed(&a, r.article_id).await
    }

    /// Remove reply `reply_id` from article `id` (editors and up).
    pub async fn delete_reply(&self, user: &UserRow, id: i64, reply_id: i64) -> Result<ArticleRow> {
        require(user.role, Capability::Publish, "remove a reply")?;
        let a = self.store.article_by_id(id).await?;
        let other = a
            .replies
            .iter()
            .find(|r| r.id == reply_id)
            .map(|r| r.reply_article_id);
        let Some(other) = other else {
            return Err(NewsroomError::NotFound);
        };
        self.store.delete_reply(id, reply_id, user.id).await?;
        self.replies_changed(&a, other).await
    }

    /// Both articles' pages show the link: drop them from the caches.
    async fn replies_changed(&self, a: &ArticleRow, other: Option<i64>) -> Result<ArticleRow> {
        let after = self.store.article_by_id(a.id).await?;
        self.events.emit(Change::Article(crate::touched(&after)));
        if let Some(o) = other {
            self.events.emit(Change::ArticleId(o));
        }
        Ok(after)
    }
}
