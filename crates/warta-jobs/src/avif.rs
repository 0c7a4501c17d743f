//! AVIF variants. AV1 takes about a second per 1600-px photo and its encoder holds a lot of
//! memory, which the allocator keeps after a run in a long-lived server (RSS stayed near
//! 300 MiB after the demo's photos). So each photo is encoded by a short-lived child: the
//! `warta` binary itself, `warta internal encode-avif`, reading the original on stdin and
//! writing the variants on stdout ([`crate::write_frames`]); its memory goes back to the
//! system when it exits. One at a time: the job runs on its own queue, `media`.
//!
//! Only once the files are stored does the row list them, so no page links an AVIF file that
//! is not there; then a [`Change::Media`] tells the web layer to drop the pages showing it.
//! A photo that cannot be encoded stays WebP only (its `avif_pending` mark is cleared).

use crate::{Attempt, AvifSettings, Context, Job, frames};
use anyhow::anyhow;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::process::Stdio;
use tokio::io::AsyncWriteExt;
use warta_core::Change;
use warta_media::{Encoded, MediaLimits};
use warta_store::{AVIF_JOB, MediaVariant};

/// The child's exit code for an image it cannot encode (retrying will not help).
const EXIT_REFUSED: i32 = 2;

#[derive(Debug, Serialize, Deserialize)]
pub struct EncodeAvif {
    pub media_id: i64,
}

impl Job for EncodeAvif {
    const KIND: &'static str = AVIF_JOB;
    const QUEUE: &'static str = "media";
    type Context = Context;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("avif:{}", self.media_id))
    }

    async fn run(&self, ctx: &Context, attempt: Attempt) -> anyhow::Result<()> {
        let id = self.media_id;
        let Some(m) = ctx.store.media_by_id(id).await? else {
            return Ok(()); // deleted meanwhile
        };
        if !m.avif_pending {
            return Ok(()); // done already
        }
        let original = match ctx.media.get(&m.original_key).await? {
            Some(o) => o,
            None => return give_up(ctx, id, &format!("{} is missing", m.original_key)).await,
        };
        let encoded = match encode(&ctx.avif, original.to_vec()).await {
            Ok(v) => v,
            Err(Failure::Refused(why)) => return give_up(ctx, id, &why).await,
            Err(Failure::Broken(e)) if attempt.is_last() => {
                give_up(ctx, id, &format!("{e:#}")).await?;
                return Err(e);
            }
            Err(Failure::Broken(e)) => return Err(e),
        };
        let stem = stem_of(&m.original_key);
        let mut variants = Vec::with_capacity(encoded.len());
        for v in &encoded {
            let key = format!("{stem}-{}.{}", v.width, v.ext);
            ctx.media.put(&key, &v.bytes, v.mime).await?;
            variants.push(MediaVariant {
                key,
                width: v.width,
                height: v.height,
                mime: v.mime.to_string(),
            });
        }
        variants.sort_by_key(|v| v.width);
        if ctx.store.set_media_avif(id, &variants).await? {
            tracing::debug!(media = id, "AVIF variants ready");
            ctx.announce(Change::Media(id));
        } else {
            // Deleted while we encoded: remove what we just stored.
            for v in &variants {
                let _ = ctx.media.delete(&v.key).await;
            }
        }
        Ok(())
    }
}

async fn give_up(ctx: &Context, id: i64, why: &str) -> anyhow::Result<()> {
    tracing::warn!(media = id, error = why, "no AVIF variants for this photo");
    ctx.store.set_media_avif(id, &[]).await?;
    Ok(())
}

fn stem_of(original_key: &str) -> &str {
    original_key
        .rsplit_once('.')
        .map_or(original_key, |(stem, _)| stem)
}

enum Failure {
    /// The image cannot be encoded: give up on it.
    Refused(String),
    /// Something else failed (the child crashed, timed out…): retry.
    Broken(anyhow::Error),
}

/// Encode in a child process, or here if none can be started.
async fn encode(settings: &AvifSettings, original: Vec<u8>) -> Result<Vec<Encoded>, Failure> {
    if let Some(exe) = &settings.exe {
        match encode_in_child(exe, settings, &original).await {
            Err(Child::CannotStart(e)) => {
                tracing::warn!(exe = %exe.display(), error = %e,
                    "cannot start the AVIF encoder process; encoding in the server instead");
            }
            Err(Child::Failed(f)) => return Err(f),
            Ok(v) => return Ok(v),
        }
    }
    let limits = settings.limits;
    tokio::task::spawn_blocking(move || warta_media::avif_variants(&original, &limits))
        .await
        .map_err(|e| Failure::Broken(anyhow!("the AVIF encoder stopped: {e}")))?
        .map_err(|e| Failure::Refused(e.to_string()))
}

enum Child {
    CannotStart(std::io::Error),
    Failed(Failure),
}

async fn encode_in_child(
    exe: &std::path::Path,
    settings: &AvifSettings,
    original: &[u8],
) -> Result<Vec<Encoded>, Child> {
    let l = settings.limits;
    let mut child = tokio::process::Command::new(exe)
        .args(["internal", "encode-avif"])
        .arg(format!("--max-bytes={}", l.max_bytes))
        .arg(format!("--max-pixels={}", l.max_pixels))
        .arg(format!("--max-dimension={}", l.max_dimension))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // A job cancelled at shutdown (or timed out) takes its child with it.
        .kill_on_drop(true)
        .spawn()
        .map_err(Child::CannotStart)?;
    let broken = |e: anyhow::Error| Child::Failed(Failure::Broken(e));
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| broken(anyhow!("no stdin")))?;
    let input = original.to_vec();
    // Write while the child's output is read, so neither side blocks on a full pipe.
    let writer = tokio::spawn(async move {
        let _ = stdin.write_all(&input).await;
        // Dropping stdin closes it: the child sees the end of the original.
    });
    let output = tokio::time::timeout(settings.timeout, child.wait_with_output())
        .await
        .map_err(|_| broken(anyhow!("the AVIF encoder took over {:?}", settings.timeout)))?
        .map_err(|e| broken(anyhow!(e).context("waiting for the AVIF encoder")))?;
    let _ = writer.await;
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    match output.status.code() {
        Some(0) => frames::read_frames(&output.stdout)
            .map_err(|e| broken(anyhow!("the AVIF encoder's output: {e}"))),
        Some(EXIT_REFUSED) => Err(Child::Failed(Failure::Refused(stderr))),
        _ => Err(broken(anyhow!(
            "the AVIF encoder exited with {}: {stderr}",
            output.status
        ))),
    }
}

/// `warta internal encode-avif`: read an original on stdin (at most `limits.max_bytes`),
/// write its AVIF variants framed on stdout. Returns the process exit code: 0, 2 for an image
/// that cannot be encoded, 1 for anything else (with the reason on stderr).
pub fn encode_avif_stdio(limits: MediaLimits) -> i32 {
    let mut original = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(limits.max_bytes as u64 + 1)
        .read_to_end(&mut original);
    if let Err(e) = read {
        eprintln!("reading the original: {e}");
        return 1;
    }
    let encoded = match warta_media::avif_variants(&original, &limits) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_REFUSED;
        }
    };
    drop(original);
    let mut out = std::io::stdout().lock();
    match out
        .write_all(&frames::write_frames(&encoded))
        .and_then(|()| out.flush())
    {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("writing the variants: {e}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn variant_keys_keep_the_original_folder() {
        assert_eq!(super::stem_of("2026/12/abc.jpg"), "2026/12/abc");
        assert_eq!(super::stem_of("noext"), "noext");
    }
}
