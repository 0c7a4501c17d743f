//! Just enough HTML scanning for WordPress post content: top-level block elements, the
//! attributes of a tag, comments and shortcodes. Broken markup never fails: an unclosed
//! element runs to the end of its input.

/// Elements that stand as blocks of their own (wpautop does not wrap them in `<p>`).
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "div",
    "table",
    "pre",
    "hr",
    "iframe",
    "section",
    "dl",
    "address",
    "form",
    "video",
    "audio",
    "script",
    "style",
    "details",
];

const VOID: &[&str] = &["hr"];

/// A piece of content at the top level.
#[derive(Debug, Clone, PartialEq)]
pub enum Chunk<'a> {
    /// A block element: its tag name (lower case), its opening tag and its inner HTML.
    Element {
        tag: String,
        open: &'a str,
        inner: &'a str,
    },
    /// Text and inline markup between block elements.
    Text(&'a str),
}

/// The tag name at `s` (which starts with `<`), lower-cased, if it opens an element.
fn tag_name(s: &str) -> Option<String> {
    let rest = s.strip_prefix('<')?;
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    (end > 0 && rest.as_bytes()[0].is_ascii_alphabetic()).then(|| rest[..end].to_ascii_lowercase())
}

fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (from..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Where the element opened at `start` (its tag `tag`) ends: (end of the opening tag, start of
/// the closing tag, end of the closing tag). Nested elements of the same name are counted.
fn element_end(s: &str, start: usize, tag: &str) -> (usize, usize, usize) {
    let open_end = s[start..].find('>').map_or(s.len(), |i| start + i + 1);
    if VOID.contains(&tag) || s[start..open_end].ends_with("/>") {
        return (open_end, open_end, open_end);
    }
    let open_pat = format!("<{tag}");
    let close_pat = format!("</{tag}");
    let mut depth = 1;
    let mut at = open_end;
    loop {
        let next_open = find_ci(s, &open_pat, at).filter(|&i| {
            s[i + open_pat.len()..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii_alphanumeric())
        });
        let Some(close) = find_ci(s, &close_pat, at) else {
            return (open_end, s.len(), s.len());
        };
        match next_open {
            Some(o) if o < close => {
                depth += 1;
                at = o + open_pat.len();
            }
            _ => {
                depth -= 1;
                let close_end = s[close..].find('>').map_or(s.len(), |i| close + i + 1);
                if depth == 0 {
                    return (open_end, close, close_end);
                }
                at = close_end;
            }
        }
    }
}

/// Split content into top-level block elements and the text between them.
pub fn chunks(s: &str) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while let Some(off) = s[i..].find('<') {
        let at = i + off;
        match tag_name(&s[at..]).filter(|t| BLOCK_TAGS.contains(&t.as_str())) {
            Some(tag) => {
                if at > text_start {
                    out.push(Chunk::Text(&s[text_start..at]));
                }
                let (open_end, close, end) = element_end(s, at, &tag);
                out.push(Chunk::Element {
                    tag,
                    open: &s[at..open_end],
                    inner: &s[open_end..close],
                });
                i = end;
                text_start = end;
            }
            None => i = at + 1,
        }
    }
    if text_start < s.len() {
        out.push(Chunk::Text(&s[text_start..]));
    }
    out
}

/// The value of attribute `name` in an opening tag or shortcode (`name="v"`, `name='v'`).
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = find_ci(tag, name, from) {
        from = i + name.len();
        let before_ok = i == 0 || tag.as_bytes()[i - 1].is_ascii_whitespace();
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let (q, body) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
            _ => (None, rest),
        };
        let end = match q {
            Some(q) => body.find(q).unwrap_or(body.len()),
            None => body
                .find(|c: char| c.is_whitespace() || c == '>' || c == ']')
                .unwrap_or(body.len()),
        };
        return Some(decode_entities(&body[..end]));
    }
    None
}

/// Every opening tag `<name …>` in `s`.
pub fn tags<'a>(s: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!("<{name}");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = find_ci(s, &pat, from) {
        let end = s[i..].find('>').map_or(s.len(), |e| i + e + 1);
        if tag_name(&s[i..]).as_deref() == Some(name) {
            out.push(&s[i..end]);
        }
        from = end.max(i + 1);
    }
    out
}

/// The inner HTML of the first `<name>` element in `s`.
pub fn inner_of<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!("<{name}");
    let start = find_ci(s, &pat, 0)?;
    let (open_end, close, _) = element_end(s, start, name);
    Some(&s[open_end..close])
}

/// `s` without the elements `<name>…</name>`.
pub fn without(s: &str, name: &str) -> String {
    let pat = format!("<{name}");
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    while let Some(i) = find_ci(s, &pat, from) {
        out.push_str(&s[from..i]);
        let (_, _, end) = element_end(s, i, name);
        from = end;
    }
    out.push_str(&s[from..]);
    out
}

/// `s` without HTML comments (Gutenberg's block delimiters, `<!--more-->`); returns how many
/// `<!--more-->` markers there were.
pub fn strip_comments(s: &str) -> (String, usize) {
    let mut out = String::with_capacity(s.len());
    let mut more = 0;
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        let Some(end) = after.find("-->") else {
            rest = "";
            break;
        };
        let body = after[..end].trim();
        if body.starts_with("more") || body == "nextpage" {
            more += 1;
        }
        // Block delimiters separate blocks as blank lines would.
        if body.starts_with("wp:") || body.starts_with("/wp:") {
            out.push_str("\n\n");
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    (out, more)
}

/// Decode the common entities of attribute values.
pub fn decode_entities(s: &str) -> String {
    warta_core::strip_tags(&s.replace('<', "&lt;"))
}
