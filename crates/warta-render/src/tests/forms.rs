//! Story forms on the article page: advertorial labels, the fact check's verdict box and
//! ClaimReview, page navigation, hak jawab and the footer's outlet pages.

use super::fixtures::*;
use crate::*;
use serde_json::Value;

fn page(a: &ArticleView) -> String {
    renderer().article_page(&ctx(), a).expect("article renders")
}

fn ld_blocks(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .filter_map(|s| s.split("</script>").next())
        .map(|s| serde_json::from_str(s).expect("JSON-LD parses"))
        .collect()
}

#[test]
fn advertorials_are_labelled_in_lists_and_on_the_page() {
    let mut a = article();
    a.kind = "advertorial".into();
    a.related[1].advertorial = true;
    let html = page(&a);
    // The page's own label and the related teaser's.
    assert_eq!(count(&html, ">Advertorial<"), 2, "{html}");
    assert!(html.contains("<span class=\"iklan\">Advertorial</span>"));
}

#[test]
fn a_fact_check_has_a_verdict_box_references_and_a_claim_review() {
    let mut a = article();
    a.kind = "factcheck".into();
    a.fact_check = Some(warta_core::FactCheck {
        claim: "Air rebusan daun sirsak <b>menyembuhkan</b> kanker".into(),
        claimant: "Akun Facebook Sehat Alami".into(),
        appeared_in: "https://facebook.com/sehat/posts/1".into(),
        verdict: "HOAKS".into(),
        references: vec![warta_core::Reference {
            name: "Kementerian Kesehatan".into(),
            url: "https://kemkes.go.id/".into(),
        }],
    });
    let html = page(&a);
    let box_at = html
        .find("class=\"koreksi cek-fakta\"")
        .expect("verdict box");
    assert!(
        box_at < html.find("class=\"isi\"").unwrap(),
        "box above the body"
    );
    assert!(html.contains("menyembuhkan") && !html.contains("<b>menyembuhkan"));
    assert!(html.contains("<h2 id=\"rujukan-h\">Rujukan</h2>"));
    assert!(
        html.contains(
            "<a href=\"https://kemkes.go.id/\" rel=\"noopener\">Kementerian Kesehatan</a>"
        )
    );
    let claim = ld_blocks(&html)
        .into_iter()
        .find(|v| v["@type"] == "ClaimReview")
        .expect("ClaimReview");
    assert_eq!(claim["reviewRating"]["alternateName"], "HOAKS");
    assert_eq!(
        claim["itemReviewed"]["author"]["name"],
        "Akun Facebook Sehat Alami"
    );
    assert_eq!(
        claim["itemReviewed"]["url"],
        "https://facebook.com/sehat/posts/1"
    );
    assert!(
        claim["claimReviewed"]
            .as_str()
            .unwrap()
            .starts_with("Air rebusan")
    );
    // A news article has none.
    assert!(!page(&article()).contains("ClaimReview"));
}

#[test]
fn paged_articles_link_every_page_and_point_canonical_at_the_whole_text() {
    let mut a = article();
    a.full_text = "PADANG – Halaman satu.\n\nHalaman tiga <akhir>.".into();
    // Unpaged, the text is on the page and not repeated in the structured data.
    assert!(ld_blocks(&page(&a))[0].get("articleBody").is_none());
    a.paging = Some(Paging {
        current: Some(2),
        total: 3,
        pages: vec![
            "/nasional/banjir-padang?page=1".into(),
            "/nasional/banjir-padang?page=2".into(),
            "/nasional/banjir-padang?page=3".into(),
        ],
        all_url: "/nasional/banjir-padang?page=all".into(),
        next_url: Some("/nasional/banjir-padang?page=3".into()),
    });
    let html = page(&a);
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://warta.example/nasional/banjir-padang?page=all\">"
    ));
    assert!(html.contains("<nav class=\"halaman\" aria-label=\"Halaman artikel\">"));
    assert!(
        html.contains("<a href=\"/nasional/banjir-padang?page=2\" aria-current=\"page\">2</a>")
    );
    assert!(html.contains("<a href=\"/nasional/banjir-padang?page=3\">3</a>"));
    assert!(
        !html.contains("class=\"dateline\""),
        "the dateline opens page 1 only"
    );
    let news = &ld_blocks(&html)[0];
    assert_eq!(
        news["url"],
        "https://warta.example/nasional/banjir-padang?page=all"
    );
    // Page 2 shows part of the text; its JSON-LD carries all of it.
    assert_eq!(news["articleBody"], a.full_text.as_str());
}

#[test]
fn hak_jawab_shows_with_its_time_and_links_both_ways() {
    let mut a = article();
    a.replies = vec![ReplyView {
        from: "PT Sungai Jaya".into(),
        text: "Kami membantah tuduhan itu.".into(),
        article: Some(link("Hak Jawab PT Sungai Jaya", "/berita/hak-jawab")),
        created_at: UPDATED,
    }];
    let html = page(&a);
    assert!(html.contains("<h2 id=\"hak-jawab-h\">Hak jawab</h2>"));
    assert!(html.contains("Dari PT Sungai Jaya, <time datetime=\""));
    assert!(html.contains("<a href=\"/berita/hak-jawab\">Hak Jawab PT Sungai Jaya</a>"));
    let mut reply = article();
    reply.reply_to = vec![link("Banjir Bandang", "/berita/banjir")];
    assert!(
        page(&reply)
            .contains("hak jawab atas berita <a href=\"/berita/banjir\">Banjir Bandang</a>")
    );
}

#[test]
fn the_footer_links_the_outlet_pages() {
    let html = page(&article());
    assert!(html.contains("<a href=\"/halaman/redaksi\">Redaksi</a>"));
    let mut p = article();
    p.url = "/halaman/redaksi".into();
    p.kind = "page".into();
    let html = renderer().outlet_page(&ctx(), &p).unwrap();
    assert!(html.contains("<a href=\"/halaman/redaksi\" aria-current=\"page\">Redaksi</a>"));
    assert!(html.contains("\"@type\":\"WebPage\""));
    assert!(!html.contains("NewsArticle"));
}
