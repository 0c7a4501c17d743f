//! Rows to API output shapes.

use super::types::{
    ArticleOut, AuthorOut, CorrectionOut, HeroOut, MediaOut, PendingOut, ReplyOut, TermOut,
    UserRef, VariantOut,
};
use crate::paths;
use crate::state::AppState;
use warta_core::iso8601_wib;
use warta_store::{ArticleRow, MediaRow, PendingRow, TermRow};

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

impl MediaOut {
    pub fn from_row(app: &AppState, m: &MediaRow) -> MediaOut {
        let base = app.renderer().site().base_url.as_str();
        MediaOut {
            id: m.id,
            url: format!("{base}{}", paths::media(&m.original_key)),
            mime: m.mime.clone(),
            width: m.width,
            height: m.height,
            variants: m
                .variants
                .iter()
                .map(|v| VariantOut {
                    url: format!("{base}{}", paths::media(&v.key)),
                    width: v.width,
                    height: v.height,
                })
                .collect(),
            caption: m.caption.clone(),
            credit: m.credit.clone(),
            alt: m.alt.clone(),
        }
    }
}
