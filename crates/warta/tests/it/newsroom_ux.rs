//! The newsroom as journalists use it: one language, refused saves that lead back to the
//! editor, the empty "Tulis artikel baru" editor, and the media page after a refused upload.

use crate::helpers::{Desk, csrf_of, newsroom};
use reqwest::Method;
use serde_json::{Value, json};
use warta_testkit::{Options, TestApp};

/// The editor's own API call: the session cookie and its CSRF header, as the bundle sends it.
async fn session_api(desk: &Desk<'_>, method: Method, path: &str, body: Value) -> (u16, Value) {
    let csrf = desk.csrf().await;
    let res = desk
        .app
        .client
        .request(method, desk.app.url(&format!("/api/v1{path}")))
        .header("cookie", &desk.cookie)
        .header("x-csrf-token", csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_editors_patch_answers_in_the_users_interface_language() {
    let n = newsroom().await;
    let a = n
        .create(json!({"headline": "Banjir Rob di Pesisir Utara", "rubrik": "Nasional"}))
        .await;
    let id = a["id"].as_i64().unwrap();
    let empty = json!({"revision": a["revision"], "headline": "  "});

    // An Indonesian newsroom session: the detail is Indonesian, the field stays.
    let desk = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let (s, p) = session_api(
        &desk,
        Method::PATCH,
        &format!("/articles/{id}"),
        empty.clone(),
    )
    .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["field"], "headline", "{p}");
    assert_eq!(p["detail"], "tidak boleh kosong", "{p}");

    // A bearer-token client keeps English.
    let (s, p) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(empty.clone()),
        )
        .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["detail"], "must not be empty", "{p}");

    // A role refusal is Indonesian too, role name and action included.
    let writer = Desk::sign_in(&n.app, "penulis@warta.test").await;
    let (s, p) = session_api(
        &writer,
        Method::POST,
        &format!("/articles/{id}/publish"),
        json!({}),
    )
    .await;
    assert_eq!(s, 403, "{p}");
    assert_eq!(
        p["detail"], "peran Anda (penulis) tidak boleh menerbitkan artikel",
        "{p}"
    );

    // Someone who chose English gets English.
    let (s, _, _) = desk
        .post(
            "/admin/akun/preferensi",
            &[("dateline", ""), ("locale", "en")],
        )
        .await;
    assert_eq!(s, 303);
    let (s, p) = session_api(&desk, Method::PATCH, &format!("/articles/{id}"), empty).await;
    assert_eq!(
        (s, p["detail"].as_str()),
        (422, Some("must not be empty")),
        "{p}"
    );
}

#[tokio::test]
async fn header_role_and_audit_actions_are_indonesian() {
    let n = newsroom().await;
    n.published("Harga Cabai Turun di Pasar Induk").await;
    let desk = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let (_, dash) = desk.get("/admin").await;
    assert!(dash.contains("Rina Redaktur (editor)"), "role shown");
    let writer = Desk::sign_in(&n.app, "penulis@warta.test").await;
    let (_, dash) = writer.get("/admin").await;
    assert!(
        dash.contains("Budi Penulis (penulis)"),
        "the writer's role in Indonesian"
    );
    let (s, audit) = desk.get("/admin/audit").await;
    assert_eq!(s, 200);
    assert!(
        audit.contains("<td>menerbitkan</td>"),
        "publish is shown in Indonesian"
    );
    assert!(
        audit.contains("<td>membuat</td>"),
        "create is shown in Indonesian"
    );
    assert!(!audit.contains("<td>publish</td>") && !audit.contains("<td>create</td>"));
}

/// The editor page's form fields as posted by a browser without JavaScript.
fn fields(page: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    crate::admin::editor_fields(page, changes)
}

