//! The job queue against a real SQLite file and a real PostgreSQL server (when
//! `WARTA_TEST_POSTGRES_URL` is set): claiming, retries, failures, dedupe keys, stale locks,
//! and many claimers at once never getting the same job.

#[macro_use]
mod common;

use std::collections::BTreeSet;
use warta_store::{AVIF_JOB, JOB_LEASE_MS, NewJob, NewMedia, Store, now_ms};

on_both_backends!(
    "job queue",
    crate::common::store_of;
    jobs_are_claimed_once_then_completed_retried_or_failed,
    a_dedupe_key_allows_one_waiting_job,
    a_stale_claim_is_claimed_again_and_a_released_one_at_once,
    concurrent_claimers_never_get_the_same_job,
    a_photo_waiting_for_avif_comes_with_its_job,
);

async fn jobs_are_claimed_once_then_completed_retried_or_failed(s: &Store) {
    let now = now_ms();
    let a = s
        .enqueue(&NewJob::new("ping", r#"{"n":1}"#).at(now))
        .await
        .unwrap()
        .expect("enqueued");
    let later = s
        .enqueue(&NewJob::new("ping", "{}").at(now + 60_000))
        .await
        .unwrap()
        .unwrap();
    s.enqueue(&NewJob::new("other", "{}").at(now))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.pending_jobs().await.unwrap(), 3);
    assert_eq!(s.next_run_at(&["ping"]).await.unwrap(), Some(now));
    assert_eq!(s.next_run_at(&["nothing"]).await.unwrap(), None);

    let job = s.claim("w1", &["ping"], now).await.unwrap().expect("due");
    assert_eq!((job.id, job.kind.as_str()), (a, "ping"));
    assert_eq!((job.payload.as_str(), job.attempts), (r#"{"n":1}"#, 1));
    assert!(
        s.claim("w2", &["ping"], now).await.unwrap().is_none(),
        "claimed once; the other is not due yet"
    );
    assert_eq!(
        s.next_run_at(&["ping"]).await.unwrap(),
        Some(now + 60_000),
        "the claimed job counts from its lease end"
    );

    s.retry_later(a, now + 1_000, "boom").await.unwrap();
    assert!(s.claim("w1", &["ping"], now + 999).await.unwrap().is_none());
    let again = s
        .claim("w1", &["ping"], now + 1_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((again.id, again.attempts), (a, 2));
    assert_eq!(again.last_error.as_deref(), Some("boom"));
    s.complete(a).await.unwrap();
    assert_eq!(s.pending_jobs().await.unwrap(), 2);

    let l = s
        .claim("w1", &["ping"], now + 60_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(l.id, later);
    s.fail(later, "no way").await.unwrap();
    assert_eq!(s.pending_jobs().await.unwrap(), 1, "only 'other' waits");
    assert!(
        s.claim("w1", &["ping"], now + 10_000_000)
            .await
            .unwrap()
            .is_none()
    );
    let failed = s.failed_jobs(10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (failed[0].id, failed[0].last_error.as_deref()),
        (later, Some("no way"))
    );
}

async fn a_dedupe_key_allows_one_waiting_job(s: &Store) {
    let job = NewJob::new("avif", r#"{"media_id":7}"#).dedupe("avif:7");
    let first = s.enqueue(&job).await.unwrap();
    assert!(first.is_some());
    assert_eq!(s.enqueue(&job).await.unwrap(), None, "waiting: no second");
    let claimed = s
        .claim("w", &["avif"], now_ms())
        .await
        .unwrap()
        .expect("due");
    assert_eq!(s.enqueue(&job).await.unwrap(), None, "running: no second");
    s.fail(claimed.id, "broken").await.unwrap();
    assert!(
        s.enqueue(&job).await.unwrap().is_some(),
        "a failed job no longer holds its key"
    );
    let other = NewJob::new("avif", r#"{"media_id":8}"#).dedupe("avif:8");
    assert!(s.enqueue(&other).await.unwrap().is_some());
    assert!(s.enqueue(&NewJob::new("x", "{}")).await.unwrap().is_some());
    assert!(
        s.enqueue(&NewJob::new("x", "{}")).await.unwrap().is_some(),
        "without a key, every enqueue is a job"
    );
    assert_eq!(s.pending_jobs().await.unwrap(), 4);
}

async fn a_stale_claim_is_claimed_again_and_a_released_one_at_once(s: &Store) {
    let now = now_ms();
    let id = s
        .enqueue(&NewJob::new("slow", "{}").at(now))
        .await
        .unwrap()
        .unwrap();
    assert!(s.claim("dead", &["slow"], now).await.unwrap().is_some());
    assert!(
        s.claim("w", &["slow"], now + JOB_LEASE_MS)
            .await
            .unwrap()
            .is_none(),
        "the lease holds"
    );
    let taken = s
        .claim("w", &["slow"], now + JOB_LEASE_MS + 1)
        .await
        .unwrap()
        .expect("a dead worker's job is claimable after the lease");
    assert_eq!((taken.id, taken.attempts), (id, 2));

    s.release(id).await.unwrap();
    let back = s
        .claim("w2", &["slow"], now + JOB_LEASE_MS + 2)
        .await
        .unwrap()
        .expect("a released job is claimable at once");
    assert_eq!(back.attempts, 2, "the interrupted attempt did not count");
}

async fn concurrent_claimers_never_get_the_same_job(s: &Store) {
    let now = now_ms();
    let mut all = BTreeSet::new();
    for i in 0..40 {
        let id = s
            .enqueue(&NewJob::new("work", format!("{{\"i\":{i}}}")).at(now))
            .await
            .unwrap()
            .unwrap();
        all.insert(id);
    }
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let s = s.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                while let Some(job) = s
                    .claim(&format!("w{w}"), &["work"], now)
                    .await
                    .expect("claim under load")
                {
                    mine.push(job.id);
                }
                mine
            })
        })
        .collect();
    let mut seen = Vec::new();
    for w in workers {
        seen.extend(w.await.unwrap());
    }
    let mut unique: BTreeSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "a job claimed twice: {seen:?}");
    // Under SKIP LOCKED a claimer may see nothing while others hold rows; whatever is left
    // is still claimable afterwards, never lost.
    while let Some(job) = s.claim("last", &["work"], now).await.unwrap() {
        assert!(!seen.contains(&job.id), "claimed twice: {}", job.id);
        unique.insert(job.id);
    }
    assert_eq!(unique, all, "every job claimed exactly once");
}

async fn a_photo_waiting_for_avif_comes_with_its_job(s: &Store) {
    let photo = |pending: bool, key: &str| NewMedia {
        original_key: key.into(),
        mime: "image/jpeg".into(),
        width: 800,
        height: 600,
        variants: Vec::new(),
        avif: Vec::new(),
        avif_pending: pending,
        crops: Vec::new(),
        placeholder: String::new(),
        caption: "Foto".into(),
        credit: "Warta".into(),
        alt: "Foto".into(),
        uploaded_by: None,
    };
    let done = s.insert_media(photo(false, "a/1.jpg")).await.unwrap();
    assert_eq!(s.pending_jobs().await.unwrap(), 0, "{}", done.id);
    let m = s.insert_media(photo(true, "a/2.jpg")).await.unwrap();
    assert_eq!(s.pending_jobs().await.unwrap(), 1);
    let job = s
        .claim("w", &[AVIF_JOB], now_ms())
        .await
        .unwrap()
        .expect("the AVIF job");
    let payload: serde_json::Value = serde_json::from_str(&job.payload).unwrap();
    assert_eq!(payload["media_id"], m.id);
}
