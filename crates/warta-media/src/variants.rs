//! Responsive variants: lossy WebP at upload, AVIF at the same widths later (see
//! [`crate::avif_variants`]).

use image::{DynamicImage, GenericImageView};

use crate::MediaError;
use crate::encode::Encoded;
use crate::resize::{Scaler, scaled_height};

/// Widths of responsive variants: only those narrower than the original are made, plus one
/// at the original width when it is at most 1600, so there is always at least one variant.
pub const VARIANT_WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

/// The (width, height) of every variant of a `width`×`height` original, narrowest first.
pub(crate) fn variant_sizes(width: u32, height: u32) -> Vec<(u32, u32)> {
    let mut widths: Vec<u32> = VARIANT_WIDTHS
        .iter()
        .copied()
        .filter(|&w| w < width)
        .collect();
    if VARIANT_WIDTHS.iter().any(|&w| w >= width) {
        widths.push(width);
    }
    widths
        .into_iter()
        .map(|w| (w, scaled_height(width, height, w)))
        .collect()
}

/// Variants of a normalised image (see [`crate::encode::normalise`]) at every
/// [`variant_sizes`], each written by `encode` (WebP or AVIF).
pub(crate) fn make_variants(
    img: &DynamicImage,
    encode: impl Fn(&DynamicImage) -> Result<Encoded, MediaError>,
) -> Result<Vec<Encoded>, MediaError> {
    let (width, height) = img.dimensions();
    let mut scaler = Scaler::new();
    variant_sizes(width, height)
        .into_iter()
        .map(|(w, h)| encode(&*scaler.scale(img, w, h)?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_original_gets_every_listed_width() {
        assert_eq!(
            variant_sizes(2000, 1000),
            [(480, 240), (800, 400), (1200, 600), (1600, 800)]
        );
    }

    #[test]
    fn a_small_original_gets_the_narrower_widths_plus_its_own() {
        assert_eq!(variant_sizes(600, 400), [(480, 320), (600, 400)]);
        assert_eq!(variant_sizes(300, 200), [(300, 200)]);
    }

    #[test]
    fn an_original_exactly_1600_wide_keeps_its_own_width_once() {
        let widths: Vec<u32> = variant_sizes(1600, 900).iter().map(|v| v.0).collect();
        assert_eq!(widths, [480, 800, 1200, 1600]);
    }

    #[test]
    fn a_very_wide_strip_never_gets_zero_height() {
        assert_eq!(variant_sizes(12_000, 1)[0], (480, 1));
    }
}
