//! Changes made by another process on the same database (`warta import` while the server
//! runs, a second instance) reach this server's page cache through the change log: every
//! content change writes an audit record in its own transaction, and this task reads the
//! records after the last one it saw every few seconds (one indexed query) and drops the
//! pages they touch. Changes made here are applied at once through the change channel; seeing
//! them again here costs one more render of those pages.

use crate::state::AppState;
use std::time::Duration;

/// How often the change log is read.
pub const CHANGE_LOG_POLL: Duration = Duration::from_secs(2);

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
            let mut last = app.store().change_log_head().await.unwrap_or(0);
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = closing.wait_for(|&closed| closed) => return,
                }
                let rows = match app.store().change_log_since(last, 1000).await {
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
                    continue;
                }
                for (id, article, action) in rows {
                    last = id;
                    match article {
                        Some(a) => app.announce(warta_core::Change::ArticleId(a)),
                        None if site_wide(&action) => app.invalidate_all(),
                        None => {}
                    }
                }
            }
        })
    }
}
