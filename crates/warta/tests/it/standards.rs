//! Standards gates: the trade's own checkers run on the demo site plus fixture pages made
//! here (a live blog, a correction, search results, error pages, every newsroom page):
//! - the Nu HTML checker (`vnu-jar`, on the machine's Java) on every reader and newsroom page;
//! - extruct (JSON-LD) and feedparser (RSS, Atom) through `tests/standards/check.py`;
//! - `xmllint --schema` on every sitemap against the schemas in `tests/standards/xsd/`;
//! - Lighthouse (mobile preset) and axe-core in Chromium through `tests/browser/gates.mjs`.
//!
//! Each gate skips visibly when its tool is missing (a failure under WARTA_TEST_REQUIRE_ALL=1).

use crate::admin::editor_fields;
use crate::browser::{browser_dir, find_on_path, run_script};
use crate::helpers::{Desk, Newsroom, article_json, newsroom_on, path_of};
use reqwest::Method;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;
use warta_core::Role;
use warta_testkit::{Options, TestApp};

const HOW: &str = "`.ci/run` installs them: Java, `cd tests/browser && npm ci` (vnu-jar, \
    lighthouse, playwright-core, axe-core), Debian chromium and libxml2-utils, \
    `pip install extruct feedparser`";

/// A page as fetched: where it came from and what came back.
struct Fetched {
    path: String,
    status: u16,
    content_type: String,
    body: String,
}

/// The demo site plus fixtures, and every page the gates look at.
struct Site {
    app: TestApp,
    /// Session cookie of an admin (`name=value`).
    cookie: String,
    reader: Vec<Fetched>,
    newsroom: Vec<Fetched>,
    feeds: Vec<Fetched>,
    sitemaps: Vec<Fetched>,
    /// Paths of the article pages, with the hero's original size when there is a hero.
    articles: Vec<(String, Option<(u32, u32)>)>,
    live_path: String,
    /// A "Cek Fakta" article (kind `factcheck`).
    factcheck_path: String,
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("standards")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

async fn fetch(app: &TestApp, path: &str, cookie: Option<&str>) -> Fetched {
    let mut req = app.client.get(app.url(path));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = res.text().await.expect("body");
    Fetched {
        path: path.to_string(),
        status,
        content_type,
        body,
    }
}

/// Same-site links of a page worth crawling (reader pages only).
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .filter(|h| {
            !h.is_empty()
                && !["/admin", "/api/", "/media/", "/static/", "/style", "/live"]
                    .iter()
                    .any(|p| h.starts_with(p))
                && !h.ends_with(".xml")
                && !h.ends_with(".txt")
                && !h.ends_with(".png")
                && !h.ends_with("/langsung")
        })
        .collect()
}

