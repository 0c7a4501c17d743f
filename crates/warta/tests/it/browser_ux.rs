//! The newsroom on a phone and a wide screen, in real headless Chromium with JavaScript on
//! (`tests/browser/newsroom_ux.mjs`): no horizontal scroll at 390 px on any newsroom page nor
//! at 1366 px on the editor with a long slug, the workflow buttons after the metadata on a
//! phone, pasting styled HTML without a CSP violation, topic suggestions, a 30 MB photo
//! refused before it is sent (in the editor's dialog and on /admin/media), a refused publish pointing at the photo block, and presence
//! clearing when the other editor leaves.

use crate::browser::{HOW, prerequisites, run_script, screenshots};
use crate::helpers;
use reqwest::Method;
use serde_json::json;
use std::time::Duration;
use warta_core::Role;

/// A slug with no hyphen to break at: the SEO preview must wrap it.
const LONG_SLUG: &str = "pemerintahprovinsijawabaratmengumumkanrencanapembangunanjalantolbarumenghubungkanbandungdancirebon";

#[tokio::test]
async fn newsroom_fits_phones_and_wide_screens_in_headless_chromium() {
    let node = match prerequisites() {
        Ok(node) => node,
        Err(why) => {
            warta_testkit::skip(&format!("newsroom layout browser test: {why}"), HOW);
            return;
        }
    };
    let n = helpers::newsroom().await;
    let app = &n.app;
    app.token_for("raka@warta.test", "Raka Pratama", Role::Editor)
        .await;
    let (s, photo) = n
        .upload(
            warta_testkit::png(800, 600),
            "Warga menyeberang",
            "Arsip Warta",
        )
        .await;
    assert_eq!(s, 201, "{photo}");
    let long = n
        .create(json!({
            "headline": "Pemerintah Provinsi Jawa Barat Mengumumkan Rencana Jalan Tol Baru",
            "rubrik": "Nasional", "slug": LONG_SLUG, "topic": "Banjir Jakarta 2026",
            "body": [{"type": "paragraph", "text": "Rencana itu diumumkan di Bandung."}]
        }))
        .await;
    // A photo block whose credit is missing here and in the library: publishing is refused.
    let (s, _) = app
        .api(
            Method::PATCH,
            &format!("/media/{}", photo["id"]),
            &n.editor,
            Some(json!({"credit": ""})),
        )
        .await;
    assert_eq!(s, 200);
    let uncredited = n
        .create(json!({
            "headline": "Warga Menyeberangi Sungai dengan Rakit", "rubrik": "Nasional",
            "body": [
                {"type": "paragraph", "text": "Jembatan putus sejak pekan lalu."},
                {"type": "image", "media_id": photo["id"], "caption": "Warga menyeberang", "credit": "", "alt": "Rakit bambu di sungai"}
            ]
        }))
        .await;
    let setup = json!({
        "password": helpers::PASSWORD,
        "editor": {"email": "redaktur@warta.test", "name": "Rina Redaktur"},
        "editor2": {"email": "raka@warta.test", "name": "Raka Pratama"},
        "long": {"id": long["id"], "slug": LONG_SLUG},
        "uncredited": {"id": uncredited["id"]},
        "photo": {"id": photo["id"]},
        "topic": "Banjir Jakarta 2026",
        "max_upload": 20 * 1024 * 1024,
    });
    let shots = screenshots();
    run_script(
        node,
        "newsroom_ux.mjs",
        &[
            app.base.clone(),
            shots.display().to_string(),
            setup.to_string(),
        ],
        Duration::from_secs(240),
    )
    .await;
    eprintln!("screenshots: {}", shots.display());
}
