//! Articles: create, update with optimistic concurrency, status changes, slug history,
//! listings. Every save writes a revision snapshot in the same transaction.

use crate::article_reads::load_article;
pub use crate::article_write::{ArticleWrite, RevisionRow, Save};
use crate::{ArticleRow, Store, StoreError, now_ms};
use sqlx::{Any, AnyConnection, Transaction};
use warta_core::{Status, Transition};

impl Store {
    /// Create an article as `status`, with revision 1.
    pub async fn create_article(
        &self,
        w: &ArticleWrite,
        status: Status,
        by: i64,
    ) -> Result<ArticleRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = create_article_in(&mut tx, &self.origin, w, status, by).await?;
        let saved = load_article(&mut tx, id).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Save new content. `save.expected_revision` guards against overwriting a colleague's
    /// edit: when given and not current, nothing is written and [`StoreError::StaleRevision`]
    /// returns. The revision snapshot, the correction note and the audit record are written in
    /// the same transaction.
    pub async fn update_article(
        &self,
        id: i64,
        w: &ArticleWrite,
        save: &Save,
    ) -> Result<ArticleRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let saved = self.update_in(&mut tx, id, w, save).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// [`Store::update_article`] inside an open write transaction.
    pub(crate) async fn update_in(
        &self,
        tx: &mut Transaction<'_, Any>,
        id: i64,
        w: &ArticleWrite,
        save: &Save,
    ) -> Result<ArticleRow, StoreError> {
        let (expected_revision, by) = (save.expected_revision, save.by);
        let now = now_ms();
        let (old_slug, revision): (String, i64) =
            sqlx::query_as(self.lock_row("SELECT slug, revision FROM articles WHERE id = $1"))
                .bind(id)
                .fetch_one(&mut **tx)
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
               hero_alt=$13, seo_title=$14, seo_description=$15, live=$16, kind=$17, fact_check=$18,
               published_at=COALESCE(CAST($19 AS BIGINT), published_at), updated_at=$20, revision=$21,
               updated_by=$22
             WHERE id=$23 AND revision=$24 RETURNING id",
        );
        let changed: Option<i64> = bind_content(update, w)?
            .bind(w.published_at)
            .bind(now)
            .bind(next)
            .bind(by)
            .bind(id)
            .bind(revision)
            .fetch_optional(&mut **tx)
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
                .execute(&mut **tx)
                .await?;
            sqlx::query("INSERT INTO slug_redirects (slug, article_id) VALUES ($1, $2)")
                .bind(&old_slug)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        sqlx::query("DELETE FROM article_authors WHERE article_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        write_links(tx, id, w).await?;
        snapshot(tx, id, next, w, by, now).await?;
        if let Some(note) = save.correction.as_deref().filter(|n| !n.trim().is_empty()) {
            sqlx::query(
                "INSERT INTO corrections (article_id, note, author_id, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(note)
            .bind(by)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            audit_in(tx, &self.origin, Some(by), "correct", Some(id), note, now).await?;
        }
        let action = if save.action.is_empty() {
            "save"
        } else {
            save.action
        };
        audit_in(
            tx,
            &self.origin,
            Some(by),
            action,
            Some(id),
            &format!("revisi {next}"),
            now,
        )
        .await?;
        // Read back inside the transaction: the caller gets exactly its own save, never a
        // later one, so the revision it holds is the one its next save must name.
        load_article(tx, id).await
    }

    /// Take a workflow step, checked against the status under the row lock so two editors
    /// cannot both act on a stale view. Publishing keeps an existing (e.g. backdated) time
    /// unless `at` is given; scheduling needs `at`. A first publication sets the modification
    /// time to the publication time.
    pub async fn transition(
        &self,
        id: i64,
        step: Transition,
        at: Option<i64>,
        by: i64,
    ) -> Result<ArticleRow, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query(self.lock_row("SELECT id FROM articles WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let current = load_article(&mut tx, id).await?;
        let status = step
            .apply(current.status)
            .map_err(|e| StoreError::Invalid(e.message))?;
        // A first publication (also of a backdated archive article) is no update: only an
        // article that was out before (published, or unpublished and back) gets a new
        // modification time.
        let first = !matches!(current.status, Status::Published | Status::Unpublished);
        let (published_at, updated_at) = match step {
            Transition::Publish => {
                let p = at.or(current.published_at).unwrap_or(now).min(now);
                (Some(p), if first { p } else { now })
            }
            Transition::Schedule => {
                let p = at.ok_or_else(|| StoreError::Invalid("scheduling needs a time".into()))?;
                (Some(p), if first { p } else { now })
            }
            // Returning a scheduled article to draft forgets its planned time.
            Transition::Return if current.status == Status::Scheduled => (None, now),
            _ => (current.published_at, now),
        };
        let submitted_at = match step {
            Transition::Submit => Some(now),
            _ => current.submitted_at,
        };
        sqlx::query(
            "UPDATE articles SET status = $1, published_at = $2, updated_at = $3, submitted_at = $4
             WHERE id = $5",
        )
        .bind(status.as_str())
        .bind(published_at)
        .bind(updated_at)
        .bind(submitted_at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // The scheduler's job for this time, in the same transaction as the schedule, so a
        // crash between the two cannot leave a scheduled article without a publisher.
        if let (Transition::Schedule, Some(p)) = (step, published_at) {
            crate::jobs::enqueue_in(&mut tx, &crate::jobs::publish_scheduled_job(p)).await?;
        }
        if step == Transition::Publish {
            self.enqueue_pings_in(&mut tx, id).await?;
        }
        let detail = match (step, published_at) {
            (Transition::Schedule, Some(p)) => warta_core::format_long_wib(p),
            _ => String::new(),
        };
        audit_in(
            &mut tx,
            &self.origin,
            Some(by),
            step.as_str(),
            Some(id),
            &detail,
            now,
        )
        .await?;
        let saved = load_article(&mut tx, id).await?;
        tx.commit().await?;
        Ok(saved)
    }
}

/// [`Store::create_article`] inside the caller's transaction; returns the new id.
pub(crate) async fn create_article_in(
    tx: &mut Transaction<'static, Any>,
    origin: &str,
    w: &ArticleWrite,
    status: Status,
    by: i64,
) -> Result<i64, StoreError> {
    let now = now_ms();
    let published_at = match status {
        Status::Published => Some(w.published_at.unwrap_or(now)),
        _ => w.published_at,
    };
    let insert = sqlx::query_scalar(
        "INSERT INTO articles (slug, headline, dek, rubrik_id, topic_id, dateline, signoff, sources,
           hero_media_id, hero_caption, hero_credit, body, hero_alt, seo_title, seo_description,
           live, kind, fact_check, status, published_at, created_by, created_at, updated_at,
           revision, updated_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,1,$21)
         RETURNING id",
    );
    let id: i64 = bind_content(insert, w)?
        .bind(status.as_str())
        .bind(published_at)
        .bind(by)
        .bind(now)
        .bind(published_at.filter(|p| *p < now).unwrap_or(now))
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| slug_conflict(e, &w.slug))?;
    write_links(tx, id, w).await?;
    snapshot(tx, id, 1, w, by, now).await?;
    audit_in(tx, origin, Some(by), "create", Some(id), &w.headline, now).await?;
    Ok(id)
}

pub(crate) type Scalar<'q> = sqlx::query::QueryScalar<'q, Any, i64, sqlx::any::AnyArguments>;

/// Bind the content columns `$1`–`$18` shared by INSERT and UPDATE, in this order: slug,
/// headline, dek, rubrik_id, topic_id, dateline, signoff, sources, hero_media_id,
/// hero_caption, hero_credit, body, hero_alt, seo_title, seo_description, live, kind,
/// fact_check (JSON, or '' for none).
pub(crate) fn bind_content<'q>(q: Scalar<'q>, w: &ArticleWrite) -> Result<Scalar<'q>, StoreError> {
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
        .bind(serde_json::to_string(&w.body)?)
        .bind(w.hero_alt.clone())
        .bind(w.seo_title.clone())
        .bind(w.seo_description.clone())
        .bind(i64::from(w.live))
        .bind(w.kind.as_str())
        .bind(match &w.fact_check {
            Some(f) => serde_json::to_string(f)?,
            None => String::new(),
        }))
}

