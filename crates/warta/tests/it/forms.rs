//! Story forms and the outlet's own pages, end to end over HTTP: advertorials labelled on
//! every list, Cek Fakta with its verdict box and ClaimReview (extruct), paged articles,
//! static pages at `/halaman/{slug}`, hak jawab, and the newsroom's unpublish asking why.

use crate::helpers::{
    Db, Desk, Newsroom, article_json, newsroom_in, newsroom_on, options, path_of, spawn_on,
};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use warta_testkit::{Options, TestApp};

async fn api(n: &Newsroom, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    n.app.api(method, path, &n.editor, body).await
}

/// Publish `body`; the API's article.
async fn published(n: &Newsroom, body: Value) -> Value {
    let a = n.create(body).await;
    n.publish(a["id"].as_i64().unwrap()).await
}

/// `path`'s page once it contains `needle` (the search index and view counts follow within
/// seconds), or the last answer after 10 s.
async fn eventually(app: &TestApp, path: &str, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let (_, html) = app.text(path).await;
        if html.contains(needle) || start.elapsed() > Duration::from_secs(10) {
            return html;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The teaser (or dense headline) of `headline` in a list page, from its opening tag.
fn item_of<'a>(html: &'a str, headline: &str) -> Option<&'a str> {
    let at = html.find(&format!(">{headline}</a>"))?;
    let start = html[..at].rfind("<article class=\"")?;
    Some(&html[start..at])
}

