//! Views for tests: a site, navigation, an article with every block kind, teasers, listings
//! and feeds. Times: 2022-03-02 09:30 WIB (Wednesday) = 02:30 UTC.

use crate::*;

/// 2022-03-02T09:30:00+07:00.
pub const PUBLISHED: i64 = 1_646_188_200_000;
/// Two hours later.
pub const UPDATED: i64 = PUBLISHED + 2 * 3_600_000;

pub const HOSTILE: &str = "</script><script>alert(1)</script>";

pub fn site() -> Site {
    Site {
        name: "Warta Kita".into(),
        tagline: "Berita terpercaya dari Nusantara".into(),
        base_url: "https://warta.example".into(),
        logo_path: "/static/logo.png".into(),
        hub: None,
    }
}

pub fn renderer() -> Renderer {
    Renderer::new(site()).expect("templates compile")
}

pub fn link(title: &str, url: &str) -> Link {
    Link {
        title: title.into(),
        url: url.into(),
    }
}

pub fn ctx() -> PageContext {
    PageContext {
        nav: vec![link("Nasional", "/nasional"), link("Ekonomi", "/ekonomi")],
        footer: vec![link("Redaksi", "/halaman/redaksi")],
        popular: Vec::new(),
    }
}

/// The placeholder the fixtures carry (not a real WebP; templates only copy it).
pub const PLACEHOLDER: &str = "data:image/webp;base64,UklGRkoAAABXRUJQVlA4ID4AAAA=";

/// A photo as uploaded now: WebP and AVIF variants (deliberately out of order), crops and a
/// placeholder.
pub fn image(name: &str, caption: &str, credit: &str) -> ImageView {
    let v = |w: u32, ext: &str| Variant {
        url: format!("/media/{name}-{w}.{ext}"),
        width: w,
        height: w * 9 / 16,
    };
    let crop = |aspect: &str, w: u32, h: u32| Crop {
        aspect: aspect.into(),
        url: format!("/media/{name}-{aspect}.jpg"),
        width: w,
        height: h,
    };
    ImageView {
        src: format!("/media/{name}-1200.webp"),
        width: 1200,
        height: 675,
        variants: vec![v(480, "webp"), v(1200, "webp"), v(720, "webp")],
        avif: vec![v(480, "avif"), v(1200, "avif"), v(720, "avif")],
        placeholder: PLACEHOLDER.into(),
        crops: vec![
            crop("16x9", 1200, 675),
            crop("4x3", 1200, 900),
            crop("1x1", 1200, 1200),
        ],
        alt: format!("Foto {name}"),
        caption: caption.into(),
        credit: credit.into(),
    }
}

/// A photo uploaded before AVIF, crops and placeholders: WebP variants only.
pub fn legacy_image(name: &str, caption: &str, credit: &str) -> ImageView {
    ImageView {
        avif: Vec::new(),
        placeholder: String::new(),
        crops: Vec::new(),
        ..image(name, caption, credit)
    }
}

pub fn teaser(n: u32) -> TeaserView {
    TeaserView {
        url: format!("/nasional/berita-{n}"),
        headline: format!("Berita nomor {n}"),
        dek: format!("Ringkasan berita {n}."),
        rubrik: link("Nasional", "/nasional"),
        published_at: PUBLISHED - i64::from(n) * 3_600_000,
        image: (n % 2 == 1).then(|| image(&format!("t{n}"), "", "")),
        advertorial: false,
        snippet: None,
    }
}

pub fn article() -> ArticleView {
    ArticleView {
        id: 42,
        url: "/nasional/banjir-padang".into(),
        headline: "Banjir Bandang Landa Padang, Ribuan Warga Mengungsi".into(),
        dek: "Hujan deras sejak Selasa malam membuat Batang Kuranji meluap.".into(),
        rubrik: link("Nasional", "/nasional"),
        tags: vec![
            link("Banjir", "/tag/banjir"),
            link("Sumatera Barat", "/tag/sumatera-barat"),
        ],
        topic: Some(link("Banjir Sumatera 2022", "/topik/banjir-sumatera-2022")),
        authors: vec![
            PersonView {
                name: "Rina Wulandari".into(),
                url: "/penulis/rina".into(),
                bio: String::new(),
            },
            PersonView {
                name: "Budi Santoso".into(),
                url: "/penulis/budi".into(),
                bio: String::new(),
            },
        ],
        dateline: "PADANG".into(),
        signoff: "(*)".into(),
        sources: vec![
            Source {
                name: "Antara".into(),
                url: Some("https://www.antaranews.com/".into()),
            },
            Source {
                name: "BPBD Sumbar".into(),
                url: None,
            },
        ],
        hero: Some(image(
            "hero",
            "Warga dievakuasi dengan perahu karet.",
            "Andi Pratama",
        )),
        body: vec![
            BlockView::Paragraph {
                html: "Ribuan warga <b>mengungsi</b> pada Rabu pagi.".into(),
            },
            BlockView::Paragraph {
                html: "Paragraf kedua.".into(),
            },
            BlockView::Heading {
                text: "Evakuasi berlanjut".into(),
                level: 2,
            },
            BlockView::Quote {
                text: "Kami terus bekerja.".into(),
                cite: Some("Kepala BPBD".into()),
            },
            BlockView::Image {
                image: image("isi", "Jalan terendam.", "Siti Aminah"),
            },
            BlockView::Related {
                link: link(
                    "Curah hujan tinggi hingga akhir pekan",
                    "/nasional/curah-hujan",
                ),
            },
            BlockView::List {
                ordered: false,
                items: vec!["Satu".into(), "<i>Dua</i>".into()],
            },
            BlockView::Embed {
                provider: EmbedProvider::YouTube,
                id: "dQw4w9WgXcQ".into(),
                url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ".into(),
            },
            BlockView::Embed {
                provider: EmbedProvider::X,
                id: "bnpb/status/123".into(),
                url: "https://x.com/bnpb/status/123".into(),
            },
            BlockView::Embed {
                provider: EmbedProvider::Instagram,
                id: "Cabc_12".into(),
                url: "https://www.instagram.com/p/Cabc_12/".into(),
            },
        ],
        published_at: PUBLISHED,
        updated_at: UPDATED,
        related: vec![teaser(1), teaser(2)],
        word_count: 321,
        full_text: String::new(),
        corrections: Vec::new(),
        live: false,
        live_entries: Vec::new(),
        kind: "news".into(),
        fact_check: None,
        replies: Vec::new(),
        reply_to: Vec::new(),
        paging: None,
    }
}

