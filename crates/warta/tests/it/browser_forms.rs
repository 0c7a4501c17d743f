//! Story forms in headless Chromium: `tests/browser/forms.mjs` makes a draft a fact check in
//! the editor's side panel, adds a page break with the toolbar button, publishes, and reads
//! the verdict box and page 2 without JavaScript.

use crate::browser::{HOW, prerequisites, run_script, screenshots};
use crate::helpers::{self, path_of};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn an_editor_makes_a_paged_fact_check_in_chromium_and_a_reader_pages_through_it() {
    let node = match prerequisites() {
        Ok(node) => node,
        Err(why) => {
            warta_testkit::skip(&format!("story-forms browser test: {why}"), HOW);
            return;
        }
    };
    let n = helpers::newsroom().await;
    let mut draft = helpers::article_json("Cek Fakta: Foto Banjir Jakarta Hasil Suntingan");
    draft["body"] = json!([{"type": "paragraph", "text": "Foto itu hasil suntingan."}]);
    let a = n.create(draft).await;
    let setup = json!({
        "password": helpers::PASSWORD,
        "editor": {"email": "redaktur@warta.test"},
        "id": a["id"], "path": path_of(&a["url"]),
    });
    run_script(
        node,
        "forms.mjs",
        &[
            n.app.base.clone(),
            screenshots().display().to_string(),
            setup.to_string(),
        ],
        Duration::from_secs(180),
    )
    .await;
}
