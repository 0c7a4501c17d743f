//! Demo content for `warta serve --demo`: a believable Indonesian outlet written for this
//! project (`demo/articles.json`), with generated illustrations run through the real media
//! pipeline. Loaded only into a site that has no articles yet.

use anyhow::{Context, bail};
use serde::Deserialize;
use std::collections::HashMap;
use warta_core::{Block, Role, Source, Status};
use warta_store::{ArticleFilter, ArticleWrite, NewUser, Store, Term, now_ms};
use warta_web::{AppState, ImageMeta};

const DEMO: &str = include_str!("../demo/articles.json");

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
    for a in &articles {
        let by = *authors
            .get(&a.author)
            .with_context(|| format!("{}: unknown author {}", a.key, a.author))?;
        let hero = image(state, &a.hero.image, &a.hero.caption, &a.hero.credit, by).await?;
        let mut body = Vec::with_capacity(a.body.len());
        for (i, b) in a.body.iter().enumerate() {
            match b.get("type").and_then(|t| t.as_str()) {
                Some("image") => {
                    let seed = str_field(b, "image");
                    let (caption, credit) = (str_field(b, "caption"), str_field(b, "credit"));
                    let m = image(state, &seed, &caption, &credit, by).await?;
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
    state.invalidate_all();
    Ok(articles.len())
}

fn str_field(v: &serde_json::Value, k: &str) -> String {
    v.get(k)
        .and_then(|s| s.as_str())
        .unwrap_or_default()
        .to_string()
}

async fn image(
    state: &AppState,
    seed: &str,
    caption: &str,
    credit: &str,
    by: i64,
) -> anyhow::Result<i64> {
    let png = warta_media::demo_image(seed, 1600, 900);
    let meta = ImageMeta {
        caption: caption.into(),
        credit: credit.into(),
        alt: caption.into(),
        uploaded_by: Some(by),
    };
    let row = state
        .ingest(png, meta)
        .await
        .map_err(|e| anyhow::anyhow!("demo image {seed}: {e}"))?;
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
