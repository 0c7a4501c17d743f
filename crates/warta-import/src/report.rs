//! What an import did: counts per kind, what was skipped and why, photos that could not be
//! had, and what was kept as plain text. Printed at the end and written as JSON.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// The old site's address.
    pub source: String,
    /// Items made now, per kind (`post`, `page`, `attachment`, `author`, `rubrik`, `tag`).
    pub imported: BTreeMap<String, usize>,
    /// Items an earlier run made (left as they are), per kind.
    pub already_imported: BTreeMap<String, usize>,
    /// Items skipped on purpose, per reason (`trash`, `nav_menu_item`…).
    pub skipped: BTreeMap<String, usize>,
    /// Posts imported as drafts because Warta has no private articles.
    pub private_as_draft: usize,
    /// Items that could not be imported (nothing of them was written), with the reason.
    pub failed: Vec<String>,
    /// Photos that could not be had (address and reason); their articles keep caption and
    /// credit, and a later run adds the file.
    pub missing_media: Vec<String>,
    /// Posts with elements Warta has no block for, kept as plain paragraphs.
    pub kept_as_text: Vec<String>,
    /// "Baca juga" links to posts outside the export, kept as links.
    pub unresolved_related: usize,
    pub old_addresses: usize,
    pub seconds: f64,
}

impl Report {
    pub fn count(map: &mut BTreeMap<String, usize>, kind: &str) {
        *map.entry(kind.to_string()).or_default() += 1;
    }

    /// The summary for the terminal.
    pub fn summary(&self) -> String {
        let list = |m: &BTreeMap<String, usize>| {
            if m.is_empty() {
                return "-".to_string();
            }
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = format!(
            "imported: {}\nalready there: {}\nskipped: {}\nprivate posts as drafts: {}\n\
             old addresses: {}\nfailed: {}\nphotos not available: {}\nkept as text: {} posts\n\
             'Baca juga' outside the export: {}\ntime: {:.1} s\n",
            list(&self.imported),
            list(&self.already_imported),
            list(&self.skipped),
            self.private_as_draft,
            self.old_addresses,
            self.failed.len(),
            self.missing_media.len(),
            self.kept_as_text.len(),
            self.unresolved_related,
            self.seconds,
        );
        for f in self.failed.iter().take(20) {
            out.push_str(&format!("  failed: {f}\n"));
        }
        for m in self.missing_media.iter().take(20) {
            out.push_str(&format!("  photo: {m}\n"));
        }
        out
    }
}
