//! The Indonesian stemmer: Nazief–Adriani confix stripping with the CS/ECS improvements, a
//! step-by-step port of Sastrawi 1.0.1 (`Sastrawi.Stemmer`), quirks included, because the
//! Python package is the oracle it is checked against (tests/oracle.rs).
//!
//! A word is looked up in Sastrawi's root-word dictionary (data/kata-dasar.txt, MIT); the
//! affixes are stripped — particles -lah/-kah/-tah/-pun, possessives -ku/-mu/-nya, suffixes
//! -i/-kan/-an (and -is/-isme/-isasi), then up to three prefixes (di-/ke-/se- and the
//! disambiguated me-/pe-/ber-/ter- with their sound changes) — until a root is found. A word
//! whose root is not found is returned unchanged.

use crate::rules::GROUPS;
use std::collections::HashSet;
use std::sync::LazyLock;

static ROOTS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/kata-dasar.txt")
        .split('\n')
        .filter(|w| !w.trim().is_empty())
        .collect()
});

fn is_root(w: &str) -> bool {
    ROOTS.contains(w)
}

/// Whether `w` is in the root-word dictionary.
pub fn is_root_word(w: &str) -> bool {
    is_root(w)
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A derivational prefix.
    Prefix,
    /// A particle, a possessive or a derivational suffix.
    Suffix,
}

struct Removal {
    subject: String,
    result: String,
    removed: String,
    kind: Kind,
}

struct Context {
    original: String,
    current: String,
    stopped: bool,
    removals: Vec<Removal>,
}

const PARTICLES: &[&str] = &["lah", "kah", "tah", "pun"];
const POSSESSIVES: &[&str] = &["ku", "mu", "nya"];
/// Longest first: Sastrawi's regex takes the leftmost, so the longest, match.
const DERIVATIONAL: &[&str] = &["isasi", "isme", "kan", "is", "an", "i"];

/// `word` without its suffix from `set` (and any hyphens before it, if `hyphens`).
fn strip_suffix(word: &str, set: &[&str], hyphens: bool) -> String {
    for s in set {
        if let Some(rest) = word.strip_suffix(s) {
            return if hyphens {
                rest.trim_end_matches('-').to_string()
            } else {
                rest.to_string()
            };
        }
    }
    word.to_string()
}

fn plain_prefix(word: &str) -> String {
    for p in ["di", "ke", "se"] {
        if let Some(rest) = word.strip_prefix(p) {
            return rest.to_string();
        }
    }
    word.to_string()
}

impl Context {
    fn new(word: &str) -> Self {
        Context {
            original: word.to_string(),
            current: word.to_string(),
            stopped: false,
            removals: Vec::new(),
        }
    }

    fn found(&self) -> bool {
        is_root(&self.current)
    }

    fn record(&mut self, result: String, kind: Kind) {
        if result != self.current {
            let removed = match kind {
                Kind::Suffix => self.current[result.len()..].to_string(),
                Kind::Prefix => String::new(),
            };
            let subject = std::mem::replace(&mut self.current, result.clone());
            self.removals.push(Removal {
                subject,
                result,
                removed,
                kind,
            });
        }
    }

    /// One suffix visitor (0: particle, 1: possessive, 2: derivational).
    fn suffix_visitor(&mut self, i: usize) {
        let result = match i {
            0 => strip_suffix(&self.current, PARTICLES, true),
            1 => strip_suffix(&self.current, POSSESSIVES, true),
            _ => strip_suffix(&self.current, DERIVATIONAL, false),
        };
        self.record(result, Kind::Suffix);
    }

    /// One prefix visitor: 0 is the plain prefixes, then one per rule group.
    fn prefix_visitor(&mut self, i: usize) {
        if i == 0 {
            let result = plain_prefix(&self.current);
            self.record(result, Kind::Prefix);
            return;
        }
        let mut result = None;
        for rule in GROUPS[i - 1] {
            result = rule(&self.current);
            if result.as_deref().is_some_and(is_root) {
                break;
            }
        }
        let Some(result) = result.filter(|r| !r.is_empty()) else {
            return;
        };
        // Sastrawi records a prefix removal even when the rule kept the word as it was.
        let subject = std::mem::replace(&mut self.current, result.clone());
        self.removals.push(Removal {
            subject,
            result,
            removed: String::new(),
            kind: Kind::Prefix,
        });
    }

    fn remove_suffixes(&mut self) {
        for i in 0..3 {
            self.suffix_visitor(i);
            if self.found() || self.stopped {
                return;
            }
        }
    }

