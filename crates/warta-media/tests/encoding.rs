//! What comes out: re-encoded originals without metadata, and WebP variants.

mod common;

use image::codecs::gif::GifEncoder;
use image::{DynamicImage, Frame, GenericImageView, ImageFormat, Rgba, RgbaImage};
use warta_media::{MediaLimits, Processed, VARIANT_WIDTHS, process_image};

use common::{contains, encode, gradient, is_webp, jpeg_with_exif, with_alpha};

fn process(bytes: &[u8]) -> Processed {
    process_image(bytes, &MediaLimits::default()).unwrap()
}

fn decode(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).unwrap()
}

fn sizes(p: &Processed) -> Vec<(u32, u32)> {
    p.variants.iter().map(|v| (v.width, v.height)).collect()
}

#[test]
fn jpeg_exif_and_gps_are_dropped() {
    let input = jpeg_with_exif(&gradient(64, 48), None);
    assert!(contains(&input, b"Exif\0\0"));
    let p = process(&input);
    assert_eq!((p.original.mime, p.original.ext), ("image/jpeg", "jpg"));
    assert!(p.original.bytes.starts_with(&[0xFF, 0xD8]));
    assert!(!contains(&p.original.bytes, b"Exif"));
    assert!(
        !contains(&p.original.bytes, &[0xFF, 0xE1]),
        "an APP1 segment survived"
    );
    assert_eq!(decode(&p.original.bytes).dimensions(), (64, 48));
    for v in &p.variants {
        assert!(!contains(&v.bytes, b"Exif") && !contains(&v.bytes, b"EXIF"));
    }
}

#[test]
fn exif_orientation_is_applied_before_it_is_dropped() {
    // Orientation 6: the camera was turned; viewers rotate 90° clockwise.
    let p = process(&jpeg_with_exif(&gradient(64, 48), Some(6)));
    assert_eq!((p.original.width, p.original.height), (48, 64));
    assert_eq!(decode(&p.original.bytes).dimensions(), (48, 64));
}

#[test]
fn a_wide_image_gets_four_webp_variants() {
    let p = process(&encode(&gradient(2000, 1000), ImageFormat::Jpeg));
    assert_eq!(VARIANT_WIDTHS, [480, 800, 1200, 1600]);
    assert_eq!(
        sizes(&p),
        [(480, 240), (800, 400), (1200, 600), (1600, 800)]
    );
    for v in &p.variants {
        assert_eq!((v.mime, v.ext), ("image/webp", "webp"));
        assert!(is_webp(&v.bytes));
        assert_eq!(&v.bytes[12..16], b"VP8 ", "variants are lossy");
        assert_eq!(decode(&v.bytes).dimensions(), (v.width, v.height));
    }
}

#[test]
fn a_small_image_gets_the_narrower_width_and_its_own() {
    let p = process(&encode(&gradient(600, 400), ImageFormat::Png));
    assert_eq!(sizes(&p), [(480, 320), (600, 400)]);
    assert!(p.variants.iter().all(|v| is_webp(&v.bytes)));
}

#[test]
fn png_stays_png_and_keeps_transparency() {
    let p = process(&encode(&with_alpha(100, 50), ImageFormat::Png));
    assert_eq!((p.original.mime, p.original.ext), ("image/png", "png"));
    let original = decode(&p.original.bytes);
    assert!(original.color().has_alpha());
    assert_eq!(original.to_rgba8().get_pixel(90, 10).0[3], 100);
    let variant = decode(&p.variants[0].bytes);
    assert!(variant.color().has_alpha(), "WebP variant lost its alpha");
}

#[test]
fn opaque_alpha_is_dropped() {
    let opaque = DynamicImage::ImageRgba8(gradient(40, 30).to_rgba8());
    let p = process(&encode(&opaque, ImageFormat::Png));
    assert!(!decode(&p.original.bytes).color().has_alpha());
}

#[test]
fn webp_becomes_lossy_webp() {
    let lossless = encode(&gradient(300, 200), ImageFormat::WebP);
    assert_eq!(&lossless[12..16], b"VP8L");
    let p = process(&lossless);
    assert_eq!((p.original.mime, p.original.ext), ("image/webp", "webp"));
    assert!(is_webp(&p.original.bytes));
    assert_eq!(&p.original.bytes[12..16], b"VP8 ");
    assert_eq!(sizes(&p), [(300, 200)]);
}

#[test]
fn gif_becomes_a_png_of_its_first_frame() {
    let red = RgbaImage::from_pixel(30, 20, Rgba([255, 0, 0, 255]));
    let blue = RgbaImage::from_pixel(30, 20, Rgba([0, 0, 255, 255]));
    let mut gif = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut gif);
        encoder
            .encode_frames([Frame::new(red), Frame::new(blue)])
            .unwrap();
    }
    let p = process(&gif);
    assert_eq!((p.original.mime, p.original.ext), ("image/png", "png"));
    let first = decode(&p.original.bytes).to_rgb8();
    assert_eq!(first.dimensions(), (30, 20));
    assert_eq!(first.get_pixel(5, 5).0, [255, 0, 0]);
}

#[test]
fn jpeg_is_reencoded_at_reasonable_quality() {
    let img = gradient(400, 300);
    let p = process(&encode(&img, ImageFormat::Jpeg));
    let out = decode(&p.original.bytes).to_rgb8();
    let expected = img.to_rgb8();
    let max_diff = out
        .pixels()
        .zip(expected.pixels())
        .flat_map(|(a, b)| (0..3).map(move |i| a.0[i].abs_diff(b.0[i])))
        .max()
        .unwrap();
    assert!(max_diff < 24, "max channel difference {max_diff}");
}
