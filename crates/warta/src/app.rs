//! Wiring: open and migrate the database, set up media storage and the renderer, bind the
//! listener and serve.

use crate::config::Config;
use anyhow::Context;
use std::net::SocketAddr;
use tokio::sync::{oneshot, watch};
use warta_media::MediaLimits;
use warta_render::{Renderer, Site};
use warta_store::Store;
use warta_web::{AppState, WebConfig};

/// Open and migrate the configured database (creating the data dir for SQLite).
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    std::fs::create_dir_all(&config.data)
        .with_context(|| format!("creating the data directory {}", config.data.display()))?;
    let store = Store::open(&config.database_url)
        .await
        .context("opening the database")?;
    store.migrate().await.context("migrating the database")?;
    Ok(store)
}

/// Build the application state for `config`.
pub async fn build_state(config: &Config) -> anyhow::Result<AppState> {
    let pings = config.pings();
    let store = open_store(config).await?.with_pings(&pings.targets());
    schedule_wire(config, &store).await?;
    let media = config.media_store()?;
    media
        .check()
        .await
        .with_context(|| format!("preparing the media store {}", media.describe()))?;
    tracing::info!(media = %media.describe(), "media store ready");
    let renderer = Renderer::new(Site {
        name: config.site_name.clone(),
        tagline: config.tagline.clone(),
        base_url: config.base_url.clone(),
        logo_path: "/static/logo.png".into(),
        hub: config.websub_hub.clone(),
    })
    .context("compiling templates")?;
    let web = WebConfig {
        page_cache: config.page_cache,
        media_limits: MediaLimits {
            max_bytes: config.max_upload_bytes,
            ..MediaLimits::default()
        },
        smtp_url: config.smtp_url.clone(),
        mail_from: config.mail_from.clone(),
        trusted_proxies: config.trusted_proxies.clone(),
        slots: config.slots,
        metrics_allow: config.metrics_allow.clone(),
        cdn_purge: config.purge.is_some(),
        fact_check_verdicts: config.fact_check_verdicts.clone(),
        indexnow_key: config.indexnow_key.clone(),
        ..WebConfig::default()
    };
    let changes = warta_jobs::Changes::new();
    let exe = config.exe.clone().or_else(|| std::env::current_exe().ok());
    let jobs = warta_jobs::standard(warta_jobs::Context {
        store: store.clone(),
        media: media.clone(),
        changes: changes.clone(),
        avif: warta_jobs::AvifSettings::new(exe, web.media_limits),
        purge: config.purge.clone().map(std::sync::Arc::new),
        http: warta_jobs::http_client().context("building the HTTP client for jobs")?,
        pings,
    })
    .build();
    let search = open_search(config, true)?;
    Ok(AppState::new(
        store, media, renderer, web, jobs, changes, search,
    ))
}

/// The NewsML-G2 drop folder as a feed, and every feed's next poll queued.
async fn schedule_wire(config: &Config, store: &Store) -> anyhow::Result<()> {
    if let Some(dir) = &config.wire_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the wire folder {}", dir.display()))?;
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        store
            .ensure_wire_folder(&dir.to_string_lossy(), config.wire_dir_minutes)
            .await
            .context("setting up the wire folder")?;
    }
    store
        .schedule_wire_polls()
        .await
        .context("queueing the wire polls")
}

/// How many instances may share one data directory, each with its own index.
const SEARCH_DIRS: usize = 8;

/// Open this instance's search index: `DATA/search/`, or when another instance on the same
/// data directory holds that one's writer lock, the first free of `DATA/search-2/` …
/// (every index is a copy of the database's articles that catches up by itself, so any of
/// them will do). `warta reindex` (`shared: false`) wants the first and says when a server
/// holds it.
pub fn open_search(config: &Config, shared: bool) -> anyhow::Result<warta_search::SearchIndex> {
    let tries = if shared { SEARCH_DIRS } else { 1 };
    for n in 1..=tries {
        let dir = match n {
            1 => config.data.join("search"),
            n => config.data.join(format!("search-{n}")),
        };
        match warta_search::SearchIndex::open(&dir) {
            Ok(index) => return Ok(index),
            Err(e) if e.is_locked() && n < tries => continue,
            Err(e) if e.is_locked() => anyhow::bail!(
                "the search index in {} is in use by a running server: stop it first",
                dir.display()
            ),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("opening the search index in {}", dir.display()));
            }
        }
    }
    anyhow::bail!(
        "more than {SEARCH_DIRS} servers share {}",
        config.data.display()
    )
}

/// Keep the search index up to date: catch up from the database's change log at once, then
/// every second and whenever this instance announces a change (so a local publish is
/// searchable within milliseconds, another instance's within about a second).
fn follow_search(state: AppState, mut stop: watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    let mut changes = state.changes().subscribe();
    tokio::spawn(async move {
        loop {
            if let Err(e) = state.search().catch_up(state.store()).await {
                tracing::warn!(error = %e, "search index catch-up failed; retrying");
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                _ = changes.recv() => {}
                _ = stop.wait_for(|&s| s) => return,
            }
        }
    })
}

/// A server running in the background.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    stop_jobs: watch::Sender<bool>,
    jobs: Option<tokio::task::JoinHandle<()>>,
    search: Option<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// Run every due background job now; returns how many ran (see
    /// [`warta_jobs::Runner::run_pending`]).
    /// Waits until the page cache has applied what those jobs changed.
    /// The search index catches up with the database first and last (what the jobs changed).
    pub async fn run_pending_jobs(&self) -> usize {
        self.catch_up_search().await;
        let n = self.state.jobs().run_pending().await;
        self.catch_up_search().await;
        self.state.changes().settled().await;
        n
    }

    async fn catch_up_search(&self) {
        if let Err(e) = self.state.search().catch_up(self.state.store()).await {
            tracing::warn!(error = %e, "search index catch-up failed");
        }
    }

    /// Stop accepting, finish in-flight requests, stop the job runner (a job cut off is
    /// handed back and runs after the next start), and wait.
    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let served = (&mut self.task).await.context("server task");
        self.stop_jobs.send_replace(true);
        if let Some(jobs) = self.jobs.take() {
            jobs.await.context("job runner")?;
        }
        if let Some(search) = self.search.take() {
            search.await.context("search follower")?;
        }
        served?.context("server")?;
        Ok(())
    }
}

/// Bind `config.listen` (port 0 picks a free port) and serve in a background task.
pub async fn start(config: &Config, state: AppState) -> anyhow::Result<Running> {
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let addr = listener.local_addr()?;
    let state_for_server = state.clone();
    let (stop, stopped) = oneshot::channel::<()>();
    // Articles scheduled while no job waited for them (before an upgrade) are not missed.
    if let Err(e) = warta_jobs::schedule_next(state.store()).await {
        tracing::warn!(error = %e, "could not enqueue the scheduler");
    }
    state.follow_changes();
    // Imports and other instances write to the same database: follow their changes too.
    state.poll_change_log(warta_web::CHANGE_LOG_POLL);
    let (stop_jobs, jobs_stopped) = watch::channel(false);
    let search = config
        .background_jobs
        .then(|| follow_search(state.clone(), jobs_stopped.clone()));
    let jobs = config
        .background_jobs
        .then(|| tokio::spawn(state.jobs().clone().run(jobs_stopped)));
    let task = tokio::spawn(async move {
        warta_web::serve(listener, state_for_server, async move {
            let _ = stopped.await;
        })
        .await
    });
    Ok(Running {
        addr,
        state,
        stop: Some(stop),
        task,
        stop_jobs,
        jobs,
        search,
    })
}
