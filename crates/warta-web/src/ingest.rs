//! Taking in an image: check and re-encode it (off the async threads, two at a time), store
//! the original and its WebP variants, record it. Used by the API and the demo loader.

use crate::error::AppError;
use tokio::sync::Semaphore;
use warta_media::{MediaLimits, MediaStore};
use warta_store::{MediaRow, MediaVariant, NewMedia, Store};

pub struct ImageMeta {
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub uploaded_by: Option<i64>,
}

pub async fn ingest_image(
    store: &Store,
    media: &MediaStore,
    slots: &Semaphore,
    limits: MediaLimits,
    bytes: Vec<u8>,
    meta: ImageMeta,
) -> Result<MediaRow, AppError> {
    let _slot = slots
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let processed =
        tokio::task::spawn_blocking(move || warta_media::process_image(&bytes, &limits))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
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
    let mut variants = Vec::with_capacity(processed.variants.len());
    for v in &processed.variants {
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
    let row = store
        .insert_media(NewMedia {
            original_key,
            mime: processed.original.mime.to_string(),
            width: processed.original.width,
            height: processed.original.height,
            variants,
            caption: meta.caption,
            credit: meta.credit,
            alt: meta.alt,
            uploaded_by: meta.uploaded_by,
        })
        .await?;
    Ok(row)
}

fn fingerprint(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
