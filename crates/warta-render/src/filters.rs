//! The template formatter and the filters the templates use: absolute URLs, WIB dates,
//! responsive-image helpers.

use minijinja::value::{Value, ViaDeserialize};
use minijinja::{AutoEscape, Error, Output, State};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// Characters that are not allowed in XML 1.0 or that the HTML checker reports as errors
/// (C0 controls except tab/newline/return, C1 controls, non-characters).
fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{fdd0}'..='\u{fdef}')
        || (c as u32) & 0xfffe == 0xfffe
}

/// Escape text for HTML and XML (text and quoted attributes), dropping forbidden characters.
/// Unlike minijinja's default, `/` is left alone so URLs stay readable.
pub(crate) fn escape_into(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c if is_forbidden(c) => "",
            _ => continue,
        };
        out.write_str(&s[last..i])?;
        out.write_str(rep)?;
        last = i + c.len_utf8();
    }
    out.write_str(&s[last..])
}

/// Strip forbidden characters from already-safe markup.
fn write_clean(out: &mut Output, s: &str) -> std::fmt::Result {
    if !s.chars().any(is_forbidden) {
        return out.write_str(s);
    }
    let cleaned: String = s.chars().filter(|&c| !is_forbidden(c)).collect();
    out.write_str(&cleaned)
}

