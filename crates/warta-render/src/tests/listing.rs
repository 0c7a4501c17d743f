use super::fixtures::*;
use crate::*;

fn page(l: &ListingView) -> String {
    renderer().listing_page(&ctx(), l).expect("listing renders")
}

fn first_page(mut l: ListingView) -> ListingView {
    l.page = 1;
    l.total_pages = 1;
    l.prev_url = None;
    l.next_url = None;
    l
}

#[test]
fn rubrik_page_is_titled_from_the_view_with_one_h1() {
    let html = page(&listing(ListingKind::Rubrik, vec![teaser(1), teaser(2)]));
    assert_eq!(count(&html, "<h1"), 1);
    assert!(html.contains("<h1>Rubrik Nasional</h1>"));
    assert!(html.contains("<title>Rubrik Nasional - Warta Kita - Halaman 2</title>"));
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://warta.example/nasional?page=2\">")
    );
    assert!(html.contains("<html lang=\"id\">"));
}

#[test]
fn paging_links_appear_in_the_page_and_the_head() {
    let html = page(&listing(ListingKind::Rubrik, vec![teaser(1)]));
    assert!(html.contains("<nav class=\"paging\" aria-label=\"Halaman\">"));
    assert!(html.contains("<a href=\"/nasional\" rel=\"prev\">‹ Sebelumnya</a>"));
    assert!(html.contains("<a href=\"/nasional?page=3\" rel=\"next\">Berikutnya ›</a>"));
    assert!(html.contains("Halaman 2 dari 5"));
    assert!(html.contains("<link rel=\"prev\" href=\"https://warta.example/nasional\">"));
    assert!(html.contains("<link rel=\"next\" href=\"https://warta.example/nasional?page=3\">"));

    let single = page(&first_page(listing(ListingKind::Rubrik, vec![teaser(1)])));
    assert!(!single.contains("class=\"paging\""));
    assert!(!single.contains("rel=\"prev\"") && !single.contains("rel=\"next\""));
}

#[test]
fn listing_advertises_the_site_feed_and_its_own() {
    let html = page(&listing(ListingKind::Rubrik, vec![]));
    assert!(html.contains("title=\"Warta Kita\" href=\"/rss.xml\""));
    assert!(html.contains(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Rubrik Nasional - Warta Kita\" href=\"/nasional/rss.xml\">"
    ));
}

#[test]
fn teasers_link_headline_rubrik_and_show_wib_time() {
    let html = page(&listing(ListingKind::Tag, vec![teaser(1), teaser(2)]));
    assert_eq!(count(&html, "<article class=\"teaser\">"), 2);
    assert!(html.contains(
        "<h2 class=\"teaser-title\"><a href=\"/nasional/berita-1\">Berita nomor 1</a></h2>"
    ));
    assert!(html.contains("<p class=\"kicker\"><a href=\"/nasional\">Nasional</a></p>"));
    assert!(html.contains(
        "<time datetime=\"2022-03-02T08:30:00+07:00\">Rabu, 2 Maret 2022 08:30 WIB</time>"
    ));
    assert!(html.contains("<p class=\"dek\">Ringkasan berita 1.</p>"));
    let img = html
        .find("src=\"/media/t1-1200.webp\"")
        .expect("teaser image");
    let tag = &html[img..img + html[img..].find('>').unwrap()];
    assert!(tag.contains("loading=\"lazy\""));
    let pic = html
        .find("<picture class=\"teaser-img\">")
        .expect("teaser picture");
    let pic = &html[pic..pic + html[pic..].find("</picture>").unwrap()];
    assert!(pic.contains(
        "<source type=\"image/webp\" srcset=\"/media/t1-480.webp 480w, /media/t1-720.webp 720w, /media/t1-1200.webp 1200w\""
    ));
    assert!(pic.contains("sizes=\"(max-width: 600px) calc((100vw - 2rem) * .33), "));
    // Thumbnails get no placeholder: lists stay small.
    assert!(!html.contains("lqip"));
}

