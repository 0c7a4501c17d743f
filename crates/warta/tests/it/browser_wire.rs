//! The "Masuk" queue in headless Chromium at 390 px and at desktop width:
//! `tests/browser/wire.mjs` clicks "Jadikan draf" and finds the agency's original beside the
//! editor (below it on the phone), with no sideways scrolling and no serious axe findings.

use crate::browser::{HOW, prerequisites, run_script, screenshots};
use crate::helpers::{self, newsroom_on, options};
use serde_json::json;
use std::time::Duration;
use warta_testkit::{Options, TestApp};

#[tokio::test]
async fn jadikan_draf_in_chromium_on_a_phone_and_a_desktop() {
    let node = match prerequisites() {
        Ok(node) => node,
        Err(why) => {
            warta_testkit::skip(&format!("wire browser test: {why}"), HOW);
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/fixtures/wire");
    std::fs::copy(
        format!("{fixtures}/antara.newsml.xml"),
        dir.path().join("a.xml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("kereta.jpg"), warta_testkit::jpeg(640, 427)).unwrap();
    let second = std::fs::read_to_string(format!("{fixtures}/antara.newsml.xml"))
        .unwrap()
        .replace("20261201:2001", "20261201:2002")
        .replace(
            "Kereta cepat layani sejuta penumpang dalam sebulan",
            "Pelabuhan Tanjung Priok perpanjang jam layanan peti kemas",
        )
        .replace("Kereta cepat Jakarta-Bandung melayani lebih dari satu juta penumpang selama November, angka tertinggi sejak beroperasi.",
            "Pelabuhan Tanjung Priok memperpanjang jam layanan bongkar muat peti kemas menjelang akhir tahun karena arus barang meningkat.");
    std::fs::write(dir.path().join("b.xml"), second).unwrap();
    let n = newsroom_on(
        TestApp::spawn_with(Options {
            background_jobs: Some(false),
            wire_dir: Some(dir.path().to_path_buf()),
            ..options()
        })
        .await,
    )
    .await;
    n.app.run_pending_jobs().await;
    let setup = json!({
        "password": helpers::PASSWORD,
        "email": "penulis@warta.test",
        "agency": "ANTARA",
        "phone": "Kereta cepat layani sejuta penumpang dalam sebulan",
        "desktop": "Pelabuhan Tanjung Priok perpanjang jam layanan peti kemas",
    });
    run_script(
        node,
        "wire.mjs",
        &[
            n.app.base.clone(),
            screenshots().display().to_string(),
            setup.to_string(),
        ],
        Duration::from_secs(180),
    )
    .await;
}
