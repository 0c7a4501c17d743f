//! `<picture>` markup: AVIF before WebP, `sizes` that follow the stylesheet, placeholders,
//! loading hints; and photos from before AVIF, crops and placeholders.

use super::fixtures::*;
use crate::*;
use serde_json::Value;

fn page(a: &ArticleView) -> String {
    renderer().article_page(&ctx(), a).expect("article renders")
}

/// The markup between `start` and the `end` that follows it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let s = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let e = html[s..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"));
    &html[s..s + e + end.len()]
}

const ARTICLE_SIZES: &str = "sizes=\"(max-width: 752px) calc(100vw - 2rem), 720px\"";

#[test]
fn the_hero_is_a_picture_with_avif_then_webp_over_its_placeholder() {
    let html = page(&article());
    let fig = between(&html, "<figure class=\"hero\">", "</figure>");
    let expected = format!(
        "<figure class=\"hero\">\n<div class=\"lqip\">\n\
         <img class=\"lqip-ph\" src=\"{PLACEHOLDER}\" alt=\"\" aria-hidden=\"true\">\n\
         <picture>\n\
         <source type=\"image/avif\" srcset=\"/media/hero-480.avif 480w, /media/hero-720.avif 720w, /media/hero-1200.avif 1200w\" {ARTICLE_SIZES}>\n\
         <source type=\"image/webp\" srcset=\"/media/hero-480.webp 480w, /media/hero-720.webp 720w, /media/hero-1200.webp 1200w\" {ARTICLE_SIZES}>\n\
         <img src=\"/media/hero-1200.webp\" alt=\"Foto hero\" width=\"1200\" height=\"675\" decoding=\"async\" fetchpriority=\"high\">\n\
         </picture>\n</div>\n<figcaption>"
    );
    assert!(fig.starts_with(&expected), "{fig}");
}

#[test]
fn body_photos_are_lazy_pictures_with_placeholders() {
    let html = page(&article());
    let isi = between(&html, "<div class=\"isi\">", "<p class=\"signoff\">");
    let fig = between(isi, "<figure>", "</figure>");
    assert!(fig.contains("<div class=\"lqip\">\n<img class=\"lqip-ph\""));
    let avif = fig.find("type=\"image/avif\"").expect("AVIF source");
    let webp = fig.find("type=\"image/webp\"").expect("WebP source");
    assert!(
        avif < webp,
        "AVIF must come first: browsers take the first type they know"
    );
    assert_eq!(fig.matches(ARTICLE_SIZES).count(), 2);
    let img = between(fig, "<img src=", ">");
    assert!(img.contains("loading=\"lazy\" decoding=\"async\""), "{img}");
    assert!(!img.contains("fetchpriority"));
    // Only the hero is fetched early.
    assert_eq!(html.matches("fetchpriority=\"high\"").count(), 1);
}

#[test]
fn related_thumbnails_are_sized_for_the_related_list() {
    let html = page(&article());
    let related = between(&html, "<section class=\"terkait\"", "</section>");
    let sizes = "sizes=\"(max-width: 600px) calc((100vw - 2rem) * .33), 200px\"";
    // teaser(1) has a photo; its two sources carry the related list's sizes.
    assert_eq!(related.matches(sizes).count(), 2, "{related}");
    assert!(related.contains("<picture class=\"teaser-img\">"));
    assert!(!related.contains("lqip"), "no placeholders in lists");
    assert!(related.contains("loading=\"lazy\""));
}

#[test]
fn a_photo_from_before_avif_and_crops_renders_as_before() {
    let mut a = article();
    a.hero = Some(legacy_image("lama", "Foto lama.", "Arsip"));
    a.body = vec![BlockView::Image {
        image: legacy_image("isi-lama", "", ""),
    }];
    a.related.clear();
    let html = page(&a);
    assert!(
        !html.contains("image/avif"),
        "no AVIF source without AVIF files"
    );
    assert!(!html.contains("lqip"), "no placeholder without one");
    let fig = between(&html, "<figure class=\"hero\">", "</figure>");
    assert!(fig.starts_with(&format!(
        "<figure class=\"hero\">\n<picture>\n\
         <source type=\"image/webp\" srcset=\"/media/lama-480.webp 480w, /media/lama-720.webp 720w, /media/lama-1200.webp 1200w\" {ARTICLE_SIZES}>\n\
         <img src=\"/media/lama-1200.webp\" alt=\"Foto lama\" width=\"1200\" height=\"675\" decoding=\"async\" fetchpriority=\"high\">\n\
         </picture>"
    )), "{fig}");
    // Structured data and cards fall back to the WebP variants, widest first.
    let v: Value = serde_json::from_str(json_ld_blocks(&html)[0]).unwrap();
    assert_eq!(
        v["image"],
        serde_json::json!([
            "https://warta.example/media/lama-1200.webp",
            "https://warta.example/media/lama-720.webp",
            "https://warta.example/media/lama-480.webp",
        ])
    );
    for needle in [
        "<meta property=\"og:image\" content=\"https://warta.example/media/lama-1200.webp\">",
        "<meta property=\"og:image:width\" content=\"1200\">",
        "<meta property=\"og:image:height\" content=\"675\">",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
}

#[test]
fn a_photo_whose_avif_is_not_ready_yet_gets_webp_and_its_placeholder() {
    let mut a = article();
    let mut hero = image("baru", "", "");
    hero.avif.clear();
    a.hero = Some(hero);
    let html = page(&a);
    let fig = between(&html, "<figure class=\"hero\">", "</figure>");
    assert!(!fig.contains("image/avif"));
    assert!(fig.contains("<source type=\"image/webp\""));
    assert!(fig.contains("class=\"lqip-ph\""));
}

#[test]
fn a_live_blog_posting_lists_the_three_crops() {
    let html = page(&live_article());
    let v: Value = serde_json::from_str(json_ld_blocks(&html)[0]).unwrap();
    assert_eq!(v["@type"], "LiveBlogPosting");
    let images = v["image"].as_array().expect("an image array");
    let shapes: Vec<(u64, u64)> = images
        .iter()
        .map(|i| (i["width"].as_u64().unwrap(), i["height"].as_u64().unwrap()))
        .collect();
    assert_eq!(shapes, [(1200, 675), (1200, 900), (1200, 1200)]);
    assert!(images.iter().all(|i| {
        i["@type"] == "ImageObject"
            && i["url"]
                .as_str()
                .unwrap()
                .starts_with("https://warta.example/media/hero-")
    }));
}

#[test]
fn the_stylesheet_places_the_placeholder_without_inline_styles() {
    let html = page(&article());
    assert!(!html.contains("style="), "the CSP forbids inline styles");
    for rule in [".lqip{", ".lqip-ph{", ".lqip picture{", ".teaser-img img{"] {
        assert!(STYLESHEET.contains(rule), "style.css lacks {rule}");
    }
}
