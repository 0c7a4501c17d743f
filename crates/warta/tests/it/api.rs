//! The JSON API: create → publish → read, edits, roles, and problem+json for bad input.

use crate::helpers::{article_json, newsroom, path_of};
use reqwest::Method;
use serde_json::json;
use warta_core::Role;

#[tokio::test]
async fn create_publish_and_read_an_article() {
    let n = newsroom().await;
    let created = n
        .create(article_json(
            "Rusia Siap Berunding dengan Ukraina di Jenewa",
        ))
        .await;
    assert_eq!(created["status"], "draft");
    assert_eq!(created["revision"], 1);
    assert_eq!(
        created["slug"],
        "rusia-siap-berunding-dengan-ukraina-di-jenewa"
    );
    assert_eq!(created["dateline"], "MOSKOW");
    assert_eq!(
        created["authors"][0]["name"], "Rina Redaktur",
        "the caller is the default author"
    );
    let path = path_of(&created["url"]);
    assert_eq!(
        n.app.get(&path).await.status(),
        404,
        "drafts are not public"
    );

    let id = created["id"].as_i64().unwrap();
    let published = n.publish(id).await;
    assert_eq!(published["status"], "published");
    assert!(
        published["published_at"]
            .as_str()
            .unwrap()
            .ends_with("+07:00")
    );

    let (status, html) = n.app.text(&path).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<strong class=\"dateline\">MOSKOW, Warta Uji –</strong> Pemerintah Rusia"),
        "dateline opens the lead"
    );
    assert!(html.contains("Kami terbuka untuk dialog."));
    assert!(
        html.contains("<b>berikutnya</b>"),
        "inline bold survives sanitising"
    );
    assert!(html.contains("(ant/rd)"));
    assert!(html.contains("href=\"/tag/nato\""));
    assert!(html.contains("href=\"/topik/invasi-rusia-ke-ukraina\""));
    assert!(html.contains("TASS"));
    assert!(html.contains(" WIB</time>"));

    let (status, got) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.writer, None)
        .await;
    assert_eq!(
        (status, got["headline"].as_str()),
        (200, Some("Rusia Siap Berunding dengan Ukraina di Jenewa"))
    );
}

#[tokio::test]
async fn listing_filters_pages_and_counts() {
    let n = newsroom().await;
    for i in 0..3 {
        n.published(&format!("Berita Nomor {i}")).await;
    }
    let mut other = article_json("Harga Cabai Naik");
    other["rubrik"] = json!("Ekonomi");
    other["tags"] = json!(["Pangan"]);
    n.create(other).await;
    let (s, all) = n
        .app
        .api(Method::GET, "/articles?per_page=2", &n.editor, None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (
            all["total"].as_i64(),
            all["items"].as_array().unwrap().len()
        ),
        (Some(4), 2)
    );
    let (_, p2) = n
        .app
        .api(Method::GET, "/articles?per_page=2&page=2", &n.editor, None)
        .await;
    assert_eq!(p2["items"].as_array().unwrap().len(), 2);
    let (_, drafts) = n
        .app
        .api(Method::GET, "/articles?status=draft", &n.editor, None)
        .await;
    assert_eq!(drafts["total"], 1);
    let (_, eko) = n
        .app
        .api(Method::GET, "/articles?rubrik=ekonomi", &n.editor, None)
        .await;
    assert_eq!(eko["items"][0]["headline"], "Harga Cabai Naik");
    let (_, tag) = n
        .app
        .api(Method::GET, "/articles?tag=nato", &n.editor, None)
        .await;
    assert_eq!(tag["total"], 3);
    let (s, bad) = n
        .app
        .api(Method::GET, "/articles?status=maybe", &n.editor, None)
        .await;
    assert_eq!((s, bad["field"].as_str()), (422, Some("status")));
    let (_, rubriks) = n.app.api(Method::GET, "/rubriks", &n.writer, None).await;
    // The three the editor made (`make_rubriks`); articles never add one.
    assert_eq!(rubriks.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn patch_changes_fields_refuses_stale_revisions_and_redirects_old_slugs() {
    let n = newsroom().await;
    let a = n.published("Gempa Magnitudo 5 Guncang Padang").await;
    let id = a["id"].as_i64().unwrap();
    let old = path_of(&a["url"]);
    assert_eq!(n.app.get(&old).await.status(), 200);

    let patch = json!({"revision": 1, "headline": "Gempa M5,2 Guncang Padang, Warga Berhamburan", "slug": "gempa-padang", "topic": null});
    let (s, b) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(patch),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        (b["revision"].as_i64(), b["topic"].is_null()),
        (Some(2), true)
    );
    assert_eq!(
        b["tags"].as_array().unwrap().len(),
        3,
        "unpatched fields are kept"
    );

    let stale = json!({"revision": 1, "dek": "menimpa"});
    let (s, p) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(stale),
        )
        .await;
    assert_eq!(s, 409, "{p}");
    assert!(p["detail"].as_str().unwrap().contains("revision 2"));

    let r = n.app.get(&old).await;
    assert_eq!(r.status(), 301);
    assert_eq!(r.headers()["location"], "/berita/gempa-padang");
    let (_, html) = n.app.text("/berita/gempa-padang").await;
    assert!(
        html.contains("Gempa M5,2 Guncang Padang, Warga Berhamburan"),
        "the edit shows at once"
    );
}

