//! The one rule for corrections shown to readers ("Koreksi").

use crate::error::{Result, require};
use warta_core::{Capability, Status, ValidationError};
use warta_store::{ArticleRow, UserRow};

/// The one rule for corrections: an editor's note, on a published article, 1–2,000 letters.
pub(crate) fn note(user: &UserRow, a: &ArticleRow, note: &str) -> Result<String> {
    require(user.role, Capability::Publish, "attach corrections")?;
    if a.status != Status::Published {
        return Err(ValidationError::new(
            "correction",
            "a correction is attached to a published article; edit drafts freely",
        )
        .into());
    }
    Ok(warta_core::bounded("correction", note, 1, 2_000)?)
}
