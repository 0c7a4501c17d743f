//! CDN purges: every cached page carries surrogate keys naming what it shows (`article-12`,
//! `rubrik-3`, `lists`, `home`, …, see warta-web's `surrogate.rs`), so a CDN in front may keep
//! pages long. When content changes, the instance that changed it enqueues one [`CdnPurge`]
//! with the keys the change touched, and the job runner (once across all instances, retried
//! with backoff while the CDN is unreachable) asks the configured [`PurgeTarget`] to drop
//! exactly those pages.
//!
//! Targets: Varnish (an HTTP `BAN` to each configured address, which the VCL in
//! `docs/varnish.vcl` turns into a ban on the `Surrogate-Key` header), Fastly's
//! purge-by-surrogate-key API and Cloudflare's purge-by-tag API. Purging twice is harmless.

use crate::{Attempt, Context, Job};
use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

/// Where purges go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurgeTarget {
    /// `BAN` requests to each of these Varnish addresses (`http://host:port`).
    Varnish { urls: Vec<String> },
    /// `POST {api}/service/{service}/purge` with a `Surrogate-Key` header.
    Fastly {
        api: String,
        service: String,
        token: String,
    },
    /// `POST {api}/zones/{zone}/purge_cache` with `{"tags": […]}`.
    Cloudflare {
        api: String,
        zone: String,
        token: String,
    },
}

pub const FASTLY_API: &str = "https://api.fastly.com";
pub const CLOUDFLARE_API: &str = "https://api.cloudflare.com/client/v4";
/// Fastly takes up to 256 keys per batch purge; Cloudflare up to 30 tags per call on every plan.
const FASTLY_BATCH: usize = 256;
const CLOUDFLARE_BATCH: usize = 30;

/// The client jobs call other services with: a CDN that does not answer in 10 s is retried
/// later rather than holding the queue.
pub fn http_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
}

/// The header a Varnish BAN carries: a regular expression matching any of the keys as a whole
/// word of the cached object's `Surrogate-Key` header.
pub const BAN_HEADER: &str = "X-Ban-Surrogate-Key";

/// A surrogate key is a word of lower-case letters, digits and dashes (so it needs no
/// escaping in a header or a regular expression).
pub fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 64
        && k.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The ban expression for `keys`: `(^|[[:space:]])(article-5|lists)([[:space:]]|$)`. It holds
/// no blank, because Varnish's `ban()` ends an unquoted argument at the first one.
pub fn ban_regex(keys: &[String]) -> String {
    format!("(^|[[:space:]])({})([[:space:]]|$)", keys.join("|"))
}

/// One purge: the surrogate keys whose pages are stale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CdnPurge {
    pub keys: Vec<String>,
}

/// How long after a change the second purge goes out: other instances drop their own cached
/// copies within a second (`LISTEN/NOTIFY` or the polled change log), and a CDN that refetched
/// from one of them before that may hold the old page again; the second purge drops it.
pub const SECOND_PURGE_AFTER_MS: i64 = 1_500;

impl CdnPurge {
    /// Enqueue the purge of `keys` twice: now, and once more after [`SECOND_PURGE_AFTER_MS`].
    pub async fn enqueue(store: &warta_store::Store, keys: Vec<String>) -> anyhow::Result<()> {
        let job = CdnPurge { keys };
        let now = crate::job::new_job(&job)?;
        let again = crate::job::new_job(&job)?.at(warta_store::now_ms() + SECOND_PURGE_AFTER_MS);
        store.enqueue(&now).await?;
        store.enqueue(&again).await?;
        Ok(())
    }
}

impl Job for CdnPurge {
    const KIND: &'static str = "cdn_purge";
    const QUEUE: &'static str = "purge";
    const MAX_ATTEMPTS: i64 = 8;
    type Context = Context;

    async fn run(&self, ctx: &Context, attempt: Attempt) -> anyhow::Result<()> {
        let Some(target) = ctx.purge.as_deref() else {
            return Ok(());
        };
        let keys: Vec<String> = self.keys.iter().filter(|k| valid_key(k)).cloned().collect();
        if keys.is_empty() {
            return Ok(());
        }
        tracing::info!(attempt = attempt.number, keys = %keys.join(" "), "purging the CDN");
        purge(&ctx.http, target, &keys).await
    }
}

/// Send the purge for `keys` to `target`; an error unless every call succeeded.
pub async fn purge(
    http: &reqwest::Client,
    target: &PurgeTarget,
    keys: &[String],
) -> anyhow::Result<()> {
    match target {
        PurgeTarget::Varnish { urls } => {
            let ban = reqwest::Method::from_bytes(b"BAN").context("the BAN method")?;
            let regex = ban_regex(keys);
            for url in urls {
                let res = http
                    .request(ban.clone(), url)
                    .header(BAN_HEADER, &regex)
                    .header("Surrogate-Key", keys.join(" "))
                    .send()
                    .await
                    .with_context(|| format!("BAN to {url}"))?;
                check(res, url).await?;
            }
        }
        PurgeTarget::Fastly {
            api,
            service,
            token,
        } => {
            let url = format!("{}/service/{service}/purge", api.trim_end_matches('/'));
            for chunk in keys.chunks(FASTLY_BATCH) {
                let res = http
                    .post(&url)
                    .header("Fastly-Key", token)
                    .header("Surrogate-Key", chunk.join(" "))
                    .send()
                    .await
                    .with_context(|| format!("purge request to {url}"))?;
                check(res, &url).await?;
            }
        }
        PurgeTarget::Cloudflare { api, zone, token } => {
            let url = format!("{}/zones/{zone}/purge_cache", api.trim_end_matches('/'));
            for chunk in keys.chunks(CLOUDFLARE_BATCH) {
                let res = http
                    .post(&url)
                    .bearer_auth(token)
                    .json(&serde_json::json!({ "tags": chunk }))
                    .send()
                    .await
                    .with_context(|| format!("purge request to {url}"))?;
                check(res, &url).await?;
            }
        }
    }
    Ok(())
}

async fn check(res: reqwest::Response, url: &str) -> anyhow::Result<()> {
    let status = res.status();
    if status.is_success() {
        return Ok(());
    }
    let body = res.text().await.unwrap_or_default();
    let body: String = body.chars().take(200).collect();
    bail!("{url} answered {status}: {body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_plain_words() {
        assert!(valid_key("article-12"));
        assert!(valid_key("lists"));
        assert!(!valid_key(""));
        assert!(!valid_key("a b"));
        assert!(!valid_key("x.*"));
        assert!(!valid_key("Article-1"));
    }

    #[test]
    fn the_ban_expression_names_whole_keys_without_blanks() {
        let re = ban_regex(&["article-5".into(), "lists".into()]);
        assert_eq!(re, "(^|[[:space:]])(article-5|lists)([[:space:]]|$)");
        assert!(!re.contains(' '), "Varnish's ban() would cut it at a blank");
    }
}
