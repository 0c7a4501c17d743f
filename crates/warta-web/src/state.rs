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
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            page_cache: true,
            page_cache_entries: 5_000,
            media_limits: MediaLimits::default(),
        }
    }
}

#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

pub(crate) struct Inner {
    pub store: Store,
    pub media: MediaStore,
    pub renderer: Renderer,
    pub pages: PageCache,
    pub config: WebConfig,
    /// Image decoding is CPU- and memory-heavy: at most two at a time.
    pub image_slots: Semaphore,
    /// PNG bytes of the publisher logo.
    pub logo: bytes::Bytes,
}

impl AppState {
    pub fn new(store: Store, media: MediaStore, renderer: Renderer, config: WebConfig) -> AppState {
        let logo = warta_media::demo_image("warta-logo", 512, 512);
        AppState(Arc::new(Inner {
            store,
            media,
            renderer,
            pages: PageCache::new(config.page_cache, config.page_cache_entries),
            config,
            image_slots: Semaphore::new(2),
            logo: bytes::Bytes::from(logo),
        }))
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub fn renderer(&self) -> &Renderer {
        &self.0.renderer
    }

    pub fn invalidate(&self, deps: &[Dep]) {
        self.0.pages.invalidate(deps);
    }

    /// Forget every cached page (after bulk changes such as the demo load).
    pub fn invalidate_all(&self) {
        self.0.pages.invalidate(&[Dep::All]);
    }

    /// Check, re-encode, store and record an image.
    pub async fn ingest(
        &self,
        bytes: Vec<u8>,
        meta: crate::ImageMeta,
    ) -> Result<warta_store::MediaRow, crate::AppError> {
        let s = &self.0;
        crate::ingest_image(
            &s.store,
            &s.media,
            &s.image_slots,
            s.config.media_limits,
            bytes,
            meta,
        )
        .await
    }

    pub fn cached_pages(&self) -> usize {
        self.0.pages.len()
    }
}