async fn site() -> Site {
    let app = TestApp::spawn_with(Options {
        demo: true,
        ..Default::default()
    })
    .await;
    app.token_for("admin@warta.test", "Ayu Admin", Role::Admin)
        .await;
    app.token_for("kontri@warta.test", "Kiki Kontributor", Role::Contributor)
        .await;
    let n = newsroom_on(app).await;
    // A wire feed (nothing answers there: its row shows the error) for /admin/kawat/sumber.
    let feed = warta_store::NewWireFeed {
        name: "Antara Terkini".into(),
        agency: "Antara".into(),
        url: "http://127.0.0.1:9/antara.xml".into(),
        kind: "rss".into(),
        interval_minutes: 5,
        rubrik_id: None,
    };
    n.app
        .store()
        .await
        .add_wire_feed(&feed, None)
        .await
        .expect("feed");
    // Fixtures: a live blog with entries, a corrected article, a withdrawn one (410).
    let live = n
        .published("LANGSUNG: Banjir Rob Melanda Pesisir Utara Jakarta")
        .await;
    let live_id = live["id"].as_i64().expect("id");
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{live_id}"),
            &n.editor,
            Some(json!({"revision": live["revision"], "live": true})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    for text in [
        "Air mulai naik di Muara Baru, warga mengungsi ke masjid.",
        "BPBD DKI membuka posko di kantor kelurahan.",
    ] {
        let (s, v) = n
            .app
            .api(
                Method::POST,
                &format!("/articles/{live_id}/live"),
                &n.writer,
                Some(json!({"title": "", "body": [{"type": "paragraph", "text": text}]})),
            )
            .await;
        assert_eq!(s, 201, "{v}");
    }
    let corrected = n
        .published("Harga Beras Turun di Pasar Induk Cipinang")
        .await;
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{}", corrected["id"]),
            &n.editor,
            Some(json!({"revision": corrected["revision"], "correction": "Sebelumnya tertulis harga naik."})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    // Unpublished changes to it, so that the editor shows them and the pending pages exist.
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{}", corrected["id"]),
            &n.editor,
            Some(json!({"revision": v["revision"], "stage": true, "dek": "Harga beras turun lagi pekan ini."})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let gone = n.published("Berita yang Ditarik Redaksi").await;
    let (s, v) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{}/unpublish", gone["id"]),
            &n.editor,
            None,
        )
        .await;
    assert!(s == 200, "{s} {v}");
    // Story forms: a fact check, a paged article and an advertorial (the outlet's own pages
    // come with the demo and are linked from every footer).
    let mut fc = article_json("Cek Fakta: Video Tsunami di Pantai Anyer Tahun 2018");
    fc["kind"] = json!("factcheck");
    fc["fact_check"] = json!({"claim": "Video tsunami di Pantai Anyer terjadi pekan ini",
        "claimant": "Akun Facebook Info Banten", "appeared_in": "https://facebook.com/infobanten/posts/1",
        "verdict": "SALAH", "references": [{"name": "BMKG", "url": "https://www.bmkg.go.id/"}]});
    let fc = n.create(fc).await;
    let factcheck = n.publish(fc["id"].as_i64().expect("id")).await;
    let mut paged = article_json("Jejak Rempah Nusantara dari Banda hingga Ternate");
    paged["body"] = json!([
        {"type": "paragraph", "text": "Pala dan cengkih pernah lebih mahal dari emas."},
        {"type": "pagebreak"},
        {"type": "heading", "text": "Banda", "level": 2},
        {"type": "paragraph", "text": "Kepulauan Banda adalah satu-satunya sumber pala dunia."},
        {"type": "pagebreak"},
        {"type": "paragraph", "text": "Ternate dan Tidore menguasai perdagangan cengkih."}
    ]);
    let paged = n.create(paged).await;
    let paged = n.publish(paged["id"].as_i64().expect("id")).await;
    let mut adv = article_json("Liburan Hemat ke Labuan Bajo Bersama Maskapai Nusantara");
    adv["kind"] = json!("advertorial");
    let adv = n.create(adv).await;
    n.publish(adv["id"].as_i64().expect("id")).await;
    // A curated front page with a breaking-news bar, so the gates see both.
    let until = warta_core::iso8601_wib(warta_store::now_ms() + 3_600_000);
    let (s, v) = n
        .app
        .api(
            Method::PUT,
            "/home",
            &n.editor,
            Some(json!({"headline": [corrected["id"]], "picks": [live_id],
                "breaking": {"text": "Banjir rob melanda pesisir utara Jakarta", "article_id": live_id, "until": until}})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    // The search pages below show results: the index catches up with the demo site first.
    n.app.run_pending_jobs().await;
    let Newsroom { app, .. } = n;

    // Reader pages: everything reachable from the home page, plus pages no link leads to.
    let mut queue: Vec<String> = vec!["/".into()];
    for extra in [
        "/cari?q=rusia",
        "/cari?q=rusia+ukraina&page=1",
        "/cari?q=zzqxw",
        "/cari",
        "/indeks?tanggal=2022-03-01",
        "/tidak-ada-halaman-ini",
        &path_of(&gone["url"]),
        &path_of(&live["url"]),
        &format!("{}?page=2", path_of(&paged["url"])),
        &format!("{}?page=all", path_of(&paged["url"])),
        &format!("{}?page=9", path_of(&paged["url"])),
        "/halaman/pedoman-media-siber",
    ] {
        queue.push(extra.to_string());
    }
    let mut seen = std::collections::HashSet::new();
    let mut reader = Vec::new();
    while let Some(path) = queue.pop() {
        if !seen.insert(path.clone()) || seen.len() > 400 {
            continue;
        }
        let page = fetch(&app, &path, None).await;
        if page.content_type.starts_with("text/html") {
            if page.status == 200 {
                queue.extend(links(&page.body));
            }
            reader.push(page);
        }
    }
    let store = app.store().await;
    let mut articles = Vec::new();
    let (rows, _) = store
        .list_articles(&warta_store::ListScope::All.filter(), 1, 100)
        .await
        .expect("articles");
    for r in rows {
        let hero = match r.hero_media_id {
            Some(id) => store
                .media_by_id(id)
                .await
                .expect("media")
                .map(|m| (m.width, m.height)),
            None => None,
        };
        articles.push((format!("/berita/{}", r.slug), hero));
    }

    // Feeds and sitemaps, found the way crawlers find them.
    let mut feeds = Vec::new();
    for p in ["/rss.xml", "/atom.xml"] {
        feeds.push(fetch(&app, p, None).await);
    }
    for page in reader.iter().filter(|p| p.status == 200) {
        for kind in ["rubrik", "tag", "topik"] {
            if page.path.starts_with(&format!("/{kind}/")) && !page.path.contains('?') {
                for f in ["rss.xml", "atom.xml"] {
                    feeds.push(fetch(&app, &format!("{}/{f}", page.path), None).await);
                }
            }
        }
    }
    let mut sitemaps = vec![fetch(&app, "/sitemap.xml", None).await];
    for loc in sitemaps[0].body.clone().split("<loc>").skip(1) {
        let url = loc.split("</loc>").next().unwrap_or("");
        let path = url.split_once("://").map_or("", |(_, r)| r);
        let path = &path[path.find('/').unwrap_or(0)..];
        sitemaps.push(fetch(&app, path, None).await);
    }

    // Newsroom pages, signed in as an admin (and a few as others).
    let desk = Desk::sign_in(&app, "admin@warta.test").await;
    let cookie = desk.cookie.clone();
    let mut newsroom = Vec::new();
    for p in [
        "/admin/masuk",
        "/admin/lupa",
        "/admin/atur-ulang/tautan-tidak-berlaku",
    ] {
        newsroom.push(fetch(&app, p, None).await);
    }
    // A valid reset link (reset form) and the answer to a reset request (message page).
    let kontri = store
        .list_users()
        .await
        .expect("users")
        .into_iter()
        .find(|u| u.email == "kontri@warta.test")
        .expect("contributor");
    let token = store
        .create_password_reset(kontri.id, 3_600_000)
        .await
        .expect("reset token");
    newsroom.push(fetch(&app, &format!("/admin/atur-ulang/{token}"), None).await);
    let answer = app
        .client
        .post(app.url("/admin/lupa"))
        .form(&[("email", "siapa@warta.test")])
        .send()
        .await
        .expect("forgot");
    newsroom.push(Fetched {
        path: "/admin/lupa (answer)".into(),
        status: answer.status().as_u16(),
        content_type: "text/html".into(),
        body: answer.text().await.expect("body"),
    });
    let media = store
        .search_media("", None, None, 1, 1)
        .await
        .ok()
        .and_then(|(m, _)| m.first().map(|m| m.id));
    let mut admin_paths = vec![
        "/admin".to_string(),
        "/admin/artikel".into(),
        "/admin/artikel?status=published".into(),
        format!("/admin/artikel/{live_id}"),
        format!("/admin/artikel/{live_id}/pratinjau"),
        format!("/admin/artikel/{}/revisi", corrected["id"]),
        format!("/admin/artikel/{}/tertunda", corrected["id"]),
        format!("/admin/artikel/{}/pratinjau", corrected["id"]),
        "/admin/akun".into(),
        "/admin/media".into(),
        "/admin/audit".into(),
        "/admin/taksonomi".into(),
        "/admin/beranda".into(),
        "/admin/beranda?q=rusia".into(),
        "/admin/pengguna".into(),
        "/admin/kawat".into(),
        "/admin/kawat/sumber".into(),
        "/admin/tidak-ada".into(),
    ];
    if let Some(m) = media {
        admin_paths.push(format!("/admin/media/{m}"));
    }
    for p in &admin_paths {
        newsroom.push(fetch(&app, p, Some(&cookie)).await);
    }
    // A refused page (403) and the edit-conflict page (409).
    let contributor = Desk::sign_in(&app, "kontri@warta.test").await;
    newsroom.push(fetch(&app, "/admin/pengguna", Some(&contributor.cookie)).await);
    let editor_path = format!("/admin/artikel/{}", corrected["id"]);
    let (_, form_page) = desk.get(&editor_path).await;
    let stale: Vec<(String, String)> = editor_fields(
        &form_page,
        &[
            ("revision", "1"),
            (
                "body_json",
                r#"[{"type":"paragraph","text":"Versi lama."}]"#,
            ),
        ],
    );
    let form: Vec<(&str, &str)> = stale
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (s, _, body) = desk.post_raw(&editor_path, &form).await;
    assert_eq!(s, 409, "the stale save gets the conflict page");
    newsroom.push(Fetched {
        path: format!("{editor_path} (conflict)"),
        status: s,
        content_type: "text/html".into(),
        body,
    });
    drop(desk);
    drop(contributor);
    Site {
        app,
        cookie,
        reader,
        newsroom,
        feeds,
        sitemaps,
        articles,
        live_path: path_of(&live["url"]),
        factcheck_path: path_of(&factcheck["url"]),
    }
}

fn file_name(i: usize, path: &str) -> String {
    let clean: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(80)
        .collect();
    format!("{i:03}{clean}")
}

async fn command_output(cmd: &mut tokio::process::Command) -> (bool, String) {
    let out = cmd.output().await.expect("run checker");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn vnu_jar() -> PathBuf {
    browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_reader_and_newsroom_page_passes_the_nu_html_checker() {
    let Some(java) = find_on_path("java") else {
        warta_testkit::skip("HTML gate: `java` is not on PATH", HOW);
        return;
    };
    if !vnu_jar().is_file() {
        warta_testkit::skip(
            "HTML gate: tests/browser/node_modules/vnu-jar is missing",
            HOW,
        );
        return;
    }
    let site = site().await;
    let dir = scratch("vnu");
    let pages: Vec<&Fetched> = site.reader.iter().chain(&site.newsroom).collect();
    let mut names = std::collections::HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        let name = format!("{}.html", file_name(i, &p.path));
        std::fs::write(dir.join(&name), &p.body).expect("write page");
        names.insert(name, format!("{} ({})", p.path, p.status));
    }
    let reader_kinds: std::collections::BTreeSet<&str> = site
        .reader
        .iter()
        .map(|p| {
            p.path
                .split('/')
                .nth(1)
                .unwrap_or("")
                .split('?')
                .next()
                .unwrap_or("")
        })
        .collect();
    for kind in [
        "", "berita", "rubrik", "tag", "topik", "penulis", "indeks", "cari",
    ] {
        assert!(
            reader_kinds.contains(kind),
            "the crawl reached no /{kind} page: {reader_kinds:?}"
        );
    }
    let (_, out) = command_output(
        tokio::process::Command::new(java)
            .arg("-jar")
            .arg(vnu_jar())
            .args(["--errors-only", "--format", "json", "--exit-zero-always"])
            .arg(&dir),
    )
    .await;
    let json_start = out.find('{').unwrap_or(0);
    let report: Value = serde_json::from_str(&out[json_start..])
        .unwrap_or_else(|e| panic!("vnu output is not JSON ({e}): {out}"));
    let errors: Vec<String> = report["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let file = m["url"]
                .as_str()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("");
            format!(
                "{} line {}: {} [{}]",
                names.get(file).map_or(file, String::as_str),
                m["lastLine"],
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").trim()
            )
        })
        .collect();
    eprintln!(
        "vnu checked {} reader and {} newsroom pages",
        site.reader.len(),
        site.newsroom.len()
    );
    assert!(
        errors.is_empty(),
        "{} HTML errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn structured_data_and_feeds_pass_extruct_and_feedparser() {
    let python = find_on_path("python3").unwrap_or_else(|| PathBuf::from("python3"));
    let probe = tokio::process::Command::new(&python)
        .args(["-c", "import extruct, feedparser"])
        .output()
        .await;
    if !probe.is_ok_and(|o| o.status.success()) {
        warta_testkit::skip(
            "structured-data gate: python3 with extruct and feedparser",
            HOW,
        );
        return;
    }
    let site = site().await;
    let dir = scratch("extruct");
    let home = site.reader.iter().find(|p| p.path == "/").expect("home");
    // The site's configured base URL, which feeds and JSON-LD use: the home page's canonical.
    let base = home
        .body
        .split(r#"<link rel="canonical" href=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("canonical link")
        .trim_end_matches('/')
        .to_string();
    let mut pages = vec![];
    std::fs::write(dir.join("home.html"), &home.body).expect("write");
    pages.push(json!({"kind": "home", "url": format!("{base}/"), "file": dir.join("home.html")}));
    for (i, (path, hero)) in site.articles.iter().enumerate() {
        let page = fetch(&site.app, path, None).await;
        assert_eq!(page.status, 200, "{path}");
        let file = dir.join(format!("article{i}.html"));
        std::fs::write(&file, &page.body).expect("write");
        let kind = if *path == site.live_path {
            "live"
        } else if *path == site.factcheck_path {
            "factcheck"
        } else {
            "article"
        };
        pages.push(json!({
            "kind": kind, "url": format!("{base}{path}"), "file": file,
            "hero_width": hero.map(|h| h.0), "hero_height": hero.map(|h| h.1),
        }));
    }
    assert!(pages.iter().any(|p| p["kind"] == "live"));
    assert!(pages.iter().any(|p| p["kind"] == "factcheck"));
    let mut feeds = vec![];
    for (i, f) in site.feeds.iter().enumerate() {
        assert_eq!(f.status, 200, "{}", f.path);
        let file = dir.join(format!("feed{i}.xml"));
        std::fs::write(&file, &f.body).expect("write");
        feeds.push(json!({"url": format!("{base}{}", f.path), "file": file, "content_type": f.content_type}));
    }
    let manifest = dir.join("manifest.json");
    std::fs::write(
        &manifest,
        json!({"pages": pages, "feeds": feeds}).to_string(),
    )
    .expect("write");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/standards/check.py");
    let (ok, out) = command_output(
        tokio::process::Command::new(python)
            .arg(script)
            .arg(&manifest),
    )
    .await;
    eprintln!("{out}");
    assert!(ok, "structured data or feeds failed:\n{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sitemaps_validate_against_the_sitemap_news_and_image_schemas() {
    let Some(xmllint) = find_on_path("xmllint") else {
        warta_testkit::skip("sitemap gate: `xmllint` is not on PATH", HOW);
        return;
    };
    let site = site().await;
    let dir = scratch("xmllint");
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/standards/xsd");
    let mut kinds = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for (i, s) in site.sitemaps.iter().enumerate() {
        assert_eq!(s.status, 200, "{}", s.path);
        let file = dir.join(format!("sitemap{i}.xml"));
        std::fs::write(&file, &s.body).expect("write");
        let schema = if s.body.contains("<sitemapindex") {
            "siteindex.xsd"
        } else {
            "urlset.xsd"
        };
        if s.body.contains("<news:news>") {
            kinds.insert("news");
        }
        if s.body.contains("<image:image>") {
            kinds.insert("image");
        }
        kinds.insert(schema);
        let (ok, out) = command_output(
            tokio::process::Command::new(&xmllint)
                .args(["--noout", "--nonet", "--schema"])
                .arg(xsd.join(schema))
                .arg(&file),
        )
        .await;
        if !ok {
            failures.push(format!("{} against {schema}: {out}", s.path));
        }
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["image", "news", "siteindex.xsd", "urlset.xsd"],
        "the demo has an index, URL sitemaps with images and a news sitemap"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lighthouse_and_axe_pass_on_reader_and_newsroom_pages() {
    let Some(node) = find_on_path("node") else {
        warta_testkit::skip("page-quality gate: `node` is not on PATH", HOW);
        return;
    };
    let modules = browser_dir().join("node_modules");
    if !Path::new("/usr/bin/chromium").exists()
        || !modules.join("lighthouse").is_dir()
        || !modules.join("axe-core").is_dir()
    {
        warta_testkit::skip(
            "page-quality gate: chromium, lighthouse or axe-core missing",
            HOW,
        );
        return;
    }
    let site = site().await;
    let article = site
        .articles
        .iter()
        .find(|(p, hero)| hero.is_some() && *p != site.live_path)
        .map(|(p, _)| p.clone())
        .expect("a demo article with a photo");
    let rubrik = site
        .reader
        .iter()
        .find(|p| p.path.starts_with("/rubrik/") && p.status == 200)
        .map(|p| p.path.clone())
        .expect("a rubrik page");
    let mut axe: Vec<Value> = site
        .reader
        .iter()
        .map(|p| json!({"path": p.path, "session": false}))
        .collect();
    axe.extend(
        site.newsroom
            .iter()
            .filter(|p| !p.path.contains(' ') && p.path.starts_with("/admin/"))
            .map(|p| {
                let anon = ["/admin/masuk", "/admin/lupa", "/admin/atur-ulang"]
                    .iter()
                    .any(|a| p.path.starts_with(a));
                json!({"path": p.path, "session": !anon})
            }),
    );
    let spec = json!({
        "base": site.app.base,
        "cookie": site.cookie,
        "lighthouse": {"home": "/", "article": article, "rubrik": rubrik, "search": "/cari?q=rusia"},
        "axe": axe,
        "report": scratch("lighthouse"),
    });
    let spec_file = scratch("gates").join("spec.json");
    std::fs::write(&spec_file, spec.to_string()).expect("write");
    run_script(
        node,
        "gates.mjs",
        &[spec_file.display().to_string()],
        Duration::from_secs(600),
    )
    .await;
}
