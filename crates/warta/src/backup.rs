//! `warta backup` and `warta restore`: a consistent online copy of an embedded site (the
//! SQLite database through `VACUUM INTO`, then the media folder and `warta.toml`) while the
//! server keeps running, and its restore into a data directory, checked against the backup's
//! manifest (database checksum, row counts, integrity check).
//!
//! The database is copied first: media files are written before the rows that name them, so
//! every photo the snapshot knows is already on disk when the folder is copied afterwards.
//!
//! With media in a bucket (`media_url = "s3://…"`) the files are not copied: they stay in the
//! bucket, whose own versioning or replication backs them up, and the manifest names it.

use crate::Config;
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use warta_store::{Counts, Store};

const DB: &str = "warta.db";
const MANIFEST: &str = "backup.json";

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub created_at: String,
    pub counts: Counts,
    pub database_sha256: String,
    pub media_files: u64,
    pub media_bytes: u64,
    /// The bucket the media live in when they were not copied (`s3://bucket/prefix`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
}

/// Back up the site of `config` into the new directory `out`.
pub async fn backup(config: &Config, store: &Store, out: &Path) -> anyhow::Result<Manifest> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        bail!(
            "{} exists and is not empty; back up into a new directory",
            out.display()
        );
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let db = out.join(DB);
    store
        .snapshot_to(&db)
        .await
        .context("snapshotting the database")?;
    let snapshot = Store::open_sqlite(&db)
        .await
        .context("opening the snapshot")?;
    let counts = snapshot.counts().await?;
    snapshot.close().await;
    let media_url = config.media_s3.as_ref().map(|s3| s3.url());
    let (media_files, media_bytes) = match &media_url {
        Some(_) => (0, 0),
        None => copy_tree(&config.media_dir(), &out.join("media"))?,
    };
    let settings = config.data.join("warta.toml");
    if settings.exists() {
        std::fs::copy(&settings, out.join("warta.toml")).context("copying warta.toml")?;
    }
    let manifest = Manifest {
        format: 1,
        created_at: jiff::Timestamp::now().to_string(),
        counts,
        database_sha256: sha256_of(&db)?,
        media_files,
        media_bytes,
        media_url,
    };
    std::fs::write(out.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)
        .context("writing the manifest")?;
    Ok(manifest)
}

/// Restore the backup in `from` into the data directory `data` (the server must be stopped).
/// A data directory that already holds a database is refused unless `force`.
pub async fn restore(from: &Path, data: &Path, force: bool) -> anyhow::Result<Manifest> {
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(from.join(MANIFEST)).with_context(|| {
            format!("{} holds no {MANIFEST}: not a Warta backup", from.display())
        })?)
        .context("reading the manifest")?;
    if manifest.format != 1 {
        bail!(
            "backup format {} is not known to this version",
            manifest.format
        );
    }
    let source = from.join(DB);
    if sha256_of(&source)? != manifest.database_sha256 {
        bail!("the backup's database does not match its checksum: the copy is damaged");
    }
    let target = data.join(DB);
    if target.exists() && !force {
        bail!(
            "{} already holds a database; pass --force to replace it",
            data.display()
        );
    }
    std::fs::create_dir_all(data)?;
    let partial = data.join("warta.db.restoring");
    std::fs::copy(&source, &partial).context("copying the database")?;
    for leftover in ["warta.db-wal", "warta.db-shm"] {
        let p = data.join(leftover);
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("removing {}", p.display()))?;
        }
    }
    std::fs::rename(&partial, &target).context("putting the database in place")?;
    copy_tree(&from.join("media"), &data.join("media"))?;
    let settings = from.join("warta.toml");
    if settings.exists() && !data.join("warta.toml").exists() {
        std::fs::copy(&settings, data.join("warta.toml"))?;
    }
    let store = Store::open_sqlite(&target).await?;
    let integrity = store.integrity().await?;
    let counts = store.counts().await?;
    store.close().await;
    if integrity != "ok" {
        bail!("the restored database fails its integrity check: {integrity}");
    }
    if counts != manifest.counts {
        bail!(
            "restored counts {counts:?} differ from the backup's {:?}",
            manifest.counts
        );
    }
    Ok(manifest)
}

/// What `warta backup` prints.
pub fn summary(m: &Manifest, out: &Path) -> String {
    let c = &m.counts;
    let head = format!(
        "backed up {} articles, {} revisions, {} photos",
        c.articles, c.revisions, c.media
    );
    match &m.media_url {
        Some(url) => format!(
            "{head} (the database and warta.toml) into {}\n\
             media files were NOT copied: they live in the bucket {url}; back it up with the \
             provider's versioning or replication (or `aws s3 sync {url} DIR`)",
            out.display()
        ),
        None => format!(
            "{head} and {} media files ({} bytes) into {}",
            m.media_files,
            m.media_bytes,
            out.display()
        ),
    }
}

pub(crate) fn sha256_of(path: &Path) -> anyhow::Result<String> {
    let mut file =
        std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut hash = Sha256::new();
    std::io::copy(&mut file, &mut hash)?;
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Copy every file under `from` to the same place under `to` (a missing `from` is empty).
/// Returns the files and bytes copied.
pub(crate) fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<(u64, u64)> {
    let (mut files, mut bytes) = (0, 0);
    let mut todo: Vec<PathBuf> = vec![from.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
        };
        for entry in entries {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                todo.push(path);
            } else if kind.is_file() {
                let rel = path.strip_prefix(from)?;
                let dest = to.join(rel);
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                bytes += std::fs::copy(&path, &dest)
                    .with_context(|| format!("copying {}", path.display()))?;
                files += 1;
            }
        }
    }
    Ok((files, bytes))
}
