//! Media on S3-compatible object storage, against a real moto_server: two instances that
//! share only the database and the bucket serve each other's photos; AVIF goes to the bucket;
//! `warta media migrate` moves a local library; bad settings stop the start clearly.

use crate::helpers::{newsroom_on, options};
use crate::moto::Moto;
use std::process::Command;
use warta_media::MediaStore;
use warta_store::MediaRow;
use warta_testkit::{Options, TestApp};

/// Every file key of a photo: original, WebP and AVIF variants, crops.
fn keys_of(m: &MediaRow) -> Vec<String> {
    std::iter::once(m.original_key.clone())
        .chain(m.variants.iter().chain(&m.avif).map(|v| v.key.clone()))
        .chain(m.crops.iter().map(|c| c.key.clone()))
        .collect()
}

/// GET `/media/{key}`: status, ETag and bytes.
async fn media(app: &TestApp, key: &str) -> (u16, String, Vec<u8>) {
    let r = app.get(&format!("/media/{key}")).await;
    let status = r.status().as_u16();
    let etag = r
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    if status == 200 {
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{key}"
        );
    }
    (status, etag, r.bytes().await.unwrap().to_vec())
}

/// GET `/media/{key}` with `If-None-Match: etag`: the status.
async fn revalidate(app: &TestApp, key: &str, etag: &str) -> u16 {
    let path = format!("/media/{key}");
    let r = app.get_with(&path, &[("if-none-match", etag)]).await;
    r.status().as_u16()
}

/// Files in a local folder (none when it does not exist).
fn files_in(dir: &std::path::Path) -> usize {
    let mut n = 0;
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                todo.push(e.path());
            } else {
                n += 1;
            }
        }
    }
    n
}

/// Run the `warta` binary with extra environment; success and all output.
fn warta(args: &[&str], env: &[(&str, String)]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .env_remove("WARTA_MEDIA_URL")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("run warta");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test]
async fn the_s3_backend_stores_lists_streams_and_deletes_with_signed_requests() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let store = MediaStore::s3(moto.bucket("warta-unit", "situs").await).unwrap();
    store.check().await.expect("bucket writable");
    assert!(store.list().await.unwrap().is_empty(), "the probe is gone");
    let key = "2026/12/abc-800.webp";
    assert!(store.get(key).await.unwrap().is_none());
    assert!(store.size(key).await.unwrap().is_none());
    store.put(key, b"webp bytes", "image/webp").await.unwrap();
    store
        .put("2026/12/abc.jpg", b"jpg", "image/jpeg")
        .await
        .unwrap();
    assert_eq!(store.get(key).await.unwrap().unwrap(), &b"webp bytes"[..]);
    assert_eq!(store.size(key).await.unwrap(), Some(10));
    assert_eq!(
        store.list().await.unwrap(),
        [
            ("2026/12/abc-800.webp".to_string(), 10),
            ("2026/12/abc.jpg".into(), 3)
        ]
    );
    // Objects sit under the prefix, and an unsigned read is refused: Warta signs.
    let raw = reqwest::get(format!("{}/warta-unit/situs/{key}", moto.endpoint))
        .await
        .unwrap();
    assert_eq!(raw.status(), 403);
    store.delete(key).await.unwrap();
    store.delete(key).await.unwrap(); // deleting again is fine
    assert!(store.get(key).await.unwrap().is_none());
    assert!(matches!(
        store.put("../x", b"x", "image/png").await,
        Err(warta_media::MediaError::Storage(_))
    ));
}

#[tokio::test]
async fn a_photo_uploaded_on_one_instance_is_served_by_another_from_the_bucket_on_postgres() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let Some(db) = warta_testkit::postgres_database().await else {
        return;
    };
    two_instances_share_the_bucket(&moto, Some(db)).await;
}

#[tokio::test]
async fn a_photo_uploaded_on_one_instance_is_served_by_another_from_the_bucket_on_one_sqlite_file()
{
    let Some(moto) = Moto::start().await else {
        return;
    };
    two_instances_share_the_bucket(&moto, None).await;
}

