//! Turning API input into a checked [`ArticleWrite`]: parse every field with warta-core,
//! resolve names to rubriks, tags, topics and users, check referenced media and articles.
//! Nothing is written until everything is valid.

use crate::error::{NewsroomError as AppError, Result};
use crate::input::{ArticlePatch, AuthorRef, HeroInput, NewArticle};
pub(crate) use crate::lookups::{Lookups, Pooled};
use jiff::Timestamp;
use warta_core::{
    ArticleKind, Block, Capability, Dateline, FactCheck, Headline, Name, SignOff, Slug, Source,
    ValidationError, bounded,
};
use warta_store::{ArticleRow, ArticleWrite, Term, UserRow};

/// The editable fields after merging a PATCH over the stored article (or a POST over nothing).
struct Fields {
    headline: String,
    dek: String,
    rubrik: String,
    tags: Vec<String>,
    topic: Option<String>,
    dateline: String,
    signoff: String,
    sources: Vec<Source>,
    hero: Option<HeroInput>,
    body: Vec<serde_json::Value>,
    authors: Option<Vec<AuthorRef>>,
    slug: Option<String>,
    published_at: Option<String>,
    seo_title: String,
    seo_description: String,
    live: bool,
    kind: ArticleKind,
    fact_check: Option<FactCheck>,
}

pub(crate) async fn write_for_new(
    store: &mut impl Lookups,
    user: &UserRow,
    input: NewArticle,
    verdicts: &[String],
) -> Result<ArticleWrite> {
    let f = Fields {
        headline: input.headline,
        dek: input.dek,
        rubrik: input.rubrik,
        tags: input.tags,
        topic: input.topic,
        // A reporter's own dateline is the default for their new articles.
        dateline: if input.dateline.trim().is_empty() {
            user.dateline.clone()
        } else {
            input.dateline
        },
        signoff: input.signoff,
        sources: input.sources,
        hero: input.hero,
        body: input.body,
        authors: input.authors,
        slug: input.slug,
        published_at: input.published_at,
        seo_title: input.seo_title,
        seo_description: input.seo_description,
        live: input.live,
        kind: input.kind,
        fact_check: input.fact_check,
    };
    resolve(store, user, f, None, verdicts).await
}

pub(crate) async fn write_for_patch(
    store: &mut impl Lookups,
    user: &UserRow,
    current: &ArticleRow,
    p: ArticlePatch,
    verdicts: &[String],
) -> Result<ArticleWrite> {
    let body = match p.body {
        Some(b) => b,
        None => current
            .body
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()
            .map_err(|e| AppError::Store(e.into()))?,
    };
    let f = Fields {
        headline: p.headline.unwrap_or_else(|| current.headline.clone()),
        dek: p.dek.unwrap_or_else(|| current.dek.clone()),
        rubrik: p.rubrik.unwrap_or_else(|| current.rubrik.name.clone()),
        tags: p
            .tags
            .unwrap_or_else(|| current.tags.iter().map(|t| t.name.clone()).collect()),
        topic: p
            .topic
            .unwrap_or_else(|| current.topic.as_ref().map(|t| t.name.clone())),
        dateline: p.dateline.unwrap_or_else(|| current.dateline.clone()),
        signoff: p.signoff.unwrap_or_else(|| current.signoff.clone()),
        sources: p.sources.unwrap_or_else(|| current.sources.clone()),
        hero: p.hero.unwrap_or_else(|| {
            current.hero_media_id.map(|id| HeroInput {
                media_id: id,
                caption: current.hero_caption.clone(),
                credit: current.hero_credit.clone(),
                alt: current.hero_alt.clone(),
            })
        }),
        body,
        authors: Some(p.authors.unwrap_or_else(|| {
            current
                .authors
                .iter()
                .map(|a| AuthorRef::Id(a.id))
                .collect()
        })),
        // An empty slug asks for one derived from the headline again.
        slug: match p.slug {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(s),
            None => Some(current.slug.clone()),
        },
        published_at: p.published_at,
        seo_title: p.seo_title.unwrap_or_else(|| current.seo_title.clone()),
        seo_description: p
            .seo_description
            .unwrap_or_else(|| current.seo_description.clone()),
        live: p.live.unwrap_or(current.live),
        kind: p.kind.unwrap_or(current.kind),
        fact_check: p.fact_check.unwrap_or_else(|| current.fact_check.clone()),
    };
    resolve(store, user, f, Some(current.id), verdicts).await
}

