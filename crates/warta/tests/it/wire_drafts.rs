//! The wire queue's edge cases: two "Jadikan draf" clicks on one item at the same instant make
//! one draft (on SQLite and PostgreSQL), and an agency sending the same story twice in one
//! poll shows it once.

use crate::helpers::{Db, Desk, Newsroom};
use crate::wire::{add_feed, agency, item_id, wire_newsroom};
use reqwest::Method;

on_both_backends!(two_clicks_at_once_make_one_draft);

async fn newsroom_for(db: Db) -> Option<Newsroom> {
    let url = match db {
        Db::Sqlite => None,
        Db::Postgres => Some(warta_testkit::postgres_database().await?),
    };
    Some(wire_newsroom(url, None).await)
}

async fn two_clicks_at_once_make_one_draft(db: Db) {
    let (base, _agency) = agency().await;
    let Some(n) = newsroom_for(db).await else {
        return;
    };
    let editor = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let url = format!("{base}/antara.rss");
    add_feed(&editor, "Antara Terkini", "Antara", &url, "rss").await;
    n.app.run_pending_jobs().await;
    let (s, list) = n
        .app
        .api(Method::GET, "/wire?per_page=10", &n.writer, None)
        .await;
    assert_eq!(s, 200, "{list}");
    let items = list["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 3, "{list}");
    for item in &items {
        // A writer and an editor click at the same moment (one with a photo to take in).
        let path = format!("/wire/{}/draft", item["id"]);
        let ((s1, a), (s2, b)) = tokio::join!(
            n.app.api(Method::POST, &path, &n.writer, None),
            n.app.api(Method::POST, &path, &n.editor, None),
        );
        let mut codes = [s1, s2];
        codes.sort();
        assert_eq!(codes, [200, 201], "one made the draft, one got it: {a} {b}");
        assert_eq!(a["id"], b["id"], "the same draft for both: {a} {b}");
        assert_eq!(a["headline"], item["headline"]);
    }
    let (s, drafts) = n
        .app
        .api(
            Method::GET,
            "/articles?status=draft&per_page=50",
            &n.editor,
            None,
        )
        .await;
    assert_eq!(s, 200, "{drafts}");
    assert_eq!(drafts["total"], 3, "one draft per item: {drafts}");
}

/// A feed whose two items are one story: the repeat differs by a word and its GUID.
fn repeated_story() -> Vec<u8> {
    let text = "Badan Penanggulangan Bencana Daerah DKI Jakarta mencatat banjir merendam \
        sedikitnya empat puluh rukun tetangga di Jakarta Timur dan Jakarta Selatan setelah hujan \
        deras mengguyur sejak Senin malam. Petugas mengevakuasi warga lanjut usia dan anak-anak \
        ke posko pengungsian di masjid dan sekolah terdekat, sementara pompa air dikerahkan ke \
        titik genangan tertinggi di sepanjang Kali Ciliwung.";
    let again = text.replace("sedikitnya", "setidaknya");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kawat</title><link>https://kawat.test/</link>
<description>Kawat</description>
<item><title>Banjir rendam 40 RT di Jakarta (pembaruan)</title><guid>kawat-2</guid>
<pubDate>Tue, 01 Dec 2026 04:00:00 GMT</pubDate><description>{again}</description></item>
<item><title>Banjir rendam 40 RT di Jakarta</title><guid>kawat-1</guid>
<pubDate>Tue, 01 Dec 2026 03:00:00 GMT</pubDate><description>{text}</description></item>
</channel></rss>"#
    )
    .into_bytes()
}

#[tokio::test]
async fn a_story_sent_twice_in_one_poll_is_queued_once() {
    let (base, agency) = agency().await;
    agency.serve(
        "dobel.rss",
        repeated_story(),
        "application/rss+xml",
        Some("\"dobel-1\""),
    );
    let n = wire_newsroom(None, None).await;
    let editor = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let url = format!("{base}/dobel.rss");
    let feed = add_feed(&editor, "Kawat", "Kawat", &url, "rss").await;
    n.app.run_pending_jobs().await;

    let store = n.app.store().await;
    assert_eq!(store.wire_feed(feed).await.unwrap().items, 2, "both kept");
    let (_, queue) = editor.get("/admin/kawat").await;
    let shown = item_id(&queue, "Banjir rendam 40 RT di Jakarta (pembaruan)");
    assert_eq!(
        queue.matches("Banjir rendam 40 RT di Jakarta").count(),
        1,
        "the repeat is not listed: {queue}"
    );
    let queued = store.wire_items(Some(feed), 10, 0).await.unwrap();
    assert_eq!(queued.len(), 1);
    let repeat = store.wire_item(shown + 1).await.unwrap();
    assert_eq!(repeat.headline, "Banjir rendam 40 RT di Jakarta");
    assert_eq!(
        repeat.duplicate_of,
        Some(shown),
        "marked as the first's repeat"
    );
}

