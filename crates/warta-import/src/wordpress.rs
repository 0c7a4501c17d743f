//! `warta import wordpress`: two streaming passes over a WXR export. The first checks the
//! file and collects references; the second writes every item through the newsroom layer
//! (the same checks, revisions and change events as the API), many articles per transaction
//! with a savepoint each, so every article is still written whole or not at all.

use crate::digest;
use crate::report::Report;
use crate::scan::{Plan, scan};
use crate::wxr::{Entry, Reader};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::{HashMap, HashSet};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use warta_newsroom::{ImportSession, Newsroom};
use warta_store::{ImportKey, OldPath, UserRow};

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// A copy of the old site's files: `wp-content/uploads/…` is looked up under it.
    pub media_from: Option<PathBuf>,
    /// Fetch photos from their addresses when they are not found locally.
    pub fetch: bool,
    /// The zone of `post_date` where `post_date_gmt` is missing (drafts).
    pub zone: jiff::tz::TimeZone,
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            media_from: None,
            fetch: true,
            zone: jiff::tz::TimeZone::get("Asia/Jakarta").unwrap_or(jiff::tz::TimeZone::UTC),
            progress: false,
        }
    }
}

/// The state of one import run.
pub(crate) struct Run<'a> {
    pub nr: &'a Newsroom,
    pub user: &'a UserRow,
    pub opts: &'a Options,
    pub plan: Plan,
    pub site: url::Url,
    pub source: String,
    pub report: Report,
    pub authors: HashMap<String, i64>,
    /// Category nicename → rubrik name (top-level) or tag name (below one).
    pub rubriks: HashMap<String, String>,
    pub tags: HashMap<String, String>,
    /// Articles whose "Baca juga" pointed at a post imported later: (article, block, post).
    pub fixups: Vec<(i64, usize, String)>,
    pub missing: HashSet<String>,
    pub http: Option<reqwest::Client>,
    /// The open batch of articles (many per transaction, one savepoint each).
    pub session: Option<ImportSession>,
    pub session_started: std::time::Instant,
    /// Rubriks made on demand ("Halaman", "Arsip"): name → the name Warta gave it.
    pub ensured: HashMap<String, String>,
    /// Posts and pages this run imported: the [`digest::key`] of (kind, old id) → article
    /// id ("Baca juga" targets are mostly earlier posts of the same file).
    pub known: HashMap<u128, i64>,
}

/// The kinds whose import records are read once at the start of a run (a rerun then needs no
/// query per post).
const PRELOADED: [&str; 2] = ["post", "page"];

/// A batch commits after this many articles or this long, whichever comes first (on SQLite a
/// batch holds the write lock: a server on the same data directory waits at most this long).
const BATCH_ITEMS: usize = 500;
const BATCH_TIME: std::time::Duration = std::time::Duration::from_millis(200);

impl Run<'_> {
    pub fn key<'k>(&'k self, kind: &'k str, id: &'k str) -> ImportKey<'k> {
        ImportKey {
            source: &self.source,
            kind,
            source_id: id,
        }
    }

    /// The open session, opened if needed.
    pub async fn session(&mut self) -> anyhow::Result<&mut ImportSession> {
        if self.session.is_none() {
            self.session = Some(self.nr.begin_import().await?);
            self.session_started = std::time::Instant::now();
        }
        self.session
            .as_mut()
            .ok_or_else(|| anyhow::anyhow!("no import session"))
    }

    /// The Warta id of an item imported before (this session's items included).
    pub async fn imported(&mut self, kind: &str, id: &str) -> anyhow::Result<Option<i64>> {
        let found = self.known.get(&digest::key(&[kind, id])).copied();
        // Posts and pages were all read at the start; the rest is looked up.
        if found.is_some() || PRELOADED.contains(&kind) {
            return Ok(found);
        }
        let source = std::mem::take(&mut self.source);
        let key = ImportKey {
            source: &source,
            kind,
            source_id: id,
        };
        let found = match self.session().await {
            Ok(s) => s.imported(key).await.map_err(anyhow::Error::from),
            Err(e) => Err(e),
        };
        self.source = source;
        found
    }

    /// Commit the open batch: before anything is written outside it (photos, rubriks,
    /// authors), and when it is full or old.
    pub async fn flush(&mut self) -> anyhow::Result<()> {
        if let Some(s) = self.session.take() {
            s.commit()
                .await
                .context("committing a batch of imported items")?;
        }
        Ok(())
    }

    async fn flush_if_due(&mut self) -> anyhow::Result<()> {
        let due = self.session.as_ref().is_some_and(|s| {
            s.len() >= BATCH_ITEMS || self.session_started.elapsed() >= BATCH_TIME
        });
        if due {
            self.flush().await?;
        }
        Ok(())
    }
}

/// What the reading thread hands on: an item with its converted body (posts and pages) and
/// the file position after it, any other entry, or the error that ends the file.
enum Read {
    Item(Box<crate::wxr::Item>, Option<crate::body::Converted>, u64),
    Other(Entry),
    Failed(crate::wxr::WxrError),
}

