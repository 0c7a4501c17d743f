//! A CDN in front: every page names what it shows in `Surrogate-Key`, and a change purges
//! exactly those keys — through a real Varnish in front of two instances on one PostgreSQL
//! database (with `docs/varnish.vcl`), and through the Fastly and Cloudflare APIs' request
//! shapes against a local endpoint that records what it is sent.

use crate::helpers::{article_json, newsroom_on, options, path_of};
use axum::extract::State;
use reqwest::Method;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use warta_testkit::{Options, TestApp};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn varnishd() -> Option<std::path::PathBuf> {
    let found = ["/usr/sbin/varnishd", "/usr/bin/varnishd"]
        .into_iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.is_file());
    if found.is_none() {
        warta_testkit::skip(
            "CDN purge through Varnish: varnishd is missing",
            "`.ci/run` installs it; or `apt-get install varnish`",
        );
    }
    found
}

/// Varnish on `port` with the repository's VCL, round-robin over `backends`.
async fn start_varnish(
    bin: &std::path::Path,
    port: u16,
    backends: [u16; 2],
    work: &std::path::Path,
) -> tokio::process::Child {
    let vcl = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/varnish.vcl"
    ))
    .expect("docs/varnish.vcl")
    .replace("\"8080\"", &format!("\"{}\"", backends[0]))
    .replace("\"8081\"", &format!("\"{}\"", backends[1]));
    let file = work.join("warta.vcl");
    std::fs::write(&file, vcl).expect("write the VCL");
    let cdn = tokio::process::Command::new(bin)
        .args(["-F", "-a", &format!("127.0.0.1:{port}"), "-f"])
        .arg(&file)
        .args(["-s", "malloc,32m", "-n"])
        .arg(work.join("state"))
        .kill_on_drop(true)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start varnishd");
    let client = reqwest::Client::new();
    let start = Instant::now();
    while client
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .send()
        .await
        .is_err()
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "varnish did not start"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    cdn
}

/// The body and `X-Varnish` header of `url` through the CDN.
async fn through(client: &reqwest::Client, url: &str) -> (String, String) {
    let res = client.get(url).send().await.expect("through varnish");
    assert_eq!(res.status(), 200, "{url}");
    let xv = res.headers()["x-varnish"]
        .to_str()
        .unwrap_or("")
        .to_string();
    (res.text().await.unwrap_or_default(), xv)
}

/// Varnish's id of the cached object a hit was served from (`X-Varnish: <req> <obj>`).
fn hit_object(xv: &str) -> Option<&str> {
    let mut ids = xv.split(' ');
    ids.next();
    ids.next()
}

/// A story of another desk (rubrik, tag, writer); `related`: its "Baca juga" pick, so that its
/// "Berita terkait" shows that story and not the search index's guess.
fn other_story(headline: &str, related: Option<i64>) -> Value {
    let mut body = vec![
        json!({"type": "paragraph", "text": "Pedagang di Pasar Raya mengeluhkan pasokan yang seret sejak pekan lalu."}),
    ];
    if let Some(id) = related {
        body.push(json!({"type": "related", "article_id": id}));
    }
    json!({
        "headline": headline,
        "dek": "Pasokan dari sentra produksi terganggu.",
        "rubrik": "Ekonomi",
        "tags": ["Cabai"],
        "dateline": "Padang",
        "body": body
    })
}

