//! Two instances on one PostgreSQL database: a change made through one reaches the other's
//! page cache within a second (LISTEN/NOTIFY, with the polled change log behind it).

use crate::helpers::{newsroom_on, options, path_of};
use reqwest::Method;
use serde_json::json;
use std::time::{Duration, Instant};
use warta_testkit::{Options, TestApp};

/// Polls `path` on `app` until its body satisfies `ok`; the time it took.
async fn until(app: &TestApp, path: &str, ok: impl Fn(u16, &str) -> bool) -> Duration {
    let started = Instant::now();
    loop {
        let (status, body) = app.text(path).await;
        if ok(status, &body) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{path} never changed (last {status})"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test]
async fn a_publish_edit_and_unpublish_on_one_instance_reach_the_others_cache_within_a_second() {
    let Some(url) = warta_testkit::postgres_database().await else {
        return;
    };
    let on = |url: &str| Options {
        database_url: Some(url.to_string()),
        ..options()
    };
    let a = newsroom_on(TestApp::spawn_with(on(&url)).await).await;
    let b = TestApp::spawn_with(on(&url)).await;
    let first = a.published("Banjir rob melanda pesisir utara").await;
    let path = path_of(&first["url"]);
    // B caches its home page and the article.
    until(&b, "/", |s, h| s == 200 && h.contains("Banjir rob melanda")).await;
    until(&b, &path, |s, _| s == 200).await;

    let second = a.published("Tanggul darurat dibangun di Muara Baru").await;
    let took = until(&b, "/", |_, h| h.contains("Tanggul darurat dibangun")).await;
    assert!(
        took < Duration::from_secs(1),
        "B's cached home page took {took:?}"
    );

    let id = first["id"].as_i64().unwrap();
    let (status, v) = a
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &a.editor,
            Some(json!({"revision": first["revision"], "headline": "Banjir rob surut di pesisir utara"})),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    let took = until(&b, &path_of(&v["url"]), |s, h| {
        s == 200 && h.contains("Banjir rob surut")
    })
    .await;
    assert!(
        took < Duration::from_secs(1),
        "B's cached article took {took:?}"
    );

    let gone = second["id"].as_i64().unwrap();
    let (status, v) = a
        .app
        .api(
            Method::POST,
            &format!("/articles/{gone}/unpublish"),
            &a.editor,
            None,
        )
        .await;
    assert_eq!(status, 200, "{v}");
    let took = until(&b, &path_of(&second["url"]), |s, _| s == 410).await;
    assert!(
        took < Duration::from_secs(1),
        "B's cached article stayed up {took:?}"
    );
    until(&b, "/", |_, h| !h.contains("Tanggul darurat dibangun")).await;
}
