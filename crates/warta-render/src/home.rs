//! The curated front page's view.

use crate::views::{Link, TeaserView};
use serde::Serialize;

/// The breaking-news bar.
#[derive(Debug, Clone, Serialize)]
pub struct BreakingView {
    pub text: String,
    /// The article it links to, if any.
    pub url: Option<String>,
}

/// A rubrik's section on the front page.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub rubrik: Link,
    pub items: Vec<TeaserView>,
}

/// The front page: the lead and the rest of "Berita Utama", "Terbaru" beside them, "Pilihan
/// Redaksi" and the rubrik sections below.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub breaking: Option<BreakingView>,
    pub lead: Option<TeaserView>,
    pub headline: Vec<TeaserView>,
    pub latest: Vec<TeaserView>,
    pub picks: Vec<TeaserView>,
    pub sections: Vec<SectionView>,
    /// The older stories' listing ("/?page=2"), when there are more.
    pub more_url: Option<String>,
}

/// `/terpopuler` and `/terpopuler/{rubrik}`.
#[derive(Debug, Clone, Serialize)]
pub struct PopularView {
    pub url: String,
    /// The rubrik shown, or `None` for the whole site.
    pub rubrik: Option<Link>,
    pub day: Vec<TeaserView>,
    pub week: Vec<TeaserView>,
    /// Every rubrik's own list.
    pub rubriks: Vec<Link>,
}
