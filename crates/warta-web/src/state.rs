//! Application state shared by every handler: built once at start-up, never global.

use crate::cache::{Dep, PageCache, deps_of};
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
    /// Bounds on uncached work (see `overload.rs`).
    pub slots: crate::overload::SlotConfig,
    /// Client addresses that may read `/metrics`.
    pub metrics_allow: Vec<std::net::IpAddr>,
    /// A CDN in front is purged on every change (the target is the job runner's).
    pub cdn_purge: bool,
    /// Fact-check verdicts the outlet adds to the defaults.
    pub fact_check_verdicts: Vec<String>,
    /// The site's IndexNow key, served at `/{key}.txt` (unset: no key file).
    pub indexnow_key: Option<String>,
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
            slots: crate::overload::SlotConfig::default(),
            metrics_allow: vec![
                std::net::Ipv4Addr::LOCALHOST.into(),
                std::net::Ipv6Addr::LOCALHOST.into(),
            ],
            cdn_purge: false,
            fact_check_verdicts: Vec::new(),
            indexnow_key: None,
        }
    }
}

#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

pub(crate) struct Inner {
    pub store: Store,
    /// The domain layer every front end calls.
    pub newsroom: warta_newsroom::Newsroom,
    pub media: MediaStore,
    pub renderer: Renderer,
    /// The newsroom's templates and strings.
    pub admin: warta_admin::AdminUi,
    pub pages: Arc<PageCache>,
    pub config: WebConfig,
    /// PNG bytes of the publisher logo.
    pub logo: bytes::Bytes,
    /// The background job runner (scheduler, AVIF), woken when work was just enqueued.
    pub jobs: warta_jobs::WartaRunner,
    /// What jobs (and later the newsroom) changed; `events.rs` drops cached pages from it.
    pub changes: warta_jobs::Changes,
    /// This instance's search index (it follows the database's change log).
    pub search: warta_search::SearchIndex,
    /// The id of an article that got a new live entry, for the readers' event streams.
    pub live: tokio::sync::broadcast::Sender<i64>,
    /// Turns true when the server shuts down, so that open event streams end and graceful
    /// shutdown does not wait for them forever.
    pub closing: tokio::sync::watch::Sender<bool>,
    pub metrics: crate::metrics::Metrics,
    /// The gates of uncached work.
    pub slots: crate::overload::Slots,
    /// Page views counted since the last flush ("Terpopuler", `views_count.rs`).
    pub views: crate::views_count::ViewCounts,
    /// CDN purges for changes made here.
    pub purger: crate::surrogate::Purger,
}

impl AppState {
    /// `jobs` runs the background work; `changes` is the channel its jobs announce on.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: Store,
        media: MediaStore,
        renderer: Renderer,
        config: WebConfig,
        jobs: warta_jobs::WartaRunner,
        changes: warta_jobs::Changes,
        search: warta_search::SearchIndex,
    ) -> AppState {
        let logo = warta_media::demo_image("warta-logo", 512, 512);
        let pages = Arc::new(PageCache::new(config.page_cache, config.page_cache_entries));
        let live = tokio::sync::broadcast::channel(64).0;
        let events = warta_core::Events::new();
        let metrics = crate::metrics::Metrics::new();
        let slots = crate::overload::Slots::new(config.slots, &metrics);
        let purger = crate::surrogate::Purger::new(config.cdn_purge, store.clone(), jobs.clone());
        subscribe_caches(&events, &pages, &live, &changes, &purger);
        AppState(Arc::new(Inner {
            newsroom: warta_newsroom::Newsroom::new(
                store.clone(),
                events,
                warta_newsroom::MailConfig {
                    smtp_url: config.smtp_url.clone(),
                    from: config.mail_from.clone(),
                },
                warta_newsroom::MediaIngest {
                    files: media.clone(),
                    limits: config.media_limits,
                    // Image decoding is CPU- and memory-heavy: at most two at a time.
                    slots: Arc::new(Semaphore::new(2)),
                },
            )
            .with_verdicts(&config.fact_check_verdicts),
            store,
            media,
            renderer,
            // The templates are compiled into the binary and checked by warta-admin's tests.
            admin: warta_admin::AdminUi::new().expect("embedded admin templates compile"),
            pages,
            config,
            logo: bytes::Bytes::from(logo),
            jobs,
            changes,
            search,
            live,
            closing: tokio::sync::watch::channel(false).0,
            metrics,
            slots,
            views: Default::default(),
            purger,
        }))
    }

    pub fn newsroom(&self) -> &warta_newsroom::Newsroom {
        &self.0.newsroom
    }

    /// An article was just scheduled (or published): make sure a job waits for the next
    /// scheduled time and wake the runner.
    pub fn wake_scheduler(&self) {
        let app = self.clone();
        tokio::spawn(async move {
            if let Err(e) = warta_jobs::schedule_next(app.store()).await {
                tracing::warn!(error = %e, "could not enqueue the scheduler");
            }
            app.0.jobs.wake();
        });
    }

    /// The background job runner.
    pub fn jobs(&self) -> &warta_jobs::WartaRunner {
        &self.0.jobs
    }

    /// The change channel the page cache follows.
    pub fn changes(&self) -> &warta_jobs::Changes {
        &self.0.changes
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

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }

    pub fn search(&self) -> &warta_search::SearchIndex {
        &self.0.search
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
        self.0.purger.purge(deps);
    }

    /// Forget every page cached here (after bulk changes such as the demo load, or changes
    /// from elsewhere); the CDN is not purged.
    pub fn invalidate_all(&self) {
        self.0.pages.invalidate(&[Dep::All]);
    }

    /// Check, re-encode, store and record an image; its AVIF variants follow in the
    /// background (the store enqueues the job with the row).
    pub async fn ingest(
        &self,
        bytes: Vec<u8>,
        meta: crate::ImageMeta,
    ) -> Result<warta_store::MediaRow, crate::AppError> {
        let row = self.0.newsroom.ingest_image(bytes, meta).await?;
        self.0.jobs.wake();
        Ok(row)
    }

    pub fn cached_pages(&self) -> usize {
        self.0.pages.len()
    }
}

/// The page cache, the live-blog streams and the CDN follow every change the newsroom reports.
fn subscribe_caches(
    events: &warta_core::Events,
    pages: &Arc<PageCache>,
    live: &tokio::sync::broadcast::Sender<i64>,
    changes: &warta_jobs::Changes,
    purger: &crate::surrogate::Purger,
) {
    let (pages, live, changes, purger) =
        (pages.clone(), live.clone(), changes.clone(), purger.clone());
    let drop_pages = move |deps: &[Dep]| {
        pages.invalidate(deps);
        purger.purge(deps);
    };
    events.subscribe(move |change| match change {
        warta_core::Change::Article(t) => drop_pages(&deps_of(t)),
        warta_core::Change::LiveEntry(t) => {
            drop_pages(&deps_of(t));
            // No receivers is fine: nobody is watching.
            let _ = live.send(t.article);
        }
        warta_core::Change::Home => drop_pages(&[Dep::Home]),
        warta_core::Change::All => drop_pages(&[Dep::All]),
        // Only ids: looked up by the change follower (`events.rs`), like the jobs' changes.
        c @ (warta_core::Change::ArticleId(_) | warta_core::Change::Media(_)) => {
            changes.announce(c.clone())
        }
    });
}
