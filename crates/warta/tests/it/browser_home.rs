//! `/admin/beranda` in real headless Chromium (`tests/browser/beranda.mjs`): an editor fills
//! "Berita Utama" by searching as they type, reorders it by dragging and with the buttons,
//! and a reader without JavaScript sees the chosen story first on the home page; the home
//! page's density (12 headlines on a desktop's first screen, a short phone header) and its
//! relative times are checked there too.

use crate::browser::{HOW, prerequisites, run_script, screenshots};
use crate::helpers::{self, PASSWORD};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn an_editor_fills_berita_utama_and_a_reader_without_javascript_sees_it_first() {
    let node = match prerequisites() {
        Ok(node) => node,
        Err(why) => {
            warta_testkit::skip(&format!("front-page browser test: {why}"), HOW);
            return;
        }
    };
    let n = helpers::newsroom().await;
    let first = n.published("Bendungan Katulampa siaga satu").await;
    let second = n.published("Harga cabai rawit turun di Pasar Induk").await;
    // Newer stories, which would lead without the editor's choice.
    for i in 1..=14 {
        n.published(&format!("Berita terbaru nomor {i}")).await;
    }
    let setup = json!({
        "password": PASSWORD,
        "editor": {"email": "redaktur@warta.test"},
        "first": {"id": first["id"], "headline": first["headline"], "words": "katulampa"},
        "second": {"id": second["id"], "headline": second["headline"], "words": "cabai raw"},
    });
    run_script(
        node,
        "beranda.mjs",
        &[
            n.app.base.clone(),
            screenshots().display().to_string(),
            setup.to_string(),
        ],
        Duration::from_secs(120),
    )
    .await;
}
