//! `GET /api/v1/articles/{id}/ninjs`: a published article as IPTC ninjs 2.1 (News in JSON),
//! the format agencies and aggregators exchange stories in. Public like the article page:
//! no token, drafts and scheduled articles answer 404, withdrawn ones 410.
//!
//! Mapping: `uri` is this document's own address (stable across slug changes); `version` the
//! revision; `firstcreated` the publication time, `versioncreated` the last update;
//! `headlines`, `descriptions` (the dek), `bodies` (text/html with absolute addresses, the
//! sign-off at the end); `subjects` the rubrik, tags and running topic (`rel` says which);
//! `by` and `people` the authors; `located` the dateline; `infosources` the cited agencies;
//! `associations` the hero photo (`featureimage`, type picture) with its caption, credit
//! (`by`) and every rendition.

use super::ApiId;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::{paths, views};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use warta_core::{Status, iso8601_wib};
use warta_store::{ArticleRow, MediaRow};

/// The ninjs version these documents follow.
pub const NINJS_SCHEMA: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#";

/// A news item in IPTC ninjs 2.1 (the fields Warta fills).
#[derive(Debug, Serialize, ToSchema)]
pub struct Ninjs {
    pub uri: String,
    /// `text` for an article, `picture` for an associated photo.
    pub r#type: String,
    /// Only in associations: `featureimage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representationtype: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = DateTime)]
    pub firstcreated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = DateTime)]
    pub versioncreated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pubstatus: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slugline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyrightholder: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headlines: Vec<NinjsText>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub descriptions: Vec<NinjsText>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<NinjsBody>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<NinjsConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<NinjsConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub located: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub infosources: Vec<NinjsSource>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub renditions: Vec<NinjsRendition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(no_recursion)]
    pub associations: Vec<Ninjs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<NinjsStandard>,
}

/// A headline or description.
#[derive(Debug, Serialize, ToSchema)]
pub struct NinjsText {
    pub role: String,
    pub contenttype: String,
    pub value: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NinjsBody {
    pub role: String,
    pub contenttype: String,
    pub wordcount: u32,
    pub value: String,
}

/// A subject (rubrik, tag, topic) or a person (author).
#[derive(Debug, Serialize, ToSchema)]
pub struct NinjsConcept {
    pub name: String,
    pub rel: String,
    pub uri: String,
    pub literal: String,
}

/// An agency or other source the article cites.
#[derive(Debug, Serialize, ToSchema)]
pub struct NinjsSource {
    pub name: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NinjsRendition {
    pub name: String,
    pub href: String,
    pub contenttype: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NinjsStandard {
    pub name: String,
    pub version: String,
    pub schema: String,
}

#[utoipa::path(get, path = "/api/v1/articles/{id}/ninjs", tag = "articles",
    params(("id" = i64, Path)),
    responses((status = 200, body = Ninjs, description = "the published article as IPTC ninjs 2.1"),
        (status = 404, body = Problem, description = "no such article, or not published"),
        (status = 410, body = Problem, description = "the article was withdrawn")))]
pub async fn get(State(app): State<AppState>, ApiId(id): ApiId) -> Result<Response, AppError> {
    let a = app.store().article_by_id(id).await?;
    match a.status {
        Status::Published => {}
        Status::Unpublished => return Err(AppError::Gone(None)),
        _ => return Err(AppError::NotFound("not found".into())),
    }
    let (view, _) = views::article_view(&app, &a).await?;
    let body = app.renderer().syndication_body(&view, false)?;
    let hero = match a.hero_media_id {
        Some(m) => app.store().media_by_id(m).await?,
        None => None,
    };
    let doc = document(&app, &a, body, view.word_count, hero.as_ref());
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=60")],
        axum::Json(doc),
    )
        .into_response())
}

