//! The newsroom's input shapes: what the JSON API takes and what the newsroom pages build
//! from their forms. They carry OpenAPI schemas (utoipa derives only a description; no HTTP),
//! stating every rule a schema can express.

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use warta_core::{ArticleKind, Block, FactCheck, Source};

/// A rubrik, tag or topic name: 1–80 characters after trimming (documentation only).
pub struct TermName;

impl utoipa::PartialSchema for TermName {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .min_length(Some(1))
            .max_length(Some(80))
            .pattern(Some(r"\S"))
            .into()
    }
}

impl ToSchema for TermName {}

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
    /// Rubrik by name: one of the rubriks that exist (saving never creates one).
    #[schema(min_length = 1, max_length = 80, pattern = r"\S")]
    pub rubrik: String,
    /// Tag names (1–80 characters each); unknown ones are created (public once a published
    /// article carries them).
    #[serde(default)]
    #[schema(inline, value_type = Vec<TermName>)]
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
    /// ISO 8601 with offset, for backdating archive articles (editors only).
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
    /// `news` (default), `factcheck` ("Cek Fakta"), `advertorial` (labelled as paid content
    /// everywhere) or `page` (one of the outlet's own pages, at `/halaman/{slug}`).
    #[serde(default)]
    pub kind: ArticleKind,
    /// A factcheck's claim, claimant, where it appeared, verdict and references.
    #[serde(default)]
    pub fact_check: Option<FactCheck>,
}

/// `PATCH /api/v1/articles/{id}`: every field optional but `revision`; `null` clears `topic`
/// and `hero`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticlePatch {
    /// Required: the revision this edit is based on. Missing → 428; stale → 409.
    #[schema(required = true, nullable = false, value_type = i64)]
    pub revision: Option<i64>,
    /// Save as a pending version of a published or scheduled article: readers keep seeing
    /// the live version until it is applied (`POST …/publish`) or discarded
    /// (`DELETE …/pending`). On an unpublished article, an ordinary save.
    #[serde(default)]
    pub stage: bool,
    /// A correction note for readers ("Koreksi"), on a published article (editors; not with
    /// `stage`: a pending version gets its note when it is applied).
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S", nullable = false)]
    pub correction: Option<String>,
    #[schema(max_length = 120, nullable = false)]
    pub seo_title: Option<String>,
    #[schema(max_length = 320, nullable = false)]
    pub seo_description: Option<String>,
    #[schema(nullable = false)]
    pub live: Option<bool>,
    #[schema(nullable = false)]
    pub kind: Option<ArticleKind>,
    /// `null` removes the fact check.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<FactCheck>)]
    pub fact_check: Option<Option<FactCheck>>,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S", nullable = false)]
    pub headline: Option<String>,
    #[schema(max_length = 600, nullable = false)]
    pub dek: Option<String>,
    #[schema(min_length = 1, max_length = 80, pattern = r"\S", nullable = false)]
    pub rubrik: Option<String>,
    #[schema(inline, value_type = Option<Vec<TermName>>, nullable = false)]
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
    /// ISO 8601 with offset (editors only).
    #[schema(format = DateTime, nullable = false)]
    pub published_at: Option<String>,
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}
