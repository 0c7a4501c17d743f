//! The reader site in real headless Chromium, JavaScript off, on a phone and a desktop viewport:
//! `tests/browser/reader.mjs` (playwright-core driving Debian's `/usr/bin/chromium`) clicks
//! through home, article, "Baca juga", rubrik, Indeks and its date form, and the 404 page.
//! `tests/browser/newsroom.mjs` drives the newsroom with JavaScript on: writing with the Tiptap
//! editor, review and publishing, an edit conflict between two editors, a contributor's limits,
//! and axe-core accessibility checks.

use crate::helpers::{self, path_of};
use reqwest::Method;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;
use warta_core::Role;
use warta_testkit::{Options, TestApp};

const CHROMIUM: &str = "/usr/bin/chromium";

pub(crate) fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser")
}

pub(crate) fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// What the browser test needs, or why it cannot run.
pub(crate) fn prerequisites() -> Result<PathBuf, String> {
    let node = find_on_path("node").ok_or("`node` is not on PATH")?;
    if !Path::new(CHROMIUM).exists() {
        return Err(format!("{CHROMIUM} is missing"));
    }
    if !browser_dir().join("node_modules/playwright-core").is_dir() {
        return Err("tests/browser/node_modules/playwright-core is missing".into());
    }
    Ok(node)
}

pub(crate) const HOW: &str =
    "`.ci/run` installs them; or `apt-get install chromium && (cd tests/browser && npm ci)`";

pub(crate) fn screenshots() -> PathBuf {
    std::env::var_os("WARTA_BROWSER_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots"))
}

/// Run `node tests/browser/{script} args…`; panics with its output when it fails or hangs.
/// Output goes to files so that a script that hangs still shows how far it got.
pub(crate) async fn run_script(node: PathBuf, script: &str, args: &[String], limit: Duration) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let out_path = dir.join(format!("{script}.{}.stdout", std::process::id()));
    let err_path = dir.join(format!("{script}.{}.stderr", std::process::id()));
    let out_file = std::fs::File::create(&out_path).expect("stdout file");
    let err_file = std::fs::File::create(&err_path).expect("stderr file");
    let mut child = tokio::process::Command::new(node)
        .arg(script)
        .args(args)
        .current_dir(browser_dir())
        .stdout(out_file)
        .stderr(err_file)
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("run node {script}: {e}"));
    let status = tokio::time::timeout(limit, child.wait()).await;
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let status = match status {
        Ok(s) => s.unwrap_or_else(|e| panic!("wait for node {script}: {e}")),
        Err(_) => {
            let _ = child.kill().await;
            panic!(
                "{script} did not finish within {limit:?}:\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
            );
        }
    };
    if !status.success() {
        // The failures first: a long log is cut in the middle when it is shown.
        let failed: Vec<&str> = stdout.lines().filter(|l| l.starts_with("FAIL ")).collect();
        panic!(
            "{script} failed ({status}):\n{}\n--- stderr\n{stderr}\n--- stdout\n{stdout}",
            failed.join("\n")
        );
    }
    eprintln!("{stdout}{stderr}");
}

#[tokio::test]
async fn reader_site_works_in_headless_chromium_without_javascript() {
    let node = match prerequisites() {
        Ok(node) => node,
        Err(why) => {
            warta_testkit::skip(&format!("browser test: {why}"), HOW);
            return;
        }
    };
    let app = TestApp::spawn_with(Options {
        demo: true,
        ..Default::default()
    })
    .await;
    let shots = screenshots();
    run_script(
        node,
        "reader.mjs",
        &[app.base.clone(), shots.display().to_string()],
        Duration::from_secs(120),
    )
    .await;
    eprintln!("screenshots: {}", shots.display());
}

