//! Taking in an image: check and re-encode it (off the async threads, two at a time), store
//! the original, its WebP variants and its crops, record it with its placeholder. Used by the
//! API, the newsroom's media page and the demo loader. AVIF variants follow as a job that the
//! store enqueues with the row (`warta-jobs`).

use crate::Newsroom;
use crate::error::{NewsroomError, Result};
use std::sync::Arc;
use tokio::sync::Semaphore;
use warta_media::{Encoded, MediaLimits, MediaStore};
use warta_store::{MediaCrop, MediaRow, MediaVariant, NewMedia};

/// Where photos go and how big they may be.
#[derive(Debug, Clone)]
pub struct MediaIngest {
    pub files: MediaStore,
    pub limits: MediaLimits,
    /// Image decoding is CPU- and memory-heavy: shared slots bound how many run at once.
    pub slots: Arc<Semaphore>,
}

pub struct ImageMeta {
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub uploaded_by: Option<i64>,
}

impl Newsroom {
    /// Check, re-encode, store and record an image. The row is marked as waiting for its
    /// AVIF variants, whose job the store enqueues in the same transaction; wake the job
    /// runner after this returns.
    pub async fn ingest_image(&self, bytes: Vec<u8>, meta: ImageMeta) -> Result<MediaRow> {
        let m = &self.media;
        let _slot = m
            .slots
            .acquire()
            .await
            .map_err(|e| NewsroomError::Busy(e.to_string()))?;
        let limits = m.limits;
        let processed =
            tokio::task::spawn_blocking(move || warta_media::process_image(&bytes, &limits))
                .await
                .map_err(|e| NewsroomError::Busy(e.to_string()))??;
        store_image(self, &m.files, processed, meta).await
    }
}

async fn store_image(
    n: &Newsroom,
    media: &MediaStore,
    processed: warta_media::Processed,
    meta: ImageMeta,
) -> Result<MediaRow> {
    let store = &n.store;
    let now = warta_store::now_ms();
    let date = warta_core::wib_date(now);
    let stem = format!(
        "{:04}/{:02}/{:x}{:08x}",
        date.year(),
        date.month(),
        now,
        fingerprint(&processed.original.bytes) as u32
    );
    let original_key = format!("{stem}.{}", processed.original.ext);
    media
        .put(
            &original_key,
            &processed.original.bytes,
            processed.original.mime,
        )
        .await?;
    let variants = store_variants(media, &stem, &processed.variants).await?;
    let mut crops = Vec::with_capacity(processed.crops.len());
    for c in &processed.crops {
        let key = format!("{stem}-{}.{}", c.aspect.name(), c.image.ext);
        media.put(&key, &c.image.bytes, c.image.mime).await?;
        crops.push(MediaCrop {
            aspect: c.aspect.name().to_string(),
            key,
            width: c.image.width,
            height: c.image.height,
            mime: c.image.mime.to_string(),
        });
    }
    let row = store
        .insert_media(NewMedia {
            original_key,
            mime: processed.original.mime.to_string(),
            width: processed.original.width,
            height: processed.original.height,
            variants,
            avif: Vec::new(),
            avif_pending: true,
            crops,
            placeholder: processed.placeholder.unwrap_or_default(),
            caption: meta.caption,
            credit: meta.credit,
            alt: meta.alt,
            uploaded_by: meta.uploaded_by,
        })
        .await?;
    Ok(row)
}

/// Store variants as `{stem}-{width}.{ext}` and describe them, ascending by width.
async fn store_variants(
    media: &MediaStore,
    stem: &str,
    encoded: &[Encoded],
) -> Result<Vec<MediaVariant>, warta_media::MediaError> {
    let mut variants = Vec::with_capacity(encoded.len());
    for v in encoded {
        let key = format!("{stem}-{}.{}", v.width, v.ext);
        media.put(&key, &v.bytes, v.mime).await?;
        variants.push(MediaVariant {
            key,
            width: v.width,
            height: v.height,
            mime: v.mime.to_string(),
        });
    }
    variants.sort_by_key(|v| v.width);
    Ok(variants)
}

fn fingerprint(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
