//! The JSON shapes of the API, documented in the OpenAPI document via utoipa.

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use warta_core::{Block, Source, Status};

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
    /// Rubrik by name; created when the caller may manage rubriks.
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
    /// ISO 8601 with offset, for backdating archive articles.
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
    pub published_at: Option<String>,
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// `POST /api/v1/articles/{id}/publish`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishInput {
    /// ISO 8601 publication time. In the past: backdating. In the future: the article is
    /// scheduled (embargo) and published by the scheduler at that time. Default: now, or the
    /// article's existing (backdated) time.
    pub at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TermOut {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorOut {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HeroOut {
    pub media_id: i64,
    pub caption: String,
    pub credit: String,
    pub alt: String,
}

/// A newsroom member by id and name.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CorrectionOut {
    pub note: String,
    /// ISO 8601 in WIB.
    pub at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionOut {
    pub revision: i64,
    pub author: UserRef,
    /// ISO 8601 in WIB.
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionList {
    pub items: Vec<RevisionOut>,
}

/// `POST /api/v1/articles/{id}/live`: a live-blog entry.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLiveEntry {
    #[serde(default)]
    pub title: String,
    #[schema(value_type = Vec<Block>)]
    pub body: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LiveEntryOut {
    pub id: i64,
    pub title: String,
    pub body: Vec<Block>,
    pub author: String,
    /// ISO 8601 in WIB.
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PresenceOut {
    /// Others who have the article open in the editor now.
    pub others: Vec<PresenceName>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PresenceName {
    pub name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaPatch {
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MediaList {
    pub items: Vec<MediaOut>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MediaQuery {
    /// Words in caption, credit or alt text.
    pub q: Option<String>,
    /// Uploaded on this day (WIB), `YYYY-MM-DD`.
    pub date: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TermQuery {
    /// Names starting with or containing these letters.
    pub q: Option<String>,
}

/// An article as the API returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleOut {
    pub id: i64,
    pub slug: String,
    pub status: Status,
    pub revision: i64,
    /// Absolute URL of the reader page.
    pub url: String,
    pub headline: String,
    pub dek: String,
    pub rubrik: TermOut,
    pub tags: Vec<TermOut>,
    pub topic: Option<TermOut>,
    pub authors: Vec<AuthorOut>,
    pub dateline: String,
    pub signoff: String,
    pub sources: Vec<Source>,
    pub hero: Option<HeroOut>,
    pub body: Vec<Block>,
    /// ISO 8601 in WIB.
    pub published_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub seo_title: String,
    pub seo_description: String,
    pub live: bool,
    /// Who saved the current revision.
    pub updated_by: Option<UserRef>,
    pub corrections: Vec<CorrectionOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleSummary {
    pub id: i64,
    pub slug: String,
    pub status: String,
    pub revision: i64,
    pub url: String,
    pub headline: String,
    pub rubrik: String,
    pub published_at: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleList {
    pub items: Vec<ArticleSummary>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Debug, Deserialize, ToSchema, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ArticleQuery {
    /// draft, submitted, scheduled, published or unpublished.
    pub status: Option<String>,
    /// Rubrik slug.
    pub rubrik: Option<String>,
    /// Tag slug.
    pub tag: Option<String>,
    /// Topic slug.
    pub topic: Option<String>,
    /// Author slug.
    pub author: Option<String>,
    /// Words in the headline.
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VariantOut {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MediaOut {
    pub id: i64,
    /// The re-encoded original.
    pub url: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub variants: Vec<VariantOut>,
    pub caption: String,
    pub credit: String,
    pub alt: String,
}
