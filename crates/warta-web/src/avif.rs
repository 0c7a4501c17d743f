//! The AVIF encoder: AV1 takes about a second per 1600-px photo (see the README), too slow
//! to keep an upload waiting, so uploads are answered with WebP variants and marked
//! `avif_pending`; this task makes the AVIF variants afterwards, one photo at a time, from the
//! stored original. Only once their files are stored does the row list them, so no page ever
//! links an AVIF file that is not there; then the pages showing the photo are dropped from
//! the page cache so they are rendered again with an AVIF `<source>`.
//!
//! The queue is the database (`avif_pending`), so a restart loses nothing: the task starts by
//! working through what is pending. Several instances may encode the same photo; the files
//! are the same and writes are atomic, so that costs only time.

use crate::ingest::{stem_of, store_variants};
use crate::state::AppState;
use warta_store::MediaRow;

/// Photos fetched from the queue at a time.
const BATCH: u32 = 16;

impl AppState {
    /// Tell the AVIF encoder that a photo is waiting.
    pub fn wake_avif(&self) {
        self.0.avif_wake.notify_one();
    }

    /// Make pending AVIF variants until the server closes. Runs until dropped.
    pub async fn run_avif_encoder(self) {
        let mut closing = self.closing();
        loop {
            let pending = match self.store().media_awaiting_avif(BATCH).await {
                Ok(ids) => ids,
                Err(e) => {
                    tracing::warn!(error = %e, "AVIF encoder could not read its queue");
                    Vec::new()
                }
            };
            let mut stuck = false;
            for &id in &pending {
                if *closing.borrow() {
                    return;
                }
                if !self.encode_avif(id).await {
                    // The database refuses writes: wait instead of encoding again at once.
                    stuck = true;
                    break;
                }
            }
            if !pending.is_empty() && !stuck {
                continue;
            }
            if *closing.borrow() {
                return;
            }
            tokio::select! {
                _ = self.0.avif_wake.notified() => {}
                _ = closing.changed() => return,
                // A photo queued by another instance is picked up within a minute.
                _ = tokio::time::sleep(std::time::Duration::from_secs(60)) => {}
            }
        }
    }

    /// Encode, store and record one photo's AVIF variants. A photo that cannot be encoded is
    /// given up on (it stays WebP only) rather than retried forever. Returns false when the
    /// result could not be recorded, so the caller waits before trying again.
    async fn encode_avif(&self, id: i64) -> bool {
        let m = match self.store().media_by_id(id).await {
            Ok(Some(m)) if m.avif_pending => m,
            Ok(_) => return true,
            Err(e) => {
                tracing::warn!(media = id, error = %e, "AVIF encoder could not read a photo");
                return false;
            }
        };
        let started = std::time::Instant::now();
        let avif = match self.make_avif(&m).await {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(media = id, error = %e, "no AVIF variants for this photo");
                return self.give_up_avif(id).await;
            }
        };
        match self.store().set_media_avif(id, &avif).await {
            Ok(true) => {
                tracing::debug!(
                    media = id,
                    ms = started.elapsed().as_millis() as u64,
                    "AVIF variants ready"
                );
                self.invalidate_media_pages(id).await;
                true
            }
            Ok(false) => {
                // Deleted while we encoded: remove what we just stored.
                for v in &avif {
                    let _ = self.0.media.delete(&v.key).await;
                }
                true
            }
            Err(e) => {
                tracing::warn!(media = id, error = %e, "could not record AVIF variants");
                false
            }
        }
    }

    async fn make_avif(
        &self,
        m: &MediaRow,
    ) -> Result<Vec<warta_store::MediaVariant>, crate::AppError> {
        let original =
            self.0.media.get(&m.original_key).await?.ok_or_else(|| {
                crate::AppError::Internal(format!("{} is missing", m.original_key))
            })?;
        let _slot = self
            .0
            .image_slots
            .acquire()
            .await
            .map_err(|e| crate::AppError::Internal(e.to_string()))?;
        let limits = self.config().media_limits;
        let encoded =
            tokio::task::spawn_blocking(move || warta_media::avif_variants(&original, &limits))
                .await
                .map_err(|e| crate::AppError::Internal(e.to_string()))??;
        Ok(store_variants(&self.0.media, stem_of(&m.original_key), &encoded).await?)
    }

    async fn give_up_avif(&self, id: i64) -> bool {
        match self.store().set_media_avif(id, &[]).await {
            Ok(_) => true,
            Err(e) => {
                tracing::warn!(media = id, error = %e, "could not clear a photo's AVIF mark");
                false
            }
        }
    }

    /// Drop the cached pages that show photo `id`: the articles using it (hero, body, live
    /// entries) and every list their teasers appear in.
    async fn invalidate_media_pages(&self, id: i64) {
        let users = match self.store().media_usage(id).await {
            Ok(u) => u,
            Err(_) => return self.invalidate_all(),
        };
        for (article, _) in users {
            match self.store().article_by_id(article).await {
                Ok(a) => self.invalidate(&crate::cache::deps_of(&warta_newsroom::touched(&a))),
                Err(_) => self.invalidate_all(),
            }
        }
    }
}
