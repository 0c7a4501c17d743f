//! A cut-off upload is refused by name, never published with its missing part filled in.

mod common;

use image::ImageFormat;
use warta_media::{MediaError, MediaLimits, process_image};

use common::{encode, gradient};

fn refused_as_truncated(bytes: &[u8]) {
    match process_image(bytes, &MediaLimits::default()) {
        Err(MediaError::Corrupt(msg)) => assert!(
            msg.contains("the image file is incomplete (truncated)"),
            "{msg}"
        ),
        other => panic!("expected a truncation error, got {other:?}"),
    }
}

#[test]
fn a_jpeg_cut_in_its_scan_is_refused_as_truncated() {
    let whole = encode(&gradient(640, 480), ImageFormat::Jpeg);
    assert!(process_image(&whole, &MediaLimits::default()).is_ok());
    // The decoder alone accepts this and pads the missing rows with grey.
    let cut = &whole[..whole.len() * 2 / 3];
    assert!(
        image::load_from_memory(cut).is_ok(),
        "the decoder pads silently"
    );
    refused_as_truncated(cut);
    refused_as_truncated(&whole[..whole.len() - 2]);
}

#[test]
fn a_camera_photo_cut_short_is_refused_and_a_trailer_after_the_end_is_fine() {
    let whole = warta_media::demo_photo("kamera", 800, 600);
    refused_as_truncated(&whole[..whole.len() / 2]);
    let mut trailer = whole.clone();
    trailer.extend_from_slice(&[0u8; 64]);
    assert!(process_image(&trailer, &MediaLimits::default()).is_ok());
}

#[test]
fn a_png_cut_short_is_refused_as_truncated() {
    let whole = encode(&gradient(640, 480), ImageFormat::Png);
    let cut = &whole[..whole.len() / 2];
    assert!(process_image(cut, &MediaLimits::default()).is_err());
}
