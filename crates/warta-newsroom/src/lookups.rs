//! What resolving an article's input needs from the database, behind one trait: through the
//! store's pool for the newsroom's saves, through an open import batch with caches for imports
//! (see [`crate::ImportSession`]).

use crate::input::AuthorRef;
use warta_store::{Store, StoreError, Term};

/// What resolving an article's input reads and the terms it creates: through the pool for a
/// save, through an open import batch (with caches) for an import.
pub(crate) trait Lookups {
    async fn slug_taken(&mut self, slug: &str, except: Option<i64>) -> Result<bool, StoreError>;
    /// The id of the rubrik `name` maps to.
    async fn rubrik(&mut self, name: &str) -> Result<Option<i64>, StoreError>;
    async fn rubrik_names(&mut self) -> Result<Vec<String>, StoreError>;
    /// A tag or topic, created when missing.
    async fn ensure_term(&mut self, kind: Term, name: &str) -> Result<i64, StoreError>;
    async fn user(&mut self, who: &AuthorRef) -> Result<Option<i64>, StoreError>;
    async fn media_exists(&mut self, id: i64) -> Result<bool, StoreError>;
    async fn article_exists(&mut self, id: i64) -> Result<bool, StoreError>;
}

/// [`Lookups`] through the store's pool.
pub(crate) struct Pooled<'a>(pub &'a Store);

impl Lookups for Pooled<'_> {
    async fn slug_taken(&mut self, slug: &str, except: Option<i64>) -> Result<bool, StoreError> {
        self.0.slug_taken(slug, except).await
    }
    async fn rubrik(&mut self, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.0.term_by_name(Term::Rubrik, name).await?.map(|t| t.id))
    }
    async fn rubrik_names(&mut self) -> Result<Vec<String>, StoreError> {
        Ok(self
            .0
            .list_terms(Term::Rubrik)
            .await?
            .into_iter()
            .map(|t| t.name)
            .collect())
    }
    async fn ensure_term(&mut self, kind: Term, name: &str) -> Result<i64, StoreError> {
        Ok(self.0.ensure_term(kind, name, "").await?.id)
    }
    async fn user(&mut self, who: &AuthorRef) -> Result<Option<i64>, StoreError> {
        match who {
            AuthorRef::Id(id) => match self.0.user_by_id(*id).await {
                Ok(u) => Ok(Some(u.id)),
                Err(StoreError::NotFound) => Ok(None),
                Err(e) => Err(e),
            },
            AuthorRef::Email(e) => Ok(self.0.user_by_email(e).await?.map(|u| u.id)),
        }
    }
    async fn media_exists(&mut self, id: i64) -> Result<bool, StoreError> {
        Ok(self.0.media_by_id(id).await?.is_some())
    }
    async fn article_exists(&mut self, id: i64) -> Result<bool, StoreError> {
        self.0.article_exists(id).await
    }
}
