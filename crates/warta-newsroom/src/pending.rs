//! Pending versions of published and scheduled articles: "Perbarui" applies one, "Buang
//! perubahan" discards it. Saving one is [`crate::SaveMode::Stage`].

use crate::Newsroom;
use crate::access::{may_read_history, may_stage};
use crate::error::{NewsroomError, Result, require};
use warta_core::Capability;
use warta_store::{ArticleRow, PendingRow, Save, UserRow};

/// What comes with applying a pending version.
#[derive(Debug, Clone, Default)]
pub struct Apply {
    /// The revision the editor saw; a later save refuses the apply (409). `None`: apply
    /// whatever is pending now.
    pub revision: Option<i64>,
    /// A correction note for readers ("Koreksi"), on a published article.
    pub correction: Option<String>,
}

impl Newsroom {
    /// Article `id`'s pending version, if any, for a user who may see its history.
    pub async fn pending(&self, user: &UserRow, id: i64) -> Result<Option<PendingRow>> {
        let a = self.store.article_by_id(id).await?;
        may_read_history(user, &a)?;
        Ok(self.store.pending(id).await?)
    }

    /// The article as it will read once its pending version is applied (for the editor,
    /// `?version=pending` and "Pratinjau"); the live article when nothing is pending.
    pub async fn pending_view(&self, user: &UserRow, id: i64) -> Result<(ArticleRow, bool)> {
        let a = self.store.article_by_id(id).await?;
        may_read_history(user, &a)?;
        match self.store.pending(id).await? {
            Some(p) => {
                let mut view = self.store.pending_view(&a, &p.write).await?;
                view.revision = a.revision;
                Ok((view, true))
            }
            None => Ok((a, false)),
        }
    }

    /// Make the pending version live ("Perbarui"): editors only, after the same photo checks
    /// as publishing. The page cache, feeds and search follow.
    pub async fn apply_pending(&self, user: &UserRow, id: i64, apply: Apply) -> Result<ArticleRow> {
        require(user.role, Capability::Publish, "publish changes")?;
        let current = self.store.article_by_id(id).await?;
        let pending = self.store.pending(id).await?.ok_or_else(|| {
            NewsroomError::Conflict("the article has no unpublished changes".into())
        })?;
        let view = self.store.pending_view(&current, &pending.write).await?;
        crate::check_publishable(&self.store, &view).await?;
        let correction = match apply.correction.filter(|c| !c.trim().is_empty()) {
            Some(note) => Some(crate::correction::note(user, &current, &note)?),
            None => None,
        };
        let save = Save {
            expected_revision: apply.revision,
            by: user.id,
            correction,
            action: "update",
        };
        let after = self.store.apply_pending(id, &save).await?;
        self.changed(Some(&current), &after);
        Ok(after)
    }

    /// Forget the pending version ("Buang perubahan"): its author or an editor.
    pub async fn discard_pending(&self, user: &UserRow, id: i64) -> Result<ArticleRow> {
        let current = self.store.article_by_id(id).await?;
        may_stage(user, &current)?;
        if let Some(p) = self.store.pending(id).await?
            && p.by != user.id
            && !user.role.can(Capability::EditAny)
        {
            return Err(NewsroomError::Forbidden(
                "only its author or an editor discards these changes".into(),
            ));
        }
        if !self.store.discard_pending(id, user.id).await? {
            return Err(NewsroomError::Conflict(
                "the article has no unpublished changes".into(),
            ));
        }
        Ok(current)
    }
}
