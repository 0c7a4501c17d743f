//! RSS, sitemaps, the Google News sitemap and robots.txt.

use crate::helpers::{article_json, newsroom};
use reqwest::Method;
use serde_json::json;

fn children<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.descendants()
        .filter(|n| n.tag_name().name() == name)
        .collect()
}

#[tokio::test]
async fn rss_is_well_formed_with_absolute_links_and_escaped_text() {
    let n = newsroom().await;
    let a = n.published("Rusia & NATO: <Perundingan> \"Alot\"").await;
    let (s, xml) = n.app.text("/rss.xml").await;
    assert_eq!(s, 200);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed RSS");
    let items = children(doc.root(), "item");
    assert_eq!(items.len(), 1);
    let item = items[0];
    let text = |name: &str| children(item, name)[0].text().unwrap_or("").to_string();
    assert_eq!(text("title"), "Rusia & NATO: <Perundingan> \"Alot\"");
    assert_eq!(text("link"), a["url"].as_str().unwrap());
    assert!(text("pubDate").ends_with("+0700"), "{}", text("pubDate"));
    assert_eq!(
        text("creator"),
        "Rina Redaktur",
        "dc:creator names the author"
    );
    assert!(xml.contains("<atom:link") && xml.contains("https://warta.test/rss.xml"));
    for path in [
        "/rubrik/internasional/rss.xml",
        "/tag/rusia/rss.xml",
        "/topik/invasi-rusia-ke-ukraina/rss.xml",
    ] {
        let (s, xml) = n.app.text(path).await;
        assert_eq!(s, 200, "{path}");
        let doc = roxmltree::Document::parse(&xml).expect(path);
        assert_eq!(children(doc.root(), "item").len(), 1, "{path}");
    }
    let r = n.app.get("/rss.xml").await;
    assert_eq!(
        r.headers()["content-type"],
        "application/rss+xml; charset=utf-8"
    );
}

#[tokio::test]
async fn sitemaps_index_months_and_news_holds_only_two_days() {
    let n = newsroom().await;
    let fresh = n.published("Berita Hari Ini").await;
    let old = n.create(article_json("Berita Tahun Lalu")).await;
    let (s, _) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{}/publish", old["id"]),
            &n.editor,
            Some(json!({"at": "2025-01-15T08:00:00+07:00"})),
        )
        .await;
    assert_eq!(s, 200);

    let (_, index) = n.app.text("/sitemap.xml").await;
    let doc = roxmltree::Document::parse(&index).unwrap();
    let locs: Vec<String> = children(doc.root(), "loc")
        .iter()
        .map(|l| l.text().unwrap().to_string())
        .collect();
    assert!(
        locs.contains(&"https://warta.test/sitemap-2025-01.xml".to_string()),
        "{locs:?}"
    );
    assert!(
        locs.contains(&"https://warta.test/sitemap-news.xml".to_string()),
        "{locs:?}"
    );

    let (s, month) = n.app.text("/sitemap-2025-01.xml").await;
    assert_eq!(s, 200);
    assert!(month.contains(old["url"].as_str().unwrap()));
    assert!(!month.contains("berita-hari-ini"));
    assert_eq!(n.app.get("/sitemap-1999-01.xml").await.status(), 404);

    let (_, news) = n.app.text("/sitemap-news.xml").await;
    let doc = roxmltree::Document::parse(&news).unwrap();
    let urls = children(doc.root(), "url");
    assert_eq!(urls.len(), 1, "only the last 48 hours");
    assert!(news.contains(fresh["url"].as_str().unwrap()));
    assert!(
        children(doc.root(), "publication_date")[0]
            .text()
            .unwrap()
            .ends_with("+07:00")
    );
    assert!(news.contains("<news:language>id</news:language>"));

    let (_, robots) = n.app.text("/robots.txt").await;
    assert!(robots.contains("Sitemap: https://warta.test/sitemap.xml"));
    assert!(robots.contains("Disallow: /api/"));
}
