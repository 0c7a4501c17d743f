//! `warta migrate-data --from sqlite:PATH --to postgres://…`: move a whole site from its
//! SQLite file into an empty PostgreSQL database, then check that every moved table holds
//! the same rows on both sides.
//!
//! The export's machinery does the work (see `warta_store::MOVE_TABLES` for what moves and
//! what stays behind): the source's rows are written as the export writes them
//! (`tables/<table>.jsonl`, one JSON object per row with its id) into a temporary directory,
//! loaded in one PostgreSQL transaction, and read back inside that transaction in the same
//! order and form. Only when every table's row count and SHA-256 match is the transaction
//! committed (with the id sequences continuing after the moved ids), so a move that does not
//! check out leaves the target as it was. Media files are not moved: the media rows name
//! files that stay in the data directory's `media/` folder (or the bucket of `media_url`).

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use warta_store::{MOVE_TABLES, Store, StoreError};

/// A table's rows as counted and hashed on one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSum {
    pub table: String,
    pub rows: u64,
    /// SHA-256 of the table's rows as JSON lines, in the export's order.
    pub sha256: String,
}

/// What `migrate_data` moved and checked.
#[derive(Debug)]
pub struct Moved {
    /// The SQLite database file the site came from.
    pub source: PathBuf,
    pub tables: Vec<TableSum>,
}

/// The SQLite database that `--from` names: `sqlite:PATH`, PATH a data directory (holding
/// `warta.db`) or the database file.
pub fn source_path(from: &str) -> anyhow::Result<PathBuf> {
    if is_postgres(from) {
        bail!(
            "--from {}: migrate-data moves a site from SQLite to PostgreSQL; to move a PostgreSQL database use pg_dump and pg_restore (see the README)",
            redacted(from)
        );
    }
    let Some(rest) = from.strip_prefix("sqlite:") else {
        bail!(
            "--from '{from}' is not a SQLite database: write sqlite:PATH (a data directory or its warta.db)"
        );
    };
    let path = PathBuf::from(rest.strip_prefix("//").unwrap_or(rest));
    let file = if path.is_dir() {
        path.join("warta.db")
    } else {
        path
    };
    if !file.is_file() {
        bail!("--from: there is no SQLite database at {}", file.display());
    }
    Ok(file)
}

