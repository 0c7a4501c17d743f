//! Times the media pipeline on a generated photo: `cargo run -p warta-media --example
//! media_timing [--release] -- [WIDTH HEIGHT]` (default 1600×900). Prints the upload step
//! (decode, WebP variants, crops, placeholder), the AVIF step, sizes, and the placeholder.

use std::time::Instant;

use warta_media::{MediaLimits, avif_variants, demo_photo, process_image};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<u32> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (width, height) = match args[..] {
        [w, h] => (w, h),
        _ => (1600, 900),
    };
    let photo = demo_photo("timing", width, height);
    let limits = MediaLimits::default();
    println!("input: {width}×{height} JPEG, {} bytes", photo.len());

    let started = Instant::now();
    let p = process_image(&photo, &limits)?;
    println!(
        "upload step (decode, {} WebP variants, {} crops, placeholder): {:.0} ms",
        p.variants.len(),
        p.crops.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    for v in &p.variants {
        println!(
            "  webp {:>4}×{:<4} {:>7} bytes",
            v.width,
            v.height,
            v.bytes.len()
        );
    }
    for c in &p.crops {
        println!(
            "  crop {:>4} {:>4}×{:<4} {:>7} bytes",
            c.aspect.name(),
            c.image.width,
            c.image.height,
            c.image.bytes.len()
        );
    }
    let ph = p.placeholder.unwrap_or_default();
    println!("  placeholder: {} bytes as a data URI", ph.len());

    let started = Instant::now();
    let avif = avif_variants(&p.original.bytes, &limits)?;
    println!(
        "AVIF step ({} variants): {:.0} ms",
        avif.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    for v in &avif {
        println!(
            "  avif {:>4}×{:<4} {:>7} bytes",
            v.width,
            v.height,
            v.bytes.len()
        );
    }
    Ok(())
}
