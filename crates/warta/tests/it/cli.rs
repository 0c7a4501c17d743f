//! The binary's user and token commands, run as separate processes against a data dir that a
//! running server also uses.

use reqwest::Method;
use std::io::Write;
use std::process::{Command, Stdio};
use warta_testkit::TestApp;

fn warta(args: &[&str], password: Option<&str>, stdin: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_warta"));
    cmd.args(args)
        .env_remove("WARTA_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = password {
        cmd.env("WARTA_PASSWORD", p);
    }
    let mut child = cmd.spawn().expect("run warta");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn user_add_and_token_create_work_while_the_server_runs() {
    let app = TestApp::spawn().await;
    let data = app.config.data.to_str().unwrap().to_string();
    let out = warta(
        &[
            "user",
            "add",
            "--data",
            &data,
            "--email",
            "sari@warta.test",
            "--name",
            "Sari Wulandari",
            "--role",
            "editor",
        ],
        None,
        Some("kata-sandi-panjang\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = warta(
        &[
            "token",
            "create",
            "--data",
            &data,
            "--email",
            "sari@warta.test",
        ],
        None,
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let token = stdout.lines().last().unwrap().trim();
    assert!(token.starts_with("wrt_"));
    let (s, list) = app.api(Method::GET, "/articles", token, None).await;
    assert_eq!(
        (s, list["total"].as_i64()),
        (200, Some(0)),
        "the running server accepts the new token"
    );

    let dup = warta(
        &[
            "user",
            "add",
            "--data",
            &data,
            "--email",
            "SARI@warta.test",
            "--name",
            "Lagi",
            "--role",
            "writer",
        ],
        Some("kata-sandi-panjang"),
        None,
    );
    let stderr = String::from_utf8_lossy(&dup.stderr);
    assert!(!dup.status.success());
    assert!(stderr.contains("already exists"), "{stderr}");
    let weak = warta(
        &[
            "user",
            "add",
            "--data",
            &data,
            "--email",
            "x@warta.test",
            "--name",
            "X",
            "--role",
            "writer",
        ],
        Some("pendek"),
        None,
    );
    assert!(!weak.status.success());
    let bad_role = warta(
        &[
            "user",
            "add",
            "--data",
            &data,
            "--email",
            "y@warta.test",
            "--name",
            "Y",
            "--role",
            "boss",
        ],
        Some("kata-sandi-panjang"),
        None,
    );
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("unknown role"));
    let none = warta(
        &[
            "token",
            "create",
            "--data",
            &data,
            "--email",
            "siapa@warta.test",
        ],
        None,
        None,
    );
    assert!(String::from_utf8_lossy(&none.stderr).contains("no user with email"));
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["user", "add", "--help"],
        &["token", "create", "--help"],
        &["media", "migrate", "--help"],
    ] {
        let out = warta(args, None, None);
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}

#[test]
fn serve_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args([
            "serve",
            "--data",
            dir.path().to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let mut seen = String::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut buf = [0u8; 512];
    while !seen.contains("Warta is serving on") && std::time::Instant::now() < deadline {
        use std::io::Read;
        let n = stderr.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("Warta is serving on"), "{seen}");
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status after SIGTERM: {status:?}");
    assert!(
        dir.path().join("warta.db").exists(),
        "the database was created on first start"
    );
}

#[tokio::test]
async fn tokens_are_named_listed_and_revoked_from_the_shell() {
    let app = TestApp::spawn().await;
    app.token_for("sari@warta.test", "Sari", warta_core::Role::Editor)
        .await;
    let data = app.config.data.to_str().unwrap().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["token"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--data", &data]);
        let out = warta(&all, None, None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let out = run(&[
        "create",
        "--email",
        "sari@warta.test",
        "--name",
        "impor Antara",
    ]);
    let token = out.lines().last().unwrap().trim().to_string();
    assert_eq!(app.api(Method::GET, "/articles", &token, None).await.0, 200);
    let list = run(&["list", "--email", "sari@warta.test"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    let named = lines.iter().find(|l| l.contains("impor Antara")).unwrap();
    assert!(named.contains("last used 20"), "{named}");
    let id = named.split('\t').next().unwrap().to_string();
    id.parse::<i64>().expect("the id comes first");
    let unnamed = lines.iter().find(|l| !l.contains("impor Antara")).unwrap();
    assert!(unnamed.contains("last used never"), "{unnamed}");
    run(&["revoke", "--id", &id]);
    assert_eq!(app.api(Method::GET, "/articles", &token, None).await.0, 401);
    assert_eq!(
        run(&["list", "--email", "sari@warta.test"]).lines().count(),
        1
    );
    let out = warta(
        &["token", "revoke", "--data", &data, "--id", &id],
        None,
        None,
    );
    assert!(!out.status.success(), "revoking twice says so");
}
