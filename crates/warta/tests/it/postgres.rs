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
