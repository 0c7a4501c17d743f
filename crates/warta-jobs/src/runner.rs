//! The runner: one loop per queue claims due jobs of that queue's kinds, runs them one at a
//! time, and sleeps until the next job is due, a wake-up ([`Runner::wake`]) or the poll
//! interval (jobs enqueued by another instance).

use crate::job::{Attempt, Job};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, Notify, watch};
use tracing::Instrument;
use warta_store::{JobRow, Store, StoreError, now_ms};

type JobFuture = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;
type Handler<C> = Arc<dyn Fn(C, String, Attempt) -> JobFuture + Send + Sync>;

/// The first retry waits this long; each further one four times longer.
const FIRST_BACKOFF_MS: i64 = 1_000;
const MAX_BACKOFF_MS: i64 = 3_600_000;

/// Delay before retrying after failed attempt `n` (1-based): 1 s, 4 s, 16 s, … at most 1 h.
pub(crate) fn backoff_ms(attempt: i64) -> i64 {
    let exp = attempt.clamp(1, 12) as u32 - 1;
    FIRST_BACKOFF_MS
        .saturating_mul(4i64.saturating_pow(exp))
        .min(MAX_BACKOFF_MS)
}

/// Runs registered jobs; cheap to clone (the background loop and tests share one).
pub struct Runner<C> {
    inner: Arc<Inner<C>>,
}

impl<C> Clone for Runner<C> {
    fn clone(&self) -> Self {
        Runner {
            inner: self.inner.clone(),
        }
    }
}

struct Inner<C> {
    store: Store,
    ctx: C,
    handlers: HashMap<&'static str, Handler<C>>,
    queues: Vec<Queue>,
    worker: String,
    poll: Duration,
}

struct Queue {
    name: &'static str,
    kinds: Vec<&'static str>,
    /// Held while a job of this queue runs here: one at a time, whoever runs it.
    slot: Mutex<()>,
    wake: Notify,
}

pub struct RunnerBuilder<C> {
    store: Store,
    ctx: C,
    handlers: HashMap<&'static str, Handler<C>>,
    queues: Vec<(&'static str, Vec<&'static str>)>,
    poll: Duration,
}

impl<C: Clone + Send + Sync + 'static> RunnerBuilder<C> {
    /// Run jobs of type `J`.
    pub fn register<J: Job<Context = C>>(mut self) -> Self {
        let handler: Handler<C> =
            Arc::new(|ctx: C, payload: String, attempt: Attempt| -> JobFuture {
                Box::pin(async move {
                    let job: J = serde_json::from_str(&payload).map_err(|e| {
                        anyhow::anyhow!("unreadable {} payload {payload}: {e}", J::KIND)
                    })?;
                    job.run(&ctx, attempt).await
                })
            });
        self.handlers.insert(J::KIND, handler);
        match self.queues.iter_mut().find(|(q, _)| *q == J::QUEUE) {
            Some((_, kinds)) if !kinds.contains(&J::KIND) => kinds.push(J::KIND),
            Some(_) => {}
            None => self.queues.push((J::QUEUE, vec![J::KIND])),
        }
        self
    }

    /// How often idle loops look for jobs enqueued elsewhere (default 1 s).
    pub fn poll_interval(mut self, every: Duration) -> Self {
        self.poll = every.max(Duration::from_millis(10));
        self
    }

    pub fn build(self) -> Runner<C> {
        static N: AtomicU64 = AtomicU64::new(0);
        let worker = format!(
            "{}-{}-{}",
            std::process::id(),
            now_ms(),
            N.fetch_add(1, Ordering::Relaxed)
        );
        let queues = self
            .queues
            .into_iter()
            .map(|(name, kinds)| Queue {
                name,
                kinds,
                slot: Mutex::new(()),
                wake: Notify::new(),
            })
            .collect();
        Runner {
            inner: Arc::new(Inner {
                store: self.store,
                ctx: self.ctx,
                handlers: self.handlers,
                queues,
                worker,
                poll: self.poll,
            }),
        }
    }
}

/// What one claim attempt did.
enum Outcome {
    Idle,
    Ran,
    Cancelled,
}

