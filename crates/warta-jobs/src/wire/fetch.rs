//! Polite HTTP for wire feeds: conditional GET (`If-None-Match`, `If-Modified-Since` from the
//! feed's last answer), a cap on the body's size (read chunk by chunk, so a huge or endless
//! body costs at most the cap), and photo downloads that give up quietly.

use anyhow::bail;

/// The largest feed body read.
pub const MAX_FEED_BYTES: usize = 5 * 1024 * 1024;
/// The largest agency photo fetched.
pub const MAX_PHOTO_BYTES: usize = 15 * 1024 * 1024;

/// What a feed's server answered.
pub enum Fetched {
    /// 304: nothing changed since the validators sent.
    NotModified,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// GET `url`, conditional on the validators of the last answer.
pub async fn fetch_feed(
    http: &reqwest::Client,
    url: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
) -> anyhow::Result<Fetched> {
    let mut req = http.get(url).header(
        reqwest::header::USER_AGENT,
        concat!("Warta/", env!("CARGO_PKG_VERSION"), " (wire ingest)"),
    );
    if let Some(e) = etag {
        req = req.header(reqwest::header::IF_NONE_MATCH, e);
    }
    if let Some(m) = last_modified {
        req = req.header(reqwest::header::IF_MODIFIED_SINCE, m);
    }
    let resp = req
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("fetching {url}: {}", reason(&e)))?;
    let status = resp.status();
    if status == reqwest::StatusCode::NOT_MODIFIED {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        bail!("the feed answered HTTP {status}");
    }
    let header = |h: reqwest::header::HeaderName| {
        resp.headers()
            .get(h)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header(reqwest::header::ETAG);
    let last_modified = header(reqwest::header::LAST_MODIFIED);
    let bytes = read_capped(resp, MAX_FEED_BYTES).await?;
    Ok(Fetched::Body {
        bytes,
        etag,
        last_modified,
    })
}

/// Why a request failed, in a few fixed words the newsroom shows translated (the HTTP
/// client's own text is English and names its internals).
fn reason(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
        "the server did not answer in time"
    } else if e.is_connect() {
        "could not connect to the server"
    } else if e.is_redirect() {
        "too many redirects"
    } else if e.is_decode() || e.is_body() {
        "the answer broke off"
    } else {
        "the connection failed"
    }
}

/// The body of `resp`, refused when it is larger than `cap` bytes.
async fn read_capped(mut resp: reqwest::Response, cap: usize) -> anyhow::Result<Vec<u8>> {
    if resp.content_length().is_some_and(|n| n > cap as u64) {
        bail!("the answer is larger than {} MiB", cap / (1024 * 1024));
    }
    let mut out = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| anyhow::anyhow!("reading the answer: {}", reason(&e)))?
    {
        if out.len() + chunk.len() > cap {
            bail!("the answer is larger than {} MiB", cap / (1024 * 1024));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Download a photo: its content type and bytes, or `None` (logged) when it cannot be had.
pub async fn fetch_photo(http: &reqwest::Client, url: &str) -> Option<(String, Vec<u8>)> {
    let run = async {
        let resp = http.get(url).send().await?.error_for_status()?;
        let mime = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        if !mime.starts_with("image/") {
            bail!("not an image ({mime})");
        }
        Ok::<_, anyhow::Error>((mime, read_capped(resp, MAX_PHOTO_BYTES).await?))
    };
    match tokio::time::timeout(std::time::Duration::from_secs(20), run).await {
        Ok(Ok(p)) => Some(p),
        Ok(Err(e)) => {
            tracing::warn!(url, error = %format!("{e:#}"), "agency photo not fetched");
            None
        }
        Err(_) => {
            tracing::warn!(url, "agency photo not fetched: timed out");
            None
        }
    }
}
