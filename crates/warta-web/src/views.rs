//! Building render views from store rows: media resolved to responsive images, "Baca juga"
//! targets resolved to their current headline and URL.

use crate::cache::Dep;
use crate::error::AppError;
use crate::paths;
use std::collections::HashMap;
use warta_core::{Block, Embed};
use warta_render::{
    ArticleView, BlockView, CorrectionView, Crop, ImageView, Link, LiveEntryView, PersonView,
    ReplyView, TeaserView, Variant,
};
use warta_store::{ArticleRow, LiveEntryRow, MediaRow, Store, TeaserRow};

fn variant_views(variants: &[warta_store::MediaVariant]) -> Vec<Variant> {
    variants
        .iter()
        .map(|v| Variant {
            url: paths::media(&v.key),
            width: v.width,
            height: v.height,
        })
        .collect()
}

/// A photo as shown: the article's own caption, credit and alt text, else the library's.
/// Photos from before AVIF, crops and placeholders simply have none of them.
pub fn image_view(m: &MediaRow, caption: &str, credit: &str, alt: &str) -> ImageView {
    let variants = variant_views(&m.variants);
    let (src, width, height) = match variants.last() {
        Some(v) => (v.url.clone(), v.width, v.height),
        None => (paths::media(&m.original_key), m.width, m.height),
    };
    let caption = if caption.is_empty() {
        m.caption.clone()
    } else {
        caption.to_string()
    };
    let alt = [alt, m.alt.as_str(), caption.as_str()]
        .into_iter()
        .find(|a| !a.trim().is_empty())
        .unwrap_or("")
        .to_string();
    ImageView {
        src,
        width,
        height,
        variants,
        avif: variant_views(&m.avif),
        placeholder: m.placeholder.clone(),
        crops: m
            .crops
            .iter()
            .map(|c| Crop {
                aspect: c.aspect.clone(),
                url: paths::media(&c.key),
                width: c.width,
                height: c.height,
            })
            .collect(),
        alt,
        caption,
        credit: if credit.is_empty() {
            m.credit.clone()
        } else {
            credit.to_string()
        },
    }
}

/// Media rows by id for a set of ids.
async fn media_map(store: &Store, ids: Vec<i64>) -> Result<HashMap<i64, MediaRow>, AppError> {
    Ok(store
        .media_by_ids(&ids)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect())
}

pub fn rubrik_link(t: &TeaserRow) -> Link {
    Link {
        title: t.rubrik_name.clone(),
        url: paths::rubrik(&t.rubrik_slug),
    }
}

/// Teasers for a list of rows, with their hero images.
pub async fn teasers(store: &Store, rows: &[TeaserRow]) -> Result<Vec<TeaserView>, AppError> {
    let media = media_map(store, rows.iter().filter_map(|r| r.hero_media_id).collect()).await?;
    Ok(rows
        .iter()
        .map(|r| TeaserView {
            url: paths::teaser(r),
            advertorial: r.kind == warta_core::ArticleKind::Advertorial.as_str(),
            headline: r.headline.clone(),
            dek: r.dek.clone(),
            rubrik: rubrik_link(r),
            published_at: r.published_at.unwrap_or(r.updated_at),
            image: r
                .hero_media_id
                .and_then(|id| media.get(&id))
                .map(|m| image_view(m, "", "", "")),
            snippet: None,
        })
        .collect())
}

/// The article page view and the content it depends on (for cache invalidation).
pub async fn article_view(
    app: &crate::state::AppState,
    a: &ArticleRow,
) -> Result<(ArticleView, Vec<Dep>), AppError> {
    let store = app.store();
    let (mut view, mut deps) = text_view(store, a).await?;
    // "Berita terkait": the search index's suggestions unless the editor picked stories in
    // the body; topic, tags and rubrik (the store's ranking) fill up.
    let picked = a
        .body
        .iter()
        .any(|b| matches!(b, warta_core::Block::Related { .. }));
    let mut related_rows = if picked {
        Vec::new()
    } else {
        crate::found::related(app, a, 4).await?
    };
    if related_rows.len() < 4 {
        for r in store.related_teasers(a, 4).await? {
            if related_rows.len() < 4 && !related_rows.iter().any(|x| x.id == r.id) {
                related_rows.push(r);
            }
        }
    }
    deps.extend(related_rows.iter().map(|t| Dep::Article(t.id)));
    view.related = teasers(store, &related_rows).await?;
    Ok((view, deps))
}

