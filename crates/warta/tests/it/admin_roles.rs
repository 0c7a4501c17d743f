//! A route × role table for every newsroom page under `/admin`, like the API's in
//! `newsroom_api.rs`: signed-out visitors are sent to the sign-in form, refused roles get a
//! readable 403 page and change nothing, allowed roles get the page or its redirect, and no
//! form is taken without its CSRF token.

use crate::helpers::{Newsroom, PASSWORD as PW, article_json, csrf_of, newsroom, try_sign_in};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Instant;
use warta_core::Role;
use warta_store::Term;
use warta_testkit::TestApp;

/// A number for names that must be new in every case.
fn fresh() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Contributor,
    Writer,
    Editor,
    Admin,
}

/// What a case works on, made fresh for every case.
#[derive(Clone, Copy, Debug)]
enum Target {
    Nothing,
    /// A draft by the editor (someone else's, except for the editor).
    EditorsDraft,
    /// A draft by the caller (by the editor for anonymous visitors).
    OwnDraft,
    /// The editor's article, submitted for review.
    Submitted,
    /// The editor's article, published.
    Published,
    /// A photo uploaded by the editor.
    EditorsPhoto,
    /// A photo uploaded by the caller.
    OwnPhoto,
    /// A new writer whose role (or public profile) may be changed.
    Colleague,
    /// A new rubrik to rename.
    Rubrik,
    /// A live password reset link for a new writer.
    ResetLink,
    /// A new API token of the caller (of the writer for anonymous visitors).
    OwnToken,
    /// A new API token of a new writer.
    ColleaguesToken,
}

/// What a request carries (always with the caller's `_csrf` unless said otherwise).
#[derive(Clone, Copy, Debug)]
enum Form {
    /// A GET: nothing.
    None,
    /// Only `_csrf`.
    Empty,
    /// The empty editor's form with a headline: a new draft.
    NewArticle,
    /// The caller's own email and password (the writer's for anonymous visitors).
    SignIn,
    Forgot,
    /// A new password for the reset link.
    Reset,
    /// "Change" the password to the same one.
    Password,
    Prefs,
    /// The editor form as the page shows it, with a new headline.
    Save,
    /// The editor form with a new headline, a new tag and a new topic.
    SaveTerms,
    /// The editor form unchanged, with this action button.
    Step(&'static str),
    /// A multipart photo upload.
    Photo,
    /// A new caption, credit and alt text.
    Meta,
    NewUser,
    Role,
    /// A new term's (or a renamed one's) name and description.
    Term,
    /// An author's public name and biography.
    Author,
}

/// What a role gets.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Exp {
    /// 303 to `/admin/masuk?next=…`, nothing done.
    In,
    /// 200 with an HTML page.
    Page,
    /// 303 somewhere (the action was taken).
    Go,
    /// 403 with a readable HTML page, nothing done.
    No,
    /// 410: the link no longer works.
    Gone,
}

struct Fixture {
    article: Option<i64>,
    photo: Option<i64>,
    user: Option<i64>,
    term: Option<i64>,
    reset: Option<String>,
    api_token: Option<i64>,
}

struct Reply {
    status: u16,
    location: String,
    content_type: String,
    body: String,
}

struct Desks {
    n: Newsroom,
    contributor: String,
    admin: String,
}

fn email_of(who: Who) -> &'static str {
    match who {
        Who::Anonymous | Who::Writer => "penulis@warta.test",
        Who::Contributor => "kontributor@warta.test",
        Who::Editor => "redaktur@warta.test",
        Who::Admin => "admin@warta.test",
    }
}

