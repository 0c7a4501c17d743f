//! An article as JSON: the JSON API's answer (`GET /api/v1/articles/{id}`, documented
//! through utoipa) and the data the newsroom's editor page hands the editor bundle, which
//! is itself a client of that API. Both front ends build it here; neither uses the other's.

use crate::paths;
use crate::state::AppState;
use serde::Serialize;
use utoipa::ToSchema;
use warta_core::{Block, Source, Status, iso8601_wib};
use warta_store::{ArticleRow, PendingRow, TermRow};

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

/// A right-of-reply note ("Hak jawab") on an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReplyOut {
    pub id: i64,
    /// Who replies (a person, an institution).
    pub from: String,
    /// The reply's text (empty when the reply is an article).
    pub text: String,
    /// The article that is the reply, if it is one.
    pub article_id: Option<i64>,
    /// ISO 8601 in WIB.
    pub at: String,
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
    /// `news`, `factcheck`, `advertorial` or `page`.
    pub kind: warta_core::ArticleKind,
    /// A factcheck's claim and verdict; `null` when it has none.
    pub fact_check: Option<warta_core::FactCheck>,
    /// Who saved the current revision.
    pub updated_by: Option<UserRef>,
    pub corrections: Vec<CorrectionOut>,
    /// Hak jawab attached to the article, oldest first.
    pub replies: Vec<ReplyOut>,
    /// Unpublished changes of a published or scheduled article (`?version=pending` reads
    /// them); `null` when there are none.
    pub pending: Option<PendingOut>,
    /// What a restore had to leave out (photos or articles deleted since).
    pub notices: Vec<String>,
}

/// A pending version: saved, not yet visible to readers.
#[derive(Debug, Serialize, ToSchema)]
pub struct PendingOut {
    /// The revision the pending version was saved as.
    pub revision: i64,
    /// ISO 8601 in WIB.
    pub updated_at: String,
    pub by: UserRef,
    /// A writer's change waiting for an editor's review.
    pub for_review: bool,
}

fn term(base: &str, t: &TermRow, path: fn(&str) -> String) -> TermOut {
    TermOut {
        id: t.id,
        slug: t.slug.clone(),
        name: t.name.clone(),
        url: format!("{base}{}", path(&t.slug)),
    }
}

pub fn rubrik_out(base: &str, t: &TermRow) -> TermOut {
    term(base, t, paths::rubrik)
}
pub fn tag_out(base: &str, t: &TermRow) -> TermOut {
    term(base, t, paths::tag)
}
pub fn topic_out(base: &str, t: &TermRow) -> TermOut {
    term(base, t, paths::topic)
}

impl ArticleOut {
    pub fn from_row(app: &AppState, a: &ArticleRow) -> ArticleOut {
        let base = app.renderer().site().base_url.as_str();
        ArticleOut {
            id: a.id,
            slug: a.slug.clone(),
            status: a.status,
            revision: a.revision,
            url: format!("{base}{}", paths::article_of(a.kind, &a.slug)),
            headline: a.headline.clone(),
            dek: a.dek.clone(),
            rubrik: rubrik_out(base, &a.rubrik),
            tags: a.tags.iter().map(|t| tag_out(base, t)).collect(),
            topic: a.topic.as_ref().map(|t| topic_out(base, t)),
            authors: a
                .authors
                .iter()
                .map(|u| AuthorOut {
                    id: u.id,
                    name: u.name.clone(),
                    slug: u.slug.clone(),
                    url: format!("{base}{}", paths::author(&u.slug)),
                })
                .collect(),
            dateline: a.dateline.clone(),
            signoff: a.signoff.clone(),
            sources: a.sources.clone(),
            hero: a.hero_media_id.map(|id| HeroOut {
                media_id: id,
                caption: a.hero_caption.clone(),
                credit: a.hero_credit.clone(),
                alt: a.hero_alt.clone(),
            }),
            body: a.body.clone(),
            published_at: a.published_at.map(iso8601_wib),
            created_at: iso8601_wib(a.created_at),
            updated_at: iso8601_wib(a.updated_at),
            seo_title: a.seo_title.clone(),
            seo_description: a.seo_description.clone(),
            live: a.live,
            kind: a.kind,
            fact_check: a.fact_check.clone(),
            replies: a
                .replies
                .iter()
                .map(|r| ReplyOut {
                    id: r.id,
                    from: r.from_whom.clone(),
                    text: r.text.clone(),
                    article_id: r.reply_article_id,
                    at: iso8601_wib(r.created_at),
                })
                .collect(),
            updated_by: a.updated_by.as_ref().map(|(id, name)| UserRef {
                id: *id,
                name: name.clone(),
            }),
            corrections: a
                .corrections
                .iter()
                .map(|c| CorrectionOut {
                    note: c.note.clone(),
                    at: iso8601_wib(c.created_at),
                })
                .collect(),
            pending: None,
            notices: Vec::new(),
        }
    }

    /// The live article with what its pending version says about itself.
    pub fn with_pending(mut self, p: Option<&PendingRow>) -> ArticleOut {
        self.pending = p.map(|p| PendingOut {
            revision: p.revision,
            updated_at: iso8601_wib(p.updated_at),
            by: UserRef {
                id: p.by,
                name: p.by_name.clone(),
            },
            for_review: p.submitted_at.is_some(),
        });
        self
    }

    /// What a newsroom save answers: the live article and its pending version.
    pub fn saved(app: &AppState, s: &warta_newsroom::Saved) -> ArticleOut {
        ArticleOut::from_row(app, &s.article).with_pending(s.pending.as_ref())
    }
}
