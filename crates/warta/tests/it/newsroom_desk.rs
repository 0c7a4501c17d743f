//! The newsroom's desk: who has an article open, the review queue, the rubrik menu order.

use crate::helpers::{Db, Desk, csrf_of, newsroom_in};
use reqwest::Method;
use serde_json::{Value, json};

async fn presence(desk: &Desk<'_>, id: i64, method: Method) -> (u16, Value) {
    let csrf = desk.csrf().await;
    let res = desk
        .app
        .client
        .request(
            method,
            desk.app.url(&format!("/api/v1/articles/{id}/presence")),
        )
        .header("cookie", &desk.cookie)
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn presence_clears_as_soon_as_the_other_editor_leaves(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let a = n
        .create(json!({"headline": "Sidang Kabinet", "rubrik": "Nasional"}))
        .await;
    let id = a["id"].as_i64().unwrap();
    let rina = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let budi = Desk::sign_in(&n.app, "penulis@warta.test").await;
    presence(&rina, id, Method::POST).await;
    let (s, seen) = presence(&budi, id, Method::POST).await;
    assert_eq!(s, 200);
    assert_eq!(seen["others"], json!([{"name": "Rina Redaktur"}]));
    // Rina closes the tab: the bundle sends DELETE on pagehide.
    let (s, _) = presence(&rina, id, Method::DELETE).await;
    assert_eq!(s, 204);
    let (_, seen) = presence(&budi, id, Method::POST).await;
    assert_eq!(seen["others"], json!([]), "gone at the next heartbeat");
    // Leaving needs the CSRF header like every write.
    let res = n
        .app
        .client
        .delete(n.app.url(&format!("/api/v1/articles/{id}/presence")))
        .header("cookie", &budi.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    // A lost leave clears within 30 s: the entry expires, then the others' next beat.
    let presence_js = include_str!("../../../../editor/src/presence.js");
    let beat: i64 = presence_js
        .split("const PRESENCE_MS = ")
        .nth(1)
        .and_then(|r| r.split(';').next())
        .and_then(|n| n.parse().ok())
        .expect("the editor's heartbeat");
    assert_eq!(
        beat,
        warta_store::PRESENCE_BEAT_MS,
        "the editor beats as documented"
    );
    assert!(
        warta_store::PRESENCE_MS + beat <= 30_000 && beat < warta_store::PRESENCE_MS,
        "expiry {} ms + heartbeat {beat} ms",
        warta_store::PRESENCE_MS
    );
    let bundle = include_str!("../../../../crates/warta-admin/assets/editor.js");
    assert!(
        bundle.contains("1e4"),
        "the built bundle carries the 10 s heartbeat"
    );
}

async fn the_review_queue_names_who_submitted_and_when(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    n.create(json!({"headline": "Rubrik Ada", "rubrik": "Nasional"}))
        .await;
    let (s, a) = n
        .app
        .api(
            Method::POST,
            "/articles",
            &n.writer,
            Some(json!({"headline": "Gempa Guncang Cianjur", "rubrik": "Nasional"})),
        )
        .await;
    assert_eq!(s, 201, "{a}");
    let (s, _) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{}/submit", a["id"]),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(s, 200);
    let editor = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let (_, dash) = editor.get("/admin").await;
    let review = dash.split("id=\"h-review\"").nth(1).unwrap_or_default();
    let review = review.split("</section>").next().unwrap_or_default();
    assert!(review.contains("Gempa Guncang Cianjur"), "{review}");
    assert!(
        review.contains("class=\"submitted\">Budi Penulis, <time"),
        "who submitted: {review}"
    );
    assert!(
        review.contains(" WIB</time>"),
        "when, in WIB with the hour: {review}"
    );
    assert!(
        review.contains("data-label=\"Penulis\">Budi Penulis</td>"),
        "the author column"
    );
    assert!(
        dash.contains("<main id=\"isi\" class=\"wide\">"),
        "the dashboard uses the full width"
    );
    let (_, list) = editor.get("/admin/artikel").await;
    assert!(list.contains("Budi Penulis") && list.contains(" WIB</time>"));
}

/// The reader site's menu, as rubrik names in order.
async fn menu(app: &warta_testkit::TestApp) -> Vec<String> {
    let (_, home) = app.text("/").await;
    let nav = home
        .split("<nav")
        .nth(1)
        .unwrap_or_default()
        .split("</nav>")
        .next()
        .unwrap_or_default()
        .to_string();
    nav.split("href=\"/rubrik/")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_string))
        .collect()
}

