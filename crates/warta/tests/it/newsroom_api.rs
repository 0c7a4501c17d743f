//! The newsroom over HTTP: revisions and conflicts, the workflow and the scheduler (across a
//! restart), publication checks, history, presence, the media library and tag autocomplete.
//! Session auth with CSRF and the route × role table are in `newsroom_access.rs`.

use crate::helpers::{Db, article_json, newsroom_in, path_of};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use warta_store::now_ms;
use warta_testkit::TestApp;

/// What a request carries.
pub(crate) enum Payload {
    Empty,
    Json(Value),
    /// A multipart photo upload with caption, credit and alt text.
    Photo,
}

pub(crate) struct Reply {
    pub status: u16,
    pub content_type: String,
    pub json: Value,
}

/// A request to `/api/v1{path}` with a bearer token (or none) and extra headers.
pub(crate) async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    payload: Payload,
) -> Reply {
    let mut req = app
        .client
        .request(method, app.url(&format!("/api/v1{path}")));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req = match payload {
        Payload::Empty => req,
        Payload::Json(v) => req.json(&v),
        Payload::Photo => req.multipart(photo_form("Foto uji", "Warta/Uji", "Sebuah foto uji")),
    };
    let res = req.send().await.expect("API request");
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let text = res.text().await.expect("API body");
    let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status,
        content_type,
        json,
    }
}

pub(crate) fn photo_form(caption: &str, credit: &str, alt: &str) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(warta_testkit::png(64, 48)).file_name("foto.png"),
        )
        .text("caption", caption.to_string())
        .text("credit", credit.to_string());
    if !alt.is_empty() {
        form = form.text("alt", alt.to_string());
    }
    form
}

pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    caption: &str,
    credit: &str,
    alt: &str,
) -> Value {
    let res = app
        .client
        .post(app.url("/api/v1/media"))
        .bearer_auth(token)
        .multipart(photo_form(caption, credit, alt))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.json().await.unwrap()
}

