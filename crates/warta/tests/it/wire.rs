//! Agency wire ingest ("Masuk"): real RSS 2.0, Atom, ninjs and NewsML-G2 files (fixtures in
//! `fixtures/wire/`) served by a local HTTP server that counts requests and answers
//! `If-None-Match` with 304, polled by the job runner into the queue at `/admin/kawat`, then
//! turned into drafts with "Jadikan draf" over HTTP.

use crate::helpers::{Desk, Newsroom, csrf_of, newsroom_on, options};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use reqwest::Method;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use warta_testkit::{Options, TestApp};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/fixtures/wire");

/// What the agency server answers for a path.
#[derive(Clone)]
struct Served {
    body: Vec<u8>,
    content_type: &'static str,
    etag: Option<String>,
}

/// A request's path and the `If-None-Match` it sent.
type Call = (String, Option<String>);

#[derive(Clone, Default)]
pub(crate) struct Agency {
    files: Arc<Mutex<HashMap<String, Served>>>,
    /// Requests per path, and the `If-None-Match` each sent.
    calls: Arc<Mutex<Vec<Call>>>,
}

impl Agency {
    pub(crate) fn serve(
        &self,
        path: &str,
        body: Vec<u8>,
        content_type: &'static str,
        etag: Option<&str>,
    ) {
        let s = Served {
            body,
            content_type,
            etag: etag.map(str::to_string),
        };
        self.files.lock().unwrap().insert(path.to_string(), s);
    }
    fn calls_to(&self, path: &str) -> Vec<Option<String>> {
        let calls = self.calls.lock().unwrap();
        calls
            .iter()
            .filter(|c| c.0 == path)
            .map(|c| c.1.clone())
            .collect()
    }
}

async fn answer(State(a): State<Agency>, Path(path): Path<String>, headers: HeaderMap) -> Response {
    let inm = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    a.calls.lock().unwrap().push((path.clone(), inm.clone()));
    let Some(s) = a.files.lock().unwrap().get(&path).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if let (Some(sent), Some(tag)) = (&inm, &s.etag)
        && sent == tag
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let mut res = (StatusCode::OK, s.body).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, s.content_type.parse().unwrap());
    if let Some(tag) = s.etag {
        res.headers_mut().insert(header::ETAG, tag.parse().unwrap());
    }
    res
}

