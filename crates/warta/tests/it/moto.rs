//! A real S3-compatible server for the media tests: `moto_server` (PyPI `moto[server]`, which
//! `.ci/run` installs) on a free loopback port, started by the test and killed when the
//! [`Moto`] is dropped. It checks signatures; Warta signs every request.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use warta_media::S3Settings;

pub struct Moto {
    child: Child,
    pub endpoint: String,
}

impl Moto {
    /// Starts moto_server, or reports a visible skip (a failure under
    /// `WARTA_TEST_REQUIRE_ALL=1`) and returns `None` when it is not installed.
    pub async fn start() -> Option<Moto> {
        let Some(exe) = find_on_path("moto_server") else {
            warta_testkit::skip(
                "S3 media test: moto_server is missing",
                "`.ci/run` installs it; or `pip install 'moto[server]'`",
            );
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(exe)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let moto = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        let started = Instant::now();
        while client.get(&moto.endpoint).send().await.is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "moto_server did not start"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Some(moto)
    }

    /// The `AWS_*` variables for this server, as a process would get them.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_ACCESS_KEY_ID", "warta-uji".into()),
            ("AWS_SECRET_ACCESS_KEY", "rahasia-uji".into()),
            ("AWS_REGION", "us-east-1".into()),
        ]
    }

    /// Creates the bucket `name` and returns the settings of `s3://name/prefix`.
    pub async fn bucket(&self, name: &str, prefix: &str) -> S3Settings {
        let res = reqwest::Client::new()
            .put(format!("{}/{name}", self.endpoint))
            .send()
            .await
            .expect("create bucket");
        assert!(res.status().is_success(), "create bucket: {}", res.status());
        self.settings(&format!("s3://{name}/{prefix}"))
    }

    /// The settings of `url` on this server (the bucket need not exist).
    pub fn settings(&self, url: &str) -> S3Settings {
        let env = self.env();
        S3Settings::parse(url, |k| {
            env.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone())
        })
        .expect("S3 settings")
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_on_path(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| std::path::Path::new(dir).join(name))
        .find(|p| p.is_file())
}