/// The article's own content (everything but "Berita terkait"), e.g. for a feed's full text.
pub async fn text_view(store: &Store, a: &ArticleRow) -> Result<(ArticleView, Vec<Dep>), AppError> {
    let mut deps = vec![Dep::Article(a.id), Dep::Rubrik(a.rubrik.id)];
    deps.extend(a.tags.iter().map(|t| Dep::Tag(t.id)));
    deps.extend(a.topic.iter().map(|t| Dep::Topic(t.id)));
    deps.extend(a.authors.iter().map(|u| Dep::Author(u.id)));

    let entries = if a.live {
        store.live_entries(a.id, 0).await?
    } else {
        Vec::new()
    };
    let blocks = a.body.iter().chain(entries.iter().flat_map(|e| &e.body));
    let refs = Refs::fetch(store, blocks, a.hero_media_id, &mut deps).await?;
    let body = a.body.iter().filter_map(|b| refs.block_view(b)).collect();
    let live_entries = entries.iter().map(|e| refs.live_entry_view(e)).collect();
    let texts: Vec<String> = a.body.iter().map(|b| b.plain_text()).collect();
    let word_count = texts.iter().map(|t| t.split_whitespace().count()).sum();
    // Only a paged article's JSON-LD carries the text (`articleBody`): no copy for the others.
    let paged = a
        .body
        .iter()
        .any(|b| matches!(b, warta_core::Block::Pagebreak));
    let full_text = if paged {
        full_text(&a.dateline, &texts)
    } else {
        String::new()
    };

    let view = ArticleView {
        id: a.id,
        url: paths::article_of(a.kind, &a.slug),
        headline: a.headline.clone(),
        dek: a.dek.clone(),
        rubrik: Link {
            title: a.rubrik.name.clone(),
            url: paths::rubrik(&a.rubrik.slug),
        },
        tags: a
            .tags
            .iter()
            .map(|t| Link {
                title: t.name.clone(),
                url: paths::tag(&t.slug),
            })
            .collect(),
        topic: a.topic.as_ref().map(|t| Link {
            title: t.name.clone(),
            url: paths::topic(&t.slug),
        }),
        authors: a
            .authors
            .iter()
            .map(|u| PersonView {
                name: u.name.clone(),
                url: paths::author(&u.slug),
                bio: u.bio.clone(),
            })
            .collect(),
        dateline: a.dateline.clone(),
        signoff: a.signoff.clone(),
        sources: a.sources.clone(),
        hero: a
            .hero_media_id
            .and_then(|id| refs.media.get(&id))
            .map(|m| image_view(m, &a.hero_caption, &a.hero_credit, &a.hero_alt)),
        body,
        published_at: a.published_at.unwrap_or(a.updated_at),
        updated_at: a.updated_at,
        related: Vec::new(),
        word_count,
        full_text,
        corrections: a
            .corrections
            .iter()
            .map(|c| CorrectionView {
                note: c.note.clone(),
                created_at: c.created_at,
            })
            .collect(),
        live: a.live,
        live_entries,
        kind: a.kind.as_str().to_string(),
        fact_check: a.fact_check.clone(),
        replies: a
            .replies
            .iter()
            .map(|r| ReplyView {
                from: r.from_whom.clone(),
                text: r.text.clone(),
                article: r.reply_article.as_ref().map(|(slug, headline)| Link {
                    title: headline.clone(),
                    url: paths::article(slug),
                }),
                created_at: r.created_at,
            })
            .collect(),
        reply_to: a
            .reply_to
            .iter()
            .map(|t| Link {
                title: t.headline.clone(),
                url: paths::article(&t.slug),
            })
            .collect(),
        paging: None,
    };
    // A reply article's page shows the articles it answers, and theirs show it.
    deps.extend(
        a.replies
            .iter()
            .filter_map(|r| r.reply_article_id)
            .map(Dep::Article),
    );
    deps.extend(a.reply_to.iter().map(|t| Dep::Article(t.id)));
    Ok((view, deps))
}

