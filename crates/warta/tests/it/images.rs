//! Photos as the standards want them: AVIF and WebP in `<picture>`, a placeholder, and 16:9,
//! 4:3 and 1:1 crops of 1200 px in the JSON-LD and OpenGraph, all served.

use crate::helpers::{article_json, newsroom_manual_jobs, path_of};
use serde_json::{Value, json};
use warta_testkit::TestApp;

/// The URLs of a `srcset`, narrowest first.
fn srcset_urls(srcset: &str) -> Vec<String> {
    srcset
        .split(", ")
        .map(|c| c.split(' ').next().unwrap_or_default().to_string())
        .collect()
}

/// The value of `attr` in the first tag at or after `at` that starts with `tag_start`.
fn attr_of<'a>(html: &'a str, tag_start: &str, attr: &str) -> Option<&'a str> {
    let start = html.find(tag_start)?;
    let tag = &html[start..start + html[start..].find('>')?];
    let key = format!(" {attr}=\"");
    let v = tag.find(&key)? + key.len();
    Some(&tag[v..v + tag[v..].find('"')?])
}

/// GET a media path; answers its content type and bytes after checking the 200.
async fn fetch(app: &TestApp, path: &str) -> (String, Vec<u8>) {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    let ct = r.headers()["content-type"].to_str().unwrap().to_string();
    (ct, r.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_hero_photo_is_served_as_avif_and_webp_with_three_crops_for_structured_data() {
    let n = newsroom_manual_jobs().await;
    let (s, m) = n
        .upload(
            warta_testkit::jpeg(2400, 1350),
            "Warga mengungsi",
            "Antara/Fikri",
        )
        .await;
    assert_eq!(s, 201, "{m}");
    let mut body = article_json("Banjir Bandang Landa Padang");
    body["hero"] =
        json!({"media_id": m["id"], "caption": "Warga mengungsi", "credit": "Antara/Fikri"});
    let a = n.create(body).await;
    let page = path_of(&n.publish(a["id"].as_i64().unwrap()).await["url"]);

    // AVIF is made by a background job (here run when the test says); until its files exist
    // no page lists them, and once they do the cached page is dropped.
    let store = n.app.store().await;
    let media_id = m["id"].as_i64().unwrap();
    let hero_of =
        |html: &str| html[html.find("<figure class=\"hero\">").expect("hero")..].to_string();
    let (status, before) = n.app.text(&page).await;
    assert_eq!(status, 200);
    let hero = hero_of(&before);
    assert!(
        hero.contains("<source type=\"image/webp\""),
        "WebP from the start"
    );
    assert!(
        !hero.contains("image/avif"),
        "an AVIF source before its files exist"
    );
    assert!(
        store
            .media_by_id(media_id)
            .await
            .unwrap()
            .unwrap()
            .avif_pending
    );
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "the photo's AVIF job"
    );

    assert_eq!(n.app.run_pending_jobs().await, 1);
    assert!(
        !store
            .media_by_id(media_id)
            .await
            .unwrap()
            .unwrap()
            .avif_pending
    );
    assert_eq!(store.pending_jobs().await.unwrap(), 0);
    let (_, html) = n.app.text(&page).await;
    assert!(
        hero_of(&html).contains("<source type=\"image/avif\""),
        "the cached page without AVIF was dropped"
    );
    let hero = &html[html.find("<figure class=\"hero\">").unwrap()..];
    let hero = &hero[..hero.find("</figure>").unwrap()];

    // AVIF first, then WebP, then the <img>; every listed file is there in its format.
    let avif = hero.find("type=\"image/avif\"").unwrap();
    let webp = hero.find("type=\"image/webp\"").unwrap();
    assert!(avif < webp && webp < hero.find("<img src=").unwrap());
    for (ty, mime, magic) in [
        ("image/avif", "image/avif", (4..12, b"ftypavif".as_slice())),
        ("image/webp", "image/webp", (8..12, b"WEBP".as_slice())),
    ] {
        let tag = format!("<source type=\"{ty}\"");
        let urls = srcset_urls(attr_of(hero, &tag, "srcset").expect("srcset"));
        assert_eq!(urls.len(), 4, "480, 800, 1200 and 1600 px: {urls:?}");
        let sizes = attr_of(hero, &tag, "sizes").expect("sizes");
        assert_eq!(sizes, "(max-width: 752px) calc(100vw - 2rem), 720px");
        for url in urls {
            let (ct, bytes) = fetch(&n.app, &url).await;
            assert_eq!(ct, mime, "{url}");
            assert_eq!(&bytes[magic.0.clone()], magic.1, "{url}");
        }
    }
    let img = attr_of(hero, "<img src=", "fetchpriority");
    assert_eq!(img, Some("high"), "the hero is fetched first");
    assert!(
        attr_of(hero, "<img src=", "loading").is_none(),
        "the hero is not lazy"
    );
    // The placeholder: a small inline WebP behind the picture.
    let ph = attr_of(hero, "<img class=\"lqip-ph\"", "src").expect("a placeholder");
    assert!(
        ph.starts_with("data:image/webp;base64,") && ph.len() < 400,
        "{ph}"
    );

    // JSON-LD: the three crops at 1200 px wide, each served as that JPEG.
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let ld: Value =
        serde_json::from_str(&html[start..start + html[start..].find("</script>").unwrap()])
            .expect("JSON-LD");
    assert_eq!(ld["@type"], "NewsArticle");
    let images = ld["image"].as_array().expect("an image array");
    let mut shapes = Vec::new();
    for i in images {
        assert_eq!(i["@type"], "ImageObject");
        let url = i["url"].as_str().unwrap();
        assert!(
            url.starts_with(warta_testkit::TEST_BASE_URL),
            "absolute: {url}"
        );
        let (ct, bytes) = fetch(&n.app, &path_of(&i["url"])).await;
        assert_eq!(ct, "image/jpeg");
        let img = image::load_from_memory(&bytes).expect("a JPEG");
        let (w, h) = (i["width"].as_u64().unwrap(), i["height"].as_u64().unwrap());
        assert_eq!(
            (u64::from(img.width()), u64::from(img.height())),
            (w, h),
            "{url}"
        );
        shapes.push((w, h));
    }
    assert_eq!(
        shapes,
        [(1200, 675), (1200, 900), (1200, 1200)],
        "16:9, 4:3, 1:1"
    );

    // OpenGraph shows the 16:9 crop.
    let og = attr_of(&html, "<meta property=\"og:image\"", "content").unwrap();
    assert_eq!(og, images[0]["url"].as_str().unwrap());
    assert_eq!(
        attr_of(&html, "<meta property=\"og:image:width\"", "content"),
        Some("1200")
    );
    assert_eq!(
        attr_of(&html, "<meta property=\"og:image:height\"", "content"),
        Some("675")
    );
}
