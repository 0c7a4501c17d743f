//! The one typed configuration: defaults, then `warta.toml` in the data dir, then `WARTA_*`
//! environment variables, then command-line flags. Loaded once and passed down, never global.

use anyhow::{Context, bail};
use serde::Deserialize;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Config {
    /// Data directory: `warta.db`, `media/`, `warta.toml`.
    pub data: PathBuf,
    /// Address to listen on.
    pub listen: String,
    /// The outlet's name (datelines, feeds, JSON-LD).
    pub site_name: String,
    pub tagline: String,
    /// Absolute base URL for canonical links, feeds and sitemaps, without trailing slash.
    pub base_url: String,
    /// `sqlite://…` (default: `<data>/warta.db`) or `postgres://…`.
    pub database_url: String,
    /// Serve pages from the in-memory rendered-page cache.
    pub page_cache: bool,
    /// Largest accepted upload, in bytes.
    pub max_upload_bytes: usize,
    /// Outgoing mail (password reset links): `smtp://host:port`, plain SMTP. `None`: no mail.
    pub smtp_url: Option<String>,
    /// Sender address of the newsroom's mails.
    pub mail_from: String,
    /// The `warta` binary that AVIF encoding runs as a child process (`warta internal
    /// encode-avif`). Not a file or environment setting: `None` means this process's own
    /// executable; tests point it at the built binary.
    pub exe: Option<PathBuf>,
    /// Run the background job runner in this process (default). Tests turn it off to run
    /// jobs only when they ask (`run_pending_jobs`).
    pub background_jobs: bool,
    /// Reverse proxies (IP addresses) whose `X-Forwarded-For` hop names the client; empty:
    /// the socket peer is the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Bounds on uncached work: renders and API requests, searches, and the queue before a 503.
    pub slots: warta_web::SlotConfig,
    /// Addresses that may read `/metrics` (default: loopback).
    pub metrics_allow: Vec<IpAddr>,
    /// The CDN in front, purged on every change (`cdn.rs`); `None`: none.
    pub purge: Option<warta_jobs::PurgeTarget>,
    /// Media in an S3-compatible bucket (`media_url = "s3://bucket/prefix"` plus the `AWS_*`
    /// variables); `None`: the local folder `<data>/media`.
    pub media_s3: Option<warta_media::S3Settings>,
    /// Fact-check verdicts this outlet adds to the defaults (SALAH, KELIRU, MENYESATKAN,
    /// SEBAGIAN BENAR, BENAR, HOAKS).
    pub fact_check_verdicts: Vec<String>,
    /// A WebSub hub pinged when an article is published (and named in the feeds).
    pub websub_hub: Option<String>,
    /// An IndexNow endpoint pinged with the new article's address, and the site's key.
    pub indexnow_url: Option<String>,
    pub indexnow_key: Option<String>,
    /// A folder where NewsML-G2 files are dropped for the "Masuk" queue (polled every
    /// `wire_dir_minutes`); `None`: no folder.
    pub wire_dir: Option<PathBuf>,
    pub wire_dir_minutes: i64,
}

/// `warta.toml`: every key optional; unknown keys are an error so typos are caught.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    site_name: Option<String>,
    tagline: Option<String>,
    base_url: Option<String>,
    database_url: Option<String>,
    page_cache: Option<bool>,
    max_upload_bytes: Option<usize>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    trusted_proxies: Option<Vec<String>>,
    max_renders: Option<usize>,
    max_searches: Option<usize>,
    busy_queue: Option<usize>,
    metrics_allow: Option<Vec<String>>,
    cdn_purge: Option<String>,
    cdn_purge_url: Option<String>,
    cdn_service: Option<String>,
    cdn_token: Option<String>,
    media_url: Option<String>,
    fact_check_verdicts: Option<Vec<String>>,
    websub_hub: Option<String>,
    indexnow_url: Option<String>,
    indexnow_key: Option<String>,
    wire_dir: Option<String>,
    wire_dir_minutes: Option<i64>,
}

/// Values given on the command line win over everything.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub data: Option<PathBuf>,
    pub listen: Option<String>,
}

impl Config {
    pub fn load(over: &Overrides) -> anyhow::Result<Config> {
        Self::load_from(over, |k| std::env::var(k).ok())
    }

