//! Pings on publish: the jobs that tell a WebSub hub and IndexNow about a newly published
//! article, enqueued in the transaction that publishes it (so a crash cannot publish without
//! pinging, nor ping for a publication that rolled back). Which services are pinged is set
//! once when the store is opened ([`Store::with_pings`]); none by default.

use crate::jobs::{NewJob, enqueue_in};
use crate::{Store, StoreError};
use sqlx::AnyConnection;

/// The kind of a ping job (payload `{"target": "websub"|"indexnow", "article_id": N}`).
pub const PING_JOB: &str = "ping";

/// The ping of `target` for article `id`: at most one waits per target and article, and a
/// slow or failing service is retried for about 1.4 hours (8 attempts with the runner's
/// backoff) before the job is kept as failed.
pub fn ping_job(target: &str, id: i64) -> NewJob {
    let payload = serde_json::json!({ "target": target, "article_id": id }).to_string();
    NewJob::new(PING_JOB, payload)
        .dedupe(format!("{PING_JOB}:{target}:{id}"))
        .max_attempts(8)
}

impl Store {
    /// Ping `targets` (`websub`, `indexnow`) whenever an article is published.
    pub fn with_pings(mut self, targets: &[&str]) -> Store {
        self.pings = targets.iter().map(|t| t.to_string()).collect();
        self
    }

    /// The services pinged on publish.
    pub fn pings(&self) -> &[String] {
        &self.pings
    }

    /// Enqueue the pings for article `id` inside the publishing transaction.
    pub(crate) async fn enqueue_pings_in(
        &self,
        conn: &mut AnyConnection,
        id: i64,
    ) -> Result<(), StoreError> {
        for target in self.pings.iter() {
            enqueue_in(conn, &ping_job(target, id)).await?;
        }
        Ok(())
    }
}
