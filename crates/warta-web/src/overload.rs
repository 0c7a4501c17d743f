//! Bounded uncached work. A page served from the cache costs almost nothing; a render, a
//! search or an API write costs a database round trip and CPU. Under a breaking-news spike
//! the expensive work must not queue without end (every queued request holds memory and only
//! gets slower): it runs in a fixed number of slots, a short queue waits for them, and what
//! does not fit is answered at once with 503 and `Retry-After`, which a CDN turns into its
//! stale copy (`stale-if-error`) and a browser retries. Cached pages never pass a gate, so
//! they are still served while the gates are full. Search has its own gate, so a search storm
//! cannot take the article pages down.

use crate::error::AppError;
use prometheus_client::metrics::counter::Counter;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

/// How many slots, how long a queue, how long a place in it may wait.
#[derive(Debug, Clone, Copy)]
pub struct SlotConfig {
    /// Renders of uncached pages, newsroom pages and API requests at the same time.
    pub work: usize,
    /// Searches at the same time (their own gate).
    pub search: usize,
    /// Requests that may wait for a slot, per gate, beyond which they are refused at once.
    pub queue: usize,
    /// The longest a waiting request waits before it is refused.
    pub wait: Duration,
}

impl Default for SlotConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        SlotConfig {
            work: (4 * cores).max(8),
            search: (2 * cores).max(4),
            queue: (16 * cores).max(32),
            wait: Duration::from_secs(2),
        }
    }
}

pub use crate::error::RETRY_AFTER_SECS;

/// One bounded kind of work.
pub struct Gate {
    name: &'static str,
    permits: Semaphore,
    waiting: AtomicUsize,
    queue: usize,
    wait: Duration,
    shed: Counter,
    /// The refusals already logged, so a spike writes one line a second, not one a refusal.
    logged: AtomicU64,
    /// When the last line was written (seconds since `started`).
    logged_at: AtomicU64,
    started: std::time::Instant,
}

/// A refused request: which gate was full.
#[derive(Debug, Clone, Copy)]
pub struct Busy(pub &'static str);

impl From<Busy> for AppError {
    fn from(b: Busy) -> Self {
        AppError::Busy(b.0)
    }
}

impl Gate {
    /// `shed` counts the refusals (a metric).
    pub fn new(
        name: &'static str,
        slots: usize,
        queue: usize,
        wait: Duration,
        shed: Counter,
    ) -> Gate {
        Gate {
            name,
            permits: Semaphore::new(slots.max(1)),
            waiting: AtomicUsize::new(0),
            queue,
            wait,
            shed,
            logged: AtomicU64::new(0),
            logged_at: AtomicU64::new(0),
            started: std::time::Instant::now(),
        }
    }

    /// A slot, after waiting in the queue if there is room in it; `Busy` otherwise.
    pub async fn enter(&self) -> Result<SemaphorePermit<'_>, Busy> {
        if let Ok(p) = self.permits.try_acquire() {
            return Ok(p);
        }
        let place = Place::take(&self.waiting, self.queue);
        let permit = match place {
            Some(_place) => tokio::time::timeout(self.wait, self.permits.acquire())
                .await
                .ok()
                .and_then(Result::ok),
            None => None,
        };
        permit.ok_or_else(|| {
            self.shed.inc();
            if let Some(refused) = self.refused_to_log() {
                tracing::warn!(gate = self.name, refused, "busy: requests refused with 503");
            }
            Busy(self.name)
        })
    }

    /// The refusals since the last log line, when a second has passed since it (the first
    /// refusal is logged at once); `None` otherwise. `/metrics` counts every one.
    fn refused_to_log(&self) -> Option<u64> {
        let now = self.started.elapsed().as_secs() + 1;
        let last = self.logged_at.load(Ordering::Relaxed);
        if now <= last
            || self
                .logged_at
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return None;
        }
        let total = self.shed.get();
        Some(total - self.logged.swap(total, Ordering::Relaxed))
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Requests refused so far.
    #[cfg(test)]
    pub fn shed(&self) -> u64 {
        self.shed.get()
    }

    /// Slots in use now.
    pub fn in_use(&self, slots: usize) -> usize {
        slots
            .max(1)
            .saturating_sub(self.permits.available_permits())
    }
}

/// A place in a gate's queue, given back when dropped (also when the request is cancelled).
struct Place<'a>(&'a AtomicUsize);

