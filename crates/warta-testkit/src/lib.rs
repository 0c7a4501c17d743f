//! `TestApp`: a real Warta server on 127.0.0.1 port 0 with its own temporary data dir (SQLite)
//! or its own fresh PostgreSQL database, and helpers to drive it over HTTP.

use anyhow::Context;
use std::path::Path;
use warta::{Config, Running};
use warta_core::Role;
use warta_store::NewUser;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub running: Option<Running>,
    pub config: Config,
    _dir: tempfile::TempDir,
}

/// Settings for [`TestApp::spawn_with`].
#[derive(Default)]
pub struct Options {
    pub page_cache: Option<bool>,
    pub demo: bool,
    pub max_upload_bytes: Option<usize>,
    pub database_url: Option<String>,
    pub smtp_url: Option<String>,
    /// The `warta` binary the server runs for AVIF encoding: pass
    /// `env!("CARGO_BIN_EXE_warta")`. Unset: the `warta` next to the test binary's folder
    /// (`target/<profile>/warta`, which Cargo builds for the warta package's integration
    /// tests), or in-process encoding if there is none.
    pub warta_exe: Option<std::path::PathBuf>,
    /// `Some(false)`: no background job runner; jobs run only in
    /// [`TestApp::run_pending_jobs`], so a test sees the state before and after them.
    pub background_jobs: Option<bool>,
    /// The configured base URL (default [`TEST_BASE_URL`], which is https).
    pub base_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (e.g. `127.0.0.1`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Bounds on uncached work (default: the server's).
    pub slots: Option<warta::SlotConfig>,
    /// The CDN to purge on changes (default: none).
    pub purge: Option<warta::PurgeTarget>,
    /// Media in this bucket instead of the data dir's folder.
    pub media_s3: Option<warta_media::S3Settings>,
    /// Fact-check verdicts added to the defaults (setting `fact_check_verdicts`).
    pub fact_check_verdicts: Vec<String>,
    /// A WebSub hub pinged on publish.
    pub websub_hub: Option<String>,
    /// An IndexNow endpoint and key pinged on publish.
    pub indexnow: Option<(String, String)>,
    /// A NewsML-G2 drop folder (setting `wire_dir`).
    pub wire_dir: Option<std::path::PathBuf>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(Options::default()).await
    }

    pub async fn spawn_with(opts: Options) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = test_config(dir.path());
        if let Some(c) = opts.page_cache {
            config.page_cache = c;
        }
        if let Some(m) = opts.max_upload_bytes {
            config.max_upload_bytes = m;
        }
        if opts.smtp_url.is_some() {
            config.smtp_url = opts.smtp_url;
        }
        config.trusted_proxies = opts.trusted_proxies;
        config.fact_check_verdicts = opts.fact_check_verdicts;
        if let Some(slots) = opts.slots {
            config.slots = slots;
        }
        if let Some(url) = opts.base_url {
            config.base_url = url;
        }
        if let Some(url) = opts.database_url {
            config.database_url = url;
        }
        if opts.warta_exe.is_some() {
            config.exe = opts.warta_exe;
        }
        if opts.purge.is_some() {
            config.purge = opts.purge;
        }
        if let Some(b) = opts.background_jobs {
            config.background_jobs = b;
        }
        if opts.media_s3.is_some() {
            config.media_s3 = opts.media_s3;
        }
        config.websub_hub = opts.websub_hub;
        config.wire_dir = opts.wire_dir;
        if let Some((url, key)) = opts.indexnow {
            config.indexnow_url = Some(url);
            config.indexnow_key = Some(key);
        }
        let state = warta::build_state(&config).await.expect("build state");
        if opts.demo {
            warta::demo::load(&state).await.expect("demo content");
        }
        let running = warta::start(&config, state).await.expect("start server");
        let base = format!("http://{}", running.addr);
        // The base URL used in absolute links is fixed before the port is known; tests compare
        // paths, and canonical/feeds use `https://warta.test`.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestApp {
            base,
            client,
            running: Some(running),
            config,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// GET with extra request headers, e.g. `[("if-none-match", etag)]`.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut req = self.client.get(self.url(path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.send().await.expect("GET")
    }

