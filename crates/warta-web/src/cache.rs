//! The rendered-page cache: pages are rendered once, compressed once (gzip and brotli) and
//! served from memory until a content change invalidates exactly the pages that show it.
//!
//! Every entry lists the content it depends on ([`Dep`]). Publishing, editing or unpublishing
//! an article invalidates the entries that list that article, its rubrik, tags, topic and
//! authors, and the site-wide lists (home, Indeks, feeds, sitemaps). A generation counter
//! keeps a render that raced with an invalidation from storing a stale page.

use axum::http::HeaderValue;
use bytes::Bytes;
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// What a cached page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    Article(i64),
    Rubrik(i64),
    Tag(i64),
    Topic(i64),
    Author(i64),
    /// Site-wide lists: home, Indeks, site feed, sitemaps.
    Lists,
    /// The curated front page's slots and breaking bar.
    Home,
    /// Every page (navigation changes).
    All,
}

/// Everything a change to an article can make stale.
pub fn deps_of(t: &warta_core::Touched) -> Vec<Dep> {
    let mut d = vec![Dep::Article(t.article), Dep::Lists];
    d.extend(t.rubriks.iter().map(|&id| Dep::Rubrik(id)));
    d.extend(t.tags.iter().map(|&id| Dep::Tag(id)));
    d.extend(t.topics.iter().map(|&id| Dep::Topic(id)));
    d.extend(t.authors.iter().map(|&id| Dep::Author(id)));
    d
}

/// A page ready to send, in each encoding.
#[derive(Debug)]
pub struct Page {
    pub content_type: &'static str,
    pub identity: Bytes,
    pub gzip: Bytes,
    pub br: Bytes,
    /// Header values are made once here, not on every response.
    pub etag: HeaderValue,
    /// HTTP date of the newest content on the page.
    pub last_modified: HeaderValue,
    /// The same time, for comparing with If-Modified-Since.
    pub modified: std::time::SystemTime,
    pub deps: Vec<Dep>,
    /// The page's surrogate keys, for a CDN in front (`surrogate.rs`): space-separated for
    /// `Surrogate-Key`, comma-separated for `Cache-Tag`.
    pub surrogate: HeaderValue,
    pub cache_tag: HeaderValue,
    /// When set, the cache forgets the page at this time.
    pub expires: Option<std::time::Instant>,
}

/// Which compressed forms of a page to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encodings {
    pub gzip: bool,
    pub br: bool,
}

impl Encodings {
    pub const ALL: Encodings = Encodings {
        gzip: true,
        br: true,
    };
}

impl Page {
    /// Both encodings, as the cache keeps them.
    #[cfg(test)]
    pub fn build(
        content_type: &'static str,
        body: String,
        last_modified_ms: i64,
        deps: Vec<Dep>,
    ) -> Page {
        Page::build_with(content_type, body, last_modified_ms, deps, Encodings::ALL)
    }

    /// Compress and fingerprint a freshly rendered page, making only the compressed forms asked
    /// for (the cache wants both; an uncached page just the one its client accepts). Missing
    /// forms are empty and never sent.
    pub fn build_with(
        content_type: &'static str,
        body: String,
        last_modified_ms: i64,
        deps: Vec<Dep>,
        want: Encodings,
    ) -> Page {
        let identity = Bytes::from(body.into_bytes());
        let gzip = if want.gzip {
            gzip(&identity)
        } else {
            Bytes::new()
        };
        let br = if want.br {
            brotli(&identity)
        } else {
            Bytes::new()
        };
        // Both are ASCII by construction, so the conversions cannot fail.
        let etag = HeaderValue::try_from(format!("\"{:016x}\"", fnv1a(&identity)))
            .unwrap_or(HeaderValue::from_static("\"0\""));
        let secs = u64::try_from(last_modified_ms / 1000).unwrap_or(0);
        let modified = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        let last_modified = HeaderValue::try_from(httpdate::fmt_http_date(modified))
            .unwrap_or(HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"));
        Page {
            content_type,
            identity,
            gzip,
            br,
            etag,
            last_modified,
            modified,
            surrogate: crate::surrogate::header(&deps, content_type, ' '),
            cache_tag: crate::surrogate::header(&deps, content_type, ','),
            deps,
            expires: None,
        }
    }
}

fn gzip(data: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(6),
    );
    match enc.write_all(data).and_then(|_| enc.finish()) {
        Ok(v) => Bytes::from(v),
        Err(_) => Bytes::new(),
    }
}

