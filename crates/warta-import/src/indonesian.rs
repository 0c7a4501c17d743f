//! Indonesian newsroom conventions found in old posts and moved into Warta's fields: the
//! dateline opening the first paragraph, the editor's sign-off closing the last one, "Baca
//! juga" lines, and the "Foto:" credit inside a caption.

use crate::body::{Converted, Piece};
use crate::html::{attr, tags};
use warta_core::{Block, Dateline, SignOff, sanitize_inline, strip_tags};

const DASHES: &[char] = &['-', '–', '—'];

/// The dateline of a paragraph's plain text: (city, agency, bytes of the prefix).
/// `JAKARTA, Site.com – …`, `JAKARTA – …`, `Jakarta (ANTARA) - …`.
pub fn dateline(text: &str) -> Option<(String, Option<String>, usize)> {
    let head: String = text.chars().take(80).collect();
    let dash = head.find(DASHES)?;
    let prefix = head[..dash].trim();
    let after = dash + head[dash..].chars().next()?.len_utf8();
    let (city, agency) = if let Some((city, site)) = prefix.split_once(',') {
        let site = site.trim();
        if site.is_empty() || site.contains(' ') || !is_upper_city(city.trim()) {
            return None;
        }
        (city.trim().to_string(), None)
    } else if let Some((city, rest)) = prefix.split_once('(') {
        let agency = rest.strip_suffix(')')?.trim();
        if agency.is_empty() || agency.len() > 30 || !city.trim().chars().next()?.is_uppercase() {
            return None;
        }
        (city.trim().to_string(), Some(agency.to_string()))
    } else if is_upper_city(prefix) {
        (prefix.to_string(), None)
    } else {
        return None;
    };
    let city = Dateline::parse(&city).ok()?;
    (!city.as_str().is_empty()).then(|| (city.as_str().to_string(), agency, after))
}

fn is_upper_city(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 40
        && s.chars().any(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'')
}

/// Take the dateline out of the first paragraph.
pub fn move_dateline(c: &mut Converted) {
    let Some(Piece::Block(Block::Paragraph { text })) = c.pieces.first_mut() else {
        return;
    };
    let plain = strip_tags(text);
    let Some((city, agency, _)) = dateline(plain.trim_start()) else {
        return;
    };
    // Cut the HTML after the first dash that follows the prefix's last letter.
    let Some(cut) = text.find(DASHES) else {
        return;
    };
    let dash_len = text[cut..].chars().next().map_or(1, char::len_utf8);
    let rest = sanitize_inline(&text[cut + dash_len..]);
    c.dateline = city;
    c.agency = agency.map(|a| title_case(&a));
    if rest.is_empty() {
        c.pieces.remove(0);
    } else {
        *text = rest;
    }
}

fn title_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// The sign-off at the end of plain text: `(*)`, `(ant/rd)`, `(rd)`; its byte offset.
pub fn signoff(text: &str) -> Option<(String, usize)> {
    let t = text.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let inner = &t[open + 1..t.len() - 1];
    let ok = inner == "*"
        || (!inner.is_empty()
            && inner.len() <= 20
            && inner.split('/').all(|p| {
                !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_lowercase())
            }));
    let s = &t[open..];
    (ok && SignOff::parse(s).is_ok()).then(|| (s.to_string(), open))
}

/// Take the sign-off out of the last paragraph, even when glued to its last sentence.
pub fn move_signoff(c: &mut Converted) {
    let Some(i) = c
        .pieces
        .iter()
        .rposition(|p| matches!(p, Piece::Block(Block::Paragraph { .. })))
    else {
        return;
    };
    let Piece::Block(Block::Paragraph { text }) = &mut c.pieces[i] else {
        return;
    };
    let plain = strip_tags(text);
    let Some((s, _)) = signoff(&plain) else {
        return;
    };
    let Some(open) = text.rfind('(') else {
        return;
    };
    let rest = sanitize_inline(&text[..open]);
    c.signoff = s;
    if rest.is_empty() {
        c.pieces.remove(i);
    } else {
        *text = rest;
    }
}

/// The link of a "Baca juga:" line (any case), if the paragraph is one.
pub fn baca_juga(inner: &str) -> Option<String> {
    let plain = strip_tags(inner);
    let head = plain.trim_start().to_lowercase();
    if !head.starts_with("baca juga") {
        return None;
    }
    tags(inner, "a").into_iter().find_map(|a| attr(a, "href"))
}

