//! Pings on publish: a WebSub hub and IndexNow are told through the job runner, against a
//! local HTTP endpoint (axum on port 0) that records every call.

use crate::helpers::{Newsroom, article_json, newsroom_on, options, path_of};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::post;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use warta_testkit::{Options, TestApp};

const KEY: &str = "a1b2c3d4e5f6a7b8";

/// One recorded request: path, content type, body.
type Call = (String, String, String);

#[derive(Clone, Default)]
struct Recorder {
    calls: Arc<Mutex<Vec<Call>>>,
    /// This many IndexNow requests answer 503 before it works again.
    indexnow_failures: Arc<AtomicUsize>,
}

impl Recorder {
    fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }
    fn to(&self, path: &str) -> Vec<Call> {
        self.calls().into_iter().filter(|c| c.0 == path).collect()
    }
}

async fn record(
    State(rec): State<Recorder>,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> StatusCode {
    let ct = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    rec.calls
        .lock()
        .unwrap()
        .push((uri.path().to_string(), ct, body));
    if uri.path() == "/indexnow"
        && rec
            .indexnow_failures
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    StatusCode::ACCEPTED
}

/// The recording endpoint: `POST /hub` (WebSub) and `POST /indexnow`.
async fn endpoint(indexnow_failures: usize) -> (String, Recorder) {
    let rec = Recorder::default();
    rec.indexnow_failures
        .store(indexnow_failures, Ordering::SeqCst);
    let app = Router::new()
        .route("/hub", post(record))
        .route("/indexnow", post(record))
        .with_state(rec.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}"), rec)
}

async fn pinging_newsroom(base: &str) -> Newsroom {
    newsroom_on(
        TestApp::spawn_with(Options {
            background_jobs: Some(false),
            websub_hub: Some(format!("{base}/hub")),
            indexnow: Some((format!("{base}/indexnow"), KEY.into())),
            ..options()
        })
        .await,
    )
    .await
}

#[tokio::test]
async fn publishing_pings_the_websub_hub_and_indexnow_through_the_job_runner() {
    let (base, rec) = endpoint(0).await;
    let n = pinging_newsroom(&base).await;
    let draft = n
        .create(article_json("Banjir rob melanda pesisir utara"))
        .await;
    n.app.run_pending_jobs().await;
    assert!(
        rec.calls().is_empty(),
        "a draft pings nobody: {:?}",
        rec.calls()
    );

    let id = draft["id"].as_i64().unwrap();
    let published = n.publish(id).await;
    // Publishing answered without waiting for the services.
    assert!(rec.calls().is_empty(), "pinged before the jobs ran");
    n.app.run_pending_jobs().await;

    let hub = rec.to("/hub");
    let mut topics: Vec<String> = hub
        .iter()
        .map(|(_, ct, body)| {
            assert!(ct.starts_with("application/x-www-form-urlencoded"), "{ct}");
            let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
                .into_owned()
                .collect();
            assert!(
                form.contains(&("hub.mode".into(), "publish".into())),
                "{body}"
            );
            form.into_iter()
                .find(|(k, _)| k == "hub.url")
                .map(|(_, v)| v)
                .unwrap_or_default()
        })
        .collect();
    topics.sort();
    assert_eq!(
        topics,
        vec![
            "https://warta.test/atom.xml".to_string(),
            "https://warta.test/rss.xml".to_string()
        ]
    );

    let index = rec.to("/indexnow");
    assert_eq!(index.len(), 1, "{index:?}");
    assert!(index[0].1.starts_with("application/json"), "{}", index[0].1);
    let body: serde_json::Value = serde_json::from_str(&index[0].2).unwrap();
    let url = format!("https://warta.test{}", path_of(&published["url"]));
    assert_eq!(body["host"], "warta.test");
    assert_eq!(body["key"], KEY);
    assert_eq!(body["keyLocation"], format!("https://warta.test/{KEY}.txt"));
    assert_eq!(body["urlList"], serde_json::json!([url]));

    // The key file proves the key is the site's; the feeds name the hub.
    let (status, text) = n.app.text(&format!("/{KEY}.txt")).await;
    assert_eq!((status, text.as_str()), (200, KEY));
    assert_eq!(n.app.text("/0000000000000000.txt").await.0, 404);
    let (_, rss) = n.app.text("/rss.xml").await;
    assert!(
        rss.contains(&format!(r#"<atom:link href="{base}/hub" rel="hub"/>"#)),
        "{rss}"
    );
    let (_, atom) = n.app.text("/atom.xml").await;
    assert!(
        atom.contains(&format!(r#"<link rel="hub" href="{base}/hub"/>"#)),
        "{atom}"
    );

    // Done jobs are gone: running the queue again pings nobody twice.
    let before = rec.calls().len();
    n.app.run_pending_jobs().await;
    assert_eq!(rec.calls().len(), before);
}

#[tokio::test]
async fn a_failing_ping_endpoint_is_retried_and_does_not_block_publishing() {
    let (base, rec) = endpoint(1).await;
    let n = pinging_newsroom(&base).await;
    let a = n.published("Harga cabai naik menjelang Lebaran").await;
    let page = path_of(&a["url"]);
    assert_eq!(n.app.text(&page).await.0, 200);

    n.app.run_pending_jobs().await;
    assert_eq!(rec.to("/indexnow").len(), 1, "first attempt made");
    assert_eq!(
        rec.to("/hub").len(),
        2,
        "the hub does not wait for IndexNow"
    );
    let store = n.app.store().await;
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "the failed ping waits"
    );
    assert_eq!(
        n.app.text(&page).await.0,
        200,
        "the article stays published"
    );

    // The retry comes after the backoff (1 s after a first failure) and succeeds.
    let deadline = Instant::now() + Duration::from_secs(15);
    while rec.to("/indexnow").len() < 2 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(300)).await;
        n.app.run_pending_jobs().await;
    }
    assert_eq!(rec.to("/indexnow").len(), 2, "retried once");
    assert_eq!(store.pending_jobs().await.unwrap(), 0);
    assert!(store.failed_jobs(10).await.unwrap().is_empty());
    assert_eq!(rec.to("/hub").len(), 2, "the hub was pinged once");
}

#[tokio::test]
async fn without_endpoints_publishing_pings_nothing() {
    let n = newsroom_on(
        TestApp::spawn_with(Options {
            background_jobs: Some(false),
            ..options()
        })
        .await,
    )
    .await;
    n.published("Tanpa ping").await;
    assert_eq!(n.app.store().await.pending_jobs().await.unwrap(), 0);
}

#[tokio::test]
async fn a_scheduled_article_pings_when_the_scheduler_publishes_it() {
    let (base, rec) = endpoint(0).await;
    let n = pinging_newsroom(&base).await;
    let a = n
        .create(article_json("Sidang kabinet dimulai pukul sembilan"))
        .await;
    let id = a["id"].as_i64().unwrap();
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
    let (status, v) = n
        .app
        .api(
            reqwest::Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(serde_json::json!({ "at": at.to_string() })),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    n.app.run_pending_jobs().await;
    assert!(rec.calls().is_empty(), "scheduling is no publication");
    let deadline = Instant::now() + Duration::from_secs(15);
    while rec.to("/indexnow").is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(300)).await;
        n.app.run_pending_jobs().await;
    }
    let index = rec.to("/indexnow");
    assert_eq!(index.len(), 1, "pinged once the scheduler published it");
    assert!(
        index[0]
            .2
            .contains(&format!("/berita/{}", a["slug"].as_str().unwrap())),
        "{}",
        index[0].2
    );
    assert_eq!(rec.to("/hub").len(), 2);
}