#[tokio::test]
async fn baca_juga_shows_the_targets_current_headline() {
    let n = newsroom().await;
    let target = n.published("Jembatan Putus di Agam").await;
    let tid = target["id"].as_i64().unwrap();
    let mut body = article_json("Bantuan Tiba di Agam");
    body["body"] = json!([
        {"type": "paragraph", "text": "Bantuan logistik tiba."},
        {"type": "related", "article_id": tid},
        {"type": "paragraph", "text": "Warga mengantre."}
    ]);
    let a = n.create(body).await;
    let page = path_of(&n.publish(a["id"].as_i64().unwrap()).await["url"]);
    let (_, html) = n.app.text(&page).await;
    assert!(html.contains("Baca juga:"));
    assert!(html.contains("Jembatan Putus di Agam"));

    let patch = json!({"revision": 1, "headline": "Jembatan Darurat Dibangun di Agam"});
    let (s, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{tid}"),
            &n.editor,
            Some(patch),
        )
        .await;
    assert_eq!(s, 200);
    let (_, html) = n.app.text(&page).await;
    assert!(
        html.contains("Jembatan Darurat Dibangun di Agam"),
        "the cached page follows the target's edit"
    );
    assert!(!html.contains("Jembatan Putus di Agam"));
}

#[tokio::test]
async fn roles_are_enforced() {
    let n = newsroom().await;
    let contributor = n
        .app
        .token_for("kontributor@warta.test", "Kontributor", Role::Contributor)
        .await;
    let (s, p) = n
        .app
        .api(
            Method::POST,
            "/articles",
            &contributor,
            Some(json!({"headline": "Tulisan Kontributor", "rubrik": "Gaya Hidup"})),
        )
        .await;
    assert_eq!(s, 422, "nobody creates a rubrik by saving: {p}");
    assert_eq!(p["field"], "rubrik");
    n.published("Rubrik Internasional Dibuat Editor").await;
    let (s, mine) = n
        .app
        .api(
            Method::POST,
            "/articles",
            &contributor,
            Some(article_json("Tulisan Kontributor")),
        )
        .await;
    assert_eq!(s, 201);
    let id = mine["id"].as_i64().unwrap();
    let (s, p) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &contributor,
            None,
        )
        .await;
    assert_eq!(s, 403, "{p}");
    assert_eq!(p["status"], 403);
    let (s, _) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(s, 403, "writers submit, editors publish");
    let (s, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.writer,
            Some(json!({"dek": "x"})),
        )
        .await;
    assert_eq!(s, 403, "a writer may not edit someone else's article");
    let (s, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &contributor,
            Some(json!({"dek": "Ringkas"})),
        )
        .await;
    assert_eq!(s, 428, "a PATCH must name the revision it is based on");
    let (s, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &contributor,
            Some(json!({"dek": "Ringkas", "revision": 1})),
        )
        .await;
    assert_eq!(s, 200, "own drafts are editable");
    let theirs = n.create(article_json("Draf Redaksi")).await;
    let (s, _) = n
        .app
        .api(
            Method::GET,
            &format!("/articles/{}", theirs["id"]),
            &contributor,
            None,
        )
        .await;
    assert_eq!(s, 403, "contributors do not read others' drafts");
    let (s, _) = n
        .app
        .api(
            Method::GET,
            &format!("/articles/{}", theirs["id"]),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(s, 200, "staff writers do");
    let (_, list) = n
        .app
        .api(Method::GET, "/articles", &contributor, None)
        .await;
    let ids: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![id],
        "a contributor's list holds only their own articles"
    );
    let (s, _) = n.app.api(Method::GET, "/articles", "wrt_salah", None).await;
    assert_eq!(s, 401);
    let r = n.app.get("/api/v1/articles").await;
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["www-authenticate"], "Bearer realm=\"warta\"");
}