pub(crate) fn id_of(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

/// GET `path` until it answers `want`, at most until `deadline`. Returns when it did.
async fn poll_until(app: &TestApp, path: &str, want: u16, deadline: Instant) -> Option<i64> {
    loop {
        let status = app.get(path).await.status().as_u16();
        if status == want {
            return Some(now_ms());
        }
        if Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A time `secs` to `secs + 1` seconds ahead, on a whole second (ISO 8601 has no millis).
fn whole_seconds_ahead(secs: i64) -> (i64, String) {
    let at = (now_ms() / 1000 + secs + 1) * 1000;
    (at, warta_core::iso8601_wib(at))
}

async fn patch_needs_the_current_revision(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let id = id_of(&n.create(article_json("Revisi Wajib Disebut")).await);
    let path = format!("/articles/{id}");
    let r = call(
        &n.app,
        Method::PATCH,
        &path,
        Some(&n.editor),
        &[],
        Payload::Json(json!({"dek": "Baru"})),
    )
    .await;
    assert_eq!(r.status, 428, "{}", r.json);
    assert_eq!(r.content_type, "application/problem+json");
    assert!(r.json["detail"].as_str().unwrap().contains("revision"));
    let ok = call(
        &n.app,
        Method::PATCH,
        &path,
        Some(&n.editor),
        &[],
        Payload::Json(json!({"dek": "Baru", "revision": 1})),
    )
    .await;
    assert_eq!((ok.status, &ok.json["revision"]), (200, &json!(2)));
    let stale = call(
        &n.app,
        Method::PATCH,
        &path,
        Some(&n.editor),
        &[],
        Payload::Json(json!({"dek": "Lama", "revision": 1})),
    )
    .await;
    assert_eq!(stale.status, 409, "{}", stale.json);
    assert_eq!(stale.content_type, "application/problem+json");
    assert!(
        stale.json["detail"]
            .as_str()
            .unwrap()
            .contains("revision 2")
    );
    let (_, now) = n.app.api(Method::GET, &path, &n.editor, None).await;
    assert_eq!(
        (now["dek"].as_str(), now["revision"].as_i64()),
        (Some("Baru"), Some(2))
    );
}

async fn a_future_publish_time_schedules_and_the_scheduler_publishes_on_time(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let a = n.create(article_json("Embargo Laporan Keuangan")).await;
    let id = id_of(&a);
    let page = path_of(&a["url"]);
    let (at_ms, at) = whole_seconds_ahead(2);
    let (s, p) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(json!({"at": at})),
        )
        .await;
    assert_eq!(s, 200, "{p}");
    assert!(at.ends_with("+07:00"));
    assert_eq!(p["status"], "scheduled");
    assert_eq!(p["published_at"], at.as_str());
    assert_eq!(path_of(&p["url"]), page, "the future URL");
    assert!(
        now_ms() < at_ms,
        "the machine was too slow to observe the embargo"
    );
    assert_eq!(n.app.get(&page).await.status(), 404, "embargoed");

    let start = Instant::now();
    let seen = poll_until(&n.app, &page, 200, start + Duration::from_secs(8))
        .await
        .expect("published within 8 s");
    assert!(seen >= at_ms, "not before its time");
    assert!(seen <= at_ms + 5_000, "within 5 s after its time");
    let (_, after) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.editor, None)
        .await;
    assert_eq!(
        (after["status"].as_str(), after["published_at"].as_str()),
        (Some("published"), Some(at.as_str()))
    );
}

async fn a_schedule_survives_a_restart_and_publishes_once(db: Db) {
    let Some(mut n) = newsroom_in(db).await else {
        return;
    };
    let a = n.create(article_json("Jadwal Tetap Setelah Restart")).await;
    let id = id_of(&a);
    let page = path_of(&a["url"]);
    let (at_ms, at) = whole_seconds_ahead(2);
    let (s, p) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &n.editor,
            Some(json!({"at": at})),
        )
        .await;
    assert_eq!((s, p["status"].as_str()), (200, Some("scheduled")), "{p}");
    n.app.stop().await;
    assert!(now_ms() < at_ms, "stopped before the time");
    let store = n.app.store().await;
    assert_eq!(
        store.article_by_id(id).await.unwrap().status,
        warta_core::Status::Scheduled
    );

    n.app.start_again().await;
    let seen = poll_until(&n.app, &page, 200, Instant::now() + Duration::from_secs(8))
        .await
        .expect("the new instance publishes it");
    assert!(seen >= at_ms);
    let publishes: Vec<_> = store
        .audit_log(Some(id), 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "publish")
        .collect();
    assert_eq!(publishes.len(), 1, "published exactly once");
    assert_eq!(publishes[0].user_name, None, "by the scheduler");
}

async fn writers_submit_and_editors_return(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let (s, mine) = n
        .app
        .api(
            Method::POST,
            "/articles",
            &n.writer,
            Some(json!({"headline": "Laporan Penulis", "rubrik": "Gaya Hidup"})),
        )
        .await;
    assert_eq!(s, 422, "the rubrik does not exist: {mine}");
    n.create(article_json("Rubrik Dibuat Redaktur")).await;
    let (s, mine) = n
        .app
        .api(
            Method::POST,
            "/articles",
            &n.writer,
            Some(article_json("Laporan Penulis")),
        )
        .await;
    assert_eq!(s, 201, "{mine}");
    let id = id_of(&mine);
    let (s, sub) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/submit"),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(
        (s, sub["status"].as_str()),
        (200, Some("submitted")),
        "{sub}"
    );
    let (s, again) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/submit"),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(s, 409, "already submitted: {again}");
    let (s, p) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/return"),
            &n.writer,
            None,
        )
        .await;
    assert_eq!(s, 403, "writers do not return: {p}");
    let (s, back) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/return"),
            &n.editor,
            None,
        )
        .await;
    assert_eq!((s, back["status"].as_str()), (200, Some("draft")), "{back}");
}

