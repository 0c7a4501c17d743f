//! One post or page of the export → one Warta article.

use crate::body::{Piece, convert, truncate};
use crate::paths::{old_path, wp_time};
use crate::report::Report;
use crate::wordpress::Run;
use crate::wxr::Item;
use warta_core::{Block, Name, Slug, Source, Status, strip_tags};
use warta_newsroom::input::{AuthorRef, HeroInput, NewArticle};
use warta_newsroom::{ImportedArticle, NewsroomError};
use warta_store::ImportKey;

/// Where pages go: Warta has no separate page type.
pub const PAGES_RUBRIK: &str = "Halaman";
/// Where posts without a category go.
pub const FALLBACK_RUBRIK: &str = "Arsip";

impl Run<'_> {
    pub(crate) async fn item(
        &mut self,
        item: &Item,
        converted: Option<crate::body::Converted>,
    ) -> anyhow::Result<()> {
        let kind = item.post_type.as_str();
        if kind == "attachment" {
            return Ok(());
        }
        if kind != "post" && kind != "page" {
            Report::count(&mut self.report.skipped, &format!("type {kind}"));
            return Ok(());
        }
        let status = match item.status.as_str() {
            "publish" => Status::Published,
            "future" => Status::Scheduled,
            "draft" | "pending" => Status::Draft,
            "private" => {
                self.report.private_as_draft += 1;
                Status::Draft
            }
            other => {
                let why = if other.is_empty() { "no status" } else { other };
                Report::count(&mut self.report.skipped, why);
                return Ok(());
            }
        };
        if self.imported(kind, &item.post_id).await?.is_some() {
            Report::count(&mut self.report.already_imported, kind);
            return Ok(());
        }
        let name = describe(item);
        let converted = converted.unwrap_or_else(|| convert(&item.content));
        match self.article(item, kind, status, converted).await {
            Ok(true) => Report::count(&mut self.report.imported, kind),
            Ok(false) => {}
            Err(e) => {
                self.report.failed.push(format!("{kind} {name}: {e}"));
                // What the batch holds so far is kept; a broken batch stops the run here.
                self.flush().await?;
            }
        }
        Ok(())
    }

    async fn article(
        &mut self,
        item: &Item,
        kind: &str,
        status: Status,
        converted: crate::body::Converted,
    ) -> anyhow::Result<bool> {
        let name = describe(item);
        let at = wp_time(&item.post_date_gmt, &item.post_date, &self.opts.zone);
        let at = match (at, status) {
            (Some(t), _) => Some(t),
            (None, Status::Draft) => None,
            (None, _) => anyhow::bail!(
                "unreadable date '{}' / '{}'",
                item.post_date_gmt,
                item.post_date
            ),
        };
        if converted.flattened > 0 {
            self.report.kept_as_text.push(name.clone());
        }
        let mut body = Vec::new();
        let mut later = Vec::new();
        for piece in converted.pieces {
            match piece {
                Piece::Block(b) => body.push(b),
                Piece::Image {
                    src,
                    attachment,
                    caption,
                    credit,
                    alt,
                } => {
                    let (caption, credit, alt) =
                        self.photo_text(attachment.as_deref(), caption, credit, alt);
                    match self
                        .photo(attachment.as_deref(), &src, &caption, &credit, &alt)
                        .await?
                    {
                        Some(media_id) => body.push(Block::Image {
                            media_id,
                            caption,
                            credit,
                            alt,
                        }),
                        None if !caption.is_empty() || !credit.is_empty() => {
                            let credit = if credit.is_empty() {
                                String::new()
                            } else {
                                format!(" (Foto: {credit})")
                            };
                            let text = escape(&format!("{caption}{credit}"));
                            body.push(Block::Paragraph {
                                text: format!("<i>{}</i>", text.trim()),
                            });
                        }
                        None => {}
                    }
                }
                Piece::Related { url, fallback } => match self.related(&url).await? {
                    Related::Now(article_id) => body.push(Block::Related { article_id }),
                    Related::Later(post) => {
                        later.push((body.len(), post));
                        body.push(Block::Paragraph { text: fallback });
                    }
                    Related::Outside => {
                        self.report.unresolved_related += 1;
                        body.push(Block::Paragraph { text: fallback });
                    }
                },
            }
        }
        body.truncate(500);
        let hero = match item.meta("_thumbnail_id").filter(|t| !t.is_empty()) {
            Some(id) => {
                let (caption, credit, alt) =
                    self.photo_text(Some(id), String::new(), String::new(), String::new());
                self.photo(Some(id), "", &caption, &credit, &alt)
                    .await?
                    .map(|media_id| HeroInput {
                        media_id,
                        caption,
                        credit,
                        alt,
                    })
            }
            None => None,
        };
        let (rubrik, tags) = self.terms(item, kind).await?;
        let author = self
            .authors
            .get(&item.creator)
            .copied()
            .unwrap_or(self.user.id);
        let headline = strip_tags(&item.title).trim().to_string();
        let headline = if headline.is_empty() {
            "Tanpa judul".to_string()
        } else {
            truncate(&headline, 200)
        };
        let input = NewArticle {
            headline,
            dek: truncate(strip_tags(&item.excerpt).trim(), 600),
            rubrik,
            tags,
            topic: None,
            dateline: converted.dateline,
            signoff: converted.signoff,
            sources: converted
                .agency
                .into_iter()
                .map(|name| Source { name, url: None })
                .collect(),
            hero,
            body: body
                .iter()
                .map(serde_json::to_value)
                .collect::<Result<_, _>>()?,
            authors: Some(vec![AuthorRef::Id(author)]),
            slug: self.slug(item).await?,
            published_at: None,
            seo_title: String::new(),
            seo_description: String::new(),
            live: false,
            // WordPress pages are the outlet's own pages (at /halaman/{slug}).
            kind: if kind == "page" {
                warta_core::ArticleKind::Page
            } else {
                warta_core::ArticleKind::News
            },
            fact_check: None,
        };
        let old_paths = self.old_paths(item, kind);
        self.report.old_addresses += old_paths.len();
        let source = self.source.clone();
        let key = ImportKey {
            source: &source,
            kind,
            source_id: &item.post_id,
        };
        let user = self.user;
        let id = self
            .session()
            .await?
            .import_article(
                user,
                ImportedArticle {
                    input,
                    status,
                    at,
                    key,
                    old_paths,
                },
            )
            .await
            .map_err(|e: NewsroomError| anyhow::anyhow!("{e}"))?;
        self.known
            .insert(crate::digest::key(&[kind, &item.post_id]), id);
        for (block, post) in later {
            self.fixups.push((id, block, post));
        }
        Ok(true)
    }

    /// The post's own slug when Warta accepts it and no other article has it.
    async fn slug(&mut self, item: &Item) -> anyhow::Result<Option<String>> {
        let decoded = crate::media::percent_decode(&item.post_name).unwrap_or_default();
        let Ok(slug) = Slug::parse(&decoded) else {
            return Ok(None);
        };
        let taken = self.session().await?.slug_taken(slug.as_str()).await?;
        Ok((!taken).then(|| slug.to_string()))
    }

    /// The rubrik (the first category's top-level one) and the tags.
    async fn terms(&mut self, item: &Item, kind: &str) -> anyhow::Result<(String, Vec<String>)> {
        let mut rubrik = None;
        let mut tags: Vec<String> = Vec::new();
        for t in &item.terms {
            match t.domain.as_str() {
                "category" => {
                    let (top, below) = self.plan.top_of(&t.nicename);
                    if rubrik.is_none() {
                        rubrik = self.rubriks.get(top).cloned();
                    }
                    if below {
                        tags.push(t.name.clone());
                    }
                }
                "post_tag" => tags.push(t.name.clone()),
                _ => {}
            }
        }
        let mut seen = std::collections::HashSet::new();
        tags.retain(|t| {
            Name::parse(t).is_ok()
                && Slug::from_title(t).is_some_and(|s| seen.insert(s.to_string()))
        });
        tags.truncate(30);
        let rubrik = match (rubrik, kind) {
            (Some(r), "post") => r,
            (_, "page") => self.ensure_rubrik(PAGES_RUBRIK).await?,
            _ => self.ensure_rubrik(FALLBACK_RUBRIK).await?,
        };
        Ok((rubrik, tags))
    }

    async fn ensure_rubrik(&mut self, name: &str) -> anyhow::Result<String> {
        if let Some(r) = self.ensured.get(name) {
            return Ok(r.clone());
        }
        // Written outside the batch: commit it first (SQLite has one writer).
        self.flush().await?;
        let r = self
            .nr
            .create_rubrik(self.user, name)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if r.created {
            Report::count(&mut self.report.imported, "rubrik");
        }
        self.ensured.insert(name.to_string(), r.rubrik.name.clone());
        Ok(r.rubrik.name)
    }

    fn old_paths(&self, item: &Item, kind: &str) -> Vec<String> {
        let mut out = Vec::new();
        for address in [&item.link, &item.guid] {
            if let Some(p) = old_path(&self.site, address)
                && !out.contains(&p)
            {
                out.push(p);
            }
        }
        let q = if kind == "page" { "page_id" } else { "p" };
        let p = format!("/?{q}={}", item.post_id);
        if !out.contains(&p) {
            out.push(p);
        }
        out
    }

    async fn related(&mut self, url: &str) -> anyhow::Result<Related> {
        let Some(key) = old_path(&self.site, url) else {
            return Ok(Related::Outside);
        };
        let Some(post) = self.plan.links.get(&crate::digest::key(&[&key])) else {
            return Ok(Related::Outside);
        };
        let post = post.to_string();
        for kind in ["post", "page"] {
            if let Some(id) = self.imported(kind, &post).await? {
                return Ok(Related::Now(id));
            }
        }
        Ok(Related::Later(post))
    }
}

pub(crate) enum Related {
    Now(i64),
    Later(String),
    Outside,
}

/// How the report names an item: its title and id.
pub fn describe(item: &Item) -> String {
    let t = strip_tags(&item.title);
    format!("'{}' (id {})", truncate(t.trim(), 80), item.post_id)
}

/// Plain text as HTML text.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
