//! Application state shared by every handler: built once at start-up, never global.

use crate::cache::{Dep, PageCache};
use std::sync::Arc;
use tokio::sync::Semaphore;
use warta_media::{MediaLimits, MediaStore};
use warta_render::Renderer;
use warta_store::Store;

/// The web layer's settings (a part of the binary's typed config).
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Cache rendered pages in memory (on in production; off to measure rendering).
    pub page_cache: bool,
    pub page_cache_entries: usize,
    pub media_limits: MediaLimits,
    /// Outgoing mail for password reset links: `smtp://host:port` (no TLS) or `None` (off).
    pub smtp_url: Option<String>,
    /// The sender of those mails.
    pub mail_from: String,
    /// Reverse proxies whose `X-Forwarded-For` is believed (see `client.rs`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            page_cache: true,
            page_cache_entries: 5_000,
            media_limits: MediaLimits::default(),
            smtp_url: None,
            mail_from: "redaksi@localhost".into(),
            trusted_proxies: Vec::new(),
        }
    }
}

#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

pub(crate) struct Inner {
    pub store: Store,
    pub media: MediaStore,
    pub renderer: Renderer,
    /// The newsroom's templates and strings.
    pub admin: warta_admin::AdminUi,
    pub pages: PageCache,
    pub config: WebConfig,
    /// Image decoding is CPU- and memory-heavy: at most two at a time.
    pub image_slots: Semaphore,
    /// PNG bytes of the publisher logo.
    pub logo: bytes::Bytes,
    /// Wakes the scheduler early (an article was just scheduled or published).
    pub scheduler: tokio::sync::Notify,
    /// Wakes the AVIF encoder (a photo was just uploaded).
    pub avif_wake: tokio::sync::Notify,
    /// The id of an article that got a new live entry, for the readers' event streams.
    pub live: tokio::sync::broadcast::Sender<i64>,
    /// Turns true when the server shuts down, so that open event streams end and graceful
    /// shutdown does not wait for them forever.
    pub closing: tokio::sync::watch::Sender<bool>,
}

impl AppState {
    pub fn new(store: Store, media: MediaStore, renderer: Renderer, config: WebConfig) -> AppState {
        let logo = warta_media::demo_image("warta-logo", 512, 512);
        AppState(Arc::new(Inner {
            store,
            media,
            renderer,
            // The templates are compiled into the binary and checked by warta-admin's tests.
            admin: warta_admin::AdminUi::new().expect("embedded admin templates compile"),
            pages: PageCache::new(config.page_cache, config.page_cache_entries),
            config,
            image_slots: Semaphore::new(2),
            logo: bytes::Bytes::from(logo),
            scheduler: tokio::sync::Notify::new(),
            avif_wake: tokio::sync::Notify::new(),
            live: tokio::sync::broadcast::channel(64).0,
            closing: tokio::sync::watch::channel(false).0,
        }))
    }

    pub fn wake_scheduler(&self) {
        self.0.scheduler.notify_one();
    }

    /// Tell readers following article `id` live that it has a new entry.
    pub fn live_changed(&self, id: i64) {
        // No receivers is fine: nobody is watching.
        let _ = self.0.live.send(id);
    }

    /// Article ids as they get new live entries.
    pub fn live_events(&self) -> tokio::sync::broadcast::Receiver<i64> {
        self.0.live.subscribe()
    }

    /// Turns true when the server begins to shut down.
    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.0.closing.subscribe()
    }

    /// End every open event stream (the server is shutting down).
    pub fn close_streams(&self) {
        self.0.closing.send_replace(true);
    }

    /// Remove a deleted photo's files (best effort: a leftover file is only disk space).
    pub async fn remove_media_files(&self, m: &warta_store::MediaRow) {
        let keys = std::iter::once(&m.original_key)
            .chain(m.variants.iter().chain(&m.avif).map(|v| &v.key))
            .chain(m.crops.iter().map(|c| &c.key));
        for key in keys {
            if let Err(e) = self.0.media.delete(key).await {
                tracing::warn!(key, error = %e, "could not remove a deleted photo's file");
            }
        }
    }

    /// Publish scheduled articles when their time comes: checks every second (and when
    /// woken), so an article appears within a second or two of its time. The state is in the
    /// database, so a restart in between loses nothing, and the store flips each article in
    /// one statement, so several instances never publish one twice. Runs until dropped.
    pub async fn run_scheduler(self) {
        loop {
            match self.0.store.publish_due(warta_store::now_ms()).await {
                Ok(ids) => {
                    for id in ids {
                        tracing::info!(article = id, "scheduled article published");
                        match self.0.store.article_by_id(id).await {
                            Ok(a) => self.invalidate(&crate::api::articles::deps_of(&a)),
                            Err(_) => self.invalidate_all(),
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "scheduler could not check due articles"),
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                _ = self.0.scheduler.notified() => {}
            }
        }
    }

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub fn renderer(&self) -> &Renderer {
        &self.0.renderer
    }

    pub fn admin(&self) -> &warta_admin::AdminUi {
        &self.0.admin
    }

    pub fn invalidate(&self, deps: &[Dep]) {
        self.0.pages.invalidate(deps);
    }

    /// Forget every cached page (after bulk changes such as the demo load).
    pub fn invalidate_all(&self) {
        self.0.pages.invalidate(&[Dep::All]);
    }

    /// Check, re-encode, store and record an image; its AVIF variants follow in the
    /// background.
    pub async fn ingest(
        &self,
        bytes: Vec<u8>,
        meta: crate::ImageMeta,
    ) -> Result<warta_store::MediaRow, crate::AppError> {
        let s = &self.0;
        let row = crate::ingest_image(
            &s.store,
            &s.media,
            &s.image_slots,
            s.config.media_limits,
            bytes,
            meta,
        )
        .await?;
        self.wake_avif();
        Ok(row)
    }

    pub fn cached_pages(&self) -> usize {
        self.0.pages.len()
    }
}
