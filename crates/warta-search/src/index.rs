//! The tantivy index of one instance and how it follows the database.
//!
//! The index lives in its own directory (`DATA/search/`). Its commit payload records which
//! change-log row (`search_changes.seq`, see warta-store) it has applied, so after a crash or
//! a restart it catches up from there: the database is the truth, the index a copy that can
//! always be repaired or rebuilt. With several instances each keeps its own index and catches
//! up from the same database ([`SearchIndex::catch_up`], polled every second and woken at
//! once by local changes, see `warta::app`).

use crate::SearchError;
use crate::schema::{Fields, SCHEMA_VERSION, register_tokenizers, schema};
use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tantivy::directory::MmapDirectory;
use tantivy::schema::Term;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};
use warta_store::{SearchDoc, Store, now_ms};

/// Changes of the last this many ms are asked for again on every catch-up: on PostgreSQL a
/// transaction can commit after one that took a higher `seq`.
const LOOKBACK_MS: i64 = 10_000;
/// Change-log rows and documents read per round trip.
const BATCH: i64 = 500;
const WRITER_HEAP: usize = 64 * 1024 * 1024;

/// A handle on the index; cheap to clone.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub reader: IndexReader,
    pub fields: Fields,
    writer: Mutex<IndexWriter>,
    /// Applied change-log position; recently applied seqs (with when) for the lookback.
    state: tokio::sync::Mutex<Applied>,
}

#[derive(Default)]
struct Applied {
    seq: i64,
    built: bool,
    recent: VecDeque<(i64, i64)>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    version: u32,
    seq: i64,
}

