//! The front page's expiries: when a pinned story or the breaking-news bar runs out, a
//! [`HomeExpiry`] job (enqueued with the layout by `Store::save_home_layout`, one per distinct
//! time) tells the page cache, so the cached front page is rendered again without it. The
//! layout itself is read with its expiries applied, so the job only has to announce; running
//! it twice is harmless.

use crate::{Attempt, Context, Job};
use serde::{Deserialize, Serialize};
use warta_core::Change;
use warta_store::HOME_EXPIRY_JOB;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct HomeExpiry {}

impl Job for HomeExpiry {
    const KIND: &'static str = HOME_EXPIRY_JOB;
    type Context = Context;

    async fn run(&self, ctx: &Context, _attempt: Attempt) -> anyhow::Result<()> {
        tracing::info!("a front-page pin or the breaking bar expired");
        ctx.announce(Change::Home);
        Ok(())
    }
}