impl<C: Clone + Send + Sync + 'static> Runner<C> {
    pub fn builder(store: Store, ctx: C) -> RunnerBuilder<C> {
        RunnerBuilder {
            store,
            ctx,
            handlers: HashMap::new(),
            queues: Vec::new(),
            poll: Duration::from_secs(1),
        }
    }

    /// Look for due jobs now (one was just enqueued).
    pub fn wake(&self) {
        for q in &self.inner.queues {
            q.wake.notify_one();
        }
    }

    /// Work until `shutdown` turns true (or its sender is dropped): then stop claiming, hand
    /// back the jobs that are running, and return.
    pub async fn run(self, shutdown: watch::Receiver<bool>) {
        let mut loops = tokio::task::JoinSet::new();
        for q in 0..self.inner.queues.len() {
            loops.spawn(self.clone().work(q, shutdown.clone()));
        }
        while loops.join_next().await.is_some() {}
    }

    /// Run every job that is due now, here, and return how many ran. Waits for a job this
    /// runner's own loop is running first, so afterwards nothing due when called is left
    /// (jobs failing now are retried later, not again at once). For tests and the CLI.
    pub async fn run_pending(&self) -> usize {
        let (_keep, mut never) = watch::channel(false);
        let mut total = 0;
        loop {
            let mut ran = 0;
            for q in &self.inner.queues {
                let _slot = q.slot.lock().await;
                loop {
                    match self.run_one(q, &mut never).await {
                        Ok(Outcome::Ran) => ran += 1,
                        Ok(_) => break,
                        Err(e) => {
                            tracing::warn!(queue = q.name, error = %e, "could not claim a job");
                            break;
                        }
                    }
                }
            }
            total += ran;
            // A job may enqueue another that is due at once (possibly on another queue).
            if ran == 0 {
                return total;
            }
        }
    }

    async fn work(self, q: usize, mut shutdown: watch::Receiver<bool>) {
        let queue = &self.inner.queues[q];
        loop {
            if *shutdown.borrow() {
                return;
            }
            let outcome = {
                let _slot = queue.slot.lock().await;
                self.run_one(queue, &mut shutdown).await
            };
            let wait = match outcome {
                Ok(Outcome::Ran) => continue,
                Ok(Outcome::Cancelled) => return,
                Ok(Outcome::Idle) => self.idle_wait(queue).await,
                Err(e) => {
                    tracing::warn!(queue = queue.name, error = %e, "could not claim a job");
                    self.inner.poll
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = queue.wake.notified() => {}
                _ = stopped(&mut shutdown) => return,
            }
        }
    }

    /// Until the next job of `queue` may be due: at most the poll interval.
    async fn idle_wait(&self, queue: &Queue) -> Duration {
        let poll = self.inner.poll;
        match self.inner.store.next_run_at(&queue.kinds).await {
            Ok(Some(at)) => {
                let ms = (at - now_ms()).clamp(5, poll.as_millis() as i64);
                Duration::from_millis(ms as u64)
            }
            Ok(None) => poll,
            Err(e) => {
                tracing::warn!(queue = queue.name, error = %e, "could not read the job queue");
                poll
            }
        }
    }

    /// Claim and run one due job of `queue`, unless `shutdown` turns true first.
    async fn run_one(
        &self,
        queue: &Queue,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<Outcome, StoreError> {
        let store = &self.inner.store;
        let Some(job) = store
            .claim(&self.inner.worker, &queue.kinds, now_ms())
            .await?
        else {
            return Ok(Outcome::Idle);
        };
        let span = tracing::info_span!(
            "job",
            id = job.id,
            kind = %job.kind,
            attempt = job.attempts,
            queue = queue.name
        );
        self.execute(job, shutdown).instrument(span).await
    }

    async fn execute(
        &self,
        job: JobRow,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<Outcome, StoreError> {
        let store = &self.inner.store;
        let Some(handler) = self.inner.handlers.get(job.kind.as_str()) else {
            store.fail(job.id, "no handler for this kind").await?;
            return Ok(Outcome::Ran);
        };
        if job.attempts > job.max_attempts {
            // Claimed again after its worker died during every attempt.
            let error = format!(
                "gave up after {} attempts; last: {}",
                job.max_attempts,
                job.last_error
                    .as_deref()
                    .unwrap_or("the worker stopped mid-way")
            );
            tracing::warn!(error, "job failed");
            store.fail(job.id, &error).await?;
            return Ok(Outcome::Ran);
        }
        let attempt = Attempt {
            number: job.attempts,
            max: job.max_attempts,
        };
        let started = Instant::now();
        // Its own task, so a panic is an error like any other and shutdown can abort it.
        let mut task = tokio::spawn(handler(
            self.inner.ctx.clone(),
            job.payload.clone(),
            attempt,
        ));
        let result = tokio::select! {
            r = &mut task => r,
            _ = stopped(shutdown) => {
                task.abort();
                let _ = task.await;
                tracing::info!("job interrupted by shutdown; it runs again later");
                store.release(job.id).await?;
                return Ok(Outcome::Cancelled);
            }
        };
        let ms = started.elapsed().as_millis() as u64;
        let error = match result {
            Ok(Ok(())) => {
                tracing::debug!(ms, "job done");
                store.complete(job.id).await?;
                return Ok(Outcome::Ran);
            }
            Ok(Err(e)) => format!("{e:#}"),
            Err(e) if e.is_panic() => "the job panicked".to_string(),
            Err(e) => e.to_string(),
        };
        self.failed(job.id, attempt, ms, &error).await?;
        Ok(Outcome::Ran)
    }

    /// Record a failed attempt: retry after the backoff, or give up after the last one.
    async fn failed(
        &self,
        id: i64,
        attempt: Attempt,
        ms: u64,
        error: &str,
    ) -> Result<(), StoreError> {
        let store = &self.inner.store;
        if attempt.is_last() {
            tracing::warn!(ms, error, "job failed; giving up");
            store.fail(id, error).await
        } else {
            let at = now_ms() + backoff_ms(attempt.number);
            tracing::warn!(ms, error, retry_at = at, "job failed; will retry");
            store.retry_later(id, at, error).await
        }
    }
}

/// Resolves when `rx` turns true or its sender is gone.
async fn stopped(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|&stop| stop).await;
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_grows_fourfold_and_stops_at_an_hour() {
        let waits: Vec<i64> = (1..=8).map(super::backoff_ms).collect();
        assert_eq!(
            waits,
            [
                1_000, 4_000, 16_000, 64_000, 256_000, 1_024_000, 3_600_000, 3_600_000
            ]
        );
        assert_eq!(super::backoff_ms(0), 1_000);
        assert_eq!(super::backoff_ms(i64::MAX), 3_600_000);
    }
}
