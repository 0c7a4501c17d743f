//! The newsroom interface: templates, interface strings (Bahasa Indonesia and English) and
//! the built editor bundle. No IO: the web crate gathers the data and calls [`AdminUi::render`].

mod catalogue;
mod i18n;
mod messages;

pub use i18n::{Lang, STRINGS, strings};
pub use messages::{MESSAGES, has_template, localize, megabytes_of};
use minijinja::{Environment, UndefinedBehavior, Value};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// The editor bundle built from `editor/` (see docs/editor.md).
pub const EDITOR_JS: &str = include_str!("../assets/editor.js");
pub const EDITOR_CSS: &str = include_str!("../assets/editor.css");
/// The newsroom's own stylesheet.
pub const ADMIN_CSS: &str = include_str!("../assets/admin.css");
/// `/admin/beranda`'s progressive enhancement (search as you type, drag to reorder).
pub const BERANDA_JS: &str = include_str!("../assets/beranda.js");
/// `/admin/media`'s size check before an upload is sent.
pub const MEDIA_JS: &str = include_str!("../assets/media.js");

/// A static asset of the newsroom with a content fingerprint in its URL (served immutable).
pub struct Asset {
    pub name: &'static str,
    pub body: &'static str,
    pub content_type: &'static str,
}

pub const ASSETS: &[Asset] = &[
    Asset {
        name: "editor.js",
        body: EDITOR_JS,
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "editor.css",
        body: EDITOR_CSS,
        content_type: "text/css; charset=utf-8",
    },
    Asset {
        name: "admin.css",
        body: ADMIN_CSS,
        content_type: "text/css; charset=utf-8",
    },
    Asset {
        name: "beranda.js",
        body: BERANDA_JS,
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "media.js",
        body: MEDIA_JS,
        content_type: "text/javascript; charset=utf-8",
    },
];

/// `/admin/static/<name>?v=<fingerprint>` for an asset.
pub fn asset_url(name: &str) -> String {
    static URLS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let urls = URLS.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| {
                let d = Sha256::digest(a.body.as_bytes());
                let v: String = d.iter().take(6).map(|b| format!("{b:02x}")).collect();
                (
                    a.name.to_string(),
                    format!("/admin/static/{}?v={v}", a.name),
                )
            })
            .collect()
    });
    urls.iter()
        .find(|(n, _)| n == name)
        .map(|(_, u)| u.clone())
        .unwrap_or_else(|| format!("/admin/static/{name}"))
}

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("login.html", include_str!("../templates/login.html")),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
    ("articles.html", include_str!("../templates/articles.html")),
    ("editor.html", include_str!("../templates/editor.html")),
    (
        "revisions.html",
        include_str!("../templates/revisions.html"),
    ),
    ("conflict.html", include_str!("../templates/conflict.html")),
    ("pending.html", include_str!("../templates/pending.html")),
    (
        "pending_section.html",
        include_str!("../templates/pending_section.html"),
    ),
    ("message.html", include_str!("../templates/message.html")),
    ("account.html", include_str!("../templates/account.html")),
    ("reset.html", include_str!("../templates/reset.html")),
    ("forgot.html", include_str!("../templates/forgot.html")),
    ("media.html", include_str!("../templates/media.html")),
    (
        "media_item.html",
        include_str!("../templates/media_item.html"),
    ),
    ("audit.html", include_str!("../templates/audit.html")),
    ("users.html", include_str!("../templates/users.html")),
    ("taxonomy.html", include_str!("../templates/taxonomy.html")),
    ("beranda.html", include_str!("../templates/beranda.html")),
    ("replies.html", include_str!("../templates/replies.html")),
    ("wire.html", include_str!("../templates/wire.html")),
    (
        "wire_feeds.html",
        include_str!("../templates/wire_feeds.html"),
    ),
];

/// The newsroom's template environment, built once at start-up.
pub struct AdminUi {
    env: Environment<'static>,
}

impl AdminUi {
    pub fn new() -> Result<AdminUi, minijinja::Error> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        // Asset URLs are built from constants: safe to emit unescaped.
        env.add_function("asset", |name: &str| {
            Value::from_safe_string(asset_url(name))
        });
        env.add_filter("wib", |ms: i64| warta_core::format_long_wib(ms));
        env.add_filter("short_wib", |ms: i64| warta_core::format_short_wib(ms));
        env.add_filter("when_wib", |ms: i64| warta_core::format_table_wib(ms));
        env.add_filter("iso_wib", |ms: i64| warta_core::iso8601_wib(ms));
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        Ok(AdminUi { env })
    }

    /// Render `template` with `ctx`; `lang` picks the interface strings (`t` in templates).
    pub fn render(
        &self,
        template: &str,
        lang: Lang,
        ctx: Value,
    ) -> Result<String, minijinja::Error> {
        let t = self.env.get_template(template)?;
        let lang_ctx = minijinja::context! { t => strings(lang), lang => lang.code() };
        t.render(minijinja::context! { ..lang_ctx, ..ctx })
    }

    /// Add templates (used by other parts of the newsroom registered at start-up).
    pub fn add_template(
        &mut self,
        name: &'static str,
        source: &'static str,
    ) -> Result<(), minijinja::Error> {
        self.env.add_template(name, source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_renders_with_an_empty_context_or_says_why() {
        let ui = AdminUi::new().unwrap();
        let html = ui
            .render(
                "login.html",
                Lang::Id,
                minijinja::context! { error => "Salah <b>", next => "/admin" },
            )
            .unwrap();
        assert!(html.contains("Masuk"));
        assert!(html.contains("Salah &lt;b&gt;"), "text is escaped");
        let en = ui
            .render(
                "login.html",
                Lang::En,
                minijinja::context! { next => "/admin" },
            )
            .unwrap();
        assert!(en.contains("Sign in"));
    }

    #[test]
    fn assets_have_fingerprinted_urls() {
        let u = asset_url("editor.js");
        assert!(u.starts_with("/admin/static/editor.js?v="), "{u}");
        assert_ne!(u, asset_url("admin.css"));
    }
}
