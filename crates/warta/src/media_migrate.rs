//! `warta media migrate --to s3://bucket/prefix`: copy the site's media library (the local
//! folder, or whatever store is configured now) into a bucket, with a progress bar. Safe to
//! run again, and while the server runs: a file already in the bucket with the same size is
//! skipped, so a second run copies only what the first missed or what was uploaded since.
//! At the end the bucket is listed again and every file of the library must be there with
//! its size; only then does it print what to set next.

use crate::Config;
use anyhow::{Context, bail};
use futures_util::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashMap;
use warta_media::{MediaStore, S3Settings};

/// Files copied at once: object stores answer each request slowly but many in parallel.
const PARALLEL: usize = 8;

/// What a migration did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    pub files: u64,
    pub copied: u64,
    pub skipped: u64,
    pub bytes_copied: u64,
    /// Files found in the destination with the right size by the final listing.
    pub verified: u64,
}

/// Copy every file of `from` into `to`, skipping those already there with the same size,
/// then verify by listing `to`. `progress` is told each finished file's size.
pub async fn copy_library(
    from: &MediaStore,
    to: &MediaStore,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Migrated> {
    let source = from
        .list()
        .await
        .with_context(|| format!("listing {}", from.describe()))?;
    let present: HashMap<String, u64> = to
        .list()
        .await
        .with_context(|| format!("listing {}", to.describe()))?
        .into_iter()
        .collect();
    let results: Vec<anyhow::Result<Option<u64>>> = futures_util::stream::iter(&source)
        .map(|(key, size)| {
            let already = present.get(key) == Some(size);
            async move {
                let copied = if already {
                    None
                } else {
                    Some(copy_one(from, to, key).await?)
                };
                progress(*size);
                Ok(copied)
            }
        })
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    let mut done = Migrated {
        files: source.len() as u64,
        copied: 0,
        skipped: 0,
        bytes_copied: 0,
        verified: 0,
    };
    for r in results {
        match r? {
            Some(bytes) => {
                done.copied += 1;
                done.bytes_copied += bytes;
            }
            None => done.skipped += 1,
        }
    }
    done.verified = verify(&source, to).await?;
    Ok(done)
}

async fn copy_one(from: &MediaStore, to: &MediaStore, key: &str) -> anyhow::Result<u64> {
    let bytes = from
        .get(key)
        .await?
        .with_context(|| format!("{key} disappeared from {} while copying", from.describe()))?;
    to.put(key, &bytes, warta_media::mime_for_key(key))
        .await
        .with_context(|| format!("copying {key}"))?;
    Ok(bytes.len() as u64)
}

/// Lists `to` again: every file of `source` must be there with the same size.
async fn verify(source: &[(String, u64)], to: &MediaStore) -> anyhow::Result<u64> {
    let there: HashMap<String, u64> = to
        .list()
        .await
        .with_context(|| format!("listing {} to verify", to.describe()))?
        .into_iter()
        .collect();
    let wrong: Vec<&str> = source
        .iter()
        .filter(|(key, size)| there.get(key) != Some(size))
        .map(|(key, _)| key.as_str())
        .collect();
    if !wrong.is_empty() {
        bail!(
            "verification failed: {} of {} files are missing or differ in {} (first: {}); run the command again",
            wrong.len(),
            source.len(),
            to.describe(),
            wrong[0]
        );
    }
    Ok(source.len() as u64)
}

/// The CLI: migrate the library of `config` to `to` (`s3://…`, with the `AWS_*` variables of
/// this process), with a progress bar, and print the outcome and what to set next.
pub async fn migrate_cli(config: &Config, to: &str) -> anyhow::Result<()> {
    let settings = S3Settings::parse(to, |k| std::env::var(k).ok())?;
    if config.media_s3.as_ref() == Some(&settings) {
        bail!("the media already live in {}", settings.url());
    }
    let from = config.media_store()?;
    let dest = MediaStore::s3(settings.clone())?;
    dest.check()
        .await
        .with_context(|| format!("checking the destination {}", settings.url()))?;
    let total: u64 = from.list().await?.iter().map(|(_, size)| size).sum();
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, sisa {eta})",
        )
        .context("progress bar template")?
        .progress_chars("=> "),
    );
    bar.set_message("Menyalin media");
    let started = std::time::Instant::now();
    let done = copy_library(&from, &dest, &|n| bar.inc(n)).await;
    bar.finish_and_clear();
    let done = done?;
    let url = settings.url();
    println!(
        "{} files in {}: {} copied ({} bytes), {} already in {url} ({:.1} s)",
        done.files,
        from.describe(),
        done.copied,
        done.bytes_copied,
        done.skipped,
        started.elapsed().as_secs_f64()
    );
    println!(
        "verified: all {} files are in {url} with the same sizes",
        done.verified
    );
    println!(
        "next: set WARTA_MEDIA_URL={url} (or media_url = \"{url}\" in warta.toml) with the same \
         AWS_* variables on every instance and restart; run this again just before the switch \
         to copy photos uploaded meanwhile; keep {} until the site serves from the bucket",
        from.describe()
    );
    Ok(())
}
