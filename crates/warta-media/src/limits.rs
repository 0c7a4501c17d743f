/// Limits applied to an upload before and during decoding.
#[derive(Debug, Clone, Copy)]
pub struct MediaLimits {
    /// Largest accepted upload, in bytes.
    pub max_bytes: usize,
    /// Largest accepted width × height.
    pub max_pixels: u64,
    /// Largest accepted width or height.
    pub max_dimension: u32,
}

impl Default for MediaLimits {
    /// 20 MiB, 50 megapixels, 12,000 px a side.
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
            max_pixels: 50_000_000,
            max_dimension: 12_000,
        }
    }
}

/// WebP cannot hold a side longer than this; every upload gets WebP output, so it caps
/// [`MediaLimits::max_dimension`] whatever the configuration says.
pub(crate) const WEBP_MAX_DIMENSION: u32 = 16_383;

impl MediaLimits {
    /// The side limit actually enforced: the configured one, capped by what WebP can encode.
    pub(crate) fn effective_max_dimension(&self) -> u32 {
        self.max_dimension.min(WEBP_MAX_DIMENSION)
    }

    /// Bytes the decoder may allocate: the largest allowed image at 16-bit RGBA, plus slack
    /// for decoder bookkeeping.
    pub(crate) fn max_alloc(&self) -> u64 {
        self.max_pixels
            .saturating_mul(8)
            .saturating_add(16 * 1024 * 1024)
    }
}
