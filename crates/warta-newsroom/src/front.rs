//! The front page as readers get it: the editors' slots first, empty places filled with the
//! newest stories, and no story twice on one page.
//!
//! Order of claim: "Berita Utama" as set, "Pilihan Redaksi" as set, then the newest stories
//! fill "Berita Utama" up to five, then "Terbaru" (the newest stories not shown yet), then
//! each rubrik section takes its newest stories not shown yet.

use crate::Result;
use std::collections::HashSet;
use warta_store::{ListScope, TeaserRow, Term, TermRow};

/// How many stories "Terbaru" lists beside the lead.
pub const LATEST: usize = 10;
/// Stories per rubrik section.
pub const PER_SECTION: usize = 4;
/// Rubrik sections shown at most.
const SECTIONS: usize = 12;

#[derive(Debug, Clone)]
pub struct Breaking {
    pub text: String,
    pub article: Option<TeaserRow>,
    pub until: i64,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub rubrik: TermRow,
    pub items: Vec<TeaserRow>,
}

#[derive(Debug, Clone, Default)]
pub struct FrontPage {
    pub breaking: Option<Breaking>,
    /// "Berita Utama": the lead first.
    pub headline: Vec<TeaserRow>,
    pub latest: Vec<TeaserRow>,
    pub picks: Vec<TeaserRow>,
    pub sections: Vec<Section>,
    /// When the page next changes by itself (a pin or the bar expires), epoch ms.
    pub expires_at: Option<i64>,
}

impl FrontPage {
    /// Every story on the page (the breaking bar's article included).
    pub fn article_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .headline
            .iter()
            .chain(&self.latest)
            .chain(&self.picks)
            .chain(self.sections.iter().flat_map(|s| &s.items))
            .chain(self.breaking.iter().filter_map(|b| b.article.as_ref()))
            .map(|t| t.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Take the rows whose ids are in `ids`, in that order, skipping ones already used.
fn in_order(ids: &[i64], rows: &[TeaserRow], used: &mut HashSet<i64>) -> Vec<TeaserRow> {
    ids.iter()
        .filter_map(|id| rows.iter().find(|r| r.id == *id))
        .filter(|r| used.insert(r.id))
        .cloned()
        .collect()
}

/// Up to `n` of `rows` not used yet, marking them used.
fn fresh(rows: &[TeaserRow], n: usize, used: &mut HashSet<i64>) -> Vec<TeaserRow> {
    let mut out = Vec::new();
    for r in rows {
        if out.len() == n {
            break;
        }
        if used.insert(r.id) {
            out.push(r.clone());
        }
    }
    out
}

impl crate::Newsroom {
    /// The front page at `now` (epoch ms).
    pub async fn front_page(&self, now: i64) -> Result<FrontPage> {
        let layout = self.current_layout(now).await?;
        let expires_at = layout
            .headline
            .iter()
            .chain(&layout.picks)
            .filter_map(|s| s.until)
            .chain(layout.breaking.iter().map(|b| b.until))
            .min();
        let head_ids: Vec<i64> = layout.headline.iter().map(|s| s.article_id).collect();
        let pick_ids: Vec<i64> = layout.picks.iter().map(|s| s.article_id).collect();
        let bar_id = layout.breaking.as_ref().and_then(|b| b.article_id);
        let all: Vec<i64> = head_ids
            .iter()
            .chain(&pick_ids)
            .copied()
            .chain(bar_id)
            .collect();
        let curated = self.store.published_teasers(&all).await?;
        let mut used = HashSet::new();
        let mut headline = in_order(&head_ids, &curated, &mut used);
        let picks = in_order(&pick_ids, &curated, &mut used);
        let want = crate::home::MAX_HEADLINE + LATEST + headline.len() + picks.len();
        let (newest, _) = self
            .store
            .list_articles(&ListScope::All.filter(), 1, want as u32)
            .await?;
        let missing = crate::home::MAX_HEADLINE.saturating_sub(headline.len());
        headline.extend(fresh(&newest, missing, &mut used));
        let latest = fresh(&newest, LATEST, &mut used);
        let sections = self.sections(&layout.sections, &mut used).await?;
        let breaking = layout.breaking.map(|b| Breaking {
            article: b
                .article_id
                .and_then(|id| curated.iter().find(|r| r.id == id).cloned()),
            text: b.text,
            until: b.until,
        });
        Ok(FrontPage {
            breaking,
            headline,
            latest,
            picks,
            sections,
            expires_at,
        })
    }

    /// The rubrik sections in the editors' order (every rubrik in menu order when none is
    /// set), each with its newest stories not on the page yet; empty sections are left out.
    async fn sections(&self, order: &[i64], used: &mut HashSet<i64>) -> Result<Vec<Section>> {
        let rubriks = self.store.list_terms(Term::Rubrik).await?;
        let chosen: Vec<&TermRow> = if order.is_empty() {
            rubriks.iter().collect()
        } else {
            order
                .iter()
                .filter_map(|id| rubriks.iter().find(|r| r.id == *id))
                .collect()
        };
        let mut out = Vec::new();
        for r in chosen.into_iter().take(SECTIONS) {
            let want = (PER_SECTION + used.len()).min(100) as u32;
            let (rows, _) = self
                .store
                .list_articles(&ListScope::Rubrik(r.id).filter(), 1, want)
                .await?;
            let items = fresh(&rows, PER_SECTION, used);
            if !items.is_empty() {
                out.push(Section {
                    rubrik: r.clone(),
                    items,
                });
            }
        }
        Ok(out)
    }
}