async fn publishing_needs_alt_text_on_the_block_or_in_the_library(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let photo = upload(
        &n.app,
        &n.editor,
        "Banjir di Kampung Melayu",
        "ANTARA/Aditya",
        "",
    )
    .await;
    assert_eq!(photo["alt"], "");
    let mut body = article_json("Banjir Rendam Jakarta Timur");
    body["body"] = json!([
        {"type": "paragraph", "text": "Air setinggi satu meter."},
        {"type": "image", "media_id": photo["id"], "caption": "Warga mengungsi", "credit": "ANTARA"}
    ]);
    let id = id_of(&n.create(body).await);
    let r = call(
        &n.app,
        Method::POST,
        &format!("/articles/{id}/publish"),
        Some(&n.editor),
        &[],
        Payload::Empty,
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.json);
    assert_eq!(r.content_type, "application/problem+json");
    assert_eq!(r.json["field"], "body/1/alt");
    let (_, still) = n
        .app
        .api(Method::GET, &format!("/articles/{id}"), &n.editor, None)
        .await;
    assert_eq!(still["status"], "draft");

    let (s, m) = n
        .app
        .api(
            Method::PATCH,
            &format!("/media/{}", photo["id"]),
            &n.editor,
            Some(json!({"alt": "Warga menembus banjir"})),
        )
        .await;
    assert_eq!((s, m["alt"].as_str()), (200, Some("Warga menembus banjir")));
    let published = n.publish(id).await;
    assert_eq!(
        published["status"], "published",
        "the library's alt text counts"
    );
}

