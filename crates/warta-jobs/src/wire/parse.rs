//! Turning a feed's body into items: RSS 2.0 and Atom through `feed-rs`, IPTC ninjs JSON
//! through serde. Anything else (an HTML error page, broken XML or JSON) is an error that
//! names what was wrong; the feed's earlier items stay as they are.

use anyhow::{Context as _, anyhow, bail};
use serde::Deserialize;

/// A photo an item points at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhotoRef {
    /// An http(s) URL, or for the drop folder a path inside it.
    pub url: String,
    pub caption: String,
    pub credit: String,
}

/// One item as the agency sent it, in plain text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedItem {
    pub guid: String,
    pub headline: String,
    /// Paragraphs separated by blank lines.
    pub body: String,
    pub link: Option<String>,
    /// Epoch ms.
    pub published_at: Option<i64>,
    pub photo: Option<PhotoRef>,
    /// The agency named by the item itself (NewsML-G2's provider).
    pub agency: Option<String>,
}

/// Refuse a document that is not well-formed XML (feed parsers forgive a body cut off in the
/// middle, which would store half an item).
fn well_formed(bytes: &[u8]) -> anyhow::Result<()> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut root = false;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| anyhow!("invalid XML near byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(_) => {
                depth += 1;
                root = true;
            }
            Event::Empty(_) => root = true,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !root {
        bail!("not an RSS or Atom feed: no XML element");
    }
    if depth > 0 {
        bail!("invalid XML: the document ends inside an element");
    }
    Ok(())
}

/// Parse an RSS 2.0 or Atom document.
pub fn parse_feed(bytes: &[u8]) -> anyhow::Result<Vec<ParsedItem>> {
    well_formed(bytes)?;
    let feed =
        feed_rs::parser::parse(bytes).map_err(|e| anyhow!("not an RSS or Atom feed: {e}"))?;
    let mut items = Vec::with_capacity(feed.entries.len());
    for e in feed.entries {
        let headline = e
            .title
            .map(|t| html_to_text(&t.content))
            .unwrap_or_default();
        let body = e
            .content
            .and_then(|c| c.body)
            .or_else(|| e.summary.map(|s| s.content))
            .map(|b| html_to_text(&b))
            .unwrap_or_default();
        let link = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| l.href.clone());
        let photo = e.media.iter().find_map(|m| {
            let c = m.content.iter().find(|c| {
                c.url.is_some()
                    && c.content_type
                        .as_ref()
                        .is_none_or(|t| t.to_string().starts_with("image/"))
            })?;
            Some(PhotoRef {
                url: c.url.as_ref()?.to_string(),
                caption: m
                    .description
                    .as_ref()
                    .or(m.title.as_ref())
                    .map(|t| html_to_text(&t.content))
                    .unwrap_or_default(),
                credit: m
                    .credits
                    .first()
                    .map(|c| c.entity.trim().to_string())
                    .unwrap_or_default(),
            })
        });
        items.push(ParsedItem {
            guid: e.id,
            headline,
            body,
            link,
            published_at: e.published.or(e.updated).map(|t| t.timestamp_millis()),
            photo,
            agency: None,
        });
    }
    Ok(items)
}

