//! `warta import wordpress` against a running server on the same data directory: posts,
//! pages, authors, categories, tags and photos arrive through the newsroom layer, old
//! addresses answer 301, the server's pages follow without a restart, and a rerun changes
//! nothing.

use crate::helpers::options;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use warta_testkit::TestApp;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/fixtures")
        .join(name)
}

/// Run the import; returns (success, stdout, stderr).
fn import(app: &TestApp, export: &Path, media_from: Option<&Path>) -> (bool, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_warta"));
    cmd.args(["import", "wordpress", "--no-fetch", "--data"])
        .arg(&app.config.data)
        .env("WARTA_DATABASE_URL", &app.config.database_url);
    if let Some(dir) = media_from {
        cmd.arg("--media-from").arg(dir);
    }
    let out = cmd.arg(export).output().expect("run warta import");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn report(stdout: &str) -> Value {
    let path = stdout
        .lines()
        .find_map(|l| l.strip_prefix("report: "))
        .unwrap_or_else(|| panic!("no report path in {stdout}"));
    serde_json::from_slice(&std::fs::read(path).expect("report file")).expect("report JSON")
}

async fn location(app: &TestApp, path: &str) -> (u16, String) {
    let r = app.get(path).await;
    let loc = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (r.status().as_u16(), loc)
}

/// Wait until `path` shows `needle` (the server learns of the import by polling).
async fn eventually_shows(app: &TestApp, path: &str, needle: &str) -> String {
    for _ in 0..50 {
        let (status, body) = app.text(path).await;
        if status == 200 && body.contains(needle) {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{path} never showed {needle:?}");
}

#[tokio::test]
async fn wordpress_import_keeps_conventions_photos_and_old_addresses() {
    berita_import(TestApp::spawn_with(options()).await).await;
}

#[tokio::test]
async fn wordpress_import_on_postgres() {
    if let Some(app) = crate::helpers::postgres_app().await {
        berita_import(app).await;
    }
}

async fn berita_import(app: TestApp) {
    // The home page is cached before the import: it must still change.
    assert_eq!(app.text("/").await.0, 200);
    let files = tempfile::tempdir().unwrap();
    let uploads = files.path().join("wp-content/uploads/2024/03");
    std::fs::create_dir_all(&uploads).unwrap();
    std::fs::write(
        uploads.join("cabai.png"),
        warta_media::demo_image("cabai", 1200, 800),
    )
    .unwrap();

    let (ok, out, err) = import(&app, &fixture("berita.xml"), Some(files.path()));
    assert!(ok, "import failed: {out}\n{err}");
    let r = report(&out);
    assert_eq!(r["imported"]["post"], 3, "{r}");
    assert_eq!(r["imported"]["page"], 1, "{r}");
    assert_eq!(r["imported"]["photo"], 1, "{r}");
    assert_eq!(r["imported"]["author"], 1, "{r}");
    assert_eq!(r["skipped"]["trash"], 1, "{r}");
    assert_eq!(r["skipped"]["type nav_menu_item"], 1, "{r}");
    assert_eq!(r["missing_media"].as_array().unwrap().len(), 0, "{r}");
    assert_eq!(r["kept_as_text"].as_array().unwrap().len(), 1, "{r}");

    eventually_shows(&app, "/", "Harga cabai naik menjelang Lebaran").await;

    // Pretty permalinks, ?p=ID, pages, archives, attachment pages.
    for (old, new) in [
        ("/2024/03/05/harga-cabai-naik/", "/berita/harga-cabai-naik"),
        ("/2024/03/05/harga-cabai-naik", "/berita/harga-cabai-naik"),
        ("/?p=11", "/berita/pemilu-dimulai"),
        (
            "/2024/03/06/pemilu-dimulai/?utm_source=x",
            "/berita/pemilu-dimulai",
        ),
        // WordPress pages are the outlet's own pages.
        ("/tentang-kami/", "/halaman/tentang-kami"),
        ("/?page_id=14", "/halaman/tentang-kami"),
        ("/category/nasional/", "/rubrik/nasional"),
        ("/category/nasional/politik/", "/tag/politik"),
        ("/author/sari/", "/penulis/sari-wulandari"),
        (
            "/2024/03/05/harga-cabai-naik/cabai/",
            "/berita/harga-cabai-naik",
        ),
        ("/?attachment_id=30", "/berita/harga-cabai-naik"),
    ] {
        assert_eq!(location(&app, old).await, (301, new.to_string()), "{old}");
    }
    assert_eq!(app.text("/2019/01/01/tidak-ada/").await.0, 404);
    assert_eq!(app.text("/tag/pemilu-2024").await.0, 200);
    // The trashed post and the draft have no public address.
    assert_eq!(
        app.text("/?p=12").await.0,
        200,
        "the home page, not a redirect"
    );

    let page = app.text("/berita/harga-cabai-naik").await.1;
    assert!(page.contains("class=\"dateline\">JAKARTA,"), "dateline");
    assert!(
        !page.contains("KabarLama.id –"),
        "dateline left in the text"
    );
    assert!(page.contains("(ant/rd)"), "sign-off shown");
    assert!(
        !page.contains("turun pekan depan.(ant/rd)"),
        "sign-off glued"
    );
    assert!(page.contains("Antara/Rina"), "photo credit");
    assert!(page.contains("Pedagang cabai di pasar"), "alt text");
    assert!(page.contains("class=\"baca-juga\""), "related block");
    assert!(
        page.contains("href=\"/berita/pemilu-dimulai\"")
            || page.contains("/berita/pemilu-dimulai\""),
        "related target"
    );
    assert!(page.contains("Cabai Rp 90.000"), "table kept as text");
    let page = app.text("/berita/pemilu-dimulai").await.1;
    assert!(page.contains("Pemungutan suara dimulai"));
    assert!(!page.contains("(ANTARA) -"));

    // Running it again changes nothing.
    let (ok, out, err) = import(&app, &fixture("berita.xml"), Some(files.path()));
    assert!(ok, "{out}\n{err}");
    let again = report(&out);
    assert!(again["imported"].as_object().unwrap().is_empty(), "{again}");
    assert_eq!(again["already_imported"]["post"], 3, "{again}");
    assert_eq!(again["already_imported"]["page"], 1, "{again}");
}

#[tokio::test]
async fn a_broken_export_is_refused_before_anything_is_written() {
    let app = TestApp::spawn_with(options()).await;
    let full = std::fs::read_to_string(fixture("berita.xml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &full[..full.find("<wp:post_id>14").unwrap()]).unwrap();
    let (ok, _, err) = import(&app, &cut, None);
    assert!(!ok);
    assert!(err.contains("truncated"), "{err}");
    assert!(err.contains("Tentang kami"), "names the item: {err}");
    let bad = dir.path().join("bad.xml");
    std::fs::write(
        &bad,
        full.replace(
            "</title>\n<link>https://kabarlama.id/2024/03/06",
            "</judul>\n<link>https://kabarlama.id/2024/03/06",
        ),
    )
    .unwrap();
    let (ok, _, err) = import(&app, &bad, None);
    assert!(!ok);
    assert!(err.contains("invalid XML"), "{err}");
    // Nothing of either reached the site.
    assert_eq!(app.text("/?p=10").await.0, 200);
    assert_eq!(app.text("/2024/03/05/harga-cabai-naik/").await.0, 404);
}

/// The WordPress theme unit test data (real WXR 1.2 exports in ../shared): every published
/// post and page answers from its old permalink. Its photos are not reachable offline: they
/// are listed as missing and the posts import anyway.
#[tokio::test]
async fn theme_unit_test_data_imports_with_every_published_post_reachable() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/wordpress");
    let export = dir.join("themeunittestdata.wordpress.xml");
    if !export.exists() {
        warta_testkit::skip(
            "the theme unit test data",
            "../shared/fixtures/wordpress is absent",
        );
        return;
    }
    let app = TestApp::spawn_with(options()).await;
    let (ok, out, err) = import(&app, &export, None);
    assert!(ok, "{out}\n{err}");
    let r = report(&out);
    assert_eq!(r["imported"]["post"], 58, "{r}");
    assert_eq!(r["imported"]["page"], 21, "{r}");
    assert_eq!(r["failed"].as_array().unwrap().len(), 0, "{r}");
    assert!(!r["missing_media"].as_array().unwrap().is_empty(), "{r}");
    let site = url::Url::parse("https://wpthemetestdata.wordpress.com").unwrap();
    let mut reader = warta_import::Reader::new(std::io::BufReader::new(
        std::fs::File::open(&export).unwrap(),
    ));
    let mut checked = 0;
    while let Some(entry) = reader.next_entry().unwrap() {
        let warta_import::Entry::Item(item) = entry else {
            continue;
        };
        if !matches!(item.post_type.as_str(), "post" | "page") || item.status != "publish" {
            continue;
        }
        let old = site.join(&item.link).unwrap();
        let path = match old.query() {
            Some(q) => format!("{}?{q}", old.path()),
            None => old.path().to_string(),
        };
        let (status, to) = location(&app, &path).await;
        assert_eq!(status, 301, "{path} ({})", item.title);
        assert_eq!(app.text(&to).await.0, 200, "{path} → {to}");
        checked += 1;
    }
    assert!(checked >= 70, "{checked}");
}
