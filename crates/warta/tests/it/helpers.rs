use reqwest::Method;
use serde_json::{Value, json};
use warta_core::Role;
use warta_testkit::{Options, TestApp};

pub struct Newsroom {
    pub app: TestApp,
    pub editor: String,
    pub writer: String,
}

/// The database a test server runs on: tests written once for both take a `Db` and are
/// listed in `on_both_backends!` (main.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A server with `opts` on `db` (PostgreSQL: a fresh database), or `None` when PostgreSQL is
/// not configured: skipped visibly, and a failure under `WARTA_TEST_REQUIRE_ALL=1`.
pub async fn spawn_on(db: Db, opts: Options) -> Option<TestApp> {
    let database_url = match db {
        Db::Sqlite => None,
        Db::Postgres => Some(warta_testkit::postgres_database().await?),
    };
    Some(
        TestApp::spawn_with(Options {
            database_url,
            ..opts
        })
        .await,
    )
}

/// [`newsroom`] on `db` (see [`spawn_on`]).
pub async fn newsroom_in(db: Db) -> Option<Newsroom> {
    Some(newsroom_on(spawn_on(db, options()).await?).await)
}

/// [`newsroom_manual_jobs`] on `db` (see [`spawn_on`]).
pub async fn newsroom_manual_jobs_in(db: Db) -> Option<Newsroom> {
    let opts = Options {
        background_jobs: Some(false),
        ..options()
    };
    Some(newsroom_on(spawn_on(db, opts).await?).await)
}

pub async fn newsroom() -> Newsroom {
    newsroom_on(TestApp::spawn_with(options()).await).await
}

/// Test server options with the built `warta` binary as the AVIF encoder's child process.
pub fn options() -> Options {
    Options {
        warta_exe: Some(env!("CARGO_BIN_EXE_warta").into()),
        ..Default::default()
    }
}

/// A newsroom whose background jobs run only when the test calls `run_pending_jobs`.
pub async fn newsroom_manual_jobs() -> Newsroom {
    newsroom_on(
        TestApp::spawn_with(Options {
            background_jobs: Some(false),
            ..options()
        })
        .await,
    )
    .await
}

/// An editor (Rina Redaktur) and a writer (Budi Penulis) with API tokens on `app`.
pub async fn newsroom_on(app: TestApp) -> Newsroom {
    let editor = app
        .token_for("redaktur@warta.test", "Rina Redaktur", Role::Editor)
        .await;
    let writer = app
        .token_for("penulis@warta.test", "Budi Penulis", Role::Writer)
        .await;
    make_rubriks(&app, &editor).await;
    Newsroom {
        app,
        editor,
        writer,
    }
}

/// Saving an article never creates a rubrik: an editor makes the sections first
/// (`POST /api/v1/rubriks`), here the ones the tests write in.
pub async fn make_rubriks(app: &TestApp, editor_token: &str) {
    for name in ["Internasional", "Nasional", "Ekonomi"] {
        let (status, r) = app
            .api(
                Method::POST,
                "/rubriks",
                editor_token,
                Some(json!({"name": name})),
            )
            .await;
        assert!(status == 201 || status == 200, "{r}");
    }
}

pub fn article_json(headline: &str) -> Value {
    json!({
        "headline": headline,
        "dek": "Ringkasan berita.",
        "rubrik": "Internasional",
        "tags": ["Rusia", "Ukraina", "NATO"],
        "topic": "Invasi Rusia ke Ukraina",
        "dateline": "Moskow",
        "signoff": "(ant/rd)",
        "sources": [{"name": "TASS", "url": "https://tass.com/"}, {"name": "Glavkom"}],
        "body": [
            {"type": "paragraph", "text": "Pemerintah Rusia menyatakan siap berunding, Selasa (01/03/2022)."},
            {"type": "quote", "text": "Kami terbuka untuk dialog.", "cite": "Juru bicara Kremlin"},
            {"type": "paragraph", "text": "Perundingan <b>berikutnya</b> dijadwalkan pekan depan."}
        ]
    })
}

impl Newsroom {
    pub async fn create(&self, body: Value) -> Value {
        let (status, v) = self
            .app
            .api(Method::POST, "/articles", &self.editor, Some(body))
            .await;
        assert_eq!(status, 201, "{v}");
        v
    }

    pub async fn publish(&self, id: i64) -> Value {
        let (status, v) = self
            .app
            .api(
                Method::POST,
                &format!("/articles/{id}/publish"),
                &self.editor,
                None,
            )
            .await;
        assert_eq!(status, 200, "{v}");
        v
    }

