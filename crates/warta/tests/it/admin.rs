//! The newsroom over HTTP without JavaScript: sign-in (with its limit), CSRF, dashboard,
//! the editor form, the workflow, preview, revisions and the conflict page.

use crate::helpers::{Desk, csrf_of};
use warta_core::Role;
use warta_testkit::TestApp;

/// The editor page's fields as a form, with some replaced.
pub(crate) fn editor_fields(html: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in [
        "_csrf",
        "revision",
        "headline",
        "slug",
        "tags",
        "topic",
        "authors",
        "dateline",
        "signoff",
        "hero_media_id",
        "hero_caption",
        "hero_credit",
        "hero_alt",
        "seo_title",
    ] {
        let needle = format!("name=\"{name}\"");
        let Some(at) = html.find(&needle) else {
            continue;
        };
        let tag_end = html[at..].find('>').unwrap() + at;
        let tag = &html[at..tag_end];
        let value = tag
            .split("value=\"")
            .nth(1)
            .map(|v| v.split('"').next().unwrap_or(""))
            .unwrap_or("");
        out.push((name.to_string(), html_unescape(value)));
    }
    for name in ["dek", "sources", "seo_description", "body_json"] {
        let needle = format!("name=\"{name}\"");
        if let Some(at) = html.find(&needle) {
            let start = html[at..].find('>').unwrap() + at + 1;
            let end = html[start..].find("</textarea>").unwrap() + start;
            out.push((name.to_string(), html_unescape(&html[start..end])));
        }
    }
    let rubrik = html
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("selected"))
        .map(|o| o.split('"').next().unwrap_or("").to_string())
        .unwrap_or_default();
    out.push(("rubrik".into(), html_unescape(&rubrik)));
    for (k, v) in changes {
        out.retain(|(n, _)| n != k);
        out.push((k.to_string(), v.to_string()));
    }
    out
}

fn html_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

async fn newsroom() -> (TestApp, String) {
    let app = TestApp::spawn().await;
    let editor = app
        .token_for("redaktur@warta.example", "Sari Redaktur", Role::Editor)
        .await;
    app.token_for("wartawan@warta.example", "Budi Wartawan", Role::Writer)
        .await;
    app.token_for(
        "kontributor@warta.example",
        "Kiki Kontributor",
        Role::Contributor,
    )
    .await;
    // Rubriks to write in, and an article.
    crate::helpers::make_rubriks(&app, &editor).await;
    let (s, _) = app
        .api(
            reqwest::Method::POST,
            "/articles",
            &editor,
            Some(serde_json::json!({"headline": "Pembuka", "rubrik": "Nasional"})),
        )
        .await;
    assert_eq!(s, 201);
    (app, editor)
}