/// Import the export at `path` as `user` (an admin account made for imports).
pub async fn import_wordpress(
    nr: &Newsroom,
    user: &UserRow,
    path: &Path,
    opts: &Options,
) -> anyhow::Result<Report> {
    let started = std::time::Instant::now();
    let open = || {
        std::fs::File::open(path)
            .map(|f| BufReader::with_capacity(256 * 1024, f))
            .with_context(|| format!("opening {}", path.display()))
    };
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let plan = scan(open()?).with_context(|| format!("reading {}", path.display()))?;
    let site = url::Url::parse(&plan.site)
        .with_context(|| format!("the export names no usable site address ('{}')", plan.site))?;
    let source = plan.site.trim_end_matches('/').to_string();
    let http = opts
        .fetch
        .then(|| {
            reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(20))
                .connect_timeout(std::time::Duration::from_secs(5))
                .build()
                .ok()
        })
        .flatten();
    let mut run = Run {
        nr,
        user,
        opts,
        plan,
        site,
        source: source.clone(),
        report: Report {
            source,
            ..Report::default()
        },
        authors: HashMap::new(),
        rubriks: HashMap::new(),
        tags: HashMap::new(),
        fixups: Vec::new(),
        missing: HashSet::new(),
        http,
        session: None,
        session_started: std::time::Instant::now(),
        ensured: HashMap::new(),
        known: HashMap::new(),
    };
    for kind in PRELOADED {
        for (id, article) in nr.store().imported_ids(&run.source, kind).await? {
            run.known.insert(digest::key(&[kind, &id]), article);
        }
    }
    let bar = if opts.progress {
        let b = ProgressBar::new(size);
        b.set_style(
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}")
                .or_else(|_| ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes}"))
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    // The file is read and each post's HTML converted on a thread of its own, a few items
    // ahead of the writes (the database works on another), so the two overlap.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Read>(256);
    let file = open()?;
    let reading = std::thread::spawn(move || {
        let mut reader = Reader::new(file);
        loop {
            let next = match reader.next_entry() {
                Ok(Some(Entry::Item(item))) => {
                    let converted = (item.post_type == "post" || item.post_type == "page")
                        .then(|| crate::body::convert(&item.content));
                    Read::Item(item, converted, reader.position())
                }
                Ok(Some(entry)) => Read::Other(entry),
                Ok(None) => return,
                Err(e) => Read::Failed(e),
            };
            let stop = matches!(next, Read::Failed(_));
            if tx.blocking_send(next).is_err() || stop {
                return;
            }
        }
    });
    let mut n = 0u64;
    while let Some(next) = rx.recv().await {
        match next {
            Read::Other(Entry::Author(a)) => {
                run.flush().await?;
                run.author(&a).await?;
            }
            Read::Other(Entry::Category(c)) => {
                run.flush().await?;
                run.category(&c).await?;
            }
            Read::Other(Entry::Tag(t)) => {
                run.tags.insert(t.slug.clone(), t.name.clone());
            }
            Read::Other(_) => {}
            Read::Item(item, converted, position) => {
                run.item(&item, converted).await?;
                run.flush_if_due().await?;
                n += 1;
                if n.is_multiple_of(64) {
                    bar.set_position(position);
                    bar.set_message(format!("{n} items"));
                }
            }
            Read::Failed(e) => return Err(e.into()),
        }
    }
    if reading.join().is_err() {
        anyhow::bail!("the export's reader stopped unexpectedly");
    }
    bar.finish_and_clear();
    run.flush().await?;
    run.finish().await?;
    run.report.seconds = started.elapsed().as_secs_f64();
    Ok(run.report)
}

impl Run<'_> {
    async fn author(&mut self, a: &crate::wxr::Author) -> anyhow::Result<()> {
        if a.login.is_empty() {
            return Ok(());
        }
        let email = if a.email.contains('@') {
            a.email.clone()
        } else {
            format!(
                "{}@impor.invalid",
                warta_core::Slug::from_title(&a.login)
                    .map_or_else(|| "penulis".to_string(), |s| s.to_string())
            )
        };
        let name = if a.display_name.trim().is_empty() {
            &a.login
        } else {
            &a.display_name
        };
        let before = self
            .nr
            .store()
            .imported(self.key("author", &a.login))
            .await?;
        let key = ImportKey {
            source: &self.source,
            kind: "author",
            source_id: &a.login,
        };
        match self.nr.import_author(self.user, key, name, &email).await {
            Ok(u) => {
                let kind = if before.is_some() {
                    &mut self.report.already_imported
                } else {
                    &mut self.report.imported
                };
                Report::count(kind, "author");
                let target = OldPath {
                    target: format!("/penulis/{}", u.slug),
                    target_kind: "author".into(),
                    target_id: u.id,
                };
                let path = format!("/author/{}", a.login);
                self.nr.import_old_paths(&[path], &target).await?;
                self.authors.insert(a.login.clone(), u.id);
            }
            Err(e) => self
                .report
                .failed
                .push(format!("author '{}': {e}", a.login)),
        }
        Ok(())
    }

    async fn category(&mut self, c: &crate::wxr::Category) -> anyhow::Result<()> {
        let (top, below) = self.plan.top_of(&c.nicename);
        let (top, below) = (top.to_string(), below);
        if below {
            // Warta's rubriks are one level: a subcategory's posts go to the top rubrik and
            // carry the subcategory as a tag.
            self.rubriks.insert(c.nicename.clone(), c.name.clone());
            return Ok(());
        }
        let name = crate::body::truncate(c.name.trim(), 80);
        match self.nr.create_rubrik(self.user, &name).await {
            Ok(r) => {
                let kind = if r.created {
                    &mut self.report.imported
                } else {
                    &mut self.report.already_imported
                };
                Report::count(kind, "rubrik");
                self.rubriks.insert(top, r.rubrik.name.clone());
                let target = OldPath {
                    target: format!("/rubrik/{}", r.rubrik.slug),
                    target_kind: "rubrik".into(),
                    target_id: r.rubrik.id,
                };
                let path = format!("/category/{}", c.nicename);
                self.nr.import_old_paths(&[path], &target).await?;
            }
            Err(e) => self
                .report
                .failed
                .push(format!("category '{}': {e}", c.name)),
        }
        Ok(())
    }
}
