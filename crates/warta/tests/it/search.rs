//! The reader's search page `/cari?q=` over the tantivy index, on SQLite and PostgreSQL: what
//! it finds (Indonesian roots, typos, phrases), in which order, what it leaves out (drafts,
//! pending versions, unpublished articles), filters and paging, and that no input breaks it.

use reqwest::Method;
use serde_json::{Value, json};
use warta_testkit::TestApp;

pub async fn publish_with(app: &TestApp, token: &str, a: Value) -> i64 {
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
    app.run_pending_jobs().await;
    id
}

pub fn story(headline: &str, body: &str, rubrik: &str) -> Value {
    json!({
        "headline": headline, "dek": "", "rubrik": rubrik, "tags": [], "dateline": "Jakarta",
        "body": [{"type": "paragraph", "text": body}]
    })
}

pub async fn publish(app: &TestApp, token: &str, headline: &str, body: &str) -> i64 {
    publish_with(app, token, story(headline, body, "Nasional")).await
}

/// Headlines of the results, in order.
pub fn results(html: &str) -> Vec<String> {
    html.split("<article class=\"teaser")
        .skip(1)
        .filter_map(|t| {
            let link = t.split("href=\"/berita/").nth(1)?;
            let text = link.split('>').nth(1)?.split('<').next()?;
            Some(text.replace("&quot;", "\""))
        })
        .collect()
}