#[tokio::test]
async fn newsroom_works_in_headless_chromium_with_javascript() {
    let node = match prerequisites() {
        Ok(node) => node,
        Err(why) => {
            warta_testkit::skip(&format!("newsroom browser test: {why}"), HOW);
            return;
        }
    };
    if !browser_dir().join("node_modules/axe-core").is_dir() {
        warta_testkit::skip(
            "newsroom browser test: tests/browser/node_modules/axe-core is missing",
            HOW,
        );
        return;
    }
    let n = helpers::newsroom().await;
    let app = &n.app;
    app.token_for("raka@warta.test", "Raka Pratama", Role::Editor)
        .await;
    app.token_for(
        "kontributor@warta.test",
        "Kiki Kontributor",
        Role::Contributor,
    )
    .await;
    // A published article to link to ("Baca juga"), and with it the rubrik "Internasional".
    let linked = n
        .published("Gencatan Senjata Disepakati di Perbatasan Timur")
        .await;
    // A published story close to the one the writer will write: the "Baca juga" dialog
    // suggests it before anything is typed.
    let kin = n
        .create(json!({
            "headline": "Warga Sukamaju Membangun Jembatan Bambu Darurat",
            "rubrik": "Internasional",
            "body": [{"type": "paragraph",
                      "text": "Warga desa Sukamaju bergotong royong membangun jembatan bambu darurat."}]
        }))
        .await;
    let kin = n.publish(kin["id"].as_i64().unwrap()).await;
    app.run_pending_jobs().await;
    // A photo in the media library.
    let (s, photo) = n
        .upload(
            warta_testkit::png(800, 600),
            "Warga menyeberangi jembatan darurat",
            "Arsip Warta",
        )
        .await;
    assert_eq!(s, 201, "{photo}");
    // The article both editors open in the conflict scenario.
    let shared = n
        .create(json!({
            "headline": "Harga Beras Naik Menjelang Lebaran",
            "rubrik": "Internasional",
            "body": [{"type": "paragraph", "text": "Harga beras di pasar induk naik."}]
        }))
        .await;
    let setup = json!({
        "password": "kata-sandi-uji",
        "writer": {"email": "penulis@warta.test", "name": "Budi Penulis"},
        "editor": {"email": "redaktur@warta.test", "name": "Rina Redaktur"},
        "editor2": {"email": "raka@warta.test", "name": "Raka Pratama"},
        "contributor": {"email": "kontributor@warta.test", "name": "Kiki Kontributor"},
        "linked": {"id": linked["id"], "headline": linked["headline"], "path": path_of(&linked["url"])},
        "photo": {"id": photo["id"]},
        "kin": {"id": kin["id"], "headline": kin["headline"]},
        "shared": {"id": shared["id"], "headline": shared["headline"]},
    });
    let shots = screenshots();
    run_script(
        node,
        "newsroom.mjs",
        &[
            app.base.clone(),
            shots.display().to_string(),
            setup.to_string(),
        ],
        Duration::from_secs(240),
    )
    .await;

    // What the browser did, seen through the API.
    let (s, list) = app
        .api(
            Method::GET,
            "/articles?status=published&per_page=50",
            &n.editor,
            None,
        )
        .await;
    assert_eq!(s, 200, "{list}");
    let items = list["items"].as_array().cloned().unwrap_or_default();
    let written = items
        .iter()
        .find(|a| a["id"] != linked["id"])
        .expect("the article written in the browser is published");
    let (s, a) = app
        .api(
            Method::GET,
            &format!("/articles/{}", written["id"]),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(s, 200, "{a}");
    let body = a["body"].as_array().cloned().unwrap_or_default();
    assert!(
        body.iter()
            .any(|b| b["type"] == "related" && b["article_id"] == linked["id"]),
        "a related block: {a}"
    );
    assert!(
        body.iter().any(|b| b["type"] == "image"
            && b["media_id"] == photo["id"]
            && b["credit"] == "Dimas Fotografer"),
        "an image block: {a}"
    );
    eprintln!("screenshots: {}", shots.display());
}
