//! Writes for imports from other systems (WordPress): the same checks as the API's article
//! writes, plus what an archive needs — a publication or schedule time given by the old site,
//! an import record and the old addresses, all written in one transaction.

use crate::error::{NewsroomError, Result, require};
use crate::input::NewArticle;
use crate::{Newsroom, resolve};
use warta_core::{Capability, Change, Name, Role, Status, Touched};
use warta_store::{ImportKey, NewUser, OldPath, UserRow};

/// One article of an import.
pub struct ImportedArticle<'a> {
    pub input: NewArticle,
    /// Draft, Scheduled or Published.
    pub status: Status,
    /// Publication time (past) or schedule (future) from the old site.
    pub at: Option<i64>,
    pub key: ImportKey<'a>,
    /// Old addresses (path and query) that answer 301 to the article.
    pub old_paths: Vec<String>,
}

impl Newsroom {
    /// Import one article as `user` (an editor): checked like any new article, written
    /// whole or not at all; returns its id. An archive article is published as it was on
    /// the old site: photo captions and credits are not required of it.
    pub async fn import_article(&self, user: &UserRow, item: ImportedArticle<'_>) -> Result<i64> {
        require(user.role, Capability::Publish, "import articles")?;
        if !matches!(
            item.status,
            Status::Draft | Status::Scheduled | Status::Published
        ) {
            return Err(NewsroomError::Conflict(format!(
                "an import makes drafts, scheduled or published articles, not {}",
                item.status.as_str()
            )));
        }
        let mut input = item.input;
        input.published_at = None;
        let mut write = resolve::write_for_new(
            &mut resolve::Pooled(&self.store),
            user,
            input,
            &self.verdicts,
        )
        .await?;
        write.published_at = item.at;
        let id = self
            .store
            .create_imported_article(&write, item.status, user.id, item.key, &item.old_paths)
            .await?;
        self.events.emit(Change::Article(Touched {
            article: id,
            rubriks: vec![write.rubrik_id],
            tags: write.tag_ids.clone(),
            topics: write.topic_id.into_iter().collect(),
            authors: write.author_ids.clone(),
        }));
        Ok(id)
    }

    /// The account for an old site's author, made once (writer role, no usable password:
    /// an admin sends a reset link to let the person sign in).
    pub async fn import_author(
        &self,
        user: &UserRow,
        key: ImportKey<'_>,
        name: &str,
        email: &str,
    ) -> Result<UserRow> {
        require(user.role, Capability::Administer, "import authors")?;
        if let Some(id) = self.store.imported(key).await? {
            return Ok(self.store.user_by_id(id).await?);
        }
        let email = email.trim().to_lowercase();
        if let Some(u) = self.store.user_by_email(&email).await? {
            self.store.record_import(key, u.id).await?;
            return Ok(u);
        }
        let name = Name::parse(name).or_else(|_| Name::parse(key.source_id))?;
        let password = warta_store::generate_token()?;
        let u = self
            .store
            .create_user(NewUser {
                email: &email,
                name: name.as_str(),
                role: Role::Writer,
                password: &password,
                bio: "",
            })
            .await?;
        self.store.record_import(key, u.id).await?;
        Ok(u)
    }

    /// Old addresses of a rubrik, tag, author or media item (archive pages, attachment pages).
    pub async fn import_old_paths(&self, paths: &[String], target: &OldPath) -> Result<()> {
        Ok(self.store.add_old_paths(paths, target).await?)
    }
}