async fn found(app: &TestApp, q: &str) -> Vec<String> {
    let (s, html) = app.text(&format!("/cari?q={q}")).await;
    assert_eq!(s, 200, "{q}");
    results(&html)
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
    publish_with(
        app,
        &token,
        story(
            "Timnas Menang di Kandang Lawan",
            "Skor akhir 2-1.",
            "Ekonomi",
        ),
    )
    .await;
    publish(
        app,
        &token,
        "Perundingan Damai Berlanjut",
        "Kedua pihak menyampaikan tuntutan mereka.",
    )
    .await;
    publish(
        app,
        &token,
        "Gedung Kementerian Diresmikan",
        "Acara berlangsung meriah.",
    )
    .await;
    // A draft never shows up.
    let mut draft = story("Draf Rahasia tentang Banjir", "Belum terbit.", "Nasional");
    draft["dek"] = json!("");
    let (s, _) = app
        .api(Method::POST, "/articles", &token, Some(draft))
        .await;
    assert_eq!(s, 201);
    app.run_pending_jobs().await;

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
    // The matched word is highlighted in the snippet, and the page has one search box.
    assert!(
        html.contains("karena <mark>banjir</mark> di sentra"),
        "{html}"
    );
    assert_eq!(
        html.matches(r#"type="search""#).count(),
        1,
        "one search box"
    );
    // Indonesian roots: affixed forms find each other.
    assert_eq!(
        found(app, "berunding").await,
        ["Perundingan Damai Berlanjut"]
    );
    assert_eq!(found(app, "runding").await, ["Perundingan Damai Berlanjut"]);
    assert_eq!(
        found(app, "menuntut").await,
        ["Perundingan Damai Berlanjut"]
    );
    assert_eq!(
        found(app, "menteri").await,
        ["Gedung Kementerian Diresmikan"]
    );
    let (_, html) = app.text("/cari?q=menuntut").await;
    assert!(
        html.contains("menyampaikan <mark>tuntutan</mark>"),
        "{html}"
    );
    // Case does not matter, all words are required, a typo in a long word is forgiven.
    assert_eq!(
        found(app, "PESISIR+jakarta").await,
        ["Banjir Rob Melanda Pesisir Jakarta"]
    );
    assert!(found(app, "banjir+timnas").await.is_empty());
    assert_eq!(
        found(app, "pesisri").await,
        ["Banjir Rob Melanda Pesisir Jakarta"]
    );
    // Phrases in quotes match word for word, straight or curly quotes.
    assert_eq!(
        found(app, "%22pesisir+jakarta%22").await,
        ["Banjir Rob Melanda Pesisir Jakarta"]
    );
    assert!(found(app, "%22jakarta+pesisir%22").await.is_empty());
    assert_eq!(
        found(app, "%E2%80%9Charga+cabai%E2%80%9D").await,
        ["Harga Cabai Naik Menjelang Lebaran"]
    );
    // Filters: rubrik; sort by newest.
    assert_eq!(
        found(app, "timnas&rubrik=ekonomi").await,
        ["Timnas Menang di Kandang Lawan"]
    );
    assert!(found(app, "timnas&rubrik=nasional").await.is_empty());
    let newest = found(app, "banjir&sort=newest").await;
    assert_eq!(newest[0], "Harga Cabai Naik Menjelang Lebaran");
    assert!(
        found(app, "banjir&from=2000-01-01&to=2000-01-02")
            .await
            .is_empty()
    );
    assert_eq!(
        found(app, "banjir&from=2000-01-01&to=2999-01-02")
            .await
            .len(),
        2
    );
    // Hostile input is a normal page and is escaped on it.
    let huge = "a%22(".repeat(2_000);
    for q in [
        "%22banjir%22+OR+NEAR(timnas",
        "banjir*%20-%20%3A%5E",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "'%3B+DROP+TABLE+articles%3B--",
        "%22unbalanced+quote",
        "!!!...%E2%80%9C%E2%80%9D",
        huge.as_str(),
        "title:banjir",
        "banjir~2",
        "%2B%2B%2B",
        "banjir&sort=bogus&from=kemarin",
    ] {
        let (s, html) = app.text(&format!("/cari?q={q}")).await;
        assert_eq!(s, 200, "{q}");
        assert!(!html.contains("<script>alert"), "{q}");
    }
    assert!(
        found(app, "%22banjir%22+OR").await.is_empty(),
        "'or' is a word, not an operator"
    );
    // No words: the form only; no 1970 modification time.
    let r = app.get("/cari").await;
    let lm = r
        .headers()
        .get("last-modified")
        .map(|v| v.to_str().unwrap().to_string());
    assert!(lm.as_deref().is_none_or(|v| !v.contains("1970")), "{lm:?}");
    let html = r.text().await.unwrap();
    assert!(html.contains("Tulis kata kunci"));
    assert!(html.contains(r#"<input type="search" id="q" name="q""#));
    // Paging past the end is a 404; a bad page number a 400.
    assert_eq!(app.get("/cari?q=banjir&page=2").await.status(), 404);
    assert_eq!(app.get("/cari?q=banjir&page=x").await.status(), 400);
    // Edits are found once the index caught up; unpublished articles leave the results.
    let id = publish(app, &token, "Gempa di Cianjur", "Warga mengungsi.").await;
    let (_, a) = app
        .api(Method::GET, &format!("/articles/{id}"), &token, None)
        .await;
    let patch = json!({"revision": a["revision"], "headline": "Gempa Magnitudo 5,6 di Cianjur"});
    let (s, v) = app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &token,
            Some(patch),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    app.run_pending_jobs().await;
    assert_eq!(
        found(app, "magnitudo").await,
        ["Gempa Magnitudo 5,6 di Cianjur"]
    );
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/articles/{id}/unpublish"),
            &token,
            None,
        )
        .await;
    assert_eq!(s, 200);
    app.run_pending_jobs().await;
    assert!(found(app, "magnitudo").await.is_empty());
}

#[tokio::test]
async fn search_finds_published_articles_by_indonesian_roots() {
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

/// Renaming a tag, a rubrik or an author in `/admin/taksonomi` reindexes the articles that
/// carry it: readers find them by the new name, not by the old.
async fn renames_scenario(app: &TestApp) {
    use crate::helpers::Desk;
    let token = app
        .token_for("ed@warta.test", "Ed Lama", warta_core::Role::Editor)
        .await;
    crate::helpers::make_rubriks(app, &token).await;
    let mut a = story(
        "Warga Menanam Mangrove di Pesisir Utara",
        "Ratusan bibit ditanam pada Minggu pagi.",
        "Ekonomi",
    );
    a["tags"] = json!(["Lingkungan"]);
    publish_with(app, &token, a).await;
    for q in ["ekowisata", "kreatif", "wiryono"] {
        assert!(found(app, q).await.is_empty(), "{q} before the renames");
    }
    let store = app.store().await;
    let tag = store.list_terms(warta_store::Term::Tag).await.unwrap();
    let tag = tag.iter().find(|t| t.name == "Lingkungan").unwrap().id;
    let rubrik = store.list_terms(warta_store::Term::Rubrik).await.unwrap();
    let rubrik = rubrik.iter().find(|t| t.name == "Ekonomi").unwrap().id;
    let users = store.list_users().await.unwrap();
    let author = users.iter().find(|u| u.name == "Ed Lama").unwrap().id;

    let desk = Desk::sign_in(app, "ed@warta.test").await;
    for (path, name) in [
        (format!("/admin/taksonomi/tag/{tag}"), "Ekowisata Bahari"),
        (
            format!("/admin/taksonomi/rubrik/{rubrik}"),
            "Ekonomi Kreatif",
        ),
        (
            format!("/admin/taksonomi/penulis/{author}"),
            "Sulastri Wiryono",
        ),
    ] {
        let form = [("name", name), ("description", ""), ("bio", "")];
        let (s, _, body) = desk.post(&path, &form).await;
        assert_eq!(s, 303, "{path}: {body}");
    }
    app.run_pending_jobs().await;
    for q in ["ekowisata", "kreatif", "wiryono"] {
        assert_eq!(
            found(app, q).await,
            ["Warga Menanam Mangrove di Pesisir Utara"],
            "{q} after the renames"
        );
    }
    assert!(
        found(app, "lingkungan").await.is_empty(),
        "the old tag name"
    );
}

#[tokio::test]
async fn renamed_terms_and_authors_are_found_by_their_new_names() {
    renames_scenario(&TestApp::spawn().await).await;
}

#[tokio::test]
async fn renamed_terms_are_reindexed_on_postgres_too() {
    let Some(app) = crate::helpers::postgres_app().await else {
        return;
    };
    renames_scenario(&app).await;
}
