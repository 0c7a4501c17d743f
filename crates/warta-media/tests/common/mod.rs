//! Builders for test inputs.
#![allow(dead_code)]

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

/// A smooth colour gradient, so encoders have something realistic to chew on.
pub fn gradient(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    }))
}

/// Half-transparent on the right half.
pub fn with_alpha(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgba8(RgbaImage::from_fn(width, height, |x, _| {
        Rgba([200, 50, 50, if x < width / 2 { 255 } else { 100 }])
    }))
}

pub fn encode(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// An APP1 Exif segment: IFD0 holds an optional Orientation and a GPS IFD pointer; the GPS
/// IFD holds GPSLatitudeRef = "S".
pub fn exif_segment(orientation: Option<u16>) -> Vec<u8> {
    let mut entries: Vec<[u8; 12]> = Vec::new();
    if let Some(o) = orientation {
        let mut e = [0u8; 12];
        e[..8].copy_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        e[8..10].copy_from_slice(&o.to_be_bytes());
        entries.push(e);
    }
    // GPS IFD follows IFD0: 8 (header) + 2 + 12 * n + 4.
    let gps_offset = 8 + 2 + 12 * (entries.len() as u32 + 1) + 4;
    let mut gps = [0u8; 12];
    gps[..8].copy_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]);
    gps[8..].copy_from_slice(&gps_offset.to_be_bytes());
    entries.push(gps);

    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    entries.iter().for_each(|e| tiff.extend_from_slice(e));
    tiff.extend_from_slice(&[0; 4]);
    // GPS IFD: one entry, GPSLatitudeRef ASCII "S\0".
    tiff.extend_from_slice(&[0, 1, 0, 1, 0, 2, 0, 0, 0, 2, b'S', 0, 0, 0, 0, 0, 0, 0]);

    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&(payload.len() as u16 + 2).to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

/// A JPEG with the Exif segment spliced in right after SOI.
pub fn jpeg_with_exif(img: &DynamicImage, orientation: Option<u16>) -> Vec<u8> {
    let jpeg = encode(img, ImageFormat::Jpeg);
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&exif_segment(orientation));
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A tiny, well-formed PNG whose header declares `width`×`height` RGBA pixels.
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    // A valid zlib stream of a few zero bytes, nowhere near enough data.
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// RIFF....WEBP
pub fn is_webp(bytes: &[u8]) -> bool {
    bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP"
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