/// The agency's server on 127.0.0.1:0, serving the fixtures (with `{{BASE}}` filled in).
pub(crate) async fn agency() -> (String, Agency) {
    let a = Agency::default();
    let app = Router::new()
        .route("/{*path}", get(answer))
        .with_state(a.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    for (path, file, ct, etag) in [
        (
            "antara.rss",
            "antara.rss.xml",
            "application/rss+xml",
            "\"antara-1\"",
        ),
        (
            "reuters.atom",
            "reuters.atom.xml",
            "application/atom+xml",
            "\"reuters-1\"",
        ),
        ("ap.json", "ap.ninjs.json", "application/json", "\"ap-1\""),
    ] {
        a.serve(path, fixture(file, &base), ct, Some(etag));
    }
    a.serve(
        "foto/beras.jpg",
        warta_testkit::jpeg(900, 600),
        "image/jpeg",
        None,
    );
    a.serve(
        "foto/rob.jpg",
        warta_testkit::jpeg(800, 533),
        "image/jpeg",
        None,
    );
    (base, a)
}

fn fixture(name: &str, base: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap();
    text.replace("{{BASE}}", base).into_bytes()
}

pub(crate) async fn wire_newsroom(
    database_url: Option<String>,
    wire_dir: Option<std::path::PathBuf>,
) -> Newsroom {
    newsroom_on(
        TestApp::spawn_with(Options {
            background_jobs: Some(false),
            database_url,
            wire_dir,
            ..options()
        })
        .await,
    )
    .await
}

/// Add a feed through the newsroom's form; its id.
pub(crate) async fn add_feed(
    desk: &Desk<'_>,
    name: &str,
    agency: &str,
    url: &str,
    kind: &str,
) -> i64 {
    let (s, loc, body) = desk
        .post(
            "/admin/kawat/sumber",
            &[
                ("name", name),
                ("agency", agency),
                ("url", url),
                ("kind", kind),
                ("interval_minutes", "5"),
            ],
        )
        .await;
    assert_eq!(
        (s, loc.as_str()),
        (303, "/admin/kawat/sumber?ok=wire_added"),
        "{body}"
    );
    let feeds = desk.app.store().await.wire_feeds().await.unwrap();
    feeds
        .iter()
        .find(|f| f.url == url)
        .expect("the feed is stored")
        .id
}

async fn poll_now(desk: &Desk<'_>, id: i64) {
    let (s, _, body) = desk
        .post(&format!("/admin/kawat/sumber/{id}/ambil"), &[])
        .await;
    assert_eq!(s, 303, "{body}");
    desk.app.run_pending_jobs().await;
}

async fn feed(app: &TestApp, id: i64) -> warta_store::WireFeedRow {
    app.store().await.wire_feed(id).await.unwrap()
}

/// The id of the queue item whose headline is `headline` (from its "Jadikan draf" form).
pub(crate) fn item_id(queue: &str, headline: &str) -> i64 {
    let at = queue
        .find(headline)
        .unwrap_or_else(|| panic!("{headline} in the queue"));
    let item = &queue[..at];
    let start = item.rfind("id=\"kawat-").expect("the item's anchor") + 10;
    item[start..].split('"').next().unwrap().parse().unwrap()
}

async fn polls_feeds_conditionally_dedupes_and_survives_garbage(n: Newsroom) {
    let (base, agency) = agency().await;
    let desk = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let antara = add_feed(
        &desk,
        "Antara Terkini",
        "Antara",
        &format!("{base}/antara.rss"),
        "rss",
    )
    .await;
    let reuters = add_feed(
        &desk,
        "Kawat Asia",
        "Reuters",
        &format!("{base}/reuters.atom"),
        "atom",
    )
    .await;
    let ap = add_feed(&desk, "AP ninjs", "AP", &format!("{base}/ap.json"), "ninjs").await;
    let (_, queue) = desk.get("/admin/kawat").await;
    assert!(
        !queue.contains("Harga beras"),
        "nothing before the jobs ran"
    );

    n.app.run_pending_jobs().await;
    let (s, queue) = desk.get("/admin/kawat").await;
    assert_eq!(s, 200);
    for h in [
        "Harga beras di Pasar Induk Cipinang turun sepekan terakhir",
        "Gempa magnitudo 5,2 guncang Sukabumi",
        "Bank sentral Jepang pertahankan suku bunga acuan",
        "Banjir rob rendam pesisir utara Jakarta",
        "Harga minyak dunia naik tipis",
    ] {
        assert!(queue.contains(h), "{h} in the queue");
    }
    // Newest first (by the agency's time): the 11:30 WIB ninjs item above the 10:00 WIB one.
    assert!(queue.find("Banjir rob").unwrap() < queue.find("Harga beras di").unwrap());
    assert!(
        queue.contains("Selasa, 1 Desember 2026 11:30 WIB"),
        "times in WIB"
    );
    // The Atom copy reworded by one word is stored but kept out of the queue.
    assert!(!queue.contains("merosot sepekan"), "near-duplicate hidden");
    assert_eq!(feed(&n.app, reuters).await.items, 2);
    assert_eq!(feed(&n.app, antara).await.items, 3);
    assert_eq!(feed(&n.app, ap).await.items, 2);
    assert!(
        queue.contains("ANTARA FOTO&#x2f;Rina Pratiwi"),
        "photo credit"
    );
    assert!(queue.contains(&format!(
        "/admin/kawat/{}/foto",
        item_id(&queue, "Harga beras di")
    )));
    assert_eq!(
        agency.calls_to("antara.rss"),
        vec![None],
        "one unconditional GET"
    );
    assert_eq!(
        agency.calls_to("foto/beras.jpg").len(),
        1,
        "the photo was fetched by the job"
    );
    assert!(
        agency.calls_to("foto/rob.jpg").len() == 1,
        "ninjs picture too"
    );
    let (s, photo) = {
        let id = item_id(&queue, "Banjir rob");
        let r = n
            .app
            .client
            .get(n.app.url(&format!("/admin/kawat/{id}/foto")))
            .header("cookie", &desk.cookie)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.bytes().await.unwrap())
    };
    assert_eq!(
        (s, &photo[..2]),
        (200, &[0xff, 0xd8][..]),
        "the thumbnail is the JPEG"
    );

    // The next poll is planned by the interval; a second poll sends the validator, gets 304
    // and adds nothing.
    let f = feed(&n.app, antara).await;
    assert!(f.next_poll_at - f.last_polled_at.unwrap() >= 5 * 60_000 - 1000);
    poll_now(&desk, antara).await;
    assert_eq!(
        agency.calls_to("antara.rss"),
        vec![None, Some("\"antara-1\"".into())]
    );
    assert_eq!(feed(&n.app, antara).await.items, 3);
    assert_eq!(feed(&n.app, antara).await.error_count, 0);

    // A changed feed: items whose GUID came before are not added again, the new one is.
    agency.serve(
        "antara.rss",
        fixture("antara-2.rss.xml", &base),
        "application/rss+xml",
        Some("\"antara-2\""),
    );
    poll_now(&desk, antara).await;
    assert_eq!(feed(&n.app, antara).await.items, 4);
    let (_, queue) = desk.get("/admin/kawat").await;
    assert!(queue.contains("Presiden resmikan bendungan"));
    assert!(!queue.contains("(diperbarui)"), "same GUID: not a new item");
    assert_eq!(queue.matches("Gempa magnitudo").count(), 1);

    // Garbage: an HTML error page, broken XML, a huge body. Each is recorded on the feed, the
    // next poll waits twice as long each time, and the items stay.
    let garbage: [(Vec<u8>, &str); 3] = [
        (
            b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>".to_vec(),
            "text/html",
        ),
        (
            b"<?xml version=\"1.0\"?><rss><channel><item><title>putus".to_vec(),
            "application/rss+xml",
        ),
        (vec![b' '; 6 * 1024 * 1024], "application/rss+xml"),
    ];
    for (round, (body, ct)) in garbage.into_iter().enumerate() {
        agency.serve("antara.rss", body, ct, None);
        poll_now(&desk, antara).await;
        let f = feed(&n.app, antara).await;
        assert_eq!(f.error_count, round as i64 + 1);
        let wait = f.next_poll_at - f.last_polled_at.unwrap();
        let expected = 5 * 60_000 * (2i64 << round);
        assert!(
            (expected - 1000..=expected + 1000).contains(&wait),
            "backoff {wait} ≠ {expected}"
        );
        assert_eq!(f.items, 4, "items kept");
        assert_eq!(f.etag.as_deref(), Some("\"antara-2\""), "validators kept");
    }
    let f = feed(&n.app, antara).await;
    assert!(
        f.last_error
            .as_deref()
            .unwrap()
            .contains("larger than 5 MiB"),
        "{:?}",
        f.last_error
    );
    let (_, page) = desk.get("/admin/kawat/sumber").await;
    assert!(
        page.contains("Gagal (3×"),
        "the error shows on the feeds page"
    );
    assert!(
        page.contains("jawaban lebih besar dari 5 MiB"),
        "in Indonesian"
    );
    let (_, queue) = desk.get("/admin/kawat").await;
    assert!(queue.contains("Harga beras di Pasar Induk Cipinang turun sepekan terakhir"));

    // Working again: the error count goes back to 0, the interval is the feed's own.
    agency.serve(
        "antara.rss",
        fixture("antara-2.rss.xml", &base),
        "application/rss+xml",
        Some("\"antara-3\""),
    );
    poll_now(&desk, antara).await;
    let f = feed(&n.app, antara).await;
    assert_eq!((f.error_count, f.items), (0, 4));
}

