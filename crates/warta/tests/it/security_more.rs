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

#[tokio::test]
async fn paging_is_bounded_and_every_api_error_is_a_documented_problem() {
    let n = newsroom().await;
    for path in [
        "/api/v1/media?page=2147483648",
        "/api/v1/media?per_page=101",
        "/api/v1/articles?page=0",
        "/api/v1/articles?per_page=1000",
        "/api/v1/articles?page=4294967296",
        // axum's own path rejection, answered as a problem too.
        "/api/v1/articles/1/revisions/x/restore",
    ] {
        let method = if path.ends_with("restore") {
            "POST"
        } else {
            "GET"
        };
        let r = n
            .app
            .client
            .request(method.parse().unwrap(), n.app.url(path))
            .bearer_auth(&n.editor)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{path}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
        let p: serde_json::Value = r.json().await.unwrap();
        assert_eq!(p["status"], 400, "{path}: {p}");
    }
    let (s, list) = n
        .app
        .api(Method::GET, "/media?page=2&per_page=100", &n.editor, None)
        .await;
    assert_eq!((s, list["page"].as_i64()), (200, Some(2)));

    let doc: serde_json::Value = n
        .app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let answers = op["responses"].as_object().unwrap();
            for (status, answer) in answers {
                let content = answer["content"].as_object();
                if status.starts_with('4') {
                    let c = content.unwrap_or_else(|| panic!("{method} {path} {status}"));
                    assert!(
                        c.contains_key("application/problem+json") && c.len() == 1,
                        "{method} {path} {status}: {answer}"
                    );
                }
            }
            // Public operations (a published article as ninjs) take no token, so they
            // cannot answer 401 or 403.
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            let needed: &[&str] = if secured {
                &["400", "401", "403"]
            } else {
                &["400"]
            };
            for status in needed {
                assert!(
                    answers.contains_key(*status),
                    "{method} {path} lacks {status}"
                );
            }
            if path.contains('{') {
                assert!(answers.contains_key("404"), "{method} {path} lacks 404");
            }
            if op.get("requestBody").is_some() {
                for status in ["413", "422"] {
                    assert!(
                        answers.contains_key(status),
                        "{method} {path} lacks {status}"
                    );
                }
            }
        }
    }
    assert!(operations >= 20, "{operations}");
    let patch = &doc["paths"]["/api/v1/articles/{id}"]["patch"]["responses"];
    for status in ["409", "428"] {
        assert!(patch[status].is_object(), "PATCH documents {status}");
    }
    let schemas = &doc["components"]["schemas"];
    let p = &schemas["ArticlePatch"];
    assert!(
        p["required"]
            .as_array()
            .unwrap()
            .contains(&"revision".into()),
        "{p}"
    );
    assert_eq!(
        p["properties"]["revision"]["type"], "integer",
        "not nullable: {p}"
    );
    assert_eq!(p["properties"]["headline"]["minLength"], 1);
    assert_eq!(
        p["properties"]["headline"]["type"], "string",
        "not nullable"
    );
    let a = &schemas["NewArticle"]["properties"];
    assert_eq!(
        (
            a["headline"]["minLength"].as_i64(),
            a["headline"]["maxLength"].as_i64()
        ),
        (Some(1), Some(200))
    );
    assert_eq!(a["rubrik"]["minLength"], 1);
    assert_eq!(a["tags"]["items"]["maxLength"], 80);
    let media = &doc["paths"]["/api/v1/media"]["get"]["parameters"];
    let page = media
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "page")
        .unwrap();
    assert_eq!(page["schema"]["maximum"], 100000, "{page}");
}
