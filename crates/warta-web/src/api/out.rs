//! Rows to API output shapes.

use super::types::{MediaOut, VariantOut};
use crate::paths;
use crate::state::AppState;
use warta_store::MediaRow;

pub use crate::article_out::{rubrik_out, tag_out, topic_out};

impl MediaOut {
    pub fn from_row(app: &AppState, m: &MediaRow) -> MediaOut {
        let base = app.renderer().site().base_url.as_str();
        MediaOut {
            id: m.id,
            url: format!("{base}{}", paths::media(&m.original_key)),
            mime: m.mime.clone(),
            width: m.width,
            height: m.height,
            variants: m
                .variants
                .iter()
                .map(|v| VariantOut {
                    url: format!("{base}{}", paths::media(&v.key)),
                    width: v.width,
                    height: v.height,
                })
                .collect(),
            caption: m.caption.clone(),
            credit: m.credit.clone(),
            alt: m.alt.clone(),
        }
    }
}
