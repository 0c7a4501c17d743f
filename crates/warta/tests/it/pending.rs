//! Pending versions of published stories: edits wait for "Perbarui" while readers, feeds,
//! JSON-LD, search and the page cache keep the live text. Plus the rules that came with the
//! newsroom layer: rubriks are made on purpose and only editors set publication times.

use crate::helpers::{
    Db, Desk, article_json, csrf_of, newsroom_in, newsroom_manual_jobs_in, path_of,
};
use reqwest::Method;
use serde_json::{Value, json};

const LIVE: &str = "Pemerintah Rusia menyatakan siap berunding";
const TYPED: &str = "Kalimat setengah diketik oleh redak";

/// Stage `body` as the pending version of article `id` at `revision`; returns the answer.
async fn stage(n: &crate::helpers::Newsroom, token: &str, id: i64, revision: i64) -> (u16, Value) {
    n.app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            token,
            Some(json!({"revision": revision, "stage": true,
                "body": [{"type": "paragraph", "text": TYPED}]})),
        )
        .await
}

async fn edits_to_a_published_story_wait_for_perbarui(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let a = n.published("Rusia Siap Berunding dengan Ukraina").await;
    let id = a["id"].as_i64().unwrap();
    let page = path_of(&a["url"]);
    // Warm the page cache and the feed, as readers would.
    assert!(n.app.text(&page).await.1.contains(LIVE));
    assert!(
        n.app
            .text("/rss.xml")
            .await
            .1
            .contains("Rusia Siap Berunding")
    );

    let (status, saved) = stage(&n, &n.editor, id, a["revision"].as_i64().unwrap()).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["pending"]["by"]["name"], "Rina Redaktur");
    assert_eq!(saved["pending"]["for_review"], false);
    assert!(
        saved["body"].to_string().contains(LIVE),
        "the answer is the live article"
    );

    // Readers see the live text: page (cached and uncached), JSON-LD, feed, search.
    let (_, html) = n.app.text(&page).await;
    assert!(html.contains(LIVE) && !html.contains(TYPED));
    let (_, feed) = n.app.text("/rss.xml").await;
    assert!(!feed.contains(TYPED));
    n.app.run_pending_jobs().await;
    let (_, found) = n.app.text("/cari?q=setengah+diketik").await;
    assert!(
        !found.contains("Rusia Siap Berunding"),
        "search must not find pending words"
    );

    // The newsroom sees both.
    let (_, got) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.editor, None)
        .await;
    assert!(got["body"].to_string().contains(LIVE));
    let revision = got["revision"].as_i64().unwrap();
    assert_eq!(got["pending"]["revision"].as_i64(), Some(revision));
    let path = format!("/articles/{id}?version=pending");
    let (_, pending) = n.app.api(Method::GET, &path, &n.editor, None).await;
    assert!(pending["body"].to_string().contains(TYPED), "{pending}");
    assert_eq!(pending["headline"], "Rusia Siap Berunding dengan Ukraina");

    // "Perbarui" with a correction note.
    let (status, applied) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(json!({"revision": revision, "correction": "Kalimat pembuka diperbaiki."})),
        )
        .await;
    assert_eq!(status, 200, "{applied}");
    assert_eq!(applied["status"], "published");
    assert!(applied["pending"].is_null());
    let (_, html) = n.app.text(&page).await;
    assert!(
        html.contains(TYPED) && !html.contains(LIVE),
        "the cached page follows"
    );
    assert!(html.contains("Kalimat pembuka diperbaiki."));
    let (_, feed) = n.app.text("/rss.xml").await;
    assert!(feed.contains(TYPED) || feed.contains("Rusia Siap Berunding"));
    n.app.run_pending_jobs().await;
    let (_, found) = n.app.text("/cari?q=setengah+diketik").await;
    assert!(
        found.contains("Rusia Siap Berunding"),
        "search finds the applied text"
    );
    let (_, again) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.editor, None)
        .await;
    assert!(again["pending"].is_null());
}

