//! The upload pipeline: check, decode under limits, re-encode, make variants, crops and a
//! placeholder; AVIF variants separately, from the stored original, because AV1 encoding
//! takes seconds.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader};

use crate::crops::{Crop, make_crops};
use crate::encode::{self, Encoded, JPEG_QUALITY, WEBP_QUALITY};
use crate::placeholder::make_placeholder;
use crate::sniff::{self, Source};
use crate::variants::make_variants;
use crate::{MediaError, MediaLimits};

/// The result of processing an upload: the re-encoded original (same format family: JPEG
/// stays JPEG q90, PNG stays PNG, WebP becomes lossy WebP q85, GIF becomes a PNG of its first
/// frame) with all metadata (EXIF, GPS) dropped, lossy WebP variants, the centre crops the
/// original allows, and a placeholder.
#[derive(Debug, Clone)]
pub struct Processed {
    pub original: Encoded,
    /// WebP, narrowest first.
    pub variants: Vec<Encoded>,
    /// JPEG crops (16:9, 4:3, 1:1) that reach 50,000 pixels, widest aspect first.
    pub crops: Vec<Crop>,
    /// A tiny WebP as a `data:` URI; `None` for images with transparency.
    pub placeholder: Option<String>,
}

/// Checks and re-encodes an upload.
///
/// The format is sniffed from the content (never the file name); the byte limit is checked
/// first, then the dimensions declared in the header are checked against the pixel and side
/// limits *before* anything is decoded, so a decompression bomb is refused without
/// allocating. Decoding itself runs under `image::Limits` as well. EXIF orientation is applied
/// to the pixels before the metadata is dropped, so phone photos stay upright.
///
/// Synchronous and CPU-heavy: call it from `spawn_blocking`.
pub fn process_image(bytes: &[u8], limits: &MediaLimits) -> Result<Processed, MediaError> {
    sniff::check_size(bytes, limits)?;
    let source = sniff::sniff(bytes)?;
    let img = encode::normalise(decode(bytes, source, limits)?);
    let original = match source {
        Source::Jpeg => encode::jpeg(&img, JPEG_QUALITY)?,
        Source::Png | Source::Gif => encode::png(&img)?,
        Source::WebP => encode::webp(&img, WEBP_QUALITY)?,
    };
    let variants = make_variants(&img, |v| encode::webp(v, WEBP_QUALITY))?;
    let crops = make_crops(&img)?;
    let placeholder = make_placeholder(&img)?;
    tracing::debug!(
        ?source,
        width = original.width,
        height = original.height,
        variants = variants.len(),
        crops = crops.len(),
        "processed image"
    );
    Ok(Processed {
        original,
        variants,
        crops,
        placeholder,
    })
}

/// AVIF variants of an original that [`process_image`] has already re-encoded, at the same
/// widths as its WebP variants, narrowest first. Checked and decoded under `limits` like an
/// upload.
///
/// Synchronous and slow (AV1: about a second for a 1600-px photo): run it in the
/// background, in `spawn_blocking`.
pub fn avif_variants(original: &[u8], limits: &MediaLimits) -> Result<Vec<Encoded>, MediaError> {
    sniff::check_size(original, limits)?;
    let source = sniff::sniff(original)?;
    let img = encode::normalise(decode(original, source, limits)?);
    make_variants(&img, encode::avif)
}

/// Reads the header, checks the declared size, then decodes (for GIF: the first frame). A
/// JPEG must be complete first (its decoder would pad a cut-off scan with grey).
fn decode(bytes: &[u8], source: Source, limits: &MediaLimits) -> Result<DynamicImage, MediaError> {
    if source == Source::Jpeg {
        crate::jpeg::check_complete(bytes)?;
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), source.image_format());
    reader.limits(image_limits(limits, None));
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    sniff::check_dimensions(width, height, limits)?;

    let mut decode_limits = image_limits(limits, Some(limits.effective_max_dimension()));
    decode_limits
        .reserve(decoder.total_bytes())
        .map_err(|_| too_many_pixels(width, height, limits))?;
    decoder.set_limits(decode_limits).map_err(corrupt)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// `image`'s own limits: an allocation cap always, and a side cap once the header is read
/// (before that, the header must be readable so the error can name the declared size).
fn image_limits(limits: &MediaLimits, max_side: Option<u32>) -> image::Limits {
    let mut l = image::Limits::default();
    l.max_image_width = max_side;
    l.max_image_height = max_side;
    l.max_alloc = Some(limits.max_alloc());
    l
}

fn too_many_pixels(width: u32, height: u32, limits: &MediaLimits) -> MediaError {
    MediaError::TooManyPixels {
        width,
        height,
        limit: limits.max_pixels,
        max_dimension: limits.effective_max_dimension(),
    }
}

/// A decoder's error; one that ran out of input says the file is truncated.
fn corrupt(e: image::ImageError) -> MediaError {
    let text = e.to_string();
    let eof = match &e {
        image::ImageError::IoError(io) => io.kind() == std::io::ErrorKind::UnexpectedEof,
        _ => false,
    };
    let lower = text.to_lowercase();
    if eof || lower.contains("unexpected eof") || lower.contains("unexpected end") {
        return crate::jpeg::truncated();
    }
    MediaError::Corrupt(text)
}
