//! The demo outlet's own pages (`demo/pages.json`): Redaksi, Pedoman Media Siber, Tentang
//! Kami, Kontak and Kebijakan Privasi, written for the demo and published as kind `page`.

use anyhow::Context;
use serde::Deserialize;
use warta_core::{ArticleKind, Block, Status};
use warta_store::{ArticleWrite, Store};

const PAGES: &str = include_str!("../demo/pages.json");

#[derive(Deserialize)]
struct Page {
    slug: String,
    headline: String,
    dek: String,
    body: Vec<serde_json::Value>,
}

/// Create and publish the pages, by `by`, in rubrik `rubrik_id` (every article has one; a
/// page does not show it). Returns how many were made.
pub async fn load(store: &Store, by: i64, rubrik_id: i64) -> anyhow::Result<usize> {
    let pages: Vec<Page> = serde_json::from_str(PAGES).context("parsing demo/pages.json")?;
    for p in &pages {
        let body = Block::parse_body(&p.body).map_err(|e| anyhow::anyhow!("{}: {e}", p.slug))?;
        let w = ArticleWrite {
            slug: warta_core::Slug::parse(&p.slug)?.to_string(),
            headline: warta_core::Headline::parse(&p.headline)?
                .as_str()
                .to_string(),
            dek: p.dek.clone(),
            rubrik_id,
            author_ids: vec![by],
            body,
            kind: ArticleKind::Page,
            ..Default::default()
        };
        let row = store.create_article(&w, Status::Draft, by).await?;
        store
            .transition(row.id, warta_core::Transition::Publish, None, by)
            .await?;
    }
    Ok(pages.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_pages_parse_and_are_the_footer_s_five() {
        let pages: Vec<super::Page> = serde_json::from_str(super::PAGES).unwrap();
        let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "redaksi",
                "pedoman-media-siber",
                "tentang-kami",
                "kontak",
                "kebijakan-privasi"
            ]
        );
        for p in &pages {
            warta_core::Block::parse_body(&p.body).unwrap();
        }
    }
}
