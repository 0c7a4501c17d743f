//! Capacity and operations: uncached work runs in bounded slots and is refused with 503 and
//! `Retry-After` past them while cached pages are still served; `/metrics` for allowed
//! addresses only; request ids in every answer.

use crate::helpers::{newsroom_on, options, path_of};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use warta_testkit::{Options, TestApp};

/// One work slot, no queue: the second uncached request at a time is refused.
fn one_slot() -> warta::SlotConfig {
    warta::SlotConfig {
        work: 1,
        search: 1,
        queue: 0,
        wait: Duration::from_millis(100),
    }
}

/// An upload whose body never finishes: it holds a work slot while the server waits for it.
async fn hold_a_work_slot(app: &TestApp, token: &str) -> tokio::net::TcpStream {
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut conn = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let head = format!(
        "POST /api/v1/media HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000\r\n\r\n--x\r\n"
    );
    conn.write_all(head.as_bytes()).await.expect("write");
    conn
}

/// Polls `path` until it answers `status` (the slow request above reaches the gate first).
async fn until_status(app: &TestApp, path: &str, status: u16) -> reqwest::Response {
    for _ in 0..100 {
        let r = app.get(path).await;
        if r.status().as_u16() == status {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{path} never answered {status}");
}

#[tokio::test]
async fn a_full_server_refuses_uncached_work_with_503_but_serves_cached_pages_and_search() {
    let n = newsroom_on(
        TestApp::spawn_with(Options {
            slots: Some(one_slot()),
            ..options()
        })
        .await,
    )
    .await;
    let a = n.published("Harga beras turun di pasar induk").await;
    let article = path_of(&a["url"]);
    n.app.run_pending_jobs().await; // the search index catches up too
    assert_eq!(
        n.app.get(&article).await.status(),
        200,
        "rendered and cached"
    );
    assert_eq!(n.app.get("/").await.status(), 200);

    let slow = hold_a_work_slot(&n.app, &n.editor).await;
    // The API is never cached: refused at once, as a problem with Retry-After.
    let busy = until_status(&n.app, "/api/v1/openapi.json", 503).await;
    assert_eq!(busy.headers()["retry-after"], "1");
    assert_eq!(busy.headers()["content-type"], "application/problem+json");
    let busy: serde_json::Value = busy.json().await.expect("problem");
    assert_eq!(busy["status"], 503);
    // An uncached reader page: the Indonesian "busy" page, not cached anywhere.
    let page = n.app.get("/indeks").await;
    assert_eq!(page.status(), 503);
    assert_eq!(page.headers()["retry-after"], "1");
    assert_eq!(page.headers()["cache-control"], "no-store");
    let html = page.text().await.expect("html");
    assert!(html.contains("Server sedang sibuk"), "{html}");
    // Cached pages are still served, and search has its own slots.
    for path in [article.as_str(), "/"] {
        assert_eq!(n.app.get(path).await.status(), 200, "{path} from the cache");
    }
    let (status, html) = n.app.text("/cari?q=beras").await;
    assert_eq!(status, 200, "search does not wait for the work slots");
    assert!(html.contains("Harga beras turun"), "{html}");

    drop(slow);
    until_status(&n.app, "/api/v1/openapi.json", 200).await;
    assert_eq!(n.app.get("/indeks").await.status(), 200, "rendered again");
    let (_, metrics) = n.app.text("/metrics").await;
    assert!(
        metrics.contains("warta_shed_requests_total{gate=\"work\"}"),
        "{metrics}"
    );
}

#[tokio::test]
async fn metrics_count_requests_and_the_cache_for_allowed_addresses_only() {
    let n = newsroom_on(
        TestApp::spawn_with(Options {
            // The test client is 127.0.0.1; through a trusted proxy it can claim another address.
            trusted_proxies: vec!["127.0.0.1".parse().expect("ip")],
            ..options()
        })
        .await,
    )
    .await;
    n.published("Bursa saham menguat di awal pekan").await;
    let app = &n.app;
    for _ in 0..3 {
        assert_eq!(app.get("/rubrik/internasional").await.status(), 200);
    }
    assert_eq!(app.get("/tidak-ada").await.status(), 404);
    let res = app.get("/metrics").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let text = res.text().await.expect("text");
    let value = |line_start: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(line_start))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {line_start} in\n{text}"))
    };
    assert!(value("warta_http_requests_total{class=\"page\",status=\"200\"}") >= 3.0);
    assert!(value("warta_http_requests_total{class=\"page\",status=\"404\"}") >= 1.0);
    assert!(value("warta_page_cache_lookups_total{result=\"hit\"}") >= 2.0);
    assert!(value("warta_page_cache_lookups_total{result=\"miss\"}") >= 1.0);
    assert!(value("warta_http_request_duration_seconds_count{class=\"page\"}") >= 4.0);
    assert!(value("warta_render_duration_seconds_count") >= 1.0);
    assert!(value("warta_jobs_waiting") >= 0.0);
    assert!(value("warta_scheduler_lag_seconds") >= 0.0);
    assert!(value("warta_db_pool_connections") >= 1.0);
    assert!(value("warta_page_cache_entries") >= 1.0);
    assert!(
        text.contains("warta_slots_in_use{gate=\"search\"}"),
        "{text}"
    );

    let outside = app
        .get_with("/metrics", &[("x-forwarded-for", "203.0.113.7")])
        .await;
    assert_eq!(
        outside.status(),
        404,
        "not for addresses outside metrics_allow"
    );
    let html = outside.text().await.expect("html");
    assert!(!html.contains("warta_"), "nothing leaks: {html}");
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_a_proxys_plain_id_is_kept() {
    let app = TestApp::spawn_with(options()).await;
    let a = app.get("/").await;
    let id = a.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert_eq!(id.len(), 16, "{id}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    let b = app.get("/").await;
    assert_ne!(
        b.headers()["x-request-id"],
        id.as_str(),
        "a new id per request"
    );
    let kept = app
        .get_with("/api/v1/nothing", &[("x-request-id", "cdn-42.abc_d")])
        .await;
    assert_eq!(kept.headers()["x-request-id"], "cdn-42.abc_d");
    let junk = "x".repeat(65);
    let replaced = app.get_with("/", &[("x-request-id", junk.as_str())]).await;
    assert_eq!(
        replaced.headers()["x-request-id"].len(),
        16,
        "an overlong id is replaced"
    );
}
