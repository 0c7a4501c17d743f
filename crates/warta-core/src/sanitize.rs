//! The one sanitiser for user-written inline markup. Allowed: bold, italic, links (http, https,
//! mailto). Everything else is removed (tags) or escaped (text).

use ammonia::Builder;
use std::collections::HashSet;
use std::sync::OnceLock;

fn inline_builder() -> &'static Builder<'static> {
    static B: OnceLock<Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = Builder::empty();
        b.add_tags(["b", "strong", "i", "em", "a", "br"])
            .add_tag_attributes("a", ["href"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("noopener"));
        b
    })
}

/// Sanitise a paragraph's inline HTML. Plain text comes out escaped, allowed tags survive.
pub fn sanitize_inline(html: &str) -> String {
    inline_builder().clean(html).to_string().trim().to_string()
}

/// Plain text of an inline fragment, entities decoded: for summaries, feeds and JSON-LD, where
/// the consumer escapes again.
pub fn strip_tags(html: &str) -> String {
    static B: OnceLock<Builder<'static>> = OnceLock::new();
    let b = B.get_or_init(Builder::empty);
    let escaped = b.clean(html).to_string();
    unescape(&escaped)
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
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
    fn scripts_and_handlers_are_removed() {
        let dirty = r#"Halo <script>alert(1)</script><b onclick="x()">tebal</b> <img src=x onerror=alert(1)>"#;
        assert_eq!(sanitize_inline(dirty), "Halo <b>tebal</b>");
    }

    #[test]
    fn javascript_links_lose_their_href() {
        let out = sanitize_inline(
            r#"<a href="javascript:alert(1)">klik</a> <a href="https://antaranews.com/x">Antara</a>"#,
        );
        assert!(!out.contains("javascript"), "{out}");
        assert!(
            out.contains(r#"<a href="https://antaranews.com/x" rel="noopener">Antara</a>"#),
            "{out}"
        );
    }

    #[test]
    fn plain_text_is_escaped() {
        assert_eq!(sanitize_inline("1 < 2 & 3"), "1 &lt; 2 &amp; 3");
    }

    #[test]
    fn strip_tags_gives_plain_text() {
        assert_eq!(
            strip_tags("<b>Rusia</b> &amp; <i>NATO</i> <script>x</script>"),
            "Rusia & NATO "
        );
        assert_eq!(
            strip_tags("Kata &quot;kunci&quot; &#39;ya&#39;"),
            "Kata \"kunci\" 'ya'"
        );
    }
}
