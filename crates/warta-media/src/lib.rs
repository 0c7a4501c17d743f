//! Image checking, re-encoding and responsive variants, behind one media-storage interface.
//!
//! Error policy: everything here returns the typed [`MediaError`]; the web crate maps it to
//! HTTP. Nothing panics on bytes that users upload.
//!
//! * [`process_image`] sniffs an upload by its content, refuses oversize files and
//!   decompression bombs *before* decoding, re-encodes the original (which drops EXIF/GPS and
//!   any other metadata) and makes lossy WebP variants at [`VARIANT_WIDTHS`].
//! * [`demo_image`] draws a deterministic picture for demo content.
//! * [`MediaStore`] keeps the files (a local folder today; S3-compatible later).

mod demo;
mod encode;
mod error;
mod limits;
mod process;
mod sniff;
mod store;
mod variants;

pub use demo::demo_image;
pub use encode::Encoded;
pub use error::MediaError;
pub use limits::MediaLimits;
pub use process::{Processed, process_image};
pub use store::{LocalStore, MediaStore, valid_key};
pub use variants::VARIANT_WIDTHS;
