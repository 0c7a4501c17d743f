//! The durable job queue (the `jobs` table) that warta-jobs' runner works through.
//!
//! A job is a row: a kind, a JSON payload and a time to run it. Workers claim one row at a
//! time in one statement (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent claimers
//! skip each other's rows; SQLite has a single writer), run it, then delete it
//! ([`Store::complete`]), push it back with an error ([`Store::retry_later`]) or keep it as
//! failed for inspection ([`Store::fail`]). A claim older than [`JOB_LEASE_MS`] belongs to a
//! worker that died and can be claimed again, so jobs must be idempotent.

use crate::{Backend, Store, StoreError, now_ms};
use sqlx::AnyConnection;

/// The kind of the job that makes a photo's AVIF variants (payload `{"media_id": N}`),
/// enqueued with the photo's row by [`Store::insert_media`].
pub const AVIF_JOB: &str = "avif";

/// The kind of the job that publishes the scheduled articles whose time has come (payload
/// `{}`); see [`publish_scheduled_job`].
pub const PUBLISH_SCHEDULED_JOB: &str = "publish_scheduled";

/// The job that makes photo `id`'s AVIF variants; at most one waits per photo.
pub fn avif_job(id: i64) -> NewJob {
    NewJob::new(AVIF_JOB, format!("{{\"media_id\":{id}}}")).dedupe(format!("avif:{id}"))
}

/// The job that publishes what is due at `at` (epoch ms); one per distinct time, however
/// many articles share it. It publishes every article due when it runs, so a stale one (the
/// article was rescheduled or returned to draft) does nothing.
pub fn publish_scheduled_job(at: i64) -> NewJob {
    NewJob::new(PUBLISH_SCHEDULED_JOB, "{}")
        .at(at)
        .dedupe(format!("{PUBLISH_SCHEDULED_JOB}:{at}"))
}

/// How long a claim holds: after that the worker is taken for dead and the job is claimable
/// again.
pub const JOB_LEASE_MS: i64 = 10 * 60 * 1000;

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: String,
    /// The job's arguments as JSON.
    pub payload: String,
    /// Epoch ms; not claimed before.
    pub run_at: i64,
    pub max_attempts: i64,
    /// At most one job with this key waits or runs at a time; enqueueing another is a no-op.
    pub dedupe: Option<String>,
}

impl NewJob {
    /// A job due now, with 5 attempts and no dedupe key.
    pub fn new(kind: impl Into<String>, payload: impl Into<String>) -> NewJob {
        NewJob {
            kind: kind.into(),
            payload: payload.into(),
            run_at: now_ms(),
            max_attempts: 5,
            dedupe: None,
        }
    }

    pub fn at(mut self, run_at: i64) -> NewJob {
        self.run_at = run_at;
        self
    }

    pub fn dedupe(mut self, key: impl Into<String>) -> NewJob {
        self.dedupe = Some(key.into());
        self
    }

    pub fn max_attempts(mut self, n: i64) -> NewJob {
        self.max_attempts = n.max(1);
        self
    }
}

/// A job as claimed (or as kept after failing).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub run_at: i64,
    /// Claims so far, this one included.
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
}

const RETURNING: &str = "RETURNING id, kind, payload, run_at, attempts, max_attempts, last_error";

