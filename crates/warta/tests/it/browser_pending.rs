//! A published story edited in headless Chromium: `tests/browser/pending.mjs` types into it,
//! lets autosave run, checks that readers without JavaScript (page, JSON-LD, feed) keep the
//! live text, presses "Perbarui" and "Buang perubahan".

use crate::browser::{HOW, prerequisites, run_script, screenshots};
use crate::helpers::{self, path_of};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn a_published_story_edited_in_chromium_stays_live_until_perbarui() {
    let node = match prerequisites() {
        Ok(node) => node,
        Err(why) => {
            warta_testkit::skip(&format!("pending-version browser test: {why}"), HOW);
            return;
        }
    };
    let n = helpers::newsroom().await;
    let a = n.published("Banjir Rob Melanda Pesisir Utara").await;
    // Read the page once so the cache holds the live version.
    assert_eq!(n.app.text(&path_of(&a["url"])).await.0, 200);
    let setup = json!({
        "password": helpers::PASSWORD,
        "editor": {"email": "redaktur@warta.test"},
        "id": a["id"], "headline": a["headline"], "path": path_of(&a["url"]),
    });
    run_script(
        node,
        "pending.mjs",
        &[
            n.app.base.clone(),
            screenshots().display().to_string(),
            setup.to_string(),
        ],
        Duration::from_secs(180),
    )
    .await;
}