/// The ninjs document of a published article.
pub fn document(
    app: &AppState,
    a: &ArticleRow,
    body: String,
    words: usize,
    hero: Option<&MediaRow>,
) -> Ninjs {
    let site = app.renderer().site();
    let base = site.base_url.as_str();
    let concept = |name: &str, rel: &str, path: String, literal: &str| NinjsConcept {
        name: name.to_string(),
        rel: rel.to_string(),
        uri: format!("{base}{path}"),
        literal: literal.to_string(),
    };
    let mut subjects = vec![concept(
        &a.rubrik.name,
        "rubrik",
        paths::rubrik(&a.rubrik.slug),
        &a.rubrik.slug,
    )];
    subjects.extend(
        a.tags
            .iter()
            .map(|t| concept(&t.name, "tag", paths::tag(&t.slug), &t.slug)),
    );
    subjects.extend(
        a.topic
            .iter()
            .map(|t| concept(&t.name, "topic", paths::topic(&t.slug), &t.slug)),
    );
    let people: Vec<NinjsConcept> = a
        .authors
        .iter()
        .map(|u| concept(&u.name, "author", paths::author(&u.slug), &u.slug))
        .collect();
    let names: Vec<&str> = a.authors.iter().map(|u| u.name.as_str()).collect();
    let published = a.published_at.unwrap_or(a.created_at);
    let text = |role: &str, value: &str| NinjsText {
        role: role.into(),
        contenttype: "text/plain".into(),
        value: value.into(),
    };
    Ninjs {
        uri: format!("{base}/api/v1/articles/{}/ninjs", a.id),
        r#type: "text".into(),
        name: None,
        representationtype: Some("full".into()),
        version: Some(a.revision.to_string()),
        firstcreated: Some(iso8601_wib(published)),
        versioncreated: Some(iso8601_wib(a.updated_at.max(published))),
        pubstatus: Some("usable".into()),
        language: Some("id".into()),
        slugline: Some(a.slug.clone()),
        copyrightholder: Some(site.name.clone()),
        headlines: vec![text("main", &a.headline)],
        descriptions: (!a.dek.is_empty())
            .then(|| text("summary", &a.dek))
            .into_iter()
            .collect(),
        bodies: vec![NinjsBody {
            role: "main".into(),
            contenttype: "text/html".into(),
            wordcount: u32::try_from(words).unwrap_or(u32::MAX),
            value: body,
        }],
        subjects,
        by: (!names.is_empty()).then(|| names.join(", ")),
        people,
        located: (!a.dateline.trim().is_empty()).then(|| a.dateline.clone()),
        infosources: a
            .sources
            .iter()
            .map(|s| NinjsSource {
                name: s.name.clone(),
                role: "source".into(),
                uri: s.url.clone(),
            })
            .collect(),
        renditions: Vec::new(),
        associations: hero.map(|m| picture(base, a, m)).into_iter().collect(),
        standard: Some(NinjsStandard {
            name: "ninjs".into(),
            version: "2.1".into(),
            schema: NINJS_SCHEMA.into(),
        }),
    }
}

/// The hero photo as an associated picture: caption as its description, credit as `by`, the
/// original and every variant as renditions.
fn picture(base: &str, a: &ArticleRow, m: &MediaRow) -> Ninjs {
    let mut renditions = vec![NinjsRendition {
        name: "original".into(),
        href: format!("{base}{}", paths::media(&m.original_key)),
        contenttype: m.mime.clone(),
        width: m.width,
        height: m.height,
    }];
    for (list, fallback) in [(&m.variants, "image/webp"), (&m.avif, "image/avif")] {
        for v in list {
            let mime = if v.mime.is_empty() { fallback } else { &v.mime };
            let kind = mime.strip_prefix("image/").unwrap_or(mime);
            renditions.push(NinjsRendition {
                name: format!("{kind}-{}", v.width),
                href: format!("{base}{}", paths::media(&v.key)),
                contenttype: mime.to_string(),
                width: v.width,
                height: v.height,
            });
        }
    }
    let caption = if a.hero_caption.is_empty() {
        &m.caption
    } else {
        &a.hero_caption
    };
    let credit = if a.hero_credit.is_empty() {
        &m.credit
    } else {
        &a.hero_credit
    };
    let alt = if a.hero_alt.is_empty() {
        &m.alt
    } else {
        &a.hero_alt
    };
    let mut descriptions = Vec::new();
    for (role, value) in [("caption", caption), ("alt", alt)] {
        if !value.is_empty() {
            descriptions.push(NinjsText {
                role: role.into(),
                contenttype: "text/plain".into(),
                value: value.clone(),
            });
        }
    }
    Ninjs {
        uri: format!("{base}{}", paths::media(&m.original_key)),
        r#type: "picture".into(),
        name: Some("featureimage".into()),
        representationtype: None,
        version: None,
        firstcreated: None,
        versioncreated: None,
        pubstatus: None,
        language: None,
        slugline: None,
        copyrightholder: None,
        headlines: Vec::new(),
        descriptions,
        bodies: Vec::new(),
        subjects: Vec::new(),
        by: (!credit.is_empty()).then(|| credit.clone()),
        people: Vec::new(),
        located: None,
        infosources: Vec::new(),
        renditions,
        associations: Vec::new(),
        standard: None,
    }
}