/// Parse an ISO 8601 time with offset (`2022-03-01T14:05:00+07:00`) to epoch ms.
pub fn parse_time(field: &str, s: &str) -> Result<i64, ValidationError> {
    s.trim()
        .parse::<Timestamp>()
        .map(|t| t.as_millisecond())
        .map_err(|_| {
            ValidationError::new(
                field,
                "must be an ISO 8601 time with offset, e.g. 2022-03-01T14:05:00+07:00",
            )
        })
}

/// A publication time set while editing: backdating archives only. A future time is a
/// schedule, which is asked for with `publish` and `at`. A minute of slack absorbs clock skew
/// between the client and us.
pub fn parse_past_time(field: &str, s: &str) -> Result<i64, ValidationError> {
    let ms = parse_time(field, s)?;
    if ms > warta_store::now_ms() + 60_000 {
        return Err(ValidationError::new(
            field,
            "must not be in the future; to schedule, publish with a future 'at'",
        ));
    }
    Ok(ms)
}

async fn resolve(
    store: &mut impl Lookups,
    user: &UserRow,
    f: Fields,
    id: Option<i64>,
    verdicts: &[String],
) -> Result<ArticleWrite> {
    let fact_check = f
        .fact_check
        .as_ref()
        .map(|fc| FactCheck::parse(fc, verdicts))
        // Kept when the kind changes (shown only on a factcheck), so nothing typed is lost.
        .transpose()?;
    let headline = Headline::parse(&f.headline)?;
    let dek = bounded("dek", &f.dek, 0, 600)?;
    let dateline = Dateline::parse(&f.dateline)?;
    let signoff = SignOff::parse(&f.signoff)?;
    let sources = f
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| Source::parse(s).map_err(|e| e.within(&format!("sources/{i}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let body = Block::parse_body(&f.body)?;
    let published_at = f
        .published_at
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_past_time("published_at", s))
        .transpose()?;
    if published_at.is_some() && !user.role.can(Capability::Publish) {
        return Err(AppError::Forbidden(
            "only editors set an article's publication time".into(),
        ));
    }
    let slug = match f.slug.as_deref() {
        Some(s) => Slug::parse(s)?,
        None => Slug::from_title(headline.as_str()).ok_or_else(|| {
            ValidationError::new("slug", "the headline gives no usable slug; give one")
        })?,
    };
    let slug = unique_slug(store, slug, id, f.slug.is_some()).await?;

    let rubrik_name = Name::parse(&f.rubrik).map_err(|e| e.within("rubrik"))?;
    let rubrik = known_rubrik(store, rubrik_name.as_str()).await?;
    if f.tags.len() > 30 {
        return Err(ValidationError::new("tags", "at most 30 tags").into());
    }
    let mut tag_ids = Vec::with_capacity(f.tags.len());
    for (i, t) in f.tags.iter().enumerate() {
        let name = Name::parse(t).map_err(|e| e.within(&format!("tags/{i}")))?;
        if Slug::from_title(name.as_str()).is_none() {
            return Err(ValidationError::new(
                format!("tags/{i}"),
                "needs at least one letter or digit",
            )
            .into());
        }
        tag_ids.push(store.ensure_term(Term::Tag, name.as_str()).await?);
    }
    let topic_id = match f.topic.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => {
            let name = Name::parse(t).map_err(|e| e.within("topic"))?;
            if Slug::from_title(name.as_str()).is_none() {
                return Err(
                    ValidationError::new("topic", "needs at least one letter or digit").into(),
                );
            }
            Some(store.ensure_term(Term::Topic, name.as_str()).await?)
        }
        None => None,
    };
    let author_ids = match f.authors {
        None => vec![user.id],
        Some(list) if list.is_empty() => {
            return Err(ValidationError::new("authors", "at least one author").into());
        }
        Some(list) => resolve_authors(store, &list).await?,
    };
    let seo_title = bounded("seo_title", &f.seo_title, 0, 120)?;
    let seo_description = bounded("seo_description", &f.seo_description, 0, 320)?;
    let (hero_media_id, hero_caption, hero_credit, hero_alt) = match f.hero {
        Some(h) => {
            if !store.media_exists(h.media_id).await? {
                return Err(ValidationError::new(
                    "hero/media_id",
                    format!("no media with id {}", h.media_id),
                )
                .into());
            }
            let caption = bounded("hero/caption", &h.caption, 0, 1_000)?;
            let credit = bounded("hero/credit", &h.credit, 0, 200)?;
            let alt = bounded("hero/alt", &h.alt, 0, 1_000)?;
            (Some(h.media_id), caption, credit, alt)
        }
        None => (None, String::new(), String::new(), String::new()),
    };
    check_references(store, &body, id).await?;
    Ok(ArticleWrite {
        slug: slug.to_string(),
        headline: headline.as_str().to_string(),
        dek,
        rubrik_id: rubrik,
        topic_id,
        tag_ids,
        author_ids,
        dateline: dateline.as_str().to_string(),
        signoff: signoff.as_str().to_string(),
        sources,
        hero_media_id,
        hero_caption,
        hero_credit,
        hero_alt,
        body,
        published_at,
        seo_title,
        seo_description,
        live: f.live,
        kind: f.kind,
        fact_check,
    })
}

/// A slug the caller chose must be free (409 otherwise); a derived one gets a suffix.
async fn unique_slug(
    store: &mut impl Lookups,
    slug: Slug,
    id: Option<i64>,
    chosen: bool,
) -> Result<Slug> {
    if !store.slug_taken(slug.as_str(), id).await? {
        return Ok(slug);
    }
    if chosen {
        return Err(AppError::Conflict(format!(
            "the slug '{slug}' is used by another article"
        )));
    }
    for n in 2..100 {
        let candidate = slug.with_suffix(n);
        if !store.slug_taken(candidate.as_str(), id).await? {
            return Ok(candidate);
        }
    }
    Err(AppError::Conflict(format!("no free slug near '{slug}'")))
}

/// The rubrik named `name` (case-insensitive): saving an article never creates one, so a
/// typo cannot open a new section of the site. The message lists the rubriks there are.
async fn known_rubrik(store: &mut impl Lookups, name: &str) -> Result<i64> {
    if let Some(r) = store.rubrik(name).await? {
        return Ok(r);
    }
    let known = store.rubrik_names().await?;
    Err(ValidationError::new(
        "rubrik",
        format!(
            "unknown rubrik '{name}'; choose one of: {} (editors create rubriks on the taxonomy page)",
            known.join(", ")
        ),
    )
    .into())
}

async fn resolve_authors(store: &mut impl Lookups, list: &[AuthorRef]) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(list.len());
    for (i, a) in list.iter().enumerate() {
        let id = store
            .user(a)
            .await?
            .ok_or_else(|| ValidationError::new(format!("authors/{i}"), "no such user"))?;
        ids.push(id);
    }
    Ok(ids)
}

/// Image blocks must name existing media; "Baca juga" blocks existing other articles.
async fn check_references(store: &mut impl Lookups, body: &[Block], id: Option<i64>) -> Result<()> {
    for (i, b) in body.iter().enumerate() {
        match b {
            Block::Image { media_id, .. } if !store.media_exists(*media_id).await? => {
                return Err(ValidationError::new(
                    format!("body/{i}/media_id"),
                    format!("no media with id {media_id}"),
                )
                .into());
            }
            Block::Related { article_id } => {
                if Some(*article_id) == id {
                    return Err(ValidationError::new(
                        format!("body/{i}/article_id"),
                        "an article cannot link to itself",
                    )
                    .into());
                }
                if !store.article_exists(*article_id).await? {
                    return Err(ValidationError::new(
                        format!("body/{i}/article_id"),
                        format!("no article with id {article_id}"),
                    )
                    .into());
                }
            }
            _ => {}
        }
    }
    Ok(())
}