#[tokio::test]
async fn wire_feeds_are_polled_conditionally_deduplicated_and_survive_garbage() {
    polls_feeds_conditionally_dedupes_and_survives_garbage(wire_newsroom(None, None).await).await;
}

#[tokio::test]
async fn wire_feeds_are_polled_on_postgres() {
    let Some(url) = warta_testkit::postgres_database().await else {
        return;
    };
    polls_feeds_conditionally_dedupes_and_survives_garbage(wire_newsroom(Some(url), None).await)
        .await;
}

#[tokio::test]
async fn newsml_files_dropped_in_the_folder_are_ingested() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("antara-2001.xml"),
        fixture("antara.newsml.xml", ""),
    )
    .unwrap();
    std::fs::write(dir.path().join("kereta.jpg"), warta_testkit::jpeg(640, 427)).unwrap();
    std::fs::write(
        dir.path().join("rusak.xml"),
        b"<newsMessage><itemSet><newsItem guid='x'>",
    )
    .unwrap();
    let n = wire_newsroom(None, Some(dir.path().to_path_buf())).await;
    n.app.run_pending_jobs().await;
    let desk = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let (_, queue) = desk.get("/admin/kawat").await;
    assert!(
        queue.contains("Kereta cepat layani sejuta penumpang dalam sebulan"),
        "{queue}"
    );
    assert!(
        queue.contains("<strong>ANTARA</strong>"),
        "the provider is the agency"
    );
    assert!(queue.contains("ANTARA FOTO&#x2f;Galih Pradipta"));
    let id = item_id(&queue, "Kereta cepat layani");
    assert!(
        queue.contains(&format!("/admin/kawat/{id}/foto")),
        "the photo beside the file came along"
    );
    assert!(
        dir.path().join("diproses/antara-2001.xml").exists(),
        "read files move aside"
    );
    assert!(
        dir.path().join("gagal/rusak.xml").exists(),
        "broken files too, apart"
    );
    let feeds = n.app.store().await.wire_feeds().await.unwrap();
    let folder = feeds.iter().find(|f| f.kind == "folder").unwrap();
    assert!(
        folder
            .last_error
            .as_deref()
            .unwrap_or("")
            .contains("rusak.xml"),
        "{:?}",
        folder.last_error
    );
    assert_eq!(folder.items, 1);

    // Dropping the same file again adds nothing (GUID).
    std::fs::write(
        dir.path().join("lagi.xml"),
        fixture("antara.newsml.xml", ""),
    )
    .unwrap();
    poll_now(&desk, folder.id).await;
    assert_eq!(
        n.app
            .store()
            .await
            .wire_feed(folder.id)
            .await
            .unwrap()
            .items,
        1
    );
}

