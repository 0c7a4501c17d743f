//! Post content → Warta body pieces. WordPress stores raw content: classic-editor HTML that
//! needs wpautop-style paragraphing, shortcodes, and Gutenberg block comments. Each top-level
//! block element becomes a block; text between them is split into paragraphs at blank lines.
//! Whatever has no Warta block (tables, code, forms…) is kept as sanitised text in
//! paragraphs and counted, never dropped.

use crate::html::{self, Chunk, attr, inner_of, tags};
use crate::indonesian;
use warta_core::{Block, Embed, sanitize_inline, strip_tags};

/// A body piece; photos and "Baca juga" links are resolved against the import afterwards.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Block(Block),
    /// A photo by its old address and, where known, its attachment id.
    Image {
        src: String,
        attachment: Option<String>,
        caption: String,
        credit: String,
        alt: String,
    },
    /// "Baca juga: <a href=url>…</a>": the old address of the linked post, and the paragraph
    /// to keep if it is not part of the import.
    Related {
        url: String,
        fallback: String,
    },
}

/// The converted body with what was moved into fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Converted {
    pub pieces: Vec<Piece>,
    pub dateline: String,
    /// The agency of a `Jakarta (ANTARA) -` dateline.
    pub agency: Option<String>,
    pub signoff: String,
    /// Elements kept as plain paragraphs because Warta has no block for them.
    pub flattened: usize,
    pub more_markers: usize,
}

/// Convert raw post content.
pub fn convert(raw: &str) -> Converted {
    let (s, more) = html::strip_comments(raw);
    let s = crate::shortcode::expand(&s);
    let mut c = Converted {
        more_markers: more,
        ..Converted::default()
    };
    blocks_of(&s, &mut c);
    indonesian::move_dateline(&mut c);
    indonesian::move_signoff(&mut c);
    c
}

fn blocks_of(s: &str, c: &mut Converted) {
    for chunk in html::chunks(s) {
        match chunk {
            Chunk::Text(t) => {
                for para in split_paragraphs(t) {
                    paragraph(&para, c);
                }
            }
            Chunk::Element { tag, open, inner } => element(&tag, open, inner, c),
        }
    }
}

/// wpautop: blank lines separate paragraphs; single line breaks inside one become `<br>`.
fn split_paragraphs(t: &str) -> Vec<String> {
    let t = t.replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in t.split('\n') {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(cur.join("<br>"));
                cur.clear();
            }
        } else {
            cur.push(line.trim());
        }
    }
    if !cur.is_empty() {
        out.push(cur.join("<br>"));
    }
    out
}

fn element(tag: &str, open: &str, inner: &str, c: &mut Converted) {
    match tag {
        "p" => paragraph(inner, c),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let text = strip_tags(inner).trim().to_string();
            let level = match tag {
                "h1" | "h2" => 2,
                "h3" => 3,
                _ => 4,
            };
            if !text.is_empty() {
                c.pieces.push(Piece::Block(Block::Heading {
                    text: truncate(&text, 200),
                    level,
                }));
            }
        }
        "ul" | "ol" => list(tag == "ol", inner, c),
        "blockquote" => quote(open, inner, c),
        "figure" => figure(open, inner, c),
        "iframe" => {
            if let Some(b) = attr(open, "src").and_then(|u| embed(&u)) {
                c.pieces.push(Piece::Block(b));
            }
        }
        "div" | "section" | "details" => blocks_of(inner, c),
        "hr" | "script" | "style" | "form" => {}
        _ => flatten(inner, c),
    }
}

fn paragraph(inner: &str, c: &mut Converted) {
    if !tags(inner, "img").is_empty() {
        images(inner, None, c);
        let rest = html::without(&html::without(inner, "img"), "a");
        let rest_text = strip_tags(&rest);
        if !rest_text.trim().is_empty() {
            paragraph(&rest, c);
        }
        return;
    }
    let text = strip_tags(inner);
    let plain = text.trim();
    if plain.is_empty() {
        return;
    }
    if let Some(b) = plain.starts_with("http").then(|| embed(plain)).flatten() {
        c.pieces.push(Piece::Block(b));
        return;
    }
    if let Some(url) = indonesian::baca_juga(inner) {
        c.pieces.push(Piece::Related {
            url,
            fallback: sanitize_inline(inner),
        });
        return;
    }
    push_text(inner, c);
}

/// Sanitised inline text as one or more paragraphs (Warta caps a paragraph at 20,000).
fn push_text(inner: &str, c: &mut Converted) {
    let clean = sanitize_inline(inner);
    if clean.is_empty() {
        return;
    }
    c.pieces.push(Piece::Block(Block::Paragraph {
        text: truncate(&clean, 20_000),
    }));
}

