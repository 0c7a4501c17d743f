//! The scheduler: scheduled articles go live when their time comes.
//!
//! A [`PublishScheduled`] job waits for each distinct scheduled time (dedupe key
//! `publish_scheduled:<ms>`). When it runs it publishes every article then due, in one store
//! statement, so several instances (or a retry) publish each article exactly once; then it
//! makes sure a job waits for the next scheduled time. The jobs are durable, so a restart in
//! between loses nothing; [`schedule_next`] at start-up also covers articles scheduled before
//! the job table existed.

use crate::{Attempt, Context, Job};
use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use warta_core::Change;
use warta_store::{PUBLISH_SCHEDULED_JOB, Store, now_ms, publish_scheduled_job};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PublishScheduled {}

impl Job for PublishScheduled {
    const KIND: &'static str = PUBLISH_SCHEDULED_JOB;
    type Context = Context;

    async fn run(&self, ctx: &Context, _attempt: Attempt) -> anyhow::Result<()> {
        let ids = ctx
            .store
            .publish_due(now_ms())
            .await
            .context("publishing due articles")?;
        for id in ids {
            tracing::info!(article = id, "scheduled article published");
            ctx.announce(Change::ArticleId(id));
        }
        schedule_next(&ctx.store).await
    }
}

/// Make sure a job waits for the earliest scheduled article, if any (a no-op when one
/// already does). Call after scheduling an article outside the store's transaction.
pub async fn schedule_next(store: &Store) -> anyhow::Result<()> {
    if let Some(at) = store
        .next_due()
        .await
        .context("reading the next scheduled time")?
    {
        store
            .enqueue(&publish_scheduled_job(at))
            .await
            .context("enqueueing the scheduler")?;
    }
    Ok(())
}