/// Instances A and B on one database (`db`, or A's SQLite file) and one bucket, each with a
/// data dir (and media folder) of its own.
async fn two_instances_share_the_bucket(moto: &Moto, db: Option<String>) {
    let bucket = moto.bucket("warta-media", "situs").await;
    let on = |db: Option<String>| Options {
        database_url: db,
        media_s3: Some(bucket.clone()),
        background_jobs: Some(false),
        ..options()
    };
    let a = newsroom_on(TestApp::spawn_with(on(db.clone())).await).await;
    let shared = db.unwrap_or_else(|| a.app.config.database_url.clone());
    let b = TestApp::spawn_with(on(Some(shared))).await;
    assert_ne!(a.app.config.data, b.config.data);
    let (status, photo) = a
        .upload(warta_testkit::jpeg(1800, 1200), "Pelabuhan", "Antara")
        .await;
    assert_eq!(status, 201, "{photo}");
    // The AVIF job (run on A) writes its files to the bucket too.
    assert!(a.app.run_pending_jobs().await >= 1);
    let store = a.app.store().await;
    let row = store
        .media_by_id(photo["id"].as_i64().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(!row.avif_pending);
    assert_eq!(row.avif.len(), row.variants.len(), "AVIF beside every WebP");
    let bucket_store = MediaStore::s3(bucket.clone()).unwrap();
    let keys = keys_of(&row);
    assert!(keys.len() >= 10, "{keys:?}");
    for key in &keys {
        let (sa, ea, from_a) = media(&a.app, key).await;
        let (sb, eb, from_b) = media(&b, key).await;
        assert_eq!((sa, sb), (200, 200), "{key}");
        assert_eq!(from_a, from_b, "{key}: the same bytes from both instances");
        let stored = bucket_store.get(key).await.unwrap().expect("in the bucket");
        assert_eq!(from_b, stored.to_vec(), "{key}");
        assert_eq!(ea, eb, "{key}: the same ETag everywhere");
        assert_eq!(revalidate(&b, key, &eb).await, 304, "{key}");
    }
    let avif = &row.avif[0].key;
    let r = b.get(&format!("/media/{avif}")).await;
    assert_eq!(r.headers()["content-type"], "image/avif");
    // Nothing went to either instance's media folder.
    assert_eq!(files_in(&a.app.config.media_dir()), 0);
    assert_eq!(files_in(&b.config.media_dir()), 0);
    // A key that is not in the bucket is a 404 on both.
    assert_eq!(media(&b, "2026/01/tidak-ada.webp").await.0, 404);
}

#[tokio::test]
async fn warta_media_migrate_moves_a_local_library_and_the_restarted_server_serves_it() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let mut n = newsroom_on(
        TestApp::spawn_with(Options {
            background_jobs: Some(false),
            ..options()
        })
        .await,
    )
    .await;
    let mut rows = Vec::new();
    for (w, h) in [(1600, 900), (900, 1200)] {
        let (status, photo) = n.upload(warta_testkit::jpeg(w, h), "Sawah", "Antara").await;
        assert_eq!(status, 201, "{photo}");
        rows.push(photo["id"].as_i64().unwrap());
    }
    n.app.run_pending_jobs().await;
    let local = MediaStore::local(n.app.config.media_dir());
    let library = local.list().await.unwrap();
    // The ETags browsers hold from the local folder, with a 304 for each.
    let mut etags = Vec::new();
    for (key, _) in &library {
        let (status, etag, _) = media(&n.app, key).await;
        assert_eq!(status, 200, "{key}");
        assert_eq!(revalidate(&n.app, key, &etag).await, 304, "{key}");
        etags.push(etag);
    }
    n.app.stop().await;
    assert!(library.len() >= 20, "{library:?}");
    let bucket = moto.bucket("warta-pindah", "").await;
    let data = n.app.config.data.display().to_string();
    let migrate = [
        "media",
        "migrate",
        "--data",
        &data,
        "--to",
        "s3://warta-pindah",
    ];
    let (ok, out) = warta(&migrate, &moto.env());
    assert!(ok, "{out}");
    let files = library.len();
    assert!(out.contains(&format!("{files} files")), "{out}");
    assert!(out.contains(&format!("{files} copied")), "{out}");
    assert!(out.contains("verified: all"), "{out}");
    assert!(out.contains("WARTA_MEDIA_URL=s3://warta-pindah"), "{out}");
    // Again: nothing to copy.
    let (ok, out) = warta(&migrate, &moto.env());
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("0 copied (0 bytes), {files} already")),
        "{out}"
    );

    // The old folder is gone: what the restarted server serves comes from the bucket.
    let mut originals = Vec::new();
    for (key, _) in &library {
        originals.push(local.get(key).await.unwrap().unwrap());
    }
    std::fs::remove_dir_all(n.app.config.media_dir()).unwrap();
    n.app.config.media_s3 = Some(bucket);
    n.app.start_again().await;
    for (((key, _), bytes), etag) in library.iter().zip(&originals).zip(&etags) {
        let (status, from_bucket, served) = media(&n.app, key).await;
        assert_eq!(status, 200, "{key}");
        assert_eq!(&served, bytes, "{key}");
        // The move does not invalidate what browsers and CDNs hold.
        assert_eq!(&from_bucket, etag, "{key}");
        assert_eq!(revalidate(&n.app, key, etag).await, 304, "{key}");
    }
    // New uploads go to the bucket as well.
    let (status, photo) = n
        .upload(warta_testkit::jpeg(800, 600), "Baru", "Antara")
        .await;
    assert_eq!(status, 201, "{photo}");
    let url = photo["variants"][0]["url"].as_str().expect("a variant URL");
    let key = url.split("/media/").nth(1).expect("a media URL");
    assert_eq!(media(&n.app, key).await.0, 200);
    let in_bucket = MediaStore::s3(n.app.config.media_s3.clone().unwrap()).unwrap();
    assert!(in_bucket.size(key).await.unwrap().is_some(), "{key}");
    assert_eq!(files_in(&n.app.config.media_dir()), 0);
}