#[tokio::test]
async fn an_edit_purges_its_pages_from_varnish_in_front_of_two_instances_and_nothing_else() {
    let Some(bin) = varnishd() else { return };
    let Some(url) = warta_testkit::postgres_database().await else {
        return;
    };
    let cdn_port = free_port();
    let on = |url: &str| Options {
        database_url: Some(url.to_string()),
        purge: Some(warta::PurgeTarget::Varnish {
            urls: vec![format!("http://127.0.0.1:{cdn_port}")],
        }),
        ..options()
    };
    let a = TestApp::spawn_with(on(&url)).await;
    let b = TestApp::spawn_with(on(&url)).await;
    // Varnish runs before anything is written, so that every purge reaches it.
    let work = tempfile::tempdir().expect("varnish dir");
    let port = |app: &TestApp| {
        app.base
            .rsplit(':')
            .next()
            .and_then(|p| p.parse::<u16>().ok())
            .expect("a port")
    };
    let mut cdn = start_varnish(&bin, cdn_port, [port(&a), port(&b)], work.path()).await;
    let a = newsroom_on(a).await;
    let story = a.published("Banjir rob melanda pesisir utara").await;
    // Another desk's stories: another writer, rubrik, tag and topic (an article page depends
    // on those, for its related lists and byline), written by the writer, published by the
    // editor; the second picks the first as its related story.
    let mut other = Value::Null;
    for headline in [
        "Pasokan cabai dari Solok menurun",
        "Harga cabai merah di Padang tembus Rp90.000",
    ] {
        let (status, v) = a
            .app
            .api(
                Method::POST,
                "/articles",
                &a.writer,
                Some(other_story(headline, other["id"].as_i64())),
            )
            .await;
        assert_eq!(status, 201, "{v}");
        other = a.publish(v["id"].as_i64().unwrap()).await;
    }
    let (path, other_path) = (path_of(&story["url"]), path_of(&other["url"]));

    // Warta names what each page shows.
    let res = a.app.client.get(a.app.url(&path)).send().await.unwrap();
    let keys = res.headers()["surrogate-key"].to_str().unwrap().to_string();
    assert!(
        keys.split(' ')
            .any(|k| k == format!("article-{}", story["id"])),
        "{keys}"
    );
    assert!(keys.starts_with("all pages "), "{keys}");

    // Every purge of the set-up (each is sent twice; enqueued a moment after the change) has
    // gone out before pages are cached.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let store = a
        .app
        .running
        .as_ref()
        .expect("running")
        .state
        .store()
        .clone();
    let settled = Instant::now();
    while store.pending_jobs().await.unwrap_or(1) > 0 {
        assert!(
            settled.elapsed() < Duration::from_secs(10),
            "jobs still waiting"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let front = format!("http://127.0.0.1:{cdn_port}");
    let client = reqwest::Client::new();
    // Both pages are cached in Varnish: the second fetch of each is a hit.
    for p in [&path, &other_path, &"/".to_string()] {
        through(&client, &format!("{front}{p}")).await;
        let (_, xv) = through(&client, &format!("{front}{p}")).await;
        assert!(
            hit_object(&xv).is_some(),
            "{p} not cached (X-Varnish: {xv})"
        );
    }
    let (_, before) = through(&client, &format!("{front}{other_path}")).await;

    let id = story["id"].as_i64().unwrap();
    let (status, v) = a
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &a.editor,
            Some(json!({"revision": story["revision"], "headline": "Banjir rob surut di pesisir utara"})),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    let edited = Instant::now();
    loop {
        let (html, _) = through(&client, &format!("{front}{}", path_of(&v["url"]))).await;
        if html.contains("Banjir rob surut") {
            break;
        }
        assert!(
            edited.elapsed() < Duration::from_secs(2),
            "the edited article was still stale through Varnish after 2 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = edited.elapsed();
    // The home page lists the story: purged too.
    let (home, _) = through(&client, &format!("{front}/")).await;
    assert!(
        home.contains("Banjir rob surut"),
        "the home page stayed stale"
    );
    // The unrelated story's page is still the copy Varnish had.
    let (_, after) = through(&client, &format!("{front}{other_path}")).await;
    assert_eq!(
        hit_object(&after),
        hit_object(&before),
        "an unrelated page was purged ({before} → {after})"
    );
    eprintln!("publish-to-visible through Varnish: {took:?}");
    let _ = cdn.kill().await;
}

type Calls = Arc<Mutex<Vec<(String, String, String, String)>>>;

/// A local stand-in for the CDN's API that records (path, auth header, keys header, body).
async fn recorder() -> (String, Calls) {
    async fn record(
        State(calls): State<Calls>,
        uri: axum::http::Uri,
        headers: axum::http::HeaderMap,
        body: String,
    ) -> &'static str {
        let h = |n: &str| {
            headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let auth = format!("{}{}", h("fastly-key"), h("authorization"));
        if let Ok(mut c) = calls.lock() {
            c.push((uri.path().to_string(), auth, h("surrogate-key"), body));
        }
        "{\"status\": \"ok\", \"success\": true}"
    }
    let calls: Calls = Arc::default();
    let app = axum::Router::new()
        .fallback(axum::routing::post(record))
        .with_state(calls.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), calls)
}

#[tokio::test]
async fn fastly_and_cloudflare_are_purged_by_key_through_the_job_runner() {
    let (api, calls) = recorder().await;
    let targets = [
        warta::PurgeTarget::Fastly {
            api: api.clone(),
            service: "SVC1".into(),
            token: "fastly-token".into(),
        },
        warta::PurgeTarget::Cloudflare {
            api: api.clone(),
            zone: "ZONE1".into(),
            token: "cf-token".into(),
        },
    ];
    for target in targets {
        let nr = newsroom_on(
            TestApp::spawn_with(Options {
                background_jobs: Some(false),
                purge: Some(target.clone()),
                ..options()
            })
            .await,
        )
        .await;
        calls.lock().unwrap().clear();
        let a = nr
            .create(article_json("Gempa magnitudo 5,1 guncang Cianjur"))
            .await;
        let id = a["id"].as_i64().unwrap();
        nr.publish(id).await;
        // Nothing was sent while publishing: the purge waits for the job runner.
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(
            calls.lock().unwrap().is_empty(),
            "purged outside the job runner"
        );
        nr.app.run_pending_jobs().await;
        let got = calls.lock().unwrap().clone();
        let key = format!("article-{id}");
        let hit = got.iter().find(|(path, auth, keys, body)| match &target {
            warta::PurgeTarget::Fastly { .. } => {
                path == "/service/SVC1/purge"
                    && auth == "fastly-token"
                    && keys.split(' ').any(|k| k == key)
            }
            _ => {
                let tags: Value = serde_json::from_str(body).unwrap_or_default();
                path == "/zones/ZONE1/purge_cache"
                    && auth == "Bearer cf-token"
                    && tags["tags"]
                        .as_array()
                        .is_some_and(|t| t.iter().any(|k| k == &json!(key)))
            }
        });
        assert!(hit.is_some(), "{target:?}: no purge of {key} in {got:?}");
    }
}
