//! Old addresses: the path (and query) of an old permalink, normalised the way the reader
//! router looks it up (no trailing slash, never empty), and WordPress dates.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;

/// The lookup key of an address on the old site: its path and query without a trailing
/// slash. `None` for addresses on other hosts or the site's root.
pub fn old_path(site: &url::Url, address: &str) -> Option<String> {
    let u = site.join(address.trim()).ok()?;
    if u.host_str() != site.host_str() {
        return None;
    }
    let key = normalise(u.path(), u.query());
    (key != "/").then_some(key)
}

/// `path?query` as stored: trailing slashes off the path (the root stays `/`).
pub use warta_store::old_path_key as normalise;

/// A WordPress time: `post_date_gmt` (UTC) when set, else `post_date` in the site's zone.
pub fn wp_time(gmt: &str, local: &str, zone: &TimeZone) -> Option<i64> {
    let parse = |s: &str| s.trim().replace(' ', "T").parse::<DateTime>().ok();
    if let Some(t) = parse(gmt).filter(|_| !gmt.starts_with("0000")) {
        return TimeZone::UTC
            .to_timestamp(t)
            .ok()
            .map(|z| z.as_millisecond());
    }
    let t = parse(local).filter(|_| !local.starts_with("0000"))?;
    zone.to_timestamp(t).ok().map(|z| z.as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalinks_of_any_structure_become_keys() {
        let site = url::Url::parse("https://situs.id").unwrap();
        assert_eq!(
            old_path(&site, "https://situs.id/2022/03/01/banjir-padang/").as_deref(),
            Some("/2022/03/01/banjir-padang")
        );
        assert_eq!(
            old_path(&site, "https://situs.id/?p=12").as_deref(),
            Some("/?p=12")
        );
        assert_eq!(
            old_path(&site, "/berita/nasional/123/judul").as_deref(),
            Some("/berita/nasional/123/judul")
        );
        assert_eq!(old_path(&site, "https://lain.id/a/"), None);
        assert_eq!(old_path(&site, "https://situs.id/"), None);
    }

    #[test]
    fn dates_in_utc_or_the_site_zone() {
        let wib = TimeZone::get("Asia/Jakarta").unwrap();
        let utc = wp_time("2022-03-01 07:05:00", "2022-03-01 14:05:00", &wib).unwrap();
        let local = wp_time("0000-00-00 00:00:00", "2022-03-01 14:05:00", &wib).unwrap();
        assert_eq!(utc, local);
        assert_eq!(utc, 1_646_118_300_000);
        assert_eq!(wp_time("", "bukan tanggal", &wib), None);
        assert_eq!(wp_time("2022-13-45 99:00:00", "", &wib), None);
    }
}
