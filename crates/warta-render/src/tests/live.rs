//! Corrections ("Koreksi") and live blogs: the page parts, the entry fragment for event
//! streams, live.js only where needed, and the JSON-LD.

use super::fixtures::*;
use crate::*;
use serde_json::Value;

fn page(a: &ArticleView) -> String {
    renderer().article_page(&ctx(), a).expect("article renders")
}

fn news_article_ld(html: &str) -> Value {
    serde_json::from_str(json_ld_blocks(html)[0]).expect("JSON-LD parses")
}

#[test]
fn corrections_show_in_a_koreksi_section_with_wib_times() {
    let html = page(&live_article());
    assert!(html.contains(
        "<section class=\"koreksi\" aria-labelledby=\"koreksi-judul\">\n<h2 id=\"koreksi-judul\">Koreksi</h2>"
    ));
    assert!(html.contains(
        "<li><time datetime=\"2022-03-02T11:30:00+07:00\">Rabu, 2 Maret 2022 11:30 WIB</time> — Jumlah pengungsi sebelumnya tertulis 1.000 orang.</li>"
    ));
}

#[test]
fn an_article_without_corrections_has_no_koreksi_box() {
    let html = page(&article());
    assert!(!html.contains("Koreksi"));
    assert!(news_article_ld(&html).get("correction").is_none());
}

#[test]
fn correction_notes_are_plain_text() {
    let mut a = article();
    a.corrections = vec![CorrectionView {
        note: HOSTILE.into(),
        created_at: UPDATED,
    }];
    let html = page(&a);
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"));
    assert_eq!(news_article_ld(&html)["correction"][0]["text"], HOSTILE);
}

#[test]
fn json_ld_lists_corrections_as_correction_comments() {
    let v = news_article_ld(&page(&live_article()));
    let c = &v["correction"][0];
    assert_eq!(c["@type"], "CorrectionComment");
    assert_eq!(
        c["text"],
        "Jumlah pengungsi sebelumnya tertulis 1.000 orang."
    );
    assert_eq!(c["datePublished"], "2022-03-02T11:30:00+07:00");
}

#[test]
fn live_article_shows_label_and_entries_newest_first() {
    let html = page(&live_article());
    assert!(html.contains("<p class=\"langsung\">LANGSUNG</p>\n<h1>"));
    assert!(html.contains("<h2 id=\"live-judul\">Perkembangan terkini</h2>"));
    let newer = html.find("id=\"entri-8\"").expect("entry 8");
    let older = html.find("id=\"entri-7\"").expect("entry 7");
    assert!(newer < older, "newest first");
    assert!(html.contains(
        "<article class=\"live-entry\" id=\"entri-7\">\n<p class=\"live-time\"><time datetime=\"2022-03-02T09:35:00+07:00\" title=\"Rabu, 2 Maret 2022 09:35 WIB\">09:35 WIB</time></p>\n<h3>Tim SAR tiba</h3>"
    ));
    assert!(html.contains("<p>Tim SAR gabungan tiba di lokasi.</p>"));
    assert!(html.contains("<p class=\"live-author\">Rina Wulandari</p>"));
    // The untitled entry has no empty heading.
    let e8 = &html[newer..older];
    assert!(!e8.contains("<h3"));
    // The stream picks up after the newest entry on the page.
    assert!(
        html.contains(
            "data-live-stream=\"/nasional/banjir-padang/langsung\" data-live-after=\"8\""
        )
    );
    assert!(html.contains("role=\"status\" aria-live=\"polite\""));
}

#[test]
fn only_live_articles_load_the_live_script() {
    let tag = format!("<script src=\"{}\" defer></script>", live_script_url());
    assert!(live_script_url().starts_with("/static/live.js?v="));
    assert_eq!(count(&page(&live_article()), &tag), 1);
    let plain = page(&article());
    assert!(!plain.contains(live_script_url()));
    assert!(!plain.contains("LANGSUNG"));
    assert!(!plain.contains("live-entries"));
}

