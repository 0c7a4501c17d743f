//! From what a reader typed to a tantivy query, built by hand: nothing typed reaches a query
//! parser, so no input can make a search fail.
//!
//! Words are required (all of them), each matching its exact form (weighted double) or its
//! root in any text field; words of five letters or more also match one edit away (typos).
//! Text in double quotes (straight or curly) is a phrase matched word for word in headline,
//! dek, body or captions; a quote without its partner is ignored. Stop words are not
//! required unless the query has nothing else.

use crate::analyzer::{is_stop_word, root, words};
use crate::schema::Fields;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;

/// Longest query text read; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// More words than this (phrases included) are ignored.
pub const MAX_WORDS: usize = 8;
/// Words this long or longer match one typo away.
const FUZZY_CHARS: usize = 5;

/// The parts of a query: loose words and quoted phrases, lower-cased.
#[derive(Debug, Default, PartialEq)]
pub struct Parsed {
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
}

impl Parsed {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }

    /// The query as it was understood, for showing back ("Hasil pencarian …").
    pub fn display(&self) -> String {
        let mut parts: Vec<String> = self
            .phrases
            .iter()
            .map(|p| format!("\"{}\"", p.join(" ")))
            .collect();
        parts.extend(self.words.iter().cloned());
        parts.join(" ")
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Split `q` into words and phrases (see the module doc).
pub fn parse(q: &str) -> Parsed {
    let q: String = q.chars().take(MAX_QUERY_CHARS).collect();
    let quotes = q.chars().filter(|c| is_quote(*c)).count();
    // The last quote has no partner when the count is odd: it is ignored.
    let usable = quotes - quotes % 2;
    let mut segments: Vec<(bool, String)> = vec![(false, String::new())];
    let mut seen = 0;
    for c in q.chars() {
        if is_quote(c) && seen < usable {
            seen += 1;
            segments.push((seen % 2 == 1, String::new()));
        } else if let Some(last) = segments.last_mut() {
            last.1.push(c);
        }
    }
    let mut out = Parsed::default();
    let mut budget = MAX_WORDS;
    for (quoted, text) in segments {
        let ws: Vec<String> = words(&text)
            .into_iter()
            .map(|w| w.text)
            .take(budget)
            .collect();
        budget -= ws.len();
        if quoted && ws.len() > 1 {
            out.phrases.push(ws);
        } else {
            for w in ws {
                if !out.words.contains(&w) {
                    out.words.push(w);
                }
            }
        }
    }
    out
}

fn boxed(q: impl Query) -> Box<dyn Query> {
    Box::new(q)
}

fn term(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    boxed(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// One loose word: exact or root in any field, or a typo away in headline, dek and body.
fn word_query(f: &Fields, word: &str, stemmed: bool) -> Box<dyn Query> {
    let r = root(word);
    let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (x, s, weight) in &f.texts {
        any.push((
            Occur::Should,
            boxed(BoostQuery::new(term(*x, word), weight * 2.0)),
        ));
        if stemmed {
            any.push((Occur::Should, boxed(BoostQuery::new(term(*s, &r), *weight))));
        }
    }
    if word.chars().count() >= FUZZY_CHARS {
        for (x, _) in [f.headline(), f.dek(), f.body()] {
            let fuzzy = FuzzyTermQuery::new(Term::from_field_text(x, word), 1, true);
            any.push((Occur::Should, boxed(BoostQuery::new(boxed(fuzzy), 0.5))));
        }
    }
    boxed(BooleanQuery::new(any))
}

/// A phrase, word for word, in headline, dek, body or captions.
fn phrase_query(f: &Fields, phrase: &[String]) -> Box<dyn Query> {
    let fields = [f.texts[0], f.texts[1], f.texts[2], f.texts[7]];
    let any = fields
        .iter()
        .map(|(x, _, weight)| {
            let terms = phrase
                .iter()
                .map(|w| Term::from_field_text(*x, w))
                .collect();
            (
                Occur::Should,
                boxed(BoostQuery::new(
                    boxed(PhraseQuery::new(terms)),
                    weight * 2.0,
                )),
            )
        })
        .collect();
    boxed(BooleanQuery::new(any))
}

/// The text part of a search, or `None` when the query has no word.
pub(crate) fn text_query(f: &Fields, parsed: &Parsed) -> Option<Box<dyn Query>> {
    if parsed.is_empty() {
        return None;
    }
    let only_stop = parsed.phrases.is_empty() && parsed.words.iter().all(|w| is_stop_word(w));
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for w in &parsed.words {
        if only_stop {
            must.push((Occur::Must, word_query(f, w, false)));
        } else if !is_stop_word(w) {
            must.push((Occur::Must, word_query(f, w, true)));
        }
    }
    for p in &parsed.phrases {
        must.push((Occur::Must, phrase_query(f, p)));
    }
    Some(boxed(BooleanQuery::new(must)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_make_phrases_and_an_unpaired_quote_is_ignored() {
        let p = parse("“harga beras” naik \"di pasar");
        assert_eq!(p.phrases, [vec!["harga".to_string(), "beras".to_string()]]);
        assert_eq!(p.words, ["naik", "di", "pasar"]);
    }

    #[test]
    fn query_syntax_and_punctuation_are_just_separators() {
        assert!(parse("\"*-:()^ +~ AND OR \\").words == ["and", "or"]);
        assert!(parse("!!! ??? ...").is_empty());
        assert!(parse("\"\"\"").is_empty());
        let long = "kata ".repeat(10_000);
        assert_eq!(parse(&long).words, ["kata"]);
        assert_eq!(parse("a b c d e f g h i j k").words.len(), MAX_WORDS);
    }
}
