//! The newsroom's account, password reset, media, audit and users pages over HTTP.

use reqwest::Method;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use warta_core::Role;
use warta_testkit::{Options, TestApp};

use crate::helpers::{Desk, PASSWORD as PW, try_sign_in};

async fn users(app: &TestApp) {
    for (e, n, r) in [
        ("admin@warta.test", "Ani Admin", Role::Admin),
        ("redaktur@warta.test", "Rina Redaktur", Role::Editor),
        ("penulis@warta.test", "Budi Penulis", Role::Writer),
    ] {
        app.token_for(e, n, r).await;
    }
}

#[tokio::test]
async fn admin_account_password_change_ends_other_sessions_and_sign_out_everywhere() {
    let app = TestApp::spawn().await;
    users(&app).await;
    let a = Desk::sign_in(&app, "penulis@warta.test").await;
    let b = Desk::sign_in(&app, "penulis@warta.test").await;
    let (s, page) = a.get("/admin/akun").await;
    assert_eq!(s, 200);
    assert!(page.contains("Ganti kata sandi") && page.contains("for=\"current\""));
    // Wrong current password, mismatch, too short: readable refusals.
    let (s, _, body) = a
        .post(
            "/admin/akun/sandi",
            &[
                ("current", "salah-salah-salah"),
                ("new", "baru-sekali-123"),
                ("new2", "baru-sekali-123"),
            ],
        )
        .await;
    assert_eq!(s, 403, "{body}");
    assert!(body.contains("Kata sandi saat ini salah"));
    let (s, _, _) = a
        .post(
            "/admin/akun/sandi",
            &[
                ("current", PW),
                ("new", "baru-sekali-123"),
                ("new2", "beda-sekali-123"),
            ],
        )
        .await;
    assert_eq!(s, 422);
    let (s, _, _) = a
        .post(
            "/admin/akun/sandi",
            &[("current", PW), ("new", "pendek"), ("new2", "pendek")],
        )
        .await;
    assert_eq!(s, 422);
    // Without the CSRF token: refused.
    let res = app
        .client
        .post(app.url("/admin/akun/sandi"))
        .header("cookie", &a.cookie)
        .form(&[
            ("current", PW),
            ("new", "baru-sekali-123"),
            ("new2", "baru-sekali-123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let (s, loc, _) = a
        .post(
            "/admin/akun/sandi",
            &[
                ("current", PW),
                ("new", "baru-sekali-123"),
                ("new2", "baru-sekali-123"),
            ],
        )
        .await;
    assert_eq!((s, loc.as_str()), (303, "/admin/akun?ok=password"));
    assert!(a.signed_in().await, "this session stays");
    assert!(!b.signed_in().await, "the other session ended");
    assert!(try_sign_in(&app, "penulis@warta.test", PW).await.is_none());
    let c = Desk::sign_in_with(&app, "penulis@warta.test", "baru-sekali-123").await;
    // Preferences.
    let (s, _, _) = a
        .post(
            "/admin/akun/preferensi",
            &[("dateline", "Bandung"), ("locale", "en")],
        )
        .await;
    assert_eq!(s, 303);
    let (_, page) = a.get("/admin/akun").await;
    assert!(page.contains("value=\"Bandung\"") && page.contains("Change password"));
    let (s, _, _) = a
        .post(
            "/admin/akun/preferensi",
            &[("dateline", ""), ("locale", "xx")],
        )
        .await;
    assert_eq!(s, 422);
    // Sign out everywhere.
    let (s, loc, _) = a.post("/admin/keluar-semua", &[]).await;
    assert_eq!((s, loc.as_str()), (303, "/admin/masuk"));
    assert!(!a.signed_in().await && !c.signed_in().await);
    let log = app.store().await.audit_log(None, 50).await.unwrap();
    assert!(log.iter().any(|r| r.action == "password-change"));
    assert!(log.iter().any(|r| r.action == "sign-out-all"));
}

fn warta(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .output()
        .expect("run warta")
}

async fn use_link(app: &TestApp, path: &str, pw: &str) -> (u16, String) {
    let res = app
        .client
        .post(app.url(path))
        .form(&[("new", pw), ("new2", pw)])
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn admin_reset_link_from_the_cli_works_once() {
    let app = TestApp::spawn().await;
    users(&app).await;
    let old = Desk::sign_in(&app, "penulis@warta.test").await;
    let data = app.config.data.to_str().unwrap().to_string();
    let out = warta(&[
        "user",
        "reset-link",
        "--data",
        &data,
        "--email",
        "penulis@warta.test",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let link = stdout.lines().last().unwrap().trim().to_string();
    assert!(link.contains("/admin/atur-ulang/wrt_"), "{link}");
    let path = &link[link.find("/admin/").unwrap()..];
    let (s, page) = app.text(path).await;
    assert_eq!(s, 200);
    assert!(page.contains("penulis@warta.test"));
    let (s, _) = use_link(&app, path, "pendek").await;
    assert_eq!(s, 422, "too short is refused, link still usable");
    let (s, body) = use_link(&app, path, "sandi-dari-tautan").await;
    assert_eq!(s, 200, "{body}");
    assert!(!old.signed_in().await, "sessions end with a reset");
    Desk::sign_in_with(&app, "penulis@warta.test", "sandi-dari-tautan").await;
    let (s, body) = use_link(&app, path, "lagi-lagi-lagi-1").await;
    assert_eq!(s, 410);
    assert!(body.contains("Tautan tidak berlaku"));
    assert_eq!(app.text(path).await.0, 410);
    assert_eq!(app.text("/admin/atur-ulang/wrt_palsu").await.0, 410);
    let out = warta(&[
        "user",
        "reset-link",
        "--data",
        &data,
        "--email",
        "tidak@ada.test",
    ]);
    assert!(!out.status.success());
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

// Multi-threaded: the test waits for the mail on a blocking channel while the server (in
// this runtime) sends it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_forgot_password_sends_a_link_by_smtp() {
    let has = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .status()
        .is_ok_and(|s| s.success());
    if !has {
        warta_testkit::skip(
            "SMTP reset test: aiosmtpd is not installed",
            "pip install aiosmtpd",
        );
        return;
    }
    let port = free_port();
    let mut child = Command::new("python3")
        .args([
            "-u",
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Debugging",
            "stdout",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    // Wait until it listens.
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let app = TestApp::spawn_with(Options {
        smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
        ..Default::default()
    })
    .await;
    users(&app).await;
    let neutral = |body: &str| body.contains("Jika alamat itu terdaftar");
    let res = app
        .client
        .post(app.url("/admin/lupa"))
        .form(&[("email", "tidak@ada.test")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(neutral(&res.text().await.unwrap()));
    let res = app
        .client
        .post(app.url("/admin/lupa"))
        .form(&[("email", "Penulis@warta.test")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(neutral(&res.text().await.unwrap()));
    let mut mail = String::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while std::time::Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(std::time::Duration::from_millis(200)) {
            mail.push_str(&line);
            mail.push('\n');
            if mail.contains("END MESSAGE") {
                break;
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let flat = mail.replace("=\n", "").replace("=3D", "=");
    let at = flat
        .find("/admin/atur-ulang/wrt_")
        .unwrap_or_else(|| panic!("a link in the mail: {mail}"));
    let path: String = flat[at..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(flat.contains("penulis@warta.test"), "{mail}");
    assert_eq!(app.text(&path).await.0, 200);
    let (s, _) = use_link(&app, &path, "sandi-dari-email").await;
    assert_eq!(s, 200);
    Desk::sign_in_with(&app, "penulis@warta.test", "sandi-dari-email").await;
    assert_eq!(use_link(&app, &path, "sandi-dari-email").await.0, 410);
}

#[tokio::test]
async fn admin_media_grid_search_edit_and_delete() {
    let app = TestApp::spawn().await;
    users(&app).await;
    let editor_token = app
        .store()
        .await
        .create_token(
            app.store()
                .await
                .user_by_email("redaktur@warta.test")
                .await
                .unwrap()
                .unwrap()
                .id,
        )
        .await
        .unwrap();
    let ed = Desk::sign_in(&app, "redaktur@warta.test").await;
    let writer = Desk::sign_in(&app, "penulis@warta.test").await;
    // Upload through the page's multipart form.
    let csrf = ed.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("_csrf", csrf.clone())
        .part(
            "file",
            reqwest::multipart::Part::bytes(warta_testkit::png(900, 600)).file_name("a.png"),
        )
        .text("caption", "Banjir di Jakarta Utara")
        .text("credit", "Foto: Antara")
        .text("alt", "Warga menyeberangi banjir");
    let res = app
        .client
        .post(app.url("/admin/media"))
        .header("cookie", &ed.cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let loc = res.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.starts_with("/admin/media/"), "{loc}");
    let id: i64 = loc
        .trim_start_matches("/admin/media/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // Without CSRF: refused; a bomb and a non-image: readable errors.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(warta_testkit::png(10, 10)).file_name("a.png"),
    );
    let res = app
        .client
        .post(app.url("/admin/media"))
        .header("cookie", &ed.cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    for (bytes, want) in [
        (warta_testkit::png_claiming(100_000, 100_000), [413u16, 422]),
        (b"bukan gambar".to_vec(), [415, 422]),
    ] {
        let form = reqwest::multipart::Form::new()
            .text("_csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("x.png"),
            );
        let res = app
            .client
            .post(app.url("/admin/media"))
            .header("cookie", &ed.cookie)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let s = res.status().as_u16();
        assert!(want.contains(&s), "{s}");
        assert!(res.text().await.unwrap().contains("<h1>"));
    }
    // Grid and search.
    let (s, grid) = writer.get("/admin/media").await;
    assert_eq!(s, 200);
    assert!(grid.contains("alt=\"Warga menyeberangi banjir\"") && grid.contains("Foto: Antara"));
    let (_, none) = writer.get("/admin/media?q=gempa").await;
    assert!(!none.contains("Banjir di Jakarta"));
    let (_, hit) = writer.get("/admin/media?q=banjir+antara").await;
    assert!(hit.contains("Banjir di Jakarta"));
    let today = warta_core::iso8601_wib(warta_store::now_ms())[..10].to_string();
    let (_, by_day) = writer.get(&format!("/admin/media?tanggal={today}")).await;
    assert!(by_day.contains("Banjir di Jakarta"));
    let (_, other_day) = writer.get("/admin/media?tanggal=2001-01-01").await;
    assert!(!other_day.contains("Banjir di Jakarta"));
    assert_eq!(writer.get("/admin/media?tanggal=kemarin").await.0, 400);
    assert_eq!(writer.get("/admin/media/abc").await.0, 404);
    // A writer may not describe someone else's photo (the uploader or an editor may), nor
    // delete it.
    let described = [
        ("caption", "Banjir rob di Penjaringan"),
        ("credit", "Foto: Antara/Budi"),
        ("alt", "Warga dan banjir"),
    ];
    let (s, _, _) = writer.post(&format!("/admin/media/{id}"), &described).await;
    assert_eq!(s, 403);
    let (s, _, _) = ed.post(&format!("/admin/media/{id}"), &described).await;
    assert_eq!(s, 303);
    let (_, item) = writer.get(&format!("/admin/media/{id}")).await;
    assert!(item.contains("Banjir rob di Penjaringan") && !item.contains("/hapus"));
    assert_eq!(
        writer
            .post(&format!("/admin/media/{id}/hapus"), &[])
            .await
            .0,
        403
    );
    crate::helpers::make_rubriks(&app, &editor_token).await;
    // In use by an article: refused with the headline.
    let mut a = crate::helpers::article_json("Banjir rob melanda pesisir");
    a["hero"] = serde_json::json!({"media_id": id});
    let (s, art) = app
        .api(Method::POST, "/articles", &editor_token, Some(a))
        .await;
    assert_eq!(s, 201, "{art}");
    let (s, _, body) = ed.post(&format!("/admin/media/{id}/hapus"), &[]).await;
    assert_eq!(s, 409);
    assert!(body.contains("Banjir rob melanda pesisir"), "{body}");
    let (_, item) = ed.get(&format!("/admin/media/{id}")).await;
    assert!(item.contains("Banjir rob melanda pesisir"));
    let art_id = art["id"].as_i64().unwrap();
    let patch = serde_json::json!({"revision": art["revision"], "hero": null});
    let (s, v) = app
        .api(
            Method::PATCH,
            &format!("/articles/{art_id}"),
            &editor_token,
            Some(patch),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let (s, loc, _) = ed.post(&format!("/admin/media/{id}/hapus"), &[]).await;
    assert_eq!((s, loc.as_str()), (303, "/admin/media?ok=deleted"));
    assert_eq!(ed.get(&format!("/admin/media/{id}")).await.0, 404);
}

#[tokio::test]
async fn admin_audit_page_for_editors_only() {
    let app = TestApp::spawn().await;
    users(&app).await;
    let store = app.store().await;
    let token = store
        .create_token(
            store
                .user_by_email("redaktur@warta.test")
                .await
                .unwrap()
                .unwrap()
                .id,
        )
        .await
        .unwrap();
    crate::helpers::make_rubriks(&app, &token).await;
    let (_, a) = app
        .api(
            Method::POST,
            "/articles",
            &token,
            Some(crate::helpers::article_json("Harga beras turun")),
        )
        .await;
    let id = a["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/articles/{id}/publish"),
            &token,
            None,
        )
        .await;
    assert_eq!(s, 200);
    let ed = Desk::sign_in(&app, "redaktur@warta.test").await;
    let (s, page) = ed.get("/admin/audit").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("Rina Redaktur") && page.contains("<td>menerbitkan</td>"),
        "{page}"
    );
    assert!(page.contains(&format!(
        "<a href=\"/admin/artikel/{id}\">Harga beras turun</a>"
    )));
    let (s, _) = ed.get(&format!("/admin/audit?artikel={id}")).await;
    assert_eq!(s, 200);
    assert_eq!(ed.get("/admin/audit?artikel=x").await.0, 400);
    let w = Desk::sign_in(&app, "penulis@warta.test").await;
    assert_eq!(w.get("/admin/audit").await.0, 403);
}

#[tokio::test]
async fn admin_users_page_for_admins_only() {
    let app = TestApp::spawn().await;
    users(&app).await;
    let ed = Desk::sign_in(&app, "redaktur@warta.test").await;
    assert_eq!(ed.get("/admin/pengguna").await.0, 403);
    assert_eq!(
        ed.post(
            "/admin/pengguna",
            &[
                ("email", "x@warta.test"),
                ("name", "X"),
                ("role", "admin"),
                ("password", "panjang-sekali-1")
            ]
        )
        .await
        .0,
        403
    );
    let admin = Desk::sign_in(&app, "admin@warta.test").await;
    let (s, page) = admin.get("/admin/pengguna").await;
    assert_eq!(s, 200);
    assert!(page.contains("Rina Redaktur") && page.contains("penulis@warta.test"));
    let (s, loc, _) = admin
        .post(
            "/admin/pengguna",
            &[
                ("email", "Dewi@warta.test"),
                ("name", "Dewi Kontributor"),
                ("role", "contributor"),
                ("password", "sandi-awal-dewi"),
            ],
        )
        .await;
    assert_eq!((s, loc.as_str()), (303, "/admin/pengguna?ok=user_created"));
    assert_eq!(
        admin
            .post(
                "/admin/pengguna",
                &[
                    ("email", "dewi@warta.test"),
                    ("name", "Dewi"),
                    ("role", "writer"),
                    ("password", "sandi-awal-dewi")
                ]
            )
            .await
            .0,
        409
    );
    assert_eq!(
        admin
            .post(
                "/admin/pengguna",
                &[
                    ("email", "baru@warta.test"),
                    ("name", "Baru"),
                    ("role", "raja"),
                    ("password", "sandi-awal-dewi")
                ]
            )
            .await
            .0,
        422
    );
    assert_eq!(
        admin
            .post(
                "/admin/pengguna",
                &[
                    ("email", "bukan-email"),
                    ("name", "Baru"),
                    ("role", "writer"),
                    ("password", "sandi-awal-dewi")
                ]
            )
            .await
            .0,
        422
    );
    let dewi = Desk::sign_in_with(&app, "dewi@warta.test", "sandi-awal-dewi").await;
    assert_eq!(dewi.get("/admin/audit").await.0, 403);
    let store = app.store().await;
    let dewi_id = store
        .user_by_email("dewi@warta.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let (s, _, _) = admin
        .post(
            &format!("/admin/pengguna/{dewi_id}/peran"),
            &[("role", "editor")],
        )
        .await;
    assert_eq!(s, 303);
    assert_eq!(
        store
            .user_by_email("dewi@warta.test")
            .await
            .unwrap()
            .unwrap()
            .role,
        Role::Editor
    );
    assert_eq!(dewi.get("/admin/audit").await.0, 200);
    let admin_id = store
        .user_by_email("admin@warta.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        admin
            .post(
                &format!("/admin/pengguna/{admin_id}/peran"),
                &[("role", "writer")]
            )
            .await
            .0,
        409
    );
}