#[tokio::test]
async fn a_bad_media_url_or_an_unreachable_store_stops_the_start_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().display().to_string();
    let serve = ["serve", "--data", &data, "--listen", "127.0.0.1:0"];
    for url in [
        "s3://Bad_Bucket",
        "https://example.com/x",
        "s3://media/../x",
    ] {
        let (ok, out) = warta(&serve, &[("WARTA_MEDIA_URL", url.into())]);
        assert!(!ok, "{url} started");
        assert!(out.contains("s3://bucket/prefix"), "{url}: {out}");
        assert!(!out.contains("panicked"), "{out}");
    }
    // Nothing listens on this port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let env = [
        ("WARTA_MEDIA_URL", "s3://warta-media".to_string()),
        ("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{closed}")),
        ("AWS_ALLOW_HTTP", "true".into()),
        ("AWS_ACCESS_KEY_ID", "x".into()),
        ("AWS_SECRET_ACCESS_KEY", "rahasia-yang-tidak-dicetak".into()),
    ];
    let started = std::time::Instant::now();
    let (ok, out) = warta(&serve, &env);
    assert!(!ok, "started without its media store: {out}");
    assert!(
        out.contains("preparing the media store s3://warta-media"),
        "{out}"
    );
    assert!(out.contains(&format!("127.0.0.1:{closed}")), "{out}");
    assert!(!out.contains("rahasia-yang-tidak-dicetak"), "{out}");
    assert!(!out.contains("panicked"), "{out}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    // A bucket that does not exist on a server that answers.
    if let Some(moto) = Moto::start().await {
        let mut env = moto.env();
        env.push(("WARTA_MEDIA_URL", "s3://tidak-ada".into()));
        let (ok, out) = warta(&serve, &env);
        assert!(!ok, "{out}");
        assert!(out.contains("cannot write to s3://tidak-ada"), "{out}");
        assert!(!out.contains("panicked"), "{out}");
    }
}

#[tokio::test]
async fn a_backup_of_a_site_with_media_in_a_bucket_says_so_and_copies_the_database() {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let bucket = moto.bucket("warta-cadangan", "foto").await;
    let n = newsroom_on(
        TestApp::spawn_with(Options {
            media_s3: Some(bucket),
            ..options()
        })
        .await,
    )
    .await;
    let (status, photo) = n
        .upload(warta_testkit::jpeg(800, 450), "Pasar", "Antara")
        .await;
    assert_eq!(status, 201, "{photo}");
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("cadangan");
    let data = n.app.config.data.display().to_string();
    let mut env = moto.env();
    env.push(("WARTA_MEDIA_URL", "s3://warta-cadangan/foto".into()));
    let (ok, out) = warta(
        &["backup", "--data", &data, &out_dir.display().to_string()],
        &env,
    );
    assert!(ok, "{out}");
    assert!(out.contains("1 photos"), "{out}");
    assert!(
        out.contains(
            "media files were NOT copied: they live in the bucket s3://warta-cadangan/foto"
        ),
        "{out}"
    );
    assert!(out_dir.join("warta.db").is_file());
    assert!(!out_dir.join("media").exists());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("backup.json")).unwrap()).unwrap();
    assert_eq!(manifest["media_url"], "s3://warta-cadangan/foto");
    // The restore brings the database back and says where the photos are.
    let restored = tmp.path().join("pulih");
    let (ok, out) = warta(
        &[
            "restore",
            "--data",
            &restored.display().to_string(),
            &out_dir.display().to_string(),
        ],
        &[],
    );
    assert!(ok, "{out}");
    assert!(
        out.contains("they are in s3://warta-cadangan/foto"),
        "{out}"
    );
    assert!(
        out.contains("WARTA_MEDIA_URL=s3://warta-cadangan/foto"),
        "{out}"
    );
    assert!(restored.join("warta.db").is_file());
}