    pub fn load_from(
        over: &Overrides,
        env: impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Config> {
        let data = over
            .data
            .clone()
            .or_else(|| env("WARTA_DATA").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("./warta-data"));
        let file = read_file(&data.join("warta.toml"))?;
        let listen = over
            .listen
            .clone()
            .or_else(|| env("WARTA_LISTEN"))
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let site_name = env("WARTA_SITE_NAME")
            .or(file.site_name)
            .unwrap_or_else(|| "Warta".into());
        let tagline = env("WARTA_TAGLINE")
            .or(file.tagline)
            .unwrap_or_else(|| "Berita terkini dan terpercaya".into());
        let base_url = env("WARTA_BASE_URL")
            .or(file.base_url)
            .unwrap_or_else(|| format!("http://{listen}"))
            .trim_end_matches('/')
            .to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            bail!("base_url must start with http:// or https:// (got '{base_url}')");
        }
        let database_url = env("WARTA_DATABASE_URL")
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data.join("warta.db").display()));
        let page_cache = match env("WARTA_PAGE_CACHE") {
            Some(v) => parse_bool("WARTA_PAGE_CACHE", &v)?,
            None => file.page_cache.unwrap_or(true),
        };
        let max_upload_bytes = match env("WARTA_MAX_UPLOAD_BYTES") {
            Some(v) => v
                .parse()
                .context("WARTA_MAX_UPLOAD_BYTES must be a number of bytes")?,
            None => file.max_upload_bytes.unwrap_or(20 * 1024 * 1024),
        };
        let smtp_url = env("WARTA_SMTP_URL")
            .or(file.smtp_url)
            .filter(|u| !u.trim().is_empty());
        if let Some(u) = &smtp_url
            && !u.starts_with("smtp://")
        {
            bail!("smtp_url must start with smtp:// (got '{u}'); TLS is not built in");
        }
        let mail_from = env("WARTA_MAIL_FROM")
            .or(file.mail_from)
            .unwrap_or_else(|| "redaksi@localhost".into());
        if !mail_from.contains('@') {
            bail!("mail_from must be an email address (got '{mail_from}')");
        }
        let trusted_proxies = addresses(
            "trusted_proxies",
            env("WARTA_TRUSTED_PROXIES"),
            file.trusted_proxies,
            &[],
        )?;
        let metrics_allow = addresses(
            "metrics_allow",
            env("WARTA_METRICS_ALLOW"),
            file.metrics_allow,
            &["127.0.0.1", "::1"],
        )?;
        let purge = crate::cdn::CdnSettings {
            kind: env("WARTA_CDN_PURGE").or(file.cdn_purge),
            url: env("WARTA_CDN_PURGE_URL").or(file.cdn_purge_url),
            service: env("WARTA_CDN_SERVICE").or(file.cdn_service),
            token: env("WARTA_CDN_TOKEN").or(file.cdn_token),
        }
        .target()?;
        let fact_check_verdicts: Vec<String> = match env("WARTA_FACT_CHECK_VERDICTS") {
            Some(v) => v.split(',').map(|s| s.trim().to_string()).collect(),
            None => file.fact_check_verdicts.unwrap_or_default(),
        };
        if let Some(v) = fact_check_verdicts
            .iter()
            .find(|v| v.trim().chars().count() > 40)
        {
            bail!("fact_check_verdicts: '{v}' is longer than 40 characters");
        }
        let websub_hub = endpoint("websub_hub", env("WARTA_WEBSUB_HUB").or(file.websub_hub))?;
        let indexnow_url = endpoint(
            "indexnow_url",
            env("WARTA_INDEXNOW_URL").or(file.indexnow_url),
        )?;
        let indexnow_key = env("WARTA_INDEXNOW_KEY")
            .or(file.indexnow_key)
            .filter(|k| !k.trim().is_empty());
        let key_ok = |k: &str| {
            (8..=128).contains(&k.len()) && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if let Some(k) = &indexnow_key
            && !key_ok(k)
        {
            bail!("indexnow_key must be 8 to 128 letters, digits or dashes (got '{k}')");
        }
        if indexnow_url.is_some() != indexnow_key.is_some() {
            bail!("IndexNow needs both indexnow_url and indexnow_key");
        }
        let wire_dir = env("WARTA_WIRE_DIR")
            .or(file.wire_dir)
            .filter(|d| !d.trim().is_empty())
            .map(|d| PathBuf::from(d.trim()));
        let wire_dir_minutes = match env("WARTA_WIRE_DIR_MINUTES") {
            Some(v) => v
                .trim()
                .parse()
                .context("WARTA_WIRE_DIR_MINUTES must be a number")?,
            None => file.wire_dir_minutes.unwrap_or(1),
        };
        if !(1..=1440).contains(&wire_dir_minutes) {
            bail!("wire_dir_minutes must be from 1 to 1440 (got {wire_dir_minutes})");
        }
        let d = warta_web::SlotConfig::default();
        let slots = warta_web::SlotConfig {
            work: count(
                "WARTA_MAX_RENDERS",
                env("WARTA_MAX_RENDERS"),
                file.max_renders,
                d.work,
            )?,
            search: count(
                "WARTA_MAX_SEARCHES",
                env("WARTA_MAX_SEARCHES"),
                file.max_searches,
                d.search,
            )?,
            queue: match env("WARTA_BUSY_QUEUE") {
                Some(v) => v.parse().context("WARTA_BUSY_QUEUE must be a number")?,
                None => file.busy_queue.unwrap_or(d.queue),
            },
            wait: d.wait,
        };
        let media_s3 = env("WARTA_MEDIA_URL")
            .or(file.media_url)
            .filter(|u| !u.trim().is_empty())
            .map(|u| warta_media::S3Settings::parse(u.trim(), &env))
            .transpose()?;
        Ok(Config {
            data,
            media_s3,
            trusted_proxies,
            smtp_url,
            mail_from,
            listen,
            site_name,
            tagline,
            base_url,
            database_url,
            page_cache,
            max_upload_bytes,
            exe: None,
            background_jobs: true,
            slots,
            metrics_allow,
            purge,
            fact_check_verdicts,
            websub_hub,
            indexnow_url,
            indexnow_key,
            wire_dir,
            wire_dir_minutes,
        })
    }

    /// Where published articles are pinged.
    pub fn pings(&self) -> warta_jobs::PingSettings {
        warta_jobs::PingSettings {
            base_url: self.base_url.clone(),
            websub_hub: self.websub_hub.clone(),
            indexnow: self.indexnow_url.clone().zip(self.indexnow_key.clone()),
        }
    }

    /// The local media folder (used unless media live in a bucket).
    pub fn media_dir(&self) -> PathBuf {
        self.data.join("media")
    }

    /// The configured media store: the bucket of `media_url`, or the local folder. Not
    /// contacted yet (see [`warta_media::MediaStore::check`]).
    pub fn media_store(&self) -> anyhow::Result<warta_media::MediaStore> {
        match &self.media_s3 {
            Some(s3) => Ok(warta_media::MediaStore::s3(s3.clone())?),
            None => Ok(warta_media::MediaStore::local(self.media_dir())),
        }
    }
}