fn list(ordered: bool, inner: &str, c: &mut Converted) {
    let items: Vec<String> = inner
        .split("<li")
        .skip(1)
        .filter_map(|li| {
            let body = li.split_once('>').map_or("", |(_, b)| b);
            let body = body.split("</li>").next().unwrap_or(body);
            let clean = sanitize_inline(body);
            (!clean.is_empty()).then(|| truncate(&clean, 2_000))
        })
        .take(100)
        .collect();
    if items.is_empty() {
        return flatten(inner, c);
    }
    c.pieces.push(Piece::Block(Block::List { ordered, items }));
}

fn quote(open: &str, inner: &str, c: &mut Converted) {
    let class = attr(open, "class").unwrap_or_default();
    if class.contains("twitter-tweet") || class.contains("instagram-media") {
        for a in tags(inner, "a") {
            if let Some(b) = attr(a, "href").and_then(|u| embed(&u)) {
                c.pieces.push(Piece::Block(b));
                return;
            }
        }
    }
    let cite = inner_of(inner, "cite").map(|t| strip_tags(t).trim().to_string());
    let text = strip_tags(&html::without(inner, "cite")).trim().to_string();
    if text.is_empty() {
        return;
    }
    c.pieces.push(Piece::Block(Block::Quote {
        text: truncate(&text, 5_000),
        cite: cite.filter(|s| !s.is_empty()).map(|s| truncate(&s, 200)),
    }));
}

fn figure(open: &str, inner: &str, c: &mut Converted) {
    let class = attr(open, "class").unwrap_or_default();
    if let Some(ids) = attr(open, "data-ids") {
        for id in ids.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            c.pieces.push(Piece::Image {
                src: String::new(),
                attachment: Some(id.to_string()),
                caption: String::new(),
                credit: String::new(),
                alt: String::new(),
            });
        }
        return;
    }
    if !tags(inner, "img").is_empty() {
        let caption = inner_of(inner, "figcaption").map(|f| strip_tags(f).trim().to_string());
        let id = attr(open, "data-id").filter(|i| !i.is_empty());
        let inner = html::without(inner, "figcaption");
        return images(&inner, caption.map(|cap| (cap, id)), c);
    }
    let text = strip_tags(inner);
    let url = tags(inner, "iframe")
        .into_iter()
        .find_map(|t| attr(t, "src"))
        .unwrap_or_else(|| text.trim().to_string());
    if let Some(b) = embed(&url) {
        return c.pieces.push(Piece::Block(b));
    }
    if class.contains("embed") && url.starts_with("http") {
        // An embed Warta does not render (another provider): keep it as a link.
        return push_text(&format!("<a href=\"{url}\">{url}</a>"), c);
    }
    blocks_of(inner, c);
}

/// Every `<img>` in `s` as a photo; a single one gets the caption (and its attachment id).
fn images(s: &str, caption: Option<(String, Option<String>)>, c: &mut Converted) {
    let imgs = tags(s, "img");
    let single = imgs.len() == 1;
    let (caption, caption_id) = caption.unwrap_or_default();
    for img in imgs {
        let class = attr(img, "class").unwrap_or_default();
        let id = class
            .split_whitespace()
            .find_map(|k| k.strip_prefix("wp-image-"))
            .map(str::to_string)
            .or_else(|| caption_id.clone().filter(|_| single));
        let (cap, credit) = if single {
            indonesian::split_credit(&caption)
        } else {
            (String::new(), String::new())
        };
        c.pieces.push(Piece::Image {
            src: attr(img, "src").unwrap_or_default(),
            attachment: id,
            caption: truncate(&cap, 1_000),
            credit: truncate(&credit, 200),
            alt: truncate(&attr(img, "alt").unwrap_or_default(), 1_000),
        });
    }
}

fn flatten(inner: &str, c: &mut Converted) {
    let before = c.pieces.len();
    let text = inner
        .replace("</tr>", "\n\n")
        .replace("</td>", " ")
        .replace("</th>", " ")
        .replace("</li>", "\n\n");
    for para in split_paragraphs(&text) {
        push_text(&para, c);
    }
    if c.pieces.len() > before {
        c.flattened += 1;
    }
}

fn embed(url: &str) -> Option<Block> {
    Embed::parse(url.trim())
        .ok()
        .map(|e| Block::Embed { url: e.url })
}

/// At most `max` characters.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => s[..i].to_string(),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests;
