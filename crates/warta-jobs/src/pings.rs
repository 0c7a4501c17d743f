//! [`Ping`]: tell a WebSub hub (the site's feeds changed) or IndexNow (this article's address
//! is new) about a published article. Enqueued by the store in the publishing transaction,
//! one job per service and article; a service that fails or answers an error is retried
//! with the runner's backoff, and publishing never waits for it. Pinging twice is harmless
//! (both protocols are notifications), so a retried or repeated job is idempotent.

use crate::{Attempt, Context, Job};
use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use warta_core::Status;
use warta_store::{PING_JOB, StoreError};

/// Where pings go. `None` in a field: that service is not pinged.
#[derive(Debug, Clone, Default)]
pub struct PingSettings {
    /// The site's absolute base URL (no trailing slash).
    pub base_url: String,
    /// A WebSub hub: `POST hub.mode=publish&hub.url=<feed>` for each site feed.
    pub websub_hub: Option<String>,
    /// An IndexNow endpoint (`…/indexnow`) and the site's key (served at `/{key}.txt`).
    pub indexnow: Option<(String, String)>,
}

impl PingSettings {
    /// The store's ping targets for these settings.
    pub fn targets(&self) -> Vec<&'static str> {
        let mut t = Vec::new();
        if self.websub_hub.is_some() {
            t.push(WEBSUB);
        }
        if self.indexnow.is_some() {
            t.push(INDEXNOW);
        }
        t
    }

    /// The feeds a WebSub hub is told about (the ones that name it as their hub).
    pub fn feeds(&self) -> [String; 2] {
        [
            format!("{}/rss.xml", self.base_url),
            format!("{}/atom.xml", self.base_url),
        ]
    }
}

pub const WEBSUB: &str = "websub";
pub const INDEXNOW: &str = "indexnow";

#[derive(Debug, Serialize, Deserialize)]
pub struct Ping {
    pub target: String,
    pub article_id: i64,
}

impl Job for Ping {
    const KIND: &'static str = PING_JOB;
    const QUEUE: &'static str = "pings";
    const MAX_ATTEMPTS: i64 = 8;
    type Context = Context;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("{PING_JOB}:{}:{}", self.target, self.article_id))
    }

    #[tracing::instrument(name = "ping", skip_all, fields(target = %self.target, article = self.article_id))]
    async fn run(&self, ctx: &Context, _attempt: Attempt) -> anyhow::Result<()> {
        let a = match ctx.store.article_by_id(self.article_id).await {
            Ok(a) => a,
            // Deleted meanwhile: nothing to announce.
            Err(StoreError::NotFound) => return Ok(()),
            Err(e) => return Err(e).context("reading the article"),
        };
        if a.status != Status::Published {
            return Ok(());
        }
        let p = &ctx.pings;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("Warta/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("building the HTTP client")?;
        match (self.target.as_str(), &p.websub_hub, &p.indexnow) {
            (WEBSUB, Some(hub), _) => {
                for feed in p.feeds() {
                    let resp = http
                        .post(hub)
                        .form(&[("hub.mode", "publish"), ("hub.url", feed.as_str())])
                        .send()
                        .await
                        .with_context(|| format!("pinging the WebSub hub {hub}"))?;
                    check(resp.status(), "WebSub hub")?;
                }
            }
            (INDEXNOW, _, Some((endpoint, key))) => {
                let url = format!("{}/berita/{}", p.base_url, a.slug);
                let host = url::Url::parse(&p.base_url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_default();
                let body = serde_json::json!({
                    "host": host,
                    "key": key,
                    "keyLocation": format!("{}/{key}.txt", p.base_url),
                    "urlList": [url],
                });
                let resp = http
                    .post(endpoint)
                    .json(&body)
                    .send()
                    .await
                    .with_context(|| format!("pinging IndexNow at {endpoint}"))?;
                check(resp.status(), "IndexNow")?;
            }
            // The service was turned off since the job was enqueued.
            _ => tracing::debug!("ping target not configured; nothing to do"),
        }
        tracing::info!("pinged");
        Ok(())
    }
}

fn check(status: reqwest::StatusCode, what: &str) -> anyhow::Result<()> {
    if !status.is_success() {
        bail!("{what} answered {status}");
    }
    Ok(())
}
