//! A streaming WXR (WordPress eXtended RSS) reader: one [`Entry`] at a time, so memory stays
//! flat whatever the file's size. Elements are matched on their local names because WXR 1.0,
//! 1.1 and 1.2 differ in the `wp:` namespace URI; `content:encoded` and `excerpt:encoded`
//! share a local name and are told apart by their (fixed) prefix.

use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// What the reader found.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// The old site's address (`wp:base_blog_url`, or the channel's `link`).
    Site(String),
    Author(Author),
    Category(Category),
    Tag(Tag),
    Item(Box<Item>),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Author {
    pub id: String,
    pub login: String,
    pub email: String,
    pub display_name: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Category {
    pub term_id: String,
    pub nicename: String,
    pub parent: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tag {
    pub term_id: String,
    pub slug: String,
    pub name: String,
}

/// A term attached to an item: `<category domain="post_tag" nicename="x">X</category>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemTerm {
    pub domain: String,
    pub nicename: String,
    pub name: String,
}

/// One `<item>`: a post, page, attachment, menu item…
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    pub title: String,
    pub link: String,
    pub guid: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub post_id: String,
    pub post_date: String,
    pub post_date_gmt: String,
    pub post_modified_gmt: String,
    pub post_name: String,
    pub status: String,
    pub post_parent: String,
    pub post_type: String,
    pub attachment_url: String,
    pub terms: Vec<ItemTerm>,
    /// `wp:postmeta` pairs (`_thumbnail_id`, `_wp_attachment_image_alt`…).
    pub meta: Vec<(String, String)>,
}

impl Item {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A file that is not a readable WXR export; says where.
#[derive(Debug, thiserror::Error)]
#[error("{message} (byte {position}{})", .item.as_ref().map(|i| format!(", in item {i}")).unwrap_or_default())]
pub struct WxrError {
    pub message: String,
    pub position: u64,
    /// The item being read (its title or id), if any.
    pub item: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Channel,
    Author,
    Category,
    Tag,
    Item,
    Meta,
    Comment,
}

/// Reads entries from a WXR stream.
pub struct Reader<R: BufRead> {
    xml: quick_xml::Reader<R>,
    buf: Vec<u8>,
    depth: usize,
    scopes: Vec<(Scope, usize)>,
    text: String,
    author: Author,
    category: Category,
    tag: Tag,
    item: Item,
    meta: (String, String),
    term: Option<ItemTerm>,
    site_sent: bool,
    seen_rss: bool,
    /// Items begun so far and where the current one began, to name it in errors.
    items: u64,
    item_start: u64,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Reader<R> {
        let mut xml = quick_xml::Reader::from_reader(input);
        xml.config_mut().trim_text(false);
        Reader {
            xml,
            buf: Vec::with_capacity(64 * 1024),
            depth: 0,
            scopes: vec![(Scope::Channel, 0)],
            text: String::new(),
            author: Author::default(),
            category: Category::default(),
            tag: Tag::default(),
            item: Item::default(),
            meta: Default::default(),
            term: None,
            site_sent: false,
            seen_rss: false,
            items: 0,
            item_start: 0,
        }
    }

    /// Bytes read so far (for a progress bar).
    pub fn position(&self) -> u64 {
        self.xml.buffer_position()
    }

    fn error(&self, message: impl Into<String>) -> WxrError {
        let in_item = self.scopes.iter().any(|(s, _)| *s == Scope::Item);
        WxrError {
            message: message.into(),
            position: self.xml.buffer_position(),
            item: in_item.then(|| {
                let mut name = format!("no. {} from byte {}", self.items, self.item_start);
                if !self.item.title.trim().is_empty() {
                    name.push_str(&format!(", '{}'", self.item.title.trim()));
                }
                if !self.item.post_id.is_empty() {
                    name.push_str(&format!(", id {}", self.item.post_id));
                }
                name
            }),
        }
    }

    fn scope(&self) -> Scope {
        self.scopes.last().map_or(Scope::Channel, |s| s.0)
    }

