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

#[tokio::test]
async fn atom_feeds_mirror_rss_for_site_and_terms_with_enclosures() {
    let n = newsroom().await;
    let a = n.published("Rusia & NATO: <Perundingan> \"Alot\"").await;
    for path in [
        "/atom.xml",
        "/rubrik/internasional/atom.xml",
        "/tag/rusia/atom.xml",
    ] {
        let r = n.app.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(
            r.headers()["content-type"],
            "application/atom+xml; charset=utf-8"
        );
        let xml = r.text().await.unwrap();
        let doc = roxmltree::Document::parse(&xml).expect("well-formed Atom");
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        let entries = children(doc.root(), "entry");
        assert_eq!(entries.len(), 1, "{path}");
        let text = |name: &str| {
            children(entries[0], name)[0]
                .text()
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(text("title"), "Rusia & NATO: <Perundingan> \"Alot\"");
        assert_eq!(text("id"), a["url"].as_str().unwrap());
        assert!(
            text("published").ends_with("+07:00"),
            "{}",
            text("published")
        );
        let self_link = children(root, "link")
            .into_iter()
            .find(|l| l.attribute("rel") == Some("self"))
            .and_then(|l| l.attribute("href"))
            .unwrap_or("");
        assert!(
            self_link.starts_with("http") && self_link.ends_with(path),
            "{self_link}"
        );
    }
    // A feed file name that is neither gives the 404 page, not a feed.
    assert_eq!(
        n.app.get("/rubrik/internasional/feed.json").await.status(),
        404
    );
    // Every page advertises the site's Atom feed.
    let (_, html) = n.app.text("/").await;
    assert!(html.contains(r#"type="application/atom+xml""#));
}

#[tokio::test]
async fn news_sitemap_beyond_a_thousand_articles_becomes_an_index_of_parts() {
    use warta_store::{ArticleWrite, Term};
    let n = newsroom().await;
    let store = n.app.store().await;
    let rubrik = store
        .ensure_term(Term::Rubrik, "Nasional", "")
        .await
        .unwrap();
    let by = store.list_users().await.unwrap()[0].id;
    let now = warta_store::now_ms();
    for i in 0..1001_i64 {
        let w = ArticleWrite {
            slug: format!("berita-ke-{i}"),
            headline: format!("Berita ke-{i} Hari Ini"),
            rubrik_id: rubrik.id,
            author_ids: vec![by],
            published_at: Some(now - 60_000 - i * 1000),
            ..Default::default()
        };
        store
            .create_article(&w, warta_core::Status::Published, by)
            .await
            .unwrap();
    }
    // Older than 48 hours: never listed.
    let old = ArticleWrite {
        slug: "berita-lama".into(),
        headline: "Berita Lama".into(),
        rubrik_id: rubrik.id,
        author_ids: vec![by],
        published_at: Some(now - 49 * 3600 * 1000),
        ..Default::default()
    };
    store
        .create_article(&old, warta_core::Status::Published, by)
        .await
        .unwrap();
    let (s, xml) = n.app.text("/sitemap-news.xml").await;
    assert_eq!(s, 200);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    let locs: Vec<String> = children(doc.root(), "loc")
        .iter()
        .map(|l| l.text().unwrap().to_string())
        .collect();
    // Absolute on the site's configured base URL (not the test server's address).
    let base = locs[0].trim_end_matches("/sitemap-news-1.xml").to_string();
    assert!(base.starts_with("http"), "{base}");
    assert_eq!(
        locs,
        [
            format!("{base}/sitemap-news-1.xml"),
            format!("{base}/sitemap-news-2.xml")
        ]
    );
    let mut urls = Vec::new();
    for (part, want) in [(1, 1000), (2, 1)] {
        let (s, xml) = n.app.text(&format!("/sitemap-news-{part}.xml")).await;
        assert_eq!(s, 200);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let entries = children(doc.root(), "url");
        assert_eq!(entries.len(), want, "part {part}");
        urls.extend(
            children(doc.root(), "loc")
                .iter()
                .map(|l| l.text().unwrap().to_string()),
        );
    }
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), 1001, "every article once, none twice");
    assert!(
        !urls.iter().any(|u| u.ends_with("/berita-lama")),
        "48 hours only"
    );
    assert_eq!(n.app.get("/sitemap-news-3.xml").await.status(), 404);
    // The main index lists the parts directly (an index may not list an index).
    let (_, index) = n.app.text("/sitemap.xml").await;
    assert!(
        index.contains(&format!("{base}/sitemap-news-2.xml")),
        "{index}"
    );
    assert!(
        !index.contains(&format!("{base}/sitemap-news.xml<")),
        "{index}"
    );
}
