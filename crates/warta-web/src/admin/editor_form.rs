//! The editor's form as posted without JavaScript: its fields, how they compare with the
//! stored article, and the patch they make.

use crate::error::AppError;
use minijinja::Value;
use serde::Deserialize;
use warta_core::{ArticleKind, Block, FactCheck, Reference, Source};
use warta_newsroom::input::{ArticlePatch, AuthorRef, HeroInput};
use warta_store::ArticleRow;

/// The editor form as posted (works without JavaScript).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditorForm {
    pub(super) revision: i64,
    pub(super) action: String,
    pub(super) headline: String,
    pub(super) dek: String,
    pub(super) slug: String,
    pub(super) rubrik: String,
    pub(super) tags: String,
    pub(super) topic: String,
    pub(super) authors: String,
    pub(super) dateline: String,
    pub(super) signoff: String,
    pub(super) sources: String,
    pub(super) hero_media_id: String,
    pub(super) hero_caption: String,
    pub(super) hero_credit: String,
    pub(super) hero_alt: String,
    pub(super) seo_title: String,
    pub(super) seo_description: String,
    pub(super) live: String,
    pub(super) correction: String,
    pub(super) body_json: String,
    pub(super) schedule_at: String,
    pub(super) kind: String,
    /// The fact-check fields; `fc_claim` absent (a form without them) keeps the stored one.
    pub(super) fc_claim: Option<String>,
    pub(super) fc_claimant: String,
    pub(super) fc_appeared_in: String,
    pub(super) fc_verdict: String,
    pub(super) fc_references: String,
    /// Why the article is taken down ("Tarik"), shown on its 410 page.
    pub(super) takedown_reason: String,
}

