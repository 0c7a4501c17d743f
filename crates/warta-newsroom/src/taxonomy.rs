//! Rubriks are sections of the site: made on purpose by editors, never by saving an article.

use crate::Newsroom;
use crate::error::{Result, require};
use warta_core::{Capability, Name, Slug, ValidationError};
use warta_store::{Term, TermRow, UserRow};

/// A rubrik and whether this call made it.
#[derive(Debug, Clone)]
pub struct RubrikCreated {
    pub rubrik: TermRow,
    pub created: bool,
}

impl Newsroom {
    /// The rubrik named `name`, created when there is none (editors and admins).
    pub async fn create_rubrik(&self, user: &UserRow, name: &str) -> Result<RubrikCreated> {
        require(user.role, Capability::ManageTaxonomy, "create rubriks")?;
        let name = Name::parse(name)?;
        if Slug::from_title(name.as_str()).is_none() {
            return Err(ValidationError::new("name", "needs at least one letter or digit").into());
        }
        if let Some(r) = self.store.term_by_name(Term::Rubrik, name.as_str()).await? {
            return Ok(RubrikCreated {
                rubrik: r,
                created: false,
            });
        }
        let rubrik = self
            .store
            .ensure_term(Term::Rubrik, name.as_str(), "")
            .await?;
        self.store
            .audit(Some(user.id), "rubrik", None, &rubrik.name)
            .await?;
        self.events.emit(warta_core::Change::All);
        Ok(RubrikCreated {
            rubrik,
            created: true,
        })
    }
}
