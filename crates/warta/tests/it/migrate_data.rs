//! `warta migrate-data`: a site built on SQLite through HTTP moves into a fresh PostgreSQL
//! database with the real binary, and a server on PostgreSQL then serves the same pages,
//! takes the moved tokens and passwords, and goes on writing (the id sequences follow).

use crate::helpers::{PASSWORD, article_json, newsroom_manual_jobs, path_of, try_sign_in};
use reqwest::Method;
use serde_json::json;
use std::process::{Command, Output};
use warta_core::Role;
use warta_store::{NewUser, Store};

fn migrate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("migrate-data")
        .args(args)
        .output()
        .expect("run warta migrate-data")
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `migrate-data ARGS` fails, saying `why`.
fn refused(args: &[&str], why: &str) {
    let out = migrate(args);
    let text = said(&out);
    assert!(!out.status.success(), "{args:?} should fail: {text}");
    assert!(text.contains(why), "{args:?}: expected '{why}' in: {text}");
}

#[tokio::test]
async fn a_sqlite_site_moves_to_postgresql_and_serves_the_same() {
    let Some(pg) = warta_testkit::postgres_database().await else {
        return;
    };
    let mut n = newsroom_manual_jobs().await;
    let (s, photo) = n
        .upload(
            warta_testkit::jpeg(1200, 800),
            "Antrean pemilih",
            "Warta/Rina",
        )
        .await;
    assert_eq!(s, 201, "{photo}");
    let mut body = article_json("Pemilih Antre Sejak Pagi");
    body["hero"] = json!({"media_id": photo["id"]});
    let a = n.create(body).await;
    let id = a["id"].as_i64().unwrap();
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(json!({"revision": 1, "dek": "Ringkasan yang diperbaiki."})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let a = n.publish(id).await;
    let b = n.published("Hasil Hitung Cepat Diumumkan").await;
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(json!({"revision": a["revision"], "stage": true,
                "body": [{"type": "paragraph", "text": "Teks yang menunggu Perbarui."}]})),
        )
        .await;
    assert_eq!(s, 200, "a pending version: {v}");
    let (s, v) = n
        .app
        .api(
            Method::PUT,
            "/home",
            &n.editor,
            Some(json!({"headline": [b["id"], id]})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let (s, v) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{}/replies", b["id"]),
            &n.editor,
            Some(json!({"from": "Tim Sukses", "text": "Tanggapan kami."})),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let paths = crate::export::reader_paths(&n.app).await;
    assert!(paths.contains(&path_of(&a["url"])), "{paths:?}");
    let mut before = Vec::new();
    for p in &paths {
        before.push(n.app.text(p).await);
    }
    n.app.stop().await;

    let data = format!("sqlite:{}", n.app.config.data.display());
    let out = migrate(&["--from", &data, "--to", &pg]);
    let text = said(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("counts and checksums match"), "{text}");
    assert!(text.contains("media files were not moved"), "{text}");
    for table in [
        "articles",
        "revisions",
        "article_pending",
        "api_tokens",
        "home_slots",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(table)),
            "{table} listed: {text}"
        );
    }

    // The same data directory (its media folder) with the PostgreSQL database.
    n.app.config.database_url = pg.clone();
    n.app.start_again().await;
    for (p, (status, html)) in paths.iter().zip(&before) {
        let (s, page) = n.app.text(p).await;
        assert_eq!((s, &page), (*status, html), "{p} differs on PostgreSQL");
    }
    let (_, page) = n.app.text(&path_of(&a["url"])).await;
    let at = page.find("/media/").expect("the hero photo on its article");
    let img: String = page[at..]
        .chars()
        .take_while(|c| !matches!(c, '"' | ' ' | ','))
        .collect();
    assert_eq!(n.app.get(&img).await.status(), 200, "{img}");
    let (s, v) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.editor, None)
        .await;
    assert_eq!(s, 200, "the moved token works: {v}");
    assert_eq!(v["pending"]["by"]["name"], "Rina Redaktur", "{v}");
    assert!(
        try_sign_in(&n.app, "penulis@warta.test", PASSWORD)
            .await
            .is_some(),
        "the moved password works"
    );
    assert!(
        n.app.run_pending_jobs().await >= 1,
        "the moved queue's AVIF job runs"
    );
    let (s, found) = n.app.text("/cari?q=pemilih").await;
    assert!(s == 200 && found.contains("Pemilih Antre Sejak Pagi"));

    // New rows after the move take new ids: articles, revisions, audit records, jobs, tokens.
    let c = n.published("Kotak Suara Tiba di Gudang Logistik").await;
    assert!(c["id"].as_i64().unwrap() > b["id"].as_i64().unwrap(), "{c}");
    let (s, v) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{}", c["id"]),
            &n.editor,
            Some(json!({"revision": c["revision"], "dek": "Dek baru."})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let token = n
        .app
        .token_for("baru@warta.test", "Wartawan Baru", Role::Writer)
        .await;
    let (s, _) = n.app.api(Method::GET, "/articles", &token, None).await;
    assert_eq!(s, 200);
    n.app.run_pending_jobs().await;
    let (s, page) = n.app.text(&path_of(&c["url"])).await;
    assert!(s == 200 && page.contains("Dek baru."), "{s}");
    let (_, found) = n.app.text("/cari?q=logistik").await;
    assert!(
        found.contains("Kotak Suara Tiba di Gudang Logistik"),
        "the moved search index follows new changes"
    );
}

#[tokio::test]
async fn migrate_data_refuses_other_moves_and_a_target_that_holds_a_site() {
    let Some(pg) = warta_testkit::postgres_database().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let source = Store::open_sqlite(&dir.path().join("warta.db"))
        .await
        .unwrap();
    source.migrate().await.unwrap();
    let user = |email| NewUser {
        email,
        name: "Nama Uji",
        role: Role::Editor,
        password: PASSWORD,
        bio: "",
    };
    source.create_user(user("asal@warta.test")).await.unwrap();
    source.close().await;
    let from = format!("sqlite:{}", dir.path().display());

    refused(
        &["--from", &from, "--to", "sqlite:/tmp/lain"],
        "use warta backup and warta restore",
    );
    refused(&["--from", &pg, "--to", &pg], "use pg_dump and pg_restore");
    refused(
        &["--from", "sqlite:/tidak/ada", "--to", &pg],
        "there is no SQLite database at /tidak/ada",
    );
    refused(
        &["--from", &from, "--to", "mysql://h/db"],
        "is not a PostgreSQL database",
    );

    let target = Store::open(&pg).await.unwrap();
    target.migrate().await.unwrap();
    target.create_user(user("lama@warta.test")).await.unwrap();
    refused(&["--from", &from, "--to", &pg], "is not empty (users: 1)");
    refused(&["--from", &from, "--to", &pg], "pass --replace");
    assert!(
        target
            .user_by_email("lama@warta.test")
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        target
            .user_by_email("asal@warta.test")
            .await
            .unwrap()
            .is_none()
    );

    let out = migrate(&["--from", &from, "--to", &pg, "--replace"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(
        target
            .user_by_email("lama@warta.test")
            .await
            .unwrap()
            .is_none()
    );
    let moved = target
        .user_by_email("asal@warta.test")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.id, 1, "the moved id, after the old rows are gone");
    target.close().await;
}
