//! Corrections and live blogs as readers see them: the Koreksi box, JSON-LD and RSS after a
//! correction; live entries on reload; the `/berita/{slug}/langsung` event stream and live.js.

use crate::helpers::{Newsroom, newsroom, path_of};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;
use warta_core::Role;
use warta_testkit::TestApp;

/// The first JSON-LD block of a page, parsed.
fn json_ld(html: &str) -> Value {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    let start = html.find(OPEN).expect("JSON-LD") + OPEN.len();
    let end = start + html[start..].find("</script>").expect("script closed");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

/// Published, then switched to live mode; returns (id, page path).
async fn live_article(n: &Newsroom, headline: &str) -> (i64, String) {
    let a = n.published(headline).await;
    let id = a["id"].as_i64().unwrap();
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(json!({"revision": a["revision"], "live": true})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["live"], true);
    (id, path_of(&a["url"]))
}

async fn post_entry(n: &Newsroom, id: i64, title: &str, text: &str) -> (u16, Value) {
    n.app
        .api(
            Method::POST,
            &format!("/articles/{id}/live"),
            &n.writer,
            Some(json!({"title": title, "body": [{"type": "paragraph", "text": text}]})),
        )
        .await
}

async fn entry(n: &Newsroom, id: i64, title: &str, text: &str) -> i64 {
    let (s, v) = post_entry(n, id, title, text).await;
    assert_eq!(s, 201, "{v}");
    v["id"].as_i64().unwrap()
}

/// Open an event stream (headers as `(name, value)`).
async fn sse(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let res = app.get_with(path, headers).await;
    assert_eq!(res.status(), 200, "{path}");
    let ct = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(ct.starts_with("text/event-stream"), "{ct}");
    assert_eq!(res.headers()["cache-control"], "no-store");
    res
}

/// Read the stream until `needle` shows up or `within` passes; returns everything read.
async fn read_until(res: &mut reqwest::Response, needle: &str, within: Duration) -> String {
    let mut seen = String::new();
    let _ = tokio::time::timeout(within, async {
        while !seen.contains(needle) {
            match res.chunk().await {
                Ok(Some(bytes)) => seen.push_str(&String::from_utf8_lossy(&bytes)),
                _ => break,
            }
        }
    })
    .await;
    seen
}

#[tokio::test]
async fn a_correction_shows_on_the_page_in_json_ld_and_in_the_feed() {
    let n = newsroom().await;
    let a = n.published("Menteri Umumkan Harga BBM Baru").await;
    let (id, path) = (a["id"].as_i64().unwrap(), path_of(&a["url"]));
    let (_, before) = n.app.text(&path).await;
    assert!(!before.contains("Koreksi"));
    let (_, feed_before) = n.app.text("/rss.xml").await;
    // Feeds and JSON-LD carry seconds: let the correction land in a later one.
    tokio::time::sleep(Duration::from_millis(1100)).await;

    let note = "Sebelumnya tertulis harga Rp 12.500; yang benar Rp 10.000 per liter.";
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(json!({"revision": a["revision"], "correction": note})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_ne!(v["updated_at"], a["updated_at"]);

    let (s, page) = n.app.text(&path).await;
    assert_eq!(s, 200);
    assert!(
        page.contains("<h2 id=\"koreksi-judul\">Koreksi</h2>"),
        "{page}"
    );
    let boxed = page.find("koreksi-judul").expect("the Koreksi box");
    let li = boxed + page[boxed..].find(note).expect("the note in the box");
    let item = &page[page[..li].rfind("<li>").unwrap()..li];
    assert!(item.starts_with("<li><time datetime=\""), "{item}");
    assert!(item.ends_with(" WIB</time> — "), "{item}");
    assert!(
        [
            "Senin, ", "Selasa, ", "Rabu, ", "Kamis, ", "Jumat, ", "Sabtu, ", "Minggu, "
        ]
        .iter()
        .any(|d| item.contains(d)),
        "{item}"
    );

    let ld = json_ld(&page);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["dateModified"], v["updated_at"]);
    assert_eq!(ld["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(ld["correction"][0]["text"], note);
    assert_eq!(ld["correction"][0]["datePublished"], v["updated_at"]);

    let (_, feed) = n.app.text("/rss.xml").await;
    let build = |f: &str| {
        let s = f.find("<lastBuildDate>").expect("lastBuildDate");
        f[s..s + f[s..].find("</lastBuildDate>").unwrap()].to_string()
    };
    assert_ne!(
        build(&feed),
        build(&feed_before),
        "the feed shows the update"
    );
}

#[tokio::test]
async fn only_editors_correct_and_only_published_articles() {
    let n = newsroom().await;
    let contributor = n
        .app
        .token_for("kontributor@warta.test", "Kontributor", Role::Contributor)
        .await;
    let a = n.published("Banjir Rob di Pekalongan").await;
    let id = a["id"].as_i64().unwrap();
    let body = json!({"revision": a["revision"], "correction": "Salah tanggal."});
    for token in [&n.writer, &contributor] {
        let (s, v) = n
            .app
            .api(
                Method::PATCH,
                &format!("/articles/{id}"),
                token,
                Some(body.clone()),
            )
            .await;
        assert_eq!(s, 403, "{v}");
    }

    let draft = n.create(crate::helpers::article_json("Draf Berita")).await;
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{}", draft["id"]),
            &n.editor,
            Some(json!({"revision": draft["revision"], "correction": "Koreksi draf."})),
        )
        .await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(v["field"], "correction");
}

#[tokio::test]
async fn live_entries_show_newest_first_on_reload_with_live_blog_posting() {
    let n = newsroom().await;
    let (id, path) = live_article(&n, "LANGSUNG: Banjir Jakarta Hari Ini").await;
    let (s, empty) = n.app.text(&path).await;
    assert_eq!(s, 200);
    assert!(empty.contains("<p class=\"langsung\">LANGSUNG</p>"));
    assert!(empty.contains("data-live-after=\"0\""));

    let first = entry(&n, id, "Air naik", "Air mulai naik di Kampung Melayu.").await;
    let second = entry(&n, id, "", "Pengungsi dipindahkan ke masjid.").await;
    assert!(second > first);

    // The page was cached before the entries: a reload shows them, newest first.
    let (_, page) = n.app.text(&path).await;
    let pos = |id: i64| {
        page.find(&format!("<article class=\"live-entry\" id=\"entri-{id}\">"))
            .unwrap_or_else(|| panic!("entry {id} on the page"))
    };
    assert!(pos(second) < pos(first));
    assert!(page.contains("<h3>Air naik</h3>"));
    assert!(page.contains("<p>Air mulai naik di Kampung Melayu.</p>"));
    assert!(page.contains("<p class=\"live-author\">Budi Penulis</p>"));
    assert!(page.contains(&format!("data-live-after=\"{second}\"")));
    assert!(page.contains(" WIB</time></p>"));

    let ld = json_ld(&page);
    assert_eq!(ld["@type"], "LiveBlogPosting");
    assert!(ld["coverageStartTime"].is_string());
    let updates = ld["liveBlogUpdate"].as_array().expect("liveBlogUpdate");
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0]["@type"], "BlogPosting");
    assert_eq!(updates[0]["headline"], "Pengungsi dipindahkan ke masjid.");
    assert_eq!(
        updates[1]["articleBody"],
        "Air mulai naik di Kampung Melayu."
    );
    assert!(updates[1]["datePublished"].is_string());
    assert_eq!(ld["dateModified"], updates[0]["datePublished"]);
}