#[test]
fn home_page_leads_with_one_large_story_and_a_hidden_h1() {
    let mut l = first_page(listing(
        ListingKind::Home,
        vec![teaser(1), teaser(2), teaser(3)],
    ));
    l.url = "/".into();
    l.description = String::new();
    let html = page(&l);
    assert!(html.contains("<title>Warta Kita - Berita terpercaya dari Nusantara</title>"));
    assert_eq!(count(&html, "<h1"), 1);
    assert!(html.contains("<h1 class=\"visually-hidden\">Warta Kita</h1>"));
    assert_eq!(count(&html, "teaser-lead"), 1);
    let lead = html.find("teaser-lead").unwrap();
    assert!(html[lead..].find("berita-1").unwrap() < html[lead..].find("berita-2").unwrap());
    let img = html.find("src=\"/media/t1-1200.webp\"").unwrap();
    let tag = &html[img..img + html[img..].find('>').unwrap()];
    assert!(
        !tag.contains("loading=\"lazy\""),
        "the lead image is above the fold"
    );
    assert!(tag.contains("fetchpriority=\"high\""));
    // The lead alone gets a placeholder, with the lead's own sizes.
    assert_eq!(count(&html, "class=\"lqip-ph\""), 1);
    assert!(html.contains("<div class=\"lqip teaser-img\">"));
    assert!(html.contains("sizes=\"(max-width: 759px) calc(100vw - 2rem), "));
    assert!(
        html.contains("<meta name=\"description\" content=\"Berita terpercaya dari Nusantara\">")
    );
}

#[test]
fn later_home_pages_have_no_lead_story() {
    let html = page(&listing(ListingKind::Home, vec![teaser(1), teaser(2)]));
    assert!(!html.contains("teaser-lead"));
    assert!(
        html.contains("<title>Warta Kita - Berita terpercaya dari Nusantara - Halaman 2</title>")
    );
}

#[test]
fn indeks_has_a_date_picker_and_the_date_in_the_heading() {
    let mut l = first_page(listing(ListingKind::Indeks, vec![teaser(1)]));
    l.title = "Indeks Berita".into();
    l.date = Some("2022-03-02".into());
    let html = page(&l);
    assert!(html.contains(
        "<form class=\"indeks-form\" method=\"get\" action=\"/indeks\">\n<label for=\"tanggal\">Tanggal</label>\n<input type=\"date\" id=\"tanggal\" name=\"tanggal\" value=\"2022-03-02\">\n<button type=\"submit\">Tampilkan</button>\n</form>"
    ));
    assert!(html.contains("<h2 class=\"indeks-tanggal\">Berita Rabu, 2 Maret 2022</h2>"));
    assert!(
        html.contains("<h3 class=\"teaser-title\">"),
        "teasers sit under the date heading"
    );
    assert_eq!(count(&html, "<h1"), 1);
}

#[test]
fn a_malformed_indeks_date_is_not_put_in_the_date_input() {
    let mut l = first_page(listing(ListingKind::Indeks, vec![]));
    l.date = Some("2022-3-2\"><b>".into());
    let html = page(&l);
    assert!(html.contains("name=\"tanggal\" value=\"\">"));
    assert!(!html.contains("<b>"));
}

#[test]
fn empty_listings_say_so() {
    let html = page(&first_page(listing(ListingKind::Topic, vec![])));
    assert!(html.contains("Belum ada berita."));
    assert!(!html.contains("class=\"teasers\""));
}

#[test]
fn author_page_shows_the_bio() {
    let mut l = first_page(listing(ListingKind::Author, vec![teaser(2)]));
    l.title = "Rina Wulandari".into();
    l.description = "Wartawan <b>desk</b> nasional sejak 2015.".into();
    let html = page(&l);
    assert!(html.contains("<h1>Rina Wulandari</h1>"));
    assert!(html.contains(
        "<p class=\"deskripsi\">Wartawan &lt;b&gt;desk&lt;/b&gt; nasional sejak 2015.</p>"
    ));
}

#[test]
fn nav_lists_rubriks_then_indeks_and_marks_the_current_one() {
    let mut l = first_page(listing(ListingKind::Rubrik, vec![]));
    l.url = "/nasional".into();
    let html = page(&l);
    let nav = &html[html.find("<nav class=\"site-nav\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(nav.contains("<a href=\"/nasional\" aria-current=\"page\">Nasional</a>"));
    assert!(nav.contains("<a href=\"/ekonomi\">Ekonomi</a>"));
    assert!(nav.find("Ekonomi").unwrap() < nav.find("Indeks").unwrap());
}

#[test]
fn stylesheet_is_small_and_has_the_needed_rules() {
    assert!(STYLESHEET.len() < 12 * 1024, "{} bytes", STYLESHEET.len());
    for rule in [
        ".visually-hidden",
        ".baca-juga",
        ".dateline",
        ":focus-visible",
        "overflow-x:auto",
    ] {
        assert!(STYLESHEET.contains(rule), "missing {rule}");
    }
    assert_eq!(STYLESHEET_PATH, "/static/style.css");
}
