//! The reader's search page `/cari?q=`, on SQLite (FTS5) and PostgreSQL (tsvector): what it
//! finds, in which order, what it leaves out, and that no input can break it.

use crate::helpers::article_json;
use reqwest::Method;
use serde_json::json;
use warta_testkit::TestApp;

async fn publish(app: &TestApp, token: &str, headline: &str, body: &str) -> i64 {
    let mut a = article_json(headline);
    a["body"] = json!([{"type": "paragraph", "text": body}]);
    let (s, v) = app.api(Method::POST, "/articles", token, Some(a)).await;
    assert_eq!(s, 201, "{v}");
    let id = v["id"].as_i64().unwrap();
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            token,
            None,
        )
        .await;
    assert_eq!(s, 200, "{v}");
    id
}

/// Headlines of the results, in order.
fn results(html: &str) -> Vec<String> {
    html.split("<article class=\"teaser")
        .skip(1)
        .filter_map(|t| {
            let link = t.split("href=\"/berita/").nth(1)?;
            let text = link.split('>').nth(1)?.split('<').next()?;
            Some(text.replace("&quot;", "\""))
        })
        .collect()
}

async fn search_scenario(app: &TestApp) {
    let token = app
        .token_for("ed@warta.test", "Ed", warta_core::Role::Editor)
        .await;
    crate::helpers::make_rubriks(app, &token).await;
    publish(
        app,
        &token,
        "Banjir Rob Melanda Pesisir Jakarta",
        "Air laut naik ke permukiman warga di Muara Baru.",
    )
    .await;
    publish(
        app,
        &token,
        "Harga Cabai Naik Menjelang Lebaran",
        "Pedagang menyebut pasokan terganggu karena banjir di sentra produksi.",
    )
    .await;
    publish(
        app,
        &token,
        "Timnas Menang di Kandang Lawan",
        "Skor akhir 2-1.",
    )
    .await;
    // A draft never shows up.
    let mut draft = article_json("Draf Rahasia tentang Banjir");
    draft["body"] = json!([{"type": "paragraph", "text": "Belum terbit."}]);
    let (s, _) = app
        .api(Method::POST, "/articles", &token, Some(draft))
        .await;
    assert_eq!(s, 201);

    // A headline match ranks above a body match; the draft is left out.
    let (s, html) = app.text("/cari?q=banjir").await;
    assert_eq!(s, 200);
    assert_eq!(
        results(&html),
        [
            "Banjir Rob Melanda Pesisir Jakarta",
            "Harga Cabai Naik Menjelang Lebaran"
        ]
    );
    assert!(html.contains("2 berita cocok dengan “banjir”"), "{html}");
    assert!(html.contains(r#"<link rel="canonical" href="http"#));
    // Words are prefixes, case does not matter, all words are required.
    let (_, html) = app.text("/cari?q=PESISIR+jak").await;
    assert_eq!(results(&html), ["Banjir Rob Melanda Pesisir Jakarta"]);
    let (_, html) = app.text("/cari?q=banjir+timnas").await;
    assert!(results(&html).is_empty());
    assert!(html.contains("Tidak ada berita yang cocok"));
    // Query syntax of either engine is just text; hostile input is escaped on the page.
    for q in [
        "%22banjir%22+OR+NEAR(timnas",
        "banjir*%20-%20%3A%5E",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "'%3B+DROP+TABLE+articles%3B--",
    ] {
        let (s, html) = app.text(&format!("/cari?q={q}")).await;
        assert_eq!(s, 200, "{q}");
        assert!(!html.contains("<script>alert"), "{q}");
    }
    let (_, html) = app.text("/cari?q=%22banjir%22+OR").await;
    assert_eq!(
        results(&html).len(),
        0,
        "'or' is a word to find, not an operator"
    );
    // No words: the form only.
    let (s, html) = app.text("/cari").await;
    assert_eq!(s, 200);
    assert!(html.contains("Tulis kata kunci"));
    assert!(html.contains(r#"<input type="search" id="q" name="q""#));
    // Paging past the end is a 404; a bad page number a 400.
    assert_eq!(app.get("/cari?q=banjir&page=2").await.status(), 404);
    assert_eq!(app.get("/cari?q=banjir&page=x").await.status(), 400);
    // Edits are found at once (the index is written with the save).
    let id = publish(app, &token, "Gempa di Cianjur", "Warga mengungsi.").await;
    let (_, a) = app
        .api(Method::GET, &format!("/articles/{id}"), &token, None)
        .await;
    let (s, v) = app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &token,
            Some(json!({"revision": a["revision"], "headline": "Gempa Magnitudo 5,6 di Cianjur"})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let (_, html) = app.text("/cari?q=magnitudo").await;
    assert_eq!(results(&html), ["Gempa Magnitudo 5,6 di Cianjur"]);
    // Unpublished articles leave the results.
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/articles/{id}/unpublish"),
            &token,
            None,
        )
        .await;
    assert_eq!(s, 200);
    let (_, html) = app.text("/cari?q=magnitudo").await;
    assert!(results(&html).is_empty());
}

#[tokio::test]
async fn search_finds_published_articles_by_headline_dek_and_body() {
    search_scenario(&TestApp::spawn().await).await;
}

#[tokio::test]
async fn search_works_the_same_on_postgres() {
    let Some(app) = crate::helpers::postgres_app().await else {
        return;
    };
    search_scenario(&app).await;
}

#[tokio::test]
async fn every_page_has_a_search_form_and_home_declares_the_search_action() {
    let app = TestApp::spawn().await;
    let (_, home) = app.text("/").await;
    assert!(home.contains(r#"<form class="cari" method="get" action="/cari" role="search">"#));
    let ld = home
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("JSON-LD on the home page");
    let v: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(v["@type"], "WebSite");
    assert_eq!(v["potentialAction"]["@type"], "SearchAction");
    let base = v["url"].as_str().unwrap().trim_end_matches('/');
    assert!(base.starts_with("http"), "{base}");
    assert_eq!(
        v["potentialAction"]["target"]["urlTemplate"],
        format!("{base}/cari?q={{search_term_string}}")
    );
    assert_eq!(
        v["potentialAction"]["query-input"],
        "required name=search_term_string"
    );
}