async fn an_update_after_publication_shows_diperbarui_and_moves_date_modified(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let mut body = article_json("Harga Beras Turun di Pasar Induk");
    body["published_at"] = json!("2022-03-01T14:05:00+07:00");
    let a = n.create(body).await;
    let id = a["id"].as_i64().unwrap();
    let a = n.publish(id).await;
    let page = path_of(&a["url"]);
    let (_, html) = n.app.text(&page).await;
    assert!(!html.contains("Diperbarui"), "not updated yet");
    let (_, staged) = stage(&n, &n.editor, id, a["revision"].as_i64().unwrap()).await;
    let revision = staged["revision"].as_i64().unwrap();
    let (_, html) = n.app.text(&page).await;
    assert!(!html.contains("Diperbarui"), "a pending save is no update");
    assert!(
        html.contains("\"dateModified\":\"2022-03-01T14:05:00+07:00\""),
        "{html}"
    );
    let (status, _) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(json!({"revision": revision})),
        )
        .await;
    assert_eq!(status, 200);
    let (_, html) = n.app.text(&page).await;
    assert!(html.contains("Diperbarui"), "updated after publication");
    assert!(!html.contains("\"dateModified\":\"2022-03-01T14:05:00+07:00\""));
    assert!(html.contains("\"datePublished\":\"2022-03-01T14:05:00+07:00\""));
}

async fn discarding_changes_keeps_the_live_text_and_stale_saves_are_refused(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let a = n.published("Banjir Rendam Jakarta Utara").await;
    let id = a["id"].as_i64().unwrap();
    let r0 = a["revision"].as_i64().unwrap();
    let (status, _) = stage(&n, &n.editor, id, r0).await;
    assert_eq!(status, 200);
    // A second pending save on the old revision is refused; without one it is 428.
    let (status, p) = stage(&n, &n.editor, id, r0).await;
    assert_eq!(status, 409, "{p}");
    let (status, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(json!({"stage": true, "dek": "x"})),
        )
        .await;
    assert_eq!(status, 428);
    // A partial pending save keeps earlier pending changes.
    let (_, cur) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.editor, None)
        .await;
    let (status, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(json!({"stage": true, "revision": cur["revision"], "dek": "Ringkasan baru."})),
        )
        .await;
    assert_eq!(status, 200);
    let (_, p) = n
        .app
        .api(
            Method::GET,
            &format!("/articles/{id}?version=pending"),
            &n.editor,
            None,
        )
        .await;
    assert!(
        p["body"].to_string().contains(TYPED) && p["dek"] == "Ringkasan baru.",
        "{p}"
    );

    let (status, live) = n
        .app
        .api(
            Method::DELETE,
            &format!("/articles/{id}/pending"),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(status, 200, "{live}");
    assert!(live["body"].to_string().contains(LIVE));
    let (_, got) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.editor, None)
        .await;
    assert!(got["pending"].is_null());
    let (status, p) = n
        .app
        .api(
            Method::DELETE,
            &format!("/articles/{id}/pending"),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(status, 409, "nothing left to discard: {p}");
    let (_, html) = n.app.text(&path_of(&a["url"])).await;
    assert!(html.contains(LIVE) && !html.contains(TYPED));
}

async fn a_writers_change_to_their_published_story_waits_for_review(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let (status, a) = n
        .app
        .api(
            Method::POST,
            "/articles",
            &n.writer,
            Some(article_json("Gempa Guncang Cianjur")),
        )
        .await;
    assert_eq!(status, 201, "{a}");
    let id = a["id"].as_i64().unwrap();
    let a = n.publish(id).await;
    let rev = a["revision"].as_i64().unwrap();
    // A plain PATCH would go live: only editors may do that.
    let (status, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.writer,
            Some(json!({"revision": rev, "dek": "x"})),
        )
        .await;
    assert_eq!(status, 403);
    let (status, saved) = stage(&n, &n.writer, id, rev).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["pending"]["for_review"], true);
    // The writer cannot apply it; the page stays as it was.
    let (status, _) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(status, 403);
    let (_, html) = n.app.text(&path_of(&a["url"])).await;
    assert!(!html.contains(TYPED));
    // The editor sees it in the review queue and applies it.
    let editor = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let (_, dash) = editor.get("/admin").await;
    let queue = dash
        .split("id=\"h-review\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        queue.contains("Gempa Guncang Cianjur"),
        "in the review queue: {queue}"
    );
    assert!(queue.contains(&format!("/admin/artikel/{id}/tertunda")));
    let (status, diff) = editor.get(&format!("/admin/artikel/{id}/tertunda")).await;
    assert_eq!(status, 200);
    assert!(
        diff.contains("<ins>") && diff.contains(TYPED.split(' ').next().unwrap()),
        "{diff}"
    );
    let (status, _) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(status, 200);
    let (_, html) = n.app.text(&path_of(&a["url"])).await;
    assert!(html.contains(TYPED));
}

