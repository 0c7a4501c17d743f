//! Wake-ups across instances on PostgreSQL: every audit record (each content change writes one
//! in its transaction) fires `NOTIFY warta_changes` at commit (migration 0011's trigger), and
//! each instance LISTENs, so a change on one is seen on the others at once instead of at their
//! next poll of the change log. The log stays the source of truth: a notification only says
//! "read it now", and a lost connection is caught up by the poll.

use crate::{Backend, Store};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// The channel the trigger notifies.
pub const CHANGE_CHANNEL: &str = "warta_changes";

impl Store {
    /// On PostgreSQL, a task that calls `wake` on every change notification (and once after
    /// each (re)connection, for what it may have missed); it reconnects after errors and runs
    /// until aborted. `None` on SQLite, where every writer shares one machine's file.
    pub fn spawn_change_listener(&self, wake: Arc<Notify>) -> Option<tokio::task::JoinHandle<()>> {
        if self.backend != Backend::Postgres {
            return None;
        }
        let url = self.url.clone();
        Some(tokio::spawn(async move {
            loop {
                match sqlx::postgres::PgListener::connect(&url).await {
                    Ok(mut listener) => match listener.listen(CHANGE_CHANNEL).await {
                        Ok(()) => {
                            wake.notify_one();
                            while listener.recv().await.is_ok() {
                                wake.notify_one();
                            }
                            tracing::warn!("change notifications: connection lost; reconnecting");
                        }
                        Err(e) => tracing::warn!(error = %e, "change notifications: LISTEN failed"),
                    },
                    Err(e) => tracing::warn!(error = %e, "change notifications: cannot connect"),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }))
    }
}
