//! `GET /api/v1/search` and `GET /api/v1/analyze`, and how the index follows the database:
//! pending versions are never indexed, a change the index missed (a crash between the
//! database write and the index write) is applied after a restart, and a second instance on
//! the same database catches up by itself.

use crate::search::{publish, publish_with, results, story};
use reqwest::Method;
use serde_json::json;
use warta_testkit::{Options, TestApp};

#[tokio::test]
async fn the_api_searches_with_the_reader_parameters_and_shows_the_analyser() {
    let app = TestApp::spawn().await;
    let token = app
        .token_for("ed@warta.test", "Ed", warta_core::Role::Editor)
        .await;
    crate::helpers::make_rubriks(&app, &token).await;
    let id = publish(
        &app,
        &token,
        "Perundingan Damai Berlanjut",
        "Tuntutan <b>buruh</b> & petani dibahas.",
    )
    .await;
    publish_with(
        &app,
        &token,
        story("Perundingan Dagang", "Menteri hadir.", "Ekonomi"),
    )
    .await;

    let (s, v) = app
        .api(Method::GET, "/search?q=berunding&sort=newest", &token, None)
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["total"], 2);
    assert_eq!(v["items"][0]["headline"], "Perundingan Dagang");
    let (_, v) = app
        .api(
            Method::GET,
            "/search?q=menuntut&rubrik=nasional",
            &token,
            None,
        )
        .await;
    assert_eq!(v["total"], 1, "{v}");
    let hit = &v["items"][0];
    assert_eq!(hit["id"], id);
    assert!(hit["url"].as_str().unwrap().contains("/berita/"), "{hit}");
    // The snippet is escaped text; <mark> is the only markup.
    let snippet = hit["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>Tuntutan</mark>"), "{snippet}");
    assert!(
        snippet.contains("&amp; petani") && !snippet.contains("<b>"),
        "{snippet}"
    );
    assert!(hit["published_at"].as_str().unwrap().ends_with("+07:00"));
    // Paging.
    let (_, v) = app
        .api(
            Method::GET,
            "/search?q=perundingan&per_page=1&page=2",
            &token,
            None,
        )
        .await;
    assert_eq!(
        (v["total"].as_i64(), v["items"].as_array().unwrap().len()),
        (Some(2), 1)
    );
    // Empty and hostile queries answer an empty result, not an error.
    for q in ["", "%22", "((%5B", "*%3A*", "%E2%80%9C%E2%80%9D"] {
        let (s, v) = app
            .api(Method::GET, &format!("/search?q={q}"), &token, None)
            .await;
        assert_eq!((s, v["total"].as_i64()), (200, Some(0)), "{q}: {v}");
    }
    // Bad filters are a 400 problem; no token is a 401.
    let (s, _) = app
        .api(Method::GET, "/search?q=a&sort=best", &token, None)
        .await;
    assert_eq!(s, 400);
    let (s, _) = app
        .api(Method::GET, "/search?q=a&from=kemarin", &token, None)
        .await;
    assert_eq!(s, 400);
    assert_eq!(app.get("/api/v1/search?q=a").await.status(), 401);

    // The analyser: one entry per word, in order, stop words marked.
    let (s, v) = app
        .api(
            Method::GET,
            "/analyze?text=Perundingan%20yang%20%E2%80%9Calot%E2%80%9D%2C%20kementerian",
            &token,
            None,
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v,
        json!({"tokens": [
            {"token": "perundingan", "stem": "runding", "stop": false},
            {"token": "yang", "stem": "yang", "stop": true},
            {"token": "alot", "stem": "alot", "stop": false},
            {"token": "kementerian", "stem": "menteri", "stop": false}
        ]})
    );
    let (s, _) = app.api(Method::GET, "/analyze", &token, None).await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn pending_versions_are_not_indexed_and_a_missed_change_is_applied_after_a_restart() {
    let mut app = TestApp::spawn_with(Options {
        background_jobs: Some(false),
        ..Default::default()
    })
    .await;
    let token = app
        .token_for("ed@warta.test", "Ed", warta_core::Role::Editor)
        .await;
    crate::helpers::make_rubriks(&app, &token).await;
    let id = publish(&app, &token, "Harga Beras Stabil", "Pasokan cukup.").await;
    // A pending version of the live article: its words must not be found.
    let (_, a) = app
        .api(Method::GET, &format!("/articles/{id}"), &token, None)
        .await;
    let patch =
        json!({"revision": a["revision"], "headline": "Harga Beras Melonjak Tajam", "stage": true});
    let (s, v) = app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &token,
            Some(patch),
        )
        .await;
    assert!(s == 200 || s == 202, "{v}");
    app.run_pending_jobs().await;
    let (_, html) = app.text("/cari?q=melonjak").await;
    assert!(
        results(&html).is_empty(),
        "pending words are not searchable"
    );

    // Published while the index does not follow (background work off), then the server
    // stops before catching up: as a crash between the database write and the index write.
    let mut b = story(
        "Kapal Nelayan Tenggelam",
        "Tim SAR mencari korban.",
        "Nasional",
    );
    b["dek"] = json!("");
    let (s, v) = app.api(Method::POST, "/articles", &token, Some(b)).await;
    assert_eq!(s, 201);
    let new = v["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/articles/{new}/publish"),
            &token,
            None,
        )
        .await;
    assert_eq!(s, 200);
    let (_, html) = app.text("/cari?q=nelayan").await;
    assert!(results(&html).is_empty(), "not indexed yet");
    app.stop().await;
    app.start_again().await;
    app.run_pending_jobs().await;
    let (_, html) = app.text("/cari?q=nelayan").await;
    assert_eq!(results(&html), ["Kapal Nelayan Tenggelam"]);
}

#[tokio::test]
async fn a_second_instance_on_the_same_database_catches_up_by_itself() {
    let Some(url) = warta_testkit::postgres_database().await else {
        return;
    };
    let on = |url: &str| Options {
        database_url: Some(url.to_string()),
        ..Default::default()
    };
    let a = TestApp::spawn_with(on(&url)).await;
    let b = TestApp::spawn_with(on(&url)).await;
    let token = a
        .token_for("ed@warta.test", "Ed", warta_core::Role::Editor)
        .await;
    crate::helpers::make_rubriks(&a, &token).await;
    publish(
        &a,
        &token,
        "Jembatan Baru Diresmikan",
        "Warga menyambut gembira.",
    )
    .await;
    // B follows the change log (polled every second): searchable there within 2 s.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        let (_, html) = b.text("/cari?q=jembatan").await;
        if results(&html) == ["Jembatan Baru Diresmikan"] {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not searchable on the other instance within 2 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
