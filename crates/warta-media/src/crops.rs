//! Centre crops for structured data and social cards. Google's article guidance asks for
//! images in 16:9, 4:3 and 1:1, at least 50,000 pixels, ideally 1200 px wide; OpenGraph
//! cards use the 16:9 one.
//!
//! Crops are JPEG (q85), not WebP: they are fetched by crawlers and link previews (Google,
//! Facebook, X, WhatsApp, LinkedIn, Telegram), and JPEG is the one format all of them take;
//! readers' browsers never load them.

use image::{DynamicImage, GenericImageView};

use crate::MediaError;
use crate::encode::{self, Encoded};
use crate::resize::Scaler;

/// Width the crops aim for.
pub const CROP_WIDTH: u32 = 1200;
/// Google ignores article images below this many pixels; smaller crops are not made.
pub const MIN_CROP_PIXELS: u64 = 50_000;
const CROP_JPEG_QUALITY: u8 = 85;

/// The aspect ratios made, widest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    Wide,
    Standard,
    Square,
}

impl Aspect {
    pub const ALL: [Aspect; 3] = [Aspect::Wide, Aspect::Standard, Aspect::Square];

    /// (width, height) units: 16:9, 4:3, 1:1.
    pub fn ratio(self) -> (u32, u32) {
        match self {
            Aspect::Wide => (16, 9),
            Aspect::Standard => (4, 3),
            Aspect::Square => (1, 1),
        }
    }

    /// `"16x9"`, `"4x3"` or `"1x1"`: the name stored with a crop and used in its file key.
    pub fn name(self) -> &'static str {
        match self {
            Aspect::Wide => "16x9",
            Aspect::Standard => "4x3",
            Aspect::Square => "1x1",
        }
    }

    pub fn from_name(name: &str) -> Option<Aspect> {
        Aspect::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The size of this crop of a `width`×`height` original: the largest centred region of
    /// this aspect, scaled down to [`CROP_WIDTH`] when wider. `None` when it would have fewer
    /// than [`MIN_CROP_PIXELS`].
    pub fn crop_size(self, width: u32, height: u32) -> Option<(u32, u32)> {
        let (a, b) = self.ratio();
        let (a, b) = (u64::from(a), u64::from(b));
        let widest = u64::from(width).min(u64::from(height) * a / b);
        let w = widest.min(u64::from(CROP_WIDTH));
        let h = (w * b + a / 2) / a;
        let (w, h) = (u32::try_from(w).ok()?, u32::try_from(h).ok()?);
        (u64::from(w) * u64::from(h) >= MIN_CROP_PIXELS).then_some((w, h))
    }
}

/// One encoded crop.
#[derive(Debug, Clone)]
pub struct Crop {
    pub aspect: Aspect,
    pub image: Encoded,
}

/// The crops a normalised image allows, widest aspect first.
pub(crate) fn make_crops(img: &DynamicImage) -> Result<Vec<Crop>, MediaError> {
    let (width, height) = img.dimensions();
    let mut scaler = Scaler::new();
    Aspect::ALL
        .into_iter()
        .filter_map(|aspect| aspect.crop_size(width, height).map(|s| (aspect, s)))
        .map(|(aspect, (w, h))| {
            let cropped = scaler.crop(img, w, h)?;
            Ok(Crop {
                aspect,
                image: encode::jpeg_on_white(&cropped, CROP_JPEG_QUALITY)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_original_gives_all_three_at_1200() {
        let sizes: Vec<_> = Aspect::ALL
            .iter()
            .map(|a| a.crop_size(2400, 1350))
            .collect();
        assert_eq!(
            sizes,
            [Some((1200, 675)), Some((1200, 900)), Some((1200, 1200))]
        );
    }

    #[test]
    fn a_1600_by_900_original_limits_the_square_to_its_height() {
        assert_eq!(Aspect::Wide.crop_size(1600, 900), Some((1200, 675)));
        assert_eq!(Aspect::Standard.crop_size(1600, 900), Some((1200, 900)));
        assert_eq!(Aspect::Square.crop_size(1600, 900), Some((900, 900)));
    }

    #[test]
    fn a_portrait_original_is_limited_by_its_width() {
        assert_eq!(Aspect::Wide.crop_size(1000, 3000), Some((1000, 563)));
        assert_eq!(Aspect::Square.crop_size(1000, 3000), Some((1000, 1000)));
    }

    #[test]
    fn crops_below_50000_pixels_are_not_made() {
        assert_eq!(Aspect::Square.crop_size(400, 100), None);
        assert_eq!(Aspect::Square.crop_size(300, 224), Some((224, 224)));
        assert_eq!(Aspect::Wide.crop_size(200, 200), None);
    }

    #[test]
    fn names_round_trip() {
        for a in Aspect::ALL {
            assert_eq!(Aspect::from_name(a.name()), Some(a));
        }
        assert_eq!(Aspect::from_name("2x1"), None);
    }
}