/// The PostgreSQL database that `--to` names.
pub fn target_url(to: &str) -> anyhow::Result<&str> {
    if to.starts_with("sqlite:") {
        bail!(
            "--to {to}: migrate-data moves a site into PostgreSQL; to copy a SQLite site use warta backup and warta restore"
        );
    }
    if !is_postgres(to) {
        bail!(
            "--to '{}' is not a PostgreSQL database: write postgres://USER@HOST/DATABASE",
            redacted(to)
        );
    }
    Ok(to)
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// A database URL without its password, for messages.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// Move the site. `replace` empties a target that already holds one first (in the same
/// transaction); without it a non-empty target is refused.
pub async fn migrate_data(from: &str, to: &str, replace: bool) -> anyhow::Result<Moved> {
    let file = source_path(from)?;
    let to = target_url(to)?;
    let source = Store::open(&format!("sqlite://{}?mode=rw", file.display()))
        .await
        .with_context(|| format!("opening {}", file.display()))?;
    // Both sides at this version's schema, so their tables have the same columns.
    source
        .migrate()
        .await
        .with_context(|| format!("bringing {} to this version's schema", file.display()))?;
    let target = Store::open(to)
        .await
        .with_context(|| format!("opening {}", redacted(to)))?;
    target
        .migrate()
        .await
        .with_context(|| format!("migrating {}", redacted(to)))?;
    let held: Vec<String> = target
        .move_counts()
        .await?
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| format!("{t}: {n}"))
        .collect();
    if !held.is_empty() && !replace {
        bail!(
            "{} is not empty ({}); migrate-data moves a site into an empty database: create a new one, or pass --replace to delete what it holds",
            redacted(to),
            held.join(", ")
        );
    }
    let total: i64 = source.move_counts().await?.iter().map(|(_, n)| n).sum();
    let total = u64::try_from(total).unwrap_or(0);
    let work = WorkDir::new()?;

    let bar = progress(total, "Membaca SQLite")?;
    let sums = write_tables(&source, &work.0, &bar).await?;
    bar.finish_and_clear();
    source.close().await;

    let mut load = target.begin_move(replace).await?;
    let bar = progress(total, "Menulis PostgreSQL")?;
    for table in MOVE_TABLES.iter() {
        load.start_table(table).await?;
        let path = work.0.join(format!("{table}.jsonl"));
        let Ok(f) = std::fs::File::open(&path) else {
            continue;
        };
        for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", path.display()))?;
            let row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&line)
                .with_context(|| format!("{table} row {}: not a JSON object", i + 1))?;
            load.insert(table, i + 1, &row)
                .await
                .with_context(|| format!("writing {table} row {}", i + 1))?;
            bar.inc(1);
        }
    }
    bar.finish_and_clear();

    let bar = progress(total, "Memeriksa")?;
    let mut check = Sums::default();
    load.read_back(|table, _, row| {
        bar.inc(1);
        check.add(table, &row).map(|_| ())
    })
    .await
    .context("reading the moved rows back")?;
    bar.finish_and_clear();
    let moved = check.finish();
    if let Err(why) = compare(&sums, &moved) {
        // Dropping `load` rolls the transaction back.
        bail!(
            "the move does not check out, so nothing was written to {}:\n{why}",
            redacted(to)
        );
    }
    load.finish().await.context("committing the move")?;
    target.close().await;
    Ok(Moved {
        source: file,
        tables: sums,
    })
}

/// Write every moved table of `store` as `<table>.jsonl` into `dir`, counting and hashing.
async fn write_tables(
    store: &Store,
    dir: &Path,
    bar: &ProgressBar,
) -> anyhow::Result<Vec<TableSum>> {
    let mut sums = Sums::default();
    let mut file: Option<(String, BufWriter<std::fs::File>)> = None;
    let mut failed: Option<anyhow::Error> = None;
    // Never shown: `failed` says what went wrong.
    let stop = || StoreError::Invalid("export stopped".into());
    store
        .move_tables(|table, _, row| {
            if file.as_ref().is_none_or(|(t, _)| t != table) {
                let path = dir.join(format!("{table}.jsonl"));
                match std::fs::File::create(&path) {
                    Ok(f) => file = Some((table.to_string(), BufWriter::new(f))),
                    Err(e) => {
                        failed = Some(
                            anyhow::Error::from(e).context(format!("creating {}", path.display())),
                        );
                        return Err(stop());
                    }
                }
            }
            let line = sums.add(table, &row)?;
            if let Some((_, w)) = file.as_mut()
                && let Err(e) = w.write_all(&line)
            {
                failed = Some(anyhow::Error::from(e).context(format!("writing {table}")));
                return Err(stop());
            }
            bar.inc(1);
            Ok(())
        })
        .await
        .map_err(|e| failed.take().unwrap_or_else(|| e.into()))?;
    if let Some((table, mut w)) = file {
        w.flush().with_context(|| format!("writing {table}"))?;
    }
    Ok(sums.finish())
}

/// Row counts and running SHA-256 per table, fed one row at a time in table order.
#[derive(Default)]
struct Sums {
    current: Option<(String, Sha256, u64)>,
    done: Vec<TableSum>,
}

