//! Arranging the front page: the rules an editor's layout must keep (editors and up only;
//! at most 5 "Berita Utama" and 8 "Pilihan Redaksi"; only published stories, each at most once;
//! only rubriks that exist; expiries in the future), and the layout as it stands now (stories
//! since unpublished or past their pin left out).

use crate::{NewsroomError, Result, require, resolve::parse_time};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::ToSchema;
use warta_core::{Capability, Change, ValidationError};
use warta_store::{BreakingRow, HomeLayout, SlotRow, Term, UserRow, now_ms};

pub const MAX_HEADLINE: usize = 5;
pub const MAX_PICKS: usize = 8;
const MAX_SECTIONS: usize = 30;
const MAX_BREAKING_CHARS: usize = 200;

/// `GET/PUT /api/v1/home`: the front page's slots. Empty places are filled with the newest
/// stories when the page is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HomeSlots {
    /// "Berita Utama": published article ids in order, the first is the lead (at most 5).
    #[serde(default)]
    #[schema(max_items = 5)]
    pub headline: Vec<i64>,
    /// "Pilihan Redaksi": published article ids (at most 8).
    #[serde(default)]
    #[schema(max_items = 8)]
    pub picks: Vec<i64>,
    /// The breaking-news bar, or `null` for none.
    #[serde(default)]
    pub breaking: Option<BreakingSlot>,
    /// Rubrik slugs in the order their sections appear; empty: every rubrik in menu order.
    #[serde(default)]
    #[schema(max_items = 30)]
    pub sections: Vec<String>,
    /// Stories of `headline` or `picks` pinned only until a time: they leave the page then.
    #[serde(default)]
    #[schema(max_items = 13)]
    pub pins: Vec<Pin>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakingSlot {
    /// Plain text, 1–200 characters.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub text: String,
    /// The published article the bar links to, if any.
    #[serde(default)]
    pub article_id: Option<i64>,
    /// ISO 8601 time with offset, in the future: the bar disappears then.
    #[schema(format = DateTime)]
    pub until: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    pub article_id: i64,
    /// ISO 8601 time with offset, in the future.
    #[schema(format = DateTime)]
    pub until: String,
}

fn future(field: &str, s: &str, now: i64) -> Result<i64> {
    let at = parse_time(field, s)?;
    if at <= now {
        return Err(ValidationError::new(field, "must be in the future").into());
    }
    Ok(at)
}

/// ISO 8601 in WIB, as the API writes times.
fn iso(ms: i64) -> String {
    warta_core::iso8601_wib(ms)
}

impl crate::Newsroom {
    /// [`Newsroom::home_slots`](crate::Newsroom::home_slots) for an editor or above.
    pub async fn home_slots_for(&self, user: &UserRow) -> Result<HomeSlots> {
        require(user.role, Capability::CurateHome, "arrange the front page")?;
        self.home_slots().await
    }

    /// The layout as it stands: stories that are no longer published or whose pin ran out are
    /// left out, as is an expired breaking bar.
    pub async fn home_slots(&self) -> Result<HomeSlots> {
        let now = now_ms();
        let layout = self.current_layout(now).await?;
        let rubriks = self.store.list_terms(Term::Rubrik).await?;
        let slug = |id: i64| rubriks.iter().find(|r| r.id == id).map(|r| r.slug.clone());
        let pins = layout
            .headline
            .iter()
            .chain(&layout.picks)
            .filter_map(|s| {
                s.until.map(|u| Pin {
                    article_id: s.article_id,
                    until: iso(u),
                })
            })
            .collect();
        Ok(HomeSlots {
            headline: layout.headline.iter().map(|s| s.article_id).collect(),
            picks: layout.picks.iter().map(|s| s.article_id).collect(),
            breaking: layout.breaking.map(|b| BreakingSlot {
                text: b.text,
                article_id: b.article_id,
                until: iso(b.until),
            }),
            sections: layout.sections.into_iter().filter_map(slug).collect(),
            pins,
        })
    }

    /// The stored layout with what is unpublished or expired at `now` dropped.
    pub(crate) async fn current_layout(&self, now: i64) -> Result<HomeLayout> {
        let mut layout = self.store.home_layout().await?;
        let ids: Vec<i64> = layout
            .headline
            .iter()
            .chain(&layout.picks)
            .map(|s| s.article_id)
            .chain(layout.breaking.iter().filter_map(|b| b.article_id))
            .collect();
        let live: HashSet<i64> = self
            .store
            .published_among(&ids)
            .await?
            .into_iter()
            .collect();
        let keep = |s: &SlotRow| live.contains(&s.article_id) && s.until.is_none_or(|u| u > now);
        layout.headline.retain(keep);
        layout.picks.retain(keep);
        layout.breaking = layout.breaking.filter(|b| b.until > now);
        if let Some(b) = layout.breaking.as_mut() {
            b.article_id = b.article_id.filter(|id| live.contains(id));
        }
        Ok(layout)
    }