    pub async fn text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        let status = r.status().as_u16();
        (status, r.text().await.expect("body"))
    }

    /// Add a user with `role` directly in the store and return an API token for them.
    pub async fn token_for(&self, email: &str, name: &str, role: Role) -> String {
        let store = self.store().await;
        let user = store
            .create_user(NewUser {
                email,
                name,
                role,
                password: "kata-sandi-uji",
                bio: "",
            })
            .await
            .expect("create user");
        store.create_token(user.id).await.expect("token")
    }

    /// A second connection to the same database, as the CLI would open it.
    pub async fn store(&self) -> warta_store::Store {
        warta::open_store(&self.config).await.expect("open store")
    }

    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let mut req = self
            .client
            .request(method, self.url(&format!("/api/v1{path}")))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("API request");
        let status = res.status().as_u16();
        let text = res.text().await.expect("API body");
        let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        (status, json)
    }

    /// Run every background job that is due now (AVIF variants, scheduled publications) and
    /// return how many ran. A job the server's own runner is running is waited for first, so
    /// afterwards nothing that was due is left undone.
    pub async fn run_pending_jobs(&self) -> usize {
        match &self.running {
            Some(r) => r.run_pending_jobs().await,
            None => 0,
        }
    }

    /// Stop the server (finishing in-flight requests, stopping its job runner) but keep the
    /// data dir and database, so [`TestApp::start_again`] can bring up a new instance on them.
    pub async fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            r.shutdown().await.expect("shutdown");
        }
    }

    /// Start a new server on the same data dir and database (on a new port), as a restart
    /// of the process would.
    pub async fn start_again(&mut self) {
        assert!(self.running.is_none(), "stop the running server first");
        let state = warta::build_state(&self.config).await.expect("build state");
        let running = warta::start(&self.config, state)
            .await
            .expect("start server");
        self.base = format!("http://{}", running.addr);
        self.running = Some(running);
    }

    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        if let Some(r) = self.running.take() {
            r.shutdown().await.context("shutdown")?;
        }
        Ok(())
    }
}

/// The base URL that absolute links in test servers use.
pub const TEST_BASE_URL: &str = "https://warta.test";

fn test_config(dir: &Path) -> Config {
    let over = warta::Overrides {
        data: Some(dir.to_path_buf()),
        listen: Some("127.0.0.1:0".into()),
    };
    let mut config = Config::load_from(&over, |_| None).expect("config");
    // Without a built binary, a path that cannot start: the server encodes in-process.
    config.exe = Some(sibling_warta_binary().unwrap_or_else(|| "warta-binary-not-built".into()));
    config.site_name = "Warta Uji".into();
    config.base_url = TEST_BASE_URL.into();
    config
}

/// `target/<profile>/warta` when the running test binary is `target/<profile>/deps/…`.
/// Never the test binary itself: run with `internal encode-avif` it would run tests.
fn sibling_warta_binary() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe
        .parent()?
        .parent()?
        .join(format!("warta{}", std::env::consts::EXE_SUFFIX));
    bin.is_file().then_some(bin)
}

/// A one-pixel-per-colour test image: a real PNG of the given size.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    warta_media::demo_image("uji", width, height)
}

/// A photo as a camera or newsroom would send it: a JPEG of a generated scene.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    warta_media::demo_photo("foto-uji", width, height)
}

/// A valid PNG whose header claims `width`×`height` pixels but carries only a tiny image:
/// the shape of a decompression bomb.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = warta_media::demo_image("bom", 8, 8);
    // IHDR data starts at byte 16 (8 signature + 4 length + 4 type); its CRC follows at 29.
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Report a test that cannot run here. Under `WARTA_TEST_REQUIRE_ALL=1` (CI) that is a
/// failure; otherwise a `SKIPPED:` line goes straight to the terminal's stderr, past the test
/// harness's output capture, so a plain `cargo test` shows it.
pub fn skip(what: &str, how: &str) {
    assert!(
        !require_all(),
        "WARTA_TEST_REQUIRE_ALL=1 but {what} ({how})"
    );
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {what} ({how})");
}

/// Whether the run demands every external dependency (CI sets `WARTA_TEST_REQUIRE_ALL=1`).
pub fn require_all() -> bool {
    std::env::var("WARTA_TEST_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

/// A fresh, empty PostgreSQL database for one test, or `None` (with a visible SKIPPED line)
/// when `WARTA_TEST_POSTGRES_URL` is not set. Under `WARTA_TEST_REQUIRE_ALL=1` a missing
/// server is a failure.
pub async fn postgres_database() -> Option<String> {
    let Ok(admin) = std::env::var("WARTA_TEST_POSTGRES_URL") else {
        skip(
            "PostgreSQL test: WARTA_TEST_POSTGRES_URL is not set",
            "set it, e.g. postgres://postgres@127.0.0.1/postgres",
        );
        return None;
    };
    Some(
        warta_store::create_test_database(&admin)
            .await
            .expect("create a PostgreSQL test database"),
    )
}
