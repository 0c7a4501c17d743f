//! Resizing with `fast_image_resize` (SIMD convolution, Lanczos3, alpha premultiplied during
//! the resize so transparent edges do not darken) rather than `image::imageops::resize`,
//! which is many times slower on large photos and does not premultiply alpha.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use std::borrow::Cow;

use image::{DynamicImage, GenericImageView};

use crate::MediaError;

/// One resizer, reused for every size made from one image.
pub(crate) struct Scaler {
    resizer: Resizer,
}

impl Scaler {
    pub(crate) fn new() -> Self {
        Self {
            resizer: Resizer::new(),
        }
    }

    /// `img` scaled to `width`×`height` (the whole image, so a slightly different aspect
    /// ratio from rounding stretches by less than a pixel).
    pub(crate) fn scale<'a>(
        &mut self,
        img: &'a DynamicImage,
        width: u32,
        height: u32,
    ) -> Result<Cow<'a, DynamicImage>, MediaError> {
        self.run(img, width, height, false)
    }

    /// The largest centred region of `img` with the aspect ratio of `width`×`height`, scaled
    /// to that size (a centre crop).
    pub(crate) fn crop<'a>(
        &mut self,
        img: &'a DynamicImage,
        width: u32,
        height: u32,
    ) -> Result<Cow<'a, DynamicImage>, MediaError> {
        self.run(img, width, height, true)
    }

    fn run<'a>(
        &mut self,
        img: &'a DynamicImage,
        width: u32,
        height: u32,
        centre_crop: bool,
    ) -> Result<Cow<'a, DynamicImage>, MediaError> {
        if img.dimensions() == (width, height) {
            return Ok(Cow::Borrowed(img));
        }
        let mut options =
            ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        if centre_crop {
            options = options.fit_into_destination(None);
        }
        let mut dst = DynamicImage::new(width, height, img.color());
        self.resizer
            .resize(img, &mut dst, &options)
            .map_err(|e| MediaError::Corrupt(format!("resizing failed: {e}")))?;
        Ok(Cow::Owned(dst))
    }
}

/// Height keeping the aspect ratio, rounded to the nearest pixel, never zero.
pub(crate) fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    if width == 0 {
        return height.max(1);
    }
    let w = u64::from(width);
    let scaled = (u64::from(height) * u64::from(new_width) + w / 2) / w;
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}
