//! The low-quality placeholder: a WebP a few pixels across, as a `data:` URI that pages
//! inline behind the real picture (the stylesheet stretches and blurs it), so a reader sees
//! the photo's colours before its bytes arrive. WebP rather than JPEG because a JPEG's fixed
//! tables alone are larger than this whole file.

use base64::Engine;
use image::{DynamicImage, GenericImageView};

use crate::MediaError;
use crate::encode;
use crate::resize::Scaler;

/// The placeholder's longer side, in pixels.
pub const PLACEHOLDER_SIDE: u32 = 20;
/// Low quality is the point: the browser blurs it anyway.
const PLACEHOLDER_QUALITY: f32 = 40.0;

/// A `data:image/webp;base64,…` URI of a tiny version of a normalised image, or `None` for
/// images with transparency: behind a transparent photo the placeholder would stay visible.
pub(crate) fn make_placeholder(img: &DynamicImage) -> Result<Option<String>, MediaError> {
    if img.color().has_alpha() {
        return Ok(None);
    }
    let (width, height) = img.dimensions();
    let (w, h) = placeholder_size(width, height);
    let small = Scaler::new().scale(img, w, h)?;
    let webp = encode::webp(&small, PLACEHOLDER_QUALITY)?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&webp.bytes);
    Ok(Some(format!("data:image/webp;base64,{b64}")))
}

/// The longer side becomes [`PLACEHOLDER_SIDE`] (never enlarged), the other keeps the aspect
/// ratio, at least one pixel.
fn placeholder_size(width: u32, height: u32) -> (u32, u32) {
    let (long, short) = (width.max(height), width.min(height));
    let new_long = long.min(PLACEHOLDER_SIDE);
    let long64 = u64::from(long.max(1));
    let new_short = ((u64::from(short) * u64::from(new_long) + long64 / 2) / long64).max(1) as u32;
    if width >= height {
        (new_long, new_short)
    } else {
        (new_short, new_long)
    }
}

#[cfg(test)]
mod tests {
    use super::placeholder_size;

    #[test]
    fn the_longer_side_becomes_20_pixels() {
        assert_eq!(placeholder_size(1600, 900), (20, 11));
        assert_eq!(placeholder_size(900, 1600), (11, 20));
        assert_eq!(placeholder_size(1200, 1200), (20, 20));
    }

    #[test]
    fn small_and_thin_images_stay_at_least_one_pixel() {
        assert_eq!(placeholder_size(10, 5), (10, 5));
        assert_eq!(placeholder_size(12_000, 1), (20, 1));
    }
}
