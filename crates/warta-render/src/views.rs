//! View models: what templates render. Built by the web crate from store rows; they hold
//! ready-to-link paths (relative, starting with '/') and epoch-millisecond times. The renderer
//! makes paths absolute with `Site::base_url` where a page needs absolute URLs.

use serde::Serialize;
pub use warta_core::{EmbedProvider, Source};

/// Site-wide settings, fixed for the life of a renderer.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    /// The outlet's name, used in datelines, titles, feeds and JSON-LD.
    pub name: String,
    pub tagline: String,
    /// Absolute base URL without trailing slash, e.g. `https://warta.example`.
    pub base_url: String,
    /// Path of the publisher logo (PNG, at least 112 px high), e.g. `/static/logo.png`.
    pub logo_path: String,
    /// A WebSub hub the site pings on publish; the feeds name it (`rel="hub"`).
    pub hub: Option<String>,
}

/// A title with a path.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Navigation and other per-request context shared by all pages.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PageContext {
    /// Rubriks for the main navigation, in order.
    pub nav: Vec<Link>,
    /// The outlet's own published pages the footer links (Redaksi, Pedoman Media Siber, …).
    pub footer: Vec<Link>,
    /// "Terpopuler": the most-read stories of the last 24 hours, on the home and article
    /// pages (empty elsewhere, and before anything was read).
    pub popular: Vec<TeaserView>,
}

/// One responsive picture. `src` is the largest WebP variant; `variants` are all WebP widths,
/// `avif` the AVIF ones (empty until they are made, and for photos from before AVIF).
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
    pub avif: Vec<Variant>,
    /// A `data:` URI of a tiny preview shown blurred while the photo loads, or empty.
    pub placeholder: String,
    /// Centre crops for structured data and social cards, widest aspect first; empty for
    /// photos from before crops.
    pub crops: Vec<Crop>,
    pub alt: String,
    pub caption: String,
    /// Shown as `Foto: <credit>`; empty means no credit line.
    pub credit: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// A centre crop of a photo.
#[derive(Debug, Clone, Serialize)]
pub struct Crop {
    /// `"16x9"`, `"4x3"` or `"1x1"`.
    pub aspect: String,
    pub url: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub url: String,
    pub bio: String,
}

/// A body block, resolved for rendering.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum BlockView {
    /// `html` is already sanitised inline markup (b, i, a).
    Paragraph {
        html: String,
    },
    Heading {
        text: String,
        level: u8,
    },
    Quote {
        text: String,
        cite: Option<String>,
    },
    Image {
        image: ImageView,
    },
    /// "Baca juga": the target's current headline and URL. Absent targets are dropped by the
    /// web crate before rendering.
    Related {
        link: Link,
    },
    /// Items are sanitised inline markup.
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Embed {
        provider: EmbedProvider,
        id: String,
        url: String,
    },
    /// Where a page of a paged article ends; the web crate splits the body here and the
    /// templates show nothing for it.
    Pagebreak,
}

/// An article page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub id: i64,
    pub url: String,
    pub headline: String,
    pub dek: String,
    pub rubrik: Link,
    pub tags: Vec<Link>,
    pub topic: Option<Link>,
    pub authors: Vec<PersonView>,
    /// City in capitals, may be empty.
    pub dateline: String,
    pub signoff: String,
    pub sources: Vec<Source>,
    pub hero: Option<ImageView>,
    pub body: Vec<BlockView>,
    pub published_at: i64,
    pub updated_at: i64,
    /// Further reading at the end of the article.
    pub related: Vec<TeaserView>,
    /// Plain-text words in the body, for JSON-LD `wordCount`.
    pub word_count: usize,
    /// The whole body as plain text (every page, the dateline first) of a paged article, for
    /// its JSON-LD `articleBody` (a page shows only part of it); empty for an unpaged one.
    #[serde(skip)]
    pub full_text: String,
    /// Correction notes ("Koreksi"), oldest first.
    pub corrections: Vec<CorrectionView>,
    /// A running live blog: the page shows [`ArticleView::live_entries`] and loads live.js.
    pub live: bool,
    /// Live-blog entries, newest first (empty unless `live`).
    pub live_entries: Vec<LiveEntryView>,
    /// `news`, `factcheck`, `advertorial` or `page`.
    pub kind: String,
    /// A fact check's verdict box and "Rujukan" (kind `factcheck` only).
    pub fact_check: Option<warta_core::FactCheck>,
    /// Hak jawab on this article, oldest first.
    pub replies: Vec<ReplyView>,
    /// The articles this one replies to (it is their hak jawab).
    pub reply_to: Vec<Link>,
    /// A paged article (its body has page breaks): which page `body` holds.
    pub paging: Option<Paging>,
}

