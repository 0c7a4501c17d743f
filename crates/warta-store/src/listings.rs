//! Listings: one filtered, paged query for the reader pages, feeds, sitemaps and the API, plus
//! the small lookups that pages need (teasers by id, related articles, publication times).

use crate::{ArticleRow, Store, StoreError, TeaserRow};
use warta_core::Status;

/// Filters for listings. `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub status: Option<Status>,
    pub rubrik_id: Option<i64>,
    pub topic_id: Option<i64>,
    pub tag_id: Option<i64>,
    pub author_id: Option<i64>,
    /// Published at or after (ms).
    pub from: Option<i64>,
    /// Published before (ms).
    pub until: Option<i64>,
    /// Substring of the headline, case-insensitive.
    pub q: Option<String>,
    /// Only stories (no `page`s): every reader-side list, feed and the news sitemap.
    pub stories_only: bool,
}

/// Reader-side listing scopes: always published articles, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListScope {
    All,
    Rubrik(i64),
    Tag(i64),
    Topic(i64),
    Author(i64),
    /// Published within [from, until).
    Between(i64, i64),
}

impl ListScope {
    pub fn filter(self) -> ArticleFilter {
        let mut f = ArticleFilter {
            status: Some(Status::Published),
            stories_only: true,
            ..Default::default()
        };
        match self {
            ListScope::All => {}
            ListScope::Rubrik(id) => f.rubrik_id = Some(id),
            ListScope::Tag(id) => f.tag_id = Some(id),
            ListScope::Topic(id) => f.topic_id = Some(id),
            ListScope::Author(id) => f.author_id = Some(id),
            ListScope::Between(a, b) => {
                f.from = Some(a);
                f.until = Some(b);
            }
        }
        f
    }
}

pub(crate) const TEASER_SELECT: &str =
    "SELECT a.id, a.slug, a.headline, a.dek, a.status, a.rubrik_id,
    r.slug AS rubrik_slug, r.name AS rubrik_name, a.published_at, a.updated_at, a.revision,
    a.hero_media_id, a.kind FROM articles a JOIN rubriks r ON r.id = a.rubrik_id";

/// A bound value of a listing filter.
enum Arg {
    Text(String),
    Int(i64),
}

/// The WHERE clause of a listing with only the filters in use, and their values in placeholder
/// order. Leaving unused filters out (rather than `$n IS NULL OR …`) lets SQLite and
/// PostgreSQL use the (status | rubrik | topic, published_at) indexes: on 10,000 articles the
/// catch-all form scanned the whole table for every page.
fn filter_clause(f: &ArticleFilter) -> (String, Vec<Arg>) {
    let mut parts: Vec<String> = Vec::new();
    let mut args = Vec::new();
    let mut add = |sql: &str, arg: Arg| {
        args.push(arg);
        parts.push(sql.replace("$?", &format!("${}", args.len())));
    };
    if let Some(s) = f.status {
        add("a.status = $?", Arg::Text(s.as_str().to_string()));
    }
    if let Some(id) = f.rubrik_id {
        add("a.rubrik_id = $?", Arg::Int(id));
    }
    if let Some(id) = f.topic_id {
        add("a.topic_id = $?", Arg::Int(id));
    }
    if let Some(id) = f.tag_id {
        add(
            "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = $?)",
            Arg::Int(id),
        );
    }
    if let Some(id) = f.author_id {
        add(
            "EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = a.id AND w.user_id = $?)",
            Arg::Int(id),
        );
    }
    if let Some(t) = f.from {
        add("a.published_at >= $?", Arg::Int(t));
    }
    if let Some(t) = f.until {
        add("a.published_at < $?", Arg::Int(t));
    }
    if let Some(q) = &f.q {
        let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
        add("LOWER(a.headline) LIKE $?", Arg::Text(pattern));
    }
    if f.stories_only {
        parts.push("a.kind <> 'page'".to_string());
    }
    let clause = if parts.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", parts.join(" AND "))
    };
    (clause, args)
}

fn bind_args<'q, O>(mut q: crate::AnyQueryAs<'q, O>, args: &[Arg]) -> crate::AnyQueryAs<'q, O> {
    for a in args {
        q = match a {
            Arg::Text(t) => q.bind(t.clone()),
            Arg::Int(i) => q.bind(*i),
        };
    }
    q
}