async fn revisions_list_authors_newest_first_and_restore_adds_a_revision(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    n.create(article_json("Rubrik Ada")).await;
    let (_, a) = n
        .app
        .api(
            Method::POST,
            "/articles",
            &n.writer,
            Some(article_json("Judul Pertama")),
        )
        .await;
    let id = id_of(&a);
    let (s, b) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{id}"),
            &n.editor,
            Some(json!({"revision": 1, "headline": "Judul Kedua"})),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let (s, list) = n
        .app
        .api(
            Method::GET,
            &format!("/articles/{id}/revisions"),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(s, 200);
    let items = list["items"].as_array().unwrap();
    let got: Vec<(i64, &str)> = items
        .iter()
        .map(|r| {
            (
                r["revision"].as_i64().unwrap(),
                r["author"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [(2, "Rina Redaktur"), (1, "Budi Penulis")]);
    assert!(
        items
            .iter()
            .all(|r| r["created_at"].as_str().unwrap().ends_with("+07:00"))
    );
    assert!(items[0]["created_at"].as_str() >= items[1]["created_at"].as_str());

    let (s, r) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/revisions/1/restore"),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        (r["revision"].as_i64(), r["headline"].as_str()),
        (Some(3), Some("Judul Pertama"))
    );
    let (_, list) = n
        .app
        .api(
            Method::GET,
            &format!("/articles/{id}/revisions"),
            &n.editor,
            None,
        )
        .await;
    let newest = &list["items"][0];
    assert_eq!(
        (
            newest["revision"].as_i64(),
            newest["author"]["name"].as_str()
        ),
        (Some(3), Some("Rina Redaktur"))
    );
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        3,
        "history is kept"
    );
    let (s, p) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/revisions/9/restore"),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(s, 404, "{p}");
}

async fn presence_shows_each_the_other(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let id = id_of(&n.create(article_json("Dua Penyunting")).await);
    let path = format!("/articles/{id}/presence");
    let (s, first) = n.app.api(Method::POST, &path, &n.editor, None).await;
    assert_eq!((s, &first["others"]), (200, &json!([])));
    let (_, w) = n.app.api(Method::POST, &path, &n.writer, None).await;
    assert_eq!(w["others"], json!([{"name": "Rina Redaktur"}]));
    let (_, e) = n.app.api(Method::POST, &path, &n.editor, None).await;
    assert_eq!(e["others"], json!([{"name": "Budi Penulis"}]));
}

async fn the_media_library_searches_edits_and_deletes_unused_photos(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let flood = upload(
        &n.app,
        &n.editor,
        "Banjir di Kampung Melayu",
        "ANTARA/Aditya",
        "Warga mengungsi",
    )
    .await;
    let toll = upload(
        &n.app,
        &n.editor,
        "Presiden meresmikan jalan tol",
        "Setpres",
        "Gunting pita",
    )
    .await;
    let (s, list) = n
        .app
        .api(Method::GET, "/media?q=banjir%20antara", &n.writer, None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (list["total"].as_i64(), &list["items"][0]["id"]),
        (Some(1), &flood["id"])
    );
    let (_, all) = n
        .app
        .api(Method::GET, "/media?per_page=1&page=2", &n.writer, None)
        .await;
    assert_eq!(
        (all["total"].as_i64(), &all["items"][0]["id"]),
        (Some(2), &flood["id"]),
        "newest first"
    );
    let (s, bad) = n
        .app
        .api(Method::GET, "/media?date=kemarin", &n.writer, None)
        .await;
    assert_eq!((s, bad["status"].as_i64()), (400, Some(400)));

    let (s, m) = n
        .app
        .api(
            Method::PATCH,
            &format!("/media/{}", toll["id"]),
            &n.editor,
            Some(json!({"caption": "Tol Cisumdawu diresmikan"})),
        )
        .await;
    assert_eq!(s, 200, "{m}");
    assert_eq!(
        (m["caption"].as_str(), m["credit"].as_str()),
        (Some("Tol Cisumdawu diresmikan"), Some("Setpres"))
    );
    let (_, found) = n
        .app
        .api(Method::GET, "/media?q=cisumdawu", &n.writer, None)
        .await;
    assert_eq!(found["total"], 1);

    let mut body = article_json("Banjir Kampung Melayu");
    body["hero"] = json!({"media_id": flood["id"]});
    let a = n.create(body).await;
    let r = call(
        &n.app,
        Method::DELETE,
        &format!("/media/{}", flood["id"]),
        Some(&n.editor),
        &[],
        Payload::Empty,
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.json);
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap()
            .contains("Banjir Kampung Melayu")
    );
    assert_eq!(
        n.app.get(&path_of(&flood["url"])).await.status(),
        200,
        "files kept"
    );
    // Once no article uses it, it goes, files and all.
    let (s, _) = n
        .app
        .api(
            Method::PATCH,
            &format!("/articles/{}", a["id"]),
            &n.editor,
            Some(json!({"revision": 1, "hero": null})),
        )
        .await;
    assert_eq!(s, 200);
    let r = call(
        &n.app,
        Method::DELETE,
        &format!("/media/{}", flood["id"]),
        Some(&n.editor),
        &[],
        Payload::Empty,
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.json);
    let mut files = vec![path_of(&flood["url"])];
    files.extend(
        flood["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| path_of(&v["url"])),
    );
    for f in files {
        assert_eq!(n.app.get(&f).await.status(), 404, "{f}");
    }
    let (s, _) = n
        .app
        .api(
            Method::GET,
            &format!("/media/{}", flood["id"]),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(s, 404);
}

async fn tags_autocomplete_prefers_names_that_start_with_the_letters(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let mut body = article_json("Tag Banyak");
    body["tags"] = json!(["Rusia", "Perundingan", "NATO", "Rupiah"]);
    n.create(body).await;
    let (s, hits) = n.app.api(Method::GET, "/tags?q=RU", &n.writer, None).await;
    assert_eq!(s, 200);
    let names: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let mut starting = names[..2].to_vec();
    starting.sort();
    assert_eq!(
        (starting, names[2]),
        (vec!["Rupiah", "Rusia"], "Perundingan")
    );
    assert!(hits[0]["url"].as_str().unwrap().contains("/tag/"));
    let (_, all) = n.app.api(Method::GET, "/tags", &n.writer, None).await;
    assert_eq!(all.as_array().unwrap().len(), 4);
    let (s, _) = n
        .app
        .api(Method::GET, "/tags?nope=1", &n.writer, None)
        .await;
    assert_eq!(s, 400);
}

on_both_backends!(
    patch_needs_the_current_revision,
    a_future_publish_time_schedules_and_the_scheduler_publishes_on_time,
    a_schedule_survives_a_restart_and_publishes_once,
    writers_submit_and_editors_return,
    publishing_needs_alt_text_on_the_block_or_in_the_library,
    revisions_list_authors_newest_first_and_restore_adds_a_revision,
    presence_shows_each_the_other,
    the_media_library_searches_edits_and_deletes_unused_photos,
    tags_autocomplete_prefers_names_that_start_with_the_letters,
);
