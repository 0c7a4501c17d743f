//! Imports at speed: many articles per transaction ([`warta_store::ImportBatch`]), each in a
//! savepoint of its own, with the same checks as [`Newsroom::import_article`]. Term, author
//! and media ids are cached for the session, so an article costs a few statements instead of
//! a few dozen. The change events go out when the batch commits.

use crate::error::{NewsroomError, Result, require};
use crate::imports::ImportedArticle;
use crate::input::AuthorRef;
use crate::lookups::Lookups;
use crate::{Newsroom, resolve};
use std::collections::{HashMap, HashSet};
use warta_core::{Capability, Change, Events, Slug, Status, Touched};
use warta_store::{ImportBatch, ImportKey, StoreError, Table, Term, UserRow};

/// An open import batch; commit it with [`ImportSession::commit`] (dropping it undoes it).
pub struct ImportSession {
    cached: Cached,
    events: Events,
    touched: Vec<Touched>,
    /// The outlet's fact-check verdicts (imported fact checks are checked like new ones).
    verdicts: Vec<String>,
}

/// The batch and what the session already knows to exist.
struct Cached {
    batch: ImportBatch,
    /// (tag or topic, slug) → id.
    terms: HashMap<(bool, String), i64>,
    rubriks: HashMap<String, i64>,
    users: HashSet<i64>,
    media: HashSet<i64>,
    articles: HashSet<i64>,
    /// The last slug found free: the importer checks its own choice before the article's
    /// checks ask again, inside the same item.
    free_slug: Option<String>,
}

impl Newsroom {
    /// Open an import session (one write transaction until it commits).
    pub async fn begin_import(&self) -> Result<ImportSession> {
        Ok(ImportSession {
            cached: Cached {
                batch: self.store.begin_import_batch().await?,
                terms: HashMap::new(),
                rubriks: HashMap::new(),
                users: HashSet::new(),
                media: HashSet::new(),
                articles: HashSet::new(),
                free_slug: None,
            },
            events: self.events.clone(),
            touched: Vec::new(),
            verdicts: self.verdicts.to_vec(),
        })
    }
}

impl ImportSession {
    /// Articles written in this session.
    pub fn len(&self) -> usize {
        self.cached.batch.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cached.batch.is_empty()
    }

    /// The Warta id an import gave `key`, this session's included.
    pub async fn imported(&mut self, key: ImportKey<'_>) -> Result<Option<i64>> {
        Ok(self.cached.batch.imported(key).await?)
    }

    /// Whether a new article could not take `slug`.
    pub async fn slug_taken(&mut self, slug: &str) -> Result<bool> {
        Ok(self.cached.slug_taken(slug, None).await?)
    }

    /// [`Newsroom::import_article`] inside the session: whole or not at all (a savepoint), and
    /// a failure leaves the session usable for the next item.
    pub async fn import_article(
        &mut self,
        user: &UserRow,
        item: ImportedArticle<'_>,
    ) -> Result<i64> {
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
        self.cached.batch.begin_item().await?;
        let written = self.write(user, item).await;
        self.cached.batch.end_item(written.is_ok()).await?;
        match written {
            Ok((id, touched)) => {
                self.cached.free_slug = None;
                self.cached.articles.insert(id);
                self.touched.push(touched);
                Ok(id)
            }
            Err(e) => {
                // Terms made inside the item are gone with it.
                self.cached.terms.clear();
                self.cached.free_slug = None;
                Err(e)
            }
        }
    }

    async fn write(&mut self, user: &UserRow, item: ImportedArticle<'_>) -> Result<(i64, Touched)> {
        let mut input = item.input;
        input.published_at = None;
        let mut write =
            resolve::write_for_new(&mut self.cached, user, input, &self.verdicts).await?;
        write.published_at = item.at;
        let id = self
            .cached
            .batch
            .create_article(&write, item.status, user.id, item.key, &item.old_paths)
            .await?;
        Ok((
            id,
            Touched {
                article: id,
                rubriks: vec![write.rubrik_id],
                tags: write.tag_ids,
                topics: write.topic_id.into_iter().collect(),
                authors: write.author_ids,
            },
        ))
    }

    /// Commit the batch, then tell the change hub about its articles.
    pub async fn commit(self) -> Result<()> {
        self.cached.batch.commit().await?;
        for t in self.touched {
            self.events.emit(Change::Article(t));
        }
        Ok(())
    }
}

impl Lookups for Cached {
    async fn slug_taken(&mut self, slug: &str, _except: Option<i64>) -> Result<bool, StoreError> {
        if self.free_slug.as_deref() == Some(slug) {
            return Ok(false);
        }
        let taken = self.batch.slug_taken(slug).await?;
        if !taken {
            self.free_slug = Some(slug.to_string());
        }
        Ok(taken)
    }

    async fn rubrik(&mut self, name: &str) -> Result<Option<i64>, StoreError> {
        let Some(slug) = Slug::from_title(name) else {
            return Ok(None);
        };
        if let Some(id) = self.rubriks.get(slug.as_str()) {
            return Ok(Some(*id));
        }
        let found = self.batch.term_id(Term::Rubrik, name).await?;
        if let Some(id) = found {
            self.rubriks.insert(slug.to_string(), id);
        }
        Ok(found)
    }

    async fn rubrik_names(&mut self) -> Result<Vec<String>, StoreError> {
        // Only for the message of an unknown rubrik; imports name rubriks they made.
        Ok(Vec::new())
    }

    async fn ensure_term(&mut self, kind: Term, name: &str) -> Result<i64, StoreError> {
        let slug = Slug::from_title(name).map_or_else(String::new, |s| s.to_string());
        let key = (kind == Term::Tag, slug);
        if let Some(id) = self.terms.get(&key) {
            return Ok(*id);
        }
        let id = self.batch.ensure_term(kind, name).await?;
        self.terms.insert(key, id);
        Ok(id)
    }

    async fn user(&mut self, who: &AuthorRef) -> Result<Option<i64>, StoreError> {
        let AuthorRef::Id(id) = who else {
            return Err(StoreError::Invalid("imports name authors by id".into()));
        };
        if self.users.contains(id) {
            return Ok(Some(*id));
        }
        let found = self.batch.exists(Table::Users, *id).await?;
        if found {
            self.users.insert(*id);
        }
        Ok(found.then_some(*id))
    }

    async fn media_exists(&mut self, id: i64) -> Result<bool, StoreError> {
        if self.media.contains(&id) {
            return Ok(true);
        }
        let found = self.batch.exists(Table::Media, id).await?;
        if found {
            self.media.insert(id);
        }
        Ok(found)
    }

    async fn article_exists(&mut self, id: i64) -> Result<bool, StoreError> {
        if self.articles.contains(&id) {
            return Ok(true);
        }
        self.batch.exists(Table::Articles, id).await
    }
}
