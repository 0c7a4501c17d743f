/// Everything that can go wrong while checking, processing or storing media.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    /// The upload is larger than [`crate::MediaLimits::max_bytes`].
    #[error("file is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    /// The header declares more pixels (or a longer side) than allowed.
    #[error(
        "image is {width}×{height} pixels; the limit is {limit} pixels ({max_dimension} px a side)"
    )]
    TooManyPixels {
        width: u32,
        height: u32,
        limit: u64,
        max_dimension: u32,
    },
    /// The content is not one of the accepted image formats.
    #[error("unsupported file type: {0}; allowed are JPEG, PNG, WebP and GIF")]
    Unsupported(String),
    /// The content looked like an accepted format but could not be decoded (or re-encoded).
    #[error("the image could not be read: {0}")]
    Corrupt(String),
    /// Reading from or writing to the media store failed, or the key was invalid.
    #[error("media storage failed: {0}")]
    Storage(String),
}
