//! Warta's domain: the content model and the rules of an Indonesian newsroom. No IO lives here.
//!
//! Error policy: every parse function returns a typed [`ValidationError`] naming the field and
//! the reason in words an editor understands; nothing panics on user input.

mod block;
mod datetime;
mod embed;
mod error;
mod role;
mod sanitize;
mod slug;
mod text;

pub use block::{Block, BlockInput, ListBlock};
pub use datetime::{
    DAY_NAMES, MONTH_NAMES, format_long_wib, format_short_wib, iso8601_wib, jakarta, rfc2822,
    wib_date,
};
pub use embed::{Embed, EmbedProvider};
pub use error::ValidationError;
pub use role::{Capability, Role};
pub use sanitize::{sanitize_inline, strip_tags};
pub use slug::Slug;
pub use text::{Dateline, Headline, Name, SignOff, Source, SourceInput, bounded, http_url};

/// Article lifecycle. Issue-2 scope: draft, published, unpublished; the newsroom workflow
/// (review, scheduled) extends this enum.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Published,
    Unpublished,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Unpublished => "unpublished",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s {
            "draft" => Ok(Status::Draft),
            "published" => Ok(Status::Published),
            "unpublished" => Ok(Status::Unpublished),
            other => Err(ValidationError::new(
                "status",
                format!("unknown status '{other}' (draft, published, unpublished)"),
            )),
        }
    }
}