impl Sums {
    /// Count and hash `row` of `table`; returns its JSON line (with the newline).
    fn add(
        &mut self,
        table: &str,
        row: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<Vec<u8>, StoreError> {
        if self.current.as_ref().is_none_or(|(t, _, _)| t != table) {
            self.close();
            self.current = Some((table.to_string(), Sha256::new(), 0));
        }
        let mut line = serde_json::to_vec(row)?;
        line.push(b'\n');
        if let Some((_, hash, n)) = self.current.as_mut() {
            hash.update(&line);
            *n += 1;
        }
        Ok(line)
    }

    fn close(&mut self) {
        if let Some((table, hash, rows)) = self.current.take() {
            self.done.push(TableSum {
                table,
                rows,
                sha256: hex(&hash.finalize()),
            });
        }
    }

    /// Every moved table, those without rows too.
    fn finish(mut self) -> Vec<TableSum> {
        self.close();
        MOVE_TABLES
            .iter()
            .map(|t| {
                self.done
                    .iter()
                    .find(|s| s.table == *t)
                    .cloned()
                    .unwrap_or_else(|| TableSum {
                        table: t.to_string(),
                        rows: 0,
                        sha256: hex(&Sha256::digest(b"")),
                    })
            })
            .collect()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `Ok` when both sides hold the same tables with the same counts and checksums; otherwise
/// one line per table that differs.
pub fn compare(source: &[TableSum], target: &[TableSum]) -> Result<(), String> {
    let mut bad = Vec::new();
    for s in source {
        match target.iter().find(|t| t.table == s.table) {
            Some(t) if t == s => {}
            Some(t) => bad.push(format!(
                "  {}: SQLite {} rows (sha256 {}), PostgreSQL {} rows (sha256 {})",
                s.table, s.rows, s.sha256, t.rows, t.sha256
            )),
            None => bad.push(format!("  {}: not read back from PostgreSQL", s.table)),
        }
    }
    for t in target {
        if !source.iter().any(|s| s.table == t.table) {
            bad.push(format!("  {}: not read from SQLite", t.table));
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join("\n"))
    }
}

fn progress(total: u64, what: &str) -> anyhow::Result<ProgressBar> {
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} baris ({per_sec}, sisa {eta})")
            .context("progress bar template")?
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    Ok(bar)
}

/// A temporary directory for the rows in transit, removed when dropped.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new() -> anyhow::Result<WorkDir> {
        let dir = std::env::temp_dir().join(format!(
            "warta-migrate-{}-{}",
            std::process::id(),
            warta_store::now_ms()
        ));
        std::fs::create_dir(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(WorkDir(dir))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(table: &str, rows: u64, sha: &str) -> TableSum {
        TableSum {
            table: table.into(),
            rows,
            sha256: sha.into(),
        }
    }

    #[test]
    fn a_table_that_differs_is_named_with_both_counts() {
        let a = vec![sum("users", 2, "aa"), sum("articles", 5, "bb")];
        assert_eq!(compare(&a, &a.clone()), Ok(()));
        let b = vec![sum("users", 2, "aa"), sum("articles", 4, "cc")];
        let why = compare(&a, &b).unwrap_err();
        assert!(
            why.contains("articles: SQLite 5 rows (sha256 bb), PostgreSQL 4 rows (sha256 cc)"),
            "{why}"
        );
        assert!(!why.contains("users"), "{why}");
        let why = compare(&a, &b[..1]).unwrap_err();
        assert!(why.contains("articles: not read back"), "{why}");
    }

    #[test]
    fn only_sqlite_moves_and_only_into_postgresql() {
        let e = source_path("postgres://u:geheim@h/db")
            .unwrap_err()
            .to_string();
        assert!(e.contains("pg_dump") && !e.contains("geheim"), "{e}");
        let e = target_url("sqlite:/tmp/x").unwrap_err().to_string();
        assert!(e.contains("warta backup"), "{e}");
        let e = target_url("mysql://h/db").unwrap_err().to_string();
        assert!(e.contains("not a PostgreSQL database"), "{e}");
        let e = source_path("sqlite:/nonexistent/warta")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no SQLite database at /nonexistent/warta"),
            "{e}"
        );
        assert_eq!(
            target_url("postgresql://h/db").unwrap(),
            "postgresql://h/db"
        );
    }
}
