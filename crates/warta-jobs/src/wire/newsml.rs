//! IPTC NewsML-G2 files (a `newsMessage` or a single `newsItem`), read with `quick-xml`:
//! text items become wire items; a picture item in the same file (`ninat:picture`, its
//! `remoteContent` and `creditline`) becomes their photo. Element names are matched on their
//! local name, so any namespace prefix works.

use super::parse::{ParsedItem, PhotoRef};
use anyhow::{Context as _, bail};
use quick_xml::events::{BytesStart, Event};

#[derive(Default)]
struct Raw {
    guid: String,
    class: String,
    provider: String,
    created: String,
    headline: String,
    description: String,
    credit: String,
    paragraphs: Vec<String>,
    remote: Option<String>,
    link: Option<String>,
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Parse one NewsML-G2 document.
pub fn parse_newsml(bytes: &[u8]) -> anyhow::Result<Vec<ParsedItem>> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut items: Vec<Raw> = Vec::new();
    let mut cur: Option<Raw> = None;
    let mut para = String::new();
    let mut root_seen = false;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .with_context(|| format!("invalid XML near byte {}", reader.buffer_position()))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if !root_seen {
                    root_seen = true;
                    if name != "newsMessage" && name != "newsItem" {
                        bail!("not NewsML-G2: the document is <{name}>");
                    }
                }
                let empty = matches!(ev, Event::Empty(_));
                if name == "newsItem" {
                    cur = Some(Raw {
                        guid: attr(e, b"guid").unwrap_or_default(),
                        ..Raw::default()
                    });
                }
                if let Some(r) = cur.as_mut() {
                    match name.as_str() {
                        "itemClass" => r.class = attr(e, b"qcode").unwrap_or_default(),
                        "provider" => {
                            r.provider = attr(e, b"literal")
                                .or_else(|| {
                                    attr(e, b"qcode").map(|q| {
                                        q.rsplit(':').next().unwrap_or_default().to_string()
                                    })
                                })
                                .unwrap_or_default()
                        }
                        "remoteContent" => r.remote = r.remote.take().or(attr(e, b"href")),
                        "link" if r.link.is_none() => {
                            r.link = attr(e, b"href").filter(|h| h.starts_with("http"))
                        }
                        "p" | "br" => flush(&mut para, r),
                        _ => {}
                    }
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                if let Some(r) = cur.as_mut()
                    && matches!(name.as_str(), "p" | "inlineXML" | "inlineData" | "div")
                {
                    flush(&mut para, r);
                }
                if name == "newsItem"
                    && let Some(r) = cur.take()
                {
                    items.push(r);
                }
            }
            Event::Text(t) => {
                let text = t.unescape().context("invalid XML text")?;
                if let Some(r) = cur.as_mut() {
                    let inside = |n: &str| stack.iter().any(|s| s == n);
                    let last = stack.last().map(String::as_str).unwrap_or("");
                    if inside("inlineXML") || inside("inlineData") {
                        para.push_str(&text);
                    } else if inside("provider") && last == "name" {
                        r.provider = text.trim().to_string();
                    } else {
                        let field = match last {
                            "headline" if inside("contentMeta") => Some(&mut r.headline),
                            "description" if inside("contentMeta") => Some(&mut r.description),
                            "creditline" => Some(&mut r.credit),
                            "versionCreated" | "contentCreated" if r.created.is_empty() => {
                                Some(&mut r.created)
                            }
                            _ => None,
                        };
                        if let Some(f) = field {
                            f.push_str(text.trim());
                        }
                    }
                }
            }
            Event::CData(t) => para.push_str(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !root_seen {
        bail!("not NewsML-G2: the file is empty");
    }
    if !stack.is_empty() {
        bail!(
            "the XML ends before </{}>",
            stack.last().map(String::as_str).unwrap_or("")
        );
    }
    let picture = items
        .iter()
        .find(|r| r.class.ends_with(":picture"))
        .and_then(|p| {
            Some(PhotoRef {
                url: p.remote.clone()?,
                caption: if p.description.is_empty() {
                    p.headline.clone()
                } else {
                    p.description.clone()
                },
                credit: p.credit.clone(),
            })
        });
    Ok(items
        .into_iter()
        .filter(|r| !r.class.ends_with(":picture") && !r.guid.is_empty())
        .map(|r| ParsedItem {
            published_at: r
                .created
                .parse::<jiff::Timestamp>()
                .ok()
                .map(|t| t.as_millisecond()),
            guid: r.guid,
            headline: r.headline,
            body: r.paragraphs.join("\n\n"),
            link: r.link,
            photo: picture.clone(),
            agency: Some(r.provider).filter(|p| !p.is_empty()),
        })
        .collect())
}

/// End the paragraph being read.
fn flush(para: &mut String, r: &mut Raw) {
    let p = para.split_whitespace().collect::<Vec<_>>().join(" ");
    if !p.is_empty() {
        r.paragraphs.push(p);
    }
    para.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_item_with_its_picture() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
<newsItem guid="urn:newsml:contoh:1"><itemMeta><itemClass qcode="ninat:text"/>
<provider qcode="nprov:ANTARA"><name>Antara</name></provider>
<versionCreated>2026-12-01T10:00:00+07:00</versionCreated></itemMeta>
<contentMeta><headline>Judul &amp; isi</headline></contentMeta>
<contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Satu.</p><p>Dua
 baris.</p></body></html></inlineXML></contentSet></newsItem>
<newsItem guid="urn:newsml:contoh:1f"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
<contentMeta><description>Keterangan</description><creditline>ANTARA FOTO/Rina</creditline></contentMeta>
<contentSet><remoteContent href="foto.jpg" contenttype="image/jpeg"/></contentSet></newsItem>
</itemSet></newsMessage>"#;
        let items = parse_newsml(xml.as_bytes()).unwrap();
        assert_eq!(items.len(), 1);
        let it = &items[0];
        assert_eq!(it.headline, "Judul & isi");
        assert_eq!(it.body, "Satu.\n\nDua baris.");
        assert_eq!(it.agency.as_deref(), Some("Antara"));
        assert_eq!(it.published_at, Some(1_796_094_000_000));
        let p = it.photo.as_ref().unwrap();
        assert_eq!(
            (p.url.as_str(), p.credit.as_str()),
            ("foto.jpg", "ANTARA FOTO/Rina")
        );
    }

    #[test]
    fn broken_or_foreign_xml_is_refused() {
        assert!(parse_newsml(b"<newsItem guid='x'><contentMeta>").is_err());
        assert!(parse_newsml(b"<rss><channel/></rss>").is_err());
        assert!(parse_newsml(b"").is_err());
    }
}
