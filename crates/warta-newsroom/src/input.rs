//! The newsroom's input shapes: what the JSON API takes and what the newsroom pages build
//! from their forms. They carry OpenAPI schemas (utoipa derives only a description; no HTTP).

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use warta_core::{Block, Source};

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeroInput {
    pub media_id: i64,
    #[serde(default)]
    pub caption: String,
    #[serde(default)]
    pub credit: String,
    #[serde(default)]
    pub alt: String,
}

/// An author by user id or by email.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum AuthorRef {
    Id(i64),
    Email(String),
}

/// `POST /api/v1/articles`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewArticle {
    pub headline: String,
    #[serde(default)]
    pub dek: String,
    /// Rubrik by name: one of the rubriks that exist (saving never creates one).
    #[schema(min_length = 1)]
    pub rubrik: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Running story by name; created when unknown.
    #[serde(default)]
    pub topic: Option<String>,
    /// Dateline city, e.g. `JAKARTA`.
    #[serde(default)]
    pub dateline: String,
    /// Sign-off, e.g. `(ant/rd)`.
    #[serde(default)]
    pub signoff: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub hero: Option<HeroInput>,
    #[serde(default)]
    #[schema(value_type = Vec<Block>)]
    pub body: Vec<serde_json::Value>,
    /// Default: the caller.
    #[serde(default)]
    pub authors: Option<Vec<AuthorRef>>,
    /// Default: derived from the headline.
    #[serde(default)]
    pub slug: Option<String>,
    /// ISO 8601 with offset, for backdating archive articles (editors only).
    #[serde(default)]
    pub published_at: Option<String>,
    /// Title for search engines and social cards (default: the headline).
    #[serde(default)]
    pub seo_title: String,
    /// Description for search engines and social cards (default: the dek).
    #[serde(default)]
    pub seo_description: String,
    /// A live blog: takes timestamped entries, shown newest first.
    #[serde(default)]
    pub live: bool,
}

/// `PATCH /api/v1/articles/{id}`: every field optional but `revision`; `null` clears `topic`
/// and `hero`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticlePatch {
    /// Required: the revision this edit is based on. Missing → 428; stale → 409.
    pub revision: Option<i64>,
    /// Save as a pending version of a published or scheduled article: readers keep seeing
    /// the live version until it is applied (`POST …/publish`) or discarded
    /// (`DELETE …/pending`).
    #[serde(default)]
    pub stage: bool,
    /// A correction note for readers ("Koreksi"), on a published article (editors).
    pub correction: Option<String>,
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
    pub live: Option<bool>,
    pub headline: Option<String>,
    pub dek: Option<String>,
    pub rubrik: Option<String>,
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub topic: Option<Option<String>>,
    pub dateline: Option<String>,
    pub signoff: Option<String>,
    pub sources: Option<Vec<Source>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<HeroInput>)]
    pub hero: Option<Option<HeroInput>>,
    #[schema(value_type = Option<Vec<Block>>)]
    pub body: Option<Vec<serde_json::Value>>,
    pub authors: Option<Vec<AuthorRef>>,
    /// Empty: derive it from the headline again.
    pub slug: Option<String>,
    /// Editors only.
    pub published_at: Option<String>,
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}
