use super::fixtures::*;
use crate::*;
use serde_json::Value;

fn page(a: &ArticleView) -> String {
    renderer().article_page(&ctx(), a).expect("article renders")
}

#[test]
fn article_page_has_exactly_one_h1_holding_the_headline() {
    let html = page(&article());
    assert_eq!(count(&html, "<h1"), 1);
    assert!(html.contains("<h1>Banjir Bandang Landa Padang, Ribuan Warga Mengungsi</h1>"));
    assert!(html.contains(
        "<title>Banjir Bandang Landa Padang, Ribuan Warga Mengungsi - Warta Kita</title>"
    ));
}

#[test]
fn layout_is_indonesian_with_absolute_canonical_and_feeds() {
    let html = page(&article());
    assert!(html.starts_with("<!doctype html>\n<html lang=\"id\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://warta.example/nasional/banjir-padang\">"
    ));
    assert!(html.contains(&format!(
        "<link rel=\"stylesheet\" href=\"{STYLESHEET_PATH}?v={:08x}\">",
        crate::stylesheet_fingerprint()
    )));
    assert!(html.contains("type=\"application/rss+xml\" title=\"Warta Kita\" href=\"/rss.xml\""));
    assert!(html.contains("<a class=\"skip-link\" href=\"#konten\">"));
    assert!(html.contains("<main id=\"konten\""));
    assert!(html.contains("<a href=\"/nasional\">Nasional</a>"));
    assert!(html.contains("<a href=\"/indeks\">Indeks</a>"));
    assert!(html.contains("<meta name=\"description\" content=\"Hujan deras sejak Selasa malam"));
}

#[test]
fn dateline_with_site_name_opens_the_first_paragraph_only() {
    let html = page(&article());
    assert!(html.contains(
        "<p><strong class=\"dateline\">PADANG, Warta Kita –</strong> Ribuan warga <b>mengungsi</b> pada Rabu pagi.</p>"
    ));
    assert_eq!(count(&html, "class=\"dateline\""), 1);
    assert!(html.contains("<p>Paragraf kedua.</p>"));
}

#[test]
fn dateline_skips_leading_non_paragraph_blocks() {
    let mut a = article();
    a.body.rotate_right(6); // the image, related, list and embeds now come first
    let html = page(&a);
    let dl = html.find("class=\"dateline\"").expect("dateline");
    assert!(html[..dl].ends_with("<p><strong "));
    assert!(
        html[dl..].starts_with("class=\"dateline\">PADANG, Warta Kita –</strong> Ribuan warga")
    );
}

#[test]
fn empty_dateline_leaves_the_paragraph_alone() {
    let mut a = article();
    a.dateline = String::new();
    let html = page(&a);
    assert!(!html.contains("dateline"));
    assert!(html.contains("<p>Ribuan warga <b>mengungsi</b> pada Rabu pagi.</p>"));
}

#[test]
fn hero_is_a_priority_figure_with_credit() {
    let html = page(&article());
    let start = html.find("<figure class=\"hero\">").expect("hero figure");
    let fig = &html[start..start + html[start..].find("</figure>").unwrap()];
    assert!(fig.contains("src=\"/media/hero-1200.webp\""));
    assert!(fig.contains(
        "<source type=\"image/webp\" srcset=\"/media/hero-480.webp 480w, /media/hero-720.webp 720w, /media/hero-1200.webp 1200w\""
    ));
    assert!(fig.contains("sizes=\"(max-width: 752px) calc(100vw - 2rem), 720px\""));
    assert!(fig.contains("alt=\"Foto hero\" width=\"1200\" height=\"675\""));
    assert!(fig.contains("fetchpriority=\"high\""));
    assert!(!fig.contains("loading=\"lazy\""));
    assert!(fig.contains(
        "<figcaption>Warga dievakuasi dengan perahu karet. <span class=\"credit\">Foto: Andi Pratama</span></figcaption>"
    ));
}