impl SearchIndex {
    /// Open (or create) the index in `dir`. An index of another schema version is replaced
    /// by an empty one, which the first [`catch_up`](Self::catch_up) rebuilds.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let mut index = Index::open_or_create(MmapDirectory::open(dir)?, schema.clone());
        let payload = index
            .as_ref()
            .ok()
            .and_then(|i| i.load_metas().ok())
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str::<Payload>(&p).ok());
        let stale = index.is_err()
            || payload
                .as_ref()
                .is_some_and(|p| p.version != SCHEMA_VERSION);
        if stale {
            drop(index);
            std::fs::remove_dir_all(dir)?;
            std::fs::create_dir_all(dir)?;
            index = Index::create_in_dir(dir, schema);
        }
        let index = index?;
        register_tokenizers(&index);
        let writer = index.writer_with_num_threads(1, WRITER_HEAP)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let applied = Applied {
            seq: payload.as_ref().map_or(0, |p| p.seq),
            built: payload.is_some() && !stale,
            recent: VecDeque::new(),
        };
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                reader,
                fields,
                writer: Mutex::new(writer),
                state: tokio::sync::Mutex::new(applied),
            }),
        })
    }

    /// The change-log position this index has applied.
    pub async fn applied_seq(&self) -> i64 {
        self.inner.state.lock().await.seq
    }

    /// Apply every change the database has and the index has not; rebuild first if the
    /// index was never built. Returns how many articles were (re)indexed.
    pub async fn catch_up(&self, store: &Store) -> Result<usize, SearchError> {
        let mut st = self.inner.state.lock().await;
        if !st.built {
            let n = self.rebuild_locked(store, &mut st, &|_| {}).await?;
            return Ok(n as usize);
        }
        let mut done = 0;
        loop {
            let since = now_ms() - LOOKBACK_MS;
            while st.recent.front().is_some_and(|(_, at)| *at < since) {
                st.recent.pop_front();
            }
            let mut changes = store.search_changes_after(st.seq, BATCH).await?;
            let full = changes.len() as i64 == BATCH;
            for c in store.search_changes_recent(st.seq, since, BATCH).await? {
                if !st.recent.iter().any(|(s, _)| *s == c.seq) {
                    changes.push(c);
                }
            }
            if changes.is_empty() {
                return Ok(done);
            }
            let mut ids: Vec<i64> = changes.iter().map(|c| c.article_id).collect();
            ids.sort_unstable();
            ids.dedup();
            let docs = store.search_docs(&ids).await?;
            let seq = changes.iter().map(|c| c.seq).max().unwrap_or(0).max(st.seq);
            self.apply(ids.clone(), docs, seq, false).await?;
            let now = now_ms();
            st.recent.extend(changes.iter().map(|c| (c.seq, now)));
            st.seq = seq;
            done += ids.len();
            if !full {
                return Ok(done);
            }
        }
    }

    /// Rebuild the whole index from the database's published articles; `progress` is told
    /// how many are done after each batch. Returns how many were indexed.
    pub async fn rebuild(
        &self,
        store: &Store,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<u64, SearchError> {
        let mut st = self.inner.state.lock().await;
        self.rebuild_locked(store, &mut st, progress).await
    }

    async fn rebuild_locked(
        &self,
        store: &Store,
        st: &mut Applied,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<u64, SearchError> {
        // Read the head first: whatever changes during the rebuild is applied after it.
        let head = store.search_change_head().await?;
        {
            let inner = self.inner.clone();
            tokio::task::spawn_blocking(move || -> Result<(), SearchError> {
                inner.lock_writer()?.delete_all_documents()?;
                Ok(())
            })
            .await??;
        }
        let (mut after, mut n) = (0i64, 0u64);
        loop {
            let docs = store.search_docs_after(after, BATCH).await?;
            let Some(last) = docs.last() else { break };
            after = last.id;
            n += docs.len() as u64;
            self.apply(Vec::new(), docs, head, false).await?;
            progress(n);
        }
        self.apply(Vec::new(), Vec::new(), head, true).await?;
        st.seq = head;
        st.built = true;
        st.recent.clear();
        Ok(n)
    }

    /// Delete `ids`, add `docs`, and commit with `seq` as the applied position (a rebuild
    /// commits once at the end: `commit_always`; otherwise commit when anything changed).
    async fn apply(
        &self,
        ids: Vec<i64>,
        docs: Vec<SearchDoc>,
        seq: i64,
        commit_always: bool,
    ) -> Result<(), SearchError> {
        let inner = self.inner.clone();
        let commit = commit_always || !ids.is_empty();
        tokio::task::spawn_blocking(move || -> Result<(), SearchError> {
            let mut w = inner.lock_writer()?;
            for id in &ids {
                w.delete_term(Term::from_field_u64(inner.fields.id, *id as u64));
            }
            for d in &docs {
                w.add_document(inner.document(d))?;
            }
            if commit {
                let payload = serde_json::to_string(&Payload {
                    version: SCHEMA_VERSION,
                    seq,
                })?;
                let mut prepared = w.prepare_commit()?;
                prepared.set_payload(&payload);
                prepared.commit()?;
                inner.reader.reload()?;
            }
            Ok(())
        })
        .await?
    }

    /// How many articles the index holds.
    pub fn len(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Inner {
    fn lock_writer(&self) -> Result<std::sync::MutexGuard<'_, IndexWriter>, SearchError> {
        self.writer.lock().map_err(|_| SearchError::Poisoned)
    }

    fn document(&self, d: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, d.id as u64);
        doc.add_i64(f.published_at, d.published_at);
        doc.add_text(f.rubrik_slug, &d.rubrik_slug);
        if let Some(t) = d.topic_id {
            doc.add_u64(f.topic_id, t as u64);
        }
        for t in &d.tag_ids {
            doc.add_u64(f.tag_id, *t as u64);
        }
        let texts = [
            d.headline.clone(),
            d.dek.clone(),
            d.body.clone(),
            d.tags.join("\n"),
            d.rubrik_name.clone(),
            d.topic_name.clone(),
            d.authors.join("\n"),
            d.captions.clone(),
        ];
        for ((x, s, _), text) in f.texts.iter().zip(texts) {
            if !text.is_empty() {
                doc.add_text(*x, &text);
                doc.add_text(*s, &text);
            }
        }
        doc
    }
}
