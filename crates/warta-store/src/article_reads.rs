//! Reading articles: by id or slug, their revisions, slug history.

use crate::article_write::RevisionRow;
use crate::rows::RawUser;
use crate::{ArticleRow, ArticleWrite, Store, StoreError, TermRow, UserRow};
use sqlx::AnyConnection;
use warta_core::{ArticleKind, Status};

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
    hero_alt: String,
    body: String,
    status: String,
    published_at: Option<i64>,
    created_by: i64,
    created_at: i64,
    updated_at: i64,
    revision: i64,
    seo_title: String,
    seo_description: String,
    live: i64,
    updated_by: Option<i64>,
    updated_by_name: Option<String>,
    submitted_at: Option<i64>,
    kind: String,
    fact_check: String,
}

const ARTICLE_SELECT: &str =
    "SELECT a.id, a.slug, a.headline, a.dek, a.rubrik_id, r.slug AS rubrik_slug,
    r.name AS rubrik_name, r.description AS rubrik_description, a.topic_id, a.dateline, a.signoff,
    a.sources, a.hero_media_id, a.hero_caption, a.hero_credit, a.body, a.status, a.published_at,
    a.created_by, a.created_at, a.updated_at, a.revision, a.hero_alt, a.seo_title,
    a.seo_description, a.live, a.updated_by, ub.name AS updated_by_name, a.submitted_at,
    a.kind, a.fact_check
    FROM articles a JOIN rubriks r ON r.id = a.rubrik_id LEFT JOIN users ub ON ub.id = a.updated_by";

impl Store {
    /// Every revision of an article, newest first.
    pub async fn revisions(&self, article_id: i64) -> Result<Vec<RevisionRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT r.revision, r.author_id, u.name AS author_name, r.created_at
             FROM revisions r JOIN users u ON u.id = r.author_id
             WHERE r.article_id = $1 ORDER BY r.revision DESC",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One revision's snapshot.
    pub async fn revision(
        &self,
        article_id: i64,
        revision: i64,
    ) -> Result<(RevisionRow, ArticleWrite), StoreError> {
        #[derive(sqlx::FromRow)]
        struct Raw {
            revision: i64,
            author_id: i64,
            author_name: String,
            created_at: i64,
            snapshot: String,
        }
        let raw: Raw = sqlx::query_as(
            "SELECT r.revision, r.author_id, u.name AS author_name, r.created_at, r.snapshot
             FROM revisions r JOIN users u ON u.id = r.author_id
             WHERE r.article_id = $1 AND r.revision = $2",
        )
        .bind(article_id)
        .bind(revision)
        .fetch_one(&self.pool)
        .await?;
        let snapshot = serde_json::from_str(&raw.snapshot)?;
        Ok((
            RevisionRow {
                revision: raw.revision,
                author_id: raw.author_id,
                author_name: raw.author_name,
                created_at: raw.created_at,
            },
            snapshot,
        ))
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

/// An article with its links, read through `conn` (a pooled connection or an open
/// transaction, which then sees its own writes).
pub(crate) async fn load_article(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<ArticleRow, StoreError> {
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
        "SELECT u.id, u.email, u.name, u.slug, u.role, u.bio, u.password_hash, u.dateline, u.locale FROM article_authors x
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
    let corrections = sqlx::query_as(
        "SELECT note, created_at FROM corrections WHERE article_id = $1 ORDER BY created_at",
    )
    .bind(raw.id)
    .fetch_all(&mut *conn)
    .await?;
    let (replies, reply_to) = crate::replies::load(conn, raw.id).await?;
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
        hero_alt: raw.hero_alt,
        seo_title: raw.seo_title,
        seo_description: raw.seo_description,
        live: raw.live != 0,
        updated_by: raw.updated_by.zip(raw.updated_by_name),
        submitted_at: raw.submitted_at,
        corrections,
        kind: ArticleKind::parse(&raw.kind).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        fact_check: match raw.fact_check.as_str() {
            "" => None,
            json => Some(serde_json::from_str(json)?),
        },
        replies,
        reply_to,
    })
}
