//! [`WirePoll`]: poll one agency feed into the "Masuk" queue. A job per feed and planned
//! time: it fetches the feed (conditional GET; RSS 2.0, Atom, ninjs JSON) or reads the
//! NewsML-G2 drop folder, skips items whose GUID the feed already brought, marks
//! near-duplicates of recent items from any feed, fetches the agency's photo (softly), and
//! stores the items, the feed's state and its next poll in one transaction: after the feed's
//! interval, or after an exponentially growing wait while it fails (the error is recorded on
//! the feed). A garbage answer changes nothing but the error. Exactly once across instances:
//! the runner's claim.

mod fetch;
mod fingerprint;
mod newsml;
mod parse;

pub use fingerprint::{SIMILAR, fingerprint, similarity};
pub use newsml::parse_newsml;
pub use parse::{ParsedItem, PhotoRef, html_to_text, parse_feed, parse_ninjs};

use crate::{Attempt, Context, Job};
use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use warta_store::{NewWireItem, PollOutcome, StoreError, WIRE_POLL_JOB, WireFeedRow, now_ms};

/// Items kept from one poll (a feed of thousands is cut, newest first as sent).
const MAX_ITEMS: usize = 500;
/// NewsML-G2 files read from the folder per poll.
const MAX_FILES: usize = 200;
/// Near-duplicates are looked for among the items of this long.
const DUPLICATE_WINDOW_MS: i64 = 7 * 24 * 3600 * 1000;
/// The longest wait between polls of a failing feed.
const MAX_BACKOFF_MS: i64 = 24 * 3600 * 1000;

#[derive(Debug, Serialize, Deserialize)]
pub struct WirePoll {
    pub feed_id: i64,
    /// The time this poll was planned for; a feed planned for another time is not polled.
    pub at: i64,
}

impl Job for WirePoll {
    const KIND: &'static str = WIRE_POLL_JOB;
    const QUEUE: &'static str = "wire";
    const MAX_ATTEMPTS: i64 = 3;
    type Context = Context;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("{WIRE_POLL_JOB}:{}:{}", self.feed_id, self.at))
    }

    #[tracing::instrument(name = "wire_poll", skip_all, fields(feed = self.feed_id))]
    async fn run(&self, ctx: &Context, _attempt: Attempt) -> anyhow::Result<()> {
        let feed = match ctx.store.wire_feed(self.feed_id).await {
            Ok(f) => f,
            Err(StoreError::NotFound) => return Ok(()),
            Err(e) => return Err(e).context("reading the feed"),
        };
        if feed.next_poll_at != self.at {
            tracing::debug!("the feed was planned anew; this poll is stale");
            return Ok(());
        }
        let polled = poll(ctx, &feed).await;
        let now = now_ms();
        let interval = feed.interval_minutes.max(1) * 60_000;
        let (items, outcome, files) = match polled {
            Ok(p) => {
                let items = prepare(ctx, &feed, p.items, p.folder.as_deref(), now).await?;
                let failing = p.error.is_some();
                let outcome = PollOutcome {
                    etag: p.etag.or(feed.etag.clone()),
                    last_modified: p.last_modified.or(feed.last_modified.clone()),
                    next_at: if failing {
                        backoff(&feed, now)
                    } else {
                        now + interval
                    },
                    error: p.error,
                };
                (items, outcome, p.files)
            }
            Err(e) => {
                let error = format!("{e:#}");
                tracing::warn!(error, "wire poll failed");
                let outcome = PollOutcome {
                    error: Some(error.chars().take(500).collect()),
                    next_at: backoff(&feed, now),
                    ..PollOutcome::default()
                };
                (Vec::new(), outcome, Vec::new())
            }
        };
        let added = ctx
            .store
            .finish_wire_poll(feed.id, &items, &outcome)
            .await
            .context("storing the wire items")?;
        for (file, ok) in files {
            set_aside(&file, ok);
        }
        tracing::info!(added, "wire feed polled");
        Ok(())
    }
}