    /// Replace the front page's layout (editors and up). Expiries are enqueued as jobs in the
    /// same transaction; the cached front page is dropped at once.
    pub async fn set_home_slots(&self, user: &UserRow, input: &HomeSlots) -> Result<HomeSlots> {
        require(user.role, Capability::CurateHome, "arrange the front page")?;
        let now = now_ms();
        let layout = self.check_layout(input, now).await?;
        self.store.save_home_layout(&layout, now).await?;
        self.store.audit(Some(user.id), "home", None, "").await?;
        self.events.emit(Change::Home);
        self.home_slots().await
    }

    async fn check_layout(&self, input: &HomeSlots, now: i64) -> Result<HomeLayout> {
        for (field, ids, max) in [
            ("headline", &input.headline, MAX_HEADLINE),
            ("picks", &input.picks, MAX_PICKS),
        ] {
            if ids.len() > max {
                return Err(ValidationError::new(field, format!("at most {max} stories")).into());
            }
        }
        let mut seen = HashSet::new();
        for (field, id) in slot_ids(input) {
            if !seen.insert(id) {
                let msg = format!("story {id} appears twice on the front page");
                return Err(ValidationError::new(field, msg).into());
            }
        }
        let breaking_article = input.breaking.as_ref().and_then(|b| b.article_id);
        let wanted: Vec<i64> = seen.iter().copied().chain(breaking_article).collect();
        let live: HashSet<i64> = self
            .store
            .published_among(&wanted)
            .await?
            .into_iter()
            .collect();
        let fields = slot_ids(input).chain(breaking_article.map(|id| ("breaking.article_id", id)));
        for (field, id) in fields {
            if !live.contains(&id) {
                let msg = format!("{id} is not a published article");
                return Err(ValidationError::new(field, msg).into());
            }
        }
        let pins = self.check_pins(input, now)?;
        let slot = |id: &i64| SlotRow {
            article_id: *id,
            until: pins.iter().find(|(a, _)| a == id).map(|(_, u)| *u),
        };
        Ok(HomeLayout {
            headline: input.headline.iter().map(slot).collect(),
            picks: input.picks.iter().map(slot).collect(),
            breaking: check_breaking(input.breaking.as_ref(), now)?,
            sections: self.check_sections(&input.sections).await?,
        })
    }

    fn check_pins(&self, input: &HomeSlots, now: i64) -> Result<Vec<(i64, i64)>> {
        let mut out: Vec<(i64, i64)> = Vec::new();
        for p in &input.pins {
            if !slot_ids(input).any(|(_, id)| id == p.article_id) {
                let msg = format!("story {} is in neither headline nor picks", p.article_id);
                return Err(ValidationError::new("pins", msg).into());
            }
            if out.iter().any(|(a, _)| *a == p.article_id) {
                let msg = format!("story {} is pinned twice", p.article_id);
                return Err(ValidationError::new("pins", msg).into());
            }
            out.push((p.article_id, future("pins.until", &p.until, now)?));
        }
        Ok(out)
    }

    async fn check_sections(&self, slugs: &[String]) -> Result<Vec<i64>> {
        if slugs.len() > MAX_SECTIONS {
            let msg = format!("at most {MAX_SECTIONS} sections");
            return Err(ValidationError::new("sections", msg).into());
        }
        let rubriks = self.store.list_terms(Term::Rubrik).await?;
        let mut ids = Vec::new();
        for s in slugs {
            let Some(r) = rubriks.iter().find(|r| &r.slug == s) else {
                let msg = format!("unknown rubrik '{s}'");
                return Err(ValidationError::new("sections", msg).into());
            };
            if ids.contains(&r.id) {
                let msg = format!("rubrik '{s}' is listed twice");
                return Err(ValidationError::new("sections", msg).into());
            }
            ids.push(r.id);
        }
        Ok(ids)
    }
}

/// Every story of the slots with the field it is in.
fn slot_ids(input: &HomeSlots) -> impl Iterator<Item = (&'static str, i64)> + '_ {
    let h = input.headline.iter().map(|&id| ("headline", id));
    h.chain(input.picks.iter().map(|&id| ("picks", id)))
}

fn check_breaking(b: Option<&BreakingSlot>, now: i64) -> Result<Option<BreakingRow>> {
    let Some(b) = b else { return Ok(None) };
    let text = warta_core::bounded("breaking.text", &b.text, 1, MAX_BREAKING_CHARS)?;
    if text.contains('\n') {
        let e = ValidationError::new("breaking.text", "must not contain control characters");
        return Err(NewsroomError::Invalid(e));
    }
    Ok(Some(BreakingRow {
        text,
        article_id: b.article_id,
        until: future("breaking.until", &b.until, now)?,
    }))
}
