//! The reader site in real headless Chromium, JavaScript off, on a phone and a desktop viewport:
//! `tests/browser/reader.mjs` (playwright-core driving Debian's `/usr/bin/chromium`) clicks
//! through home, article, "Baca juga", rubrik, Indeks and its date form, and the 404 page.

use std::path::{Path, PathBuf};
use std::time::Duration;
use warta_testkit::{Options, TestApp};

const CHROMIUM: &str = "/usr/bin/chromium";

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser")
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// What the browser test needs, or why it cannot run.
fn prerequisites() -> Result<PathBuf, String> {
    let node = find_on_path("node").ok_or("`node` is not on PATH")?;
    if !Path::new(CHROMIUM).exists() {
        return Err(format!("{CHROMIUM} is missing"));
    }
    if !browser_dir().join("node_modules/playwright-core").is_dir() {
        return Err("tests/browser/node_modules/playwright-core is missing".into());
    }
    Ok(node)
}

#[tokio::test]
async fn reader_site_works_in_headless_chromium_without_javascript() {
    let node = match prerequisites() {
        Ok(node) => node,
        Err(why) => {
            let how = "`.ci/run` installs them; or `apt-get install chromium && (cd tests/browser && npm ci)`";
            warta_testkit::skip(&format!("browser test: {why}"), how);
            return;
        }
    };
    let app = TestApp::spawn_with(Options {
        demo: true,
        ..Default::default()
    })
    .await;
    let shots = std::env::var_os("WARTA_BROWSER_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots"));
    let run = tokio::process::Command::new(node)
        .arg("reader.mjs")
        .arg(&app.base)
        .arg(&shots)
        .current_dir(browser_dir())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(120), run)
        .await
        .expect("reader.mjs did not finish within 120 s")
        .expect("run node reader.mjs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "reader.mjs failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    eprintln!("{stdout}{stderr}screenshots: {}", shots.display());
}
