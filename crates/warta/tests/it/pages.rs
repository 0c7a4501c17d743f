//! Reader pages on the demo site and on fresh content: structure, caching, status codes.

use crate::helpers::{newsroom, path_of};
use reqwest::Method;
use warta_testkit::{Options, TestApp};

fn count(h: &str, needle: &str) -> usize {
    h.matches(needle).count()
}

fn first_article_link(html: &str) -> String {
    let start = html.find("href=\"/berita/").expect("an article link") + 6;
    let end = start + html[start..].find('"').unwrap();
    html[start..end].to_string()
}

#[tokio::test]
async fn demo_site_serves_every_kind_of_page() {
    let app = TestApp::spawn_with(Options {
        demo: true,
        ..Default::default()
    })
    .await;
    let (s, home) = app.text("/").await;
    assert_eq!(s, 200);
    assert!(home.starts_with("<!doctype html>") && home.contains("<html lang=\"id\">"));
    assert_eq!(count(&home, "<h1"), 1);
    assert!(
        home.contains("href=\"/rubrik/nasional\""),
        "navigation lists the rubriks"
    );
    assert!(home.contains("rel=\"alternate\" type=\"application/rss+xml\""));
    assert!(
        home.contains("href=\"/?page=2\""),
        "32 articles make two pages"
    );
    let (s, p2) = app.text("/?page=2").await;
    assert_eq!(s, 200);
    assert!(p2.contains("Halaman 2 dari 2"));
    assert_eq!(app.get("/?page=3").await.status(), 404);
    assert_eq!(app.get("/?page=abc").await.status(), 400);
    let (s, tracked) = app.text("/?page=2&utm_source=x&page=3").await;
    assert_eq!(s, 200, "unknown and repeated parameters are ignored");
    assert!(tracked.contains("Halaman 2 dari 2"));

    let link = first_article_link(&home);
    let (s, article) = app.text(&link).await;
    assert_eq!(s, 200);
    assert_eq!(count(&article, "<h1"), 1);
    assert!(article.contains("class=\"dateline\">"));
    assert!(article.contains(", Warta Uji –</strong>"));
    assert!(article.contains("<figcaption>") && article.contains("Foto: "));
    assert!(article.contains("\"@type\":\"NewsArticle\""));
    assert!(article.contains("<link rel=\"canonical\" href=\"https://warta.test/berita/"));
    assert!(article.contains("property=\"og:image\" content=\"https://warta.test/media/"));
    assert!(count(&article, "<img") >= 1);
    assert!(article.contains(" WIB</time>"));
    // Every photo is a <picture> with a WebP srcset and an <img> that has alt text and a
    // size; the only other images are the decorative placeholders behind them.
    let pictures = count(&article, "<picture");
    assert!(pictures >= 1);
    for pic in article.split("<picture").skip(1) {
        let pic = &pic[..pic.find("</picture>").unwrap()];
        assert!(
            pic.contains("<source type=\"image/webp\" srcset=\""),
            "{pic}"
        );
        let img = &pic[pic.find("<img").expect("an img")..];
        let tag = &img[..img.find('>').unwrap()];
        for attr in ["alt=\"", "width=\"", "height=\""] {
            assert!(tag.contains(attr), "img without {attr}: {tag}");
        }
    }
    let placeholders = count(
        &article,
        "<img class=\"lqip-ph\" src=\"data:image/webp;base64,",
    );
    assert!(placeholders >= 1, "the hero has a placeholder");
    assert_eq!(
        count(&article, "alt=\"\" aria-hidden=\"true\">"),
        placeholders,
        "placeholders are decorative"
    );
    // Plus the view beacon ("Terpopuler").
    assert_eq!(count(&article, "<img"), pictures + placeholders + 1);
    assert_eq!(count(&article, "<img class=\"hitung\""), 1);

    for path in [
        "/rubrik/nasional",
        "/topik/banjir-bandang-sumatera-barat",
        "/penulis/dewi-anggraini",
        "/indeks",
        "/rss.xml",
        "/rubrik/nasional/rss.xml",
        "/topik/banjir-bandang-sumatera-barat/rss.xml",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/robots.txt",
        "/static/style.css",
        "/static/logo.png",
        "/healthz",
        "/readyz",
    ] {
        assert_eq!(app.get(path).await.status(), 200, "{path}");
    }
    let (_, rubrik) = app.text("/rubrik/nasional").await;
    assert!(
        rubrik.contains("type=\"application/rss+xml\"")
            && rubrik.contains("href=\"/rubrik/nasional/rss.xml\""),
        "a rubrik page advertises its own feed"
    );
    let (_, topic) = app.text("/topik/banjir-bandang-sumatera-barat").await;
    assert!(
        count(&topic, "class=\"teaser") >= 8,
        "the running story has at least 8 articles"
    );
    let (_, tag_page) = app.text(&first_tag_link(&article)).await;
    assert!(tag_page.contains("Tag: "));

    let (s, missing) = app.text("/berita/tidak-ada-berita-ini").await;
    assert_eq!(s, 404);
    assert!(missing.contains("Halaman tidak ditemukan") && missing.contains("<html lang=\"id\">"));
    assert_eq!(app.get("/rubrik/tidak-ada").await.status(), 404);
    assert_eq!(app.get("/sembarang/alamat").await.status(), 404);
}

