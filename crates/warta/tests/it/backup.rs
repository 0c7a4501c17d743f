//! `warta backup` while the server writes, and `warta restore` checked against the backup.

use crate::helpers::newsroom;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

fn warta(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .output()
        .expect("run warta");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn a_backup_taken_while_the_server_writes_restores_whole() {
    let n = Arc::new(newsroom().await);
    let (status, photo) = n
        .upload(warta_testkit::jpeg(800, 450), "Pasar induk", "Foto: Antara")
        .await;
    assert_eq!(status, 201, "{photo}");
    let mut first = crate::helpers::article_json("Harga beras turun di pasar induk");
    first["hero"] = serde_json::json!({"media_id": photo["id"]});
    let a = n.create(first).await;
    n.publish(a["id"].as_i64().unwrap()).await;

    // An editor keeps publishing while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (n, stop, written) = (n.clone(), stop.clone(), written.clone());
        tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                n.published(&format!("Berita susulan nomor {i} dari pasar induk"))
                    .await;
                written.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    while written.load(Ordering::Relaxed) < 2 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("cadangan");
    let data = n.app.config.data.display().to_string();
    let (ok, text) = tokio::task::spawn_blocking({
        let (data, out) = (data.clone(), out.display().to_string());
        move || warta(&["backup", "--data", &data, &out])
    })
    .await
    .expect("join");
    assert!(ok, "{text}");
    stop.store(true, Ordering::Relaxed);
    writer.await.expect("writer");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("backup.json")).expect("manifest"))
            .expect("json");
    let articles = manifest["counts"]["articles"].as_i64().expect("count");
    assert!(
        articles >= 3,
        "the first story and the ones written so far: {manifest}"
    );
    assert!(manifest["media_files"].as_u64().unwrap() >= 1, "{manifest}");
    let (ok, text) = warta(&["backup", "--data", &data, &out.display().to_string()]);
    assert!(
        !ok && text.contains("not empty"),
        "never over an old backup: {text}"
    );

    let restored = tmp.path().join("situs");
    let dest = restored.display().to_string();
    let from = out.display().to_string();
    let (ok, text) = warta(&["restore", "--data", &dest, &from]);
    assert!(ok, "{text}");
    assert!(
        text.contains(&format!("restored {articles} articles")),
        "{text}"
    );
    let store = warta_store::Store::open_sqlite(&restored.join("warta.db"))
        .await
        .expect("open restored");
    assert_eq!(store.integrity().await.expect("check"), "ok");
    assert_eq!(store.counts().await.expect("counts").articles, articles);
    store.close().await;
    assert_eq!(
        files_under(&restored.join("media")),
        files_under(&out.join("media")),
        "every media file is back"
    );

    let (ok, text) = warta(&["restore", "--data", &dest, &from]);
    assert!(!ok && text.contains("--force"), "{text}");
    // A damaged copy is refused before anything is replaced.
    let db = out.join("warta.db");
    let mut bytes = std::fs::read(&db).expect("db");
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&db, bytes).expect("write");
    let (ok, text) = warta(&["restore", "--force", "--data", &dest, &from]);
    assert!(!ok && text.contains("damaged"), "{text}");
}
