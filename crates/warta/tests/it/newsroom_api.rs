//! The newsroom over HTTP: revisions and conflicts, the workflow and the scheduler (across a
//! restart), publication checks, history, presence, the media library, tag autocomplete,
//! session auth with CSRF, and a route × role table.

use crate::helpers::{Db, Newsroom, article_json, newsroom_in, path_of};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use warta_core::Role;
use warta_store::now_ms;
use warta_testkit::TestApp;

/// What a request carries.
enum Payload {
    Empty,
    Json(Value),
    /// A multipart photo upload with caption, credit and alt text.
    Photo,
}

struct Reply {
    status: u16,
    content_type: String,
    json: Value,
}

/// A request to `/api/v1{path}` with a bearer token (or none) and extra headers.
async fn call(
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

fn photo_form(caption: &str, credit: &str, alt: &str) -> reqwest::multipart::Form {
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

async fn upload(app: &TestApp, token: &str, caption: &str, credit: &str, alt: &str) -> Value {
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

fn id_of(v: &Value) -> i64 {
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

async fn a_session_cookie_needs_the_csrf_token_for_changes(db: Db) {
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    let id = id_of(&n.create(article_json("Sesi dan CSRF")).await);
    let store = n.app.store().await;
    let editor = store
        .user_by_email("redaktur@warta.test")
        .await
        .unwrap()
        .unwrap();
    let (token, session) = store.create_session(editor.id, "test").await.unwrap();
    let cookie = format!("warta_session={token}");
    let path = format!("/articles/{id}");
    let body =
        |rev: i64| Payload::Json(json!({"revision": rev, "dek": format!("Ringkasan {rev}")}));

    let r = call(
        &n.app,
        Method::GET,
        &path,
        None,
        &[("cookie", &cookie)],
        Payload::Empty,
    )
    .await;
    assert_eq!(r.status, 200, "reading needs no CSRF token");
    let r = call(
        &n.app,
        Method::PATCH,
        &path,
        None,
        &[("cookie", &cookie)],
        body(1),
    )
    .await;
    assert_eq!(
        (r.status, r.content_type.as_str()),
        (403, "application/problem+json"),
        "{}",
        r.json
    );
    assert!(r.json["detail"].as_str().unwrap().contains("CSRF"));
    let wrong = call(
        &n.app,
        Method::PATCH,
        &path,
        None,
        &[("cookie", &cookie), ("x-csrf-token", "salah")],
        body(1),
    )
    .await;
    assert_eq!(wrong.status, 403);
    let r = call(
        &n.app,
        Method::PATCH,
        &path,
        None,
        &[("cookie", &cookie), ("x-csrf-token", &session.csrf)],
        body(1),
    )
    .await;
    assert_eq!(
        (r.status, r.json["revision"].as_i64()),
        (200, Some(2)),
        "{}",
        r.json
    );
    assert_eq!(r.json["updated_by"]["name"], "Rina Redaktur");
    // Bearer tokens are not sent by browsers on their own: no CSRF token needed.
    let r = call(&n.app, Method::PATCH, &path, Some(&n.editor), &[], body(2)).await;
    assert_eq!(r.status, 200, "{}", r.json);
    // A session that ended is no sign-in.
    store.delete_session(&token).await.unwrap();
    let r = call(
        &n.app,
        Method::GET,
        &path,
        None,
        &[("cookie", &cookie)],
        Payload::Empty,
    )
    .await;
    assert_eq!(r.status, 401);
}

/// Who calls.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Contributor,
    Writer,
    Editor,
    Admin,
}

/// What the route acts on; made fresh for every call.
#[derive(Clone, Copy, Debug)]
enum Target {
    Nothing,
    /// A draft by the editor: someone else's for contributors and writers.
    EditorsDraft,
    /// A draft by the caller.
    OwnDraft,
    Published,
    Submitted,
    LiveArticle,
    /// An unused photo uploaded by the editor.
    EditorsPhoto,
    /// An unused photo uploaded by the caller.
    OwnPhoto,
}

#[derive(Clone, Copy)]
enum Body {
    Empty,
    NewArticle,
    /// `{"revision": <current>, "dek": …}`
    Patch,
    LiveEntry,
    Photo,
    MediaPatch,
}

const OK: bool = true;
const NO: bool = false;

struct Fixture {
    article: Option<i64>,
    photo: Option<i64>,
    revision: i64,
}

struct Roles {
    n: Newsroom,
    contributor: String,
    admin: String,
}

impl Roles {
    fn token(&self, who: Who) -> Option<&str> {
        match who {
            Who::Anonymous => None,
            Who::Contributor => Some(&self.contributor),
            Who::Writer => Some(&self.n.writer),
            Who::Editor => Some(&self.n.editor),
            Who::Admin => Some(&self.admin),
        }
    }

    async fn fixture(&self, target: Target, who: Who) -> Fixture {
        let app = &self.n.app;
        let own = self.token(who).unwrap_or(&self.n.editor);
        let article = |token: &str, live: bool| {
            let mut body = article_json("Berita Uji Peran");
            body["live"] = json!(live);
            let token = token.to_string();
            async move {
                let (s, a) = app.api(Method::POST, "/articles", &token, Some(body)).await;
                assert_eq!(s, 201, "{a}");
                id_of(&a)
            }
        };
        let mut f = Fixture {
            article: None,
            photo: None,
            revision: 1,
        };
        match target {
            Target::Nothing => {}
            Target::EditorsDraft => f.article = Some(article(&self.n.editor, false).await),
            Target::OwnDraft => f.article = Some(article(own, false).await),
            Target::LiveArticle => f.article = Some(article(&self.n.editor, true).await),
            Target::Published => {
                let id = article(&self.n.editor, false).await;
                self.n.publish(id).await;
                f.article = Some(id);
            }
            Target::Submitted => {
                let id = article(&self.n.editor, false).await;
                let (s, _) = app
                    .api(
                        Method::POST,
                        &format!("/articles/{id}/submit"),
                        &self.n.editor,
                        None,
                    )
                    .await;
                assert_eq!(s, 200);
                f.article = Some(id);
            }
            Target::EditorsPhoto => {
                f.photo = Some(id_of(
                    &upload(app, &self.n.editor, "Foto", "Warta", "Alt").await,
                ))
            }
            Target::OwnPhoto => {
                f.photo = Some(id_of(&upload(app, own, "Foto", "Warta", "Alt").await))
            }
        }
        f
    }

    /// What an editor sees of the fixture, to show a refused call changed nothing.
    async fn state(&self, f: &Fixture) -> Value {
        let app = &self.n.app;
        let mut out = json!({});
        if let Some(id) = f.article {
            let (_, a) = app
                .api(
                    Method::GET,
                    &format!("/articles/{id}"),
                    &self.n.editor,
                    None,
                )
                .await;
            out["article"] = json!([a["status"], a["revision"], a["updated_at"]]);
            let (_, l) = app
                .api(
                    Method::GET,
                    &format!("/articles/{id}/revisions"),
                    &self.n.editor,
                    None,
                )
                .await;
            out["revisions"] = json!(l["items"].as_array().map(Vec::len));
        }
        if let Some(id) = f.photo {
            let (s, m) = app
                .api(Method::GET, &format!("/media/{id}"), &self.n.editor, None)
                .await;
            out["photo"] = json!([s, m["caption"], m["alt"]]);
        }
        let (_, media) = app.api(Method::GET, "/media", &self.n.editor, None).await;
        out["media"] = media["total"].clone();
        let (_, articles) = app
            .api(Method::GET, "/articles", &self.n.editor, None)
            .await;
        out["articles"] = articles["total"].clone();
        out
    }
}

/// Every API route, for every role: 401 without credentials, 403 with a problem+json
/// message when the role may not, 2xx when it may, and never anything else.
async fn every_api_route_answers_each_role_as_the_table_says(db: Db) {
    use Body as B;
    use Target as T;
    // (method, path, target, body, [contributor, writer, editor, admin] may)
    #[rustfmt::skip]
    let table: Vec<(Method, &str, Target, Body, [bool; 4])> = vec![
        (Method::POST,   "/articles",                           T::Nothing,      B::NewArticle, [OK, OK, OK, OK]),
        (Method::GET,    "/articles",                           T::Nothing,      B::Empty,      [OK, OK, OK, OK]),
        (Method::GET,    "/articles/{id}",                      T::EditorsDraft, B::Empty,      [NO, OK, OK, OK]),
        (Method::GET,    "/articles/{id}",                      T::OwnDraft,     B::Empty,      [OK, OK, OK, OK]),
        (Method::GET,    "/articles/{id}",                      T::Published,    B::Empty,      [OK, OK, OK, OK]),
        (Method::PATCH,  "/articles/{id}",                      T::EditorsDraft, B::Patch,      [NO, NO, OK, OK]),
        (Method::PATCH,  "/articles/{id}",                      T::OwnDraft,     B::Patch,      [OK, OK, OK, OK]),
        (Method::PATCH,  "/articles/{id}",                      T::Published,    B::Patch,      [NO, NO, OK, OK]),
        (Method::POST,   "/articles/{id}/publish",              T::OwnDraft,     B::Empty,      [NO, NO, OK, OK]),
        (Method::POST,   "/articles/{id}/unpublish",            T::Published,    B::Empty,      [NO, NO, OK, OK]),
        (Method::POST,   "/articles/{id}/submit",               T::OwnDraft,     B::Empty,      [OK, OK, OK, OK]),
        (Method::POST,   "/articles/{id}/submit",               T::EditorsDraft, B::Empty,      [NO, NO, OK, OK]),
        (Method::POST,   "/articles/{id}/return",               T::Submitted,    B::Empty,      [NO, NO, OK, OK]),
        (Method::GET,    "/articles/{id}/revisions",            T::EditorsDraft, B::Empty,      [NO, OK, OK, OK]),
        (Method::GET,    "/articles/{id}/revisions",            T::OwnDraft,     B::Empty,      [OK, OK, OK, OK]),
        (Method::POST,   "/articles/{id}/revisions/1/restore",  T::EditorsDraft, B::Empty,      [NO, NO, OK, OK]),
        (Method::POST,   "/articles/{id}/revisions/1/restore",  T::OwnDraft,     B::Empty,      [OK, OK, OK, OK]),
        (Method::POST,   "/articles/{id}/presence",             T::EditorsDraft, B::Empty,      [NO, OK, OK, OK]),
        (Method::POST,   "/articles/{id}/presence",             T::OwnDraft,     B::Empty,      [OK, OK, OK, OK]),
        (Method::POST,   "/articles/{id}/live",                 T::LiveArticle,  B::LiveEntry,  [NO, OK, OK, OK]),
        (Method::POST,   "/media",                              T::Nothing,      B::Photo,      [OK, OK, OK, OK]),
        (Method::GET,    "/media",                              T::Nothing,      B::Empty,      [OK, OK, OK, OK]),
        (Method::GET,    "/media/{media}",                      T::EditorsPhoto, B::Empty,      [OK, OK, OK, OK]),
        (Method::PATCH,  "/media/{media}",                      T::EditorsPhoto, B::MediaPatch, [NO, NO, OK, OK]),
        (Method::PATCH,  "/media/{media}",                      T::OwnPhoto,     B::MediaPatch, [OK, OK, OK, OK]),
        (Method::DELETE, "/media/{media}",                      T::EditorsPhoto, B::Empty,      [NO, NO, OK, OK]),
        (Method::GET,    "/rubriks",                            T::Nothing,      B::Empty,      [OK, OK, OK, OK]),
        (Method::GET,    "/tags",                               T::Nothing,      B::Empty,      [OK, OK, OK, OK]),
        (Method::GET,    "/topics",                             T::Nothing,      B::Empty,      [OK, OK, OK, OK]),
    ];
    let Some(n) = newsroom_in(db).await else {
        return;
    };
    // The rubrik of `article_json` exists, so contributors can file into it.
    n.create(article_json("Rubrik Internasional")).await;
    let contributor = n
        .app
        .token_for("kontributor@warta.test", "Kontributor", Role::Contributor)
        .await;
    let admin = n
        .app
        .token_for("admin@warta.test", "Admin", Role::Admin)
        .await;
    let r = Roles {
        n,
        contributor,
        admin,
    };

    let mut failures = Vec::new();
    for (method, path, target, body, may) in &table {
        for (who, allowed) in [
            (Who::Anonymous, None),
            (Who::Contributor, Some(may[0])),
            (Who::Writer, Some(may[1])),
            (Who::Editor, Some(may[2])),
            (Who::Admin, Some(may[3])),
        ] {
            let f = r.fixture(*target, who).await;
            let url = path
                .replace("{id}", &f.article.unwrap_or(0).to_string())
                .replace("{media}", &f.photo.unwrap_or(0).to_string());
            let payload = match body {
                B::Empty => Payload::Empty,
                B::NewArticle => Payload::Json(article_json("Tulisan Baru")),
                B::Patch => {
                    Payload::Json(json!({"revision": f.revision, "dek": "Ringkasan diubah"}))
                }
                B::LiveEntry => Payload::Json(
                    json!({"title": "Pukul 10.00", "body": [{"type": "paragraph", "text": "Pembaruan."}]}),
                ),
                B::Photo => Payload::Photo,
                B::MediaPatch => Payload::Json(json!({"caption": "Keterangan baru"})),
            };
            let before = r.state(&f).await;
            let reply = call(&r.n.app, method.clone(), &url, r.token(who), &[], payload).await;
            let what = format!(
                "{method} {path} on {target:?} as {who:?}: {} {}",
                reply.status, reply.json
            );
            let problem = reply.content_type == "application/problem+json"
                && reply.json["detail"].as_str().is_some_and(|d| !d.is_empty());
            let fine = match allowed {
                None => reply.status == 401 && problem,
                Some(true) => (200..300).contains(&reply.status),
                Some(false) => reply.status == 403 && problem && r.state(&f).await == before,
            };
            if !fine {
                failures.push(what);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} unexpected answers:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // The OpenAPI document is public.
    let doc = call(
        &r.n.app,
        Method::GET,
        "/openapi.json",
        None,
        &[],
        Payload::Empty,
    )
    .await;
    assert_eq!(doc.status, 200);
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
    a_session_cookie_needs_the_csrf_token_for_changes,
    every_api_route_answers_each_role_as_the_table_says,
);
