//! Demo content for `warta serve --demo`: a believable Indonesian outlet written for this
//! project (`demo/articles.json`), with generated illustrations run through the real media
//! pipeline. Loaded only into a site that has no articles yet.

use anyhow::{Context, bail};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use warta_core::{Block, Role, Source, Status};
use warta_store::{ArticleFilter, ArticleWrite, NewUser, Store, Term, now_ms};
use warta_web::{AppState, ImageMeta};

const DEMO: &str = include_str!("../demo/articles.json");
const DEMO_PHOTO_WIDTH: u32 = 2134;
const DEMO_PHOTO_HEIGHT: u32 = 1200;

#[derive(Deserialize)]
struct Demo {
    authors: Vec<Author>,
    rubriks: Vec<NamedTerm>,
    topics: Vec<NamedTerm>,
    articles: Vec<Article>,
}

#[derive(Deserialize)]
struct Author {
    name: String,
    email: String,
    bio: String,
}

#[derive(Deserialize)]
struct NamedTerm {
    name: String,
    description: String,
}

#[derive(Deserialize)]
struct Hero {
    image: String,
    caption: String,
    credit: String,
}

#[derive(Deserialize)]
struct Article {
    key: String,
    headline: String,
    dek: String,
    rubrik: String,
    tags: Vec<String>,
    topic: Option<String>,
    author: String,
    dateline: String,
    signoff: String,
    sources: Vec<Source>,
    hero: Hero,
    hours_ago: i64,
    body: Vec<serde_json::Value>,
}

/// Load the demo into an empty site; returns how many articles were created (0 if the site
/// already had content).
pub async fn load(state: &AppState) -> anyhow::Result<usize> {
    let store = state.store();
    if store
        .list_articles(&ArticleFilter::default(), 1, 1)
        .await?
        .1
        > 0
    {
        return Ok(0);
    }
    let demo: Demo = serde_json::from_str(DEMO).context("parsing the embedded demo content")?;
    let mut authors = HashMap::new();
    for a in &demo.authors {
        let user = match store.user_by_email(&a.email).await? {
            Some(u) => u,
            None => {
                let password = warta_store::generate_token()?;
                store
                    .create_user(NewUser {
                        email: &a.email,
                        name: &a.name,
                        role: Role::Writer,
                        password: &password,
                        bio: &a.bio,
                    })
                    .await?
            }
        };
        authors.insert(a.email.clone(), user.id);
    }
    for (pos, r) in demo.rubriks.iter().enumerate() {
        let row = store
            .ensure_term(Term::Rubrik, &r.name, &r.description)
            .await?;
        store.set_rubrik_position(row.id, pos as i64).await?;
    }
    for t in &demo.topics {
        store
            .ensure_term(Term::Topic, &t.name, &t.description)
            .await?;
    }

    // First pass: every article without its "Baca juga" links, oldest first.
    let mut articles: Vec<&Article> = demo.articles.iter().collect();
    articles.sort_by_key(|a| std::cmp::Reverse(a.hours_ago));
    let mut ids: HashMap<&str, i64> = HashMap::new();
    let mut writes = Vec::with_capacity(articles.len());
    let now = now_ms();
    let mut wanted = Vec::new();
    for a in &articles {
        let by = *authors
            .get(&a.author)
            .with_context(|| format!("{}: unknown author {}", a.key, a.author))?;
        wanted.push(Photo {
            seed: a.hero.image.clone(),
            caption: a.hero.caption.clone(),
            credit: a.hero.credit.clone(),
            by,
        });
        for b in a.body.iter() {
            if b.get("type").and_then(|t| t.as_str()) == Some("image") {
                wanted.push(Photo {
                    seed: str_field(b, "image"),
                    caption: str_field(b, "caption"),
                    credit: str_field(b, "credit"),
                    by,
                });
            }
        }
    }
    let photos = photos(state, wanted).await?;
    let photo = |seed: &str| {
        photos
            .get(seed)
            .copied()
            .with_context(|| format!("demo image {seed} was not made"))
    };
    for a in &articles {
        let by = *authors
            .get(&a.author)
            .with_context(|| format!("{}: unknown author {}", a.key, a.author))?;
        let hero = photo(&a.hero.image)?;
        let mut body = Vec::with_capacity(a.body.len());
        for (i, b) in a.body.iter().enumerate() {
            match b.get("type").and_then(|t| t.as_str()) {
                Some("image") => {
                    let (caption, credit) = (str_field(b, "caption"), str_field(b, "credit"));
                    let m = photo(&str_field(b, "image"))?;
                    body.push(Block::Image {
                        media_id: m,
                        alt: caption.clone(),
                        caption,
                        credit,
                    });
                }
                Some("related") => {} // second pass
                _ => body.push(
                    Block::parse(b).map_err(|e| anyhow::anyhow!("{}: block {i}: {e}", a.key))?,
                ),
            }
        }
        let w = write(store, a, by, hero, body).await?;
        let row = store.create_article(&w, Status::Draft, by).await?;
        ids.insert(a.key.as_str(), row.id);
        writes.push((row.id, w));
    }
    // Second pass: put the "Baca juga" blocks back where the writer placed them, then
    // publish at the story's time (a first publication dates the article to it).
    for (a, (id, mut w)) in articles.iter().zip(writes) {
        let mut body = Vec::with_capacity(a.body.len());
        let mut rest = w.body.into_iter();
        for b in &a.body {
            if b.get("type").and_then(|t| t.as_str()) == Some("related") {
                let key = str_field(b, "key");
                let Some(target) = ids.get(key.as_str()) else {
                    bail!("{}: 'Baca juga' to unknown {key}", a.key)
                };
                body.push(Block::Related {
                    article_id: *target,
                });
            } else if let Some(next) = rest.next() {
                body.push(next);
            }
        }
        w.body = body;
        w.published_at = None;
        let by = w.author_ids[0];
        let save = warta_store::Save {
            by,
            ..Default::default()
        };
        store.update_article(id, &w, &save).await?;
        let at = Some(now - a.hours_ago * 3_600_000);
        store
            .transition(id, warta_core::Transition::Publish, at, by)
            .await?;
    }
    // The outlet's own pages, which the footer links.
    if let (Some(by), Some(r)) = (authors.values().min().copied(), demo.rubriks.first()) {
        let rubrik = store.ensure_term(Term::Rubrik, &r.name, "").await?;
        crate::demo_pages::load(store, by, rubrik.id).await?;
    }
    state.invalidate_all();
    Ok(articles.len())
}