async fn the_editor_form_stages_and_previews_pending_changes(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let a = n.published("Timnas Menang di Kandang").await;
    let id = a["id"].as_i64().unwrap();
    let desk = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let (_, page) = desk.get(&format!("/admin/artikel/{id}")).await;
    let body = json!([{"type": "paragraph", "text": TYPED}]).to_string();
    let form = crate::admin::editor_fields(&page, &[("body_json", &body), ("action", "save")]);
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, _, _) = desk.post(&format!("/admin/artikel/{id}"), &pairs).await;
    assert_eq!(status, 303);
    let (_, html) = n.app.text(&path_of(&a["url"])).await;
    assert!(
        !html.contains(TYPED),
        "a form save of a published story is pending"
    );
    let (status, preview) = desk.get(&format!("/admin/artikel/{id}/pratinjau")).await;
    assert_eq!(status, 200);
    assert!(preview.contains("Pratinjau — belum terbit") && preview.contains(TYPED));
    // "Buang perubahan" without JavaScript.
    let (_, page) = desk.get(&format!("/admin/artikel/{id}")).await;
    let csrf = csrf_of(&page);
    let (status, _, _) = desk
        .post(
            &format!("/admin/artikel/{id}"),
            &[("_csrf", &csrf), ("action", "discard")],
        )
        .await;
    assert_eq!(status, 303);
    let (_, got) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.editor, None)
        .await;
    assert!(got["pending"].is_null());
}

