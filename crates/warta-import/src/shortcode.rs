//! WordPress shortcodes turned into plain HTML that the block conversion understands:
//! `[caption]` → `<figure>` with a `<figcaption>`, `[gallery ids]` → a gallery figure,
//! `[embed]URL[/embed]` → an embed figure. Unknown shortcodes stay as text.

use crate::html::attr;

/// Replace the shortcodes Warta understands.
pub fn expand(s: &str) -> String {
    let s = replace_enclosing(s, "caption", |open, inner| {
        let id = attr(open, "id").unwrap_or_default();
        let (img, rest) = split_image(inner);
        let caption = attr(open, "caption").unwrap_or_else(|| rest.trim().to_string());
        format!(
            "\n\n<figure data-id=\"{}\">{img}<figcaption>{caption}</figcaption></figure>\n\n",
            id.trim_start_matches("attachment_")
        )
    });
    let s = replace_enclosing(&s, "embed", |_, inner| {
        format!("\n\n<figure class=\"embed\">{}</figure>\n\n", inner.trim())
    });
    replace_single(&s, "gallery", |open| {
        let ids = attr(open, "ids").unwrap_or_default();
        format!("\n\n<figure class=\"gallery\" data-ids=\"{ids}\"></figure>\n\n")
    })
}

/// The `<img>` (with a link around it, if any) and the text after it.
fn split_image(inner: &str) -> (String, String) {
    let Some(start) = inner.find("<img") else {
        return (String::new(), inner.to_string());
    };
    let end = inner[start..]
        .find('>')
        .map_or(inner.len(), |e| start + e + 1);
    let mut rest = inner[end..].trim_start();
    if let Some(r) = rest.strip_prefix("</a>") {
        rest = r;
    }
    (inner[start..end].to_string(), rest.to_string())
}

fn replace_enclosing(s: &str, name: &str, f: impl Fn(&str, &str) -> String) -> String {
    let open_pat = format!("[{name}");
    let close_pat = format!("[/{name}]");
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(&open_pat) {
        let after = &rest[i + open_pat.len()..];
        let ok = after.starts_with([' ', ']']);
        let (Some(open_end), Some(close)) = (after.find(']'), after.find(&close_pat)) else {
            break;
        };
        if !ok || close < open_end {
            out.push_str(&rest[..i + open_pat.len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..i]);
        out.push_str(&f(&after[..open_end], &after[open_end + 1..close]));
        rest = &after[close + close_pat.len()..];
    }
    out.push_str(rest);
    out
}

fn replace_single(s: &str, name: &str, f: impl Fn(&str) -> String) -> String {
    let open_pat = format!("[{name}");
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(&open_pat) {
        let after = &rest[i + open_pat.len()..];
        let Some(end) = after.find(']').filter(|_| after.starts_with([' ', ']'])) else {
            out.push_str(&rest[..i + open_pat.len()]);
            rest = after;
            continue;
        };
        out.push_str(&rest[..i]);
        out.push_str(&f(&after[..end]));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_becomes_a_figure_with_its_text() {
        let s = r#"[caption id="attachment_12" align="alignnone" width="300"]<a href="x.jpg"><img src="https://situs.id/wp-content/uploads/a.jpg" alt="Banjir" /></a> Banjir di Padang. (Foto: Antara/Budi)[/caption]"#;
        let out = expand(s);
        assert!(out.contains(r#"<figure data-id="12"><img src="https://situs.id/wp-content/uploads/a.jpg" alt="Banjir" />"#), "{out}");
        assert!(
            out.contains("<figcaption>Banjir di Padang. (Foto: Antara/Budi)</figcaption>"),
            "{out}"
        );
    }

    #[test]
    fn gallery_and_embed_become_figures() {
        let out = expand("a [gallery ids=\"3,4\"] b [embed]https://youtu.be/abc[/embed]");
        assert!(
            out.contains(r#"<figure class="gallery" data-ids="3,4"></figure>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<figure class="embed">https://youtu.be/abc</figure>"#),
            "{out}"
        );
    }

    #[test]
    fn unknown_and_unclosed_shortcodes_stay_as_text() {
        assert_eq!(expand("[contact-form] x"), "[contact-form] x");
        assert_eq!(
            expand("[caption id=1]tanpa penutup"),
            "[caption id=1]tanpa penutup"
        );
        assert_eq!(expand("[captioned]"), "[captioned]");
    }
}
