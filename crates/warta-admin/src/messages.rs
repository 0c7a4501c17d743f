//! Messages from the rules (validation, workflow, uploads, permissions) are written in English
//! where they are raised; the newsroom shows them in its interface language by translating at
//! the edge. [`MESSAGES`] maps each English message template (variable parts as `{}`) to
//! Bahasa Indonesia; [`localize`] matches a finished message against the templates and fills
//! the Indonesian one with the same parts, each part translated too when it is itself a
//! catalogue entry (`your role (writer) may not publish articles` → `peran Anda (penulis) tidak
//! boleh menerbitkan artikel`). In an Indonesian template `{mb}` shows a byte count as
//! megabytes. A message with no entry is shown as it is.
//!
//! The catalogue test (`tests/catalogue.rs`) scans every crate's sources for messages and
//! fails on one without an entry here.

use crate::Lang;
pub use crate::catalogue::MESSAGES;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A template cut at its `{}` placeholders.
struct Template {
    parts: Vec<&'static str>,
    id: &'static str,
    literal_len: usize,
}

fn catalogue() -> &'static (HashMap<&'static str, &'static str>, Vec<Template>) {
    static C: OnceLock<(HashMap<&'static str, &'static str>, Vec<Template>)> = OnceLock::new();
    C.get_or_init(|| {
        let mut exact = HashMap::new();
        let mut templates = Vec::new();
        for (en, id) in MESSAGES.iter() {
            if en.contains("{}") {
                let parts: Vec<&str> = en.split("{}").collect();
                let literal_len = parts.iter().map(|p| p.len()).sum();
                templates.push(Template {
                    parts,
                    id,
                    literal_len,
                });
            } else {
                exact.insert(*en, *id);
            }
        }
        // The most specific template (most fixed text) wins.
        templates.sort_by_key(|t| std::cmp::Reverse(t.literal_len));
        (exact, templates)
    })
}

/// The variable parts of `s` if it has the shape of `parts` (fixed text between them).
fn captures<'a>(parts: &[&str], s: &'a str) -> Option<Vec<&'a str>> {
    let (first, rest) = parts.split_first()?;
    let mut s = s.strip_prefix(first)?;
    let mut out = Vec::new();
    for (i, lit) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let at = if last {
            if !s.ends_with(lit) {
                return None;
            }
            s.len() - lit.len()
        } else if lit.is_empty() {
            return None; // two adjacent placeholders are ambiguous
        } else {
            s.find(lit)?
        };
        out.push(&s[..at]);
        s = &s[at + lit.len()..];
    }
    Some(out)
}

/// A byte count written in `{}` as megabytes ("20 MB"), else the text as it is.
fn megabytes(bytes: &str) -> String {
    match bytes.trim().parse::<u64>() {
        Ok(n) => megabytes_of(n),
        Err(_) => bytes.to_string(),
    }
}

/// Bytes as the newsroom states a limit: "20 MB" (whole when exact), else "20,5 MB".
pub fn megabytes_of(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n.is_multiple_of(MB) {
        format!("{} MB", n / MB)
    } else {
        let tenths = (n * 10 + MB / 2) / MB;
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

fn to_indonesian(english: &str, depth: u8) -> Option<String> {
    let (exact, templates) = catalogue();
    if let Some(id) = exact.get(english) {
        return Some((*id).to_string());
    }
    if depth > 2 {
        return None;
    }
    templates.iter().find_map(|t| {
        let caps = captures(&t.parts, english)?;
        // A part in quotes ('{}') is what someone typed: never translated.
        let quoted: Vec<bool> = t
            .parts
            .windows(2)
            .map(|w| w[0].ends_with('\'') && w[1].starts_with('\''))
            .collect();
        let mut caps = caps.into_iter().zip(quoted);
        let mut out = String::with_capacity(t.id.len() + english.len());
        let mut rest = t.id;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            let tail = &rest[at..];
            let (value, skip) = if tail.starts_with("{}") {
                let (c, quoted) = caps.next().unwrap_or(("", true));
                let translated = (!quoted).then(|| to_indonesian(c, depth + 1)).flatten();
                (translated.unwrap_or_else(|| c.to_string()), 2)
            } else if tail.starts_with("{mb}") {
                (megabytes(caps.next().map(|c| c.0).unwrap_or("")), 4)
            } else {
                ("{".to_string(), 1)
            };
            out.push_str(&value);
            rest = &tail[skip..];
        }
        out.push_str(rest);
        Some(out)
    })
}

/// `english` in the interface language `lang`: the catalogue's Indonesian for Bahasa
/// Indonesia (the message itself when it has no entry), unchanged for English.
pub fn localize(lang: Lang, english: &str) -> String {
    match lang {
        Lang::En => english.to_string(),
        Lang::Id => to_indonesian(english, 0).unwrap_or_else(|| english.to_string()),
    }
}

/// Does the catalogue have an entry for this template (placeholders written `{}`)?
pub fn has_template(template: &str) -> bool {
    MESSAGES.iter().any(|(en, _)| *en == template)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_translated_with_their_parts() {
        let id = |s: &str| localize(Lang::Id, s);
        assert_eq!(id("must not be empty"), "tidak boleh kosong");
        assert_eq!(
            id("must be at most 200 characters (got 231)"),
            "maksimal 200 karakter (sekarang 231)"
        );
        assert_eq!(
            id("your role (writer) may not publish articles"),
            "peran Anda (penulis) tidak boleh menerbitkan artikel"
        );
        assert_eq!(
            id("cannot unpublish an article that is draft"),
            "tidak bisa menarik artikel yang berstatus draf"
        );
        assert_eq!(
            id("add the photo's alt before publishing"),
            "lengkapi teks alternatif foto sebelum menerbitkan"
        );
        assert_eq!(
            id("file is 31457280 bytes; the limit is 20971520 bytes"),
            "berkas berukuran 30 MB; maksimal 20 MB"
        );
        assert_eq!(megabytes("1572864"), "1,5 MB");
        // Typed values in quotes stay as typed.
        assert_eq!(
            id("the slug 'publish' is used by another article"),
            "slug 'publish' sudah dipakai artikel lain"
        );
        assert_eq!(localize(Lang::En, "must not be empty"), "must not be empty");
        assert_eq!(id("a message nobody wrote"), "a message nobody wrote");
    }

    #[test]
    fn english_templates_are_unique_and_placeholders_match() {
        let mut seen = std::collections::HashSet::new();
        for (en, id) in MESSAGES.iter() {
            assert!(seen.insert(*en), "duplicate entry {en:?}");
            let n_en = en.matches("{}").count();
            let n_id = id.matches("{}").count() + id.matches("{mb}").count();
            assert_eq!(n_en, n_id, "placeholders differ: {en:?} / {id:?}");
        }
    }
}
