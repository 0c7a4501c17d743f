//! The Indonesian analyser: words, lower-cased; stop words marked; roots from the stemmer.
//!
//! A word is a run of letters and digits; a hyphen between two of them stays inside the word
//! (reduplication: "kata-kata", "sebaik-baiknya"), every other character — punctuation,
//! curly quotes “ ” ‘ ’, symbols, spaces — separates words. Two tantivy tokenizers are built
//! on it: [`EXACT`] (every word as written, lower-cased) and [`STEMMED`] (roots, stop words
//! left out but their positions kept, so phrase positions still line up).

use crate::stemmer::stem;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The tokenizer name of exact (lower-cased) words.
pub const EXACT: &str = "id_exact";
/// The tokenizer name of stemmed words without stop words.
pub const STEMMED: &str = "id_stem";
/// Longer words are not stemmed (no Indonesian word is this long; it bounds the work).
const MAX_STEM_BYTES: usize = 40;
/// A tokenizer forgets its stem cache past this many words.
const CACHE_WORDS: usize = 50_000;

static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/stopwords.txt")
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect()
});

/// Whether `word` (lower-case) is an Indonesian stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(word)
}

/// One word of a text: its byte range and its lower-cased form.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub from: usize,
    pub to: usize,
    pub text: String,
}

/// The words of `text`, in order (see the module doc).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_alnum = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || (c == '-' && start.is_some() && next_alnum) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(text, s, i));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, from: usize, to: usize) -> Word {
    Word {
        from,
        to,
        text: text[from..to].to_lowercase(),
    }
}

/// The root of a lower-cased word (itself when too long to be Indonesian).
pub fn root(word: &str) -> String {
    if word.len() > MAX_STEM_BYTES {
        word.to_string()
    } else {
        stem(word)
    }
}

/// One analysed word, as `GET /api/v1/analyze` shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Analysed {
    pub token: String,
    pub stem: String,
    pub stop: bool,
}

/// Every word of `text` with its root and whether it is a stop word.
pub fn analyse(text: &str) -> Vec<Analysed> {
    words(text)
        .into_iter()
        .map(|w| Analysed {
            stem: root(&w.text),
            stop: is_stop_word(&w.text),
            token: w.text,
        })
        .collect()
}

/// The tantivy tokenizer: exact words, or roots without stop words.
#[derive(Clone, Default)]
pub struct IndonesianTokenizer {
    stemmed: bool,
    cache: HashMap<String, String>,
    tokens: Vec<Token>,
}

impl IndonesianTokenizer {
    pub fn exact() -> Self {
        Self::default()
    }

    pub fn stemmed() -> Self {
        IndonesianTokenizer {
            stemmed: true,
            ..Self::default()
        }
    }

    fn cached_root(&mut self, word: &str) -> String {
        if let Some(r) = self.cache.get(word) {
            return r.clone();
        }
        if self.cache.len() >= CACHE_WORDS {
            self.cache.clear();
        }
        let r = root(word);
        self.cache.insert(word.to_string(), r.clone());
        r
    }
}

pub struct Tokens<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for IndonesianTokenizer {
    type TokenStream<'a> = Tokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens<'a> {
        let mut tokens = std::mem::take(&mut self.tokens);
        tokens.clear();
        for (position, w) in words(text).into_iter().enumerate() {
            let text = if !self.stemmed {
                w.text
            } else if is_stop_word(&w.text) {
                continue;
            } else {
                self.cached_root(&w.text)
            };
            tokens.push(Token {
                offset_from: w.from,
                offset_to: w.to,
                position,
                text,
                position_length: 1,
            });
        }
        self.tokens = tokens;
        Tokens {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

impl TokenStream for Tokens<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_curly_quotes_but_keep_reduplication() {
        let ws: Vec<String> = words("“Perundingan” ‘alot’, kata-kata—Menteri: (2026) -x- a-")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            ws,
            [
                "perundingan",
                "alot",
                "kata-kata",
                "menteri",
                "2026",
                "x",
                "a"
            ]
        );
    }

    #[test]
    fn analysis_marks_stop_words_and_gives_roots() {
        let a = analyse("Perundingan yang alot");
        assert_eq!(a[0].stem, "runding");
        assert!(!a[0].stop);
        assert!(a[1].stop);
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn the_stemmed_tokenizer_skips_stop_words_and_keeps_positions() {
        let mut t = IndonesianTokenizer::stemmed();
        let mut s = t.token_stream("Menteri dan kementerian");
        let mut got = Vec::new();
        while s.advance() {
            got.push((s.token().text.clone(), s.token().position));
        }
        assert_eq!(
            got,
            [("menteri".to_string(), 0), ("menteri".to_string(), 2)]
        );
    }
}
