//! Unpublishing with a reason: the press council's cyber-media guideline asks that a takedown
//! be explained to readers, so the reason is kept for the article's 410 page.

use crate::Result;
use warta_core::{Transition, bounded};
use warta_store::{ArticleRow, UserRow, now_ms};

/// The longest reason kept.
pub const MAX_REASON: usize = 500;

impl crate::Newsroom {
    /// Unpublish article `id` (editors and up), keeping `reason` for readers when given.
    pub async fn unpublish(
        &self,
        user: &UserRow,
        id: i64,
        reason: Option<&str>,
    ) -> Result<ArticleRow> {
        let reason = reason
            .map(|r| bounded("reason", r, 1, MAX_REASON))
            .transpose()?;
        let after = self.step(user, id, Transition::Unpublish, None).await?;
        match reason {
            Some(r) => self.store.set_takedown(id, &r, now_ms()).await?,
            None => self.store.clear_takedown(id).await?,
        }
        Ok(after)
    }
}
