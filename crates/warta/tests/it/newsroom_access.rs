//! Access to the newsroom over HTTP, on SQLite and PostgreSQL: a session cookie needs the CSRF
//! token for changes, and every API route answers each role as the table says.

use crate::helpers::{Db, Newsroom, article_json, newsroom_in};
use crate::newsroom_api::{Payload, call, id_of, upload};
use reqwest::Method;
use serde_json::{Value, json};
use warta_core::Role;

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
    a_session_cookie_needs_the_csrf_token_for_changes,
    every_api_route_answers_each_role_as_the_table_says,
);