async fn editors_order_the_menus_rubriks_without_javascript(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let (s, _) = n
        .app
        .api(
            Method::POST,
            "/rubriks",
            &n.editor,
            Some(json!({"name": "Olahraga"})),
        )
        .await;
    assert_eq!(s, 201, "an editor makes the rubrik first");
    for r in ["Nasional", "Ekonomi", "Olahraga"] {
        n.published(&format!("Berita {r}")).await;
        let (s, _) = n
            .app
            .api(
                Method::POST,
                "/articles",
                &n.editor,
                Some(json!({"headline": format!("Isi {r}"), "rubrik": r})),
            )
            .await;
        assert_eq!(s, 201);
    }
    let editor = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let (s, page) = editor.get("/admin/taksonomi").await;
    assert_eq!(s, 200);
    let before = menu(&n.app).await;
    assert!(before.len() >= 3, "{before:?}");
    let last = before.last().cloned().unwrap_or_default();
    let rubriks = n
        .app
        .store()
        .await
        .list_terms(warta_store::Term::Rubrik)
        .await
        .unwrap();
    let id = rubriks
        .iter()
        .find(|r| r.slug == last)
        .map(|r| r.id)
        .unwrap();
    assert!(page.contains(&format!("action=\"/admin/taksonomi/rubrik/{id}/urutan\"")));
    // Without the CSRF token nothing moves.
    let (s, _, _) = editor
        .post_raw(
            &format!("/admin/taksonomi/rubrik/{id}/urutan"),
            &[("arah", "naik")],
        )
        .await;
    assert_eq!(s, 403);
    assert_eq!(menu(&n.app).await, before);
    let csrf = csrf_of(&page);
    let (s, _, _) = editor
        .post_raw(
            &format!("/admin/taksonomi/rubrik/{id}/urutan"),
            &[("_csrf", &csrf), ("arah", "naik")],
        )
        .await;
    assert_eq!(s, 303);
    let after = menu(&n.app).await;
    let mut want = before.clone();
    let k = want.len();
    want.swap(k - 1, k - 2);
    assert_eq!(
        after, want,
        "the reader menu follows at once (the page cache was dropped)"
    );
    // The first one cannot go further up; a writer may not reorder.
    let (s, _, _) = editor
        .post_raw(
            &format!("/admin/taksonomi/rubrik/{id}/urutan"),
            &[("_csrf", &csrf), ("arah", "ke-mana")],
        )
        .await;
    assert_eq!(s, 400);
    let writer = Desk::sign_in(&n.app, "penulis@warta.test").await;
    let (s, _, _) = writer
        .post(
            &format!("/admin/taksonomi/rubrik/{id}/urutan"),
            &[("arah", "turun")],
        )
        .await;
    assert_eq!(s, 403);
    // A rubrik created on the taxonomy page joins the end of the menu.
    let (s, _, _) = editor
        .post(
            "/admin/taksonomi/rubrik",
            &[("name", "Teknologi"), ("description", "")],
        )
        .await;
    assert_eq!(s, 303);
    let rubriks = n
        .app
        .store()
        .await
        .list_terms(warta_store::Term::Rubrik)
        .await
        .unwrap();
    assert_eq!(rubriks.last().map(|r| r.name.as_str()), Some("Teknologi"));
}

on_both_backends!(
    presence_clears_as_soon_as_the_other_editor_leaves,
    the_review_queue_names_who_submitted_and_when,
    editors_order_the_menus_rubriks_without_javascript,
);