#[test]
fn body_blocks_render_as_semantic_markup() {
    let html = page(&article());
    assert!(html.contains("<h2>Evakuasi berlanjut</h2>"));
    assert!(html.contains("<blockquote><p>Kami terus bekerja.</p></blockquote>"));
    assert!(html.contains("<figcaption>— Kepala BPBD</figcaption>"));
    let img = html
        .find("src=\"/media/isi-1200.webp\"")
        .expect("body image");
    let tag = &html[img..img + html[img..].find('>').unwrap()];
    assert!(tag.contains("loading=\"lazy\"") && tag.contains("decoding=\"async\""));
    assert!(html.contains("<source type=\"image/webp\" srcset=\"/media/isi-480.webp 480w"));
    assert!(html.contains("Jalan terendam. <span class=\"credit\">Foto: Siti Aminah</span>"));
    assert!(html.contains(
        "<aside class=\"baca-juga\"><strong>Baca juga:</strong> <a href=\"/nasional/curah-hujan\">Curah hujan tinggi hingga akhir pekan</a></aside>"
    ));
    assert!(html.contains("<ul>\n<li>Satu</li>\n<li><i>Dua</i></li>\n</ul>"));
}

#[test]
fn heading_levels_stay_between_h2_and_h4() {
    let mut a = article();
    a.body = vec![
        BlockView::Heading {
            text: "Satu".into(),
            level: 1,
        },
        BlockView::Heading {
            text: "Enam".into(),
            level: 6,
        },
    ];
    let html = page(&a);
    assert!(html.contains("<h2>Satu</h2>"));
    assert!(html.contains("<h4>Enam</h4>"));
    assert_eq!(count(&html, "<h1"), 1);
}

#[test]
fn embeds_use_no_third_party_script() {
    let html = page(&article());
    assert!(html.contains(
        "<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" title=\"Video YouTube\""
    ));
    assert!(html.contains("loading=\"lazy\" allow="));
    assert!(html.contains("<div class=\"embed-video\">"));
    // Without the player (blocked, offline, no third-party frames) readers still get a link.
    assert!(html.contains(
        "<figcaption><a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\" rel=\"noopener nofollow\">Tonton di YouTube</a></figcaption>"
    ));
    assert!(html.contains("<a href=\"https://x.com/bnpb/status/123\" rel=\"noopener nofollow\">Lihat unggahan di X</a>"));
    assert!(html.contains("Lihat unggahan di Instagram</a>"));
    // The only script is the site's own enhancement (relative times, copy-link).
    assert_eq!(count(&html, "<script src"), 1);
    assert!(html.contains(&format!("<script src=\"{}\" defer>", time_script_url())));
}

#[test]
fn byline_links_authors_and_dates_are_indonesian_wib() {
    let html = page(&article());
    assert!(html.contains(
        "Oleh <a href=\"/penulis/rina\" rel=\"author\">Rina Wulandari</a> dan <a href=\"/penulis/budi\" rel=\"author\">Budi Santoso</a>"
    ));
    assert!(html.contains(
        "<time datetime=\"2022-03-02T09:30:00+07:00\">Rabu, 2 Maret 2022 09:30 WIB</time>"
    ));
    assert!(html.contains(
        "Diperbarui: <time datetime=\"2022-03-02T11:30:00+07:00\">Rabu, 2 Maret 2022 11:30 WIB</time>"
    ));
}

#[test]
fn small_edits_do_not_show_as_updates() {
    let mut a = article();
    a.updated_at = a.published_at + 60_000;
    assert!(!page(&a).contains("Diperbarui"));
}

