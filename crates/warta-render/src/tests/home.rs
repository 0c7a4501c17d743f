use super::fixtures::*;
use crate::*;

fn home(breaking: Option<BreakingView>) -> HomeView {
    HomeView {
        breaking,
        lead: Some(teaser(1)),
        headline: vec![teaser(2), teaser(3)],
        latest: vec![teaser(4), teaser(5)],
        picks: vec![teaser(6)],
        sections: vec![SectionView {
            rubrik: link("Ekonomi", "/rubrik/ekonomi"),
            items: vec![teaser(7)],
        }],
        more_url: Some("/?page=2".into()),
    }
}

#[test]
fn the_front_page_has_its_slots_in_order_with_one_h1() {
    let html = renderer().home_page(&ctx(), &home(None)).expect("renders");
    assert_eq!(count(&html, "<h1"), 1);
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("teaser-lead") < at("Terbaru") && at("Terbaru") < at("Pilihan Redaksi"));
    assert!(at("Pilihan Redaksi") < at("href=\"/rubrik/ekonomi\">Ekonomi"));
    assert!(html.contains("rel=\"next\">Berita lainnya"));
    assert!(!html.contains("class=\"breaking\""));
    assert!(html.contains("<link rel=\"canonical\" href=\"https://warta.example/\">"));
    assert!(html.contains("max-image-preview:large"));
    assert!(
        html.contains(time_script_url()),
        "relative times are enhanced"
    );
}

#[test]
fn the_breaking_bar_links_its_article_and_escapes_its_text() {
    let bar = BreakingView {
        text: "Gempa <b>6,1</b> guncang Sulawesi".into(),
        url: Some("/berita/gempa".into()),
    };
    let html = renderer()
        .home_page(&ctx(), &home(Some(bar)))
        .expect("renders");
    assert!(html.contains(
        "<p class=\"breaking\"><strong>Terkini</strong> <a href=\"/berita/gempa\">Gempa &lt;b&gt;6,1&lt;/b&gt; guncang Sulawesi</a></p>"
    ));
}

#[test]
fn the_popular_page_ranks_both_windows() {
    let view = PopularView {
        url: "/terpopuler".into(),
        rubrik: None,
        day: vec![teaser(1), teaser(2)],
        week: vec![],
        rubriks: vec![link("Ekonomi", "/terpopuler/ekonomi")],
    };
    let html = renderer().popular_page(&ctx(), &view).expect("renders");
    assert!(html.contains("<h1>Terpopuler</h1>"));
    assert!(html.contains("24 jam terakhir") && html.contains("7 hari terakhir"));
    assert!(
        html.contains("Belum ada data pembaca."),
        "the empty week says so"
    );
    assert!(html.contains("href=\"/terpopuler/ekonomi\""));
}

#[test]
fn articles_carry_plain_share_links_and_the_view_beacon() {
    let a = article();
    let html = renderer().article_page(&ctx(), &a).expect("renders");
    let url = "https%3A//warta.example";
    for share in [
        "https://wa.me/?text=",
        "https://t.me/share/url?url=https%3A//warta.example",
        "https://x.com/intent/post?url=https%3A//warta.example",
        "https://www.facebook.com/sharer/sharer.php?u=https%3A//warta.example",
    ] {
        assert!(html.contains(share), "{share}");
    }
    assert!(html.contains(url));
    assert!(
        html.contains("data-salin>Tautan</a>"),
        "copy-link is a plain link first"
    );
    assert!(html.contains(&format!("<img class=\"hitung\" src=\"/b/{}\"", a.id)));
    assert!(
        !html.contains("<script src=\"https://"),
        "no third-party script"
    );
}