    /// Create and publish; returns the API's article.
    pub async fn published(&self, headline: &str) -> Value {
        let a = self.create(article_json(headline)).await;
        self.publish(a["id"].as_i64().unwrap()).await
    }

    pub async fn upload(&self, bytes: Vec<u8>, caption: &str, credit: &str) -> (u16, Value) {
        let form = reqwest::multipart::Form::new()
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("foto.png"),
            )
            .text("caption", caption.to_string())
            .text("credit", credit.to_string())
            .text("alt", caption.to_string());
        let res = self
            .app
            .client
            .post(self.app.url("/api/v1/media"))
            .bearer_auth(&self.editor)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }
}

/// The path part of an absolute test URL.
pub fn path_of(url: &Value) -> String {
    url.as_str()
        .unwrap()
        .trim_start_matches(warta_testkit::TEST_BASE_URL)
        .to_string()
}

/// The password of every user made by `TestApp::token_for`.
pub const PASSWORD: &str = "kata-sandi-uji";

/// The CSRF token in a newsroom page's hidden `_csrf` field.
pub fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"_csrf\" value=\"").expect("a CSRF field") + 20;
    html[at..].split('"').next().unwrap_or("").to_string()
}

/// Sign in through the form; the session cookie (`name=value`) when it worked.
pub async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> Option<String> {
    let res = app
        .client
        .post(app.url("/admin/masuk"))
        .form(&[("email", email), ("password", password), ("next", "/admin")])
        .send()
        .await
        .unwrap();
    if res.status() != 303 {
        return None;
    }
    let set = res.headers()["set-cookie"].to_str().unwrap().to_string();
    Some(set.split(';').next().unwrap().to_string())
}

/// A signed-in browser without JavaScript: its session cookie.
pub struct Desk<'a> {
    pub app: &'a TestApp,
    pub cookie: String,
}

impl<'a> Desk<'a> {
    pub async fn sign_in(app: &'a TestApp, email: &str) -> Desk<'a> {
        Self::sign_in_with(app, email, PASSWORD).await
    }

    pub async fn sign_in_with(app: &'a TestApp, email: &str, password: &str) -> Desk<'a> {
        let cookie = try_sign_in(app, email, password)
            .await
            .expect("sign-in works");
        Desk { app, cookie }
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let res = self
            .app
            .client
            .get(self.app.url(path))
            .header("cookie", &self.cookie)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }

    /// POST exactly these fields; returns status, Location and body.
    pub async fn post_raw(&self, path: &str, form: &[(&str, &str)]) -> (u16, String, String) {
        let res = self
            .app
            .client
            .post(self.app.url(path))
            .header("cookie", &self.cookie)
            .form(form)
            .send()
            .await
            .unwrap();
        let loc = res
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        (res.status().as_u16(), loc, res.text().await.unwrap())
    }

    /// POST these fields with a fresh CSRF token first.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (u16, String, String) {
        let csrf = self.csrf().await;
        let mut all = vec![("_csrf", csrf.as_str())];
        all.extend_from_slice(form);
        self.post_raw(path, &all).await
    }

    /// A new draft through the empty editor's form (no JavaScript); its editor's path.
    pub async fn new_draft(&self, headline: &str) -> String {
        let (s, page) = self.get("/admin/artikel/baru").await;
        assert_eq!(s, 200, "the empty editor opens");
        let csrf = csrf_of(&page);
        let (s, loc, body) = self
            .post_raw(
                "/admin/artikel/baru",
                &[
                    ("_csrf", &csrf),
                    ("headline", headline),
                    ("body_json", "[]"),
                ],
            )
            .await;
        assert_eq!(s, 303, "a new draft: {body}");
        loc.split('?').next().unwrap_or_default().to_string()
    }

    pub async fn csrf(&self) -> String {
        csrf_of(&self.get("/admin/akun").await.1)
    }

    pub async fn signed_in(&self) -> bool {
        self.get("/admin/akun").await.0 == 200
    }
}

/// A server on a fresh PostgreSQL database, or `None` (skipped visibly) without one.
pub async fn postgres_app() -> Option<TestApp> {
    let url = warta_testkit::postgres_database().await?;
    Some(
        TestApp::spawn_with(Options {
            database_url: Some(url),
            ..options()
        })
        .await,
    )
}

/// The page without its JSON-LD blocks: what a reader sees.
pub fn without_ld(html: &str) -> String {
    let mut out = String::new();
    for (i, part) in html
        .split("<script type=\"application/ld+json\">")
        .enumerate()
    {
        match i {
            0 => out.push_str(part),
            _ => out.push_str(part.split_once("</script>").map_or("", |(_, rest)| rest)),
        }
    }
    out
}
