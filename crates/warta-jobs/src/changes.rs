//! The change channel: a broadcast of [`Change`]s that counts what was sent and what its
//! follower has applied, so a caller (a test after running jobs) can wait until every change
//! announced so far has reached the page cache.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{Notify, broadcast};
use warta_core::Change;

#[derive(Clone)]
pub struct Changes {
    tx: broadcast::Sender<Change>,
    counts: Arc<Counts>,
}

#[derive(Default)]
struct Counts {
    sent: AtomicU64,
    applied: AtomicU64,
    progress: Notify,
}

impl Default for Changes {
    fn default() -> Self {
        Changes::new()
    }
}

impl Changes {
    pub fn new() -> Changes {
        Changes {
            tx: broadcast::channel(256).0,
            counts: Arc::default(),
        }
    }

    /// Tell the followers. Nobody following (a CLI, no server) is fine.
    pub fn announce(&self, change: Change) {
        self.counts.sent.fetch_add(1, Ordering::SeqCst);
        if self.tx.send(change).is_err() {
            self.applied(1);
        }
    }

    /// Follow the changes; call [`Changes::applied`] for each one handled (or missed).
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.tx.subscribe()
    }

    /// `n` changes were handled by the follower.
    pub fn applied(&self, n: u64) {
        self.counts.applied.fetch_add(n, Ordering::SeqCst);
        self.counts.progress.notify_waiters();
    }

    /// Wait until every change announced before this call has been handled.
    pub async fn settled(&self) {
        let target = self.counts.sent.load(Ordering::SeqCst);
        loop {
            let progress = self.counts.progress.notified();
            tokio::pin!(progress);
            progress.as_mut().enable();
            if self.counts.applied.load(Ordering::SeqCst) >= target {
                return;
            }
            progress.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn settled_waits_for_the_follower() {
        let changes = Changes::new();
        changes.announce(Change::All); // nobody follows: counts as handled
        changes.settled().await;
        let mut rx = changes.subscribe();
        changes.announce(Change::ArticleId(1));
        changes.announce(Change::Media(2));
        let follower = changes.clone();
        let handle = tokio::spawn(async move {
            for _ in 0..2 {
                rx.recv().await.unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                follower.applied(1);
            }
        });
        changes.settled().await;
        assert_eq!(
            changes.counts.applied.load(Ordering::SeqCst),
            3,
            "settled before the follower applied both"
        );
        handle.await.unwrap();
    }
}