#[test]
fn article_ends_with_signoff_sources_tags_topic_and_related() {
    let html = page(&article());
    assert!(html.contains("<p class=\"signoff\">(*)</p>"));
    assert!(html.contains(
        "Sumber: <a href=\"https://www.antaranews.com/\" rel=\"noopener\">Antara</a>, BPBD Sumbar</p>"
    ));
    assert!(html.contains("<ul class=\"tags\""));
    assert!(html.contains("<a href=\"/tag/sumatera-barat\" rel=\"tag\">Sumatera Barat</a>"));
    assert!(html.contains(
        "Ikuti perkembangan: <a href=\"/topik/banjir-sumatera-2022\">Banjir Sumatera 2022</a>"
    ));
    assert!(html.contains("<h2 id=\"terkait-judul\">Berita terkait</h2>"));
    assert!(html.contains(
        "<h3 class=\"teaser-title\"><a href=\"/nasional/berita-1\">Berita nomor 1</a></h3>"
    ));
    let order = [
        "class=\"signoff\"",
        "Sumber:",
        "class=\"tags\"",
        "Ikuti perkembangan",
        "Berita terkait",
    ];
    let pos: Vec<usize> = order.iter().map(|s| html.find(s).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}");
}

#[test]
fn breadcrumb_leads_home_then_to_the_rubrik() {
    let html = page(&article());
    assert!(html.contains("<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">"));
    assert!(html.contains(
        "<li><a href=\"/\">Beranda</a></li>\n<li><span class=\"sep\" aria-hidden=\"true\">›</span> <a href=\"/nasional\">Nasional</a></li>"
    ));
}

#[test]
fn head_carries_opengraph_and_twitter_cards() {
    let html = page(&article());
    for needle in [
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:url\" content=\"https://warta.example/nasional/banjir-padang\">",
        "<meta property=\"og:image\" content=\"https://warta.example/media/hero-16x9.jpg\">",
        "<meta property=\"og:image:width\" content=\"1200\">",
        "<meta property=\"og:image:height\" content=\"675\">",
        "<meta name=\"twitter:image\" content=\"https://warta.example/media/hero-16x9.jpg\">",
        "<meta property=\"og:site_name\" content=\"Warta Kita\">",
        "<meta property=\"og:locale\" content=\"id_ID\">",
        "<meta property=\"article:published_time\" content=\"2022-03-02T09:30:00+07:00\">",
        "<meta property=\"article:modified_time\" content=\"2022-03-02T11:30:00+07:00\">",
        "<meta property=\"article:section\" content=\"Nasional\">",
        "<meta property=\"article:tag\" content=\"Banjir\">",
        "<meta property=\"article:tag\" content=\"Sumatera Barat\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let html = page(&hostile_article());
    assert_eq!(count(&html, "<script"), 3);
    assert_eq!(count(&html, "<script type=\"application/ld+json\">"), 2);
    let own = format!("<script src=\"{}\" defer></script>", time_script_url());
    let rest = without_json_ld(&html).replace(&own, "");
    assert!(!rest.contains("<script"), "raw script outside JSON-LD");
    assert!(!rest.contains("alert(1)</script>"));
    assert!(rest.contains("<h1>Judul &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assert!(rest.contains("Keterangan &lt;/script&gt;"));
    assert!(rest.contains("Foto: &lt;/script&gt;"));
    assert!(rest.contains("<blockquote><p>&lt;/script&gt;"));
    assert!(
        rest.contains("<a href=\"#\" rel=\"noopener\">&lt;/script&gt;"),
        "javascript: link kept"
    );
    for block in json_ld_blocks(&html) {
        assert!(!block.contains("</script"));
    }
    assert!(json_ld_blocks(&html)[0].contains("\\u003c/script\\u003e"));
}

#[test]
fn json_ld_news_article_has_the_fields_google_reads() {
    let html = page(&article());
    let blocks = json_ld_blocks(&html);
    assert_eq!(blocks.len(), 2);
    let v: Value = serde_json::from_str(blocks[0]).expect("NewsArticle JSON");
    assert_eq!(v["@context"], "https://schema.org");
    assert_eq!(v["@type"], "NewsArticle");
    assert_eq!(
        v["mainEntityOfPage"]["@id"],
        "https://warta.example/nasional/banjir-padang"
    );
    assert_eq!(
        v["headline"],
        "Banjir Bandang Landa Padang, Ribuan Warga Mengungsi"
    );
    assert_eq!(
        v["description"],
        "Hujan deras sejak Selasa malam membuat Batang Kuranji meluap."
    );
    assert_eq!(v["datePublished"], "2022-03-02T09:30:00+07:00");
    assert_eq!(v["dateModified"], "2022-03-02T11:30:00+07:00");
    assert_eq!(v["author"][0]["@type"], "Person");
    assert_eq!(v["author"][1]["name"], "Budi Santoso");
    assert_eq!(v["author"][0]["url"], "https://warta.example/penulis/rina");
    assert_eq!(v["publisher"]["@type"], "NewsMediaOrganization");
    assert_eq!(v["publisher"]["name"], "Warta Kita");
    assert_eq!(v["publisher"]["logo"]["@type"], "ImageObject");
    assert_eq!(
        v["publisher"]["logo"]["url"],
        "https://warta.example/static/logo.png"
    );
    let crop = |aspect: &str, w: u32, h: u32| {
        serde_json::json!({
            "@type": "ImageObject",
            "url": format!("https://warta.example/media/hero-{aspect}.jpg"),
            "width": w,
            "height": h,
        })
    };
    assert_eq!(
        v["image"],
        serde_json::json!([
            crop("16x9", 1200, 675),
            crop("4x3", 1200, 900),
            crop("1x1", 1200, 1200)
        ])
    );
    assert_eq!(v["articleSection"], "Nasional");
    assert_eq!(v["keywords"], "Banjir, Sumatera Barat");
    assert_eq!(v["inLanguage"], "id-ID");
    assert_eq!(v["wordCount"], 321);

    let crumbs: Value = serde_json::from_str(blocks[1]).expect("BreadcrumbList JSON");
    assert_eq!(crumbs["@type"], "BreadcrumbList");
    assert_eq!(crumbs["itemListElement"][1]["name"], "Nasional");
    assert_eq!(
        crumbs["itemListElement"][1]["item"],
        "https://warta.example/nasional"
    );
    assert_eq!(crumbs["itemListElement"][2]["position"], 3);
}

#[test]
fn json_ld_of_a_hostile_article_parses_back_to_the_original_text() {
    let a = hostile_article();
    let r = renderer();
    let text = r.jsonld_article(&a);
    assert!(text.contains("\\u003c/script") && !text.contains("</script"));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["headline"], a.headline);
    assert_eq!(v["description"], a.dek);
    assert!(
        page(&a).contains(&text),
        "article page embeds jsonld_article"
    );
}

#[test]
fn json_ld_headline_is_cut_to_110_characters() {
    let mut a = article();
    a.headline = "Pemerintah menetapkan status tanggap darurat ".repeat(5);
    a.hero = None;
    a.tags.clear();
    let v: Value = serde_json::from_str(&renderer().jsonld_article(&a)).unwrap();
    let h = v["headline"].as_str().unwrap();
    assert!(h.chars().count() <= 110 && h.ends_with('…'), "{h}");
    assert!(v.get("image").is_none());
    assert!(v.get("keywords").is_none());
}

#[test]
fn error_pages_have_status_headings_and_the_nav() {
    let r = renderer();
    let html = r
        .error_page(&ctx(), 404, "", "Periksa kembali alamatnya.")
        .unwrap();
    assert_eq!(count(&html, "<h1"), 1);
    assert!(html.contains("<h1>Halaman tidak ditemukan</h1>"));
    assert!(html.contains("<p>Periksa kembali alamatnya.</p>"));
    assert!(html.contains("<a href=\"/\">Kembali ke beranda</a>"));
    assert!(html.contains("<a href=\"/nasional\">Nasional</a>"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!html.contains("rel=\"canonical\""));
    let gone = r.error_page(&ctx(), 410, "", "").unwrap();
    assert!(gone.contains("<h1>Berita ini sudah tidak tersedia</h1>"));
    let own = r
        .error_page(&PageContext::default(), 500, "Ada <galat>", "x")
        .unwrap();
    assert!(own.contains("<h1>Ada &lt;galat&gt;</h1>"));
    assert!(own.contains("<title>Ada &lt;galat&gt; - Warta Kita</title>"));
}