    fn remove_prefixes(&mut self) {
        for _ in 0..3 {
            let count = self.removals.len();
            for i in 0..=GROUPS.len() {
                self.prefix_visitor(i);
                if self.found() || self.stopped || self.removals.len() > count {
                    break;
                }
            }
            if self.found() {
                return;
            }
        }
    }

    fn run(&mut self) {
        if self.found() {
            return;
        }
        if self.current.len() <= 3 {
            self.stopped = true;
        }
        if self.found() {
            return;
        }
        if precedence_adjusted(&self.original) {
            self.remove_prefixes();
            if self.found() {
                return;
            }
            self.remove_suffixes();
            if self.found() {
                return;
            }
            self.current = self.original.clone();
            self.removals.clear();
        }
        self.remove_suffixes();
        if self.found() {
            return;
        }
        self.remove_prefixes();
        if self.found() {
            return;
        }
        self.restore_suffixes();
    }

    /// ECS "loop pengembalian akhiran": put removed suffixes back one by one and strip the
    /// prefixes again.
    fn restore_suffixes(&mut self) {
        if let Some(first) = self.removals.first() {
            self.current = first.subject.clone();
        }
        // Sastrawi removes prefix removals from the list while iterating over it, so the one
        // after each removed entry is skipped.
        let mut i = 0;
        while i < self.removals.len() {
            if self.removals[i].kind == Kind::Prefix {
                self.removals.remove(i);
            }
            i += 1;
        }
        let saved = self.current.clone();
        let suffixes: Vec<(String, String, String)> = self
            .removals
            .iter()
            .rev()
            .filter(|r| r.kind == Kind::Suffix)
            .map(|r| (r.subject.clone(), r.result.clone(), r.removed.clone()))
            .collect();
        for (subject, result, removed) in suffixes {
            if removed == "kan" {
                self.current = format!("{result}k");
                self.remove_prefixes();
                if self.found() {
                    return;
                }
                self.current = format!("{result}kan");
            } else {
                self.current = subject;
            }
            self.remove_prefixes();
            if self.found() {
                return;
            }
            self.current = saved.clone();
        }
    }
}

fn precedence_adjusted(w: &str) -> bool {
    [
        ("be", "lah"),
        ("be", "an"),
        ("me", "i"),
        ("di", "i"),
        ("pe", "i"),
        ("ter", "i"),
    ]
    .iter()
    .any(|(p, s)| w.len() >= p.len() + s.len() && w.starts_with(p) && w.ends_with(s))
}

fn stem_singular(word: &str) -> String {
    let mut ctx = Context::new(word);
    ctx.run();
    if ctx.found() {
        ctx.current
    } else {
        ctx.original
    }
}

fn is_plural(word: &str) -> bool {
    if let Some((head, tail)) = word.rsplit_once('-')
        && ["ku", "mu", "nya", "lah", "kah", "tah", "pun"].contains(&tail)
    {
        return head.contains('-');
    }
    word.contains('-')
}

fn stem_plural(word: &str) -> String {
    let Some((a, b)) = word.rsplit_once('-') else {
        return word.to_string();
    };
    let (mut first, mut second) = (a.to_string(), b.to_string());
    if ["ku", "mu", "nya", "lah", "kah", "tah", "pun"].contains(&b)
        && let Some((a1, a2)) = a.rsplit_once('-')
    {
        first = a1.to_string();
        second = format!("{a2}-{b}");
    }
    let root1 = stem_singular(&first);
    let mut root2 = stem_singular(&second);
    if !is_root(&second) && root2 == second {
        root2 = stem_singular(&format!("me{second}"));
    }
    if root1 == root2 {
        root1
    } else {
        word.to_string()
    }
}

/// The root of one lower-case word. Words with anything but `a-z`, digits and hyphens are
/// returned as they are (Sastrawi would have split them).
pub fn stem(word: &str) -> String {
    if word.is_empty()
        || !word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return word.to_string();
    }
    if is_plural(word) {
        stem_plural(word)
    } else {
        stem_singular(word)
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn affixes_and_sound_changes_are_stripped() {
        for (word, root) in [
            ("perundingan", "runding"),
            ("berunding", "runding"),
            ("menuntut", "tuntut"),
            ("tuntutan", "tuntut"),
            ("kementerian", "menteri"),
            ("menteri", "menteri"),
            ("mempengaruhi", "pengaruh"),
            ("kebijakannya", "bijak"),
            ("diumumkan", "umum"),
            ("bukunya", "buku"),
            ("kata-kata", "kata"),
            ("wartawan", "wartawan"),
            ("kepada", "kepada"),
            ("xyzabc", "xyzabc"),
        ] {
            assert_eq!(stem(word), root, "{word}");
        }
    }
}
