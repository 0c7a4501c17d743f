//! Hostile input is stored harmlessly and rendered inert; limits hold.

use crate::helpers::{newsroom, path_of};
use reqwest::Method;
use serde_json::json;
use warta_testkit::{Options, TestApp};

const XSS: &str = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";

#[tokio::test]
async fn hostile_text_renders_inert_everywhere() {
    let n = newsroom().await;
    let body = json!({
        "headline": format!("Judul {XSS}"),
        "dek": format!("Dek {XSS}"),
        "rubrik": "Nasional",
        "tags": [format!("tag{XSS}")],
        "dateline": "JAKARTA",
        "signoff": "(*)",
        "sources": [{"name": format!("Sumber {XSS}"), "url": "https://example.com/?a=<b>"}],
        "body": [
            {"type": "paragraph", "text": format!("Isi <a href=\"javascript:alert(3)\">tautan</a> <b onmouseover=\"alert(4)\">tebal</b> {XSS}")},
            {"type": "quote", "text": XSS, "cite": XSS},
            {"type": "heading", "text": XSS},
            {"type": "list", "items": [format!("Butir {XSS}")]}
        ]
    });
    let a = n.create(body).await;
    let page = path_of(&n.publish(a["id"].as_i64().unwrap()).await["url"]);
    let (s, html) = n.app.text(&page).await;
    assert_eq!(s, 200);
    // Escaped text may mention anything; no real tag may carry a handler attribute, and no
    // link a script URL.
    for tag in raw_tags(&html) {
        let names: String = tag.split('"').step_by(2).collect();
        for bad in ["onerror", "onmouseover", "src=x"] {
            assert!(!names.contains(bad), "{bad} leaked into a tag: {tag}");
        }
        assert!(!tag.contains("href=\"javascript:"), "{tag}");
    }
    assert!(!html.contains("<script>alert"));
    // Only the two JSON-LD blocks and the site's own enhancement script (relative times,
    // copy-link) open a script element, and nothing closes one early.
    let own = format!(
        "<script src=\"{}\" defer></script>",
        warta_render::time_script_url()
    );
    assert_eq!(html.matches(&own).count(), 1);
    let html = html.replace(&own, "");
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(html.contains("\\u003c/script"), "JSON-LD escapes '<'");
    assert!(
        html.contains("&lt;/script&gt;"),
        "text is escaped, not dropped"
    );
    for feed in ["/rss.xml", "/sitemap-news.xml"] {
        let (_, xml) = n.app.text(feed).await;
        assert!(
            roxmltree::Document::parse(&xml).is_ok(),
            "{feed} stays well-formed"
        );
        assert!(!xml.contains("<script"), "{feed}");
    }
}

#[tokio::test]
async fn uploads_over_the_limit_get_413_and_nothing_is_written() {
    let app = TestApp::spawn_with(Options {
        max_upload_bytes: Some(50_000),
        ..Default::default()
    })
    .await;
    let token = app
        .token_for("ed@warta.test", "Ed", warta_core::Role::Editor)
        .await;
    let big = warta_testkit::png(1600, 900);
    assert!(big.len() > 50_000);
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(big).file_name("besar.png"),
    );
    let r = app
        .client
        .post(app.url("/api/v1/media"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let media_files = walk(&app.config.media_dir());
    assert_eq!(media_files, 0, "a refused upload leaves no files");
    let (s, _) = app.api(Method::GET, "/media/1", &token, None).await;
    assert_eq!(s, 404);
}

/// Every `<…>` in the markup (escaped text has no raw `<`).
fn raw_tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap_or(rest.len())])
        .collect()
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn openapi_document_describes_the_routes() {
    let n = newsroom().await;
    let r = n.app.get("/api/v1/openapi.json").await;
    assert_eq!(r.status(), 200);
    let doc: serde_json::Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/articles",
        "/api/v1/articles/{id}",
        "/api/v1/articles/{id}/publish",
        "/api/v1/media",
        "/api/v1/rubriks",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from OpenAPI"
        );
    }
    assert!(doc["components"]["schemas"]["Block"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn pages_and_api_answers_carry_security_headers() {
    let n = newsroom().await;
    let a = n.published("Berita Berkepala Aman").await;
    for path in [path_of(&a["url"]), "/tidak-ada".to_string()] {
        let r = n.app.get(&path).await;
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "SAMEORIGIN", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'self'"),
            "{path}: {csp}"
        );
    }
    let r = n.app.get("/api/v1/articles").await;
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(
        r.headers().get("content-security-policy").is_none(),
        "JSON needs no CSP"
    );
}
