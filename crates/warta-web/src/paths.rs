//! Reader URL paths, in one place.

pub fn article(slug: &str) -> String {
    format!("/berita/{slug}")
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