#[tokio::test]
async fn a_feeds_drafts_go_into_its_rubrik() {
    let (base, _agency) = agency().await;
    let n = wire_newsroom(None, None).await;
    let editor = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let writer = Desk::sign_in(&n.app, "penulis@warta.test").await;
    let url = format!("{base}/antara.rss");
    let form = |rubrik: &'static str| {
        [
            ("name", "Antara Ekonomi"),
            ("agency", "Antara"),
            ("url", url.as_str()),
            ("kind", "rss"),
            ("interval_minutes", "5"),
            ("rubrik", rubrik),
        ]
    };
    let (s, _, body) = editor.post("/admin/kawat/sumber", &form("Olahraga")).await;
    assert_eq!(s, 422, "an unknown rubrik is refused");
    assert!(
        body.contains("rubrik &#x27;Olahraga&#x27; tidak dikenal"),
        "{body}"
    );
    let (s, loc, body) = editor.post("/admin/kawat/sumber", &form("Ekonomi")).await;
    assert_eq!(
        (s, loc.as_str()),
        (303, "/admin/kawat/sumber?ok=wire_added"),
        "{body}"
    );
    n.app.run_pending_jobs().await;
    let (_, page) = editor.get("/admin/kawat/sumber").await;
    assert!(
        page.contains("<option value=\"Ekonomi\" selected>Ekonomi</option>"),
        "the feed's row shows its rubrik: {page}"
    );

    let (_, queue) = writer.get("/admin/kawat").await;
    let beras = item_id(&queue, "Harga beras di Pasar Induk Cipinang turun");
    let (s, made) = n
        .app
        .api(
            Method::POST,
            &format!("/wire/{beras}/draft"),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(s, 201, "{made}");
    assert_eq!(made["rubrik"]["name"], "Ekonomi", "{made}");

    // Changed back to the menu's first rubrik; writers may not change it.
    let feed = n.app.store().await.wire_feeds().await.unwrap()[0].id;
    let path = format!("/admin/kawat/sumber/{feed}/rubrik");
    let (s, _, _) = writer.post(&path, &[("rubrik", "")]).await;
    assert_eq!(s, 403);
    let (s, loc, body) = editor.post(&path, &[("rubrik", "")]).await;
    assert_eq!(
        (s, loc.as_str()),
        (303, "/admin/kawat/sumber?ok=wire_rubrik"),
        "{body}"
    );
    let (_, page) = editor.get(&loc).await;
    assert!(page.contains("Rubrik draf sumber disimpan."), "{page}");
    let gempa = item_id(&queue, "Gempa magnitudo");
    let (s, made) = n
        .app
        .api(
            Method::POST,
            &format!("/wire/{gempa}/draft"),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(s, 201, "{made}");
    assert_eq!(made["rubrik"]["name"], "Internasional", "{made}");
    let (s, _, _) = editor
        .post("/admin/kawat/sumber/9999/rubrik", &[("rubrik", "")])
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn a_feed_that_cannot_be_reached_says_why_in_indonesian() {
    let n = wire_newsroom(None, None).await;
    let editor = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    // Nothing listens on the discard port: the connection is refused.
    let url = "http://127.0.0.1:9/antara.xml";
    add_feed(&editor, "Antara Terkini", "Antara", url, "rss").await;
    n.app.run_pending_jobs().await;
    let (_, page) = editor.get("/admin/kawat/sumber").await;
    let error = &page[page.find("wire-error").expect("the feed's error")..];
    let error = &error[..error.find("</p>").expect("its end")];
    assert!(
        error.contains("gagal mengambil") && error.contains("tidak dapat tersambung ke server"),
        "{error}"
    );
    for english in [
        "error sending request",
        "os error",
        "Connect",
        "client error",
    ] {
        assert!(
            !error.contains(english),
            "no English from the HTTP client: {error}"
        );
    }
}
