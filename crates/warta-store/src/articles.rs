//! Articles: create, update with optimistic concurrency, status changes, slug history,
//! listings. Every save writes a revision snapshot in the same transaction.

use crate::rows::RawUser;
use crate::{ArticleRow, Store, StoreError, TermRow, UserRow, now_ms};
use sqlx::{Any, AnyConnection, Transaction};
use warta_core::{Block, Source, Status};

/// Everything an article save writes. Values are already checked by warta-core at the edge.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ArticleWrite {
    pub slug: String,
    pub headline: String,
    pub dek: String,
    pub rubrik_id: i64,
    pub topic_id: Option<i64>,
    pub tag_ids: Vec<i64>,
    pub author_ids: Vec<i64>,
    pub dateline: String,
    pub signoff: String,
    pub sources: Vec<Source>,
    pub hero_media_id: Option<i64>,
    pub hero_caption: String,
    pub hero_credit: String,
    pub body: Vec<Block>,
    /// Explicit publication time (backdating archives); `None` keeps the current one.
    pub published_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct RawArticle {
    id: i64,
    slug: String,
    headline: String,
    dek: String,
    rubrik_id: i64,
    rubrik_slug: String,
    rubrik_name: String,
    rubrik_description: String,
    topic_id: Option<i64>,
    dateline: String,
    signoff: String,
    sources: String,
    hero_media_id: Option<i64>,
    hero_caption: String,
    hero_credit: String,
    body: String,
    status: String,
    published_at: Option<i64>,
    created_by: i64,
    created_at: i64,
    updated_at: i64,
    revision: i64,
}

const ARTICLE_SELECT: &str =
    "SELECT a.id, a.slug, a.headline, a.dek, a.rubrik_id, r.slug AS rubrik_slug,
    r.name AS rubrik_name, r.description AS rubrik_description, a.topic_id, a.dateline, a.signoff,
    a.sources, a.hero_media_id, a.hero_caption, a.hero_credit, a.body, a.status, a.published_at,
    a.created_by, a.created_at, a.updated_at, a.revision
    FROM articles a JOIN rubriks r ON r.id = a.rubrik_id";