/// Formatter: escapes strings in auto-escaped templates with [`escape_into`]; safe strings are
/// written as they are (minus forbidden characters); everything else as minijinja would.
pub(crate) fn formatter(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    match value.as_str() {
        Some(s) if value.is_safe() => write_clean(out, s).map_err(Error::from),
        Some(s) if state.auto_escape() == AutoEscape::Html => {
            escape_into(out, s).map_err(Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// `path` made absolute with the site's base URL; absolute http(s) URLs pass unchanged.
pub(crate) fn absolute(base: &str, path: &str) -> String {
    if path.starts_with("https://") || path.starts_with("http://") {
        path.to_string()
    } else if let Some(rest) = path.strip_prefix("//") {
        format!("https://{rest}")
    } else if path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

/// A link target from outside the newsroom's control: only http(s) URLs and site paths.
pub(crate) fn safe_href(url: &str) -> String {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("https://")
        || lower.starts_with("http://")
        || (u.starts_with('/') && !u.starts_with("//"))
    {
        u.to_string()
    } else {
        "#".to_string()
    }
}

pub(crate) fn long_wib(ms: i64) -> String {
    warta_core::format_long_wib(ms)
}

pub(crate) fn iso_wib(ms: i64) -> String {
    warta_core::iso8601_wib(ms)
}

/// The WIB clock time alone, `14:05 WIB`, for live-blog entries.
pub(crate) fn jam_wib(ms: i64) -> String {
    let ts = jiff::Timestamp::from_millisecond(ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let z = ts.to_zoned_datetime(warta_core::jakarta());
    format!("{:02}:{:02} WIB", z.hour(), z.minute())
}

pub(crate) fn rfc2822(ms: i64) -> String {
    warta_core::rfc2822(ms)
}

/// `2022-03-02` → `Rabu, 2 Maret 2022`; anything unparseable comes back unchanged.
pub(crate) fn tanggal(ymd: &str) -> String {
    match parse_date(ymd) {
        Some(d) => {
            let day = warta_core::DAY_NAMES[usize::from(d.weekday().to_monday_zero_offset() as u8)];
            let month = warta_core::MONTH_NAMES[(d.month() - 1) as usize];
            format!("{day}, {} {month} {}", d.day(), d.year())
        }
        None => ymd.to_string(),
    }
}

/// The value for `<input type="date">`: a valid `YYYY-MM-DD`, or empty.
pub(crate) fn date_value(ymd: &str) -> String {
    parse_date(ymd).map(|d| d.to_string()).unwrap_or_default()
}

fn parse_date(ymd: &str) -> Option<jiff::civil::Date> {
    let ymd = ymd.trim();
    (ymd.len() == 10)
        .then(|| ymd.parse::<jiff::civil::Date>().ok())
        .flatten()
}

/// Heading levels in the body are h2–h4 (the page owns the only h1).
pub(crate) fn heading_level(level: i64) -> i64 {
    level.clamp(2, 4)
}

/// Mirror of a view `Variant`, read back from a template value.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub(crate) struct Var {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// Mirror of the parts of an `ImageView` the image filters need.
#[derive(Debug, Deserialize)]
pub(crate) struct Img {
    src: String,
    width: u32,
    height: u32,
    #[serde(default)]
    variants: Vec<Var>,
    #[serde(default)]
    avif: Vec<Var>,
}

/// Variants, widest first, without duplicates; the `src` alone when there are none.
pub(crate) fn widest_first(src: &str, width: u32, height: u32, variants: &[Var]) -> Vec<Var> {
    let mut v: Vec<Var> = variants.iter().filter(|v| v.width > 0).cloned().collect();
    v.sort_by_key(|v| std::cmp::Reverse(v.width));
    v.dedup_by(|a, b| a.width == b.width || a.url == b.url);
    if v.is_empty() {
        v.push(Var {
            url: src.to_string(),
            width,
            height,
        });
    }
    v
}

/// `srcset` for an image: `url 480w, url 720w, …`, narrowest first; empty if unknown widths.
/// `i|srcset` lists the WebP variants (or the `src` alone), `i|srcset("avif")` the AVIF ones
/// (empty when there are none).
pub(crate) fn srcset(img: ViaDeserialize<Img>, format: Option<&str>) -> Result<String, Error> {
    let mut v = match format {
        None | Some("webp") => widest_first(&img.src, img.width, img.height, &img.variants),
        Some("avif") if img.avif.is_empty() => return Ok(String::new()),
        Some("avif") => widest_first("", 0, 0, &img.avif),
        Some(other) => {
            return Err(Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("srcset: unknown format {other:?} (webp, avif)"),
            ));
        }
    };
    v.reverse();
    let mut out = String::new();
    for var in v.iter().filter(|v| v.width > 0) {
        if !out.is_empty() {
            out.push_str(", ");
        }
        let url = var.url.replace(' ', "%20").replace(',', "%2C");
        let _ = write!(out, "{url} {}w", var.width);
    }
    Ok(out)
}

/// The widest variant as `{url, width, height}` (for feeds, OpenGraph and sitemaps).
pub(crate) fn largest(img: ViaDeserialize<Img>) -> Value {
    let v = widest_first(&img.src, img.width, img.height, &img.variants);
    Value::from_serialize(&v[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_drops_control_characters() {
        let mut s = String::new();
        escape_into(&mut s, "a<b>&\"'/\u{1}\u{feff}\u{ffff}z").unwrap();
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;&#39;/\u{feff}z");
    }

    #[test]
    fn absolute_urls_keep_absolute_input() {
        let b = "https://warta.example";
        assert_eq!(absolute(b, "/a/b"), "https://warta.example/a/b");
        assert_eq!(
            absolute(b, "https://cdn.example/x.webp"),
            "https://cdn.example/x.webp"
        );
        assert_eq!(absolute(b, "//cdn.example/x"), "https://cdn.example/x");
    }

    #[test]
    fn unsafe_link_schemes_become_a_dead_link() {
        assert_eq!(safe_href("javascript:alert(1)"), "#");
        assert_eq!(safe_href(" JavaScript:alert(1)"), "#");
        assert_eq!(safe_href("//evil.example"), "#");
        assert_eq!(
            safe_href("https://antaranews.com/x"),
            "https://antaranews.com/x"
        );
    }

    #[test]
    fn indeks_dates_are_indonesian() {
        assert_eq!(tanggal("2022-03-02"), "Rabu, 2 Maret 2022");
        assert_eq!(date_value("2022-3-2"), "");
        assert_eq!(date_value("2022-03-02"), "2022-03-02");
    }
}
