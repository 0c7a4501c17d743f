//! The [`Job`] trait: what a kind of job is called, which queue runs it and how it runs.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use warta_store::{NewJob, Store};

/// Which attempt this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// 1 for the first run.
    pub number: i64,
    pub max: i64,
}

impl Attempt {
    /// No retry follows if this one fails: give up cleanly (e.g. clear a "pending" mark).
    pub fn is_last(&self) -> bool {
        self.number >= self.max
    }
}

/// A kind of background job. The value is the payload, stored as JSON.
pub trait Job: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The `kind` column; unique per job type.
    const KIND: &'static str;
    /// Jobs of one queue run one at a time in each instance; queues run side by side (so
    /// a long encode does not hold up the scheduler).
    const QUEUE: &'static str = "default";
    const MAX_ATTEMPTS: i64 = 5;

    type Context: Clone + Send + Sync + 'static;

    /// At most one job with this key waits or runs at a time.
    fn dedupe_key(&self) -> Option<String> {
        None
    }

    /// Do the work. Must be idempotent: a run cut off by a crash or a shutdown runs again.
    fn run(
        &self,
        ctx: &Self::Context,
        attempt: Attempt,
    ) -> impl Future<Output = anyhow::Result<()>> + Send;
}

/// The row for `job`, due now.
pub fn new_job<J: Job>(job: &J) -> anyhow::Result<NewJob> {
    let mut row = NewJob::new(J::KIND, serde_json::to_string(job)?).max_attempts(J::MAX_ATTEMPTS);
    row.dedupe = job.dedupe_key();
    Ok(row)
}

/// Enqueue `job` to run now (outside any other transaction; the store enqueues the jobs its
/// own writes need in their transactions). `None`: a job with its dedupe key already waits.
pub async fn enqueue<J: Job>(store: &Store, job: &J) -> anyhow::Result<Option<i64>> {
    Ok(store.enqueue(&new_job(job)?).await?)
}