fn str_field(v: &serde_json::Value, k: &str) -> String {
    v.get(k)
        .and_then(|s| s.as_str())
        .unwrap_or_default()
        .to_string()
}

/// One demo photo to make.
struct Photo {
    seed: String,
    caption: String,
    credit: String,
    by: i64,
}

/// Draw and take in every demo photo, two at a time (both are CPU work, done off the async
/// threads), and return their media ids by seed.
async fn photos(state: &AppState, wanted: Vec<Photo>) -> anyhow::Result<HashMap<String, i64>> {
    let turns = Arc::new(Semaphore::new(2));
    let mut tasks = JoinSet::new();
    for p in wanted {
        let (state, turns) = (state.clone(), turns.clone());
        tasks.spawn(async move {
            let _turn = turns.acquire_owned().await?;
            let id = image(&state, &p).await?;
            anyhow::Ok((p.seed, id))
        });
    }
    let mut ids = HashMap::new();
    while let Some(done) = tasks.join_next().await {
        let (seed, id) = done.context("a demo photo task failed")??;
        ids.insert(seed, id);
    }
    Ok(ids)
}

async fn image(state: &AppState, p: &Photo) -> anyhow::Result<i64> {
    // 16:9 and 1200 px high, so that all three crops for structured data (16:9, 4:3 and
    // 1:1) reach 1200 px wide, as Google recommends.
    let seed = p.seed.clone();
    let photo = tokio::task::spawn_blocking(move || {
        warta_media::demo_photo(&seed, DEMO_PHOTO_WIDTH, DEMO_PHOTO_HEIGHT)
    })
    .await
    .context("drawing a demo photo")?;
    let meta = ImageMeta {
        caption: p.caption.clone(),
        credit: p.credit.clone(),
        alt: p.caption.clone(),
        uploaded_by: Some(p.by),
    };
    let row = state
        .ingest(photo, meta)
        .await
        .map_err(|e| anyhow::anyhow!("demo image {}: {e}", p.seed))?;
    Ok(row.id)
}

async fn write(
    store: &Store,
    a: &Article,
    by: i64,
    hero: i64,
    body: Vec<Block>,
) -> anyhow::Result<ArticleWrite> {
    let rubrik = store.ensure_term(Term::Rubrik, &a.rubrik, "").await?;
    let mut tag_ids = Vec::new();
    for t in &a.tags {
        tag_ids.push(store.ensure_term(Term::Tag, t, "").await?.id);
    }
    let topic_id = match &a.topic {
        Some(t) => Some(store.ensure_term(Term::Topic, t, "").await?.id),
        None => None,
    };
    let slug = warta_core::Slug::from_title(&a.headline)
        .with_context(|| format!("{}: headline gives no slug", a.key))?;
    Ok(ArticleWrite {
        slug: slug.to_string(),
        headline: warta_core::Headline::parse(&a.headline)?
            .as_str()
            .to_string(),
        dek: a.dek.clone(),
        rubrik_id: rubrik.id,
        topic_id,
        tag_ids,
        author_ids: vec![by],
        dateline: warta_core::Dateline::parse(&a.dateline)?
            .as_str()
            .to_string(),
        signoff: a.signoff.clone(),
        sources: a
            .sources
            .iter()
            .map(Source::parse)
            .collect::<Result<_, _>>()?,
        hero_media_id: Some(hero),
        hero_caption: a.hero.caption.clone(),
        hero_credit: a.hero.credit.clone(),
        hero_alt: a.hero.caption.clone(),
        body,
        ..Default::default()
    })
}