/// Split a caption into its text and the credit of its "Foto:" part:
/// `Banjir di Padang. (Foto: Antara/Budi)` → (`Banjir di Padang.`, `Antara/Budi`).
pub fn split_credit(caption: &str) -> (String, String) {
    let lower = caption.to_lowercase();
    let Some(i) = lower.find("foto:") else {
        return (caption.trim().to_string(), String::new());
    };
    let after = &caption[i + "foto:".len()..];
    let end = after.find(')').unwrap_or(after.len());
    let credit = after[..end].trim().to_string();
    let before = caption[..i].trim_end();
    let before = before.strip_suffix('(').unwrap_or(before).trim_end();
    let tail = after.get(end + 1..).unwrap_or("").trim();
    let text = [before, tail]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    (text, credit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_of_every_house_style() {
        let d = |s: &str| dateline(s).map(|(c, a, _)| (c, a));
        assert_eq!(
            d("JAKARTA, Kompas.com – Presiden"),
            Some(("JAKARTA".into(), None))
        );
        assert_eq!(d("JAKARTA – Presiden"), Some(("JAKARTA".into(), None)));
        assert_eq!(
            d("Jakarta (ANTARA) - Presiden"),
            Some(("JAKARTA".into(), Some("ANTARA".into())))
        );
        assert_eq!(
            d("KUALA LUMPUR — Polisi"),
            Some(("KUALA LUMPUR".into(), None))
        );
        assert_eq!(d("Hari ini - hujan turun"), None);
        assert_eq!(d("Tanpa tanda hubung sama sekali"), None);
        assert_eq!(d("Pada 2022 – ada banjir"), None);
    }

    #[test]
    fn dateline_leaves_the_paragraph_and_the_agency_becomes_a_source_name() {
        let mut c = Converted {
            pieces: vec![Piece::Block(Block::Paragraph {
                text: "<b>Jakarta (ANTARA)</b> - Harga naik.".into(),
            })],
            ..Converted::default()
        };
        move_dateline(&mut c);
        assert_eq!(c.dateline, "JAKARTA");
        assert_eq!(c.agency.as_deref(), Some("Antara"));
        assert_eq!(
            c.pieces[0],
            Piece::Block(Block::Paragraph {
                text: "Harga naik.".into()
            })
        );
    }

    #[test]
    fn signoffs_alone_or_glued() {
        assert_eq!(
            signoff("Selesai. (ant/rd)").map(|s| s.0),
            Some("(ant/rd)".into())
        );
        assert_eq!(signoff("Selesai.(*)").map(|s| s.0), Some("(*)".into()));
        assert_eq!(signoff("(rd)").map(|s| s.0), Some("(rd)".into()));
        assert_eq!(signoff("Kata menteri (Menkeu)"), None);
        assert_eq!(signoff("Harga (2022)"), None);
        let mut c = Converted {
            pieces: vec![
                Piece::Block(Block::Paragraph { text: "a".into() }),
                Piece::Block(Block::Paragraph {
                    text: "Demikian kata dia.(ant/rd)".into(),
                }),
            ],
            ..Converted::default()
        };
        move_signoff(&mut c);
        assert_eq!(c.signoff, "(ant/rd)");
        assert_eq!(
            c.pieces[1],
            Piece::Block(Block::Paragraph {
                text: "Demikian kata dia.".into()
            })
        );
    }

    #[test]
    fn baca_juga_in_any_case() {
        for s in ["Baca juga:", "Baca Juga:", "BACA JUGA:"] {
            let p = format!("<strong>{s}</strong> <a href=\"https://situs.id/a/\">A</a>");
            assert_eq!(baca_juga(&p).as_deref(), Some("https://situs.id/a/"), "{s}");
        }
        assert_eq!(baca_juga("Kami juga baca <a href=\"x\">x</a>"), None);
        assert_eq!(baca_juga("Baca juga: tanpa tautan"), None);
    }

    #[test]
    fn credit_comes_from_the_foto_part() {
        assert_eq!(
            split_credit("Banjir di Padang. (Foto: Antara/Budi)"),
            ("Banjir di Padang.".into(), "Antara/Budi".into())
        );
        assert_eq!(
            split_credit("FOTO: Reuters"),
            (String::new(), "Reuters".into())
        );
        assert_eq!(
            split_credit("Tanpa kredit"),
            ("Tanpa kredit".into(), String::new())
        );
    }
}
