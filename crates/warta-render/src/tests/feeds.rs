use super::fixtures::*;
use crate::*;
use roxmltree::{Document, Node};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const IMAGE_NS: &str = "http://www.google.com/schemas/sitemap-image/1.1";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";

fn child<'a>(n: Node<'a, 'a>, ns: Option<&str>, name: &str) -> Node<'a, 'a> {
    n.children()
        .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == ns)
        .unwrap_or_else(|| panic!("no <{name}>"))
}

fn text<'a>(n: Node<'a, 'a>, name: &str) -> &'a str {
    child(n, None, name).text().unwrap_or("")
}

#[test]
fn rss_is_well_formed_with_absolute_links_and_escaped_text() {
    let xml = renderer().rss(&feed()).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""));
    assert!(!xml.contains("<script"));
    let doc = Document::parse(&xml).expect("well-formed RSS");
    let rss = doc.root_element();
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let ch = child(rss, None, "channel");
    assert_eq!(text(ch, "title"), "Warta Kita - Nasional");
    assert_eq!(text(ch, "link"), "https://warta.example/nasional");
    assert_eq!(text(ch, "description"), "Berita nasional & daerah");
    assert_eq!(text(ch, "language"), "id");
    assert_eq!(text(ch, "lastBuildDate"), warta_core::rfc2822(UPDATED));
    let own = child(ch, Some(ATOM_NS), "link");
    assert_eq!(
        own.attribute("href"),
        Some("https://warta.example/nasional/rss.xml")
    );
    assert_eq!(own.attribute("rel"), Some("self"));

    let items: Vec<_> = ch.children().filter(|c| c.has_tag_name("item")).collect();
    assert_eq!(items.len(), 2);
    let it = items[0];
    assert_eq!(text(it, "title"), format!("Harga <BBM> & {HOSTILE}"));
    assert_eq!(text(it, "link"), "https://warta.example/nasional/a");
    let guid = child(it, None, "guid");
    assert_eq!(guid.attribute("isPermaLink"), Some("true"));
    assert_eq!(guid.text(), Some("https://warta.example/nasional/a"));
    assert_eq!(text(it, "pubDate"), "Wed, 02 Mar 2022 09:30:00 +0700");
    assert_eq!(text(it, "description"), "Dek pertama.");
    assert_eq!(text(it, "category"), "Nasional");
    let creators: Vec<_> = it
        .children()
        .filter(|c| c.tag_name().namespace() == Some(DC_NS) && c.tag_name().name() == "creator")
        .map(|c| c.text().unwrap_or(""))
        .collect();
    assert_eq!(creators, ["Rina Wulandari", "Budi Santoso"]);
    let media = child(it, Some(MEDIA_NS), "content");
    assert_eq!(
        media.attribute("url"),
        Some("https://warta.example/media/feed-1200.webp")
    );
    assert_eq!(media.attribute("medium"), Some("image"));
    assert_eq!(media.attribute("width"), Some("1200"));
    assert_eq!(media.attribute("height"), Some("675"));
    let enc = child(it, None, "enclosure");
    assert_eq!(
        enc.attribute("url"),
        Some("https://warta.example/media/feed-1200.webp")
    );
    assert_eq!(enc.attribute("type"), Some("image/webp"));
    assert_eq!(enc.attribute("length"), Some("0"));
    assert!(items[1].children().all(|c| !c.has_tag_name("enclosure")));
    // The whole text, escaped once: the HTML comes back out of the XML as written.
    let content = child(it, Some(CONTENT_NS), "encoded");
    assert_eq!(content.text(), Some("<p>Isi <b>lengkap</b> & utuh.</p>"));
    assert!(
        items[1]
            .children()
            .all(|c| c.tag_name().name() != "encoded")
    );
}

#[test]
fn atom_entries_carry_the_whole_text_as_html_content() {
    let xml = renderer().atom(&feed(), PUBLISHED).unwrap();
    let doc = Document::parse(&xml).expect("well-formed Atom");
    let entries: Vec<_> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((ATOM_NS, "entry")))
        .collect();
    assert_eq!(entries.len(), 2);
    let content = child(entries[0], Some(ATOM_NS), "content");
    assert_eq!(content.attribute("type"), Some("html"));
    assert_eq!(content.text(), Some("<p>Isi <b>lengkap</b> & utuh.</p>"));
    assert!(
        entries[1]
            .children()
            .all(|c| !c.has_tag_name((ATOM_NS, "content")))
    );
}

#[test]
fn syndication_body_opens_with_the_dateline_only_for_feeds() {
    let a = article();
    let r = renderer();
    let feed = r.syndication_body(&a, true).unwrap();
    let ninjs = r.syndication_body(&a, false).unwrap();
    let opening = format!("<p><strong>{}, Warta Kita –</strong> ", a.dateline);
    assert!(feed.contains(&opening), "{feed}");
    assert_eq!(
        feed.matches("<strong>").count(),
        ninjs.matches("<strong>").count() + 1
    );
    assert!(!ninjs.contains(&opening));
}

#[test]
fn empty_feed_has_no_last_build_date() {
    let mut f = feed();
    f.items.clear();
    let xml = renderer().rss(&f).unwrap();
    let doc = Document::parse(&xml).unwrap();
    let ch = child(doc.root_element(), None, "channel");
    assert!(ch.children().all(|c| !c.has_tag_name("lastBuildDate")));
}

