//! Who may do what to which article. Every check takes the user itself.

use crate::error::{NewsroomError, Result};
use warta_core::{Capability, Status};
use warta_store::{ArticleRow, UserRow};

/// Did `user` create or co-author `a`?
pub fn owns(user: &UserRow, a: &ArticleRow) -> bool {
    a.created_by == user.id || a.authors.iter().any(|u| u.id == user.id)
}

/// May `user` change `a`'s live content at once? Editors always; contributors and writers
/// only their own articles before publication.
pub fn may_edit(user: &UserRow, a: &ArticleRow) -> Result<()> {
    may_stage(user, a)?;
    if !user.role.can(Capability::EditAny) && is_live(a) {
        return Err(NewsroomError::Forbidden(
            "a published or scheduled article is changed by an editor".into(),
        ));
    }
    Ok(())
}

/// May `user` save changes to `a`, live or as a pending version? Editors always; the others
/// their own articles (a pending change to their published story waits for review).
pub fn may_stage(user: &UserRow, a: &ArticleRow) -> Result<()> {
    if user.role.can(Capability::EditAny) || owns(user, a) {
        Ok(())
    } else {
        Err(NewsroomError::Forbidden(
            "you may edit only your own articles".into(),
        ))
    }
}

/// May `user` read `a` in the newsroom (the API, the editor)?
pub fn may_read(user: &UserRow, a: &ArticleRow) -> Result<()> {
    if user.role.can(Capability::ReadAll) || owns(user, a) || a.status == Status::Published {
        Ok(())
    } else {
        Err(NewsroomError::Forbidden(
            "you may read only your own unpublished articles".into(),
        ))
    }
}

/// May `user` see `a`'s history, pending version and presence?
pub fn may_read_history(user: &UserRow, a: &ArticleRow) -> Result<()> {
    if user.role.can(Capability::ReadAll) || owns(user, a) {
        Ok(())
    } else {
        Err(NewsroomError::Forbidden(
            "you may read only your own articles' history".into(),
        ))
    }
}

/// Is `a` visible to readers now or at a set time? Its edits then wait as a pending version.
pub fn is_live(a: &ArticleRow) -> bool {
    matches!(a.status, Status::Published | Status::Scheduled)
}