async fn advertorials_are_labelled_on_every_list_and_on_their_page(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let mut adv = article_json("Liburan Hemat ke Labuan Bajo Bersama Maskapai Nusantara");
    adv["kind"] = json!("advertorial");
    adv["tags"] = json!(["Pariwisata"]);
    let adv = published(&n, adv).await;
    assert_eq!(adv["kind"], "advertorial");
    let mut news = article_json("Gunung Lewotobi Kembali Erupsi Pagi Ini");
    news["tags"] = json!(["Pariwisata"]);
    published(&n, news).await;
    let ad_headline = "Liburan Hemat ke Labuan Bajo Bersama Maskapai Nusantara";
    let today = warta_core::wib_date(warta_store::now_ms()).to_string();
    let lists = [
        "/".to_string(),
        "/?page=1".to_string(),
        "/rubrik/internasional".to_string(),
        "/tag/pariwisata".to_string(),
        "/penulis/rina-redaktur".to_string(),
        format!("/indeks?tanggal={today}"),
    ];
    for path in &lists {
        let (s, html) = n.app.text(path).await;
        assert_eq!(s, 200, "{path}");
        let ad = item_of(&html, ad_headline).unwrap_or_else(|| panic!("{path} lists it"));
        assert!(
            ad.contains("<span class=\"iklan\">Advertorial</span>"),
            "{path}: {ad}"
        );
        let other = item_of(&html, "Gunung Lewotobi Kembali Erupsi Pagi Ini").expect("news");
        assert!(
            !other.contains("Advertorial"),
            "{path}: news is not labelled"
        );
    }
    let found = eventually(&n.app, "/cari?q=labuan+bajo", ad_headline).await;
    let hit = item_of(&found, ad_headline).expect("search finds it");
    assert!(hit.contains(">Advertorial</span>"), "search results: {hit}");
    // Terpopuler, from a real view through the beacon.
    let id = adv["id"].as_i64().unwrap();
    let beacon = n
        .app
        .client
        .get(n.app.url(&format!("/b/{id}")))
        .header(
            "user-agent",
            "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(beacon.status(), 200);
    // Counts reach the database within a few seconds; the list is read once they have.
    let store = n.app.store().await;
    let start = Instant::now();
    while store
        .view_totals(&[id], warta_store::now_ms() - 3_600_000)
        .await
        .unwrap()
        .first()
        .map_or(0, |t| t.1)
        == 0
        && start.elapsed() < Duration::from_secs(10)
    {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (_, popular) = n.app.text("/terpopuler").await;
    let item = item_of(&popular, ad_headline).expect("Terpopuler lists it");
    assert!(item.contains(">Advertorial</span>"), "Terpopuler: {item}");
    // The article page says so above the headline.
    let (_, page) = n.app.text(&path_of(&adv["url"])).await;
    let label = page.find(">Advertorial</p>").expect("the page's label");
    assert!(label < page.find("<h1>").unwrap());
    // An unknown kind is refused with the field.
    let mut bad = article_json("Jenis tidak dikenal");
    bad["kind"] = json!("opini");
    let (s, v) = api(&n, Method::POST, "/articles", Some(bad)).await;
    assert_eq!(s, 422, "{v}");
}

fn fact_check_json() -> Value {
    let mut fc = article_json("Cek Fakta: Video Tsunami di Pantai Anyer Bukan dari Pekan Ini");
    fc["kind"] = json!("factcheck");
    fc["fact_check"] = json!({
        "claim": "Video tsunami di Pantai Anyer terjadi pekan ini",
        "claimant": "Akun Facebook Info Banten",
        "appeared_in": "https://facebook.com/infobanten/posts/1",
        "verdict": "salah",
        "references": [{"name": "BMKG", "url": "https://www.bmkg.go.id/"},
                       {"name": "Arsip Antara 2018", "url": "https://www.antaranews.com/"}]
    });
    fc
}

async fn a_fact_check_needs_claim_and_verdict_and_carries_a_claim_review(db: Db) {
    let opts = Options {
        fact_check_verdicts: vec!["Satire".into()],
        ..options()
    };
    let Some(app) = spawn_on(db, opts).await else {
        return;
    };
    let n = newsroom_on(app).await;
    // Drafts may be incomplete; publishing needs the claim and the verdict.
    let mut draft = fact_check_json();
    draft["fact_check"]["verdict"] = json!("");
    let d = n.create(draft).await;
    let id = d["id"].as_i64().unwrap();
    let (s, v) = api(&n, Method::POST, &format!("/articles/{id}/publish"), None).await;
    assert_eq!(
        (s, v["field"].as_str()),
        (422, Some("fact_check/verdict")),
        "{v}"
    );
    // Only the outlet's verdicts and http(s) addresses.
    for (field, value, bad_field) in [
        ("verdict", json!("NGAWUR"), "fact_check/verdict"),
        (
            "appeared_in",
            json!("javascript:alert(1)"),
            "fact_check/appeared_in",
        ),
        (
            "references",
            json!([{"name": "X", "url": "ftp://x.example/"}]),
            "fact_check/references/0/url",
        ),
    ] {
        let mut fc = d["fact_check"].clone();
        fc[field] = value;
        let (s, v) = api(
            &n,
            Method::PATCH,
            &format!("/articles/{id}"),
            Some(json!({"revision": d["revision"], "fact_check": fc})),
        )
        .await;
        assert_eq!((s, v["field"].as_str()), (422, Some(bad_field)), "{v}");
    }
    // The setting adds to the vocabulary (case does not matter).
    let mut fc = d["fact_check"].clone();
    fc["verdict"] = json!("satire");
    let (s, v) = api(
        &n,
        Method::PATCH,
        &format!("/articles/{id}"),
        Some(json!({"revision": d["revision"], "fact_check": fc})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["fact_check"]["verdict"], "SATIRE");

    let a = published(&n, fact_check_json()).await;
    assert_eq!(a["fact_check"]["verdict"], "SALAH");
    let (s, html) = n.app.text(&path_of(&a["url"])).await;
    assert_eq!(s, 200);
    let verdict_box = html
        .find("class=\"koreksi cek-fakta\"")
        .expect("verdict box");
    assert!(
        verdict_box < html.find("class=\"isi\"").unwrap(),
        "above the body"
    );
    assert!(html.contains("<strong class=\"vonis\">SALAH</strong>"));
    assert!(html.contains("<h2 id=\"rujukan-h\">Rujukan</h2>"));
    assert!(html.contains("href=\"https://www.bmkg.go.id/\""));

    let python = crate::browser::find_on_path("python3");
    let has_extruct = match &python {
        Some(p) => std::process::Command::new(p)
            .args(["-c", "import extruct"])
            .output()
            .is_ok_and(|o| o.status.success()),
        None => false,
    };
    if !has_extruct {
        warta_testkit::skip("ClaimReview through extruct", "pip install extruct");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cekfakta.html");
    std::fs::write(&file, &html).unwrap();
    let script = r#"
import json, sys, extruct
html = open(sys.argv[1], encoding="utf-8").read()
data = extruct.extract(html, base_url=sys.argv[2], syntaxes=["json-ld"], uniform=True)
print(json.dumps([d for d in data["json-ld"] if d.get("@type") == "ClaimReview"]))
"#;
    let out = std::process::Command::new(python.unwrap())
        .args(["-c", script])
        .arg(&file)
        .arg(a["url"].as_str().unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reviews: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    let r = &reviews[0];
    assert_eq!(
        r["claimReviewed"],
        "Video tsunami di Pantai Anyer terjadi pekan ini"
    );
    assert_eq!(r["itemReviewed"]["@type"], "CreativeWork");
    assert_eq!(
        r["itemReviewed"]["author"]["name"],
        "Akun Facebook Info Banten"
    );
    assert_eq!(
        r["itemReviewed"]["url"],
        "https://facebook.com/infobanten/posts/1"
    );
    assert_eq!(r["reviewRating"]["alternateName"], "SALAH");
    assert_eq!(r["url"], a["url"]);
}

/// The page's first JSON-LD block (the NewsArticle).
fn ld_of(html: &str) -> Value {
    let ld = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .expect("a JSON-LD block");
    serde_json::from_str(ld.split("</script>").next().unwrap_or("")).expect("JSON-LD is JSON")
}

async fn paged_articles_answer_page_n_and_page_all(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let mut body = article_json("Jejak Rempah Nusantara dari Banda hingga Ternate");
    body["body"] = json!([
        {"type": "paragraph", "text": "Pala dan cengkih pernah lebih mahal dari emas."},
        {"type": "pagebreak"},
        {"type": "paragraph", "text": "Kepulauan Banda adalah satu-satunya sumber pala."},
        {"type": "pagebreak"},
        {"type": "paragraph", "text": "Ternate dan Tidore menguasai perdagangan cengkih."}
    ]);
    let a = published(&n, body).await;
    assert_eq!(a["body"][1]["type"], "pagebreak", "the API keeps the break");
    let path = path_of(&a["url"]);
    let canonical = format!(
        "<link rel=\"canonical\" href=\"{}?page=all\">",
        a["url"].as_str().unwrap()
    );

    let (s, first) = n.app.text(&path).await;
    assert_eq!(s, 200);
    let shown = crate::helpers::without_ld(&first);
    assert!(shown.contains("Pala dan cengkih") && !shown.contains("Kepulauan Banda"));
    assert!(first.contains("<nav class=\"halaman\" aria-label=\"Halaman artikel\">"));
    assert!(first.contains(&format!("<a href=\"{path}\" aria-current=\"page\">1</a>")));
    assert!(first.contains(&format!("<a href=\"{path}?page=3\">3</a>")));
    assert!(first.contains(&canonical), "canonical is the whole text");
    assert!(
        !first.contains("(ant/rd)"),
        "the sign-off ends the last page"
    );

    let (s, second) = n.app.text(&format!("{path}?page=2")).await;
    assert_eq!(s, 200);
    let shown = crate::helpers::without_ld(&second);
    assert!(shown.contains("Kepulauan Banda") && !shown.contains("Pala dan cengkih"));
    assert!(second.contains(&format!(
        "<a href=\"{path}?page=2\" aria-current=\"page\">2</a>"
    )));
    assert!(second.contains(&format!("<a href=\"{path}?page=3\" rel=\"next\">")));
    assert!(second.contains(&canonical));
    // Page 2 shows one part; its structured data carries the whole text.
    let body = ld_of(&second)["articleBody"]
        .as_str()
        .unwrap_or("")
        .to_string();
    for text in ["Pala dan cengkih", "Kepulauan Banda", "Ternate dan Tidore"] {
        assert!(body.contains(text), "articleBody has {text}: {body}");
    }

    let (s, all) = n.app.text(&format!("{path}?page=all&utm_source=wa")).await;
    assert_eq!(s, 200);
    for text in [
        "Pala dan cengkih",
        "Kepulauan Banda",
        "Ternate dan Tidore",
        "(ant/rd)",
    ] {
        assert!(all.contains(text), "?page=all has {text}");
    }
    assert!(all.contains(&format!(
        "<a href=\"{path}?page=all\" aria-current=\"page\">Semua</a>"
    )));
    // JSON-LD describes the whole text.
    let ld = ld_of(&all);
    assert_eq!(
        ld["url"],
        format!("{}?page=all", a["url"].as_str().unwrap())
    );
    assert_eq!(ld["wordCount"], 20);

    for bad in ["?page=4", "?page=0", "?page=dua"] {
        let (s, html) = n.app.text(&format!("{path}{bad}")).await;
        assert_eq!(s, 404, "{bad}");
        assert!(
            html.contains(&format!(
                "<a href=\"{path}\">Kembali ke halaman pertama artikel</a>"
            )),
            "{bad}"
        );
    }
    // The feed carries the article once, at its one address.
    let (_, rss) = n.app.text("/rss.xml").await;
    assert_eq!(
        rss.matches(&format!("<link>{}</link>", a["url"].as_str().unwrap()))
            .count(),
        1
    );
    // RSS and Atom carry every page's text (escaped HTML in content:encoded / content).
    let (_, atom) = n.app.text("/atom.xml").await;
    for feed in [&rss, &atom] {
        for text in ["Pala dan cengkih", "Kepulauan Banda", "Ternate dan Tidore"] {
            assert!(feed.contains(text), "the feed has {text}");
        }
    }
    assert!(
        rss.contains("<content:encoded>&lt;p&gt;&lt;strong&gt;MOSKOW, "),
        "{rss}"
    );
    assert!(atom.contains("<content type=\"html\">"));

    // Without breaks nothing changes: no navigation, canonical as before, no page 2.
    let plain = n.published("Harga Beras Stabil Menjelang Ramadan").await;
    let plain_path = path_of(&plain["url"]);
    let (_, html) = n.app.text(&plain_path).await;
    assert!(!html.contains("class=\"halaman\""));
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{}\">",
        plain["url"].as_str().unwrap()
    )));
    assert_eq!(n.app.text(&format!("{plain_path}?page=2")).await.0, 404);
}

async fn outlet_pages_live_at_halaman_and_stay_out_of_the_news(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    n.published("Berita Biasa di Rubrik Internasional").await;
    let mut page = article_json("Redaksi");
    page["kind"] = json!("page");
    page["slug"] = json!("redaksi");
    page["dek"] = json!("Susunan redaksi kami.");
    page["body"] = json!([{"type": "paragraph", "text": "Pemimpin Redaksi: Rina Redaktur."}]);
    let p = published(&n, page).await;
    assert_eq!(
        p["url"],
        format!("{}/halaman/redaksi", warta_testkit::TEST_BASE_URL)
    );
    let (s, html) = n.app.text("/halaman/redaksi").await;
    assert_eq!(s, 200);
    assert!(html.contains("<h1>Redaksi</h1>") && html.contains("Pemimpin Redaksi: Rina Redaktur."));
    assert!(
        html.contains("<a href=\"/halaman/redaksi\" aria-current=\"page\">Redaksi</a>"),
        "footer"
    );
    assert!(!html.contains("NewsArticle") && html.contains("\"@type\":\"WebPage\""));
    // The story address moves to the page's own.
    let res = n.app.get("/berita/redaksi").await;
    assert_eq!(res.status(), 301);
    assert_eq!(res.headers()["location"], "/halaman/redaksi");
    // A story is not a page.
    let story = n.published("Bukan Halaman Situs").await;
    let slug = story["slug"].as_str().unwrap();
    assert_eq!(n.app.text(&format!("/halaman/{slug}")).await.0, 404);
    // Every page's footer links it; no list, feed, news sitemap or search shows it.
    let (_, home) = n.app.text("/").await;
    assert!(
        home.contains("<a href=\"/halaman/redaksi\">Redaksi</a>"),
        "the footer links it"
    );
    let today = warta_core::wib_date(warta_store::now_ms()).to_string();
    for path in [
        "/?page=1".to_string(),
        "/rubrik/internasional".to_string(),
        format!("/indeks?tanggal={today}"),
        "/rss.xml".to_string(),
        "/atom.xml".to_string(),
        "/rubrik/internasional/rss.xml".to_string(),
        "/sitemap-news.xml".to_string(),
        "/penulis/rina-redaktur".to_string(),
    ] {
        let (s, body) = n.app.text(&path).await;
        assert_eq!(s, 200, "{path}");
        assert!(
            !body.contains("/halaman/redaksi\">Redaksi</a></h")
                && !body.contains("Susunan redaksi kami."),
            "{path} lists the page"
        );
        assert!(!body.contains("/berita/redaksi"), "{path}");
    }
    eventually(&n.app, "/cari?q=halaman", "Bukan Halaman Situs").await;
    let (_, found) = n.app.text("/cari?q=pemimpin+redaksi").await;
    assert!(
        !found.contains("<article class=\"teaser"),
        "search leaves pages out: {found}"
    );
    // The plain sitemap lists it at its address.
    let (_, index) = n.app.text("/sitemap.xml").await;
    let month = index
        .split("<loc>")
        .filter_map(|s| s.split("</loc>").next())
        .find(|u| u.contains("/sitemap-20"))
        .expect("a monthly sitemap")
        .trim_start_matches(warta_testkit::TEST_BASE_URL)
        .to_string();
    let (_, sitemap) = n.app.text(&month).await;
    assert!(sitemap.contains("/halaman/redaksi</loc>"), "{sitemap}");
}

#[tokio::test]
async fn the_demo_has_the_five_outlet_pages_in_every_footer() {
    let app = TestApp::spawn_with(Options {
        demo: true,
        ..options()
    })
    .await;
    let (_, home) = app.text("/").await;
    for (slug, title) in [
        ("redaksi", "Redaksi"),
        ("pedoman-media-siber", "Pedoman Media Siber"),
        ("tentang-kami", "Tentang Kami"),
        ("kontak", "Kontak"),
        ("kebijakan-privasi", "Kebijakan Privasi"),
    ] {
        assert!(
            home.contains(&format!("<a href=\"/halaman/{slug}\">{title}</a>")),
            "{slug}"
        );
        assert_eq!(app.text(&format!("/halaman/{slug}")).await.0, 200, "{slug}");
    }
    let (_, pedoman) = app.text("/halaman/pedoman-media-siber").await;
    for point in [
        "Verifikasi dan keberimbangan",
        "hak jawab",
        "Pencabutan berita",
        "Advertorial",
    ] {
        assert!(pedoman.contains(point), "{point}");
    }
}

async fn hak_jawab_is_shown_with_its_time_and_links_both_ways(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let a = n.published("Pabrik Diduga Cemari Sungai Citarum").await;
    let id = a["id"].as_i64().unwrap();
    let path = path_of(&a["url"]);
    // Writers do not attach replies; a reply needs a text or an article.
    let (s, _) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/replies"),
            &n.writer,
            Some(json!({"from": "PT X", "text": "Tidak benar."})),
        )
        .await;
    assert_eq!(s, 403);
    let (s, v) = api(
        &n,
        Method::POST,
        &format!("/articles/{id}/replies"),
        Some(json!({"from": "PT Tekstil Jaya"})),
    )
    .await;
    assert_eq!((s, v["field"].as_str()), (422, Some("text")), "{v}");
    let (s, v) = api(
        &n,
        Method::POST,
        &format!("/articles/{id}/replies"),
        Some(json!({"from": "PT Tekstil Jaya", "text": "Kami tidak membuang limbah ke sungai."})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["replies"][0]["from"], "PT Tekstil Jaya");
    assert!(v["replies"][0]["at"].as_str().unwrap().ends_with("+07:00"));
    let (_, html) = n.app.text(&path).await;
    assert!(
        html.contains("<h2 id=\"hak-jawab-h\">Hak jawab</h2>"),
        "the cached page follows"
    );
    assert!(html.contains("Dari PT Tekstil Jaya, <time datetime=\""));
    assert!(html.contains(" WIB</time>"));
    assert!(html.contains("Kami tidak membuang limbah ke sungai."));

    // A reply as its own article: both pages link each other.
    let reply = n
        .published("Hak Jawab PT Tekstil Jaya atas Berita Pencemaran Citarum")
        .await;
    let (s, v) = api(
        &n,
        Method::POST,
        &format!("/articles/{id}/replies"),
        Some(json!({"from": "PT Tekstil Jaya", "article_id": reply["id"]})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let (_, html) = n.app.text(&path).await;
    assert!(html.contains(&format!(
        "Baca hak jawab: <a href=\"{}\">",
        path_of(&reply["url"])
    )));
    let (_, reply_html) = n.app.text(&path_of(&reply["url"])).await;
    assert!(reply_html.contains(&format!(
        "hak jawab atas berita <a href=\"{path}\">Pabrik Diduga Cemari Sungai Citarum</a>"
    )));
    let (s, v) = api(
        &n,
        Method::POST,
        &format!("/articles/{id}/replies"),
        Some(json!({"from": "X", "article_id": id})),
    )
    .await;
    assert_eq!((s, v["field"].as_str()), (422, Some("article_id")));

    // Removing it drops both links.
    let reply_id = v_reply_id(&n, id, 1).await;
    let (s, _) = api(
        &n,
        Method::DELETE,
        &format!("/articles/{id}/replies/{reply_id}"),
        None,
    )
    .await;
    assert_eq!(s, 200);
    let (_, reply_html) = n.app.text(&path_of(&reply["url"])).await;
    assert!(!reply_html.contains("hak jawab atas berita"));
    assert_eq!(
        api(
            &n,
            Method::DELETE,
            &format!("/articles/{id}/replies/{reply_id}"),
            None
        )
        .await
        .0,
        404
    );
}

/// The id of the `i`-th reply of article `id`.
async fn v_reply_id(n: &Newsroom, id: i64, i: usize) -> i64 {
    let (_, a) = api(n, Method::GET, &format!("/articles/{id}"), None).await;
    a["replies"][i]["id"].as_i64().expect("reply id")
}

async fn the_newsroom_attaches_hak_jawab_and_asks_why_it_unpublishes(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let a = n.published("Wali Kota Dituding Terima Suap").await;
    let id = a["id"].as_i64().unwrap();
    let desk = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    // Hak jawab through the plain form.
    let (s, page) = desk.get(&format!("/admin/artikel/{id}/hak-jawab")).await;
    assert_eq!(s, 200);
    assert!(page.contains("name=\"from\"") && page.contains("name=\"text\""));
    let (s, loc, _) = desk
        .post(
            &format!("/admin/artikel/{id}/hak-jawab"),
            &[
                ("from", "Pemkot Bekasi"),
                ("text", "Tudingan itu tidak berdasar."),
                ("article_id", ""),
            ],
        )
        .await;
    assert_eq!(
        (s, loc.as_str()),
        (303, format!("/admin/artikel/{id}/hak-jawab").as_str())
    );
    let (_, html) = n.app.text(&path_of(&a["url"])).await;
    assert!(html.contains("Dari Pemkot Bekasi") && html.contains("Tudingan itu tidak berdasar."));

    // The editor's unpublish button comes with the reason readers will see.
    let editor_path = format!("/admin/artikel/{id}");
    let (_, editor) = desk.get(&editor_path).await;
    assert!(editor.contains("name=\"takedown_reason\""));
    let fields = crate::admin::editor_fields(&editor, &[("action", "unpublish")]);
    let mut form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (s, _, body) = desk.post_raw(&editor_path, &form).await;
    assert_eq!(s, 422, "no reason, no takedown");
    assert!(
        body.contains("tuliskan alasan penarikan artikel"),
        "asked in Indonesian"
    );
    assert_eq!(
        n.app.text(&path_of(&a["url"])).await.0,
        200,
        "still published"
    );
    let reason = "Narasumber mencabut keterangannya.";
    form.push(("takedown_reason", reason));
    let (s, _, _) = desk.post_raw(&editor_path, &form).await;
    assert_eq!(s, 303);
    let (s, gone) = n.app.text(&path_of(&a["url"])).await;
    assert_eq!(s, 410);
    assert!(gone.contains(&format!("Alasan: {reason}")));
}

async fn the_editor_form_sets_the_kind_and_the_fact_check_without_javascript(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let desk = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let editor_path = desk
        .new_draft("Cek Fakta: Foto Banjir Jakarta Hasil Suntingan")
        .await;
    let (_, editor) = desk.get(&editor_path).await;
    assert!(
        editor.contains("<select id=\"f-kind\" name=\"kind\""),
        "{editor}"
    );
    assert!(
        editor.contains("<option value=\"HOAKS\">HOAKS</option>"),
        "the verdicts"
    );
    let fields = crate::admin::editor_fields(
        &editor,
        &[
            ("kind", "factcheck"),
            (
                "fc_claim",
                "Foto banjir setinggi atap di Jakarta diambil kemarin",
            ),
            ("fc_claimant", "Akun X @kabarkilat"),
            ("fc_appeared_in", "https://x.com/kabarkilat/status/1"),
            ("fc_verdict", "HOAKS"),
            ("fc_references", "BPBD DKI | https://bpbd.jakarta.go.id/"),
            (
                "body_json",
                r#"[{"type":"paragraph","text":"Foto itu hasil suntingan."}]"#,
            ),
        ],
    );
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (s, _, body) = desk.post_raw(&editor_path, &form).await;
    assert_eq!(s, 303, "{body}");
    let id: i64 = editor_path.rsplit('/').next().unwrap().parse().unwrap();
    let (_, a) = api(&n, Method::GET, &format!("/articles/{id}"), None).await;
    assert_eq!(a["kind"], "factcheck");
    assert_eq!(a["fact_check"]["verdict"], "HOAKS");
    assert_eq!(
        a["fact_check"]["references"][0]["url"],
        "https://bpbd.jakarta.go.id/"
    );
    let (_, editor) = desk.get(&editor_path).await;
    assert!(editor.contains("<option value=\"factcheck\" selected>"));
    assert!(
        editor.contains(">BPBD DKI | https:"),
        "the references are shown again"
    );
}

on_both_backends!(
    advertorials_are_labelled_on_every_list_and_on_their_page,
    paged_articles_answer_page_n_and_page_all,
    outlet_pages_live_at_halaman_and_stay_out_of_the_news,
    hak_jawab_is_shown_with_its_time_and_links_both_ways,
    the_newsroom_attaches_hak_jawab_and_asks_why_it_unpublishes,
    the_editor_form_sets_the_kind_and_the_fact_check_without_javascript,
    a_fact_check_needs_claim_and_verdict_and_carries_a_claim_review,
);
