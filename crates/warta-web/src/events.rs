//! Change events → the page cache, the CDN and the live streams. Background jobs announce
//! what they changed as a [`Change`] on a broadcast channel instead of calling HTTP code;
//! this task drops the cached pages that show it (here and, through a purge job, in the CDN)
//! and wakes the readers' event streams that follow the article. Changes made by other
//! instances arrive through the change log instead (`poll.rs`, [`AppState::follow_remote`]).

use crate::state::AppState;
use tokio::sync::broadcast::error::RecvError;
use warta_core::Change;

impl AppState {
    /// Follow the change channel until the server closes. Subscribes before returning, so
    /// no change sent after this call is missed.
    pub fn follow_changes(&self) -> tokio::task::JoinHandle<()> {
        let mut changes = self.0.changes.subscribe();
        let mut closing = self.closing();
        let app = self.clone();
        tokio::spawn(async move {
            loop {
                let change = tokio::select! {
                    c = changes.recv() => c,
                    _ = closing.wait_for(|&closed| closed) => return,
                };
                match change {
                    Ok(c) => {
                        app.apply_change(c).await;
                        app.0.changes.applied(1);
                    }
                    // Some were missed: the only safe answer is to forget every page.
                    Err(RecvError::Lagged(n)) => {
                        app.invalidate_all();
                        app.0.changes.applied(n);
                    }
                    Err(RecvError::Closed) => return,
                }
            }
        })
    }

    /// Announce a change (for code in this crate that changes content outside a job).
    pub fn announce(&self, change: Change) {
        self.0.changes.announce(change);
    }

    async fn apply_change(&self, change: Change) {
        match change {
            Change::Article(t) => self.invalidate(&crate::cache::deps_of(&t)),
            Change::LiveEntry(t) => {
                self.invalidate(&crate::cache::deps_of(&t));
                self.live_changed(t.article);
            }
            Change::ArticleId(id) => {
                self.invalidate_article(id).await;
                self.live_changed(id);
            }
            Change::Media(id) => match self.store().media_usage(id).await {
                Ok(users) => {
                    for (article, _) in users {
                        self.invalidate_article(article).await;
                    }
                }
                Err(_) => self.invalidate_all(),
            },
            Change::Home => self.invalidate(&[crate::cache::Dep::Home]),
            Change::All => self.invalidate_all(),
        }
    }

    /// Drop the pages showing article `id`: its own, its lists, and the articles linking it.
    async fn invalidate_article(&self, id: i64) {
        match self.store().article_by_id(id).await {
            Ok(a) => self.invalidate(&crate::cache::deps_of(&warta_newsroom::touched(&a))),
            Err(_) => self.invalidate_all(),
        }
    }

    /// Another instance changed article `id` (seen in the change log): drop this instance's
    /// pages showing it and wake its live readers. The CDN is that instance's to purge.
    pub(crate) async fn follow_remote(&self, id: i64) {
        match self.store().article_by_id(id).await {
            Ok(a) => self
                .0
                .pages
                .invalidate(&crate::cache::deps_of(&warta_newsroom::touched(&a))),
            Err(_) => self.invalidate_all(),
        }
        self.live_changed(id);
    }
}
