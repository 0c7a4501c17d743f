//! Imports from other systems into Warta. Today: WordPress WXR exports
//! ([`import_wordpress`]), streamed in two passes with flat memory, written through
//! `warta-newsroom` so that imported articles get the same checks, revisions and change
//! events as articles written in the newsroom. Rerunning an import changes nothing and adds
//! only new items (a table of source ids → Warta ids in warta-store).
//!
//! Error policy: a file that is not a readable export ([`WxrError`]) stops the import before
//! anything is written; an item that cannot be imported is listed in the [`Report`] and
//! nothing of it is written; the run itself returns `anyhow` errors for store failures.

mod body;
mod digest;
mod finish;
mod html;
mod indonesian;
mod items;
mod media;
mod paths;
mod report;
mod scan;
mod shortcode;
mod wordpress;
mod wxr;

pub use body::{Converted, Piece, convert};
pub use items::{FALLBACK_RUBRIK, PAGES_RUBRIK};
pub use paths::normalise as normalise_path;
pub use report::Report;
pub use wordpress::{Options, import_wordpress};
pub use wxr::{Entry, Item, Reader, WxrError};
