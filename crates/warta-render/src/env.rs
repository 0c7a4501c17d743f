//! The minijinja environment: embedded templates, the escaping formatter and the filters.

use crate::filters;
use crate::views::Site;
use minijinja::{Environment, UndefinedBehavior, Value};

/// Templates compiled into the binary: (name, source). The extension picks the auto-escaping.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("blocks.html", include_str!("../templates/blocks.html")),
    ("live.html", include_str!("../templates/live.html")),
    (
        "live_entry.html",
        include_str!("../templates/live_entry.html"),
    ),
    ("forms.html", include_str!("../templates/forms.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("halaman.html", include_str!("../templates/halaman.html")),
    ("listing.html", include_str!("../templates/listing.html")),
    ("home.html", include_str!("../templates/home.html")),
    (
        "terpopuler.html",
        include_str!("../templates/terpopuler.html"),
    ),
    ("error.html", include_str!("../templates/error.html")),
    (
        "ninjs_body.html",
        include_str!("../templates/ninjs_body.html"),
    ),
    ("rss.xml", include_str!("../templates/rss.xml")),
    ("atom.xml", include_str!("../templates/atom.xml")),
    (
        "sitemap_index.xml",
        include_str!("../templates/sitemap_index.xml"),
    ),
    (
        "sitemap_urls.xml",
        include_str!("../templates/sitemap_urls.xml"),
    ),
    (
        "news_sitemap.xml",
        include_str!("../templates/news_sitemap.xml"),
    ),
];

pub(crate) fn build(site: &Site) -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_formatter(filters::formatter);

    let base = site.base_url.clone();
    env.add_filter("abs", move |path: &str| filters::absolute(&base, path));
    env.add_filter("safe_href", |url: &str| filters::safe_href(url));
    env.add_filter("long_wib", filters::long_wib);
    env.add_filter("iso_wib", filters::iso_wib);
    env.add_filter("jam_wib", filters::jam_wib);
    env.add_filter("rfc2822", filters::rfc2822);
    env.add_filter("tanggal", |s: &str| filters::tanggal(s));
    env.add_filter("date_value", |s: &str| filters::date_value(s));
    env.add_filter("heading_level", filters::heading_level);
    env.add_filter("srcset", filters::srcset);
    env.add_filter("largest", filters::largest);
    env.add_global("site", Value::from_serialize(site));
    env.add_global("stylesheet_url", crate::stylesheet_url());
    env.add_global("live_script_url", crate::live_script_url());
    env.add_global("time_script_url", crate::time_script_url());

    for (name, source) in TEMPLATES {
        env.add_template(name, source)?;
    }
    Ok(env)
}
