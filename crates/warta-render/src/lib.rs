//! Reader pages, RSS feeds, sitemaps, robots.txt and JSON-LD for Warta.
//!
//! Everything HTML or XML comes from minijinja templates compiled once in [`Renderer::new`],
//! with auto-escaping on for `.html` and `.xml`. Only two kinds of values are inserted raw:
//! inline markup that already went through warta-core's sanitiser (paragraphs and list items)
//! and JSON-LD built here with serde_json, whose `<`, `>` and `&` are escaped as `\u003c`,
//! `\u003e` and `\u0026` so that no text can close the `<script>` element.
//!
//! Error policy: rendering fails only on a template error ([`RenderError`]); the views are
//! trusted to be well-formed (the web crate builds them from checked store rows).

mod claim;
mod env;
mod filters;
mod home;
mod jsonld;
mod renderer;
mod views;

#[cfg(test)]
mod tests;

pub use home::{BreakingView, HomeView, PopularView, SectionView};
pub use renderer::Renderer;
pub use views::*;

/// The reader stylesheet, served by the web crate at [`STYLESHEET_PATH`].
pub const STYLESHEET: &str = include_str!("../static/style.css");

/// Where the web crate serves [`STYLESHEET`].
pub const STYLESHEET_PATH: &str = "/static/style.css";

/// The URL pages link: [`STYLESHEET_PATH`] with a fingerprint of the stylesheet, so browsers
/// and CDNs may keep it forever and a new release is fetched at once.
pub fn stylesheet_url() -> &'static str {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| format!("{STYLESHEET_PATH}?v={:08x}", stylesheet_fingerprint()))
}

/// The live-blog script: follows the article's event stream and puts new entries on top.
/// Linked (deferred) only from live articles; every other reader page stays script-free.
pub const LIVE_SCRIPT: &str = include_str!("../static/live.js");

/// Where the web crate serves [`LIVE_SCRIPT`].
pub const LIVE_SCRIPT_PATH: &str = "/static/live.js";

/// [`LIVE_SCRIPT_PATH`] with a fingerprint of the script, like [`stylesheet_url`].
pub fn live_script_url() -> &'static str {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| format!("{LIVE_SCRIPT_PATH}?v={:08x}", fingerprint(LIVE_SCRIPT)))
}

/// The lists' relative times ("5 menit lalu"), linked (deferred) from the home page and the
/// listings; without it the absolute WIB times stay.
pub const TIME_SCRIPT: &str = include_str!("../static/waktu.js");

/// Where the web crate serves [`TIME_SCRIPT`].
pub const TIME_SCRIPT_PATH: &str = "/static/waktu.js";

/// [`TIME_SCRIPT_PATH`] with a fingerprint of the script, like [`stylesheet_url`].
pub fn time_script_url() -> &'static str {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| format!("{TIME_SCRIPT_PATH}?v={:08x}", fingerprint(TIME_SCRIPT)))
}

/// 32 bits of FNV-1a over the stylesheet.
pub(crate) fn stylesheet_fingerprint() -> u32 {
    fingerprint(STYLESHEET)
}

/// 32 bits of FNV-1a: enough to tell releases of a static file apart.
fn fingerprint(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template error: {0}")]
    Template(#[from] minijinja::Error),
}