fn brotli(data: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(data.len() / 3);
    // A window no larger than the page: brotli allocates and clears tables for the whole
    // window, which for a 1 MiB window costs more than compressing a 15 KB page.
    let lgwin = (usize::BITS - data.len().leading_zeros()).clamp(10, 22) as i32;
    let params = brotli::enc::BrotliEncoderParams {
        quality: 6,
        lgwin,
        ..Default::default()
    };
    match brotli::BrotliCompress(&mut &data[..], &mut out, &params) {
        Ok(_) => Bytes::from(out),
        Err(_) => Bytes::new(),
    }
}

/// 64-bit FNV-1a: a fast, stable fingerprint for ETags (not for security).
fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

pub struct PageCache {
    enabled: bool,
    max_entries: usize,
    generation: AtomicU64,
    pages: RwLock<HashMap<String, Arc<Page>>>,
    /// One render per key at a time: under a traffic spike a missing page is rendered once
    /// while the other requests for it wait, instead of all hitting the database.
    flights: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// Held while rendering a key; dropping it lets the waiters re-check the cache, and the
/// last one out removes the key's lock so the map holds only keys being rendered.
pub struct Flight<'a> {
    cache: &'a PageCache,
    key: String,
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        if self.guard.take().is_none() {
            return;
        }
        if let Ok(mut flights) = self.cache.flights.lock()
            && flights
                .get(&self.key)
                .is_some_and(|l| Arc::strong_count(l) == 1)
        {
            flights.remove(&self.key);
        }
    }
}

