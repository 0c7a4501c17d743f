//! Background jobs end to end: the scheduler as a job, the AVIF encoder as a child process of
//! the `warta` binary (and its fallbacks), and the queue as the CLI shows it.

use crate::helpers::{Newsroom, article_json, newsroom_manual_jobs, newsroom_on, options};
use reqwest::Method;
use serde_json::json;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;
use warta_store::now_ms;
use warta_testkit::{Options, TestApp};

fn warta(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run warta");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

const ENCODE: [&str; 5] = [
    "internal",
    "encode-avif",
    "--max-bytes=20971520",
    "--max-pixels=50000000",
    "--max-dimension=12000",
];

#[test]
fn the_encoder_child_writes_framed_avif_variants_and_refuses_non_images() {
    let out = warta(&ENCODE, &warta_testkit::jpeg(1700, 1000));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let variants = warta_jobs::read_frames(&out.stdout).expect("framed output");
    let widths: Vec<u32> = variants.iter().map(|v| v.width).collect();
    assert_eq!(widths, [480, 800, 1200, 1600]);
    for v in &variants {
        assert_eq!(&v.bytes[4..12], b"ftypavif", "{} px", v.width);
    }
    let out = warta(&ENCODE, b"not an image at all");
    assert_eq!(out.status.code(), Some(2), "refused, not crashed");
    assert!(out.stdout.is_empty());
    assert!(!out.stderr.is_empty(), "the reason is on stderr");
}

async fn upload_photo(n: &Newsroom) -> i64 {
    let (s, m) = n
        .upload(warta_testkit::jpeg(900, 600), "Warga antre", "Antara")
        .await;
    assert_eq!(s, 201, "{m}");
    m["id"].as_i64().unwrap()
}

async fn manual_with_exe(exe: &str) -> Newsroom {
    newsroom_on(
        TestApp::spawn_with(Options {
            warta_exe: Some(exe.into()),
            background_jobs: Some(false),
            ..options()
        })
        .await,
    )
    .await
}

#[tokio::test]
async fn a_missing_encoder_binary_falls_back_to_encoding_in_the_server() {
    let n = manual_with_exe("/nonexistent/warta").await;
    let id = upload_photo(&n).await;
    assert_eq!(n.app.run_pending_jobs().await, 1);
    let m = n.app.store().await.media_by_id(id).await.unwrap().unwrap();
    assert!(!m.avif_pending);
    assert_eq!(m.avif.len(), 3, "480, 800 and 900 px: {:?}", m.avif);
}

#[tokio::test]
async fn a_failing_encoder_process_is_retried_later_not_given_up() {
    // `false` starts but exits 1: the job must have used the child, and must retry.
    let n = manual_with_exe("/bin/false").await;
    let id = upload_photo(&n).await;
    let before = now_ms();
    assert_eq!(n.app.run_pending_jobs().await, 1);
    let store = n.app.store().await;
    assert!(
        store.media_by_id(id).await.unwrap().unwrap().avif_pending,
        "still waiting for AVIF"
    );
    assert_eq!(store.pending_jobs().await.unwrap(), 1);
    let retry = store.next_run_at(&[warta_store::AVIF_JOB]).await.unwrap();
    assert!(
        retry.is_some_and(|at| at >= before + 1_000),
        "retried after a backoff: {retry:?}"
    );
    assert_eq!(n.app.run_pending_jobs().await, 0, "not again at once");
}

#[tokio::test]
async fn jobs_pending_counts_the_queue_from_the_shell() {
    let n = newsroom_manual_jobs().await;
    let data = n.app.config.data.to_str().unwrap().to_string();
    let pending = || {
        let out = warta(&["jobs", "pending", "--data", &data], b"");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(pending(), "0");
    upload_photo(&n).await;
    upload_photo(&n).await;
    assert_eq!(pending(), "2");
    assert_eq!(n.app.run_pending_jobs().await, 2);
    assert_eq!(pending(), "0");
}

#[tokio::test]
async fn a_scheduled_article_is_published_by_its_job_once_its_time_has_come() {
    let n = newsroom_manual_jobs().await;
    let a = n.create(article_json("Jadwal Dijalankan Tes")).await;
    let id = a["id"].as_i64().unwrap();
    let page = crate::helpers::path_of(&a["url"]);
    let at_ms = (now_ms() / 1000 + 3) * 1000;
    let (s, p) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(json!({"at": warta_core::iso8601_wib(at_ms)})),
        )
        .await;
    assert_eq!((s, p["status"].as_str()), (200, Some("scheduled")), "{p}");
    let store = n.app.store().await;
    // The job is enqueued just after the answer.
    let mut waited = 0;
    while store.pending_jobs().await.unwrap() == 0 && waited < 50 {
        tokio::time::sleep(Duration::from_millis(20)).await;
        waited += 1;
    }
    assert_eq!(
        store
            .next_run_at(&[warta_store::PUBLISH_SCHEDULED_JOB])
            .await
            .unwrap(),
        Some(at_ms),
        "a job waits for the article's time"
    );
    assert_eq!(n.app.run_pending_jobs().await, 0, "nothing before its time");
    assert_eq!(n.app.get(&page).await.status(), 404);

    tokio::time::sleep(Duration::from_millis((at_ms - now_ms()).max(0) as u64 + 10)).await;
    assert_eq!(n.app.run_pending_jobs().await, 1);
    assert_eq!(n.app.get(&page).await.status(), 200, "published");
    assert_eq!(store.pending_jobs().await.unwrap(), 0, "no job left over");
    assert_eq!(n.app.run_pending_jobs().await, 0);
    let publishes = store
        .audit_log(Some(id), 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "publish")
        .count();
    assert_eq!(publishes, 1);
}

#[tokio::test]
async fn two_instances_on_one_database_publish_a_scheduled_article_once() {
    let n = crate::helpers::newsroom().await;
    // A second server on the same data dir and database, with its own job runner.
    let other = warta::start(
        &n.app.config,
        warta::build_state(&n.app.config).await.unwrap(),
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    let at_ms = (now_ms() / 1000 + 2) * 1000;
    for i in 0..3 {
        let a = n
            .create(article_json(&format!("Embargo Bersama {i}")))
            .await;
        let id = a["id"].as_i64().unwrap();
        let (s, p) = n
            .app
            .api(
                Method::POST,
                &format!("/articles/{id}/publish"),
                &n.editor,
                Some(json!({"at": warta_core::iso8601_wib(at_ms)})),
            )
            .await;
        assert_eq!((s, p["status"].as_str()), (200, Some("scheduled")), "{p}");
        ids.push(id);
    }
    let store = n.app.store().await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    for &id in &ids {
        while store.article_by_id(id).await.unwrap().status != warta_core::Status::Published {
            assert!(std::time::Instant::now() < deadline, "not published");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    assert!(now_ms() >= at_ms);
    // Give the slower instance time to try too.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    for &id in &ids {
        let publishes = store
            .audit_log(Some(id), 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.action == "publish")
            .count();
        assert_eq!(publishes, 1, "article {id} published once");
    }
    assert_eq!(store.pending_jobs().await.unwrap(), 0);
    other.shutdown().await.unwrap();
}

#[tokio::test]
async fn jobs_run_on_postgres_too() {
    let Some(url) = warta_testkit::postgres_database().await else {
        return;
    };
    let n = newsroom_on(
        TestApp::spawn_with(Options {
            database_url: Some(url),
            background_jobs: Some(false),
            ..options()
        })
        .await,
    )
    .await;
    let a = n.create(article_json("Jadwal di PostgreSQL")).await;
    let id = a["id"].as_i64().unwrap();
    let at_ms = (now_ms() / 1000 + 2) * 1000;
    let (s, p) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(json!({"at": warta_core::iso8601_wib(at_ms)})),
        )
        .await;
    assert_eq!(s, 200, "{p}");
    let store = n.app.store().await;
    while store.pending_jobs().await.unwrap() < 1 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(n.app.run_pending_jobs().await, 0, "not before its time");
    let photo = upload_photo(&n).await;
    assert_eq!(store.pending_jobs().await.unwrap(), 2);
    tokio::time::sleep(Duration::from_millis((at_ms - now_ms()).max(0) as u64 + 10)).await;
    assert_eq!(
        n.app.run_pending_jobs().await,
        2,
        "the photo and the article"
    );
    let m = store.media_by_id(photo).await.unwrap().unwrap();
    assert!(!m.avif_pending && !m.avif.is_empty());
    assert_eq!(
        store.article_by_id(id).await.unwrap().status,
        warta_core::Status::Published
    );
    assert_eq!(store.pending_jobs().await.unwrap(), 0);
}
