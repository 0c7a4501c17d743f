//! The same HTTP flow against PostgreSQL: one code path, two backends. Needs
//! `WARTA_TEST_POSTGRES_URL` (a server where the test may CREATE DATABASE); skipped visibly
//! without it, and a failure under `WARTA_TEST_REQUIRE_ALL=1`.

use crate::helpers::article_json;
use reqwest::Method;

#[tokio::test]
async fn publish_and_read_on_postgres() {
    let Some(app) = crate::helpers::postgres_app().await else {
        return;
    };
    let token = app
        .token_for("ed@warta.test", "Ed", warta_core::Role::Editor)
        .await;
    crate::helpers::make_rubriks(&app, &token).await;
    let (s, a) = app
        .api(
            Method::POST,
            "/articles",
            &token,
            Some(article_json("Berita di PostgreSQL")),
        )
        .await;
    assert_eq!(s, 201, "{a}");
    let (s, p) = app
        .api(
            Method::POST,
            &format!("/articles/{}/publish", a["id"]),
            &token,
            None,
        )
        .await;
    assert_eq!(s, 200, "{p}");
    let (s, html) = app.text("/berita/berita-di-postgresql").await;
    assert_eq!(s, 200);
    assert!(html.contains("MOSKOW, Warta Uji –"));
    let (s, list) = app
        .api(Method::GET, "/articles?tag=nato&q=postgres", &token, None)
        .await;
    assert_eq!((s, list["total"].as_i64()), (200, Some(1)));
    let (s, _) = app.text("/tag/nato").await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn front_page_slots_expiry_jobs_and_view_counts_on_postgres() {
    let Some(app) = crate::helpers::postgres_app().await else {
        return;
    };
    let n = crate::helpers::newsroom_on(app).await;
    let a = n.published("Berita utama di PostgreSQL").await;
    let b = n.published("Berita terbaru di PostgreSQL").await;
    let until = warta_core::iso8601_wib(warta_store::now_ms() + 60_000);
    let (s, v) = n
        .app
        .api(
            Method::PUT,
            "/home",
            &n.editor,
            Some(
                serde_json::json!({"headline": [a["id"]], "sections": ["internasional"],
                "breaking": {"text": "Gempa di Banten", "article_id": b["id"], "until": until}}),
            ),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["headline"], serde_json::json!([a["id"]]));
    let store = n.app.store().await;
    assert!(
        store
            .next_run_at(&[warta_store::HOME_EXPIRY_JOB])
            .await
            .unwrap()
            .is_some(),
        "the expiry job was enqueued with the layout"
    );
    let (_, html) = n.app.text("/").await;
    let lead = html.find("teaser-lead").expect("a lead");
    assert!(
        html[lead..].find("Berita utama di PostgreSQL")
            < html[lead..].find("Berita terbaru di PostgreSQL")
    );
    assert!(html.contains("Gempa di Banten"));
    // Views: two batches add up in the shared table.
    let id = a["id"].as_i64().unwrap();
    let hour = warta_store::now_ms() / warta_store::VIEW_HOUR_MS;
    store.add_views(&[(id, hour, 2)]).await.unwrap();
    store.add_views(&[(id, hour, 3)]).await.unwrap();
    let since = warta_store::now_ms() - 3_600_000;
    assert_eq!(
        store.view_totals(&[id], since).await.unwrap(),
        vec![(id, 5)]
    );
    let top = store.most_read(since, None, 5).await.unwrap();
    assert_eq!(top.first().map(|(r, n)| (r.id, *n)), Some((id, 5)));
}

#[tokio::test]
async fn story_forms_on_postgres() {
    let Some(app) = crate::helpers::postgres_app().await else {
        return;
    };
    let n = crate::helpers::newsroom_on(app).await;
    let mut fc = article_json("Cek Fakta di PostgreSQL");
    fc["kind"] = serde_json::json!("factcheck");
    fc["fact_check"] =
        serde_json::json!({"claim": "Klaim uji", "claimant": "Akun uji", "verdict": "KELIRU"});
    fc["body"] = serde_json::json!([
        {"type": "paragraph", "text": "Halaman satu."}, {"type": "pagebreak"},
        {"type": "paragraph", "text": "Halaman dua."}
    ]);
    let a = n.create(fc).await;
    let id = a["id"].as_i64().unwrap();
    n.publish(id).await;
    let (s, v) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/replies"),
            &n.editor,
            Some(serde_json::json!({"from": "Pihak uji", "text": "Tanggapan uji."})),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let mut page = article_json("Kontak");
    page["kind"] = serde_json::json!("page");
    page["slug"] = serde_json::json!("kontak");
    let p = n.create(page).await;
    n.publish(p["id"].as_i64().unwrap()).await;
    let path = crate::helpers::path_of(&a["url"]);
    let (s, html) = n.app.text(&format!("{path}?page=2")).await;
    assert_eq!(s, 200);
    let shown = crate::helpers::without_ld(&html);
    assert!(shown.contains("Halaman dua.") && !shown.contains("Halaman satu."));
    assert!(html.contains("<strong class=\"vonis\">KELIRU</strong>"));
    assert!(html.contains("Dari Pihak uji"));
    assert!(
        html.contains("<a href=\"/halaman/kontak\">Kontak</a>"),
        "footer"
    );
    assert_eq!(n.app.text("/halaman/kontak").await.0, 200);
    let (_, rss) = n.app.text("/rss.xml").await;
    assert!(!rss.contains("/halaman/kontak"));
}