impl<'a> Place<'a> {
    fn take(waiting: &'a AtomicUsize, queue: usize) -> Option<Place<'a>> {
        waiting
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < queue).then_some(n + 1)
            })
            .ok()
            .map(|_| Place(waiting))
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The gates of one server.
pub struct Slots {
    pub config: SlotConfig,
    pub work: Gate,
    pub search: Gate,
    pub busy_page: BusyPage,
}

/// How long a rendered 503 page is served again before it is rendered anew (the menu in it
/// may change).
const BUSY_PAGE_TTL: Duration = Duration::from_secs(10);

/// The reader's 503 page, rendered at most once every [`BUSY_PAGE_TTL`]: a refusal must cost
/// next to nothing, or under overload the refusals take the CPU the admitted renders need.
#[derive(Default)]
pub struct BusyPage(std::sync::Mutex<Option<(std::time::Instant, Arc<str>)>>);

impl BusyPage {
    /// The page rendered within the last [`BUSY_PAGE_TTL`].
    pub fn get(&self) -> Option<Arc<str>> {
        let kept = self.0.lock().ok()?;
        let (at, html) = kept.as_ref()?;
        (at.elapsed() < BUSY_PAGE_TTL).then(|| html.clone())
    }

    pub fn keep(&self, html: &str) {
        if let Ok(mut kept) = self.0.lock() {
            *kept = Some((std::time::Instant::now(), html.into()));
        }
    }
}

impl Slots {
    pub fn new(config: SlotConfig, metrics: &crate::metrics::Metrics) -> Slots {
        let gate = |name: &'static str, slots: usize| {
            let shed = metrics
                .shed
                .get_or_create(&crate::metrics::GateLabel { gate: name })
                .clone();
            Gate::new(name, slots, config.queue, config.wait, shed)
        };
        Slots {
            work: gate("work", config.work),
            search: gate("search", config.search),
            busy_page: BusyPage::default(),
            config,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_gate_with_a_full_queue_refuses_at_once_and_frees_on_drop() {
        let gate = Gate::new("t", 1, 0, Duration::from_secs(5), Counter::default());
        let held = gate.enter().await.expect("the one slot");
        let started = std::time::Instant::now();
        assert!(gate.enter().await.is_err(), "no slot and no queue: refused");
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "refused at once"
        );
        assert_eq!(gate.shed(), 1);
        drop(held);
        assert!(gate.enter().await.is_ok(), "the slot is free again");
    }

    #[tokio::test]
    async fn a_waiting_request_gets_the_slot_when_it_frees_or_gives_up_after_the_wait() {
        let gate = std::sync::Arc::new(Gate::new(
            "t",
            1,
            1,
            Duration::from_millis(200),
            Counter::default(),
        ));
        let held = gate.enter().await.expect("slot");
        let g = gate.clone();
        let waiter = tokio::spawn(async move { g.enter().await.map(drop).is_ok() });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(gate.enter().await.is_err(), "the queue of one is taken");
        drop(held);
        assert!(waiter.await.expect("join"), "the waiter got the freed slot");
        let held = gate.enter().await.expect("slot");
        let started = std::time::Instant::now();
        assert!(gate.enter().await.is_err(), "waited, then refused");
        assert!(started.elapsed() >= Duration::from_millis(200));
        drop(held);
        assert_eq!(gate.shed(), 2);
    }

    #[tokio::test]
    async fn a_storm_of_refusals_is_logged_once_a_second_with_its_count() {
        let gate = Gate::new("t", 1, 0, Duration::from_secs(5), Counter::default());
        let _held = gate.enter().await.expect("the one slot");
        gate.shed.inc();
        assert_eq!(gate.refused_to_log(), Some(1), "the first refusal at once");
        for _ in 0..500 {
            gate.shed.inc();
            assert_eq!(gate.refused_to_log(), None, "not again within the second");
        }
        // A second later the line carries the count since the last.
        gate.logged_at.fetch_sub(1, Ordering::Relaxed);
        assert_eq!(gate.refused_to_log(), Some(500));
        assert_eq!(gate.refused_to_log(), None);
    }

    #[test]
    fn the_busy_page_is_kept_once_rendered() {
        let page = BusyPage::default();
        assert!(page.get().is_none(), "nothing rendered yet");
        page.keep("<h1>Server sedang sibuk</h1>");
        assert_eq!(page.get().as_deref(), Some("<h1>Server sedang sibuk</h1>"));
    }
}