#[tokio::test]
async fn jadikan_draf_makes_a_draft_with_the_agency_as_source_and_the_photo_credit() {
    let (base, _agency) = agency().await;
    let n = wire_newsroom(None, None).await;
    let desk = Desk::sign_in(&n.app, "penulis@warta.test").await;
    let editor = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    // Writers may not configure feeds; editors may.
    let (s, _, _) = desk
        .post(
            "/admin/kawat/sumber",
            &[
                ("name", "x"),
                ("agency", "x"),
                ("url", "http://x.test/"),
                ("kind", "rss"),
                ("interval_minutes", "5"),
            ],
        )
        .await;
    assert_eq!(s, 403);
    let (s, _, body) = editor
        .post(
            "/admin/kawat/sumber",
            &[
                ("name", "x"),
                ("agency", "x"),
                ("url", "ftp://x.test/"),
                ("kind", "rss"),
                ("interval_minutes", "5"),
            ],
        )
        .await;
    assert_eq!(s, 422, "a bad address is refused");
    assert!(
        body.contains("harus alamat http:&#x2f;&#x2f; atau https:&#x2f;&#x2f;"),
        "{body}"
    );
    add_feed(
        &editor,
        "Antara Terkini",
        "Antara",
        &format!("{base}/antara.rss"),
        "rss",
    )
    .await;
    n.app.run_pending_jobs().await;

    let (_, queue) = desk.get("/admin/kawat").await;
    assert!(
        queue.contains("href=\"/admin/kawat\">Masuk</a>"),
        "linked from the navigation"
    );
    let id = item_id(&queue, "Harga beras di Pasar Induk Cipinang turun");
    let path = format!("/admin/kawat/{id}/draf");
    let (s, _, _) = desk.post_raw(&path, &[("_csrf", "salah")]).await;
    assert_eq!(s, 403, "CSRF checked");
    let csrf = csrf_of(&queue);
    let (s, loc, body) = desk.post_raw(&path, &[("_csrf", &csrf)]).await;
    assert_eq!(s, 303, "{body}");
    let article: i64 = loc
        .strip_prefix("/admin/artikel/")
        .and_then(|r| r.split('?').next())
        .and_then(|r| r.parse().ok())
        .unwrap_or_else(|| panic!("{loc}"));

    let (s, a) = n
        .app
        .api(
            Method::GET,
            &format!("/articles/{article}"),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(s, 200, "{a}");
    assert_eq!(a["status"], "draft");
    assert_eq!(
        a["headline"],
        "Harga beras di Pasar Induk Cipinang turun sepekan terakhir"
    );
    assert_eq!(a["sources"][0]["name"], "Antara");
    assert_eq!(
        a["sources"][0]["url"],
        "https://www.antaranews.test/berita/1001/harga-beras-turun"
    );
    assert_eq!(
        a["hero"]["credit"], "ANTARA FOTO/Rina Pratiwi",
        "{}",
        a["hero"]
    );
    assert!(
        a["hero"]["caption"]
            .as_str()
            .unwrap()
            .starts_with("Pekerja memanggul karung beras")
    );
    assert!(
        a["body"][1]["text"]
            .as_str()
            .unwrap()
            .contains("ibu kota &amp; sekitarnya"),
        "{}",
        a["body"]
    );
    assert_eq!(a["authors"][0]["name"], "Budi Penulis");

    // The editor shows the agency's original beside the form.
    let (s, page) = desk.get(&loc).await;
    assert_eq!(s, 200);
    assert!(page.contains("Draf dibuat dari kiriman kantor berita."));
    let page = page.replace("&#x2f;", "/");
    let panel = &page[page
        .find("class=\"wire-original\"")
        .expect("the original's panel")..];
    assert!(panel.contains("Naskah asli: Antara"));
    assert!(panel.contains("Menteri Perdagangan menyatakan stok beras nasional cukup"));
    assert!(panel.contains("href=\"https://www.antaranews.test/berita/1001/harga-beras-turun\""));

    // The item now links to its draft; a second click opens the same draft.
    let (_, queue) = desk.get("/admin/kawat").await;
    assert!(queue.contains(&format!(
        "href=\"/admin/artikel/{article}\" class=\"button\">Buka draf"
    )));
    let (s, again, _) = editor.post(&path, &[]).await;
    assert_eq!(
        (s, again),
        (303, format!("/admin/artikel/{article}?ok=wire_draft"))
    );
    let (_, list) = n
        .app
        .api(Method::GET, "/articles?q=Cipinang", &n.editor, None)
        .await;
    assert_eq!(list["total"], 1, "{list}");

    // An item without a photo becomes a draft without one. Unknown items are 404.
    let gempa = item_id(&queue, "Gempa magnitudo");
    let (s, loc, _) = desk.post(&format!("/admin/kawat/{gempa}/draf"), &[]).await;
    assert_eq!(s, 303);
    let id: i64 = loc
        .trim_start_matches("/admin/artikel/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let (_, a) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.writer, None)
        .await;
    assert!(a["hero"].is_null());
    assert_eq!(a["body"].as_array().unwrap().len(), 2);
    let (s, _, _) = desk.post("/admin/kawat/99999/draf", &[]).await;
    assert_eq!(s, 404);

    // The same through the JSON API.
    let (s, list) = n
        .app
        .api(Method::GET, "/wire?per_page=10", &n.writer, None)
        .await;
    assert_eq!(s, 200, "{list}");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let beras = items
        .iter()
        .find(|i| i["headline"].as_str().unwrap().starts_with("Harga beras"))
        .unwrap();
    assert_eq!(
        (beras["article_id"].as_i64(), beras["agency"].as_str()),
        (Some(article), Some("Antara"))
    );
    assert_eq!(beras["has_photo"], true);
    assert_eq!(beras["published_at"], "2026-12-01T10:00:00+07:00");
    let (s, same) = n
        .app
        .api(
            Method::POST,
            &format!("/wire/{}/draft", beras["id"]),
            &n.writer,
            None,
        )
        .await;
    assert_eq!((s, same["id"].as_i64()), (200, Some(article)));
    let timnas = items.iter().find(|i| i["article_id"].is_null()).unwrap();
    let (s, made) = n
        .app
        .api(
            Method::POST,
            &format!("/wire/{}/draft", timnas["id"]),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(s, 201, "{made}");
    assert_eq!(made["sources"][0]["name"], "Antara");
    let (s, _) = n
        .app
        .api(Method::GET, "/wire?page=0", &n.writer, None)
        .await;
    assert_eq!(s, 400);
}
