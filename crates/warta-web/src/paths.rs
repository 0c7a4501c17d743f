//! Reader URL paths, in one place.

pub fn article(slug: &str) -> String {
    format!("/berita/{slug}")
}
/// One of the outlet's own pages (kind `page`).
pub fn outlet_page(slug: &str) -> String {
    format!("/halaman/{slug}")
}
/// Where an article of `kind` is read: `/halaman/{slug}` for pages, else `/berita/{slug}`.
pub fn article_of(kind: warta_core::ArticleKind, slug: &str) -> String {
    match kind {
        warta_core::ArticleKind::Page => outlet_page(slug),
        _ => article(slug),
    }
}
/// [`article_of`] for a listing row (its kind as stored).
pub fn teaser(r: &warta_store::TeaserRow) -> String {
    if r.kind == warta_core::ArticleKind::Page.as_str() {
        outlet_page(&r.slug)
    } else {
        article(&r.slug)
    }
}
pub fn rubrik(slug: &str) -> String {
    format!("/rubrik/{slug}")
}
pub fn tag(slug: &str) -> String {
    format!("/tag/{slug}")
}
pub fn topic(slug: &str) -> String {
    format!("/topik/{slug}")
}
pub fn author(slug: &str) -> String {
    format!("/penulis/{slug}")
}
pub fn media(key: &str) -> String {
    format!("/media/{key}")
}
/// Percent-encode for a query value (`/` kept readable).
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