/// A right-of-reply note as shown: its text, or the article that is the reply.
#[derive(Debug, Clone, Serialize)]
pub struct ReplyView {
    pub from: String,
    pub text: String,
    /// The reply article while it is published.
    pub article: Option<Link>,
    pub created_at: i64,
}

/// Where a paged article's reader is: page `current` (1-based) of `total`, or all of them.
#[derive(Debug, Clone, Serialize)]
pub struct Paging {
    /// `None`: every page (`?page=all`).
    pub current: Option<u32>,
    pub total: u32,
    /// Path of each page (`?page=N`), first page first, and of the whole text.
    pub pages: Vec<String>,
    pub all_url: String,
    pub next_url: Option<String>,
}

/// A correction note with the time it was attached. Plain text.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionView {
    pub note: String,
    pub created_at: i64,
}

/// One entry of a live blog, rendered on the article page and sent to readers' event
/// streams as the same HTML fragment.
#[derive(Debug, Clone, Serialize)]
pub struct LiveEntryView {
    pub id: i64,
    /// Optional; empty means no heading.
    pub title: String,
    pub body: Vec<BlockView>,
    /// The entry's plain text, for JSON-LD `articleBody`.
    pub text: String,
    pub author: String,
    pub created_at: i64,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct TeaserView {
    pub url: String,
    pub headline: String,
    pub dek: String,
    pub rubrik: Link,
    pub published_at: i64,
    pub image: Option<ImageView>,
    /// Paid content: lists label it "Advertorial".
    pub advertorial: bool,
    /// Search results only: the matched passage, HTML (escaped text, `<mark>` around the
    /// matched words, nothing else).
    pub snippet: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ListingKind {
    Home,
    Rubrik,
    Tag,
    Topic,
    Author,
    Indeks,
    /// Search results (`/cari?q=`).
    Search,
}

/// Home, rubrik, tag, topic, author and Indeks pages.
#[derive(Debug, Clone, Serialize)]
pub struct ListingView {
    pub kind: ListingKind,
    pub title: String,
    pub description: String,
    /// Canonical path of this page (with `?page=N` beyond the first).
    pub url: String,
    /// RSS path advertised with `<link rel="alternate">`.
    pub feed_url: Option<String>,
    pub items: Vec<TeaserView>,
    /// 1-based.
    pub page: u32,
    pub total_pages: u32,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// Indeks only: the shown date `YYYY-MM-DD` (WIB).
    pub date: Option<String>,
    /// Search only: the words searched for (empty before a search) and how many articles
    /// matched.
    pub query: String,
    pub total: i64,
    /// Search only: the filter form's values and choices.
    pub filters: Option<SearchFilters>,
}

/// The search page's filters as the reader set them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchFilters {
    /// What was typed, as typed (the form shows it back).
    pub q: String,
    pub rubrik: String,
    /// `YYYY-MM-DD` or empty.
    pub from: String,
    pub to: String,
    /// `relevance` or `newest`.
    pub sort: String,
    /// (slug, name) of every rubrik.
    pub rubriks: Vec<(String, String)>,
    /// Search within this topic (slug; empty: everywhere) and its name.
    pub topic: String,
    pub topic_name: String,
}

/// An RSS 2.0 channel.
#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    pub title: String,
    pub description: String,
    /// Path of the HTML page the feed mirrors.
    pub link: String,
    /// Path of the feed itself.
    pub self_url: String,
    pub items: Vec<FeedItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedItem {
    pub url: String,
    pub headline: String,
    pub dek: String,
    pub published_at: i64,
    pub updated_at: i64,
    pub authors: Vec<String>,
    pub rubrik: String,
    pub image: Option<ImageView>,
    /// The whole text as HTML (every page of a paged article): RSS `content:encoded`, Atom
    /// `content`. Empty: the feed carries only the dek.
    pub content: String,
}

/// A month in the sitemap index: `/sitemap-YYYY-MM.xml`.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapMonth {
    pub year: i16,
    pub month: i8,
    pub lastmod: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SitemapEntry {
    pub url: String,
    pub lastmod: i64,
    /// Image paths for the image-sitemap extension.
    pub images: Vec<String>,
}

/// An entry of the Google News sitemap.
#[derive(Debug, Clone, Serialize)]
pub struct NewsEntry {
    pub url: String,
    pub headline: String,
    pub published_at: i64,
}
