//! The JSON shapes of the API, documented in the OpenAPI document via utoipa.

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use warta_core::{Block, Source, Status};

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeroInput {
    pub media_id: i64,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub caption: String,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub credit: String,
    #[serde(default)]
    #[schema(max_length = 1000)]
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
    /// Plain text, 1–200 characters after trimming.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub headline: String,
    #[serde(default)]
    #[schema(max_length = 600)]
    pub dek: String,
    /// Rubrik by name; created when the caller may manage rubriks.
    #[schema(min_length = 1, max_length = 80, pattern = r"\S")]
    pub rubrik: String,
    /// Tag names (1–80 characters each); unknown ones are created.
    #[serde(default)]
    #[schema(inline, value_type = Vec<super::bounds::TermName>)]
    pub tags: Vec<String>,
    /// Running story by name; created when unknown.
    #[serde(default)]
    #[schema(min_length = 1, max_length = 80, pattern = r"\S", nullable)]
    pub topic: Option<String>,
    /// Dateline city, e.g. `JAKARTA`.
    #[serde(default)]
    #[schema(max_length = 40)]
    pub dateline: String,
    /// Sign-off, e.g. `(ant/rd)`.
    #[serde(default)]
    #[schema(max_length = 30)]
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
    #[schema(format = DateTime, nullable = false)]
    pub published_at: Option<String>,
    /// Title for search engines and social cards (default: the headline).
    #[serde(default)]
    #[schema(max_length = 120)]
    pub seo_title: String,
    /// Description for search engines and social cards (default: the dek).
    #[serde(default)]
    #[schema(max_length = 320)]
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
    #[schema(required = true, nullable = false, value_type = i64)]
    pub revision: Option<i64>,
    /// A correction note for readers ("Koreksi"), on a published article (editors).
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S", nullable = false)]
    pub correction: Option<String>,
    #[schema(max_length = 120, nullable = false)]
    pub seo_title: Option<String>,
    #[schema(max_length = 320, nullable = false)]
    pub seo_description: Option<String>,
    #[schema(nullable = false)]
    pub live: Option<bool>,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S", nullable = false)]
    pub headline: Option<String>,
    #[schema(max_length = 600, nullable = false)]
    pub dek: Option<String>,
    #[schema(min_length = 1, max_length = 80, pattern = r"\S", nullable = false)]
    pub rubrik: Option<String>,
    #[schema(inline, value_type = Option<Vec<super::bounds::TermName>>, nullable = false)]
    pub tags: Option<Vec<String>>,
    /// `null` clears the topic.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 80, pattern = r"\S")]
    pub topic: Option<Option<String>>,
    #[schema(max_length = 40, nullable = false)]
    pub dateline: Option<String>,
    #[schema(max_length = 30, nullable = false)]
    pub signoff: Option<String>,
    pub sources: Option<Vec<Source>>,
    /// `null` removes the hero photo.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<HeroInput>)]
    pub hero: Option<Option<HeroInput>>,
    #[schema(value_type = Vec<Block>, nullable = false)]
    pub body: Option<Vec<serde_json::Value>>,
    #[schema(nullable = false)]
    pub authors: Option<Vec<AuthorRef>>,
    /// Empty: derive it from the headline again.
    #[schema(max_length = 80, nullable = false)]
    pub slug: Option<String>,
    /// ISO 8601 with offset.
    #[schema(format = DateTime, nullable = false)]
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
    #[schema(format = DateTime, nullable = false)]
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
    #[schema(max_length = 200)]
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
    #[schema(max_length = 1000, nullable = false)]
    pub caption: Option<String>,
    #[schema(max_length = 200, nullable = false)]
    pub credit: Option<String>,
    #[schema(max_length = 1000, nullable = false)]
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
    #[serde(default, deserialize_with = "super::bounds::page_number")]
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
    #[serde(default, deserialize_with = "super::bounds::per_page")]
    #[param(minimum = 1, maximum = 100)]
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
    #[serde(default, deserialize_with = "super::bounds::page_number")]
    #[param(minimum = 1, maximum = 100000)]
    #[schema(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
    #[serde(default, deserialize_with = "super::bounds::per_page")]
    #[param(minimum = 1, maximum = 100)]
    #[schema(minimum = 1, maximum = 100)]
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
