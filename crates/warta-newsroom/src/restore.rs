//! Restoring an old revision: its content is saved as the newest revision (history is never
//! rewritten). Photos and linked articles deleted since are left out, with a notice.

use crate::access::{is_live, may_stage};
use crate::error::Result;
use crate::{Newsroom, Saved};
use warta_core::Block;
use warta_store::{ArticleWrite, Save, UserRow};

/// A message shown to people, built like `format!`: its English text is a message of the
/// catalogue (`warta-admin/src/catalogue.rs`, whose test finds every `notice!`).
macro_rules! notice {
    ($($t:tt)*) => { format!($($t)*) };
}

/// A reference of a restored revision that no longer exists and was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// The hero photo (its media id).
    Hero(i64),
    /// A photo block (its media id).
    Photo(i64),
    /// A "Baca juga" link (the article it named).
    Related(i64),
}

impl LeftOut {
    /// What was left out, in English (`warta_admin::localize` gives the Indonesian).
    pub fn notice(self) -> String {
        match self {
            LeftOut::Hero(m) => {
                notice!("the hero photo (media {m}) was deleted since; it was left out")
            }
            LeftOut::Photo(m) => notice!("photo {m} was deleted since; its block was left out"),
            LeftOut::Related(a) => {
                notice!("article {a} no longer exists; its \"Baca juga\" was left out")
            }
        }
    }

    /// A short form for a URL (`foto-12`), read back by [`LeftOut::parse`].
    pub fn code(self) -> String {
        match self {
            LeftOut::Hero(m) => format!("utama-{m}"),
            LeftOut::Photo(m) => format!("foto-{m}"),
            LeftOut::Related(a) => format!("artikel-{a}"),
        }
    }

    /// The notice a [`LeftOut::code`] stands for; `None` for anything else.
    pub fn parse(code: &str) -> Option<LeftOut> {
        let (kind, n) = code.split_once('-')?;
        let n = n.parse::<i64>().ok().filter(|n| *n > 0)?;
        match kind {
            "utama" => Some(LeftOut::Hero(n)),
            "foto" => Some(LeftOut::Photo(n)),
            "artikel" => Some(LeftOut::Related(n)),
            _ => None,
        }
    }
}

impl Newsroom {
    /// Restore revision `revision` of article `id`. On a published or scheduled article the
    /// restored text becomes a pending version, like any other edit. Returns what was
    /// saved and each reference that no longer exists (left out).
    pub async fn restore(
        &self,
        user: &UserRow,
        id: i64,
        revision: i64,
    ) -> Result<(Saved, Vec<LeftOut>)> {
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
    async fn drop_missing(&self, w: &mut ArticleWrite, id: i64) -> Result<Vec<LeftOut>> {
        let mut left_out = Vec::new();
        if let Some(m) = w.hero_media_id
            && self.store.media_by_id(m).await?.is_none()
        {
            w.hero_media_id = None;
            left_out.push(LeftOut::Hero(m));
        }
        let mut kept = Vec::with_capacity(w.body.len());
        for b in std::mem::take(&mut w.body) {
            let gone = match &b {
                Block::Image { media_id, .. } => self
                    .store
                    .media_by_id(*media_id)
                    .await?
                    .is_none()
                    .then_some(LeftOut::Photo(*media_id)),
                Block::Related { article_id } => (*article_id == id
                    || !self.store.article_exists(*article_id).await?)
                    .then_some(LeftOut::Related(*article_id)),
                _ => None,
            };
            match gone {
                Some(n) => left_out.push(n),
                None => kept.push(b),
            }
        }
        w.body = kept;
        Ok(left_out)
    }
}

#[cfg(test)]
mod tests {
    use super::LeftOut;

    #[test]
    fn left_out_codes_read_back_and_nothing_else_does() {
        for l in [LeftOut::Hero(7), LeftOut::Photo(12), LeftOut::Related(5)] {
            assert_eq!(LeftOut::parse(&l.code()), Some(l));
        }
        for bad in [
            "",
            "foto",
            "foto-",
            "foto-x",
            "foto--1",
            "foto-0",
            "gambar-3",
            "utama-1-2",
        ] {
            assert_eq!(LeftOut::parse(bad), None, "{bad}");
        }
    }
}