#[tokio::test]
async fn live_pages_load_live_js_and_other_pages_no_script() {
    let n = newsroom().await;
    let plain = n.published("Harga Cabai Turun").await;
    let (_, html) = n.app.text(&path_of(&plain["url"])).await;
    assert!(!html.contains(warta_render::live_script_url()));
    // The one script other articles load is the site's own enhancement (times, copy-link).
    assert_eq!(html.matches("<script src").count(), 1);
    let (_, path) = live_article(&n, "Pemilu: Hitung Cepat").await;
    let (_, html) = n.app.text(&path).await;
    let url = warta_render::live_script_url();
    assert!(html.contains(&format!("<script src=\"{url}\" defer></script>")));

    let res = n.app.get(url).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(res.text().await.unwrap().contains("EventSource"));
    let stale = n.app.get(warta_render::LIVE_SCRIPT_PATH).await;
    assert_eq!(stale.headers()["cache-control"], "public, max-age=300");
}

#[tokio::test]
async fn the_event_stream_sends_a_new_entry_within_seconds() {
    let n = newsroom().await;
    let (id, path) = live_article(&n, "Gempa Cianjur: Perkembangan Terkini").await;
    let mut stream = sse(&n.app, &format!("{path}/langsung"), &[]).await;
    let e = entry(
        &n,
        id,
        "Gempa susulan",
        "Gempa susulan M4,1 terasa di Cianjur.",
    )
    .await;
    let seen = read_until(&mut stream, "Gempa susulan M4,1", Duration::from_secs(5)).await;
    assert!(seen.contains("event: entri\n"), "{seen}");
    assert!(seen.contains(&format!("id: {e}\n")), "{seen}");
    assert!(
        seen.contains(&format!(
            "data: <article class=\"live-entry\" id=\"entri-{e}\">"
        )),
        "{seen}"
    );
    assert!(seen.contains("data: <h3>Gempa susulan</h3>"), "{seen}");
}