async fn rubriks_are_made_on_purpose_never_by_saving_an_article(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let (status, r) = n
        .app
        .api(
            Method::POST,
            "/rubriks",
            &n.editor,
            Some(json!({"name": "Hukum"})),
        )
        .await;
    assert_eq!(status, 201, "{r}");
    let (status, again) = n
        .app
        .api(
            Method::POST,
            "/rubriks",
            &n.editor,
            Some(json!({"name": "hukum"})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(again["id"], r["id"]);
    let (status, _) = n
        .app
        .api(
            Method::POST,
            "/rubriks",
            &n.writer,
            Some(json!({"name": "Gosip"})),
        )
        .await;
    assert_eq!(status, 403);
    for bad in ["¹", "Ⱥ", "🇺🇸", ""] {
        let (status, p) = n
            .app
            .api(
                Method::POST,
                "/rubriks",
                &n.editor,
                Some(json!({"name": bad})),
            )
            .await;
        assert_eq!(status, 422, "{bad}: {p}");
        assert_eq!(p["field"], "name");
    }
    // An editor's typo is a 422 that lists the rubriks there are; nothing is created.
    for typo in ["Internasinal", "¹", "Ⱥ", "🇺🇸"] {
        let mut body = article_json("Salah Ketik Rubrik");
        body["rubrik"] = json!(typo);
        let (status, p) = n
            .app
            .api(Method::POST, "/articles", &n.editor, Some(body))
            .await;
        assert_eq!(status, 422, "{typo}: {p}");
        assert_eq!(p["field"], "rubrik");
        assert!(
            p["detail"].as_str().unwrap().contains("Internasional"),
            "{p}"
        );
    }
    let (_, list) = n.app.api(Method::GET, "/rubriks", &n.editor, None).await;
    assert!(!list.to_string().contains("Internasinal"));
    assert_eq!(n.app.text("/rubrik/internasinal").await.0, 404);
}

async fn only_editors_set_publication_times(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let mut body = article_json("Arsip Lama Penulis");
    body["published_at"] = json!("2020-01-01T08:00:00+07:00");
    let (status, p) = n
        .app
        .api(Method::POST, "/articles", &n.writer, Some(body))
        .await;
    assert_eq!(status, 403, "{p}");
    let (status, a) = n
        .app
        .api(
            Method::POST,
            "/articles",
            &n.writer,
            Some(article_json("Arsip Lama Penulis")),
        )
        .await;
    assert_eq!(status, 201);
    let id = a["id"].as_i64().unwrap();
    let (status, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.writer,
            Some(json!({"revision": a["revision"], "published_at": "2020-01-01T08:00:00+07:00"})),
        )
        .await;
    assert_eq!(status, 403);
    let published = n.publish(id).await;
    assert!(
        !published["published_at"]
            .as_str()
            .unwrap()
            .starts_with("2020"),
        "{published}"
    );
}

async fn new_tags_and_topics_get_public_pages_only_once_published(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let mut body = article_json("Draf dengan Tag Baru");
    body["tags"] = json!(["Tag Salah Ketik"]);
    body["topic"] = json!("Topik Belum Terbit");
    let (status, a) = n
        .app
        .api(Method::POST, "/articles", &n.writer, Some(body))
        .await;
    assert_eq!(status, 201, "{a}");
    let (_, tags) = n
        .app
        .api(Method::GET, "/tags?q=salah", &n.writer, None)
        .await;
    assert!(
        tags.to_string().contains("Tag Salah Ketik"),
        "the newsroom knows it: {tags}"
    );
    for path in [
        "/tag/tag-salah-ketik",
        "/tag/tag-salah-ketik/rss.xml",
        "/topik/topik-belum-terbit",
    ] {
        assert_eq!(n.app.text(path).await.0, 404, "{path} before publication");
    }
    n.publish(a["id"].as_i64().unwrap()).await;
    for path in [
        "/tag/tag-salah-ketik",
        "/tag/tag-salah-ketik/rss.xml",
        "/topik/topik-belum-terbit",
    ] {
        assert_eq!(n.app.text(path).await.0, 200, "{path} once published");
    }
}

/// A scheduled story with a pending change: at its time the scheduler publishes the live
/// fields (what was scheduled), and the pending change stays pending until "Perbarui", as
/// WordPress publishes a scheduled post and not its autosave.
async fn the_scheduler_publishes_the_scheduled_text_and_keeps_the_pending_change_pending(db: Db) {
    let Some(n) = newsroom_manual_jobs_in(db).await else {
        return;
    };
    let a = n
        .create(article_json("Jadwal dengan Perubahan Tertunda"))
        .await;
    let id = a["id"].as_i64().unwrap();
    let page = path_of(&a["url"]);
    let at_ms = (warta_store::now_ms() / 1000 + 3) * 1000;
    let (s, scheduled) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(json!({"at": warta_core::iso8601_wib(at_ms)})),
        )
        .await;
    assert_eq!(
        (s, scheduled["status"].as_str()),
        (200, Some("scheduled")),
        "{scheduled}"
    );

    let (status, saved) = stage(&n, &n.editor, id, scheduled["revision"].as_i64().unwrap()).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["status"], "scheduled");
    assert!(saved["pending"].is_object(), "{saved}");
    let pending_revision = saved["pending"]["revision"].clone();
    // Before its time readers see nothing at all.
    assert_eq!(n.app.get(&page).await.status(), 404);
    assert!(
        !n.app
            .text("/rss.xml")
            .await
            .1
            .contains("Jadwal dengan Perubahan")
    );

    tokio::time::sleep(std::time::Duration::from_millis(
        (at_ms - warta_store::now_ms()).max(0) as u64 + 10,
    ))
    .await;
    assert!(n.app.run_pending_jobs().await >= 1, "the scheduler ran");
    // What goes live is what was scheduled: the live fields, not the pending change.
    let (status, html) = n.app.text(&page).await;
    assert_eq!(status, 200, "published at its time");
    assert!(
        html.contains(LIVE) && !html.contains(TYPED),
        "the scheduled text"
    );
    let (_, feed) = n.app.text("/rss.xml").await;
    assert!(feed.contains("Jadwal dengan Perubahan") && !feed.contains(TYPED));
    // The change is still pending, unchanged, for "Perbarui" or "Buang perubahan".
    let (_, got) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.editor, None)
        .await;
    assert_eq!(got["status"], "published");
    assert_eq!(got["pending"]["revision"], pending_revision, "{got}");
    let path = format!("/articles/{id}?version=pending");
    let (_, pending) = n.app.api(Method::GET, &path, &n.editor, None).await;
    assert!(pending["body"].to_string().contains(TYPED), "{pending}");

    // "Perbarui" then makes the change live.
    let (status, applied) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(json!({"revision": got["revision"]})),
        )
        .await;
    assert_eq!(status, 200, "{applied}");
    assert!(applied["pending"].is_null(), "{applied}");
    assert!(n.app.text(&page).await.1.contains(TYPED));
}

on_both_backends!(
    edits_to_a_published_story_wait_for_perbarui,
    an_update_after_publication_shows_diperbarui_and_moves_date_modified,
    discarding_changes_keeps_the_live_text_and_stale_saves_are_refused,
    a_writers_change_to_their_published_story_waits_for_review,
    the_editor_form_stages_and_previews_pending_changes,
    rubriks_are_made_on_purpose_never_by_saving_an_article,
    only_editors_set_publication_times,
    new_tags_and_topics_get_public_pages_only_once_published,
    the_scheduler_publishes_the_scheduled_text_and_keeps_the_pending_change_pending,
);