impl Store {
    /// Create an article as `status`, with revision 1.
    pub async fn create_article(
        &self,
        w: &ArticleWrite,
        status: Status,
        by: i64,
    ) -> Result<ArticleRow, StoreError> {
        let now = now_ms();
        let published_at = match status {
            Status::Published => Some(w.published_at.unwrap_or(now)),
            _ => w.published_at,
        };
        let mut tx = self.begin_write().await?;
        let insert = sqlx::query_scalar(
            "INSERT INTO articles (slug, headline, dek, rubrik_id, topic_id, dateline, signoff, sources,
               hero_media_id, hero_caption, hero_credit, body, status, published_at, created_by,
               created_at, updated_at, revision)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,1) RETURNING id",
        );
        let id: i64 = bind_content(insert, w)?
            .bind(status.as_str())
            .bind(published_at)
            .bind(by)
            .bind(now)
            .bind(published_at.filter(|p| *p < now).unwrap_or(now))
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| slug_conflict(e, &w.slug))?;
        write_links(&mut tx, id, w).await?;
        snapshot(&mut tx, id, 1, w, by, now).await?;
        let saved = load_article(&mut tx, id).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Save new content. `expected_revision` guards against overwriting a colleague's edit:
    /// when given and not current, nothing is written and [`StoreError::StaleRevision`] returns.
    pub async fn update_article(
        &self,
        id: i64,
        w: &ArticleWrite,
        expected_revision: Option<i64>,
        by: i64,
    ) -> Result<ArticleRow, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let (old_slug, revision): (String, i64) =
            sqlx::query_as(self.lock_row("SELECT slug, revision FROM articles WHERE id = $1"))
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        if let Some(expected) = expected_revision
            && expected != revision
        {
            return Err(StoreError::StaleRevision { current: revision });
        }
        let next = revision + 1;
        // Compare-and-set on the revision so two concurrent saves cannot both win.
        let update = sqlx::query_scalar(
            "UPDATE articles SET slug=$1, headline=$2, dek=$3, rubrik_id=$4, topic_id=$5, dateline=$6,
               signoff=$7, sources=$8, hero_media_id=$9, hero_caption=$10, hero_credit=$11, body=$12,
               published_at=COALESCE(CAST($13 AS BIGINT), published_at), updated_at=$14, revision=$15
             WHERE id=$16 AND revision=$17 RETURNING id",
        );
        let changed: Option<i64> = bind_content(update, w)?
            .bind(w.published_at)
            .bind(now)
            .bind(next)
            .bind(id)
            .bind(revision)
            .fetch_optional(&mut *tx)
            .await
            .map_err(|e| slug_conflict(e, &w.slug))?;
        if changed.is_none() {
            return Err(StoreError::StaleRevision {
                current: revision + 1,
            });
        }
        if old_slug != w.slug {
            // The new slug may be an old one of this article: it is live again.
            sqlx::query("DELETE FROM slug_redirects WHERE slug = $1")
                .bind(&w.slug)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO slug_redirects (slug, article_id) VALUES ($1, $2)")
                .bind(&old_slug)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM article_authors WHERE article_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        write_links(&mut tx, id, w).await?;
        snapshot(&mut tx, id, next, w, by, now).await?;
        // Read back inside the transaction: the caller gets exactly its own save, never a
        // later one, so the revision it holds is the one its next save must name.
        let saved = load_article(&mut tx, id).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Publish or unpublish. Publishing keeps an existing (e.g. backdated) time unless `at` is
    /// given; a first publication sets the modification time to the publication time.
    pub async fn set_status(
        &self,
        id: i64,
        status: Status,
        at: Option<i64>,
    ) -> Result<ArticleRow, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let current = load_article(&mut tx, id).await?;
        let (published_at, updated_at) = match status {
            Status::Published => {
                let p = at.or(current.published_at).unwrap_or(now);
                let first = current.status != Status::Published && current.published_at.is_none();
                (Some(p), if first { p.min(now) } else { now })
            }
            _ => (current.published_at, now),
        };
        sqlx::query(
            "UPDATE articles SET status = $1, published_at = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(status.as_str())
        .bind(published_at)
        .bind(updated_at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let saved = load_article(&mut tx, id).await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn article_by_id(&self, id: i64) -> Result<ArticleRow, StoreError> {
        let mut conn = self.pool.acquire().await?;
        load_article(&mut conn, id).await
    }

    pub async fn article_by_slug(&self, slug: &str) -> Result<Option<ArticleRow>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let q = format!("{ARTICLE_SELECT} WHERE a.slug = $1");
        match sqlx::query_as::<_, RawArticle>(crate::sql(&q))
            .bind(slug)
            .fetch_optional(&mut *conn)
            .await?
        {
            Some(raw) => Ok(Some(resolve(&mut conn, raw).await?)),
            None => Ok(None),
        }
    }

    pub async fn article_exists(&self, id: i64) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles WHERE id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// The current slug of the article that once had `old_slug`.
    pub async fn redirect_for(&self, old_slug: &str) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT a.slug FROM slug_redirects s JOIN articles a ON a.id = s.article_id WHERE s.slug = $1",
        )
        .bind(old_slug)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Whether a slug is used by an article other than `except`, now or in its history.
    pub async fn slug_taken(&self, slug: &str, except: Option<i64>) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM articles WHERE slug = $1 AND id <> $2)
                  + (SELECT COUNT(*) FROM slug_redirects WHERE slug = $1 AND article_id <> $2)",
        )
        .bind(slug)
        .bind(except.unwrap_or(-1))
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }
}

type Scalar<'q> = sqlx::query::QueryScalar<'q, Any, i64, sqlx::any::AnyArguments>;