#[tokio::test]
async fn sign_in_is_limited_and_sessions_end() {
    let (app, _) = newsroom().await;
    let (s, _) = app.text("/admin").await;
    assert_eq!(s, 303, "signed-out visitors go to the sign-in form");
    let res = app.get("/admin/artikel").await;
    assert_eq!(
        res.headers()["location"],
        "/admin/masuk?next=/admin/artikel"
    );
    let (s, page) = app.text("/admin/masuk").await;
    assert_eq!(s, 200);
    assert!(page.contains("autocomplete=\"current-password\""));

    let wrong = |pw: &'static str| {
        app.client
            .post(app.url("/admin/masuk"))
            .form(&[("email", "wartawan@warta.example"), ("password", pw)])
            .send()
    };
    for _ in 0..5 {
        let r = wrong("salah-sekali").await.unwrap();
        assert_eq!(r.status(), 401);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Email atau kata sandi salah")
        );
    }
    let r = wrong("kata-sandi-uji").await.unwrap();
    assert_eq!(
        r.status(),
        429,
        "from the same address even the right password waits after 5 failures"
    );
    let wait: i64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((890..=900).contains(&wait), "{wait}");
    assert!(r.text().await.unwrap().contains("Coba lagi dalam"));

    // Another account is not affected; an open redirect is not followed.
    let r = app
        .client
        .post(app.url("/admin/masuk"))
        .form(&[
            ("email", "redaktur@warta.example"),
            ("password", "kata-sandi-uji"),
            ("next", "https://evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin");

    let desk = Desk::sign_in(&app, "redaktur@warta.example").await;
    let (s, dash) = desk.get("/admin").await;
    assert_eq!(s, 200);
    assert!(dash.contains("Draf saya") && dash.contains("Menunggu review"));
    // Over HTTPS (behind a proxy) the cookie is Secure.
    let r = app
        .client
        .post(app.url("/admin/masuk"))
        .header("x-forwarded-proto", "https")
        .form(&[
            ("email", "redaktur@warta.example"),
            ("password", "kata-sandi-uji"),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("; Secure")
    );

    // Sign-out needs the CSRF token, then the cookie is dead.
    let (s, _, body) = desk.post_raw("/admin/keluar", &[]).await;
    assert_eq!(s, 403, "{body}");
    let csrf = desk.csrf().await;
    let (s, loc, _) = desk.post_raw("/admin/keluar", &[("_csrf", &csrf)]).await;
    assert_eq!((s, loc.as_str()), (303, "/admin/masuk"));
    let (s, _) = desk.get("/admin").await;
    assert_eq!(s, 303, "the old cookie no longer signs in");
}

#[tokio::test]
async fn writer_submits_and_editor_publishes_through_the_forms() {
    let (app, _) = newsroom().await;
    let writer = Desk::sign_in(&app, "wartawan@warta.example").await;
    let (s, _, _) = writer.post_raw("/admin/artikel/baru", &[]).await;
    assert_eq!(s, 403, "no CSRF token, no article");
    let loc = writer.new_draft("Draf Hujan").await;
    assert!(loc.starts_with("/admin/artikel/"), "{loc}");
    let (s, page) = writer.get(&loc).await;
    assert_eq!(s, 200);
    assert!(page.contains("id=\"body-editor\"") && page.contains("/admin/static/editor.js?v="));
    assert!(page.contains("id=\"article-json\""));
    assert!(
        !page.contains("value=\"publish\""),
        "writers get no publish button"
    );

    let body = r#"[{"type":"paragraph","text":"JAKARTA, Warta – Hujan <b>deras</b> sejak pagi."}]"#;
    let fields = editor_fields(
        &page,
        &[
            ("headline", "Hujan Deras Guyur Jakarta"),
            ("tags", "Cuaca, Jakarta"),
            ("body_json", body),
            ("action", "submit"),
        ],
    );
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (s, back, err) = writer.post_raw(&loc, &form).await;
    assert_eq!(s, 303, "{err}");
    assert!(back.ends_with("?ok=submit"), "{back}");
    let (_, page) = writer.get(&back).await;
    assert!(page.contains("Terkirim ke editor"));
    assert!(page.contains("Hujan Deras Guyur Jakarta"));

    // The editor finds it waiting for review and publishes it.
    let editor = Desk::sign_in(&app, "redaktur@warta.example").await;
    let (_, dash) = editor.get("/admin").await;
    assert!(dash.contains("Hujan Deras Guyur Jakarta"));
    let (s, preview) = editor.get(&format!("{loc}/pratinjau")).await;
    assert_eq!(s, 200);
    assert!(preview.contains("<b>deras</b>") && preview.contains("Hujan Deras Guyur Jakarta"));
    let (_, page) = editor.get(&loc).await;
    let fields = editor_fields(&page, &[("action", "publish")]);
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (s, back, err) = editor.post_raw(&loc, &form).await;
    assert_eq!(s, 303, "{err}");
    assert!(back.ends_with("?ok=publish"));
    let (s, _) = app.text("/berita/hujan-deras-guyur-jakarta").await;
    assert_eq!(s, 200, "readers see it");

    // A contributor cannot publish through the form either.
    let contributor = Desk::sign_in(&app, "kontributor@warta.example").await;
    let mine = contributor.new_draft("Draf Kontributor").await;
    let (_, page) = contributor.get(&mine).await;
    let fields = editor_fields(&page, &[("action", "publish")]);
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (s, _, body) = contributor.post_raw(&mine, &form).await;
    assert_eq!(s, 403);
    assert!(
        body.contains("tidak boleh menerbitkan artikel"),
        "in Indonesian: {body}"
    );
    let (s, _) = contributor.get(&loc).await;
    assert_eq!(s, 403, "contributors open only their own articles");
}

#[tokio::test]
async fn stale_form_saves_show_both_versions_and_revisions_diff() {
    let (app, _) = newsroom().await;
    let editor = Desk::sign_in(&app, "redaktur@warta.example").await;
    let loc = editor.new_draft("Draf Bersama").await;
    let (_, page) = editor.get(&loc).await;
    let mine = editor_fields(
        &page,
        &[
            ("headline", "Versi Pertama Sari"),
            ("body_json", r#"[{"type":"paragraph","text":"Teks Sari."}]"#),
        ],
    );
    let form: Vec<(&str, &str)> = mine.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (s, _, _) = editor.post_raw(&loc, &form).await;
    assert_eq!(s, 303);
    // A second save based on the same (now stale) page: refused, both texts shown.
    let theirs = editor_fields(
        &page,
        &[
            ("headline", "Versi Kedua Budi"),
            ("body_json", r#"[{"type":"paragraph","text":"Teks Budi."}]"#),
        ],
    );
    let form: Vec<(&str, &str)> = theirs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (s, _, conflict) = editor.post_raw(&loc, &form).await;
    assert_eq!(s, 409);
    assert!(conflict.contains("Teks Budi.") && conflict.contains("Teks Sari."));
    let (_, now) = editor.get(&loc).await;
    assert!(
        now.contains("Versi Pertama Sari"),
        "nothing was overwritten"
    );

    let (s, revs) = editor.get(&format!("{loc}/revisi?a=1&b=2")).await;
    assert_eq!(s, 200);
    assert!(revs.contains("<ins>") && revs.contains("Sari"), "{revs}");
    assert!(
        revs.contains("Sari Redaktur"),
        "revisions name their author"
    );
    let csrf = csrf_of(&revs);
    let (s, back, _) = editor
        .post_raw(&format!("{loc}/revisi/1/pulihkan"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(s, 303);
    assert!(back.ends_with("?ok=restore"));
    let (_, restored) = editor.get(&loc).await;
    assert!(restored.contains("Draf Bersama") && restored.contains("data-revision=\"3\""));
}

#[tokio::test]
async fn editors_manage_rubriks_topics_tags_and_authors() {
    let (app, _) = newsroom().await;
    let writer = Desk::sign_in(&app, "wartawan@warta.example").await;
    let (s, body) = writer.get("/admin/taksonomi").await;
    assert_eq!(s, 403, "{body}");
    let csrf = writer.csrf().await;
    let (s, _, _) = writer
        .post_raw(
            "/admin/taksonomi/rubrik",
            &[("_csrf", &csrf), ("name", "Gaya Hidup")],
        )
        .await;
    assert_eq!(s, 403);

    let editor = Desk::sign_in(&app, "redaktur@warta.example").await;
    let csrf = editor.csrf().await;
    let (s, _) = editor.get("/admin/taksonomi").await;
    assert_eq!(s, 200);
    let (s, loc, body) = editor
        .post_raw(
            "/admin/taksonomi/rubrik",
            &[
                ("_csrf", &csrf),
                ("name", "Gaya Hidup"),
                ("description", "Mode & kuliner"),
            ],
        )
        .await;
    assert_eq!((s, loc.as_str()), (303, "/admin/taksonomi?ok=1"), "{body}");
    let (s, _, _) = editor
        .post_raw(
            "/admin/taksonomi/rubrik",
            &[("_csrf", &csrf), ("name", "gaya hidup")],
        )
        .await;
    assert_eq!(s, 409, "one rubrik per slug");
    let (s, _, _) = editor
        .post_raw(
            "/admin/taksonomi/rubrik",
            &[("_csrf", &csrf), ("name", "  ")],
        )
        .await;
    assert_eq!(s, 422);
    let (s, page) = app.text("/rubrik/gaya-hidup").await;
    assert_eq!(s, 200);
    assert!(page.contains("Gaya Hidup"));

    // Renaming keeps the URL.
    let (_, tax) = editor.get("/admin/taksonomi").await;
    let needle = "action=\"/admin/taksonomi/rubrik/";
    let at = tax.find(needle).unwrap() + needle.len();
    let id: String = tax[at..].chars().take_while(char::is_ascii_digit).collect();
    let (s, _, _) = editor
        .post_raw(
            &format!("/admin/taksonomi/rubrik/{id}"),
            &[
                ("_csrf", &csrf),
                ("name", "Nasional Terkini"),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(s, 303);
    let (s, page) = app.text("/rubrik/nasional").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("Nasional Terkini"),
        "the old URL shows the new name"
    );

    // An author's public profile.
    let users = app.store().await.list_users().await.unwrap();
    let budi = users.iter().find(|u| u.name == "Budi Wartawan").unwrap();
    let (s, _, _) = editor
        .post_raw(
            &format!("/admin/taksonomi/penulis/{}", budi.id),
            &[
                ("_csrf", &csrf),
                ("name", "Budi Santoso"),
                ("bio", "Wartawan ekonomi sejak 2010."),
            ],
        )
        .await;
    assert_eq!(s, 303);
    let stored = app.store().await.user_by_id(budi.id).await.unwrap();
    assert_eq!(
        (stored.name.as_str(), stored.bio.as_str()),
        ("Budi Santoso", "Wartawan ekonomi sejak 2010.")
    );
}

#[tokio::test]
async fn newsroom_assets_cache_for_a_year_only_at_their_current_fingerprint() {
    let app = TestApp::spawn().await;
    let (_, login) = app.text("/admin/masuk").await;
    let at = login
        .find("/admin/static/admin.css?v=")
        .expect("stylesheet link");
    let url: String = login[at..].chars().take_while(|c| *c != '"').collect();
    let res = app.get(&url).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    let res = app.get("/admin/static/admin.css?v=lama").await;
    assert_eq!(res.headers()["cache-control"], "public, max-age=300");
    assert_eq!(app.get("/admin/static/rahasia.txt").await.status(), 404);
}
