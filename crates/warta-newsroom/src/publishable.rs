//! What an article needs before it is published, and whether its slug still follows the
//! headline.

use crate::error::Result;
use warta_core::{Block, Slug, ValidationError};
use warta_store::{ArticleRow, Store};

/// Before publication every photo needs a caption, a credit and alt text: on the block or,
/// failing that, in the media library. Names the first one missing (`body/2/alt`).
pub async fn check_publishable(store: &Store, a: &ArticleRow) -> Result<()> {
    if a.kind == warta_core::ArticleKind::Factcheck {
        match &a.fact_check {
            Some(f) => f.check_publishable()?,
            None => {
                return Err(ValidationError::new(
                    "fact_check/claim",
                    "a fact check needs the claim before publishing",
                )
                .into());
            }
        }
    }
    let missing = |what: &str| format!("add the photo's {what} before publishing");
    if let Some(id) = a.hero_media_id {
        let m = store.media_by_id(id).await?;
        let lib = |f: fn(&warta_store::MediaRow) -> &String| {
            m.as_ref().map(|m| !f(m).trim().is_empty()).unwrap_or(false)
        };
        for (field, own, fallback) in [
            ("hero/caption", &a.hero_caption, lib(|m| &m.caption)),
            ("hero/credit", &a.hero_credit, lib(|m| &m.credit)),
            ("hero/alt", &a.hero_alt, lib(|m| &m.alt)),
        ] {
            if own.trim().is_empty() && !fallback {
                let what = field.trim_start_matches("hero/");
                return Err(ValidationError::new(field, missing(what)).into());
            }
        }
    }
    for (i, b) in a.body.iter().enumerate() {
        if let Block::Image {
            media_id,
            caption,
            credit,
            alt,
        } = b
        {
            let m = store.media_by_id(*media_id).await?;
            for (what, own, lib) in [
                ("caption", caption, m.as_ref().map(|m| &m.caption)),
                ("credit", credit, m.as_ref().map(|m| &m.credit)),
                ("alt", alt, m.as_ref().map(|m| &m.alt)),
            ] {
                let has_lib = lib.is_some_and(|l| !l.trim().is_empty());
                if own.trim().is_empty() && !has_lib {
                    return Err(
                        ValidationError::new(format!("body/{i}/{what}"), missing(what)).into(),
                    );
                }
            }
        }
    }
    Ok(())
}

/// Was `a`'s slug made from its headline (not chosen by hand) and never published? Then it
/// may follow headline changes.
pub fn slug_follows_headline(a: &ArticleRow) -> bool {
    if a.published_at.is_some() || a.status == warta_core::Status::Published {
        return false;
    }
    let Some(base) = Slug::from_title(&a.headline) else {
        return false;
    };
    let base = base.as_str();
    a.slug == base
        || a.slug
            .strip_prefix(base)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| n.parse::<u32>().is_ok())
}
