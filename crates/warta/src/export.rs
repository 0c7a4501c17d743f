//! `warta export` and `warta import warta`: a full-site export as a directory, and its load
//! into an empty site, losslessly (the ids are kept, so every reference stays as it was).
//!
//! ```text
//! OUT/manifest.json        format, version, site, each table's file, row count and SHA-256
//! OUT/tables/<table>.jsonl one JSON object per row (articles, terms, accounts without
//!                          password hashes, media metadata, home slots, redirects, …)
//! OUT/media/…              the media folder's files (originals and variants)
//! ```
//!
//! Two exports of the same content are identical but for `created_at` in the manifest: rows
//! are ordered by all their columns and JSON objects keep their keys sorted. Works while a
//! server runs (one read transaction); works on SQLite and PostgreSQL alike.

use crate::Config;
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use warta_store::{EXPORT_TABLES, Store};

pub const FORMAT: &str = "warta-export";
pub const VERSION: u32 = 1;
const MANIFEST: &str = "manifest.json";

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub created_at: String,
    pub site_name: String,
    pub base_url: String,
    /// Whether `revisions` (every saved version) is included.
    pub revisions: bool,
    pub tables: Vec<TableFile>,
    pub media_files: u64,
    pub media_bytes: u64,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct TableFile {
    pub table: String,
    pub file: String,
    pub rows: u64,
    pub sha256: String,
}

impl Manifest {
    pub fn rows(&self, table: &str) -> u64 {
        self.tables
            .iter()
            .find(|t| t.table == table)
            .map_or(0, |t| t.rows)
    }
}

/// Export the site of `config` into the new (or empty) directory `out`.
pub async fn export(
    config: &Config,
    store: &Store,
    out: &Path,
    revisions: bool,
) -> anyhow::Result<Manifest> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        bail!(
            "{} exists and is not empty; export into a new directory",
            out.display()
        );
    }
    let dir = out.join("tables");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut files: Vec<(String, BufWriter<std::fs::File>, u64)> = Vec::new();
    let mut failed: Option<anyhow::Error> = None;
    store
        .export_tables(revisions, |table, _columns, row| {
            if files.last().is_none_or(|(t, _, _)| t != table) {
                let path = dir.join(format!("{table}.jsonl"));
                match std::fs::File::create(&path) {
                    Ok(f) => files.push((table.to_string(), BufWriter::new(f), 0)),
                    Err(e) => {
                        failed = Some(
                            anyhow::Error::from(e).context(format!("creating {}", path.display())),
                        );
                        return Err(warta_store::StoreError::Invalid("export stopped".into()));
                    }
                }
            }
            let Some((_, w, n)) = files.last_mut() else {
                return Ok(());
            };
            *n += 1;
            let line = serde_json::to_string(&row)?;
            if let Err(e) = writeln!(w, "{line}") {
                failed = Some(anyhow::Error::from(e).context(format!("writing {table}")));
                return Err(warta_store::StoreError::Invalid("export stopped".into()));
            }
            Ok(())
        })
        .await
        .map_err(|e| failed.take().unwrap_or_else(|| e.into()))?;
    let mut rows = std::collections::HashMap::new();
    for (table, mut w, n) in files {
        w.flush().with_context(|| format!("writing {table}"))?;
        rows.insert(table, n);
    }
    let mut tables = Vec::new();
    for table in EXPORT_TABLES {
        if *table == "revisions" && !revisions {
            continue;
        }
        let file = format!("tables/{table}.jsonl");
        let path = out.join(&file);
        if !path.exists() {
            std::fs::write(&path, b"")?;
        }
        tables.push(TableFile {
            table: table.to_string(),
            sha256: crate::backup::sha256_of(&path)?,
            rows: rows.get(*table).copied().unwrap_or(0),
            file,
        });
    }
    let (media_files, media_bytes) =
        crate::backup::copy_tree(&config.media_dir(), &out.join("media"))?;
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        created_at: jiff::Timestamp::now().to_string(),
        site_name: config.site_name.clone(),
        base_url: config.base_url.clone(),
        revisions,
        tables,
        media_files,
        media_bytes,
    };
    std::fs::write(out.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)
        .context("writing the manifest")?;
    Ok(manifest)
}

/// Read and check an export's manifest and its files' checksums.
pub fn read_manifest(from: &Path) -> anyhow::Result<Manifest> {
    let bytes = std::fs::read(from.join(MANIFEST))
        .with_context(|| format!("{} holds no {MANIFEST}: not a Warta export", from.display()))?;
    let m: Manifest = serde_json::from_slice(&bytes).context("reading the manifest")?;
    if m.format != FORMAT || m.version != VERSION {
        bail!(
            "{} is a '{}' version {} export; this Warta reads '{FORMAT}' version {VERSION}",
            from.display(),
            m.format,
            m.version
        );
    }
    for t in &m.tables {
        if !EXPORT_TABLES.contains(&t.table.as_str())
            || t.file != format!("tables/{}.jsonl", t.table)
        {
            bail!("the manifest names an unknown table '{}'", t.table);
        }
        if crate::backup::sha256_of(&from.join(&t.file))? != t.sha256 {
            bail!(
                "{} does not match its checksum: the export is damaged",
                t.file
            );
        }
    }
    Ok(m)
}

/// Load the export in `from` into the empty site of `config`: the rows in one transaction
/// (all or nothing), then the media files.
pub async fn import(config: &Config, from: &Path) -> anyhow::Result<Manifest> {
    let m = read_manifest(from)?;
    let store = crate::open_store(config).await?;
    if store.has_content().await? {
        bail!(
            "{} already holds a site; an export loads into an empty data directory",
            config.data.display()
        );
    }
    let media = config.media_dir();
    if std::fs::read_dir(&media).is_ok_and(|mut d| d.next().is_some()) {
        bail!("{} is not empty", media.display());
    }
    // Nobody knows this password: accounts sign in after a reset link.
    let hash = warta_store::hash_password(&warta_store::generate_token()?)?;
    let mut load = store.begin_load(&hash).await?;
    for t in &m.tables {
        let path = from.join(&t.file);
        let file =
            std::fs::File::open(&path).with_context(|| format!("reading {}", path.display()))?;
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", path.display()))?;
            let row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&line)
                .with_context(|| format!("{} line {}: not a JSON object", t.file, i + 1))?;
            load.insert(&t.table, i + 1, &row)
                .await
                .with_context(|| format!("loading {} line {}", t.file, i + 1))?;
        }
    }
    let (files, _) = crate::backup::copy_tree(&from.join("media"), &media)?;
    if files != m.media_files {
        bail!(
            "copied {files} media files, the export lists {}",
            m.media_files
        );
    }
    // Files first, then the rows that name them become visible.
    load.finish().await.context("committing the import")?;
    warta_jobs::schedule_next(&store).await?;
    store.close().await;
    Ok(m)
}

/// Every file of an export except the manifest's `created_at`, for comparing two exports.
pub fn comparable(dir: &Path) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                todo.push(p);
                continue;
            }
            let rel = p.strip_prefix(dir)?.to_path_buf();
            let mut bytes = std::fs::read(&p)?;
            if rel == Path::new(MANIFEST) {
                let mut m: Manifest = serde_json::from_slice(&bytes)?;
                m.created_at.clear();
                bytes = serde_json::to_vec_pretty(&m)?;
            }
            out.push((rel, bytes));
        }
    }
    out.sort();
    Ok(out)
}
