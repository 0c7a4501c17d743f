//! What Warta's jobs work with.

use crate::Changes;
use std::path::PathBuf;
use std::time::Duration;
use warta_core::Change;
use warta_media::{MediaLimits, MediaStore};
use warta_store::Store;

#[derive(Clone)]
pub struct Context {
    pub store: Store,
    pub media: MediaStore,
    /// Where jobs announce what they changed (the web layer drops cached pages from it).
    pub changes: Changes,
    pub avif: AvifSettings,
    /// Where CDN purges go (`None`: no CDN to purge).
    pub purge: Option<std::sync::Arc<crate::PurgeTarget>>,
    /// For jobs that call other services (CDN purges).
    pub http: reqwest::Client,
    /// Where published articles are announced (WebSub, IndexNow); off by default.
    pub pings: crate::PingSettings,
}

impl Context {
    pub fn announce(&self, change: Change) {
        self.changes.announce(change);
    }
}

/// How AVIF variants are made.
#[derive(Debug, Clone)]
pub struct AvifSettings {
    /// The `warta` binary, run as `warta internal encode-avif` for each photo so that the
    /// encoder's memory goes back to the system when it exits. `None`, or a binary that
    /// cannot be started: encode in this process (with a warning).
    pub exe: Option<PathBuf>,
    pub limits: MediaLimits,
    /// A child taking longer is killed and the job retried.
    pub timeout: Duration,
}

impl AvifSettings {
    pub fn new(exe: Option<PathBuf>, limits: MediaLimits) -> AvifSettings {
        AvifSettings {
            exe,
            limits,
            timeout: Duration::from_secs(300),
        }
    }
}
