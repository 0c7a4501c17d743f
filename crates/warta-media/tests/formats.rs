//! AVIF variants, crops for structured data, and the placeholder.

mod common;

use base64::Engine;
use image::{DynamicImage, GenericImageView, ImageFormat, Rgb, RgbImage};
use warta_media::{Aspect, MediaLimits, Processed, avif_variants, process_image};

use common::{encode, gradient, is_webp, with_alpha};

fn process(bytes: &[u8]) -> Processed {
    process_image(bytes, &MediaLimits::default()).unwrap()
}

/// The `ftyp` box of an AVIF file: size, "ftyp", major brand "avif".
fn is_avif(bytes: &[u8]) -> bool {
    bytes.len() > 12 && &bytes[4..8] == b"ftyp" && &bytes[8..12] == b"avif"
}

/// Width and height from the AVIF `ispe` (image spatial extents) property.
fn avif_size(bytes: &[u8]) -> (u32, u32) {
    let at = bytes
        .windows(4)
        .position(|w| w == b"ispe")
        .expect("an ispe box");
    let field = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    // "ispe", then version and flags (4 bytes), then width and height.
    (field(at + 8), field(at + 12))
}

/// Red left of x = 600, green up to 1800, blue beyond: a 2400×1200 picture whose centre
/// square is all green.
fn three_bands() -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(2400, 1200, |x, _| match x {
        0..600 => Rgb([220, 20, 20]),
        600..1800 => Rgb([20, 200, 20]),
        _ => Rgb([20, 20, 220]),
    }))
}

#[test]
fn avif_variants_are_avif_files_at_the_webp_widths() {
    let p = process(&encode(&gradient(1000, 500), ImageFormat::Jpeg));
    let avif = avif_variants(&p.original.bytes, &MediaLimits::default()).unwrap();
    let webp: Vec<(u32, u32)> = p.variants.iter().map(|v| (v.width, v.height)).collect();
    let sizes: Vec<(u32, u32)> = avif.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(sizes, webp);
    for v in &avif {
        assert_eq!((v.mime, v.ext), ("image/avif", "avif"));
        assert!(is_avif(&v.bytes), "no ftypavif box: {:?}", &v.bytes[..16]);
        assert_eq!(avif_size(&v.bytes), (v.width, v.height));
    }
    let (a, w) = (avif.last().unwrap(), p.variants.last().unwrap());
    assert!(
        a.bytes.len() < w.bytes.len(),
        "AVIF {} bytes, WebP {} bytes",
        a.bytes.len(),
        w.bytes.len()
    );
}

#[test]
fn avif_keeps_transparency() {
    let p = process(&encode(&with_alpha(100, 50), ImageFormat::Png));
    let avif = avif_variants(&p.original.bytes, &MediaLimits::default()).unwrap();
    assert_eq!(avif.len(), 1);
    assert!(is_avif(&avif[0].bytes));
    // An alpha plane is a second AV1 image marked with the alpha auxiliary type.
    assert!(common::contains(
        &avif[0].bytes,
        b"urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"
    ));
}

#[test]
fn avif_variants_refuse_what_uploads_refuse() {
    assert!(avif_variants(b"not an image", &MediaLimits::default()).is_err());
}

#[test]
fn a_large_photo_gets_three_crops_at_1200_wide() {
    let p = process(&encode(&three_bands(), ImageFormat::Png));
    let got: Vec<(Aspect, u32, u32)> = p
        .crops
        .iter()
        .map(|c| (c.aspect, c.image.width, c.image.height))
        .collect();
    assert_eq!(
        got,
        [
            (Aspect::Wide, 1200, 675),
            (Aspect::Standard, 1200, 900),
            (Aspect::Square, 1200, 1200)
        ]
    );
    for c in &p.crops {
        assert_eq!((c.image.mime, c.image.ext), ("image/jpeg", "jpg"));
        let img = image::load_from_memory_with_format(&c.image.bytes, ImageFormat::Jpeg).unwrap();
        assert_eq!(img.dimensions(), (c.image.width, c.image.height));
    }
    // The square is the centre: green from edge to edge (a few pixels in, past resampling).
    let square = image::load_from_memory(&p.crops[2].image.bytes)
        .unwrap()
        .to_rgb8();
    for x in [4, 600, 1195] {
        let [r, g, b] = square.get_pixel(x, 600).0;
        assert!(g > 150 && r < 70 && b < 70, "x={x}: {r},{g},{b}");
    }
    // The 16:9 crop of a 2:1 picture loses only the outer edges: red and blue remain.
    let wide = image::load_from_memory(&p.crops[0].image.bytes)
        .unwrap()
        .to_rgb8();
    assert!(wide.get_pixel(4, 300).0[0] > 150);
    assert!(wide.get_pixel(1195, 300).0[2] > 150);
}

#[test]
fn a_small_photo_gets_only_the_crops_it_allows() {
    let p = process(&encode(&gradient(800, 200), ImageFormat::Jpeg));
    let got: Vec<(Aspect, u32, u32)> = p
        .crops
        .iter()
        .map(|c| (c.aspect, c.image.width, c.image.height))
        .collect();
    // 1:1 would be 200×200 = 40,000 pixels, below Google's 50,000.
    assert_eq!(
        got,
        [(Aspect::Wide, 355, 200), (Aspect::Standard, 266, 200)]
    );
    assert!(
        process(&encode(&gradient(64, 48), ImageFormat::Png))
            .crops
            .is_empty()
    );
}

#[test]
fn transparent_crops_are_laid_on_white() {
    let p = process(&encode(&with_alpha(800, 450), ImageFormat::Png));
    let wide = image::load_from_memory(&p.crops[0].image.bytes)
        .unwrap()
        .to_rgb8();
    // Colour (200, 50, 50) at alpha 100 over white is about (233, 175, 175); over black it
    // would be (200, 50, 50).
    let [r, g, b] = wide.get_pixel(700, 200).0;
    assert!(
        r > 215 && (155..195).contains(&g) && (155..195).contains(&b),
        "{r},{g},{b}"
    );
}

#[test]
fn the_placeholder_is_a_tiny_webp_data_uri_with_the_photo_s_shape() {
    let p = process(&encode(&three_bands(), ImageFormat::Png));
    let uri = p.placeholder.expect("a placeholder");
    let b64 = uri
        .strip_prefix("data:image/webp;base64,")
        .expect("a WebP data URI");
    assert!(uri.len() < 300, "{} bytes: {uri}", uri.len());
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    assert!(is_webp(&bytes));
    let img = image::load_from_memory_with_format(&bytes, ImageFormat::WebP).unwrap();
    assert_eq!(img.dimensions(), (20, 10));
    // Still the photo: red on the left, blue on the right.
    let img = img.to_rgb8();
    assert!(img.get_pixel(0, 5).0[0] > 120, "{:?}", img.get_pixel(0, 5));
    assert!(
        img.get_pixel(19, 5).0[2] > 120,
        "{:?}",
        img.get_pixel(19, 5)
    );
}

#[test]
fn transparent_images_get_no_placeholder() {
    let p = process(&encode(&with_alpha(100, 50), ImageFormat::Png));
    assert!(p.placeholder.is_none());
}