/// An optional http(s) endpoint; empty means unset.
fn endpoint(name: &str, value: Option<String>) -> anyhow::Result<Option<String>> {
    let Some(v) = value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    else {
        return Ok(None);
    };
    match url::Url::parse(&v) {
        Ok(u) if u.scheme() == "http" || u.scheme() == "https" => Ok(Some(v)),
        _ => bail!("{name} must be an http:// or https:// address (got '{v}')"),
    }
}

fn read_file(path: &Path) -> anyhow::Result<FileConfig> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).with_context(|| format!("reading {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// A list of IP addresses: comma-separated in the environment, a TOML array in the file.
fn addresses(
    name: &str,
    env: Option<String>,
    file: Option<Vec<String>>,
    default: &[&str],
) -> anyhow::Result<Vec<IpAddr>> {
    let list: Vec<String> = match env {
        Some(v) => v
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        None => file.unwrap_or_else(|| default.iter().map(|s| s.to_string()).collect()),
    };
    list.iter()
        .map(|p| {
            p.parse::<IpAddr>()
                .with_context(|| format!("{name}: '{p}' is not an IP address"))
        })
        .collect()
}

/// A count of at least 1.
fn count(
    name: &str,
    env: Option<String>,
    file: Option<usize>,
    default: usize,
) -> anyhow::Result<usize> {
    let n = match env {
        Some(v) => v
            .parse()
            .with_context(|| format!("{name} must be a number"))?,
        None => file.unwrap_or(default),
    };
    if n == 0 {
        bail!("{name} must be at least 1");
    }
    Ok(n)
}

fn parse_bool(name: &str, v: &str) -> anyhow::Result<bool> {
    match v {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => bail!("{name} must be true or false (got '{v}')"),
    }
}

#[cfg(test)]
mod tests;
