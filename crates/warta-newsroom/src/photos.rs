//! The media library's rules: who may describe a photo, who may delete one, and what a
//! deletion removes.

use crate::Newsroom;
use crate::error::{NewsroomError, Result};
use warta_core::{Capability, bounded};
use warta_store::{MediaRow, UserRow};

/// New caption, credit or alt text for a photo; `None` keeps the stored one.
#[derive(Debug, Clone, Default)]
pub struct PhotoText {
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: Option<String>,
}

impl Newsroom {
    /// Change a photo's caption, credit or alt text: everyone in the newsroom may describe a
    /// photo they uploaded, editors any photo.
    pub async fn describe_photo(&self, user: &UserRow, id: i64, t: PhotoText) -> Result<MediaRow> {
        let m = self
            .store
            .media_by_id(id)
            .await?
            .ok_or(NewsroomError::NotFound)?;
        if !user.role.can(Capability::EditAny) && m.uploaded_by != Some(user.id) {
            return Err(NewsroomError::Forbidden(
                "you may describe only photos you uploaded; an editor can change this one".into(),
            ));
        }
        let caption = bounded(
            "caption",
            t.caption.as_deref().unwrap_or(&m.caption),
            0,
            1_000,
        )?;
        let credit = bounded("credit", t.credit.as_deref().unwrap_or(&m.credit), 0, 200)?;
        let alt = bounded("alt", t.alt.as_deref().unwrap_or(&m.alt), 0, 1_000)?;
        let updated = self
            .store
            .update_media_meta(id, &caption, &credit, &alt)
            .await?;
        self.store
            .audit(Some(user.id), "media-edit", None, &format!("foto {id}"))
            .await?;
        // Pages show the library's caption and credit where the article has none.
        self.events.emit(warta_core::Change::All);
        Ok(updated)
    }

    /// Delete a photo and its files (editors); refused while an article uses it.
    pub async fn delete_photo(&self, user: &UserRow, id: i64) -> Result<()> {
        if !user.role.can(Capability::EditAny) {
            return Err(NewsroomError::Forbidden(
                "photos are deleted by an editor".into(),
            ));
        }
        let usage = self.store.media_usage(id).await?;
        if !usage.is_empty() {
            let names: Vec<String> = usage.iter().map(|(_, h)| format!("“{h}”")).collect();
            return Err(NewsroomError::Conflict(format!(
                "the photo cannot be deleted while these articles use it: {}",
                names.join(", ")
            )));
        }
        let row = self.store.delete_media(id).await?;
        self.remove_files(&row).await;
        self.store
            .audit(Some(user.id), "media-delete", None, &format!("foto {id}"))
            .await?;
        Ok(())
    }

    /// Remove a deleted photo's files (best effort: a leftover file is only disk space).
    async fn remove_files(&self, m: &MediaRow) {
        let keys = std::iter::once(&m.original_key)
            .chain(m.variants.iter().chain(&m.avif).map(|v| &v.key))
            .chain(m.crops.iter().map(|c| &c.key));
        for key in keys {
            if let Err(e) = self.media.files.delete(key).await {
                tracing::warn!(key, error = %e, "could not remove a deleted photo's file");
            }
        }
    }
}