#[test]
fn live_script_is_small_and_self_contained() {
    assert!(LIVE_SCRIPT.len() < 2048, "{} bytes", LIVE_SCRIPT.len());
    assert!(LIVE_SCRIPT.contains("EventSource"));
    assert!(LIVE_SCRIPT.contains("entri baru"));
    assert!(!LIVE_SCRIPT.contains("http"), "no third-party requests");
}

#[test]
fn a_live_article_without_entries_says_so_and_streams_from_zero() {
    let mut a = live_article();
    a.live_entries.clear();
    let html = page(&a);
    assert!(html.contains("data-live-after=\"0\""));
    assert!(html.contains("class=\"live-empty\""));
}

#[test]
fn entry_fragment_matches_the_page() {
    let a = live_article();
    let r = renderer();
    let html = page(&a);
    for e in &a.live_entries {
        let fragment = r.live_entry(e).expect("fragment renders");
        assert!(fragment.starts_with(&format!(
            "<article class=\"live-entry\" id=\"entri-{}\">",
            e.id
        )));
        assert!(html.contains(fragment.trim_end()), "{fragment}");
    }
}

#[test]
fn entry_fragment_renders_every_block_kind_and_escapes_text() {
    let mut e = live_entry(9, 60, HOSTILE, "x");
    e.body = article().body;
    e.body.push(BlockView::Quote {
        text: HOSTILE.into(),
        cite: None,
    });
    e.author = HOSTILE.into();
    let html = renderer().live_entry(&e).expect("fragment renders");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("<h3>&lt;/script&gt;"));
    assert!(html.contains(
        "<aside class=\"baca-juga\"><strong>Baca juga:</strong> <a href=\"/nasional/curah-hujan\">"
    ));
    assert!(html.contains("<source type=\"image/avif\" srcset=\"/media/isi-480.avif 480w"));
    assert!(html.contains("srcset=\"/media/isi-480.webp 480w"));
    assert!(html.contains("class=\"lqip-ph\""));
    assert!(html.contains("youtube-nocookie.com/embed/dQw4w9WgXcQ"));
    // No dateline inside entries.
    assert!(!html.contains("class=\"dateline\""));
}

#[test]
fn json_ld_of_a_live_article_is_a_live_blog_posting() {
    let v = news_article_ld(&page(&live_article()));
    assert_eq!(v["@type"], "LiveBlogPosting");
    assert_eq!(v["coverageStartTime"], "2022-03-02T09:30:00+07:00");
    assert_eq!(
        v["headline"],
        "Banjir Bandang Landa Padang, Ribuan Warga Mengungsi"
    );
    let updates = v["liveBlogUpdate"].as_array().expect("updates");
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0]["@type"], "BlogPosting");
    // Untitled entries take their text as headline.
    assert_eq!(updates[0]["headline"], "Air mulai surut di Kuranji.");
    assert_eq!(updates[0]["articleBody"], "Air mulai surut di Kuranji.");
    assert_eq!(updates[0]["datePublished"], "2022-03-02T10:05:00+07:00");
    assert_eq!(
        updates[0]["url"],
        "https://warta.example/nasional/banjir-padang#entri-8"
    );
    assert_eq!(updates[1]["headline"], "Tim SAR tiba");
    assert_eq!(updates[1]["author"]["name"], "Rina Wulandari");
}

#[test]
fn json_ld_of_hostile_entries_stays_inside_the_script() {
    let mut a = live_article();
    a.live_entries[0].title = HOSTILE.into();
    a.live_entries[0].text = HOSTILE.into();
    let html = page(&a);
    let block = json_ld_blocks(&html)[0];
    assert!(!block.contains('<'));
    let v: Value = serde_json::from_str(block).expect("parses");
    assert_eq!(v["liveBlogUpdate"][0]["articleBody"], HOSTILE);
}
