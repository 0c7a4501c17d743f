//! The index's fields. Every text field comes twice: `*_x` holds the exact words (lower-cased)
//! and `*_s` the roots without stop words; queries weigh exact matches above stemmed ones.

use crate::analyzer::{EXACT, IndonesianTokenizer, STEMMED};
use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;

/// Bumped whenever the fields change: an index of another version is rebuilt.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// The searchable texts of an article and how much a match in each weighs.
pub(crate) const TEXTS: [(&str, f32); 8] = [
    ("headline", 4.0),
    ("dek", 2.0),
    ("body", 1.0),
    ("tags", 3.0),
    ("rubrik", 1.0),
    ("topic", 3.0),
    ("authors", 2.0),
    ("captions", 1.0),
];

#[derive(Clone)]
pub(crate) struct Fields {
    pub id: Field,
    pub published_at: Field,
    pub rubrik_slug: Field,
    pub topic_id: Field,
    pub tag_id: Field,
    /// `(exact, stemmed, weight)` in the order of [`TEXTS`].
    pub texts: Vec<(Field, Field, f32)>,
}

impl Fields {
    pub fn headline(&self) -> (Field, Field) {
        (self.texts[0].0, self.texts[0].1)
    }
    pub fn dek(&self) -> (Field, Field) {
        (self.texts[1].0, self.texts[1].1)
    }
    pub fn body(&self) -> (Field, Field) {
        (self.texts[2].0, self.texts[2].1)
    }
}

fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let o = TextOptions::default().set_indexing_options(indexing);
    if stored { o.set_stored() } else { o }
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_u64_field("id", INDEXED | STORED | FAST);
    let published_at = b.add_i64_field("published_at", INDEXED | STORED | FAST);
    let rubrik_slug = b.add_text_field("rubrik_slug", STRING);
    let topic_id = b.add_u64_field("topic_id", INDEXED | FAST);
    let tag_id = b.add_u64_field("tag_id", INDEXED);
    let texts = TEXTS
        .iter()
        .map(|(name, weight)| {
            // The exact headline, dek and body are stored: snippets are cut from them.
            let stored = matches!(*name, "headline" | "dek" | "body");
            let x = b.add_text_field(&format!("{name}_x"), text(EXACT, stored));
            let s = b.add_text_field(&format!("{name}_s"), text(STEMMED, false));
            (x, s, *weight)
        })
        .collect();
    let fields = Fields {
        id,
        published_at,
        rubrik_slug,
        topic_id,
        tag_id,
        texts,
    };
    (b.build(), fields)
}

/// The Indonesian tokenizers, registered on every open (tantivy does not store them).
pub(crate) fn register_tokenizers(index: &Index) {
    let m = index.tokenizers();
    m.register(EXACT, TextAnalyzer::from(IndonesianTokenizer::exact()));
    m.register(STEMMED, TextAnalyzer::from(IndonesianTokenizer::stemmed()));
}