/// The next poll of a feed that failed once more: its interval doubled per failure in a row.
fn backoff(feed: &WireFeedRow, now: i64) -> i64 {
    let failures = (feed.error_count + 1).min(10) as u32;
    let interval = feed.interval_minutes.max(1) * 60_000;
    now + interval.saturating_mul(1 << failures).min(MAX_BACKOFF_MS)
}

#[derive(Default)]
struct Polled {
    items: Vec<ParsedItem>,
    etag: Option<String>,
    last_modified: Option<String>,
    /// A part failed (a bad file in the folder) while the rest was read.
    error: Option<String>,
    /// Folder files read, and whether they parsed, to move aside after the commit.
    files: Vec<(PathBuf, bool)>,
    folder: Option<PathBuf>,
}

async fn poll(ctx: &Context, feed: &WireFeedRow) -> anyhow::Result<Polled> {
    if let Some(dir) = feed.url.strip_prefix("folder:") {
        return read_folder(Path::new(dir)).await;
    }
    let got = fetch::fetch_feed(
        &ctx.http,
        &feed.url,
        feed.etag.as_deref(),
        feed.last_modified.as_deref(),
    )
    .await?;
    let fetch::Fetched::Body {
        bytes,
        etag,
        last_modified,
    } = got
    else {
        return Ok(Polled::default());
    };
    let items = match feed.kind.as_str() {
        "ninjs" => parse_ninjs(&bytes)?,
        _ => parse_feed(&bytes)?,
    };
    Ok(Polled {
        items,
        etag,
        last_modified,
        ..Polled::default()
    })
}

/// Read the drop folder's `*.xml` files (oldest name first).
async fn read_folder(dir: &Path) -> anyhow::Result<Polled> {
    let mut names = Vec::new();
    let mut entries = tokio::fs::read_dir(dir)
        .await
        .with_context(|| format!("reading the folder {}", dir.display()))?;
    while let Some(e) = entries.next_entry().await? {
        let p = e.path();
        let xml = p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml"));
        if xml && e.file_type().await.is_ok_and(|t| t.is_file()) {
            names.push(p);
        }
    }
    names.sort();
    names.truncate(MAX_FILES);
    let mut polled = Polled {
        folder: Some(dir.to_path_buf()),
        ..Polled::default()
    };
    let mut errors = Vec::new();
    for path in names {
        let read = tokio::fs::read(&path)
            .await
            .map_err(anyhow::Error::from)
            .and_then(|b| {
                if b.len() > fetch::MAX_FEED_BYTES {
                    anyhow::bail!("larger than 5 MiB");
                }
                parse_newsml(&b)
            });
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read {
            Ok(items) => {
                polled.items.extend(items);
                polled.files.push((path, true));
            }
            Err(e) => {
                errors.push(format!("file {name}: {e:#}"));
                polled.files.push((path, false));
            }
        }
    }
    polled.error = (!errors.is_empty()).then(|| errors.join("; "));
    Ok(polled)
}

/// Move a read file to `diproses/` (or `gagal/` when it could not be read) beside it.
fn set_aside(file: &Path, ok: bool) {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return;
    };
    let to = dir.join(if ok { "diproses" } else { "gagal" });
    let moved = std::fs::create_dir_all(&to).and_then(|()| std::fs::rename(file, to.join(name)));
    if let Err(e) = moved {
        tracing::warn!(file = %file.display(), error = %e, "could not move the wire file aside");
    }
}

