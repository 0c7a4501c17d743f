//! Background work on a durable queue (the `jobs` table in warta-store), after the crates.io
//! worker: a job is a serde payload with a `KIND` ([`Job`]), enqueued in the same transaction
//! as the change that needs it; a [`Runner`] claims due jobs, runs each under a tracing span,
//! retries failures with exponential backoff (1 s, 4 s, 16 s … up to `MAX_ATTEMPTS`), keeps
//! the ones it gives up on for inspection, and stops cleanly at shutdown (an interrupted job
//! is handed back and runs again later, so jobs are idempotent).
//!
//! Jobs never call HTTP code: what they change goes out as a [`warta_core::Change`] on the
//! context's change channel ([`Changes`]), which the web layer follows to drop cached pages.
//!
//! Warta's jobs today: [`PublishScheduled`] (the scheduler), [`HomeExpiry`] (front-page
//! pins and the breaking bar running out) and [`EncodeAvif`] (AVIF
//! variants, encoded in a short-lived child process so the server's memory returns) and
//! [`CdnPurge`] (dropping the pages a change touched from the CDN in front).
//! [`Ping`] (WebSub and IndexNow on publish). [`WirePoll`] (agency feeds into the
//! newsroom's "Masuk" queue).
//!
//! Error policy: jobs return `anyhow` errors with context; the runner logs and retries them.

mod avif;
mod changes;
mod context;
mod frames;
mod home;
mod job;
mod pings;
mod purge;
mod runner;
mod scheduler;
mod wire;

pub use avif::{EncodeAvif, encode_avif_stdio};
pub use changes::Changes;
pub use context::{AvifSettings, Context};
pub use frames::{read_frames, write_frames};
pub use home::HomeExpiry;
pub use job::{Attempt, Job, enqueue};
pub use pings::{INDEXNOW, Ping, PingSettings, WEBSUB};
pub use purge::{
    BAN_HEADER, CLOUDFLARE_API, CdnPurge, FASTLY_API, PurgeTarget, ban_regex, http_client, purge,
    valid_key,
};
pub use runner::{Runner, RunnerBuilder};
pub use scheduler::{PublishScheduled, schedule_next};
pub use wire::{
    ParsedItem, PhotoRef, SIMILAR, WirePoll, fingerprint, html_to_text, parse_feed, parse_newsml,
    parse_ninjs, similarity,
};

/// The runner with every Warta job registered.
pub type WartaRunner = Runner<Context>;

/// A builder with Warta's own jobs registered; register more before `build()`.
pub fn standard(ctx: Context) -> RunnerBuilder<Context> {
    let store = ctx.store.clone();
    Runner::builder(store, ctx)
        .register::<PublishScheduled>()
        .register::<EncodeAvif>()
        .register::<HomeExpiry>()
        .register::<CdnPurge>()
        .register::<Ping>()
        .register::<WirePoll>()
}