/// Append to the audit log inside a transaction.
pub(crate) async fn audit_in(
    conn: &mut AnyConnection,
    origin: &str,
    by: Option<i64>,
    action: &str,
    article_id: Option<i64>,
    detail: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, action, article_id, detail, origin)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now)
    .bind(by)
    .bind(action)
    .bind(article_id)
    .bind(detail.chars().take(500).collect::<String>())
    .bind(origin)
    .execute(conn)
    .await?;
    Ok(())
}

pub(crate) fn slug_conflict(e: sqlx::Error, slug: &str) -> StoreError {
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
    for (table, column, ids) in [
        ("article_tags", "tag_id", dedup(&w.tag_ids)),
        ("article_authors", "user_id", dedup(&w.author_ids)),
    ] {
        if ids.is_empty() {
            continue;
        }
        // One statement for all of an article's links (imports save thousands a second).
        let rows: Vec<String> = (0..ids.len())
            .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
            .collect();
        let q = format!(
            "INSERT INTO {table} (article_id, {column}, position) VALUES {}",
            rows.join(", ")
        );
        let mut insert = sqlx::query(crate::sql(&q));
        for (pos, link) in ids.into_iter().enumerate() {
            insert = insert.bind(id).bind(link).bind(pos as i64);
        }
        insert.execute(&mut **tx).await?;
    }
    Ok(())
}

pub(crate) fn dedup(ids: &[i64]) -> Vec<i64> {
    let mut seen = Vec::with_capacity(ids.len());
    for id in ids {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    seen
}

pub(crate) async fn snapshot(
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
