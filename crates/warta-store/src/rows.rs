//! Rows as the database holds them. Views for templates and the API are built from these in
//! the web crate, never sent out directly.

use warta_core::{ArticleKind, Block, FactCheck, Role, Source, Status};

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub slug: String,
    pub role: Role,
    pub bio: String,
    /// Default dateline for this person's new articles.
    pub dateline: String,
    /// Interface language: `id` or `en`.
    pub locale: String,
    pub(crate) password_hash: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RawUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub slug: String,
    pub role: String,
    pub bio: String,
    pub password_hash: String,
    pub dateline: String,
    pub locale: String,
}

impl TryFrom<RawUser> for UserRow {
    type Error = crate::StoreError;
    fn try_from(r: RawUser) -> Result<Self, Self::Error> {
        Ok(UserRow {
            role: Role::parse(&r.role).map_err(|e| crate::StoreError::Corrupt(e.to_string()))?,
            id: r.id,
            email: r.email,
            name: r.name,
            slug: r.slug,
            bio: r.bio,
            password_hash: r.password_hash,
            dateline: r.dateline,
            locale: r.locale,
        })
    }
}

/// A rubrik, tag or topic.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TermRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MediaVariant {
    pub key: String,
    pub width: u32,
    pub height: u32,
    pub mime: String,
}

/// A centre crop of a photo for structured data and social cards.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MediaCrop {
    /// `"16x9"`, `"4x3"` or `"1x1"`.
    pub aspect: String,
    pub key: String,
    pub width: u32,
    pub height: u32,
    pub mime: String,
}

#[derive(Debug, Clone)]
pub struct MediaRow {
    pub id: i64,
    pub original_key: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    /// WebP, ascending by width.
    pub variants: Vec<MediaVariant>,
    /// AVIF at the same widths, ascending; empty until they are made (and for photos from
    /// before AVIF).
    pub avif: Vec<MediaVariant>,
    /// Whether the AVIF variants are still to be made.
    pub avif_pending: bool,
    /// Widest aspect first; empty for photos from before crops or too small for any.
    pub crops: Vec<MediaCrop>,
    /// A `data:` URI of a tiny preview, or empty.
    pub placeholder: String,
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub created_at: i64,
    /// Who uploaded the photo (`None` for imports and demo content).
    pub uploaded_by: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RawMedia {
    pub id: i64,
    pub original_key: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    pub variants: String,
    pub avif: String,
    pub avif_pending: i64,
    pub crops: String,
    pub placeholder: String,
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub created_at: i64,
    pub uploaded_by: Option<i64>,
}

impl TryFrom<RawMedia> for MediaRow {
    type Error = crate::StoreError;
    fn try_from(r: RawMedia) -> Result<Self, Self::Error> {
        Ok(MediaRow {
            id: r.id,
            original_key: r.original_key,
            mime: r.mime,
            width: u32::try_from(r.width).unwrap_or(0),
            height: u32::try_from(r.height).unwrap_or(0),
            variants: serde_json::from_str(&r.variants)?,
            avif: serde_json::from_str(&r.avif)?,
            avif_pending: r.avif_pending != 0,
            crops: serde_json::from_str(&r.crops)?,
            placeholder: r.placeholder,
            caption: r.caption,
            credit: r.credit,
            alt: r.alt,
            created_at: r.created_at,
            uploaded_by: r.uploaded_by,
        })
    }
}

/// An article with its rubrik, topic, tags and authors resolved.
#[derive(Debug, Clone)]
pub struct ArticleRow {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub dek: String,
    pub rubrik: TermRow,
    pub topic: Option<TermRow>,
    pub tags: Vec<TermRow>,
    pub authors: Vec<UserRow>,
    pub dateline: String,
    pub signoff: String,
    pub sources: Vec<Source>,
    pub hero_media_id: Option<i64>,
    pub hero_caption: String,
    pub hero_credit: String,
    pub body: Vec<Block>,
    pub status: Status,
    pub published_at: Option<i64>,
    pub created_by: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub revision: i64,
    pub hero_alt: String,
    pub seo_title: String,
    pub seo_description: String,
    pub live: bool,
    /// Who saved the current revision: id and name.
    pub updated_by: Option<(i64, String)>,
    pub submitted_at: Option<i64>,
    /// Oldest first.
    pub corrections: Vec<CorrectionRow>,
    pub kind: ArticleKind,
    /// A factcheck's claim and verdict (`None` on other kinds, or before one was written).
    pub fact_check: Option<FactCheck>,
    /// Hak jawab attached to this article, oldest first.
    pub replies: Vec<ReplyRow>,
    /// The articles this one is the hak jawab to (a reply attached as an article).
    pub reply_to: Vec<ReplyTarget>,
}

/// A right-of-reply note ("Hak jawab") on an article: a text from someone, or a separate
/// article that is the reply (then `reply_article` names it when it is published).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyRow {
    pub id: i64,
    pub from_whom: String,
    pub text: String,
    pub reply_article_id: Option<i64>,
    /// (slug, headline) of the reply article while it is published.
    pub reply_article: Option<(String, String)>,
    pub created_at: i64,
}

/// An article that a reply article answers: its slug and headline (published ones only).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReplyTarget {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub created_at: i64,
}

/// A correction note shown to readers with its time.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CorrectionRow {
    pub note: String,
    pub created_at: i64,
}

/// An article in a list: enough for teasers, feeds, sitemaps and API listings.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeaserRow {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub dek: String,
    pub status: String,
    pub rubrik_id: i64,
    pub rubrik_slug: String,
    pub rubrik_name: String,
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub revision: i64,
    pub hero_media_id: Option<i64>,
    /// `news`, `factcheck`, `advertorial` or `page` (lists label advertorials).
    pub kind: String,
}