/// A live entry at `PUBLISHED` plus `minutes`.
pub fn live_entry(id: i64, minutes: i64, title: &str, text: &str) -> LiveEntryView {
    LiveEntryView {
        id,
        title: title.into(),
        body: vec![BlockView::Paragraph { html: text.into() }],
        text: text.into(),
        author: "Rina Wulandari".into(),
        created_at: PUBLISHED + minutes * 60_000,
    }
}

/// A running live blog with two entries (newest first) and a correction.
pub fn live_article() -> ArticleView {
    let mut a = article();
    a.live = true;
    a.live_entries = vec![
        live_entry(8, 35, "", "Air mulai surut di Kuranji."),
        live_entry(7, 5, "Tim SAR tiba", "Tim SAR gabungan tiba di lokasi."),
    ];
    a.corrections = vec![CorrectionView {
        note: "Jumlah pengungsi sebelumnya tertulis 1.000 orang.".into(),
        created_at: UPDATED,
    }];
    a
}

/// An article whose every free-text field carries markup that must come out escaped.
pub fn hostile_article() -> ArticleView {
    let mut a = article();
    a.headline = format!("Judul {HOSTILE}");
    a.dek = format!("Dek {HOSTILE}");
    a.hero = Some(image("hero", &format!("Keterangan {HOSTILE}"), HOSTILE));
    a.body.push(BlockView::Quote {
        text: HOSTILE.into(),
        cite: Some(HOSTILE.into()),
    });
    a.body.push(BlockView::Heading {
        text: HOSTILE.into(),
        level: 3,
    });
    a.tags.push(link(HOSTILE, "/tag/x"));
    a.sources.push(Source {
        name: HOSTILE.into(),
        url: Some("javascript:alert(1)".into()),
    });
    a
}

pub fn listing(kind: ListingKind, items: Vec<TeaserView>) -> ListingView {
    ListingView {
        kind,
        title: "Rubrik Nasional".into(),
        description: "Berita politik dan pemerintahan.".into(),
        url: "/nasional?page=2".into(),
        feed_url: Some("/nasional/rss.xml".into()),
        items,
        page: 2,
        total_pages: 5,
        prev_url: Some("/nasional".into()),
        next_url: Some("/nasional?page=3".into()),
        date: None,
        query: String::new(),
        total: 100,
        filters: None,
    }
}

pub fn feed() -> FeedView {
    FeedView {
        title: "Warta Kita - Nasional".into(),
        description: "Berita nasional & daerah".into(),
        link: "/nasional".into(),
        self_url: "/nasional/rss.xml".into(),
        items: vec![
            FeedItem {
                url: "/nasional/a".into(),
                headline: format!("Harga <BBM> & {HOSTILE}"),
                dek: "Dek pertama.".into(),
                published_at: PUBLISHED,
                updated_at: UPDATED,
                authors: vec!["Rina Wulandari".into(), "Budi Santoso".into()],
                rubrik: "Nasional".into(),
                image: Some(image("feed", "Keterangan", "Andi")),
                content: "<p>Isi <b>lengkap</b> & utuh.</p>".into(),
            },
            FeedItem {
                url: "/nasional/b".into(),
                headline: "Kedua".into(),
                dek: String::new(),
                published_at: PUBLISHED - 86_400_000,
                updated_at: PUBLISHED - 86_400_000,
                authors: vec![],
                rubrik: "Nasional".into(),
                image: None,
                content: String::new(),
            },
        ],
    }
}

/// The text of every `<script type="application/ld+json">` element, in order.
pub fn json_ld_blocks(html: &str) -> Vec<&str> {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    html.match_indices(OPEN)
        .map(|(i, _)| {
            let rest = &html[i + OPEN.len()..];
            &rest[..rest.find("</script>").expect("script closed")]
        })
        .collect()
}

/// The output with the JSON-LD scripts removed, for checks on the rest of the page.
pub fn without_json_ld(html: &str) -> String {
    let mut out = html.to_string();
    for block in json_ld_blocks(html) {
        let whole = format!("<script type=\"application/ld+json\">{block}</script>");
        out = out.replace(&whole, "");
    }
    out
}

pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}
