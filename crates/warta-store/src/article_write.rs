//! What an article save writes, who saves it, and one saved version.

use warta_core::{ArticleKind, Block, FactCheck, Source};

/// Everything an article save writes. Values are already checked by warta-core at the edge.
/// It is also the revision snapshot, so fields added later carry `serde(default)`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleWrite {
    pub slug: String,
    pub headline: String,
    pub dek: String,
    pub rubrik_id: i64,
    pub topic_id: Option<i64>,
    pub tag_ids: Vec<i64>,
    pub author_ids: Vec<i64>,
    pub dateline: String,
    pub signoff: String,
    pub sources: Vec<Source>,
    pub hero_media_id: Option<i64>,
    pub hero_caption: String,
    pub hero_credit: String,
    #[serde(default)]
    pub hero_alt: String,
    pub body: Vec<Block>,
    /// Explicit publication time (backdating archives); `None` keeps the current one.
    pub published_at: Option<i64>,
    #[serde(default)]
    pub seo_title: String,
    #[serde(default)]
    pub seo_description: String,
    /// A running live blog: timestamped entries, newest first.
    #[serde(default)]
    pub live: bool,
    /// News (default), fact check, advertorial or one of the outlet's own pages.
    #[serde(default)]
    pub kind: ArticleKind,
    /// A factcheck's claim and verdict.
    #[serde(default)]
    pub fact_check: Option<FactCheck>,
}

/// Who saves, against which revision, with which correction note.
#[derive(Debug, Clone, Default)]
pub struct Save {
    /// The revision the edit is based on; a different current one refuses the save.
    pub expected_revision: Option<i64>,
    pub by: i64,
    /// A correction shown to readers ("Koreksi") with the time of this save.
    pub correction: Option<String>,
    /// Audit action name (`save`, `restore:3`…).
    pub action: &'static str,
}

/// One saved version of an article.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RevisionRow {
    pub revision: i64,
    pub author_id: i64,
    pub author_name: String,
    pub created_at: i64,
}