#[test]
fn control_characters_cannot_break_the_xml() {
    let mut f = feed();
    f.items[0].headline = "Bell\u{7}\u{0} and \u{1b}escape \u{fffe}".into();
    let xml = renderer().rss(&f).unwrap();
    let doc = Document::parse(&xml).expect("still well-formed");
    let ch = child(doc.root_element(), None, "channel");
    let it = ch.children().find(|c| c.has_tag_name("item")).unwrap();
    assert_eq!(text(it, "title"), "Bell and escape ");
}

#[test]
fn sitemap_index_lists_news_then_months_with_absolute_locs() {
    let months = [
        SitemapMonth {
            year: 2026,
            month: 3,
            lastmod: PUBLISHED,
        },
        SitemapMonth {
            year: 2025,
            month: 12,
            lastmod: PUBLISHED,
        },
    ];
    let xml = renderer()
        .sitemap_index(&months, &["/sitemap-news.xml".to_string()])
        .unwrap();
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "sitemapindex");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    let locs: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "loc")))
        .map(|n| n.text().unwrap())
        .collect();
    assert_eq!(
        locs,
        [
            "https://warta.example/sitemap-news.xml",
            "https://warta.example/sitemap-2026-03.xml",
            "https://warta.example/sitemap-2025-12.xml",
        ]
    );
    assert!(xml.contains("<lastmod>2022-03-02T09:30:00+07:00</lastmod>"));
    let without_news = renderer().sitemap_index(&months, &[]).unwrap();
    assert!(!without_news.contains("sitemap-news"));
    Document::parse(&without_news).unwrap();
}

#[test]
fn url_sitemap_carries_images_and_wib_lastmod() {
    let entries = [
        SitemapEntry {
            url: "/nasional/a?x=1&y=2".into(),
            lastmod: UPDATED,
            images: vec![
                "/media/a-1200.webp".into(),
                "https://cdn.example/b.webp".into(),
            ],
        },
        SitemapEntry {
            url: "/nasional/b".into(),
            lastmod: PUBLISHED,
            images: vec![],
        },
    ];
    let xml = renderer().sitemap_urls(&entries).unwrap();
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.lookup_namespace_uri(Some("image")), Some(IMAGE_NS));
    let urls: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "url")))
        .collect();
    assert_eq!(urls.len(), 2);
    assert_eq!(
        child(urls[0], Some(SITEMAP_NS), "loc").text(),
        Some("https://warta.example/nasional/a?x=1&y=2")
    );
    assert_eq!(
        child(urls[0], Some(SITEMAP_NS), "lastmod").text(),
        Some("2022-03-02T11:30:00+07:00")
    );
    let images: Vec<_> = urls[0]
        .descendants()
        .filter(|n| n.has_tag_name((IMAGE_NS, "loc")))
        .map(|n| n.text().unwrap())
        .collect();
    assert_eq!(
        images,
        [
            "https://warta.example/media/a-1200.webp",
            "https://cdn.example/b.webp"
        ]
    );
}

#[test]
fn news_sitemap_names_the_publication_in_indonesian_with_wib_dates() {
    let entries = [NewsEntry {
        url: "/nasional/a".into(),
        headline: format!("Harga <BBM> & {HOSTILE}"),
        published_at: PUBLISHED,
    }];
    let xml = renderer().news_sitemap(&entries).unwrap();
    let doc = Document::parse(&xml).expect("well-formed news sitemap");
    let root = doc.root_element();
    assert_eq!(root.lookup_namespace_uri(Some("news")), Some(NEWS_NS));
    let url = child(root, Some(SITEMAP_NS), "url");
    assert_eq!(
        child(url, Some(SITEMAP_NS), "loc").text(),
        Some("https://warta.example/nasional/a")
    );
    let news = child(url, Some(NEWS_NS), "news");
    let publication = child(news, Some(NEWS_NS), "publication");
    assert_eq!(
        child(publication, Some(NEWS_NS), "name").text(),
        Some("Warta Kita")
    );
    assert_eq!(
        child(publication, Some(NEWS_NS), "language").text(),
        Some("id")
    );
    let date = child(news, Some(NEWS_NS), "publication_date")
        .text()
        .unwrap();
    assert_eq!(date, "2022-03-02T09:30:00+07:00");
    assert!(date.ends_with("+07:00"));
    assert_eq!(
        child(news, Some(NEWS_NS), "title").text(),
        Some(entries[0].headline.as_str())
    );
    assert!(!xml.contains("<script"));
}

#[test]
fn robots_txt_hides_admin_and_api_and_names_both_sitemaps() {
    let r = Renderer::new(Site {
        base_url: "https://warta.example/".into(),
        ..site()
    })
    .unwrap();
    assert_eq!(r.site().base_url, "https://warta.example");
    let txt = r.robots_txt();
    assert!(txt.starts_with("User-agent: *\n"));
    assert!(txt.contains("\nAllow: /\n"));
    assert!(txt.contains("\nDisallow: /admin\n"));
    assert!(txt.contains("\nDisallow: /api/\n"));
    assert!(txt.contains("\nSitemap: https://warta.example/sitemap.xml\n"));
    assert!(txt.contains("\nSitemap: https://warta.example/sitemap-news.xml\n"));
}
