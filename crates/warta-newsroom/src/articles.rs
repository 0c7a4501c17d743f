//! Creating and saving articles, and the workflow steps.

use crate::access::{is_live, may_edit, may_read, may_stage, owns};
use crate::error::{NewsroomError, Result, require};
use crate::input::{ArticlePatch, NewArticle};
use crate::{Newsroom, resolve};
use warta_core::{Block, Capability, Status, Transition, ValidationError};
use warta_store::{ArticleRow, LiveEntryRow, PendingRow, Save, UserRow};

/// How a save of an existing article lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveMode {
    /// Change the live content at once (on a published article: editors only).
    Live,
    /// The safe save of autosave and "Simpan": a published or scheduled article gets a
    /// pending version that readers do not see; an unpublished one is saved as usual.
    Stage,
}

/// The result of a save: the live article and its pending version, if it has one.
#[derive(Debug, Clone)]
pub struct Saved {
    pub article: ArticleRow,
    pub pending: Option<PendingRow>,
}

impl Newsroom {
    /// A new draft by `user`.
    pub async fn create(&self, user: &UserRow, input: NewArticle) -> Result<ArticleRow> {
        let write = self.new_write(user, input).await?;
        Ok(self
            .store
            .create_article(&write, Status::Draft, user.id)
            .await?)
    }

    /// A new article's write as `user` may make it: checked, terms and authors resolved.
    pub(crate) async fn new_write(
        &self,
        user: &UserRow,
        input: NewArticle,
    ) -> Result<warta_store::ArticleWrite> {
        resolve::write_for_new(
            &mut resolve::Pooled(&self.store),
            user,
            input,
            &self.verdicts,
        )
        .await
    }

    /// Article `id` as `user` may read it.
    pub async fn article(&self, user: &UserRow, id: i64) -> Result<ArticleRow> {
        let a = self.store.article_by_id(id).await?;
        may_read(user, &a)?;
        Ok(a)
    }

    /// Save changes to article `id`. The patch must name the revision it is based on.
    pub async fn save(
        &self,
        user: &UserRow,
        id: i64,
        mut patch: ArticlePatch,
        mode: SaveMode,
    ) -> Result<Saved> {
        let current = self.store.article_by_id(id).await?;
        let staging = mode == SaveMode::Stage && is_live(&current);
        if staging {
            may_stage(user, &current)?;
        } else {
            may_edit(user, &current)?;
        }
        let expected = patch.revision.ok_or(NewsroomError::RevisionRequired)?;
        let correction = patch.correction.take().filter(|c| !c.trim().is_empty());
        let correction = match correction {
            Some(_) if staging => {
                return Err(ValidationError::new(
                    "correction",
                    "a correction is attached when the changes are published (Perbarui)",
                )
                .into());
            }
            Some(note) => Some(crate::correction::note(user, &current, &note)?),
            None => None,
        };
        let base = match (staging, self.store.pending(id).await?) {
            // A pending version is edited further: the patch applies over it, not over the
            // live text (so a partial PATCH keeps earlier pending changes).
            (true, Some(p)) => self.store.pending_view(&current, &p.write).await?,
            _ => current.clone(),
        };
        let write = resolve::write_for_patch(
            &mut resolve::Pooled(&self.store),
            user,
            &base,
            patch,
            &self.verdicts,
        )
        .await?;
        let save = Save {
            expected_revision: Some(expected),
            by: user.id,
            correction,
            action: "save",
        };
        if staging {
            let for_review = !user.role.can(Capability::Publish);
            let (article, pending) = self
                .store
                .stage_article(id, &write, &save, for_review)
                .await?;
            return Ok(Saved {
                article,
                pending: Some(pending),
            });
        }
        let article = self.store.update_article(id, &write, &save).await?;
        self.changed(Some(&current), &article);
        let pending = self.store.pending(id).await?;
        Ok(Saved { article, pending })
    }

    /// Take a workflow step on behalf of `user`: checks the role, that a contributor or
    /// writer acts only on their own article, and (for publishing) that every photo is
    /// captioned, credited and described.
    pub async fn step(
        &self,
        user: &UserRow,
        id: i64,
        step: Transition,
        at: Option<i64>,
    ) -> Result<ArticleRow> {
        require(
            user.role,
            step.capability(),
            &format!("{} articles", step.as_str()),
        )?;
        let before = self.store.article_by_id(id).await?;
        if step == Transition::Submit && !user.role.can(Capability::EditAny) && !owns(user, &before)
        {
            return Err(NewsroomError::Forbidden(
                "you may submit only your own articles".into(),
            ));
        }
        if matches!(step, Transition::Publish | Transition::Schedule) {
            crate::check_publishable(&self.store, &before).await?;
        }
        let after = self.store.transition(id, step, at, user.id).await?;
        self.changed(Some(&before), &after);
        Ok(after)
    }

    /// Publish article `id`: with a pending version, apply it (then reschedule or backdate
    /// when `at` is given); otherwise publish now, at a past `at` (backdating) or schedule it
    /// for a future `at`.
    pub async fn publish(
        &self,
        user: &UserRow,
        id: i64,
        at: Option<i64>,
        apply: crate::pending::Apply,
    ) -> Result<ArticleRow> {
        let current = self.store.article_by_id(id).await?;
        let has_pending = self.store.pending(id).await?.is_some();
        if has_pending && is_live(&current) {
            let after = self.apply_pending(user, id, apply).await?;
            if at.is_none() {
                return Ok(after);
            }
        } else if apply.correction.is_some() {
            return Err(ValidationError::new(
                "correction",
                "a correction is attached to a published article's changes or with an edit",
            )
            .into());
        }
        // Any time ahead is an embargo: schedule it (publishing "now" would break it early).
        let step = match at {
            Some(t) if t > warta_store::now_ms() => Transition::Schedule,
            _ => Transition::Publish,
        };
        self.step(user, id, step, at).await
    }

    /// Add an entry to a live article: writers and up, on an article in live mode.
    pub async fn add_live_entry(
        &self,
        user: &UserRow,
        id: i64,
        title: &str,
        body: &[serde_json::Value],
    ) -> Result<LiveEntryRow> {
        if !user.role.can(Capability::ReadAll) {
            return Err(NewsroomError::Forbidden(
                "live entries are written by the newsroom's writers and editors".into(),
            ));
        }
        let a = self.store.article_by_id(id).await?;
        if !a.live {
            return Err(NewsroomError::Conflict(
                "the article is not in live mode; switch it on first ('live': true)".into(),
            ));
        }
        let title = warta_core::bounded("title", title, 0, 200)?;
        let blocks = Block::parse_body(body)?;
        if blocks.is_empty() {
            return Err(ValidationError::new("body", "an entry needs at least one block").into());
        }
        let entry = self
            .store
            .add_live_entry(id, &title, &blocks, user.id)
            .await?;
        self.events
            .emit(warta_core::Change::LiveEntry(crate::touched(&a)));
        Ok(entry)
    }
}
