//! The flush of the "Terpopuler" counts (`views_count.rs`) to the database, every
//! [`FLUSH_EVERY`] and once more at shutdown.

use crate::state::AppState;
use crate::views_count::FLUSH_EVERY;

impl AppState {
    /// Count a view of article `id`.
    pub fn count_view(&self, id: i64) {
        self.0.views.count(id);
    }

    /// Add the counts gathered so far to the database.
    pub async fn flush_views(&self) {
        let views = self.0.views.take();
        if views.is_empty() {
            return;
        }
        if let Err(e) = self.store().add_views(&views).await {
            tracing::warn!(error = %e, "could not store page views; keeping them for later");
            self.0.views.restore(views);
        }
    }

    /// Flush every [`FLUSH_EVERY`] until the server closes, then once more.
    pub fn count_views(&self) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        let mut closing = self.closing();
        tokio::spawn(async move {
            loop {
                let closed = tokio::select! {
                    _ = tokio::time::sleep(FLUSH_EVERY) => false,
                    _ = closing.wait_for(|&closed| closed) => true,
                };
                app.flush_views().await;
                if closed {
                    return;
                }
            }
        })
    }
}
