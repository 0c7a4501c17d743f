//! What is refused before decoding: size, type, declared dimensions.

mod common;

use std::time::{Duration, Instant};

use image::ImageFormat;
use warta_media::{MediaError, MediaLimits, process_image};

use common::{encode, gradient, png_declaring};

#[test]
fn default_limits_are_20_mib_50_megapixels_12000_px() {
    let l = MediaLimits::default();
    assert_eq!(
        (l.max_bytes, l.max_pixels, l.max_dimension),
        (20 << 20, 50_000_000, 12_000)
    );
}

#[test]
fn a_png_declaring_60000_square_is_refused_before_decoding() {
    let bomb = png_declaring(60_000, 60_000);
    assert!(bomb.len() < 100);
    let started = Instant::now();
    let err = process_image(&bomb, &MediaLimits::default()).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(
            err,
            MediaError::TooManyPixels {
                width: 60_000,
                height: 60_000,
                limit: 50_000_000,
                max_dimension: 12_000
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "image is 60000×60000 pixels; the limit is 50000000 pixels (12000 px a side)"
    );
}

#[test]
fn a_side_longer_than_max_dimension_is_refused_even_under_the_pixel_limit() {
    let err = process_image(&png_declaring(13_000, 10), &MediaLimits::default()).unwrap_err();
    assert!(
        matches!(
            err,
            MediaError::TooManyPixels {
                width: 13_000,
                height: 10,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn real_images_over_custom_limits_are_refused() {
    let jpeg = encode(&gradient(200, 100), ImageFormat::Jpeg);
    let few_pixels = MediaLimits {
        max_pixels: 10_000,
        ..MediaLimits::default()
    };
    let err = process_image(&jpeg, &few_pixels).unwrap_err();
    assert!(
        matches!(
            err,
            MediaError::TooManyPixels {
                width: 200,
                height: 100,
                ..
            }
        ),
        "{err:?}"
    );

    let short_sides = MediaLimits {
        max_dimension: 150,
        ..MediaLimits::default()
    };
    let err = process_image(&jpeg, &short_sides).unwrap_err();
    assert!(
        matches!(
            err,
            MediaError::TooManyPixels {
                max_dimension: 150,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn text_is_unsupported_whatever_it_is_called() {
    let err = process_image(b"hello", &MediaLimits::default()).unwrap_err();
    assert!(matches!(err, MediaError::Unsupported(_)), "{err:?}");
    let err = process_image(b"", &MediaLimits::default()).unwrap_err();
    assert!(matches!(err, MediaError::Unsupported(_)), "{err:?}");
}

#[test]
fn other_image_formats_are_named_in_the_refusal() {
    let mut bmp = b"BM".to_vec();
    bmp.resize(64, 0);
    let err = process_image(&bmp, &MediaLimits::default()).unwrap_err();
    assert!(
        matches!(&err, MediaError::Unsupported(name) if name == "BMP"),
        "{err:?}"
    );

    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
    let err = process_image(heic, &MediaLimits::default()).unwrap_err();
    assert!(
        matches!(&err, MediaError::Unsupported(name) if name.contains("HEIC")),
        "{err:?}"
    );
}

#[test]
fn oversize_bytes_are_too_large() {
    let limits = MediaLimits {
        max_bytes: 1_000,
        ..MediaLimits::default()
    };
    let mut bytes = encode(&gradient(64, 64), ImageFormat::Png);
    bytes.resize(1_001, 0);
    let err = process_image(&bytes, &limits).unwrap_err();
    assert!(
        matches!(
            err,
            MediaError::TooLarge {
                size: 1_001,
                limit: 1_000
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "file is 1001 bytes; the limit is 1000 bytes"
    );
}

#[test]
fn truncated_images_are_corrupt() {
    let png = encode(&gradient(300, 200), ImageFormat::Png);
    let err = process_image(&png[..png.len() / 2], &MediaLimits::default()).unwrap_err();
    assert!(matches!(err, MediaError::Corrupt(_)), "{err:?}");

    let header_only = &encode(&gradient(300, 200), ImageFormat::Gif)[..8];
    let err = process_image(header_only, &MediaLimits::default()).unwrap_err();
    assert!(matches!(err, MediaError::Corrupt(_)), "{err:?}");
}