/// The body's paragraphs as plain text, blank lines between, the dateline first.
fn full_text(dateline: &str, texts: &[String]) -> String {
    let mut paras = texts.iter().map(|t| t.trim()).filter(|t| !t.is_empty());
    let mut out = match (dateline.trim(), paras.next()) {
        ("", Some(first)) => first.to_string(),
        (d, Some(first)) => format!("{d} – {first}"),
        (_, None) => return String::new(),
    };
    for p in paras {
        out.push_str("\n\n");
        out.push_str(p);
    }
    out
}

/// Live-blog entries as rendered on the page and sent to readers' event streams.
pub async fn live_entry_views(
    store: &Store,
    rows: &[LiveEntryRow],
) -> Result<Vec<LiveEntryView>, AppError> {
    let refs = Refs::fetch(
        store,
        rows.iter().flat_map(|e| &e.body),
        None,
        &mut Vec::new(),
    )
    .await?;
    Ok(rows.iter().map(|e| refs.live_entry_view(e)).collect())
}

/// What blocks point at: photos and the current headline and URL of "Baca juga" targets,
/// fetched in one query each.
struct Refs {
    media: HashMap<i64, MediaRow>,
    targets: HashMap<i64, TeaserRow>,
}

impl Refs {
    /// Look up everything `blocks` (and the hero photo) refer to; the targets become `deps`.
    async fn fetch<'a>(
        store: &Store,
        blocks: impl Iterator<Item = &'a Block>,
        hero: Option<i64>,
        deps: &mut Vec<Dep>,
    ) -> Result<Refs, AppError> {
        let mut media_ids: Vec<i64> = hero.into_iter().collect();
        let mut related_ids = Vec::new();
        for b in blocks {
            match b {
                Block::Image { media_id, .. } => media_ids.push(*media_id),
                Block::Related { article_id } => related_ids.push(*article_id),
                _ => {}
            }
        }
        let media = media_map(store, media_ids).await?;
        let targets = store
            .published_teasers(&related_ids)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect();
        deps.extend(related_ids.iter().map(|id| Dep::Article(*id)));
        Ok(Refs { media, targets })
    }

    fn block_view(&self, b: &Block) -> Option<BlockView> {
        block_view(b, &self.media, &self.targets)
    }

    fn live_entry_view(&self, e: &LiveEntryRow) -> LiveEntryView {
        let text: Vec<String> = e.body.iter().map(|b| b.plain_text()).collect();
        LiveEntryView {
            id: e.id,
            title: e.title.clone(),
            body: e.body.iter().filter_map(|b| self.block_view(b)).collect(),
            text: text
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            author: e.author_name.clone(),
            created_at: e.created_at,
        }
    }
}

fn block_view(
    b: &Block,
    media: &HashMap<i64, MediaRow>,
    targets: &HashMap<i64, TeaserRow>,
) -> Option<BlockView> {
    Some(match b {
        Block::Paragraph { text } => BlockView::Paragraph {
            html: warta_core::sanitize_inline(text),
        },
        Block::Heading { text, level } => BlockView::Heading {
            text: text.clone(),
            level: *level,
        },
        Block::Quote { text, cite } => BlockView::Quote {
            text: text.clone(),
            cite: cite.clone(),
        },
        Block::Image {
            media_id,
            caption,
            credit,
            alt,
        } => BlockView::Image {
            image: image_view(media.get(media_id)?, caption, credit, alt),
        },
        Block::Related { article_id } => {
            let t = targets.get(article_id)?;
            BlockView::Related {
                link: Link {
                    title: t.headline.clone(),
                    url: paths::article(&t.slug),
                },
            }
        }
        Block::List { ordered, items } => BlockView::List {
            ordered: *ordered,
            items: items
                .iter()
                .map(|i| warta_core::sanitize_inline(i))
                .collect(),
        },
        Block::Embed { url } => {
            let e = Embed::parse(url).ok()?;
            BlockView::Embed {
                provider: e.provider,
                id: e.id,
                url: e.url,
            }
        }
        Block::Pagebreak => BlockView::Pagebreak,
    })
}
