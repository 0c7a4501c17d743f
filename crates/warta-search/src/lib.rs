//! Warta's search: an embedded tantivy index per instance ([`SearchIndex`]) that follows the
//! database's change log, and the Indonesian analyser it indexes with ([`analyse`], the
//! tokenizers, and [`stem`], a Nazief–Adriani stemmer over Sastrawi's root-word dictionary).
//!
//! Error policy: [`SearchError`] is typed; the web layer maps it to its `AppError`.

mod analyzer;
mod error;
mod index;
mod query;
mod rules;
mod schema;
mod search;
mod stemmer;
mod suggest;

pub use analyzer::{
    Analysed, EXACT, IndonesianTokenizer, STEMMED, Word, analyse, is_stop_word, root, words,
};
pub use error::SearchError;
pub use index::SearchIndex;
pub use query::{MAX_QUERY_CHARS, MAX_WORDS, Parsed, parse};
pub use search::{Hit, MAX_DEPTH, SearchRequest, SearchResults, understood};
pub use stemmer::{is_root_word, stem};
pub use suggest::Related;