/// Bind the content columns `$1`–`$12` shared by INSERT and UPDATE, in this order: slug,
/// headline, dek, rubrik_id, topic_id, dateline, signoff, sources, hero_media_id,
/// hero_caption, hero_credit, body.
fn bind_content<'q>(q: Scalar<'q>, w: &ArticleWrite) -> Result<Scalar<'q>, StoreError> {
    Ok(q.bind(w.slug.clone())
        .bind(w.headline.clone())
        .bind(w.dek.clone())
        .bind(w.rubrik_id)
        .bind(w.topic_id)
        .bind(w.dateline.clone())
        .bind(w.signoff.clone())
        .bind(serde_json::to_string(&w.sources)?)
        .bind(w.hero_media_id)
        .bind(w.hero_caption.clone())
        .bind(w.hero_credit.clone())
        .bind(serde_json::to_string(&w.body)?))
}

fn slug_conflict(e: sqlx::Error, slug: &str) -> StoreError {
    match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::Conflict(format!("an article with slug '{slug}'")),
        other => other,
    }
}

async fn write_links(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    w: &ArticleWrite,
) -> Result<(), StoreError> {
    for (pos, tag) in dedup(&w.tag_ids).into_iter().enumerate() {
        sqlx::query("INSERT INTO article_tags (article_id, tag_id, position) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(tag)
            .bind(pos as i64)
            .execute(&mut **tx)
            .await?;
    }
    for (pos, user) in dedup(&w.author_ids).into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO article_authors (article_id, user_id, position) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(user)
        .bind(pos as i64)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

fn dedup(ids: &[i64]) -> Vec<i64> {
    let mut seen = Vec::with_capacity(ids.len());
    for id in ids {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    seen
}

async fn snapshot(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    revision: i64,
    w: &ArticleWrite,
    by: i64,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO revisions (article_id, revision, snapshot, author_id, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(revision)
    .bind(serde_json::to_string(w)?)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An article with its links, read through `conn` (a pooled connection or an open
/// transaction, which then sees its own writes).
async fn load_article(conn: &mut AnyConnection, id: i64) -> Result<ArticleRow, StoreError> {
    let q = format!("{ARTICLE_SELECT} WHERE a.id = $1");
    let raw: RawArticle = sqlx::query_as(crate::sql(&q))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    resolve(conn, raw).await
}

async fn resolve(conn: &mut AnyConnection, raw: RawArticle) -> Result<ArticleRow, StoreError> {
    let tags: Vec<TermRow> = sqlx::query_as(
        "SELECT t.id, t.slug, t.name, '' AS description FROM article_tags x JOIN tags t ON t.id = x.tag_id
         WHERE x.article_id = $1 ORDER BY x.position",
    )
    .bind(raw.id)
    .fetch_all(&mut *conn)
    .await?;
    let authors = sqlx::query_as::<_, RawUser>(
        "SELECT u.id, u.email, u.name, u.slug, u.role, u.bio, u.password_hash FROM article_authors x
         JOIN users u ON u.id = x.user_id WHERE x.article_id = $1 ORDER BY x.position",
    )
    .bind(raw.id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(UserRow::try_from)
    .collect::<Result<Vec<_>, _>>()?;
    let topic = match raw.topic_id {
        Some(id) => Some(
            sqlx::query_as("SELECT id, slug, name, description FROM topics WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?,
        ),
        None => None,
    };
    Ok(ArticleRow {
        id: raw.id,
        slug: raw.slug,
        headline: raw.headline,
        dek: raw.dek,
        rubrik: TermRow {
            id: raw.rubrik_id,
            slug: raw.rubrik_slug,
            name: raw.rubrik_name,
            description: raw.rubrik_description,
        },
        topic,
        tags,
        authors,
        dateline: raw.dateline,
        signoff: raw.signoff,
        sources: serde_json::from_str(&raw.sources)?,
        hero_media_id: raw.hero_media_id,
        hero_caption: raw.hero_caption,
        hero_credit: raw.hero_credit,
        body: serde_json::from_str(&raw.body)?,
        status: Status::parse(&raw.status).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        published_at: raw.published_at,
        created_by: raw.created_by,
        created_at: raw.created_at,
        updated_at: raw.updated_at,
        revision: raw.revision,
    })
}