#[tokio::test]
async fn the_stylesheet_is_fingerprinted_and_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let (_, page) = app.text("/tidak-ada").await;
    let start = page
        .find("href=\"/static/style.css?v=")
        .expect("a fingerprinted stylesheet link")
        + 6;
    let href = &page[start..start + page[start..].find('"').unwrap()];
    let r = app.get(href).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(r.text().await.unwrap().contains(".dateline"));
    let stale = app.get("/static/style.css?v=00000000").await;
    assert_eq!(
        stale.headers()["cache-control"],
        "public, max-age=300",
        "an old fingerprint is not kept long"
    );
}

fn first_tag_link(html: &str) -> String {
    let start = html.find("href=\"/tag/").expect("a tag link") + 6;
    let end = start + html[start..].find('"').unwrap();
    html[start..end].to_string()
}

#[tokio::test]
async fn indeks_lists_the_chosen_day_with_a_date_picker() {
    let n = newsroom().await;
    let a = n
        .create(crate::helpers::article_json("Arsip Lama 2022"))
        .await;
    let id = a["id"].as_i64().unwrap();
    let (s, _) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(serde_json::json!({"at": "2022-03-01T14:05:00+07:00"})),
        )
        .await;
    assert_eq!(s, 200);
    let (s, day) = n.app.text("/indeks?tanggal=2022-03-01").await;
    assert_eq!(s, 200);
    assert!(day.contains("Arsip Lama 2022"));
    assert!(day.contains("type=\"date\"") && day.contains("value=\"2022-03-01\""));
    let (_, other) = n.app.text("/indeks?tanggal=2022-03-02").await;
    assert!(!other.contains("Arsip Lama 2022"));
    assert!(other.contains("Belum ada berita."));
    assert_eq!(n.app.get("/indeks?tanggal=kemarin").await.status(), 400);
    let (_, page) = n.app.text(&path_of(&a["url"])).await;
    assert!(
        page.contains("Selasa, 1 Maret 2022 14:05 WIB"),
        "backdated time shown in WIB"
    );
}

#[tokio::test]
async fn conditional_get_and_compression() {
    let n = newsroom().await;
    let a = n.published("Berita untuk Cache").await;
    let path = path_of(&a["url"]);
    let r = n.app.get(&path).await;
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let last_modified = r.headers()["last-modified"].to_str().unwrap().to_string();
    let cc = r.headers()["cache-control"].to_str().unwrap().to_string();
    assert!(
        cc.contains("s-maxage=") && cc.contains("stale-while-revalidate="),
        "{cc}"
    );
    let r = n.app.get_with(&path, &[("if-none-match", &etag)]).await;
    assert_eq!(r.status(), 304);
    let r = n
        .app
        .get_with(&path, &[("if-modified-since", &last_modified)])
        .await;
    assert_eq!(r.status(), 304);
    for enc in ["br", "gzip"] {
        let r = n.app.get_with(&path, &[("accept-encoding", enc)]).await;
        assert_eq!(r.headers()["content-encoding"], enc);
        assert_eq!(r.headers()["vary"], "Accept-Encoding");
    }
    // An edit changes the ETag: the old one no longer matches.
    let patch = serde_json::json!({"revision": 1, "dek": "Ringkasan baru"});
    let (s, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{}", a["id"]),
            &n.editor,
            Some(patch),
        )
        .await;
    assert_eq!(s, 200);
    let r = n.app.get_with(&path, &[("if-none-match", &etag)]).await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn publishing_and_unpublishing_invalidate_the_lists() {
    let n = newsroom().await;
    n.published("Berita Pertama").await;
    for path in [
        "/",
        "/rubrik/internasional",
        "/tag/nato",
        "/topik/invasi-rusia-ke-ukraina",
        "/rss.xml",
        "/penulis/rina-redaktur",
    ] {
        let (_, html) = n.app.text(path).await;
        assert!(html.contains("Berita Pertama"), "{path}");
        assert!(!html.contains("Berita Kedua"), "{path}");
    }
    let second = n.published("Berita Kedua").await;
    for path in [
        "/",
        "/rubrik/internasional",
        "/tag/nato",
        "/topik/invasi-rusia-ke-ukraina",
        "/rss.xml",
        "/penulis/rina-redaktur",
    ] {
        let (_, html) = n.app.text(path).await;
        assert!(
            html.contains("Berita Kedua"),
            "{path} shows the new article at once"
        );
    }
    let id = second["id"].as_i64().unwrap();
    let (s, _) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/unpublish"),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(s, 200);
    let (s, gone) = n.app.text(&path_of(&second["url"])).await;
    assert_eq!(s, 410);
    assert!(gone.contains("Berita ini sudah tidak tersedia"));
    let (_, home) = n.app.text("/").await;
    assert!(!home.contains("Berita Kedua") && home.contains("Berita Pertama"));
}

#[tokio::test]
async fn pages_render_the_same_with_the_cache_off() {
    let app = TestApp::spawn_with(Options {
        page_cache: Some(false),
        demo: true,
        ..Default::default()
    })
    .await;
    let (s, home) = app.text("/").await;
    assert_eq!(s, 200);
    let link = first_article_link(&home);
    let r = app.get(&link).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().contains_key("etag"));
    assert!(app.running.as_ref().unwrap().state.cached_pages() == 0);
}