impl PageCache {
    pub fn new(enabled: bool, max_entries: usize) -> Self {
        PageCache {
            enabled,
            max_entries,
            generation: AtomicU64::new(0),
            pages: RwLock::new(HashMap::new()),
            flights: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// Wait for any render of `key` in progress, then hold the right to render it.
    pub async fn single_flight(&self, key: &str) -> Flight<'_> {
        let idle = Flight {
            cache: self,
            key: String::new(),
            guard: None,
        };
        if !self.enabled {
            return idle;
        }
        let lock = match self.flights.lock() {
            Ok(mut f) => f.entry(key.to_string()).or_default().clone(),
            Err(_) => return idle,
        };
        Flight {
            cache: self,
            key: key.to_string(),
            guard: Some(lock.lock_owned().await),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    pub fn get(&self, key: &str) -> Option<Arc<Page>> {
        if !self.enabled {
            return None;
        }
        let page = self.pages.read().ok()?.get(key).cloned()?;
        match page.expires {
            Some(t) if t <= std::time::Instant::now() => None,
            _ => Some(page),
        }
    }

    /// The generation to pass to [`PageCache::insert`]; take it before reading content.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Store a page rendered from content read at generation `seen`; dropped if anything was
    /// invalidated since.
    pub fn insert(&self, key: String, page: Arc<Page>, seen: u64) {
        if !self.enabled {
            return;
        }
        let Ok(mut pages) = self.pages.write() else {
            return;
        };
        if self.generation.load(Ordering::Acquire) != seen {
            return;
        }
        if pages.len() >= self.max_entries {
            // Crude but bounded: forget a tenth; hot pages come back on the next request.
            let drop: Vec<String> = pages
                .keys()
                .take(self.max_entries / 10 + 1)
                .cloned()
                .collect();
            for k in drop {
                pages.remove(&k);
            }
        }
        pages.insert(key, page);
    }

    /// Forget every page that depends on any of `deps`.
    pub fn invalidate(&self, deps: &[Dep]) {
        let Ok(mut pages) = self.pages.write() else {
            return;
        };
        self.generation.fetch_add(1, Ordering::AcqRel);
        if deps.contains(&Dep::All) {
            pages.clear();
            return;
        }
        pages.retain(|_, p| !p.deps.iter().any(|d| *d == Dep::All || deps.contains(d)));
    }

    pub fn len(&self) -> usize {
        self.pages.read().map(|p| p.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(deps: Vec<Dep>) -> Arc<Page> {
        Arc::new(Page::build("text/html", "<p>halo</p>".repeat(50), 0, deps))
    }

    #[test]
    fn invalidation_is_precise() {
        let c = PageCache::new(true, 100);
        let g = c.generation();
        c.insert(
            "/berita/a".into(),
            page(vec![Dep::Article(1), Dep::Rubrik(1)]),
            g,
        );
        c.insert(
            "/berita/b".into(),
            page(vec![Dep::Article(2), Dep::Rubrik(2)]),
            g,
        );
        c.insert("/".into(), page(vec![Dep::Lists]), g);
        c.invalidate(&[Dep::Article(1), Dep::Lists]);
        assert!(c.get("/berita/a").is_none());
        assert!(c.get("/").is_none());
        assert!(c.get("/berita/b").is_some(), "unrelated pages stay cached");
    }

    #[test]
    fn a_render_that_raced_an_invalidation_is_not_stored() {
        let c = PageCache::new(true, 100);
        let seen = c.generation();
        c.invalidate(&[Dep::Article(9)]);
        c.insert("/berita/x".into(), page(vec![Dep::Article(9)]), seen);
        assert!(c.get("/berita/x").is_none());
    }

    #[test]
    fn pages_are_compressed_and_fingerprinted() {
        let p = page(vec![]);
        assert!(p.gzip.len() < p.identity.len() && p.br.len() < p.identity.len());
        assert_eq!(&p.gzip[..2], &[0x1f, 0x8b]);
        assert_eq!(
            p.etag,
            Page::build("text/html", "<p>halo</p>".repeat(50), 0, vec![]).etag
        );
        assert_eq!(p.last_modified, "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn expired_pages_are_not_served() {
        let c = PageCache::new(true, 10);
        let mut p = Page::build("text/html", String::new(), 0, vec![]);
        p.expires = Some(std::time::Instant::now());
        c.insert("/sitemap-news.xml".into(), Arc::new(p), c.generation());
        assert!(c.get("/sitemap-news.xml").is_none());
    }

    #[test]
    fn only_the_wanted_encodings_are_made() {
        let p = Page::build_with(
            "text/html",
            "<p>halo</p>".repeat(50),
            0,
            vec![],
            Encodings {
                gzip: true,
                br: false,
            },
        );
        assert!(!p.gzip.is_empty() && p.br.is_empty());
    }

    #[tokio::test]
    async fn flights_serialise_renders_of_one_key_and_clean_up() {
        let c = Arc::new(PageCache::new(true, 10));
        let first = c.single_flight("/").await;
        let c2 = c.clone();
        let waiter = tokio::spawn(async move {
            let _second = c2.single_flight("/").await;
        });
        tokio::task::yield_now().await;
        assert!(
            !waiter.is_finished(),
            "a second render of the same key waits"
        );
        let other = c.single_flight("/lain").await;
        drop(other);
        drop(first);
        waiter.await.unwrap();
        assert_eq!(
            c.flights.lock().unwrap().len(),
            0,
            "no locks are left behind"
        );
    }

    #[test]
    fn disabled_cache_stores_nothing() {
        let c = PageCache::new(false, 10);
        c.insert("/".into(), page(vec![]), c.generation());
        assert!(c.get("/").is_none());
    }
}
