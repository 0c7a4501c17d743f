//! Pending versions: a published or scheduled article's saved but unpublished changes.
//! Readers, feeds, sitemaps, search and the page cache see only the live row in `articles`;
//! the pending version lives in `article_pending` until it is applied (it then becomes the
//! live content through the ordinary update, with its revision and audit record) or discarded.
//! Every pending save is also a revision and moves the article's revision counter, so the
//! same optimistic-concurrency rule guards live and pending saves alike.

use crate::article_reads::load_article;
use crate::articles::{audit_in, snapshot};
use crate::{ArticleRow, ArticleWrite, Save, Store, StoreError, now_ms};

/// The pending version of an article.
#[derive(Debug, Clone)]
pub struct PendingRow {
    pub article_id: i64,
    /// The revision this pending version was saved as.
    pub revision: i64,
    pub write: ArticleWrite,
    pub by: i64,
    pub by_name: String,
    pub updated_at: i64,
    /// When a writer's change entered the review queue.
    pub submitted_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct RawPending {
    article_id: i64,
    revision: i64,
    snapshot: String,
    by_user: i64,
    by_name: String,
    updated_at: i64,
    submitted_at: Option<i64>,
}

impl TryFrom<RawPending> for PendingRow {
    type Error = StoreError;
    fn try_from(r: RawPending) -> Result<Self, StoreError> {
        Ok(PendingRow {
            article_id: r.article_id,
            revision: r.revision,
            write: serde_json::from_str(&r.snapshot)?,
            by: r.by_user,
            by_name: r.by_name,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
        })
    }
}

const PENDING_SELECT: &str = "SELECT p.article_id, p.revision, p.snapshot, p.by_user,
    u.name AS by_name, p.updated_at, p.submitted_at
    FROM article_pending p JOIN users u ON u.id = p.by_user";

impl Store {
    /// Save `w` as the pending version of article `id`, leaving the live content untouched.
    /// `save.expected_revision` is checked as for [`Store::update_article`]; `for_review`
    /// puts the change in the review queue (a writer's change to a published story).
    /// Returns the live article (with its new revision) and the pending version.
    pub async fn stage_article(
        &self,
        id: i64,
        w: &ArticleWrite,
        save: &Save,
        for_review: bool,
    ) -> Result<(ArticleRow, PendingRow), StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let revision: i64 =
            sqlx::query_scalar(self.lock_row("SELECT revision FROM articles WHERE id = $1"))
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        if let Some(expected) = save.expected_revision
            && expected != revision
        {
            return Err(StoreError::StaleRevision { current: revision });
        }
        let next = revision + 1;
        let bumped: Option<i64> = sqlx::query_scalar(
            "UPDATE articles SET revision = $1 WHERE id = $2 AND revision = $3 RETURNING id",
        )
        .bind(next)
        .bind(id)
        .bind(revision)
        .fetch_optional(&mut *tx)
        .await?;
        if bumped.is_none() {
            return Err(StoreError::StaleRevision { current: next });
        }
        let submitted_at = for_review.then_some(now);
        sqlx::query("DELETE FROM article_pending WHERE article_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO article_pending (article_id, revision, snapshot, by_user, updated_at, submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(next)
        .bind(serde_json::to_string(w)?)
        .bind(save.by)
        .bind(now)
        .bind(submitted_at)
        .execute(&mut *tx)
        .await?;
        snapshot(&mut tx, id, next, w, save.by, now).await?;
        let action = if for_review { "stage_review" } else { "stage" };
        audit_in(
            &mut tx,
            &self.origin,
            Some(save.by),
            action,
            Some(id),
            &format!("revisi {next}"),
            now,
        )
        .await?;
        let live = load_article(&mut tx, id).await?;
        let pending = pending_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok((live, pending))
    }

    /// The pending version of article `id`, if it has one.
    pub async fn pending(&self, id: i64) -> Result<Option<PendingRow>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        pending_in(&mut conn, id).await
    }

