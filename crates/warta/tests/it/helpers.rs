use reqwest::Method;
use serde_json::{Value, json};
use warta_core::Role;
use warta_testkit::TestApp;

pub struct Newsroom {
    pub app: TestApp,
    pub editor: String,
    pub writer: String,
}

pub async fn newsroom() -> Newsroom {
    let app = TestApp::spawn().await;
    let editor = app
        .token_for("redaktur@warta.test", "Rina Redaktur", Role::Editor)
        .await;
    let writer = app
        .token_for("penulis@warta.test", "Budi Penulis", Role::Writer)
        .await;
    Newsroom {
        app,
        editor,
        writer,
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