/// The new items of a poll, ready to store: known GUIDs dropped, near-duplicates marked,
/// photos fetched.
async fn prepare(
    ctx: &Context,
    feed: &WireFeedRow,
    mut parsed: Vec<ParsedItem>,
    folder: Option<&Path>,
    now: i64,
) -> anyhow::Result<Vec<NewWireItem>> {
    parsed.truncate(MAX_ITEMS);
    for p in &mut parsed {
        if p.guid.trim().is_empty() {
            p.guid = p.link.clone().unwrap_or_else(|| fingerprint(&p.headline));
        }
        if p.headline.trim().is_empty() {
            p.headline = p.body.chars().take(100).collect();
        }
    }
    parsed.retain(|p| !p.headline.trim().is_empty());
    let guids: Vec<String> = parsed.iter().map(|p| p.guid.clone()).collect();
    let known = ctx.store.known_wire_guids(feed.id, &guids).await?;
    let recent = ctx
        .store
        .wire_fingerprints_since(now - DUPLICATE_WINDOW_MS, 5000)
        .await?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for p in parsed {
        if known.contains(&p.guid) || !seen.insert(p.guid.clone()) {
            continue;
        }
        let headline: String = p.headline.trim().chars().take(300).collect();
        let body: String = p.body.chars().take(100_000).collect();
        let print = fingerprint(&format!("{headline} {body}"));
        let duplicate_of = recent
            .iter()
            .rev()
            .find(|(_, f)| similarity(f, &print) >= SIMILAR)
            .map(|(id, _)| *id);
        // An agency sending a story twice in one feed (a corrected repeat) is caught here.
        let duplicate_in_poll = match duplicate_of {
            Some(_) => None,
            None => out
                .iter()
                .position(|o: &NewWireItem| similarity(&o.fingerprint, &print) >= SIMILAR),
        };
        let duplicate = duplicate_of.is_some() || duplicate_in_poll.is_some();
        let photo = match (&p.photo, duplicate) {
            (Some(r), false) => photo_bytes(ctx, &r.url, folder).await,
            _ => None,
        };
        let first = body.split("\n\n").next().unwrap_or("");
        let excerpt = match first.chars().count() > 280 {
            true => format!(
                "{}…",
                first.chars().take(280).collect::<String>().trim_end()
            ),
            false => first.to_string(),
        };
        let agency = p
            .agency
            .clone()
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| {
                if feed.agency.is_empty() {
                    feed.name.clone()
                } else {
                    feed.agency.clone()
                }
            });
        out.push(NewWireItem {
            guid: p.guid.chars().take(1000).collect(),
            headline,
            body,
            excerpt,
            link: p
                .link
                .filter(|l| l.starts_with("http://") || l.starts_with("https://")),
            agency: agency.chars().take(80).collect(),
            published_at: p.published_at.unwrap_or(now),
            fingerprint: print,
            duplicate_of,
            duplicate_in_poll,
            photo_url: p.photo.as_ref().map(|r| r.url.clone()),
            photo_caption: p
                .photo
                .as_ref()
                .map(|r| r.caption.chars().take(1000).collect())
                .unwrap_or_default(),
            photo_credit: p
                .photo
                .as_ref()
                .map(|r| r.credit.chars().take(200).collect())
                .unwrap_or_default(),
            photo,
        });
    }
    Ok(out)
}

/// A photo from the web, or (for the drop folder) a file beside the NewsML-G2 file.
async fn photo_bytes(ctx: &Context, url: &str, folder: Option<&Path>) -> Option<(String, Vec<u8>)> {
    if url.starts_with("http://") || url.starts_with("https://") {
        return fetch::fetch_photo(&ctx.http, url).await;
    }
    let dir = folder?;
    let rel = Path::new(url);
    // Only plain names inside the folder: no absolute paths, no `..`.
    if !rel
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        tracing::warn!(url, "agency photo outside the drop folder refused");
        return None;
    }
    let bytes = tokio::fs::read(dir.join(rel)).await.ok()?;
    if bytes.len() > fetch::MAX_PHOTO_BYTES {
        return None;
    }
    let mime = match rel
        .extension()
        .and_then(|x| x.to_str())
        .map(str::to_ascii_lowercase)
    {
        Some(x) if x == "png" => "image/png",
        Some(x) if x == "webp" => "image/webp",
        Some(x) if x == "gif" => "image/gif",
        _ => "image/jpeg",
    };
    Some((mime.to_string(), bytes))
}
