//! Changes made by another process on the same database (`warta import` while the server
//! runs, a second instance) reach this server's page cache through the change log: every
//! content change writes an audit record in its own transaction, and this task reads the
//! records after the last one it saw (one indexed query) and drops the pages they touch. It
//! reads every second, and at once when PostgreSQL notifies a change (`LISTEN`, see
//! `warta_store::CHANGE_CHANNEL`), so another instance's publish reaches this one's cache in
//! well under a second there. Changes made here are applied at once through the change
//! channel, and the log is read without them (each record names the store that wrote it);
//! the instance that made a change also purges the CDN for it.
//!
//! On PostgreSQL ids are handed out before commit, so a record can become visible after a
//! higher one was read: each read looks back over the last [`LOOK_BACK`] ids too and skips
//! the ones already seen.

use crate::state::AppState;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

/// How often the change log is read without a notification.
pub const CHANGE_LOG_POLL: Duration = Duration::from_secs(1);

/// How far back (in ids) each read looks for records that committed late.
const LOOK_BACK: i64 = 200;

/// Actions without an article that change what readers see everywhere.
fn site_wide(action: &str) -> bool {
    ["term", "author", "media", "rubrik"]
        .iter()
        .any(|p| action.starts_with(p))
}

impl AppState {
    /// Follow the change log until the server closes.
    pub fn poll_change_log(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        let mut closing = self.closing();
        tokio::spawn(async move {
            let wake = Arc::new(tokio::sync::Notify::new());
            let listener = app.store().spawn_change_listener(wake.clone());
            let _stop_listening = AbortOnDrop(listener);
            let mut last = app.store().change_log_head().await.unwrap_or(0);
            // What is already in the log at start is already in the database this server reads.
            let mut seen: BTreeSet<i64> = app
                .store()
                .change_log_since((last - LOOK_BACK).max(0), LOOK_BACK)
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|r| r.0)
                .collect();
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = wake.notified() => {}
                    _ = closing.wait_for(|&closed| closed) => return,
                }
                let from = (last - LOOK_BACK).max(0);
                let rows = match app.store().change_log_since(from, 1000).await {
                    Ok(r) => r,
                    Err(e) => {
                        tracing::debug!(error = %e, "change log not readable");
                        continue;
                    }
                };
                if rows.len() >= 1000 {
                    // A bulk change: forgetting every page is cheaper than looking each up.
                    app.invalidate_all();
                    last = rows.last().map_or(last, |r| r.0);
                    seen.clear();
                    continue;
                }
                for (id, article, action) in rows {
                    if !seen.insert(id) {
                        continue;
                    }
                    last = last.max(id);
                    match article {
                        Some(a) => app.follow_remote(a).await,
                        None if site_wide(&action) => app.invalidate_all(),
                        None => {}
                    }
                }
                seen = seen.split_off(&(last - LOOK_BACK));
            }
        })
    }
}

/// Stops the notification listener with the loop that follows it.
struct AbortOnDrop(Option<tokio::task::JoinHandle<()>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(task) = &self.0 {
            task.abort();
        }
    }
}
