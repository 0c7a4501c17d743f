//! Image checking, re-encoding and responsive variants, behind one media-storage interface.
//!
//! Error policy: everything here returns the typed [`MediaError`]; the web crate maps it to
//! HTTP. Nothing panics on bytes that users upload.
//!
//! * [`process_image`] sniffs an upload by its content, refuses oversize files and
//!   decompression bombs *before* decoding, re-encodes the original (which drops EXIF/GPS and
//!   any other metadata) and makes lossy WebP variants at [`VARIANT_WIDTHS`], JPEG centre
//!   crops ([`Aspect`]: 16:9, 4:3, 1:1, up to [`CROP_WIDTH`]) and a tiny placeholder.
//! * [`avif_variants`] makes AVIF variants at the same widths from the re-encoded original
//!   (slow: the web crate runs it in the background).
//! * [`demo_image`] draws a deterministic picture for demo content.
//! * [`MediaStore`] keeps the files: a local folder (the default) or an S3-compatible
//!   bucket ([`S3Settings`]: `s3://bucket/prefix` and the usual `AWS_*` variables).

mod crops;
mod demo;
mod encode;
mod error;
mod jpeg;
mod limits;
mod placeholder;
mod process;
mod resize;
mod sniff;
mod store;
mod variants;

pub use crops::{Aspect, CROP_WIDTH, Crop, MIN_CROP_PIXELS};
pub use demo::{demo_image, demo_photo};
pub use encode::Encoded;
pub use error::MediaError;
pub use limits::MediaLimits;
pub use placeholder::PLACEHOLDER_SIDE;
pub use process::{Processed, avif_variants, process_image};
pub use store::{
    AWS_VARIABLES, LocalStore, MediaBody, MediaFile, MediaStore, S3Settings, S3Store, mime_for_key,
    valid_key,
};
pub use variants::VARIANT_WIDTHS;
