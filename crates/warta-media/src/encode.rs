//! Encoders for the output formats. Every encoder writes pixels only: no EXIF, XMP, ICC or
//! text chunks are carried over, which is how uploads lose their GPS tags.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{DynamicImage, GenericImageView};

use crate::MediaError;

/// Quality of re-encoded JPEG originals.
pub(crate) const JPEG_QUALITY: u8 = 90;
/// Quality of lossy WebP output (originals uploaded as WebP, and all variants).
pub(crate) const WEBP_QUALITY: f32 = 85.0;
/// AVIF quality (ravif's 1–100 scale). AV1 at 60 looks like WebP at 85 in roughly half the
/// bytes.
pub(crate) const AVIF_QUALITY: f32 = 60.0;
/// rav1e speed preset, 1 (slowest) to 10. See the README's media notes for what it costs.
pub(crate) const AVIF_SPEED: u8 = 8;

/// One encoded file.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    pub ext: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Brings a decoded image to the few pixel layouts the encoders take: 8-bit grey (no
/// alpha), RGB, or RGBA when at least one pixel is not fully opaque.
pub(crate) fn normalise(img: DynamicImage) -> DynamicImage {
    if img.color().has_alpha() {
        let rgba = img.into_rgba8();
        if rgba.pixels().any(|p| p.0[3] != u8::MAX) {
            return DynamicImage::ImageRgba8(rgba);
        }
        return DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).into_rgb8());
    }
    if img.color().has_color() {
        DynamicImage::ImageRgb8(img.into_rgb8())
    } else {
        DynamicImage::ImageLuma8(img.into_luma8())
    }
}

/// Baseline JPEG; JPEG has no alpha, so transparent pixels are flattened by dropping it.
pub(crate) fn jpeg(img: &DynamicImage, quality: u8) -> Result<Encoded, MediaError> {
    let mut out = Vec::new();
    let encoder = JpegEncoder::new_with_quality(&mut out, quality);
    let result = match img {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => img.write_with_encoder(encoder),
        _ => DynamicImage::ImageRgb8(img.to_rgb8()).write_with_encoder(encoder),
    };
    result.map_err(|e| encode_failed("JPEG", &e))?;
    Ok(finish(out, "image/jpeg", "jpg", img))
}

/// PNG at the encoder's default compression (Best is several times slower for ~5 % less).
pub(crate) fn png(img: &DynamicImage) -> Result<Encoded, MediaError> {
    let mut out = Cursor::new(Vec::new());
    let encoder =
        PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive);
    img.write_with_encoder(encoder)
        .map_err(|e| encode_failed("PNG", &e))?;
    Ok(finish(out.into_inner(), "image/png", "png", img))
}

/// Lossy WebP through libwebp (the `image` crate's own WebP encoder is lossless only).
pub(crate) fn webp(img: &DynamicImage, quality: f32) -> Result<Encoded, MediaError> {
    let (width, height) = img.dimensions();
    let memory = match img {
        DynamicImage::ImageRgba8(rgba) => {
            webp::Encoder::from_rgba(rgba.as_raw(), width, height).encode_simple(false, quality)
        }
        DynamicImage::ImageRgb8(rgb) => {
            webp::Encoder::from_rgb(rgb.as_raw(), width, height).encode_simple(false, quality)
        }
        other if other.color().has_alpha() => {
            let rgba = other.to_rgba8();
            webp::Encoder::from_rgba(rgba.as_raw(), width, height).encode_simple(false, quality)
        }
        other => {
            let rgb = other.to_rgb8();
            webp::Encoder::from_rgb(rgb.as_raw(), width, height).encode_simple(false, quality)
        }
    }
    .map_err(|e| MediaError::Corrupt(format!("WebP encoding failed: {e:?}")))?;
    Ok(finish(memory.to_vec(), "image/webp", "webp", img))
}

/// AVIF through ravif (rav1e, pure Rust: no assembler needed to build it). One thread per
/// image: encoding runs in the background next to the server, which keeps the other core.
pub(crate) fn avif(img: &DynamicImage) -> Result<Encoded, MediaError> {
    let (width, height) = img.dimensions();
    let (w, h) = (width as usize, height as usize);
    let encoder = ravif::Encoder::new()
        .with_quality(AVIF_QUALITY)
        .with_alpha_quality(AVIF_QUALITY)
        .with_speed(AVIF_SPEED)
        .with_num_threads(Some(1));
    let result = if img.color().has_alpha() {
        let rgba = img.to_rgba8();
        let pixels: Vec<ravif::RGBA8> = rgba
            .as_raw()
            .chunks_exact(4)
            .map(|p| ravif::RGBA8::new(p[0], p[1], p[2], p[3]))
            .collect();
        encoder.encode_rgba(ravif::Img::new(&pixels[..], w, h))
    } else {
        let rgb = match img {
            DynamicImage::ImageRgb8(rgb) => std::borrow::Cow::Borrowed(rgb),
            other => std::borrow::Cow::Owned(other.to_rgb8()),
        };
        let pixels: Vec<ravif::RGB8> = rgb
            .as_raw()
            .chunks_exact(3)
            .map(|p| ravif::RGB8::new(p[0], p[1], p[2]))
            .collect();
        encoder.encode_rgb(ravif::Img::new(&pixels[..], w, h))
    };
    let encoded = result.map_err(|e| MediaError::Corrupt(format!("AVIF encoding failed: {e}")))?;
    Ok(finish(encoded.avif_file, "image/avif", "avif", img))
}

/// Opaque JPEG for crops that other sites fetch (OpenGraph, structured data): transparent
/// pixels are laid on white rather than on whatever colour they happen to carry.
pub(crate) fn jpeg_on_white(img: &DynamicImage, quality: u8) -> Result<Encoded, MediaError> {
    if !img.color().has_alpha() {
        return jpeg(img, quality);
    }
    let mut rgb = image::RgbImage::new(img.width(), img.height());
    for (dst, src) in rgb.pixels_mut().zip(img.to_rgba8().pixels()) {
        let [r, g, b, a] = src.0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        dst.0 = [over(r), over(g), over(b)];
    }
    jpeg(&DynamicImage::ImageRgb8(rgb), quality)
}

fn finish(bytes: Vec<u8>, mime: &'static str, ext: &'static str, img: &DynamicImage) -> Encoded {
    let (width, height) = img.dimensions();
    Encoded {
        bytes,
        mime,
        ext,
        width,
        height,
    }
}

fn encode_failed(format: &str, e: &image::ImageError) -> MediaError {
    MediaError::Corrupt(format!("{format} encoding failed: {e}"))
}