    /// Make the pending version the live content (one revision, one audit record, the
    /// optional correction note) and remove it, in one transaction. `save.expected_revision`
    /// is checked against the article's current revision.
    pub async fn apply_pending(&self, id: i64, save: &Save) -> Result<ArticleRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let pending = pending_in(&mut tx, id)
            .await?
            .ok_or_else(|| StoreError::Invalid("the article has no unpublished changes".into()))?;
        let mut w = pending.write;
        // The publication time is never changed by an update.
        w.published_at = None;
        let saved = self.update_in(&mut tx, id, &w, save).await?;
        sqlx::query("DELETE FROM article_pending WHERE article_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Forget the pending version (the live content stays as it is). Returns false when
    /// there was none.
    pub async fn discard_pending(&self, id: i64, by: i64) -> Result<bool, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let gone = sqlx::query("DELETE FROM article_pending WHERE article_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if gone > 0 {
            audit_in(
                &mut tx,
                &self.origin,
                Some(by),
                "discard",
                Some(id),
                "",
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(gone > 0)
    }

    /// Ids of published articles whose pending change waits for an editor's review, oldest
    /// first, with who submitted it and when.
    pub async fn pending_for_review(&self, limit: i64) -> Result<Vec<PendingRow>, StoreError> {
        let q = format!(
            "{PENDING_SELECT} WHERE p.submitted_at IS NOT NULL ORDER BY p.submitted_at LIMIT $1"
        );
        let rows: Vec<RawPending> = sqlx::query_as(crate::sql(&q))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(PendingRow::try_from).collect()
    }
}

async fn pending_in(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Option<PendingRow>, StoreError> {
    let q = format!("{PENDING_SELECT} WHERE p.article_id = $1");
    let raw: Option<RawPending> = sqlx::query_as(crate::sql(&q))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    raw.map(PendingRow::try_from).transpose()
}

impl Store {
    /// `live` as it reads with `w` applied: the content fields from `w`, its rubrik, tags,
    /// topic and authors looked up; status, times and corrections stay the live ones'.
    pub async fn pending_view(
        &self,
        live: &ArticleRow,
        w: &ArticleWrite,
    ) -> Result<ArticleRow, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let mut v = live.clone();
        v.rubrik = sqlx::query_as("SELECT id, slug, name, description FROM rubriks WHERE id = $1")
            .bind(w.rubrik_id)
            .fetch_one(&mut *conn)
            .await?;
        v.topic = match w.topic_id {
            Some(id) => Some(
                sqlx::query_as("SELECT id, slug, name, description FROM topics WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?,
            ),
            None => None,
        };
        v.tags = Vec::with_capacity(w.tag_ids.len());
        for id in &w.tag_ids {
            let t: Option<crate::TermRow> =
                sqlx::query_as("SELECT id, slug, name, '' AS description FROM tags WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            v.tags.extend(t);
        }
        v.authors = Vec::with_capacity(w.author_ids.len());
        for id in &w.author_ids {
            let u: Option<crate::rows::RawUser> = sqlx::query_as(
                "SELECT id, email, name, slug, role, bio, password_hash, dateline, locale FROM users WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            if let Some(u) = u {
                v.authors.push(crate::UserRow::try_from(u)?);
            }
        }
        v.slug = w.slug.clone();
        v.headline = w.headline.clone();
        v.dek = w.dek.clone();
        v.dateline = w.dateline.clone();
        v.signoff = w.signoff.clone();
        v.sources = w.sources.clone();
        v.hero_media_id = w.hero_media_id;
        v.hero_caption = w.hero_caption.clone();
        v.hero_credit = w.hero_credit.clone();
        v.hero_alt = w.hero_alt.clone();
        v.body = w.body.clone();
        v.seo_title = w.seo_title.clone();
        v.seo_description = w.seo_description.clone();
        v.live = w.live;
        v.kind = w.kind;
        v.fact_check = w.fact_check.clone();
        Ok(v)
    }
}
