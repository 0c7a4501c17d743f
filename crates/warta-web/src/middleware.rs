//! The middlewares and handlers that take the whole application state: request counting and
//! `/metrics` (over `metrics.rs`), and the overload gates (over `overload.rs`). Kept here so
//! that those modules, which the state holds, do not depend on the state in turn.

use crate::client::ClientAddr;
use crate::error::AppError;
use crate::metrics::{ClassLabel, GateLabel, RequestLabels, class_of};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Instant;

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

/// Middleware for the API, which is never cached: each request holds a work slot while it
/// runs; refused ones get a problem+json 503.
pub async fn gate_api(State(app): State<AppState>, req: Request, next: Next) -> Response {
    match app.0.slots.work.enter().await {
        Ok(_slot) => next.run(req).await,
        Err(busy) => AppError::from(busy).into_response(),
    }
}

/// The same for the newsroom's pages (an HTML 503 page), its static files excepted. Paths
/// here are inside `/admin`, which the nesting router has taken off.
pub async fn gate_newsroom(State(app): State<AppState>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/static/") {
        return next.run(req).await;
    }
    match app.0.slots.work.enter().await {
        Ok(_slot) => next.run(req).await,
        Err(busy) => crate::public::error_response(&app, busy.into()).await,
    }
}
