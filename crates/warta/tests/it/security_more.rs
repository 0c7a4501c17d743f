//! HSTS over HTTPS only, and truncated photos refused by name.

use crate::helpers::newsroom;
use reqwest::Method;
use warta_testkit::{Options, TestApp};

#[tokio::test]
async fn hsts_is_sent_on_every_answer_when_the_base_url_is_https() {
    let app = TestApp::spawn().await;
    assert!(app.config.base_url.starts_with("https://"));
    for path in [
        "/",
        "/tidak-ada",
        "/api/v1/articles",
        "/admin/masuk",
        "/rss.xml",
    ] {
        let r = app.get(path).await;
        assert_eq!(
            r.headers()
                .get("strict-transport-security")
                .map(|v| v.to_str().unwrap()),
            Some("max-age=31536000; includeSubDomains"),
            "{path}"
        );
    }
    let plain = TestApp::spawn_with(Options {
        base_url: Some("http://warta.test".into()),
        ..Default::default()
    })
    .await;
    for path in ["/", "/tidak-ada", "/api/v1/articles", "/admin/masuk"] {
        let r = plain.get(path).await;
        assert!(
            r.headers().get("strict-transport-security").is_none(),
            "{path}: no HSTS over plain http"
        );
    }
}

#[tokio::test]
async fn a_truncated_jpeg_upload_is_refused_with_a_clear_422() {
    let n = newsroom().await;
    let whole = warta_testkit::jpeg(800, 600);
    let (s, v) = n
        .upload(whole[..whole.len() * 2 / 3].to_vec(), "Terpotong", "Uji")
        .await;
    assert_eq!(s, 422, "{v}");
    let detail = v["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("the image file is incomplete (truncated)"),
        "{v}"
    );
    let (s, list) = n.app.api(Method::GET, "/media", &n.editor, None).await;
    assert_eq!(s, 200);
    assert_eq!(
        list["total"].as_i64(),
        Some(0),
        "nothing was stored: {list}"
    );
    let (s, v) = n.upload(whole, "Utuh", "Uji").await;
    assert_eq!(s, 201, "the whole photo is fine: {v}");
}

