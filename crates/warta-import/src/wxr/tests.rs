use super::*;

fn all(xml: &str) -> Result<Vec<Entry>, WxrError> {
    let mut r = Reader::new(xml.as_bytes());
    let mut out = Vec::new();
    while let Some(e) = r.next_entry()? {
        out.push(e);
    }
    Ok(out)
}

/// WXR 1.0 names `wp:` differently from 1.2; both read the same.
fn export(wp_ns: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.0/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{wp_ns}">
<channel>
<title>Situs</title>
<link>https://situs.id</link>
<wp:base_blog_url>https://situs.id</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[rina]]></wp:author_login><wp:author_email>rina@situs.id</wp:author_email><wp:author_display_name><![CDATA[Rina Wati]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>nasional</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Nasional]]></wp:cat_name></wp:category>
<wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug>banjir</wp:tag_slug><wp:tag_name><![CDATA[Banjir]]></wp:tag_name></wp:tag>
<item>
<title>Banjir &amp; longsor</title>
<link>https://situs.id/2022/03/banjir/</link>
<dc:creator><![CDATA[rina]]></dc:creator>
<content:encoded><![CDATA[<p>Isi</p>]]></content:encoded>
<excerpt:encoded><![CDATA[Ringkas]]></excerpt:encoded>
<wp:post_id>12</wp:post_id>
<wp:post_date>2022-03-01 14:05:00</wp:post_date>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="nasional"><![CDATA[Nasional]]></category>
<category domain="post_tag" nicename="banjir"><![CDATA[Banjir]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[40]]></wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:commentmeta><wp:meta_key>x</wp:meta_key><wp:meta_value>y</wp:meta_value></wp:commentmeta></wp:comment>
</item>
</channel>
</rss>"#
    )
}

#[test]
fn every_wxr_version_reads_alike() {
    let a = all(&export("http://wordpress.org/export/1.0/")).unwrap();
    let b = all(&export("https://wordpress.org/export/1.2/")).unwrap();
    assert_eq!(a, b);
    assert_eq!(a[0], Entry::Site("https://situs.id".into()));
    let Entry::Author(au) = &a[1] else {
        panic!("{a:?}")
    };
    assert_eq!(
        (au.login.as_str(), au.display_name.as_str()),
        ("rina", "Rina Wati")
    );
    let Entry::Category(c) = &a[2] else { panic!() };
    assert_eq!(c.nicename, "nasional");
    let Entry::Tag(t) = &a[3] else { panic!() };
    assert_eq!(t.slug, "banjir");
    let Entry::Item(item) = &a[4] else { panic!() };
    assert_eq!(item.title, "Banjir & longsor");
    assert_eq!(item.content, "<p>Isi</p>");
    assert_eq!(item.excerpt, "Ringkas");
    assert_eq!(item.post_id, "12");
    assert_eq!(item.terms.len(), 2);
    assert_eq!(item.terms[1].domain, "post_tag");
    // Comment meta is not post meta.
    assert_eq!(
        item.meta,
        vec![("_thumbnail_id".to_string(), "40".to_string())]
    );
}

#[test]
fn a_truncated_file_is_refused_naming_the_item() {
    let full = export("https://wordpress.org/export/1.2/");
    let cut = &full[..full.find("<wp:status>").unwrap()];
    let err = all(cut).unwrap_err();
    assert!(err.message.contains("truncated"), "{err}");
    assert!(err.to_string().contains("Banjir & longsor"), "{err}");
}

#[test]
fn invalid_xml_and_other_files_are_refused() {
    let full = export("https://wordpress.org/export/1.2/");
    let broken = full.replace(
        "</title>\n<link>https://situs.id/2022",
        "</titel>\n<link>https://situs.id/2022",
    );
    let err = all(&broken).unwrap_err();
    assert!(err.message.contains("invalid XML"), "{err}");
    assert!(all("<html><body>bukan</body></html>").is_err());
    assert!(all("").is_err());
    let latin = full.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
    let err = all(&latin).unwrap_err();
    assert!(err.message.contains("encoding"), "{err}");
}
