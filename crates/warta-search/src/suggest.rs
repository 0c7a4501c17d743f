//! "Baca juga": the published articles most related to one article, by text similarity
//! (its most distinctive roots, weighed by how rare they are in the archive), shared topic
//! and shared tags; newest first among equals.
//!
//! The source is the article's own text (it may be a draft, not in the index), so this
//! works in the editor before publication too.

use crate::SearchError;
use crate::analyzer::{is_stop_word, root, words};
use crate::index::SearchIndex;
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

/// Roots of the source used in the query.
const QUERY_TERMS: usize = 16;
/// Candidates ranked before the tie-break by date.
const CANDIDATES: usize = 50;

/// What an article is about, for finding related ones.
#[derive(Debug, Clone, Default)]
pub struct Related {
    pub id: i64,
    pub headline: String,
    pub dek: String,
    pub body: String,
    pub topic_id: Option<i64>,
    pub tag_ids: Vec<i64>,
}

impl SearchIndex {
    /// Ids of up to `limit` published articles related to `src` (never `src` itself).
    pub fn suggestions(&self, src: &Related, limit: usize) -> Result<Vec<i64>, SearchError> {
        let f = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let n = searcher.num_docs().max(1) as f32;
        let (_, headline_s) = f.headline();
        let (_, body_s) = f.body();
        // Term frequency of each root, headline words counting thrice and dek words twice.
        let mut tf: HashMap<String, f32> = HashMap::new();
        for (text, weight) in [(&src.headline, 3.0), (&src.dek, 2.0), (&src.body, 1.0)] {
            for w in words(text) {
                if w.text.chars().count() > 2 && !is_stop_word(&w.text) {
                    *tf.entry(root(&w.text)).or_default() += weight;
                }
            }
        }
        let mut scored: Vec<(f32, String)> = Vec::with_capacity(tf.len());
        for (stem, freq) in tf {
            let df = searcher.doc_freq(&Term::from_field_text(body_s, &stem))? as f32;
            if df == 0.0 {
                continue;
            }
            scored.push((freq * (n / df).ln().max(0.0), stem));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (weight, stem) in scored.into_iter().take(QUERY_TERMS) {
            for (field, boost) in [(headline_s, 2.0), (body_s, 1.0)] {
                let t = TermQuery::new(
                    Term::from_field_text(field, &stem),
                    IndexRecordOption::WithFreqs,
                );
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(t), boost * weight.max(0.1))),
                ));
            }
        }
        if let Some(t) = src.topic_id {
            let t = TermQuery::new(
                Term::from_field_u64(f.topic_id, t.max(0) as u64),
                IndexRecordOption::Basic,
            );
            any.push((Occur::Should, Box::new(BoostQuery::new(Box::new(t), 20.0))));
        }
        for tag in &src.tag_ids {
            let t = TermQuery::new(
                Term::from_field_u64(f.tag_id, (*tag).max(0) as u64),
                IndexRecordOption::Basic,
            );
            any.push((Occur::Should, Box::new(BoostQuery::new(Box::new(t), 8.0))));
        }
        if any.is_empty() {
            return Ok(Vec::new());
        }
        let not_self = TermQuery::new(
            Term::from_field_u64(f.id, src.id.max(0) as u64),
            IndexRecordOption::Basic,
        );
        let query = BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BooleanQuery::new(any)) as Box<dyn Query>,
            ),
            (Occur::MustNot, Box::new(not_self)),
        ]);
        let top = searcher.search(&query, &TopDocs::with_limit(CANDIDATES).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let id = doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0) as i64;
            let at = doc
                .get_first(f.published_at)
                .and_then(|v| v.as_i64())
                .unwrap_or(0);
            // Scores within 1% count as equal: then the newer article comes first.
            let bucket = ((score.max(0.0) * 100.0).ln_1p() * 50.0).round() as i64;
            hits.push((bucket, at, id));
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        Ok(hits.into_iter().take(limit).map(|(_, _, id)| id).collect())
    }
}