#[tokio::test]
async fn bad_requests_get_problem_json_never_500() {
    let n = newsroom().await;
    let cases = [
        (
            json!({"headline": "", "rubrik": "Nasional"}),
            422,
            "headline",
        ),
        (
            json!({"headline": "Judul", "rubrik": "Nasional", "body": [{"type": "video", "src": "x"}]}),
            422,
            "body/0/type",
        ),
        (
            json!({"headline": "Judul", "rubrik": "Nasional", "body": [{"type": "related", "article_id": 999}]}),
            422,
            "body/0/article_id",
        ),
        (
            json!({"headline": "Judul", "rubrik": "Nasional", "hero": {"media_id": 42}}),
            422,
            "hero/media_id",
        ),
        (
            json!({"headline": "Judul", "rubrik": "Nasional", "sources": [{"name": "X", "url": "javascript:alert(1)"}]}),
            422,
            "sources/0/url",
        ),
        (
            json!({"headline": "Judul", "rubrik": "Nasional", "published_at": "kemarin"}),
            422,
            "published_at",
        ),
        (
            json!({"headline": "Judul", "rubrik": "Nasional", "published_at": "2099-01-01T00:00:00+07:00"}),
            422,
            "published_at",
        ),
        (
            json!({"headline": "Judul", "rubrik": "Nasional", "body": [{"type": "embed", "url": "https://evil.example/x"}]}),
            422,
            "body/0/url",
        ),
    ];
    for (body, status, field) in cases {
        let (s, p) = n
            .app
            .api(Method::POST, "/articles", &n.editor, Some(body.clone()))
            .await;
        assert_eq!(
            (s, p["field"].as_str()),
            (status, Some(field)),
            "{body} → {p}"
        );
        assert!(!p["detail"].as_str().unwrap().is_empty());
    }
    let (s, p) = n
        .app
        .api(
            Method::POST,
            "/articles",
            &n.editor,
            Some(json!({"headline": "x", "rubrik": "y", "bogus": 1})),
        )
        .await;
    assert_eq!(s, 422, "unknown fields are refused: {p}");
    let res = n
        .app
        .client
        .post(n.app.url("/api/v1/articles"))
        .bearer_auth(&n.editor)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    for path in ["/articles/abc", "/articles/99999", "/nothing-here"] {
        let (s, p) = n.app.api(Method::GET, path, &n.editor, None).await;
        assert_eq!((s, p["status"].as_i64()), (404, Some(404)), "{path}");
    }
    // A chosen slug that is taken is a conflict, not a silent rename.
    let a = n.create(article_json("Satu")).await;
    let mut b = article_json("Dua");
    b["slug"] = a["slug"].clone();
    let (s, _) = n
        .app
        .api(Method::POST, "/articles", &n.editor, Some(b))
        .await;
    assert_eq!(s, 409);
    // A derived slug gets a suffix instead.
    let c = n.create(article_json("Satu")).await;
    assert_eq!(c["slug"], "satu-2");
}

#[tokio::test]
async fn media_upload_makes_responsive_variants_and_refuses_bad_files() {
    let n = newsroom().await;
    let (s, m) = n
        .upload(
            warta_testkit::png(2000, 1125),
            "Warga mengungsi",
            "Antara/Fikri",
        )
        .await;
    assert_eq!(s, 201, "{m}");
    let widths: Vec<i64> = m["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["width"].as_i64().unwrap())
        .collect();
    assert_eq!(widths, vec![480, 800, 1200, 1600]);
    let variant = path_of(&m["variants"][0]["url"]);
    let r = n.app.get(&variant).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/webp");
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );

    let mut body = article_json("Pengungsi Bertambah");
    body["hero"] = json!({"media_id": m["id"], "caption": "Warga mengungsi ke masjid", "credit": "Antara/Fikri"});
    body["body"] = json!([
        {"type": "paragraph", "text": "Jumlah pengungsi bertambah."},
        {"type": "image", "media_id": m["id"], "caption": "Posko pengungsian", "credit": "Istimewa"}
    ]);
    let a = n.create(body).await;
    let page = path_of(&n.publish(a["id"].as_i64().unwrap()).await["url"]);
    let (_, html) = n.app.text(&page).await;
    assert!(html.contains("Foto: Antara/Fikri"));
    assert!(html.contains("Foto: Istimewa"));
    assert!(html.contains("srcset=\""));
    assert!(html.contains("loading=\"lazy\""), "body images load lazily");

    let (s, p) = n
        .upload(b"<html>bukan gambar</html>".to_vec(), "x", "y")
        .await;
    assert_eq!(s, 422, "{p}");
    // A PNG header that claims 60000×60000 pixels: refused before decoding.
    let (s, p) = n
        .upload(warta_testkit::png_claiming(60_000, 60_000), "x", "y")
        .await;
    assert_eq!(s, 413, "{p}");
    assert!(p["detail"].as_str().unwrap().contains("pixels"));
}
