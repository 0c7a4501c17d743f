//! "Terpopuler" from real page views: the beacon on every article, counting batched in memory
//! and flushed every few seconds, bots left out, several instances adding up, and views
//! counted behind a CDN (Debian's Varnish in front of Warta). Also the takedown reason on a
//! withdrawn article's 410 page.

use crate::helpers::{Newsroom, newsroom, options, path_of};
use std::time::{Duration, Instant};
use warta_testkit::{Options, TestApp};

const BROWSER: &str = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
const GOOGLEBOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

async fn view(client: &reqwest::Client, url: &str, ua: &str) -> reqwest::Response {
    let res = client
        .get(url)
        .header("user-agent", ua)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 200, "{url}");
    res
}

/// The views article `id` has in the shared database, once they reach `want` (or after 10 s).
async fn views_reach(app: &TestApp, id: i64, want: i64) -> i64 {
    let store = app.store().await;
    let start = Instant::now();
    loop {
        let since = warta_store::now_ms() - 3_600_000;
        let n = store
            .view_totals(&[id], since)
            .await
            .expect("totals")
            .first()
            .map_or(0, |t| t.1);
        if n >= want || start.elapsed() > Duration::from_secs(10) {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn story(nr: &Newsroom, headline: &str) -> (i64, String) {
    let a = nr.published(headline).await;
    (a["id"].as_i64().unwrap(), path_of(&a["url"]))
}

#[tokio::test]
async fn readers_views_make_terpopuler_and_bots_do_not_count() {
    let nr = newsroom().await;
    let (a, a_path) = story(&nr, "Banjir rob di Muara Baru").await;
    let (b, _) = story(&nr, "Harga beras turun").await;
    let (_, html) = nr.app.text(&a_path).await;
    assert!(
        html.contains(&format!("src=\"/b/{a}\"")),
        "the article carries its beacon"
    );
    let beacon = nr.app.url(&format!("/b/{a}"));
    let res = view(&nr.app.client, &beacon, BROWSER).await;
    assert_eq!(res.headers()["cache-control"], "no-store, private");
    assert_eq!(res.headers()["content-type"], "image/gif");
    view(&nr.app.client, &beacon, BROWSER).await;
    view(&nr.app.client, &nr.app.url(&format!("/b/{b}")), BROWSER).await;
    for _ in 0..5 {
        view(&nr.app.client, &nr.app.url(&format!("/b/{b}")), GOOGLEBOT).await;
    }
    // No write per view: nothing is stored before the next flush (every 2 s).
    assert_eq!(views_reach(&nr.app, a, 2).await, 2);
    assert_eq!(
        views_reach(&nr.app, b, 2).await,
        1,
        "the crawler was not counted"
    );
    let (status, page) = nr.app.text("/terpopuler").await;
    assert_eq!(status, 200);
    let first = page
        .find("Banjir rob di Muara Baru")
        .expect("the most-read story");
    let second = page.find("Harga beras turun").expect("the second");
    assert!(first < second, "ranked by views");
    let (status, page) = nr.app.text("/terpopuler/internasional").await;
    assert_eq!(status, 200);
    assert!(page.contains("Banjir rob di Muara Baru"));
    assert_eq!(nr.app.text("/terpopuler/tidak-ada").await.0, 404);
    // The home page lists them too.
    let (_, home) = nr.app.text("/").await;
    assert!(home.contains("Terpopuler"));
}

#[tokio::test]
async fn counts_from_several_instances_add_up() {
    let nr = newsroom().await;
    let (a, _) = story(&nr, "Gempa di Cianjur").await;
    let other = TestApp::spawn_with(Options {
        database_url: Some(nr.app.config.database_url.clone()),
        ..options()
    })
    .await;
    for app in [&nr.app, &other, &other] {
        view(&app.client, &app.url(&format!("/b/{a}")), BROWSER).await;
    }
    assert_eq!(views_reach(&nr.app, a, 3).await, 3);
}

#[tokio::test]
async fn views_are_counted_behind_varnish() {
    let Some(varnishd) = ["/usr/sbin/varnishd", "/usr/bin/varnishd"]
        .into_iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.is_file())
    else {
        warta_testkit::skip(
            "Terpopuler behind a CDN: varnishd is missing",
            "`.ci/run` installs it; or `apt-get install varnish`",
        );
        return;
    };
    let nr = newsroom().await;
    let (a, a_path) = story(&nr, "Kereta cepat tambah jadwal").await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let backend = nr.app.base.trim_start_matches("http://").to_string();
    let work = tempfile::tempdir().expect("varnish dir");
    let mut cdn = tokio::process::Command::new(varnishd)
        .args(["-F", "-a", &format!("127.0.0.1:{port}"), "-b", &backend])
        .args(["-s", "malloc,32m", "-n"])
        .arg(work.path())
        .kill_on_drop(true)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start varnishd");
    let front = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let start = Instant::now();
    while client.get(format!("{front}/healthz")).send().await.is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "varnish did not start"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Two readers get the article; the second from Varnish's cache, never reaching Warta.
    view(&client, &format!("{front}{a_path}"), BROWSER).await;
    let cached = view(&client, &format!("{front}{a_path}"), BROWSER).await;
    let xv = cached.headers()["x-varnish"]
        .to_str()
        .unwrap_or("")
        .to_string();
    assert_eq!(xv.split(' ').count(), 2, "a cache hit (X-Varnish: {xv})");
    // Each one's browser loads the beacon, which Varnish may not keep.
    for _ in 0..2 {
        view(&client, &format!("{front}/b/{a}"), BROWSER).await;
    }
    assert_eq!(views_reach(&nr.app, a, 2).await, 2);
    let _ = cdn.kill().await;
}

#[tokio::test]
async fn the_takedown_reason_is_shown_on_the_410_page() {
    let nr = newsroom().await;
    let (a, path) = story(&nr, "Berita yang dikoreksi total").await;
    let reason = "Narasumber mencabut pernyataannya; berita ditarik atas permintaan Dewan Pers.";
    let (status, v) = nr
        .app
        .api(
            reqwest::Method::POST,
            &format!("/articles/{a}/unpublish"),
            &nr.editor,
            Some(serde_json::json!({"reason": reason})),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    let (status, html) = nr.app.text(&path).await;
    assert_eq!(status, 410);
    assert!(html.contains("Berita ini telah ditarik oleh redaksi."));
    assert!(
        html.contains(&format!("Alasan: {}", reason.replace('\'', "&#x27;"))),
        "{html}"
    );
    // A reason is plain text of at most 500 characters.
    let (b, _) = story(&nr, "Berita kedua").await;
    let (status, v) = nr
        .app
        .api(
            reqwest::Method::POST,
            &format!("/articles/{b}/unpublish"),
            &nr.editor,
            Some(serde_json::json!({"reason": "x".repeat(501)})),
        )
        .await;
    assert_eq!(status, 422, "{v}");
    assert!(v.to_string().contains("reason"));
    let (_, a_now) = nr.app.text(&path).await;
    assert!(
        a_now.contains("Alasan"),
        "the first stays withdrawn with its reason"
    );
}