impl Store {
    /// Enqueue a job. Returns its id, or `None` when a job with the same dedupe key is
    /// already waiting or running.
    pub async fn enqueue(&self, job: &NewJob) -> Result<Option<i64>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        enqueue_in(&mut conn, job).await
    }

    /// Claim the next due job among `kinds` for `worker`: the oldest due one that is neither
    /// claimed nor failed, or whose claim is older than the lease. Counts the attempt.
    pub async fn claim(
        &self,
        worker: &str,
        kinds: &[&str],
        now: i64,
    ) -> Result<Option<JobRow>, StoreError> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let skip = match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        };
        let q = format!(
            "UPDATE jobs SET locked_by = $1, locked_at = $2, attempts = attempts + 1
             WHERE id = (SELECT id FROM jobs
                         WHERE failed_at IS NULL AND run_at <= $2 AND kind IN ({kinds})
                           AND (locked_by IS NULL OR locked_at < $3)
                         ORDER BY run_at, id LIMIT 1 {skip})
             {RETURNING}",
            kinds = kind_placeholders(4, kinds.len()),
        );
        let mut query = sqlx::query_as::<_, JobRow>(crate::sql(&q))
            .bind(worker)
            .bind(now)
            .bind(now - JOB_LEASE_MS);
        for k in kinds {
            query = query.bind(*k);
        }
        Ok(query.fetch_optional(&self.pool).await?)
    }

    /// The job is done: forget it.
    pub async fn complete(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM jobs WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The job failed this time: unlock it, due again at `at`.
    pub async fn retry_later(&self, id: i64, at: i64, error: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE jobs SET locked_by = NULL, locked_at = NULL, run_at = $1, last_error = $2
             WHERE id = $3",
        )
        .bind(at)
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Give up on the job; the row stays (with its error) for inspection and no longer
    /// blocks its dedupe key.
    pub async fn fail(&self, id: i64, error: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE jobs SET locked_by = NULL, locked_at = NULL, failed_at = $1, last_error = $2
             WHERE id = $3",
        )
        .bind(now_ms())
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Hand a claimed job back untouched (its worker is shutting down): claimable again at
    /// once, and the interrupted attempt does not count.
    pub async fn release(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE jobs SET locked_by = NULL, locked_at = NULL,
               attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
             WHERE id = $1",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Jobs waiting or running (not failed).
    pub async fn pending_jobs(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE failed_at IS NULL")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// The `run_at` of the job that has been due longest and is not claimed (`None`: none is
    /// due): how far the runner lags behind.
    pub async fn oldest_due_job(&self, now: i64) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT MIN(run_at) FROM jobs WHERE failed_at IS NULL AND locked_by IS NULL AND run_at <= $1",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await?)
    }

    /// When the next job among `kinds` may be claimed: the earliest `run_at` of an unclaimed
    /// job, or the end of a claim's lease. `None` when nothing is waiting.
    pub async fn next_run_at(&self, kinds: &[&str]) -> Result<Option<i64>, StoreError> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let q = format!(
            "SELECT MIN(CASE WHEN locked_by IS NULL THEN run_at ELSE locked_at + $1 END)
             FROM jobs WHERE failed_at IS NULL AND kind IN ({})",
            kind_placeholders(2, kinds.len())
        );
        let mut query = sqlx::query_scalar::<_, Option<i64>>(crate::sql(&q)).bind(JOB_LEASE_MS);
        for k in kinds {
            query = query.bind(*k);
        }
        Ok(query.fetch_one(&self.pool).await?)
    }

    /// Jobs given up on, newest first, with their last error.
    pub async fn failed_jobs(&self, limit: u32) -> Result<Vec<JobRow>, StoreError> {
        let q = format!(
            "SELECT id, kind, payload, run_at, attempts, max_attempts, last_error FROM jobs
             WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT {}",
            limit.clamp(1, 1000)
        );
        Ok(sqlx::query_as(crate::sql(&q)).fetch_all(&self.pool).await?)
    }
}

/// Enqueue a job on `conn`, inside the caller's transaction: the job exists exactly when the
/// change that needs it is committed. Returns `None` when the dedupe key is taken.
pub(crate) async fn enqueue_in(
    conn: &mut AnyConnection,
    job: &NewJob,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, run_at, max_attempts, dedupe, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(&job.kind)
    .bind(&job.payload)
    .bind(job.run_at)
    .bind(job.max_attempts)
    .bind(job.dedupe.as_deref())
    .bind(now_ms())
    .fetch_optional(conn)
    .await?)
}

/// `$first, …` for `n` bound kinds.
fn kind_placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
