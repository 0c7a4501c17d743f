//! The first pass over an export: checks the whole file (a truncated or invalid file is
//! refused before anything is written) and collects what the second pass needs to resolve
//! references: attachments by id, the posts' old addresses, the category tree.

use crate::digest::{self, PostId};
use crate::paths::old_path;
use crate::wxr::{Category, Entry, Reader, WxrError};
use std::collections::HashMap;
use std::io::BufRead;

/// An attachment of the export.
#[derive(Debug, Clone, Default)]
pub struct Attachment {
    pub url: String,
    pub caption: String,
    pub alt: String,
    pub parent: String,
    pub link: String,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub site: String,
    pub attachments: HashMap<String, Attachment>,
    /// Old address key (its [`digest::key`]) → post id, for "Baca juga" links.
    pub links: HashMap<u128, PostId>,
    pub categories: HashMap<String, Category>,
    pub items: usize,
}

impl Plan {
    /// The top-level category above `nicename` and whether `nicename` is below one.
    pub fn top_of<'a>(&'a self, nicename: &'a str) -> (&'a str, bool) {
        let mut cur = nicename;
        for _ in 0..20 {
            match self.categories.get(cur) {
                Some(c) if !c.parent.is_empty() && self.categories.contains_key(&c.parent) => {
                    cur = c.parent.as_str();
                }
                _ => break,
            }
        }
        (cur, cur != nicename)
    }

    /// `parent/child` path of a category's archive, as WordPress builds it.
    pub fn category_path(&self, nicename: &str) -> String {
        let mut parts = vec![nicename.to_string()];
        let mut cur = nicename;
        for _ in 0..20 {
            match self.categories.get(cur) {
                Some(c) if !c.parent.is_empty() && self.categories.contains_key(&c.parent) => {
                    parts.push(c.parent.clone());
                    cur = c.parent.as_str();
                }
                _ => break,
            }
        }
        parts.reverse();
        parts.join("/")
    }
}

/// Read the whole export once.
pub fn scan<R: BufRead>(input: R) -> Result<Plan, WxrError> {
    let mut r = Reader::new(input);
    let mut plan = Plan::default();
    let mut site: Option<url::Url> = None;
    while let Some(entry) = r.next_entry()? {
        match entry {
            Entry::Site(s) => {
                site = url::Url::parse(&s).ok();
                plan.site = s;
            }
            Entry::Category(c) => {
                plan.categories.insert(c.nicename.clone(), c);
            }
            Entry::Item(item) => {
                plan.items += 1;
                if item.post_type == "attachment" {
                    plan.attachments.insert(
                        item.post_id.clone(),
                        Attachment {
                            url: item.attachment_url.clone(),
                            caption: item.excerpt.trim().to_string(),
                            alt: item
                                .meta("_wp_attachment_image_alt")
                                .unwrap_or_default()
                                .trim()
                                .to_string(),
                            parent: item.post_parent.clone(),
                            link: item.link.clone(),
                        },
                    );
                } else if let Some(site) = &site {
                    for address in [&item.link, &item.guid] {
                        if let Some(key) = old_path(site, address) {
                            plan.links
                                .insert(digest::key(&[&key]), PostId::new(&item.post_id));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(plan)
}