/// An IPTC ninjs item (the fields Warta reads; versions 1.x and 2.x).
#[derive(Debug, Deserialize)]
struct Ninjs {
    uri: String,
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    headlines: Vec<NinjsText>,
    #[serde(default)]
    body_html: Option<String>,
    #[serde(default)]
    body_text: Option<String>,
    #[serde(default)]
    bodies: Vec<NinjsText>,
    #[serde(default)]
    versioncreated: Option<String>,
    #[serde(default)]
    firstcreated: Option<String>,
    #[serde(default)]
    associations: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct NinjsText {
    value: String,
}

/// Parse ninjs: one item, an array of items, or an object with `items` / `data`.
pub fn parse_ninjs(bytes: &[u8]) -> anyhow::Result<Vec<ParsedItem>> {
    let v: serde_json::Value =
        serde_json::from_slice(bytes).context("not JSON (ninjs expected)")?;
    let list = match v {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("items").or_else(|| o.remove("data")) {
            Some(serde_json::Value::Array(a)) => a,
            _ => vec![serde_json::Value::Object(o)],
        },
        _ => bail!("ninjs: expected an object or an array of items"),
    };
    let mut items = Vec::with_capacity(list.len());
    for (n, raw) in list.into_iter().enumerate() {
        let it: Ninjs = serde_json::from_value(raw)
            .with_context(|| format!("ninjs item {}: not a ninjs item", n + 1))?;
        let headline = it
            .headline
            .or_else(|| it.headlines.into_iter().next().map(|h| h.value))
            .unwrap_or_default();
        let body = it
            .body_html
            .map(|h| html_to_text(&h))
            .or(it.body_text)
            .or_else(|| it.bodies.into_iter().next().map(|b| html_to_text(&b.value)))
            .unwrap_or_default();
        let time = it.versioncreated.or(it.firstcreated);
        let published_at = time
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .map(|t| t.as_millisecond());
        let photo = it.associations.as_ref().and_then(ninjs_picture);
        items.push(ParsedItem {
            guid: it.uri,
            headline: html_to_text(&headline),
            body,
            link: None,
            published_at,
            photo,
            agency: None,
        });
    }
    Ok(items)
}

/// The first picture among a ninjs item's associations, with its caption and credit.
fn ninjs_picture(assoc: &serde_json::Value) -> Option<PhotoRef> {
    let pics: Vec<&serde_json::Value> = match assoc {
        serde_json::Value::Object(o) => o.values().collect(),
        serde_json::Value::Array(a) => a.iter().collect(),
        _ => return None,
    };
    pics.into_iter().find_map(|p| {
        if p.get("type").and_then(|t| t.as_str()) != Some("picture") {
            return None;
        }
        let r = p.get("renditions")?;
        let href = match r {
            serde_json::Value::Object(o) => o
                .get("original")
                .or_else(|| o.values().next())
                .and_then(|x| x.get("href")),
            serde_json::Value::Array(a) => a.first().and_then(|x| x.get("href")),
            _ => None,
        }?;
        let text = |k: &str| {
            p.get(k)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let caption = match text("description_text") {
            c if c.is_empty() => p
                .pointer("/descriptions/0/value")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string(),
            c => c,
        };
        let credit = match text("by") {
            c if c.is_empty() => text("copyrightholder"),
            c => c,
        };
        Some(PhotoRef {
            url: href.as_str()?.to_string(),
            caption,
            credit,
        })
    })
}

/// Plain text from a bit of HTML: block ends become paragraph breaks, tags go, the common
/// entities are decoded, white space is tidied.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match name.as_str() {
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "li" | "blockquote"
                if tag.starts_with('/') =>
            {
                out.push_str("\n\n")
            }
            "br" => out.push('\n'),
            _ => out.push(' '),
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    decoded
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_paragraphs_of_plain_text() {
        let t = html_to_text(
            "<p>Harga <b>beras</b> turun &amp; stabil.</p>\n<p>Kedua&nbsp;kalinya</p>",
        );
        assert_eq!(t, "Harga beras turun & stabil.\n\nKedua kalinya");
        assert_eq!(html_to_text("a &bogus; b &#233; <"), "a &bogus; b é");
    }

    #[test]
    fn html_and_broken_json_are_errors() {
        assert!(parse_feed(b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>").is_err());
        let cut = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>putus";
        assert!(parse_feed(cut).is_err(), "a body cut off is refused");
        assert!(parse_feed(b"Service Unavailable").is_err());
        assert!(parse_ninjs(b"{\"uri\": ").is_err());
        assert!(parse_ninjs(b"[{\"headline\": \"tanpa uri\"}]").is_err());
    }
}