impl Store {
    /// A page of articles and the total matching, newest publication first.
    pub async fn list_articles(
        &self,
        f: &ArticleFilter,
        page: u32,
        per_page: u32,
    ) -> Result<(Vec<TeaserRow>, i64), StoreError> {
        let per_page = per_page.clamp(1, 100);
        let offset = i64::from(page.max(1) - 1) * i64::from(per_page);
        let (clause, args) = filter_clause(f);
        // Published articles all have a time: order by it alone so the index gives the order.
        let order = if f.status == Some(Status::Published) {
            "a.published_at DESC, a.id DESC"
        } else {
            "COALESCE(a.published_at, a.updated_at) DESC, a.id DESC"
        };
        let q =
            format!("{TEASER_SELECT}{clause} ORDER BY {order} LIMIT {per_page} OFFSET {offset}");
        let rows = bind_args(sqlx::query_as::<_, TeaserRow>(crate::sql(&q)), &args)
            .fetch_all(&self.pool)
            .await?;
        let cq = format!("SELECT COUNT(*) FROM articles a{clause}");
        let (total,): (i64,) = bind_args(sqlx::query_as(crate::sql(&cq)), &args)
            .fetch_one(&self.pool)
            .await?;
        Ok((rows, total))
    }

    /// Published articles among `ids`, in no particular order.
    pub async fn published_teasers(&self, ids: &[i64]) -> Result<Vec<TeaserRow>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let q = format!(
            "{TEASER_SELECT} WHERE a.status = 'published' AND a.id IN ({})",
            crate::placeholders(ids.len())
        );
        let query = crate::bind_ids(sqlx::query_as::<_, TeaserRow>(crate::sql(&q)), ids);
        Ok(query.fetch_all(&self.pool).await?)
    }

    /// Further reading for an article: published articles of the same topic or sharing a tag
    /// first, then others from its rubrik; newest first within each group. Two queries that
    /// each walk an index newest-first and stop at `limit`, rather than one that ranks every
    /// article of the rubrik (which took 24 ms per article page at 10,000 articles).
    pub async fn related_teasers(
        &self,
        a: &ArticleRow,
        limit: u32,
    ) -> Result<Vec<TeaserRow>, StoreError> {
        let limit = limit.min(20);
        let close = format!(
            "{TEASER_SELECT} WHERE a.status = 'published' AND a.kind <> 'page' AND a.id <> $1 AND (a.topic_id = $2
               OR a.id IN (SELECT x.article_id FROM article_tags x JOIN article_tags y
                           ON x.tag_id = y.tag_id WHERE y.article_id = $1))
             ORDER BY a.published_at DESC, a.id DESC LIMIT {limit}"
        );
        let mut out: Vec<TeaserRow> = sqlx::query_as(crate::sql(&close))
            .bind(a.id)
            .bind(a.topic.as_ref().map(|t| t.id).unwrap_or(-1))
            .fetch_all(&self.pool)
            .await?;
        let missing = limit as usize - out.len().min(limit as usize);
        if missing > 0 {
            // Enough of the rubrik's newest to fill up even if all the close ones are among them.
            let fill = format!(
                "{TEASER_SELECT} WHERE a.status = 'published' AND a.kind <> 'page' AND a.rubrik_id = $1 AND a.id <> $2
                 ORDER BY a.published_at DESC, a.id DESC LIMIT {}",
                missing + out.len()
            );
            let rows: Vec<TeaserRow> = sqlx::query_as(crate::sql(&fill))
                .bind(a.rubrik.id)
                .bind(a.id)
                .fetch_all(&self.pool)
                .await?;
            let seen: Vec<i64> = out.iter().map(|r| r.id).collect();
            out.extend(
                rows.into_iter()
                    .filter(|r| !seen.contains(&r.id))
                    .take(missing),
            );
        }
        Ok(out)
    }

    /// Author names of each article among `ids`, in byline order (one query for a whole list).
    pub async fn author_names(
        &self,
        ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, Vec<String>>, StoreError> {
        let mut out: std::collections::HashMap<i64, Vec<String>> = Default::default();
        if ids.is_empty() {
            return Ok(out);
        }
        let q = format!(
            "SELECT x.article_id, u.name FROM article_authors x JOIN users u ON u.id = x.user_id
             WHERE x.article_id IN ({}) ORDER BY x.article_id, x.position",
            crate::placeholders(ids.len())
        );
        let query = crate::bind_ids(sqlx::query_as::<_, (i64, String)>(crate::sql(&q)), ids);
        for (article, name) in query.fetch_all(&self.pool).await? {
            out.entry(article).or_default().push(name);
        }
        Ok(out)
    }

    /// (published_at, updated_at) of every published article, for the sitemap index.
    pub async fn published_times(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT published_at, updated_at FROM articles WHERE status = 'published' AND published_at IS NOT NULL",
        )
        .fetch_all(&self.pool)
        .await?)
    }
}
