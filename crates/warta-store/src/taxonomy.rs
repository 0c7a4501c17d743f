//! Rubriks (sections), tags and topics (running stories): named terms with a slug.

use crate::{Store, StoreError, TermRow};
use warta_core::Slug;

/// Which kind of term. Each maps to its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Rubrik,
    Tag,
    Topic,
}

impl Term {
    pub(crate) fn table(self) -> &'static str {
        match self {
            Term::Rubrik => "rubriks",
            Term::Tag => "tags",
            Term::Topic => "topics",
        }
    }

    fn select(self) -> String {
        match self {
            Term::Tag => "SELECT id, slug, name, '' AS description FROM tags".to_string(),
            _ => format!("SELECT id, slug, name, description FROM {}", self.table()),
        }
    }
}

impl Store {
    pub async fn term_by_slug(
        &self,
        kind: Term,
        slug: &str,
    ) -> Result<Option<TermRow>, StoreError> {
        let q = format!("{} WHERE slug = $1", kind.select());
        Ok(sqlx::query_as(crate::sql(&q))
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The term whose slug the name maps to ("Invasi Rusia" and "invasi rusia" are one topic).
    pub async fn term_by_name(
        &self,
        kind: Term,
        name: &str,
    ) -> Result<Option<TermRow>, StoreError> {
        match Slug::from_title(name) {
            Some(slug) => self.term_by_slug(kind, slug.as_str()).await,
            None => Ok(None),
        }
    }

    /// Find the term by name or create it. Concurrent creators end with the same row.
    pub async fn ensure_term(
        &self,
        kind: Term,
        name: &str,
        description: &str,
    ) -> Result<TermRow, StoreError> {
        let slug = Slug::from_title(name)
            .ok_or_else(|| StoreError::Config(format!("'{name}' gives no usable slug")))?;
        if let Some(t) = self.term_by_slug(kind, slug.as_str()).await? {
            return Ok(t);
        }
        let q = match kind {
            Term::Tag => "INSERT INTO tags (slug, name) VALUES ($1, $2)".to_string(),
            // A new rubrik goes to the end of the menu.
            Term::Rubrik => "INSERT INTO rubriks (slug, name, description, position)
                 VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM rubriks))"
                .to_string(),
            _ => format!(
                "INSERT INTO {} (slug, name, description) VALUES ($1, $2, $3)",
                kind.table()
            ),
        };
        let mut insert = sqlx::query(crate::sql(&q))
            .bind(slug.as_str())
            .bind(name.trim());
        if kind != Term::Tag {
            insert = insert.bind(description);
        }
        match insert.execute(&self.pool).await.map_err(StoreError::from) {
            Ok(_) | Err(StoreError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
        self.term_by_slug(kind, slug.as_str())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// All terms of a kind: rubriks in their menu order, others by name.
    pub async fn list_terms(&self, kind: Term) -> Result<Vec<TermRow>, StoreError> {
        let order = if kind == Term::Rubrik {
            "position, id"
        } else {
            "name"
        };
        let q = format!("{} ORDER BY {order}", kind.select());
        Ok(sqlx::query_as(crate::sql(&q)).fetch_all(&self.pool).await?)
    }

    /// Rename a term and change its description. The slug (its URL) stays, so links and
    /// feeds keep working. Tags have no description.
    pub async fn update_term(
        &self,
        kind: Term,
        id: i64,
        name: &str,
        description: &str,
    ) -> Result<TermRow, StoreError> {
        let done = if kind == Term::Tag {
            sqlx::query("UPDATE tags SET name = $1 WHERE id = $2")
                .bind(name.trim())
                .bind(id)
                .execute(&self.pool)
                .await?
        } else {
            let q = format!(
                "UPDATE {} SET name = $1, description = $2 WHERE id = $3",
                kind.table()
            );
            sqlx::query(crate::sql(&q))
                .bind(name.trim())
                .bind(description)
                .bind(id)
                .execute(&self.pool)
                .await?
        };
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let q = format!("{} WHERE id = $1", kind.select());
        Ok(sqlx::query_as(crate::sql(&q))
            .bind(id)
            .fetch_one(&self.pool)
            .await?)
    }

    /// Move a rubrik one place up (`up`) or down in the menu. Positions are renumbered
    /// 1..n in the current order first, so rubriks that share a position (0, the default)
    /// move predictably. Moving the first up or the last down changes nothing.
    pub async fn move_rubrik(&self, id: i64, up: bool) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let mut ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM rubriks ORDER BY position, id")
            .fetch_all(&mut *tx)
            .await?;
        let at = ids
            .iter()
            .position(|x| *x == id)
            .ok_or(StoreError::NotFound)?;
        let other = if up { at.checked_sub(1) } else { Some(at + 1) };
        if let Some(j) = other.filter(|j| *j < ids.len()) {
            ids.swap(at, j);
        }
        for (pos, rid) in ids.iter().enumerate() {
            sqlx::query("UPDATE rubriks SET position = $1 WHERE id = $2")
                .bind(i64::try_from(pos + 1).unwrap_or(i64::MAX))
                .bind(rid)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Set a rubrik's position in the menu.
    pub async fn set_rubrik_position(&self, id: i64, position: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE rubriks SET position = $1 WHERE id = $2")
            .bind(position)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
