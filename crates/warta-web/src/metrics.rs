//! `/metrics` in the Prometheus text format (`prometheus-client`: a registry per server, no
//! global state, so every test server counts on its own).
//!
//! Counted as requests pass: requests and their latency by route class and status, page-cache
//! hits and misses, render time, requests refused by the overload gates. Read when scraped:
//! job queue depth, scheduler lag, database pool use, gate slots in use, cached pages.
//! Only the addresses in the `metrics_allow` setting may read it (loopback by default);
//! everyone else gets the ordinary 404 page.

use crate::client::ClientAddr;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::time::Instant;

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
    registry: Registry,
    pub requests: Family<RequestLabels, Counter>,
    pub latency: Family<ClassLabel, Histogram, fn() -> Histogram>,
    pub cache: Family<ResultLabel, Counter>,
    pub render: Histogram,
    pub shed: Family<GateLabel, Counter>,
    slots_in_use: Family<GateLabel, Gauge>,
    jobs_waiting: Gauge,
    scheduler_lag: Gauge,
    pool_size: Gauge,
    pool_idle: Gauge,
    cached_pages: Gauge,
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

/// Middleware: count every request and time it.
pub async fn count(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let class = class_of(req.uri().path());
    let started = Instant::now();
    let res = next.run(req).await;
    let m = &app.0.metrics;
    m.latency
        .get_or_create(&ClassLabel { class })
        .observe(started.elapsed().as_secs_f64());
    m.requests
        .get_or_create(&RequestLabels {
            class,
            status: res.status().as_u16(),
        })
        .inc();
    res
}

/// `GET /metrics`.
pub async fn scrape(State(app): State<AppState>, client: ClientAddr) -> Response {
    let allowed = client
        .0
        .is_some_and(|ip| app.config().metrics_allow.contains(&ip));
    if !allowed {
        return crate::public::error_response(&app, crate::error::AppError::not_found()).await;
    }
    let m = &app.0.metrics;
    let now = jiff::Timestamp::now().as_millisecond();
    let store = app.store();
    if let Ok(n) = store.pending_jobs().await {
        m.jobs_waiting.set(n);
    }
    if let Ok(oldest) = store.oldest_due_job(now).await {
        m.scheduler_lag
            .set(oldest.map_or(0, |at| (now - at).max(0) / 1000));
    }
    let (size, idle) = store.pool_use();
    m.pool_size.set(i64::from(size));
    m.pool_idle.set(i64::try_from(idle).unwrap_or(i64::MAX));
    m.cached_pages
        .set(i64::try_from(app.cached_pages()).unwrap_or(i64::MAX));
    let slots = &app.0.slots;
    for (gate, n) in [
        (&slots.work, slots.config.work),
        (&slots.search, slots.config.search),
    ] {
        let label = GateLabel { gate: gate.name() };
        m.slots_in_use
            .get_or_create(&label)
            .set(i64::try_from(gate.in_use(n)).unwrap_or(i64::MAX));
    }
    let mut body = String::new();
    if prometheus_client::encoding::text::encode(&mut body, &m.registry).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
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
