//! The runner against a real SQLite file: due jobs run, failures retry with backoff and are
//! kept once given up on, panics are failures, the background loop picks jobs up as they
//! are enqueued, and shutdown hands an interrupted job back.

use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use warta_jobs::{Attempt, Job, Runner, enqueue};
use warta_store::{Store, now_ms};

/// What the test jobs saw: (job name, attempt number).
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<(String, i64)>>>);

impl Seen {
    fn push(&self, name: &str, attempt: Attempt) {
        self.0
            .lock()
            .unwrap()
            .push((name.to_string(), attempt.number));
    }
    fn all(&self) -> Vec<(String, i64)> {
        self.0.lock().unwrap().clone()
    }
}

/// Fails its first `fail_times` attempts.
#[derive(Serialize, Deserialize)]
struct Flaky {
    name: String,
    fail_times: i64,
}

impl Job for Flaky {
    const KIND: &'static str = "flaky";
    const MAX_ATTEMPTS: i64 = 3;
    type Context = Seen;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("flaky:{}", self.name))
    }

    async fn run(&self, seen: &Seen, attempt: Attempt) -> anyhow::Result<()> {
        seen.push(&self.name, attempt);
        if attempt.number <= self.fail_times {
            anyhow::bail!("{} failed on attempt {}", self.name, attempt.number);
        }
        Ok(())
    }
}

/// Sleeps for a minute (on its own queue), or panics.
#[derive(Serialize, Deserialize)]
struct Slow {
    panic: bool,
}

impl Job for Slow {
    const KIND: &'static str = "slow";
    const QUEUE: &'static str = "slow";
    type Context = Seen;

    async fn run(&self, seen: &Seen, attempt: Attempt) -> anyhow::Result<()> {
        seen.push("slow", attempt);
        assert!(!self.panic, "a bug in a job");
        tokio::time::sleep(Duration::from_secs(60)).await;
        Ok(())
    }
}

async fn setup() -> (Store, Runner<Seen>, Seen, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("warta.db"))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let seen = Seen::default();
    let runner = Runner::builder(store.clone(), seen.clone())
        .register::<Flaky>()
        .register::<Slow>()
        .poll_interval(Duration::from_millis(100))
        .build();
    (store, runner, seen, dir)
}

fn flaky(name: &str, fail_times: i64) -> Flaky {
    Flaky {
        name: name.into(),
        fail_times,
    }
}

#[tokio::test]
async fn failures_retry_after_a_backoff_then_succeed() {
    let (store, runner, seen, _dir) = setup().await;
    assert!(enqueue(&store, &flaky("a", 1)).await.unwrap().is_some());
    assert_eq!(
        enqueue(&store, &flaky("a", 1)).await.unwrap(),
        None,
        "deduplicated"
    );
    let started = now_ms();
    assert_eq!(runner.run_pending().await, 1);
    assert_eq!(seen.all(), [("a".to_string(), 1)]);
    assert_eq!(store.pending_jobs().await.unwrap(), 1, "waits for a retry");
    let retry_at = store.next_run_at(&["flaky"]).await.unwrap().unwrap();
    assert!(
        (started + 1_000..started + 2_000).contains(&retry_at),
        "first retry after 1 s: {}",
        retry_at - started
    );
    assert_eq!(runner.run_pending().await, 0, "not due yet");
    tokio::time::sleep(Duration::from_millis(
        (retry_at - now_ms()).max(0) as u64 + 20,
    ))
    .await;
    assert_eq!(runner.run_pending().await, 1);
    assert_eq!(seen.all(), [("a".to_string(), 1), ("a".to_string(), 2)]);
    assert_eq!(store.pending_jobs().await.unwrap(), 0, "done jobs are gone");
    assert!(store.failed_jobs(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_job_failing_every_attempt_is_kept_with_its_error() {
    let (store, runner, seen, _dir) = setup().await;
    enqueue(&store, &flaky("b", 99)).await.unwrap();
    for attempt in 1..=3 {
        // Make the retry due now rather than waiting 1 s, 4 s.
        if let Some(job) = store
            .claim("test", &["flaky"], now_ms() + 3_600_000)
            .await
            .unwrap()
        {
            store.retry_later(job.id, 0, "moved").await.unwrap();
            store.release(job.id).await.unwrap();
        }
        assert_eq!(runner.run_pending().await, 1, "attempt {attempt}");
    }
    let attempts: Vec<i64> = seen.all().into_iter().map(|(_, n)| n).collect();
    assert_eq!(attempts, [1, 2, 3]);
    assert_eq!(store.pending_jobs().await.unwrap(), 0);
    let failed = store.failed_jobs(10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0].last_error.as_deref(),
        Some("b failed on attempt 3")
    );
    assert!(
        enqueue(&store, &flaky("b", 0)).await.unwrap().is_some(),
        "a failed job frees its dedupe key"
    );
}

#[tokio::test]
async fn a_panicking_job_is_a_failure_not_a_dead_runner() {
    let (store, runner, seen, _dir) = setup().await;
    enqueue(&store, &Slow { panic: true }).await.unwrap();
    enqueue(&store, &flaky("after", 0)).await.unwrap();
    assert_eq!(runner.run_pending().await, 2);
    assert_eq!(seen.all().len(), 2, "the next job still ran");
    let id = store
        .claim("test", &["slow"], now_ms() + 3_600_000)
        .await
        .unwrap()
        .expect("the panicked job waits for a retry");
    assert_eq!(
        store.failed_jobs(1).await.unwrap().len(),
        0,
        "{} is retried",
        id.id
    );
    assert_eq!(id.last_error.as_deref(), Some("the job panicked"));
}

#[tokio::test]
async fn the_background_loop_picks_up_jobs_and_shutdown_hands_them_back() {
    let (store, runner, seen, _dir) = setup().await;
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(runner.clone().run(stopped));

    enqueue(&store, &flaky("woken", 0)).await.unwrap();
    runner.wake();
    let deadline = Instant::now() + Duration::from_secs(5);
    while seen.all().is_empty() {
        assert!(Instant::now() < deadline, "the loop did not run the job");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Enqueued without a wake (as another instance would): found by polling.
    enqueue(&store, &flaky("polled", 0)).await.unwrap();
    enqueue(&store, &Slow { panic: false }).await.unwrap();
    while seen.all().len() < 3 {
        assert!(
            Instant::now() < deadline,
            "the loop did not poll: {:?}",
            seen.all()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The slow job runs on its own queue; the other queue carries on beside it.
    enqueue(&store, &flaky("beside", 0)).await.unwrap();
    runner.wake();
    while seen.all().len() < 4 {
        assert!(
            Instant::now() < deadline,
            "a slow job held up the other queue"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(store.pending_jobs().await.unwrap(), 1, "only the slow job");

    let asked = Instant::now();
    stop.send_replace(true);
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("the runner stops without waiting for the slow job")
        .unwrap();
    assert!(asked.elapsed() < Duration::from_secs(5));
    let back = store
        .claim("next-start", &["slow"], now_ms())
        .await
        .unwrap()
        .expect("the interrupted job is claimable at once");
    assert_eq!(back.attempts, 1, "the interrupted attempt did not count");
}
