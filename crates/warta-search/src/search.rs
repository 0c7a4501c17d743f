//! Running a search: the text query (see `query`), the filters, the order, a page of hits
//! with a highlighted snippet each.

use crate::SearchError;
use crate::index::SearchIndex;
use crate::query::{Parsed, parse, text_query};
use std::ops::Bound;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 200;
/// Deepest page reachable (offset + limit): deeper paging costs more than it is worth.
pub const MAX_DEPTH: usize = 10_000;

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub q: String,
    /// A rubrik slug.
    pub rubrik: Option<String>,
    /// A topic id: search within a topic.
    pub topic_id: Option<i64>,
    /// Published at or after (epoch ms).
    pub from_ms: Option<i64>,
    /// Published before (epoch ms).
    pub to_ms: Option<i64>,
    /// Newest first instead of most relevant first.
    pub newest: bool,
    pub offset: usize,
    pub limit: usize,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: i64,
    /// HTML: escaped text in which `<mark>` wraps the matched words (the only markup).
    pub snippet: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// The query as understood (words and phrases, lower-cased); empty when it had no word.
    pub understood: String,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl SearchIndex {
    /// Published articles matching `req`: the total and one page of hits.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        let parsed = parse(&req.q);
        let f = &self.inner.fields;
        let Some(text) = text_query(f, &parsed) else {
            return Ok(SearchResults::default());
        };
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
        let mut filter = |q: Box<dyn Query>| {
            must.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        };
        if let Some(r) = &req.rubrik {
            let t = Term::from_field_text(f.rubrik_slug, r);
            filter(Box::new(TermQuery::new(t, IndexRecordOption::Basic)));
        }
        if let Some(t) = req.topic_id {
            let t = Term::from_field_u64(f.topic_id, t.max(0) as u64);
            filter(Box::new(TermQuery::new(t, IndexRecordOption::Basic)));
        }
        if req.from_ms.is_some() || req.to_ms.is_some() {
            let at = |ms: i64| Term::from_field_i64(f.published_at, ms);
            let lower = req
                .from_ms
                .map_or(Bound::Unbounded, |ms| Bound::Included(at(ms)));
            let upper = req
                .to_ms
                .map_or(Bound::Unbounded, |ms| Bound::Excluded(at(ms)));
            filter(Box::new(RangeQuery::new(lower, upper)));
        }
        let query = BooleanQuery::new(must);
        let searcher = self.inner.reader.searcher();
        if req.offset > MAX_DEPTH {
            // Deeper than anyone pages: the count only.
            let total = searcher.search(&query, &Count)?;
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
                understood: parsed.display(),
            });
        }
        let limit = req.limit.clamp(1, 100);
        let offset = req.offset;
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let (total, addrs): (usize, Vec<DocAddress>) = if req.newest {
            let by_time = top.order_by_fast_field::<i64>("published_at", Order::Desc);
            let (n, docs) = searcher.search(&query, &(Count, by_time))?;
            (n, docs.into_iter().map(|(_, a)| a).collect())
        } else {
            let (n, docs) = searcher.search(&query, &(Count, top.order_by_score()))?;
            (n, docs.into_iter().map(|(_, a)| a).collect())
        };
        let hits = self.hits(&searcher, &query, &addrs)?;
        Ok(SearchResults {
            total,
            hits,
            understood: parsed.display(),
        })
    }

    fn hits(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        addrs: &[DocAddress],
    ) -> Result<Vec<Hit>, SearchError> {
        let f = &self.inner.fields;
        let (body_x, body_s) = f.body();
        let (dek_x, _) = f.dek();
        let mut stemmed = SnippetGenerator::create(searcher, query, body_s)?;
        stemmed.set_max_num_chars(SNIPPET_CHARS);
        let mut exact = SnippetGenerator::create(searcher, query, body_x)?;
        exact.set_max_num_chars(SNIPPET_CHARS);
        let mut out = Vec::with_capacity(addrs.len());
        for addr in addrs {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            let text_of = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let id = doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0) as i64;
            let body = text_of(body_x);
            let mut snippet = stemmed.snippet(&body);
            if snippet.highlighted().is_empty() {
                snippet = exact.snippet(&body);
            }
            snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
            let html = if snippet.highlighted().is_empty() {
                let dek = text_of(dek_x);
                let plain = if dek.is_empty() { body } else { dek };
                escape(&plain.chars().take(SNIPPET_CHARS).collect::<String>())
            } else {
                snippet.to_html()
            };
            out.push(Hit { id, snippet: html });
        }
        Ok(out)
    }
}

/// The words and phrases `q` is understood as (for the page title), without searching.
pub fn understood(q: &str) -> Parsed {
    parse(q)
}
