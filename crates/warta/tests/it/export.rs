//! `warta export` and `warta import warta`: the demo site exported, loaded into a fresh data
//! directory and exported again gives the same export, and both servers answer the same
//! reader pages byte for byte.

use std::path::Path;
use std::process::Command;
use warta_testkit::{Options, TestApp};

fn warta(args: &[&str]) -> String {
    warta_on(None, args)
}

/// `warta ARGS`, on the PostgreSQL database `db` when given.
fn warta_on(db: Option<&str>, args: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_warta"));
    cmd.args(args);
    if let Some(url) = db {
        cmd.env("WARTA_DATABASE_URL", url);
    }
    let out = cmd.output().expect("run warta");
    assert!(
        out.status.success(),
        "warta {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn export(data: &Path, out: &Path) -> String {
    warta(&[
        "export",
        "--revisions",
        "--data",
        data.to_str().unwrap(),
        out.to_str().unwrap(),
    ])
}

/// Reader pages of a site: the fixed ones and every page its sitemaps list.
pub(crate) async fn reader_paths(app: &TestApp) -> Vec<String> {
    let mut paths: Vec<String> = [
        "/",
        "/indeks",
        "/terpopuler",
        "/rss.xml",
        "/atom.xml",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/robots.txt",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut todo = vec!["/sitemap.xml".to_string()];
    while let Some(map) = todo.pop() {
        let (status, xml) = app.text(&map).await;
        assert_eq!(status, 200, "{map}");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for loc in doc.descendants().filter(|n| n.has_tag_name("loc")) {
            let path = loc
                .text()
                .unwrap_or_default()
                .trim()
                .strip_prefix("https://warta.test")
                .unwrap_or_default()
                .to_string();
            if path.ends_with(".xml") {
                todo.push(path.clone());
            }
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
    }
    paths
}

#[tokio::test]
async fn a_demo_site_exported_and_imported_exports_the_same_and_serves_the_same_pages() {
    let manual = || Options {
        background_jobs: Some(false),
        ..crate::helpers::options()
    };
    let a = TestApp::spawn_with(Options {
        demo: true,
        ..manual()
    })
    .await;
    // A wire feed that has been polled: the feed comes along, its validators do not (the
    // queue's items stay behind, so the first poll on the new site must bring them).
    let store = a.store().await;
    let rubriks = store.list_terms(warta_store::Term::Rubrik).await.unwrap();
    let feed = warta_store::NewWireFeed {
        name: "Antara Terkini".into(),
        agency: "Antara".into(),
        url: "https://www.antaranews.test/rss/terkini.xml".into(),
        kind: "rss".into(),
        interval_minutes: 5,
        rubrik_id: Some(rubriks[1].id),
    };
    let feed_id = store.add_wire_feed(&feed, None).await.unwrap();
    let polled = warta_store::PollOutcome {
        etag: Some("\"antara-7\"".into()),
        last_modified: Some("Tue, 01 Dec 2026 03:00:00 GMT".into()),
        error: None,
        next_at: 1_800_000_000_000,
    };
    store.finish_wire_poll(feed_id, &[], &polled).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("satu"), dir.path().join("dua"));
    let said = export(&a.config.data, &first);
    assert!(said.contains("exported 37 articles"), "{said}");
    assert!(first.join("tables/articles.jsonl").is_file());
    let users = std::fs::read_to_string(first.join("tables/users.jsonl")).unwrap();
    assert!(
        !users.contains("password_hash") && !users.contains("$argon2"),
        "{users}"
    );

    let mut b = TestApp::spawn_with(manual()).await;
    b.stop().await;
    let said = warta(&[
        "import",
        "warta",
        "--data",
        b.config.data.to_str().unwrap(),
        first.to_str().unwrap(),
    ]);
    assert!(said.contains("imported 37 articles"), "{said}");
    // Loading twice is refused: the site is no longer empty.
    let again = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args([
            "import",
            "warta",
            "--data",
            b.config.data.to_str().unwrap(),
            first.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a site"));
    b.start_again().await;
    let feeds = b.store().await.wire_feeds().await.unwrap();
    assert_eq!(feeds.len(), 1, "{feeds:?}");
    assert_eq!(
        (feeds[0].url.as_str(), feeds[0].agency.as_str()),
        (feed.url.as_str(), "Antara")
    );
    assert_eq!((&feeds[0].etag, &feeds[0].last_modified), (&None, &None));
    assert_eq!(
        feeds[0].rubrik_id,
        Some(rubriks[1].id),
        "its drafts' rubrik too"
    );

    export(&b.config.data, &second);
    let (one, two) = (
        warta::export::comparable(&first).unwrap(),
        warta::export::comparable(&second).unwrap(),
    );
    let names =
        |v: &[(std::path::PathBuf, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&one), names(&two));
    for ((path, x), (_, y)) in one.iter().zip(&two) {
        assert!(x == y, "{} differs after the round trip", path.display());
    }

    let paths = reader_paths(&a).await;
    assert!(paths.len() > 40, "{paths:?}");
    for path in &paths {
        let (sa, pa) = a.text(path).await;
        let (sb, pb) = b.text(path).await;
        assert_eq!((sa, sb), (200, 200), "{path}");
        assert!(
            pa == pb,
            "{path} differs between the original and the imported site"
        );
    }
    // The imported photos are served too.
    let (_, home) = b.text("/").await;
    let img = home
        .split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|s| s.starts_with("/media/"))
        .expect("a photo on the home page");
    assert_eq!(b.get(img).await.status(), 200, "{img}");
}

#[tokio::test]
async fn a_damaged_export_is_refused_before_anything_is_written() {
    let a = TestApp::spawn_with(Options {
        demo: true,
        background_jobs: Some(false),
        ..crate::helpers::options()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ekspor");
    export(&a.config.data, &out);
    let file = out.join("tables/articles.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}{{}}\n")).unwrap();
    let target = dir.path().join("baru");
    let res = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args([
            "import",
            "warta",
            "--data",
            target.to_str().unwrap(),
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!res.status.success());
    assert!(
        String::from_utf8_lossy(&res.stderr).contains("does not match its checksum"),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert!(!target.join("warta.db").exists(), "nothing written");
}

#[tokio::test]
async fn the_export_round_trip_works_on_postgres() {
    let (Some(one_db), Some(two_db)) = (
        warta_testkit::postgres_database().await,
        warta_testkit::postgres_database().await,
    ) else {
        return;
    };
    let on = |url: &str| Options {
        database_url: Some(url.to_string()),
        background_jobs: Some(false),
        ..crate::helpers::options()
    };
    let a = TestApp::spawn_with(Options {
        demo: true,
        ..on(&one_db)
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("satu"), dir.path().join("dua"));
    let data = |app: &TestApp| app.config.data.to_str().unwrap().to_string();
    warta_on(
        Some(&one_db),
        &[
            "export",
            "--revisions",
            "--data",
            &data(&a),
            first.to_str().unwrap(),
        ],
    );
    let mut b = TestApp::spawn_with(on(&two_db)).await;
    b.stop().await;
    let said = warta_on(
        Some(&two_db),
        &[
            "import",
            "warta",
            "--data",
            &data(&b),
            first.to_str().unwrap(),
        ],
    );
    assert!(said.contains("imported 37 articles"), "{said}");
    b.start_again().await;
    warta_on(
        Some(&two_db),
        &[
            "export",
            "--revisions",
            "--data",
            &data(&b),
            second.to_str().unwrap(),
        ],
    );
    let (x, y) = (
        warta::export::comparable(&first).unwrap(),
        warta::export::comparable(&second).unwrap(),
    );
    assert_eq!(x.len(), y.len());
    for ((path, p), (_, q)) in x.iter().zip(&y) {
        assert!(p == q, "{} differs after the round trip", path.display());
    }
    for path in ["/", "/rss.xml", "/indeks"] {
        assert_eq!(a.text(path).await, b.text(path).await, "{path}");
    }
    // The ids continue after the loaded ones: a new article gets a fresh id.
    let token = b
        .token_for("baru@warta.test", "Rina Baru", warta_core::Role::Editor)
        .await;
    let n = crate::helpers::Newsroom {
        app: b,
        editor: token.clone(),
        writer: token,
    };
    let rubrik = x
        .iter()
        .find(|(p, _)| p.ends_with("rubriks.jsonl"))
        .and_then(|(_, bytes)| String::from_utf8(bytes.clone()).ok())
        .and_then(|t| t.lines().next().map(str::to_string))
        .and_then(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .and_then(|v| v["name"].as_str().map(str::to_string))
        .expect("a rubrik");
    let mut body = crate::helpers::article_json("Berita baru setelah impor");
    body["rubrik"] = rubrik.into();
    let created = n.create(body).await;
    assert!(created["id"].as_i64().unwrap() > 37, "{created}");
}
