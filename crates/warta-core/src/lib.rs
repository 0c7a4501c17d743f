//! Warta's domain: the content model and the rules of an Indonesian newsroom. No IO lives here.
//!
//! Error policy: every parse function returns a typed [`ValidationError`] naming the field and
//! the reason in words an editor understands; nothing panics on user input.

mod block;
mod change;
mod datetime;
mod embed;
mod error;
mod kind;
mod role;
mod sanitize;
mod slug;
mod text;

pub use block::{Block, BlockInput, ListBlock};
pub use change::{Change, Events, Touched};
pub use datetime::{
    DAY_NAMES, MONTH_NAMES, day_range, format_long_wib, format_short_wib, format_table_wib,
    iso8601_wib, jakarta, rfc2822, wib_date, wib_day_range,
};
pub use embed::{Embed, EmbedProvider};
pub use error::ValidationError;
pub use kind::{ArticleKind, DEFAULT_VERDICTS, FactCheck, Reference, verdict_vocabulary};
pub use role::{Capability, Role};
pub use sanitize::{sanitize_inline, strip_tags};
pub use slug::Slug;
pub use text::{Dateline, Headline, Name, SignOff, Source, SourceInput, bounded, http_url};

/// Article lifecycle: draft → submitted (for review) → scheduled or published → unpublished.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    /// Waiting for an editor's review.
    Submitted,
    /// Publishes itself at `published_at` (the background scheduler).
    Scheduled,
    Published,
    Unpublished,
}

const STATUSES: &str = "draft, submitted, scheduled, published, unpublished";

/// A step of the editorial workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// Writer or contributor hands a draft to the editors.
    Submit,
    /// An editor sends a submitted (or scheduled) article back to draft.
    Return,
    /// Publish now (or reschedule).
    Publish,
    /// Publish at a future time.
    Schedule,
    Unpublish,
}

impl Transition {
    /// Who may take this step: submitting needs only write access to one's own article.
    pub fn capability(self) -> Capability {
        match self {
            Transition::Submit => Capability::WriteOwn,
            _ => Capability::Publish,
        }
    }

    /// The status after this step from `from`, or an explanation why it is not possible.
    pub fn apply(self, from: Status) -> Result<Status, ValidationError> {
        use Status::*;
        let to = match (self, from) {
            (Transition::Submit, Draft | Unpublished) => Submitted,
            (Transition::Return, Submitted | Scheduled) => Draft,
            (Transition::Publish, _) => Published,
            (Transition::Schedule, Draft | Submitted | Scheduled | Unpublished) => Scheduled,
            (Transition::Unpublish, Published | Scheduled) => Unpublished,
            (t, s) => {
                return Err(ValidationError::new(
                    "status",
                    format!("cannot {} an article that is {}", t.as_str(), s.as_str()),
                ));
            }
        };
        Ok(to)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::Return => "return",
            Transition::Publish => "publish",
            Transition::Schedule => "schedule",
            Transition::Unpublish => "unpublish",
        }
    }
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
            Status::Unpublished => "unpublished",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s {
            "draft" => Ok(Status::Draft),
            "submitted" => Ok(Status::Submitted),
            "scheduled" => Ok(Status::Scheduled),
            "published" => Ok(Status::Published),
            "unpublished" => Ok(Status::Unpublished),
            other => Err(ValidationError::new(
                "status",
                format!("unknown status '{other}' ({STATUSES})"),
            )),
        }
    }

    /// Indonesian label for the newsroom.
    pub fn label_id(self) -> &'static str {
        match self {
            Status::Draft => "Draf",
            Status::Submitted => "Menunggu review",
            Status::Scheduled => "Terjadwal",
            Status::Published => "Terbit",
            Status::Unpublished => "Ditarik",
        }
    }
}

#[cfg(test)]
mod workflow_tests {
    use super::*;

    #[test]
    fn workflow_steps() {
        assert_eq!(
            Transition::Submit.apply(Status::Draft),
            Ok(Status::Submitted)
        );
        assert!(Transition::Submit.apply(Status::Published).is_err());
        assert_eq!(
            Transition::Schedule.apply(Status::Submitted),
            Ok(Status::Scheduled)
        );
        assert!(Transition::Schedule.apply(Status::Published).is_err());
        assert_eq!(
            Transition::Return.apply(Status::Scheduled),
            Ok(Status::Draft)
        );
        assert!(Transition::Unpublish.apply(Status::Draft).is_err());
        assert_eq!(
            Transition::Publish.apply(Status::Unpublished),
            Ok(Status::Published)
        );
        assert_eq!(Transition::Submit.capability(), Capability::WriteOwn);
        assert_eq!(Transition::Publish.capability(), Capability::Publish);
        for s in [
            Status::Draft,
            Status::Submitted,
            Status::Scheduled,
            Status::Published,
            Status::Unpublished,
        ] {
            assert_eq!(Status::parse(s.as_str()), Ok(s));
        }
    }
}