    /// The next entry, `None` at the end of a complete file.
    pub fn next_entry(&mut self) -> Result<Option<Entry>, WxrError> {
        loop {
            self.buf.clear();
            let event = match self.xml.read_event_into(&mut self.buf) {
                Ok(e) => e.into_owned(),
                Err(e) => return Err(self.error(format!("invalid XML: {e}"))),
            };
            match event {
                Event::Decl(d) => {
                    if let Some(Ok(enc)) = d.encoding() {
                        let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                        if enc != "utf-8" && enc != "utf8" {
                            return Err(self.error(format!(
                                "unsupported encoding '{enc}': save the export as UTF-8"
                            )));
                        }
                    }
                }
                Event::Start(e) => {
                    self.depth += 1;
                    self.text.clear();
                    self.start(&e)?;
                }
                Event::Empty(e) => {
                    self.depth += 1;
                    self.text.clear();
                    self.start(&e)?;
                    if let Some(entry) = self.end(e.name().as_ref().to_vec())? {
                        return Ok(Some(entry));
                    }
                }
                Event::End(e) => {
                    if let Some(entry) = self.end(e.name().as_ref().to_vec())? {
                        return Ok(Some(entry));
                    }
                }
                Event::Text(t) => {
                    let s = t
                        .unescape()
                        .map_err(|e| self.error(format!("invalid text: {e}")))?;
                    self.text.push_str(&s);
                }
                Event::CData(c) => match std::str::from_utf8(&c) {
                    Ok(s) => self.text.push_str(s),
                    Err(_) => return Err(self.error("text that is not UTF-8")),
                },
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self.error("the file ends in the middle (truncated?)"));
                    }
                    if !self.seen_rss {
                        return Err(self.error("not a WordPress export (no <rss> element)"));
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), WxrError> {
        let local = e.local_name();
        let name = local.as_ref();
        if self.depth == 1 {
            if name != b"rss" {
                return Err(self.error("not a WordPress export (no <rss> element)"));
            }
            self.seen_rss = true;
        }
        let scope = self.scope();
        let next = match (scope, name) {
            (Scope::Channel, b"author") if self.depth == 3 => Some(Scope::Author),
            (Scope::Channel, b"category") if self.depth == 3 => Some(Scope::Category),
            (Scope::Channel, b"tag") if self.depth == 3 => Some(Scope::Tag),
            (Scope::Channel, b"item") => Some(Scope::Item),
            (Scope::Item, b"postmeta") => Some(Scope::Meta),
            (Scope::Item, b"comment") => Some(Scope::Comment),
            _ => None,
        };
        if let Some(s) = next {
            match s {
                Scope::Author => self.author = Author::default(),
                Scope::Category => self.category = Category::default(),
                Scope::Tag => self.tag = Tag::default(),
                Scope::Item => {
                    self.item = Item::default();
                    self.items += 1;
                    self.item_start = self.xml.buffer_position();
                }
                Scope::Meta => self.meta = Default::default(),
                _ => {}
            }
            self.scopes.push((s, self.depth));
        } else if scope == Scope::Item && name == b"category" {
            let mut t = ItemTerm::default();
            for a in e.attributes().flatten() {
                let v = a.unescape_value().unwrap_or_default().to_string();
                match a.key.local_name().as_ref() {
                    b"domain" => t.domain = v,
                    b"nicename" => t.nicename = v,
                    _ => {}
                }
            }
            self.term = Some(t);
        }
        Ok(())
    }

    fn end(&mut self, qname: Vec<u8>) -> Result<Option<Entry>, WxrError> {
        let depth = self.depth;
        self.depth = self.depth.saturating_sub(1);
        let local = match qname.iter().position(|&b| b == b':') {
            Some(i) => &qname[i + 1..],
            None => &qname[..],
        };
        let prefix = qname.split(|&b| b == b':').next().unwrap_or_default();
        let text = std::mem::take(&mut self.text);
        if let Some(&(scope, d)) = self.scopes.last()
            && d == depth
            && scope != Scope::Channel
        {
            self.scopes.pop();
            return Ok(match scope {
                Scope::Author => Some(Entry::Author(std::mem::take(&mut self.author))),
                Scope::Category => Some(Entry::Category(std::mem::take(&mut self.category))),
                Scope::Tag => Some(Entry::Tag(std::mem::take(&mut self.tag))),
                Scope::Item => Some(Entry::Item(Box::new(std::mem::take(&mut self.item)))),
                Scope::Meta => {
                    let m = std::mem::take(&mut self.meta);
                    self.item.meta.push(m);
                    None
                }
                _ => None,
            });
        }
        let t = text.trim().to_string();
        match self.scope() {
            Scope::Channel
                if depth == 3
                    && (local == b"base_blog_url" || local == b"link")
                    && !self.site_sent
                    && !t.is_empty() =>
            {
                self.site_sent = true;
                return Ok(Some(Entry::Site(t)));
            }
            Scope::Author => match local {
                b"author_id" => self.author.id = t,
                b"author_login" => self.author.login = t,
                b"author_email" => self.author.email = t,
                b"author_display_name" => self.author.display_name = t,
                _ => {}
            },
            Scope::Category => match local {
                b"term_id" => self.category.term_id = t,
                b"category_nicename" => self.category.nicename = t,
                b"category_parent" => self.category.parent = t,
                b"cat_name" => self.category.name = t,
                _ => {}
            },
            Scope::Tag => match local {
                b"term_id" => self.tag.term_id = t,
                b"tag_slug" => self.tag.slug = t,
                b"tag_name" => self.tag.name = t,
                _ => {}
            },
            Scope::Meta => match local {
                b"meta_key" => self.meta.0 = t,
                b"meta_value" => self.meta.1 = text,
                _ => {}
            },
            Scope::Item => self.item_field(local, prefix, t, text),
            _ => {}
        }
        Ok(None)
    }

    fn item_field(&mut self, local: &[u8], prefix: &[u8], t: String, raw: String) {
        let i = &mut self.item;
        match local {
            b"title" => i.title = t,
            b"link" => i.link = t,
            b"guid" => i.guid = t,
            b"creator" => i.creator = t,
            b"encoded" if prefix == b"excerpt" => i.excerpt = raw,
            b"encoded" => i.content = raw,
            b"post_id" => i.post_id = t,
            b"post_date" => i.post_date = t,
            b"post_date_gmt" => i.post_date_gmt = t,
            b"post_modified_gmt" => i.post_modified_gmt = t,
            b"post_name" => i.post_name = t,
            b"status" => i.status = t,
            b"post_parent" => i.post_parent = t,
            b"post_type" => i.post_type = t,
            b"attachment_url" => i.attachment_url = t,
            b"category" => {
                if let Some(mut term) = self.term.take() {
                    term.name = t;
                    i.terms.push(term);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