fn split_list(s: &str, sep: char) -> Vec<String> {
    s.split(sep)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// The side-panel values of an article as the editor page shows them.
pub(super) fn tags_text(a: &ArticleRow) -> String {
    a.tags
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn authors_text(a: &ArticleRow) -> String {
    a.authors
        .iter()
        .map(|u| u.email.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fact check's references as the form shows them: `name | url`, one a line.
pub(super) fn references_text(f: Option<&FactCheck>) -> String {
    f.map(|f| {
        f.references
            .iter()
            .map(|r| format!("{} | {}", r.name, r.url))
            .collect::<Vec<_>>()
            .join("\n")
    })
    .unwrap_or_default()
}

pub(super) fn sources_text(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| match &s.url {
            Some(u) => format!("{} | {u}", s.name),
            None => s.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl EditorForm {
    /// Does the form hold the stored article's content, field for field (ignoring
    /// whitespace around values and the order of nothing)? Nothing is resolved or created.
    pub(super) fn same_content_as(&self, a: &ArticleRow) -> bool {
        let norm_list = |s: &str, sep: char| split_list(s, sep).join(",").to_lowercase();
        let body_same = serde_json::from_str::<Vec<serde_json::Value>>(self.body_json.trim())
            .ok()
            .and_then(|v| Block::parse_body(&v).ok())
            .is_some_and(|b| b == a.body);
        let hero_id = a.hero_media_id.map(|i| i.to_string()).unwrap_or_default();
        let topic = a.topic.as_ref().map(|t| t.name.as_str()).unwrap_or("");
        body_same
            && self.headline.trim() == a.headline
            && self.dek.trim() == a.dek.trim()
            && self.slug.trim() == a.slug
            && self.rubrik.trim() == a.rubrik.name
            && norm_list(&self.tags, ',') == norm_list(&tags_text(a), ',')
            && self.topic.trim() == topic
            && norm_list(&self.authors, ',') == norm_list(&authors_text(a), ',')
            && self.dateline.trim() == a.dateline
            && self.signoff.trim() == a.signoff
            && norm_list(&self.sources, '\n') == norm_list(&sources_text(&a.sources), '\n')
            && self.hero_media_id.trim() == hero_id
            && self.hero_caption.trim() == a.hero_caption.trim()
            && self.hero_credit.trim() == a.hero_credit.trim()
            && self.hero_alt.trim() == a.hero_alt.trim()
            && self.seo_title.trim() == a.seo_title.trim()
            && self.seo_description.trim() == a.seo_description.trim()
            && (self.live == "true") == a.live
            && (self.kind.trim().is_empty() || self.kind.trim() == a.kind.as_str())
            && (self.fc_claim.is_none()
                || self.fact_check() == a.fact_check.clone().filter(|f| *f != FactCheck::default()))
    }

    /// The fact-check fields as posted; `None` when all are empty.
    fn fact_check(&self) -> Option<FactCheck> {
        let references = self
            .fc_references
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| match l.split_once('|') {
                Some((n, u)) => Reference {
                    name: n.trim().to_string(),
                    url: u.trim().to_string(),
                },
                None => Reference {
                    name: l.to_string(),
                    url: String::new(),
                },
            })
            .collect();
        let f = FactCheck {
            claim: self.fc_claim.as_deref().unwrap_or("").trim().to_string(),
            claimant: self.fc_claimant.trim().to_string(),
            appeared_in: self.fc_appeared_in.trim().to_string(),
            verdict: self.fc_verdict.trim().to_string(),
            references,
        };
        (f != FactCheck::default()).then_some(f)
    }

    pub(super) fn patch(&self) -> Result<ArticlePatch, AppError> {
        let body: Vec<serde_json::Value> =
            serde_json::from_str(self.body_json.trim()).map_err(|e| {
                warta_core::ValidationError::new("body", format!("the body is not valid JSON: {e}"))
            })?;
        let hero = match self.hero_media_id.trim() {
            "" => None,
            id => Some(HeroInput {
                media_id: id.parse().map_err(|_| {
                    warta_core::ValidationError::new("hero/media_id", "not a media id")
                })?,
                caption: self.hero_caption.clone(),
                credit: self.hero_credit.clone(),
                alt: self.hero_alt.clone(),
            }),
        };
        let sources = self
            .sources
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| match l.split_once('|') {
                Some((n, u)) => Source {
                    name: n.trim().to_string(),
                    url: Some(u.trim().to_string()).filter(|u| !u.is_empty()),
                },
                None => Source {
                    name: l.to_string(),
                    url: None,
                },
            })
            .collect();
        Ok(ArticlePatch {
            revision: Some(self.revision),
            stage: true,
            correction: Some(self.correction.clone()).filter(|c| !c.trim().is_empty()),
            seo_title: Some(self.seo_title.clone()),
            seo_description: Some(self.seo_description.clone()),
            live: Some(self.live == "true"),
            headline: Some(self.headline.clone()),
            dek: Some(self.dek.clone()),
            rubrik: Some(self.rubrik.clone()),
            tags: Some(split_list(&self.tags, ',')),
            topic: Some(Some(self.topic.trim().to_string()).filter(|t| !t.is_empty())),
            dateline: Some(self.dateline.clone()),
            signoff: Some(self.signoff.clone()),
            sources: Some(sources),
            hero: Some(hero),
            body: Some(body),
            authors: Some(
                split_list(&self.authors, ',')
                    .into_iter()
                    .map(AuthorRef::Email)
                    .collect(),
            ),
            slug: Some(self.slug.trim().to_string()),
            published_at: None,
            // A form without the select (an older page) keeps the stored kind.
            kind: match self.kind.trim() {
                "" => None,
                k => Some(ArticleKind::parse(k)?),
            },
            fact_check: self.fc_claim.as_ref().map(|_| self.fact_check()),
        })
    }
}

/// Plain text of a version, for the conflict page and diffs.
pub(super) fn plain(headline: &str, dek: &str, body: &[Block]) -> Value {
    let text = body
        .iter()
        .map(Block::plain_text)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    minijinja::context! { headline => headline, dek => dek, text => text }
}

/// A `datetime-local` value read as WIB.
pub(super) fn wib_local(s: &str) -> Result<i64, AppError> {
    let bad =
        || warta_core::ValidationError::new("schedule_at", "choose the publication date and time");
    let dt: jiff::civil::DateTime = s.trim().parse().map_err(|_| bad())?;
    let z = dt
        .to_zoned_datetime(warta_core::jakarta())
        .map_err(|_| bad())?;
    Ok(z.timestamp().as_millisecond())
}

/// A `datetime-local` value read as WIB, which must lie ahead.
pub(super) fn future_wib(s: &str) -> Result<i64, AppError> {
    let at = wib_local(s)?;
    if at <= warta_store::now_ms() {
        return Err(warta_core::ValidationError::new(
            "schedule_at",
            "a schedule needs a time in the future",
        )
        .into());
    }
    Ok(at)
}
