//! Restoring an old revision: its content is saved as the newest revision (history is never
//! rewritten). Photos and linked articles deleted since are left out, with a notice.

use crate::access::{is_live, may_stage};
use crate::error::Result;
use crate::{Newsroom, Saved};
use warta_core::Block;
use warta_store::{ArticleWrite, Save, UserRow};

impl Newsroom {
    /// Restore revision `revision` of article `id`. On a published or scheduled article the
    /// restored text becomes a pending version, like any other edit. Returns what was
    /// saved and a notice for each reference that no longer exists.
    pub async fn restore(
        &self,
        user: &UserRow,
        id: i64,
        revision: i64,
    ) -> Result<(Saved, Vec<String>)> {
        let current = self.store.article_by_id(id).await?;
        let staging = is_live(&current);
        if staging {
            may_stage(user, &current)?;
        } else {
            crate::may_edit(user, &current)?;
        }
        let (_, mut snapshot) = self.store.revision(id, revision).await?;
        // The restored text keeps today's publication time and slug history rules.
        snapshot.published_at = None;
        let notices = self.drop_missing(&mut snapshot, id).await?;
        let save = Save {
            expected_revision: Some(current.revision),
            by: user.id,
            correction: None,
            action: "restore",
        };
        let saved = if staging {
            let for_review = !user.role.can(warta_core::Capability::Publish);
            let (article, pending) = self
                .store
                .stage_article(id, &snapshot, &save, for_review)
                .await?;
            Saved {
                article,
                pending: Some(pending),
            }
        } else {
            let article = self.store.update_article(id, &snapshot, &save).await?;
            self.changed(Some(&current), &article);
            Saved {
                article,
                pending: None,
            }
        };
        Ok((saved, notices))
    }

    /// Remove from `w` the photos, "Baca juga" links, rubrik, tags and topic that were deleted
    /// after it was saved, saying what was left out.
    async fn drop_missing(&self, w: &mut ArticleWrite, id: i64) -> Result<Vec<String>> {
        let mut notices = Vec::new();
        if let Some(m) = w.hero_media_id
            && self.store.media_by_id(m).await?.is_none()
        {
            w.hero_media_id = None;
            notices.push(format!(
                "the hero photo (media {m}) was deleted since; it was left out"
            ));
        }
        let mut kept = Vec::with_capacity(w.body.len());
        for b in std::mem::take(&mut w.body) {
            let gone = match &b {
                Block::Image { media_id, .. } => {
                    self.store.media_by_id(*media_id).await?.is_none().then(|| {
                        format!("photo {media_id} was deleted since; its block was left out")
                    })
                }
                Block::Related { article_id } => (*article_id == id
                    || !self.store.article_exists(*article_id).await?)
                    .then(|| {
                        format!(
                            "article {article_id} no longer exists; its \"Baca juga\" was left out"
                        )
                    }),
                _ => None,
            };
            match gone {
                Some(n) => notices.push(n),
                None => kept.push(b),
            }
        }
        w.body = kept;
        Ok(notices)
    }
}
