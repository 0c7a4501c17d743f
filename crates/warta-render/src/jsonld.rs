//! schema.org JSON-LD for articles (NewsArticle, or LiveBlogPosting for a running live blog,
//! and BreadcrumbList), built with serde_json and escaped for embedding in
//! `<script type="application/ld+json">`.

use crate::filters::{Var, absolute, widest_first};
use crate::views::{ArticleView, LiveEntryView, Site};
use serde_json::{Map, Value, json};

/// Google shows at most 110 characters of a NewsArticle headline.
const MAX_HEADLINE: usize = 110;

/// Serialised JSON with `<`, `>` and `&` (and the JS line separators) as `\uXXXX` escapes, so
/// that the text can sit inside a `<script>` element and no string in it can end the element.
/// Those characters only ever occur inside JSON strings, where the escapes mean the same.
pub(crate) fn script_safe(value: &Value) -> String {
    let raw = value.to_string();
    let mut out = String::with_capacity(raw.len() + 16);
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// At most 110 characters, cut at a word boundary and ended with "…" when shortened.
pub(crate) fn truncate_headline(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= MAX_HEADLINE {
        return s.to_string();
    }
    let keep: String = s.chars().take(MAX_HEADLINE - 1).collect();
    // Cut at the last space if the next character does not already start a new word.
    let next_is_space = s
        .chars()
        .nth(MAX_HEADLINE - 1)
        .is_some_and(char::is_whitespace);
    let cut = if next_is_space {
        keep.as_str()
    } else {
        keep.rfind(char::is_whitespace)
            .map_or(keep.as_str(), |i| &keep[..i])
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{cut}…")
}

/// The hero's variants, widest first, with absolute URLs.
fn hero_variants(site: &Site, a: &ArticleView) -> Vec<Var> {
    let Some(h) = &a.hero else {
        return Vec::new();
    };
    let vars: Vec<Var> = h
        .variants
        .iter()
        .map(|v| Var {
            url: v.url.clone(),
            width: v.width,
            height: v.height,
        })
        .collect();
    widest_first(&h.src, h.width, h.height, &vars)
        .into_iter()
        .map(|v| Var {
            url: absolute(&site.base_url, &v.url),
            ..v
        })
        .collect()
}

/// The article's `image`: the hero's 16:9, 4:3 and 1:1 crops as `ImageObject`s with their
/// sizes (what Google's article guidance asks for); for a photo from before crops, the
/// absolute URLs of its variants, widest first.
fn hero_images(site: &Site, a: &ArticleView) -> Option<Value> {
    let h = a.hero.as_ref()?;
    if !h.crops.is_empty() {
        let crops: Vec<Value> = h
            .crops
            .iter()
            .map(|c| {
                json!({
                    "@type": "ImageObject",
                    "url": absolute(&site.base_url, &c.url),
                    "width": c.width,
                    "height": c.height,
                })
            })
            .collect();
        return Some(crops.into());
    }
    let urls: Vec<String> = hero_variants(site, a).into_iter().map(|v| v.url).collect();
    (!urls.is_empty()).then(|| urls.into())
}

/// The NewsArticle object (a LiveBlogPosting when the article is a running live blog), with
/// its corrections as `CorrectionComment`s.
pub(crate) fn news_article(site: &Site, a: &ArticleView) -> Value {
    // A paged article is one work whose address is its whole text (`?page=all`).
    let url = absolute(
        &site.base_url,
        a.paging.as_ref().map_or(&a.url, |p| &p.all_url),
    );
    let authors: Vec<Value> = a
        .authors
        .iter()
        .map(|p| {
            let mut o = Map::new();
            o.insert("@type".into(), "Person".into());
            o.insert("name".into(), p.name.clone().into());
            if !p.url.is_empty() {
                o.insert("url".into(), absolute(&site.base_url, &p.url).into());
            }
            Value::Object(o)
        })
        .collect();
    let mut o = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "url": url,
        "headline": truncate_headline(&a.headline),
        "description": a.dek,
        "datePublished": warta_core::iso8601_wib(a.published_at),
        "dateModified": warta_core::iso8601_wib(a.updated_at.max(a.published_at)),
        "author": authors,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": site.name,
            "url": format!("{}/", site.base_url),
            "logo": { "@type": "ImageObject", "url": absolute(&site.base_url, &site.logo_path) },
        },
        "articleSection": a.rubrik.title,
        "inLanguage": "id-ID",
        "wordCount": a.word_count,
    });
    // A page of a paged article shows part of the text: the structured data carries it all
    // (an unpaged page has it in its HTML, so it is not sent twice).
    if a.paging.is_some() && !a.full_text.is_empty() {
        o["articleBody"] = a.full_text.clone().into();
    }
    if let Some(images) = hero_images(site, a) {
        o["image"] = images;
    }
    if !a.tags.is_empty() {
        let tags: Vec<&str> = a.tags.iter().map(|t| t.title.as_str()).collect();
        o["keywords"] = tags.join(", ").into();
    }
    if !a.corrections.is_empty() {
        let corrections: Vec<Value> = a
            .corrections
            .iter()
            .map(|c| {
                json!({
                    "@type": "CorrectionComment",
                    "text": c.note,
                    "datePublished": warta_core::iso8601_wib(c.created_at),
                })
            })
            .collect();
        o["correction"] = corrections.into();
    }
    if a.live {
        o["@type"] = "LiveBlogPosting".into();
        o["coverageStartTime"] = warta_core::iso8601_wib(a.published_at).into();
        let updates: Vec<Value> = a
            .live_entries
            .iter()
            .map(|e| live_update(&url, &a.headline, e))
            .collect();
        o["liveBlogUpdate"] = updates.into();
    }
    o
}

