//! What the search index (warta-search) reads: the change log it catches up from and the
//! published articles as documents.
//!
//! `search_changes` gets one row per change to an article from triggers (migration 0008), in
//! the same transaction as the change. Each instance's index keeps the highest `seq` it has
//! applied and asks for newer rows; because on PostgreSQL a transaction can commit after one
//! that took a higher `seq`, it also asks again for the rows of the last few seconds
//! ([`Store::search_changes_recent`]), so a late commit is not skipped.
//!
//! Only the live, published state of an article is a document: pending versions live in
//! `article_pending` and are never read here.

use crate::{Store, StoreError};
use std::collections::HashMap;
use warta_core::Block;

/// One row of the change log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct SearchChange {
    pub seq: i64,
    pub article_id: i64,
}

/// A published article as the search index sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub id: i64,
    pub headline: String,
    pub dek: String,
    /// Every text block's plain text, one per line (image captions are in `captions`).
    pub body: String,
    pub captions: String,
    pub rubrik_id: i64,
    pub rubrik_slug: String,
    pub rubrik_name: String,
    pub topic_id: Option<i64>,
    pub topic_name: String,
    pub tag_ids: Vec<i64>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub published_at: i64,
}

type DocRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    i64,
);

const DOC_SELECT: &str = "SELECT a.id, a.headline, a.dek, a.body, a.hero_caption, a.rubrik_id,
    r.slug, r.name, a.topic_id, t.name, COALESCE(a.published_at, 0)
    FROM articles a JOIN rubriks r ON r.id = a.rubrik_id LEFT JOIN topics t ON t.id = a.topic_id
    WHERE a.status = 'published' AND a.kind <> 'page'";

fn split_body(body: &[Block], hero_caption: String) -> (String, String) {
    let mut text = Vec::new();
    let mut captions = vec![hero_caption];
    for b in body {
        match b {
            Block::Image { caption, .. } => captions.push(caption.clone()),
            b => text.push(b.plain_text()),
        }
    }
    text.retain(|t| !t.is_empty());
    captions.retain(|t| !t.is_empty());
    (text.join("\n"), captions.join("\n"))
}

impl Store {
    /// Up to `limit` change-log rows after `after`, oldest first.
    pub async fn search_changes_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<SearchChange>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT seq, article_id FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Up to `limit` change-log rows up to `upto` written at or after `since_ms` (epoch ms):
    /// the lookback for rows that committed late.
    pub async fn search_changes_recent(
        &self,
        upto: i64,
        since_ms: i64,
        limit: i64,
    ) -> Result<Vec<SearchChange>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT seq, article_id FROM search_changes WHERE seq <= $1 AND changed_at >= $2
             ORDER BY seq LIMIT $3",
        )
        .bind(upto)
        .bind(since_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The highest `seq` of the change log (0 when empty).
    pub async fn search_change_head(&self) -> Result<i64, StoreError> {
        let (head,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(seq), 0) FROM search_changes")
            .fetch_one(&self.pool)
            .await?;
        Ok(head)
    }

    /// The published articles among `ids` as documents (the others are not, or no longer,
    /// published, or gone).
    pub async fn search_docs(&self, ids: &[i64]) -> Result<Vec<SearchDoc>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let q = format!(
            "{DOC_SELECT} AND a.id IN ({})",
            crate::placeholders(ids.len())
        );
        let rows: Vec<DocRow> = crate::bind_ids(sqlx::query_as(crate::sql(&q)), ids)
            .fetch_all(&self.pool)
            .await?;
        self.docs_of(rows).await
    }

    /// Up to `limit` published articles with ids above `after`, by id: a full rebuild walks
    /// the archive with these.
    pub async fn search_docs_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<SearchDoc>, StoreError> {
        let q = format!("{DOC_SELECT} AND a.id > $1 ORDER BY a.id LIMIT $2");
        let rows: Vec<DocRow> = sqlx::query_as(crate::sql(&q))
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        self.docs_of(rows).await
    }

    /// How many articles are published (for a rebuild's progress bar).
    pub async fn count_published(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM articles WHERE status = 'published'")
                .fetch_one(&self.pool)
                .await?;
        Ok(n)
    }

    async fn docs_of(&self, rows: Vec<DocRow>) -> Result<Vec<SearchDoc>, StoreError> {
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut tags = self.names_of(&ids, TAGS).await?;
        let mut authors = self.names_of(&ids, AUTHORS).await?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, headline, dek, body, hero_caption, rubrik_id, rslug, rname, topic_id, tname, at) in
            rows
        {
            let blocks: Vec<Block> = serde_json::from_str(&body)?;
            let (body, captions) = split_body(&blocks, hero_caption);
            let (tag_ids, tag_names) = tags.remove(&id).unwrap_or_default().into_iter().unzip();
            let (_, author_names): (Vec<i64>, Vec<String>) =
                authors.remove(&id).unwrap_or_default().into_iter().unzip();
            out.push(SearchDoc {
                id,
                headline,
                dek,
                body,
                captions,
                rubrik_id,
                rubrik_slug: rslug,
                rubrik_name: rname,
                topic_id,
                topic_name: tname.unwrap_or_default(),
                tag_ids,
                tags: tag_names,
                authors: author_names,
                published_at: at,
            });
        }
        Ok(out)
    }

    /// (id, name) of the tags or authors of each of `ids`, in their order.
    async fn names_of(
        &self,
        ids: &[i64],
        select: &str,
    ) -> Result<HashMap<i64, Vec<(i64, String)>>, StoreError> {
        let mut out: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let q = select.replace("$IDS", &crate::placeholders(ids.len()));
        let rows: Vec<(i64, i64, String)> = crate::bind_ids(sqlx::query_as(crate::sql(&q)), ids)
            .fetch_all(&self.pool)
            .await?;
        for (article, id, name) in rows {
            out.entry(article).or_default().push((id, name));
        }
        Ok(out)
    }
}

const TAGS: &str =
    "SELECT x.article_id, t.id, t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id
    WHERE x.article_id IN ($IDS) ORDER BY x.article_id, x.position";
const AUTHORS: &str = "SELECT x.article_id, u.id, u.name FROM article_authors x
    JOIN users u ON u.id = x.user_id WHERE x.article_id IN ($IDS) ORDER BY x.article_id, x.position";