#[tokio::test]
async fn the_event_stream_replays_entries_after_setelah_and_last_event_id() {
    let n = newsroom().await;
    let (id, path) = live_article(&n, "Sidang Kabinet: Laporan Langsung").await;
    let e1 = entry(&n, id, "", "Entri pertama.").await;
    let e2 = entry(&n, id, "", "Entri kedua.").await;
    let e3 = entry(&n, id, "", "Entri ketiga.").await;

    let mut s = sse(&n.app, &format!("{path}/langsung?setelah={e1}"), &[]).await;
    let seen = read_until(&mut s, &format!("id: {e3}\n"), Duration::from_secs(5)).await;
    assert!(!seen.contains(&format!("id: {e1}\n")), "{seen}");
    let (p2, p3) = (
        seen.find("Entri kedua").unwrap(),
        seen.find("Entri ketiga").unwrap(),
    );
    assert!(p2 < p3, "oldest first, so each goes on top: {seen}");

    // A reconnecting browser's Last-Event-ID wins over the page's `setelah`.
    let id2 = e2.to_string();
    let mut s = sse(
        &n.app,
        &format!("{path}/langsung?setelah=0"),
        &[("last-event-id", &id2)],
    )
    .await;
    let seen = read_until(&mut s, &format!("id: {e3}\n"), Duration::from_secs(5)).await;
    assert!(seen.contains("Entri ketiga"), "{seen}");
    assert!(!seen.contains("Entri kedua") && !seen.contains("Entri pertama"));

    assert_eq!(
        n.app
            .get(&format!("{path}/langsung?setelah=abc"))
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn the_event_stream_finds_entries_written_by_another_instance() {
    let n = newsroom().await;
    let (id, path) = live_article(&n, "Arus Mudik: Pantauan Langsung").await;
    let mut s = sse(&n.app, &format!("{path}/langsung"), &[]).await;
    // Straight into the database, as another instance would: no event on this one.
    let store = n.app.store().await;
    let user = store.list_users().await.unwrap().remove(0);
    let body = vec![warta_core::Block::Paragraph {
        text: "Tol Cikampek padat merayap.".into(),
    }];
    store.add_live_entry(id, "", &body, user.id).await.unwrap();
    let seen = read_until(&mut s, "padat merayap", Duration::from_secs(8)).await;
    assert!(seen.contains("event: entri\n"), "{seen}");
}

#[tokio::test]
async fn no_event_stream_for_articles_that_are_not_live_and_published() {
    let n = newsroom().await;
    let plain = n.published("Harga Beras Stabil").await;
    let res = n
        .app
        .get(&format!("{}/langsung", path_of(&plain["url"])))
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(n.app.get("/berita/tidak-ada/langsung").await.status(), 404);

    // An entry for a non-live article is refused.
    let (s, v) = post_entry(&n, plain["id"].as_i64().unwrap(), "", "Teks.").await;
    assert_eq!(s, 409, "{v}");

    // A live draft has no public stream.
    let draft = n
        .create(crate::helpers::article_json("Draf Langsung"))
        .await;
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{}", draft["id"]),
            &n.editor,
            Some(json!({"revision": draft["revision"], "live": true})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let res = n
        .app
        .get(&format!("{}/langsung", path_of(&draft["url"])))
        .await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn hostile_entry_text_is_escaped_on_the_page_and_in_the_stream() {
    let n = newsroom().await;
    let (id, path) = live_article(&n, "Demo Buruh: Laporan Langsung").await;
    let mut s = sse(&n.app, &format!("{path}/langsung"), &[]).await;
    let hostile = "<script>alert(1)</script>";
    let e = entry(
        &n,
        id,
        &format!("Judul {hostile}"),
        &format!("Teks {hostile} aman"),
    )
    .await;
    let seen = read_until(&mut s, &format!("id: {e}\n"), Duration::from_secs(5)).await;
    let seen = read_until_more(&mut s, seen, "aman").await;
    let (_, page) = n.app.text(&path).await;
    for html in [&seen, &page] {
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(
            html.contains("Judul &lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }
    let ld = json_ld(&page);
    assert_eq!(
        ld["liveBlogUpdate"][0]["headline"],
        format!("Judul {hostile}")
    );
}

/// Keep reading until `needle` is in `seen` too (an event may span chunks).
async fn read_until_more(res: &mut reqwest::Response, seen: String, needle: &str) -> String {
    if seen.contains(needle) {
        return seen;
    }
    seen + &read_until(res, needle, Duration::from_secs(2)).await
}

#[tokio::test]
async fn shutdown_ends_open_event_streams() {
    let n = newsroom().await;
    let (_, path) = live_article(&n, "Final Piala Dunia: Langsung").await;
    let _stream = sse(&n.app, &format!("{path}/langsung"), &[]).await;
    let Newsroom { app, .. } = n;
    tokio::time::timeout(Duration::from_secs(5), app.shutdown())
        .await
        .expect("shutdown does not wait for event streams")
        .expect("clean shutdown");
}