/// One live-blog entry as a BlogPosting. Google wants a headline: the entry's title, else the
/// start of its text, else the article's headline.
fn live_update(article_url: &str, article_headline: &str, e: &LiveEntryView) -> Value {
    let headline = [e.title.as_str(), e.text.as_str(), article_headline]
        .into_iter()
        .find(|t| !t.trim().is_empty())
        .unwrap_or_default();
    let mut o = json!({
        "@type": "BlogPosting",
        "headline": truncate_headline(headline),
        "articleBody": e.text,
        "datePublished": warta_core::iso8601_wib(e.created_at),
        "url": format!("{article_url}#entri-{}", e.id),
    });
    if !e.author.is_empty() {
        o["author"] = json!({ "@type": "Person", "name": e.author });
    }
    o
}

/// Beranda › Rubrik › Article.
pub(crate) fn breadcrumb(site: &Site, a: &ArticleView) -> Value {
    let item = |pos: u32, name: &str, path: &str| {
        json!({
            "@type": "ListItem",
            "position": pos,
            "name": name,
            "item": absolute(&site.base_url, path),
        })
    };
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            item(1, "Beranda", "/"),
            item(2, &a.rubrik.title, &a.rubrik.url),
            item(3, &a.headline, &a.url),
        ],
    })
}

/// The image for OpenGraph and Twitter cards, with an absolute URL: the hero's 16:9 crop
/// (the shape those cards show), else its widest variant.
pub(crate) fn og_image(site: &Site, a: &ArticleView) -> Option<Var> {
    let h = a.hero.as_ref()?;
    if let Some(c) = h.crops.iter().find(|c| c.aspect == "16x9") {
        return Some(Var {
            url: absolute(&site.base_url, &c.url),
            width: c.width,
            height: c.height,
        });
    }
    hero_variants(site, a).into_iter().next()
}

/// The home page's `WebSite` with a `SearchAction` (the sitelinks search box) and the
/// publisher.
pub(crate) fn website(site: &Site) -> Value {
    let home = format!("{}/", site.base_url);
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.name,
        "description": site.tagline,
        "url": home,
        "inLanguage": "id-ID",
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": site.name,
            "url": home,
            "logo": { "@type": "ImageObject", "url": absolute(&site.base_url, &site.logo_path) },
        },
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}/cari?q={{search_term_string}}", site.base_url),
            },
            "query-input": "required name=search_term_string",
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_headlines_are_kept() {
        assert_eq!(truncate_headline(" Banjir di Padang "), "Banjir di Padang");
        let exact = "a".repeat(110);
        assert_eq!(truncate_headline(&exact), exact);
    }

    #[test]
    fn long_headlines_are_cut_at_a_word_boundary() {
        let words = "Pemerintah provinsi menetapkan status tanggap darurat banjir ".repeat(4);
        let t = truncate_headline(&words);
        assert!(t.chars().count() <= 110, "{t}");
        assert!(t.ends_with('…'));
        let body = t.trim_end_matches('…');
        assert!(words.starts_with(body));
        assert!(
            words[body.len()..].starts_with(' '),
            "cut inside a word: {t}"
        );
    }

    #[test]
    fn one_long_word_is_cut_hard() {
        let t = truncate_headline(&"x".repeat(300));
        assert_eq!(t.chars().count(), 110);
    }

    #[test]
    fn script_safe_json_cannot_close_the_script() {
        let v = json!({ "h": "</script><script>alert(1)</script> & \u{2028}" });
        let s = script_safe(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(s.contains("\\u003c/script\\u003e"));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