fn id_of(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

fn html_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The editor page's fields as a form (as in `admin.rs`), with some replaced.
fn editor_fields(html: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in [
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

/// The message of a readable error page, if the body is one.
fn page_message(body: &str) -> Option<&str> {
    let section = &body[body.find("<section")?..];
    let p = &section[section.find("<p>")? + 3..];
    Some(p[..p.find("</p>")?].trim()).filter(|m| !m.is_empty())
}

async fn sign_in(app: &TestApp, email: &str) -> String {
    try_sign_in(app, email, PW)
        .await
        .unwrap_or_else(|| panic!("{email} signs in"))
}

async fn get_page(app: &TestApp, cookie: &str, path: &str) -> (u16, String) {
    let res = app
        .client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    form: Option<Vec<(String, String)>>,
    photo: Option<reqwest::multipart::Form>,
) -> Reply {
    let mut req = app.client.request(method, app.url(path));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    if let Some(f) = form {
        req = req.form(&f);
    }
    if let Some(m) = photo {
        req = req.multipart(m);
    }
    let res = req.send().await.expect("newsroom request");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (status, location, content_type) = (
        res.status().as_u16(),
        header("location"),
        header("content-type"),
    );
    Reply {
        status,
        location,
        content_type,
        body: res.text().await.unwrap_or_default(),
    }
}

fn photo_form(csrf: Option<&str>) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    if let Some(c) = csrf {
        form = form.text("_csrf", c.to_string());
    }
    form.part(
        "file",
        reqwest::multipart::Part::bytes(warta_testkit::png(64, 48)).file_name("foto.png"),
    )
    .text("caption", "Foto unggahan")
    .text("credit", "Warta/Uji")
    .text("alt", "Sebuah foto uji")
}

impl Desks {
    /// A new API token for `who` (after a case revoked theirs).
    async fn renew_token(&mut self, who: Who) {
        if matches!(who, Who::Anonymous) {
            return;
        }
        let store = self.n.app.store().await;
        let Some(user) = store.user_by_email(email_of(who)).await.unwrap() else {
            return;
        };
        let token = store.create_token(user.id).await.unwrap();
        match who {
            Who::Anonymous => {}
            Who::Contributor => self.contributor = token,
            Who::Writer => self.n.writer = token,
            Who::Editor => self.n.editor = token,
            Who::Admin => self.admin = token,
        }
    }

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
        let article = |token: &str| {
            let token = token.to_string();
            async move {
                let body = article_json(&format!("Berita Uji Peran {}", fresh()));
                let (s, a) = app.api(Method::POST, "/articles", &token, Some(body)).await;
                assert_eq!(s, 201, "{a}");
                id_of(&a)
            }
        };
        let upload = |token: &str| {
            let token = token.to_string();
            async move {
                let form = reqwest::multipart::Form::new()
                    .part(
                        "file",
                        reqwest::multipart::Part::bytes(warta_testkit::png(64, 48))
                            .file_name("foto.png"),
                    )
                    .text("caption", "Foto")
                    .text("credit", "Warta")
                    .text("alt", "Alt");
                let res = app
                    .client
                    .post(app.url("/api/v1/media"))
                    .bearer_auth(&token)
                    .multipart(form)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 201);
                id_of(&res.json().await.unwrap())
            }
        };
        let mut f = Fixture {
            article: None,
            photo: None,
            user: None,
            term: None,
            reset: None,
            api_token: None,
        };
        match target {
            Target::Nothing => {}
            Target::EditorsDraft => f.article = Some(article(&self.n.editor).await),
            Target::OwnDraft => f.article = Some(article(own).await),
            Target::Submitted => {
                let id = article(&self.n.editor).await;
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
            Target::Published => {
                let id = article(&self.n.editor).await;
                self.n.publish(id).await;
                f.article = Some(id);
            }
            Target::EditorsPhoto => f.photo = Some(upload(&self.n.editor).await),
            Target::OwnPhoto => f.photo = Some(upload(own).await),
            Target::Rubrik => {
                let name = format!("Rubrik Lama {}", fresh());
                let store = app.store().await;
                let t = store
                    .ensure_term(Term::Rubrik, &name, "Lama.")
                    .await
                    .unwrap();
                f.term = Some(t.id);
            }
            Target::OwnToken | Target::ColleaguesToken => {
                let store = app.store().await;
                let email = if matches!(target, Target::OwnToken) {
                    email_of(who).to_string()
                } else {
                    let email = format!("rekan{}@warta.test", fresh());
                    app.token_for(&email, "Rekan Kerja", Role::Writer).await;
                    email
                };
                let user = store.user_by_email(&email).await.unwrap().unwrap();
                let (id, _) = store.create_named_token(user.id, "uji").await.unwrap();
                f.api_token = Some(id);
            }
            Target::Colleague | Target::ResetLink => {
                let email = format!("rekan{}@warta.test", fresh());
                app.token_for(&email, "Rekan Kerja", Role::Writer).await;
                let store = app.store().await;
                let user = store.user_by_email(&email).await.unwrap().unwrap();
                f.user = Some(user.id);
                if matches!(target, Target::ResetLink) {
                    f.reset = Some(
                        store
                            .create_password_reset(user.id, 3_600_000)
                            .await
                            .unwrap(),
                    );
                }
            }
        }
        f
    }

    /// Everything a refused call might have changed, as an editor and the store see it.
    async fn state(&self, f: &Fixture) -> Value {
        let app = &self.n.app;
        let ed = &self.n.editor;
        let mut out = json!({});
        if let Some(id) = f.article {
            let (_, a) = app
                .api(Method::GET, &format!("/articles/{id}"), ed, None)
                .await;
            out["article"] = json!([a["status"], a["revision"], a["headline"], a["updated_at"]]);
            let (_, l) = app
                .api(Method::GET, &format!("/articles/{id}/revisions"), ed, None)
                .await;
            out["revisions"] = json!(l["items"].as_array().map(Vec::len));
        }
        if let Some(id) = f.photo {
            let (s, m) = app
                .api(Method::GET, &format!("/media/{id}"), ed, None)
                .await;
            out["photo"] = json!([s, m["caption"], m["credit"], m["alt"]]);
        }
        let (_, media) = app.api(Method::GET, "/media", ed, None).await;
        out["media"] = media["total"].clone();
        let (_, articles) = app.api(Method::GET, "/articles", ed, None).await;
        out["articles"] = articles["total"].clone();
        let store = app.store().await;
        for (key, kind) in [
            ("rubriks", Term::Rubrik),
            ("topics", Term::Topic),
            ("tags", Term::Tag),
        ] {
            let terms = store.list_terms(kind).await.unwrap();
            out[key] = json!(
                terms
                    .iter()
                    .map(|t| format!("{} {} {}", t.slug, t.name, t.description))
                    .collect::<Vec<_>>()
            );
        }
        let users = store.list_users().await.unwrap();
        out["users"] = json!(
            users
                .iter()
                .map(|u| format!("{} {} {} {}", u.email, u.role.as_str(), u.name, u.bio))
                .collect::<Vec<_>>()
        );
        out
    }

    /// The form fields for a case (without `_csrf`).
    async fn fields(&self, form: Form, who: Who, f: &Fixture) -> Vec<(String, String)> {
        let pairs = |p: &[(&str, &str)]| {
            p.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        };
        match form {
            Form::None | Form::Empty | Form::Photo => vec![],
            Form::SignIn => pairs(&[
                ("email", email_of(who)),
                ("password", PW),
                ("next", "/admin"),
            ]),
            Form::Forgot => pairs(&[("email", email_of(who))]),
            Form::Reset => pairs(&[("new", "sandi-baru-sekali"), ("new2", "sandi-baru-sekali")]),
            Form::Password => pairs(&[("current", PW), ("new", PW), ("new2", PW)]),
            Form::Prefs => pairs(&[("dateline", "Bandung"), ("locale", "id")]),
            Form::Save | Form::SaveTerms | Form::Step(_) => {
                let id = f.article.expect("an article");
                // A fresh session: some cases end every session of the editor.
                let editor = sign_in(&self.n.app, email_of(Who::Editor)).await;
                let (s, html) =
                    get_page(&self.n.app, &editor, &format!("/admin/artikel/{id}")).await;
                assert_eq!(s, 200, "the editor opens article {id}");
                match form {
                    // Taking an article down asks for the reason readers will see.
                    Form::Step(action) => editor_fields(
                        &html,
                        &[("action", action), ("takedown_reason", "Uji penarikan")],
                    ),
                    Form::SaveTerms => {
                        let k = fresh();
                        editor_fields(
                            &html,
                            &[
                                ("action", "save"),
                                ("headline", "Judul Sudah Diubah"),
                                ("tags", &format!("Rusia, Tag Susupan {k}")),
                                ("topic", &format!("Topik Susupan {k}")),
                            ],
                        )
                    }
                    _ => editor_fields(
                        &html,
                        &[("action", "save"), ("headline", "Judul Sudah Diubah")],
                    ),
                }
            }
            Form::NewArticle => pairs(&[
                ("headline", &format!("Draf Uji {}", fresh())),
                ("rubrik", "Internasional"),
                ("body_json", "[]"),
                ("action", "save"),
            ]),
            Form::Meta => pairs(&[
                ("caption", "Keterangan baru"),
                ("credit", "Kredit baru"),
                ("alt", "Alt baru"),
            ]),
            Form::NewUser => pairs(&[
                ("email", &format!("baru{}@warta.test", fresh())),
                ("name", "Orang Baru"),
                ("role", "writer"),
                ("password", "sandi-awal-panjang"),
            ]),
            Form::Role => pairs(&[("role", "editor")]),
            Form::Term => pairs(&[
                ("name", &format!("Istilah Baru {}", fresh())),
                ("description", "Keterangan baru."),
            ]),
            Form::Author => pairs(&[("name", "Nama Publik Baru"), ("bio", "Biografi baru.")]),
        }
    }
}

fn path_for(path: &str, f: &Fixture) -> String {
    path.replace("{id}", &f.article.unwrap_or(0).to_string())
        .replace("{media}", &f.photo.unwrap_or(0).to_string())
        .replace("{user}", &f.user.unwrap_or(0).to_string())
        .replace("{term}", &f.term.unwrap_or(0).to_string())
        .replace("{token}", f.reset.as_deref().unwrap_or("wrt_tidak-ada"))
        .replace("{apitoken}", &f.api_token.unwrap_or(0).to_string())
}

type Row = (Method, &'static str, Target, Form, [Exp; 5]);

/// Every newsroom route, for every role: see [`Exp`]; never a 500, never anything else.
#[tokio::test]
async fn every_newsroom_page_answers_each_role_as_the_table_says() {
    use Exp::{Go, Gone, In, No, Page};
    use Form as F;
    use Target as T;
    let started = Instant::now();
    // (method, path, target, form, [anonymous, contributor, writer, editor, admin])
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        (Method::GET,  "/admin",                                  T::Nothing,      F::None,              [In,   Page, Page, Page, Page]),
        (Method::GET,  "/admin/masuk",                            T::Nothing,      F::None,              [Page, Go,   Go,   Go,   Go  ]),
        (Method::POST, "/admin/masuk",                            T::Nothing,      F::SignIn,            [Go,   Go,   Go,   Go,   Go  ]),
        (Method::POST, "/admin/keluar",                           T::Nothing,      F::Empty,             [In,   Go,   Go,   Go,   Go  ]),
        (Method::GET,  "/admin/artikel",                          T::Nothing,      F::None,              [In,   Page, Page, Page, Page]),
        (Method::GET,  "/admin/artikel/baru",                     T::Nothing,      F::None,              [In,   Page, Page, Page, Page]),
        (Method::POST, "/admin/artikel/baru",                     T::Nothing,      F::NewArticle,        [In,   Go,   Go,   Go,   Go  ]),
        (Method::GET,  "/admin/artikel/{id}",                     T::EditorsDraft, F::None,              [In,   No,   Page, Page, Page]),
        (Method::GET,  "/admin/artikel/{id}",                     T::OwnDraft,     F::None,              [In,   Page, Page, Page, Page]),
        (Method::GET,  "/admin/artikel/{id}",                     T::Published,    F::None,              [In,   No,   Page, Page, Page]),
        (Method::POST, "/admin/artikel/{id}",                     T::EditorsDraft, F::Save,              [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/artikel/{id}",                     T::OwnDraft,     F::Save,              [In,   Go,   Go,   Go,   Go  ]),
        (Method::POST, "/admin/artikel/{id}",                     T::Published,    F::Save,              [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/artikel/{id}",                     T::OwnDraft,     F::Step("submit"),    [In,   Go,   Go,   Go,   Go  ]),
        (Method::POST, "/admin/artikel/{id}",                     T::EditorsDraft, F::Step("submit"),    [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/artikel/{id}",                     T::OwnDraft,     F::Step("publish"),   [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/artikel/{id}",                     T::Published,    F::Step("unpublish"), [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/artikel/{id}",                     T::Submitted,    F::Step("return"),    [In,   No,   No,   Go,   Go  ]),
        (Method::GET,  "/admin/artikel/{id}/pratinjau",           T::EditorsDraft, F::None,              [In,   No,   Page, Page, Page]),
        (Method::GET,  "/admin/artikel/{id}/pratinjau",           T::OwnDraft,     F::None,              [In,   Page, Page, Page, Page]),
        (Method::GET,  "/admin/artikel/{id}/revisi",              T::EditorsDraft, F::None,              [In,   No,   Page, Page, Page]),
        (Method::GET,  "/admin/artikel/{id}/revisi",              T::OwnDraft,     F::None,              [In,   Page, Page, Page, Page]),
        (Method::POST, "/admin/artikel/{id}/revisi/1/pulihkan",   T::EditorsDraft, F::Empty,             [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/artikel/{id}/revisi/1/pulihkan",   T::OwnDraft,     F::Empty,             [In,   Go,   Go,   Go,   Go  ]),
        (Method::POST, "/admin/artikel/{id}/revisi/1/pulihkan",   T::Published,    F::Empty,             [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/keluar-semua",                     T::Nothing,      F::Empty,             [In,   Go,   Go,   Go,   Go  ]),
        (Method::GET,  "/admin/akun",                             T::Nothing,      F::None,              [In,   Page, Page, Page, Page]),
        (Method::POST, "/admin/akun/sandi",                       T::Nothing,      F::Password,          [In,   Go,   Go,   Go,   Go  ]),
        (Method::POST, "/admin/akun/preferensi",                  T::Nothing,      F::Prefs,             [In,   Go,   Go,   Go,   Go  ]),
        (Method::GET,  "/admin/lupa",                             T::Nothing,      F::None,              [Page, Page, Page, Page, Page]),
        (Method::POST, "/admin/lupa",                             T::Nothing,      F::Forgot,            [Page, Page, Page, Page, Page]),
        (Method::GET,  "/admin/atur-ulang/{token}",               T::ResetLink,    F::None,              [Page, Page, Page, Page, Page]),
        (Method::POST, "/admin/atur-ulang/{token}",               T::ResetLink,    F::Reset,             [Page, Page, Page, Page, Page]),
        (Method::GET,  "/admin/atur-ulang/{token}",               T::Nothing,      F::None,              [Gone, Gone, Gone, Gone, Gone]),
        (Method::GET,  "/admin/media",                            T::Nothing,      F::None,              [In,   Page, Page, Page, Page]),
        (Method::POST, "/admin/media",                            T::Nothing,      F::Photo,             [In,   Go,   Go,   Go,   Go  ]),
        (Method::GET,  "/admin/media/{media}",                    T::EditorsPhoto, F::None,              [In,   Page, Page, Page, Page]),
        (Method::POST, "/admin/media/{media}",                    T::EditorsPhoto, F::Meta,              [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/media/{media}",                    T::OwnPhoto,     F::Meta,              [In,   Go,   Go,   Go,   Go  ]),
        (Method::POST, "/admin/media/{media}/hapus",              T::EditorsPhoto, F::Empty,             [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/media/{media}/hapus",              T::OwnPhoto,     F::Empty,             [In,   No,   No,   Go,   Go  ]),
        (Method::GET,  "/admin/audit",                            T::Nothing,      F::None,              [In,   No,   No,   Page, Page]),
        (Method::GET,  "/admin/pengguna",                         T::Nothing,      F::None,              [In,   No,   No,   No,   Page]),
        (Method::POST, "/admin/pengguna",                         T::Nothing,      F::NewUser,           [In,   No,   No,   No,   Go  ]),
        (Method::POST, "/admin/pengguna/{user}/peran",            T::Colleague,    F::Role,              [In,   No,   No,   No,   Go  ]),
        (Method::POST, "/admin/pengguna/{user}/nonaktif",         T::Colleague,    F::Empty,             [In,   No,   No,   No,   Go  ]),
        (Method::POST, "/admin/pengguna/{user}/aktif",            T::Colleague,    F::Empty,             [In,   No,   No,   No,   Go  ]),
        (Method::POST, "/admin/akun/token/{apitoken}/cabut",      T::OwnToken,     F::Empty,             [In,   Go,   Go,   Go,   Go  ]),
        (Method::POST, "/admin/pengguna/token/{apitoken}/cabut",  T::ColleaguesToken, F::Empty,          [In,   No,   No,   No,   Go  ]),
        (Method::GET,  "/admin/taksonomi",                        T::Nothing,      F::None,              [In,   No,   No,   Page, Page]),
        (Method::POST, "/admin/taksonomi/rubrik",                 T::Nothing,      F::Term,              [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/taksonomi/topik",                  T::Nothing,      F::Term,              [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/taksonomi/tag",                    T::Nothing,      F::Term,              [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/taksonomi/rubrik/{term}",          T::Rubrik,       F::Term,              [In,   No,   No,   Go,   Go  ]),
        (Method::POST, "/admin/taksonomi/penulis/{user}",         T::Colleague,    F::Author,            [In,   No,   No,   Go,   Go  ]),
    ];
    let (cases, failures) = run(&table, true).await;
    assert!(
        failures.is_empty(),
        "{} of {cases} unexpected answers:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{cases} cases in {:?}", started.elapsed());
}

/// Known bug: a refused save on the editor page still creates the form's new tags and topic
/// (`write_for_patch` resolves terms before `may_edit` in `admin/articles.rs`). The API's
/// PATCH checks first. Remove the `ignore` once the editor page does too.
#[tokio::test]
async fn a_refused_editor_save_creates_no_terms() {
    use Exp::{Go, In, No};
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        (Method::POST, "/admin/artikel/{id}", Target::EditorsDraft, Form::SaveTerms, [In, No, No, Go, Go]),
        (Method::POST, "/admin/artikel/{id}", Target::Published,    Form::SaveTerms, [In, No, No, Go, Go]),
    ];
    let (cases, failures) = run(&table, false).await;
    assert!(
        failures.is_empty(),
        "{} of {cases} unexpected answers:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Run every row for every role (and, with `csrf`, every form without its token as an
/// admin); returns the number of cases and what went wrong.
async fn run(table: &[Row], csrf: bool) -> (usize, Vec<String>) {
    use Exp::{Go, Gone, In, No, Page};
    let n = newsroom().await;
    // The rubrik of `article_json` exists, so contributors can file into it.
    n.create(article_json("Rubrik Internasional")).await;
    let contributor = n
        .app
        .token_for(
            email_of(Who::Contributor),
            "Kiki Kontributor",
            Role::Contributor,
        )
        .await;
    let admin = n
        .app
        .token_for(email_of(Who::Admin), "Ani Admin", Role::Admin)
        .await;
    let mut d = Desks {
        n,
        contributor,
        admin,
    };

    let mut failures = Vec::new();
    let mut cases = 0;
    for (method, path, target, form, expect) in table {
        for (who, want) in [
            Who::Anonymous,
            Who::Contributor,
            Who::Writer,
            Who::Editor,
            Who::Admin,
        ]
        .into_iter()
        .zip(expect.iter().copied())
        {
            cases += 1;
            let app = &d.n.app;
            let f = d.fixture(*target, who).await;
            let url = path_for(path, &f);
            // A fresh session per case: some cases end it, or every session of the person.
            let cookie = match who {
                Who::Anonymous => None,
                _ => Some(sign_in(app, email_of(who)).await),
            };
            let csrf = match &cookie {
                Some(c) => csrf_of(&get_page(app, c, "/admin/akun").await.1),
                None => "tanpa-sesi".to_string(),
            };
            let (body, photo) = match form {
                Form::None => (None, None),
                Form::Photo => (None, Some(photo_form(Some(&csrf)))),
                _ => {
                    let mut all = vec![("_csrf".to_string(), csrf.clone())];
                    all.extend(d.fields(*form, who, &f).await);
                    (Some(all), None)
                }
            };
            let before = d.state(&f).await;
            let reply = send(app, method.clone(), &url, cookie.as_deref(), body, photo).await;
            let html = reply.content_type.starts_with("text/html");
            let unchanged = || async { d.state(&f).await == before };
            let fine = match want {
                In => {
                    reply.status == 303
                        && reply.location.starts_with("/admin/masuk?next=")
                        && unchanged().await
                }
                Page => reply.status == 200 && html,
                Go => reply.status == 303 && !reply.location.starts_with("/admin/masuk?next="),
                No => {
                    reply.status == 403
                        && html
                        && page_message(&reply.body).is_some()
                        && unchanged().await
                }
                Gone => reply.status == 410 && html,
            };
            if !fine {
                let body: String = page_message(&reply.body)
                    .unwrap_or(&reply.body)
                    .chars()
                    .take(200)
                    .collect();
                failures.push(format!(
                    "{method} {path} on {target:?} with {form:?} as {who:?}: want {want:?}, got {} {} {} {body}",
                    reply.status, reply.location, reply.content_type
                ));
            }
            // Signing out everywhere and a password change revoke the person's API tokens.
            if matches!(*path, "/admin/keluar-semua" | "/admin/akun/sandi") {
                d.renew_token(who).await;
            }
        }
    }
    let app = &d.n.app;

    // Without `_csrf`, a signed-in admin is refused every form (and nothing changes).
    let admin_cookie = sign_in(app, email_of(Who::Admin)).await;
    for (method, path, target, form, _) in table {
        if !csrf || *method != Method::POST || path.starts_with("/admin/masuk") {
            continue;
        }
        if path.starts_with("/admin/lupa") || path.starts_with("/admin/atur-ulang") {
            // Signed-out pages: no session, so no CSRF token to echo.
            continue;
        }
        cases += 1;
        let f = d.fixture(*target, Who::Admin).await;
        let url = path_for(path, &f);
        let (body, photo) = match form {
            Form::Photo => (None, Some(photo_form(None))),
            _ => (Some(d.fields(*form, Who::Admin, &f).await), None),
        };
        let before = d.state(&f).await;
        let reply = send(app, Method::POST, &url, Some(&admin_cookie), body, photo).await;
        if reply.status != 403 || d.state(&f).await != before {
            failures.push(format!(
                "POST {path} on {target:?} without _csrf as Admin: got {} {} {}",
                reply.status, reply.location, reply.content_type
            ));
        }
    }
    // The admin's session survived all that (sign-out forms without `_csrf` did nothing).
    assert_eq!(get_page(app, &admin_cookie, "/admin/akun").await.0, 200);
    (cases, failures)
}
