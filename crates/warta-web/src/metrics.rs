//! `/metrics` in the Prometheus text format (`prometheus-client`: a registry per server, no
//! global state, so every test server counts on its own).
//!
//! Counted as requests pass: requests and their latency by route class and status, page-cache
//! hits and misses, render time, requests refused by the overload gates. Read when scraped:
//! job queue depth, scheduler lag, database pool use, gate slots in use, cached pages.
//! Only the addresses in the `metrics_allow` setting may read it (loopback by default);
//! everyone else gets the ordinary 404 page.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub class: &'static str,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ClassLabel {
    pub class: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ResultLabel {
    pub result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct GateLabel {
    pub gate: &'static str,
}

fn latency_buckets() -> Histogram {
    // 0.25 ms … about 8 s.
    Histogram::new(exponential_buckets(0.000_25, 2.0, 16))
}

/// Every metric of one server.
pub struct Metrics {
    pub(crate) registry: Registry,
    pub requests: Family<RequestLabels, Counter>,
    pub latency: Family<ClassLabel, Histogram, fn() -> Histogram>,
    pub cache: Family<ResultLabel, Counter>,
    pub render: Histogram,
    pub shed: Family<GateLabel, Counter>,
    pub(crate) slots_in_use: Family<GateLabel, Gauge>,
    pub(crate) jobs_waiting: Gauge,
    pub(crate) scheduler_lag: Gauge,
    pub(crate) pool_size: Gauge,
    pub(crate) pool_idle: Gauge,
    pub(crate) cached_pages: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("warta");
        let m = Metrics {
            requests: Family::default(),
            latency: Family::new_with_constructor(latency_buckets),
            cache: Family::default(),
            render: latency_buckets(),
            shed: Family::default(),
            slots_in_use: Family::default(),
            jobs_waiting: Gauge::default(),
            scheduler_lag: Gauge::default(),
            pool_size: Gauge::default(),
            pool_idle: Gauge::default(),
            cached_pages: Gauge::default(),
            registry: Registry::default(),
        };
        let r = &mut registry;
        r.register(
            "http_requests",
            "Requests answered, by route class and status",
            m.requests.clone(),
        );
        r.register(
            "http_request_duration_seconds",
            "Time to answer, by route class",
            m.latency.clone(),
        );
        r.register(
            "page_cache_lookups",
            "Page-cache lookups by result (hit, miss)",
            m.cache.clone(),
        );
        r.register(
            "render_duration_seconds",
            "Time to render an uncached page",
            m.render.clone(),
        );
        r.register(
            "shed_requests",
            "Requests refused with 503 because a gate was full",
            m.shed.clone(),
        );
        r.register(
            "slots_in_use",
            "Slots of each gate in use",
            m.slots_in_use.clone(),
        );
        r.register(
            "jobs_waiting",
            "Background jobs waiting or running",
            m.jobs_waiting.clone(),
        );
        r.register(
            "scheduler_lag_seconds",
            "How long the oldest due job has waited",
            m.scheduler_lag.clone(),
        );
        r.register(
            "db_pool_connections",
            "Database connections open",
            m.pool_size.clone(),
        );
        r.register(
            "db_pool_idle_connections",
            "Database connections idle",
            m.pool_idle.clone(),
        );
        r.register(
            "page_cache_entries",
            "Pages in the page cache",
            m.cached_pages.clone(),
        );
        Metrics { registry, ..m }
    }
}

/// Which kind of route a path is, for the labels (a fixed, small set).
pub fn class_of(path: &str) -> &'static str {
    if path.starts_with("/api/") {
        "api"
    } else if path == "/admin" || path.starts_with("/admin/") {
        "newsroom"
    } else if path.starts_with("/media/") {
        "media"
    } else if path == "/cari" {
        "search"
    } else if path.ends_with("/langsung") {
        "live"
    } else if path.contains("sitemap") {
        "sitemap"
    } else if path.ends_with(".xml") {
        "feed"
    } else if matches!(path, "/metrics" | "/healthz" | "/readyz") {
        "ops"
    } else if path.starts_with("/static/")
        || path.contains("favicon")
        || path.ends_with(".css")
        || path.ends_with(".js")
        || path.ends_with(".txt")
    {
        "asset"
    } else {
        "page"
    }
}

#[cfg(test)]
mod tests {
    use super::class_of;

    #[test]
    fn paths_fall_into_a_few_classes() {
        assert_eq!(class_of("/berita/x"), "page");
        assert_eq!(class_of("/"), "page");
        assert_eq!(class_of("/api/v1/articles"), "api");
        assert_eq!(class_of("/admin"), "newsroom");
        assert_eq!(class_of("/administrasi"), "page");
        assert_eq!(class_of("/cari"), "search");
        assert_eq!(class_of("/rubrik/nasional/rss.xml"), "feed");
        assert_eq!(class_of("/sitemap-news.xml"), "sitemap");
        assert_eq!(class_of("/berita/x/langsung"), "live");
        assert_eq!(class_of("/media/a.webp"), "media");
    }
}