#[tokio::test]
async fn a_refused_publish_shows_the_editor_with_the_photo_block_marked() {
    let n = newsroom().await;
    let (s, photo) = n
        .upload(
            warta_testkit::png(640, 480),
            "Warga mengungsi",
            "Arsip Warta",
        )
        .await;
    assert_eq!(s, 201, "{photo}");
    // The body's second block is a photo without alt text, here and in the library.
    let (s, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/media/{}", photo["id"]),
            &n.editor,
            Some(json!({"alt": ""})),
        )
        .await;
    assert_eq!(s, 200);
    let a = n
        .create(json!({
            "headline": "Pengungsi Banjir Bertambah", "rubrik": "Nasional",
            "body": [
                {"type": "paragraph", "text": "Jumlah pengungsi bertambah."},
                {"type": "image", "media_id": photo["id"], "caption": "Warga mengungsi", "credit": "Arsip Warta", "alt": ""}
            ]
        }))
        .await;
    let path = format!("/admin/artikel/{}", a["id"]);
    let desk = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let (_, page) = desk.get(&path).await;
    let form = fields(&page, &[("action", "publish")]);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (s, loc, back) = desk.post_raw(&path, &form).await;
    assert_eq!(s, 422, "{loc}");
    assert!(
        !back.contains("Terjadi kesalahan"),
        "no dead-end error page"
    );
    assert!(back.contains("id=\"article-form\""), "the editor again");
    // (minijinja writes '/' as &#x2f; in attributes; the browser reads body/1/alt)
    assert!(
        back.contains("data-error-field=\"body&#x2f;1&#x2f;alt\""),
        "the bundle is told the block"
    );
    assert!(
        back.contains("<p class=\"field-error\" id=\"err-body_json\">Blok 2: lengkapi teks alternatif foto sebelum menerbitkan</p>"),
        "the message beside the body, naming the block"
    );
    assert!(
        back.contains("Pengungsi Banjir Bertambah"),
        "what was typed stays"
    );
    let (_, now) = n
        .app
        .api(
            Method::GET,
            &format!("/articles/{}", a["id"]),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(now["status"], "draft", "nothing was published");

    // The hero's credit: the field itself is marked, with the message under it.
    let (_, page) = desk.get(&path).await;
    let form = fields(
        &page,
        &[
            ("action", "publish"),
            (
                "body_json",
                r#"[{"type":"paragraph","text":"Jumlah pengungsi bertambah."}]"#,
            ),
            ("hero_media_id", &photo["id"].to_string()),
            ("hero_caption", "Warga mengungsi"),
            ("hero_credit", ""),
            ("hero_alt", "Warga berjalan di genangan"),
        ],
    );
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // The library has a credit for this photo: clear it so the rule refuses.
    n.app
        .api(
            Method::PATCH,
            &format!("/media/{}", photo["id"]),
            &n.editor,
            Some(json!({"credit": ""})),
        )
        .await;
    let (s, _, back) = desk.post_raw(&path, &form).await;
    assert_eq!(s, 422, "{back}");
    assert!(back.contains("name=\"hero_credit\" value=\"\" aria-invalid=\"true\" aria-describedby=\"err-hero_credit\""), "the credit field is marked");
    assert!(back.contains("id=\"err-hero_credit\">lengkapi kredit foto sebelum menerbitkan</p>"));
}

#[tokio::test]
async fn write_a_new_article_opens_an_empty_editor_and_stores_nothing_until_saved() {
    let n = newsroom().await;
    n.create(json!({"headline": "Berita Pertama", "rubrik": "Nasional"}))
        .await;
    let desk = Desk::sign_in(&n.app, "penulis@warta.test").await;
    let count = || async {
        let (_, l) = n
            .app
            .api(Method::GET, "/articles?per_page=50", &n.editor, None)
            .await;
        l["total"].as_i64().unwrap_or(-1)
    };
    let before = count().await;
    let (_, dash) = desk.get("/admin").await;
    assert!(
        dash.contains("href=\"/admin/artikel/baru\""),
        "the dashboard links to the empty editor"
    );
    for _ in 0..3 {
        let (s, page) = desk.get("/admin/artikel/baru").await;
        assert_eq!(s, 200);
        assert!(
            page.contains("action=\"/admin/artikel/baru\"")
                && page.contains("data-article-id=\"\"")
        );
        assert!(
            page.contains(
                "id=\"f-headline\" name=\"headline\" required maxlength=\"200\" value=\"\""
            )
        );
    }
    assert_eq!(count().await, before, "opening the editor stores nothing");

    // Without JavaScript: an empty form is refused with the message beside the headline.
    let (_, page) = desk.get("/admin/artikel/baru").await;
    let csrf = csrf_of(&page);
    let (s, _, back) = desk
        .post_raw(
            "/admin/artikel/baru",
            &[
                ("_csrf", &csrf),
                ("headline", ""),
                ("dek", "Ringkasan dulu"),
                ("body_json", "[]"),
            ],
        )
        .await;
    assert_eq!(s, 422);
    assert!(
        back.contains("id=\"err-headline\">tidak boleh kosong</p>"),
        "{back}"
    );
    assert!(
        back.contains(">Ringkasan dulu</textarea>"),
        "the typed dek stays"
    );
    assert_eq!(count().await, before);

    // With a headline the draft is created and its editor opens.
    let body = r#"[{"type":"paragraph","text":"Air laut naik sejak subuh."}]"#;
    let (s, loc, _) = desk
        .post_raw(
            "/admin/artikel/baru",
            &[
                ("_csrf", &csrf),
                ("headline", "Rob Genangi Jalan Pantura"),
                ("body_json", body),
            ],
        )
        .await;
    assert_eq!(s, 303);
    assert!(loc.ends_with("?ok=save"), "{loc}");
    let (s, page) = desk.get(&loc).await;
    assert_eq!(s, 200);
    assert!(
        page.contains("Rob Genangi Jalan Pantura") && page.contains("Air laut naik sejak subuh.")
    );
    assert_eq!(count().await, before + 1);
    let (_, list) = n
        .app
        .api(Method::GET, "/articles?per_page=50", &n.editor, None)
        .await;
    let text = list.to_string();
    assert!(
        !text.contains("Draf baru") && !text.contains("draf-baru"),
        "{text}"
    );
}

#[tokio::test]
async fn the_media_page_keeps_the_typed_caption_after_a_refused_upload() {
    let app = TestApp::spawn_with(Options {
        max_upload_bytes: Some(2 * 1024 * 1024),
        ..Default::default()
    })
    .await;
    app.token_for(
        "penulis@warta.test",
        "Budi Penulis",
        warta_core::Role::Writer,
    )
    .await;
    let desk = Desk::sign_in(&app, "penulis@warta.test").await;
    let (_, grid) = desk.get("/admin/media").await;
    assert!(grid.contains("Maksimal 2 MB"), "the form names the limit");
    let csrf = csrf_of(&grid);
    let post = |file: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("_csrf", csrf.clone())
            .text("caption", "Petugas memeriksa tanggul")
            .text("credit", "Dimas Fotografer")
            .text("alt", "Dua petugas di atas tanggul")
            .part(
                "file",
                reqwest::multipart::Part::bytes(file).file_name("foto.jpg"),
            );
        app.client
            .post(app.url("/admin/media"))
            .header("cookie", &desk.cookie)
            .multipart(form)
            .send()
    };
    // Not an image: refused, the typed fields stay, the message is Indonesian.
    let res = post(b"bukan gambar".to_vec()).await.unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("value=\"Petugas memeriksa tanggul\""),
        "caption kept"
    );
    assert!(
        page.contains("value=\"Dimas Fotografer\"")
            && page.contains("value=\"Dua petugas di atas tanggul\"")
    );
    assert!(
        page.contains("jenis berkas tidak didukung"),
        "Indonesian message"
    );
    // Over the limit: the message names it.
    let res = post(vec![0u8; 3 * 1024 * 1024]).await.unwrap();
    assert_eq!(res.status().as_u16(), 413);
    let page = res.text().await.unwrap();
    assert!(page.contains("maksimal 2 MB"), "the limit is named");
    assert!(
        page.contains("value=\"Petugas memeriksa tanggul\""),
        "caption kept"
    );
}
