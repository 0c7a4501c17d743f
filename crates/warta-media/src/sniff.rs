//! Everything decided before a single pixel is decoded: byte size, format (by magic bytes,
//! never by file name) and the dimensions declared in the header.

use image::ImageFormat;

use crate::{MediaError, MediaLimits};

/// The accepted upload formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Jpeg,
    Png,
    WebP,
    Gif,
}

impl Source {
    pub(crate) fn image_format(self) -> ImageFormat {
        match self {
            Self::Jpeg => ImageFormat::Jpeg,
            Self::Png => ImageFormat::Png,
            Self::WebP => ImageFormat::WebP,
            Self::Gif => ImageFormat::Gif,
        }
    }
}

/// Refuses uploads larger than the byte limit.
pub(crate) fn check_size(bytes: &[u8], limits: &MediaLimits) -> Result<(), MediaError> {
    if bytes.len() > limits.max_bytes {
        return Err(MediaError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    Ok(())
}

/// Tells the format from the content's magic bytes.
pub(crate) fn sniff(bytes: &[u8]) -> Result<Source, MediaError> {
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Ok(Source::Jpeg),
        Ok(ImageFormat::Png) => Ok(Source::Png),
        Ok(ImageFormat::WebP) => Ok(Source::WebP),
        Ok(ImageFormat::Gif) => Ok(Source::Gif),
        Ok(other) => Err(MediaError::Unsupported(format!("{other:?}").to_uppercase())),
        Err(_) if is_heif(bytes) => Err(MediaError::Unsupported("HEIC/HEIF".into())),
        Err(_) => Err(MediaError::Unsupported("unrecognised content".into())),
    }
}

/// iPhone photos arrive as HEIC, which `image` does not know; name it in the error so the
/// journalist knows to export as JPEG.
fn is_heif(bytes: &[u8]) -> bool {
    bytes.get(4..8) == Some(b"ftyp".as_slice())
        && matches!(
            bytes.get(8..12),
            Some(b"heic" | b"heix" | b"hevc" | b"hevx" | b"mif1" | b"msf1")
        )
}

/// Refuses images whose declared size exceeds the pixel or side limits.
pub(crate) fn check_dimensions(
    width: u32,
    height: u32,
    limits: &MediaLimits,
) -> Result<(), MediaError> {
    let max_dimension = limits.effective_max_dimension();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels || width > max_dimension || height > max_dimension {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            limit: limits.max_pixels,
            max_dimension,
        });
    }
    if width == 0 || height == 0 {
        return Err(MediaError::Corrupt(format!(
            "the header declares an empty image ({width}×{height})"
        )));
    }
    Ok(())
}
