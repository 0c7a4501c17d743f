//! The outlet's own pages (kind `page`, at `/halaman/{slug}`) that the footer links.

use crate::{Store, StoreError};

impl Store {
    /// (slug, headline) of the published pages among `slugs`, in the order of `slugs`.
    pub async fn published_pages(
        &self,
        slugs: &[&str],
    ) -> Result<Vec<(String, String)>, StoreError> {
        let found: Vec<(String, String)> = sqlx::query_as(
            "SELECT slug, headline FROM articles WHERE kind = 'page' AND status = 'published'",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(slugs
            .iter()
            .filter_map(|s| found.iter().find(|(slug, _)| slug == s).cloned())
            .collect())
    }
}
