//! The JSON shapes of the API, documented in the OpenAPI document via utoipa.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use warta_core::Block;

pub use crate::article_out::{
    ArticleOut, AuthorOut, CorrectionOut, HeroOut, PendingOut, ReplyOut, TermOut, UserRef,
};

/// `POST /api/v1/articles/{id}/replies`: a reply as a text from someone, or as a link to the
/// separate article that is the reply (`article_id`), or both.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReplyIn {
    /// Who replies: 1–200 characters.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub from: String,
    /// The reply as published (up to 5,000 characters); required without `article_id`.
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub text: String,
    /// Another article that is the reply.
    #[serde(default)]
    pub article_id: Option<i64>,
}
pub use warta_newsroom::input::{ArticlePatch, AuthorRef, HeroInput, NewArticle};

/// `POST /api/v1/articles/{id}/publish`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishInput {
    /// ISO 8601 publication time. In the past: backdating. In the future: the article is
    /// scheduled (embargo) and published by the scheduler at that time. Default: now, or the
    /// article's existing (backdated) time.
    #[schema(format = DateTime, nullable = false)]
    pub at: Option<String>,
    /// When a pending version is applied ("Perbarui"): the revision the editor saw (a later
    /// save answers 409).
    pub revision: Option<i64>,
    /// When a pending version is applied: a correction note for readers ("Koreksi").
    pub correction: Option<String>,
}

/// `POST /api/v1/articles/{id}/unpublish`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnpublishInput {
    /// Why the article is withdrawn, shown to readers on its page (410): plain text,
    /// 1–500 characters.
    #[schema(min_length = 1, max_length = 500, pattern = r"\S", nullable = false)]
    pub reason: Option<String>,
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

/// `GET /api/v1/articles/{id}?version=pending`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// `pending`: the fields as they will read once the pending version is applied (the live
    /// ones when nothing is pending); `live` (default): what readers see.
    pub version: Option<ArticleVersion>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ArticleVersion {
    Live,
    Pending,
}

/// `POST /api/v1/rubriks`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRubrik {
    #[schema(min_length = 1, max_length = 80)]
    pub name: String,
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
    /// `news`, `factcheck`, `advertorial` or `page`.
    pub kind: String,
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
