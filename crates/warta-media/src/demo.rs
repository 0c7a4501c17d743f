//! Deterministic illustrative pictures for demo content: a sky-to-horizon gradient, a sun,
//! a few soft translucent circles and rolling hill bands, with colours and shapes picked
//! from a hash of the seed (FNV-1a, stable across Rust versions, unlike `DefaultHasher`).

use std::io::Cursor;

use image::{ImageFormat, RgbImage};

/// Sides are clamped to this so a careless caller cannot ask for gigabytes.
const MAX_SIDE: u32 = 4096;

type Rgb = [f32; 3];

/// A deterministic PNG of `width`×`height` (each side clamped to 1..=4096) for `seed`.
pub fn demo_image(seed: &str, width: u32, height: u32) -> Vec<u8> {
    encode(&draw(seed, width, height), ImageFormat::Png)
}

/// The same picture as a JPEG (quality 90), as a newsroom photo would arrive.
pub fn demo_photo(seed: &str, width: u32, height: u32) -> Vec<u8> {
    let img = draw(seed, width, height);
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    match img.write_with_encoder(encoder) {
        Ok(()) => out,
        Err(e) => {
            tracing::error!(error = %e, "demo photo encoding failed");
            Vec::new()
        }
    }
}

fn draw(seed: &str, width: u32, height: u32) -> RgbImage {
    let (width, height) = (width.clamp(1, MAX_SIDE), height.clamp(1, MAX_SIDE));
    let scene = Scene::new(seed, width, height);
    RgbImage::from_fn(width, height, |x, y| {
        let [r, g, b] = scene.shade(x as f32 + 0.5, y as f32 + 0.5);
        image::Rgb([to_u8(r), to_u8(g), to_u8(b)])
    })
}

fn encode(img: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    match img.write_to(&mut out, format) {
        Ok(()) => out.into_inner(),
        Err(e) => {
            // Writing a well-formed RGB buffer to memory does not fail in practice.
            tracing::error!(error = %e, "demo image encoding failed");
            Vec::new()
        }
    }
}

struct Circle {
    x: f32,
    y: f32,
    r: f32,
    color: Rgb,
    alpha: f32,
}

struct Hill {
    base: f32,
    waves: [(f32, f32, f32); 2], // (amplitude, frequency, phase), in pixels and radians
    color: Rgb,
}

struct Scene {
    height: f32,
    horizon: f32,
    sky_top: Rgb,
    sky_low: Rgb,
    ground_top: Rgb,
    ground_low: Rgb,
    sun: Circle,
    circles: Vec<Circle>,
    hills: Vec<Hill>,
    /// Anti-aliasing width in pixels.
    aa: f32,
}

impl Scene {
    fn new(seed: &str, width: u32, height: u32) -> Self {
        let mut rng = Rng::new(seed);
        let (w, h) = (width as f32, height as f32);
        let unit = w.min(h);
        let hue = rng.range(0.0, 360.0);
        let warm = hue + rng.range(20.0, 60.0);
        let horizon = h * rng.range(0.55, 0.72);
        let sun = Circle {
            x: w * rng.range(0.15, 0.85),
            y: horizon * rng.range(0.3, 0.8),
            r: unit * rng.range(0.06, 0.12),
            color: hsl(warm + 10.0, 0.9, 0.85),
            alpha: 0.95,
        };
        let circles = (0..rng.int(3, 6))
            .map(|_| Circle {
                x: w * rng.range(0.0, 1.0),
                y: horizon * rng.range(0.05, 0.9),
                r: unit * rng.range(0.08, 0.25),
                color: hsl(hue + rng.range(-30.0, 30.0), 0.4, 0.92),
                alpha: rng.range(0.12, 0.3),
            })
            .collect();
        let hill_hue = hue + rng.range(140.0, 220.0);
        let hills = (0..rng.int(2, 4))
            .map(|i| {
                let depth = i as f32;
                Hill {
                    base: horizon + depth * (h - horizon) * 0.22 - unit * 0.04,
                    waves: [
                        (
                            unit * rng.range(0.02, 0.06),
                            rng.range(1.0, 3.0) / w,
                            rng.range(0.0, 6.3),
                        ),
                        (
                            unit * rng.range(0.005, 0.02),
                            rng.range(4.0, 9.0) / w,
                            rng.range(0.0, 6.3),
                        ),
                    ],
                    color: hsl(hill_hue + depth * 8.0, 0.35, 0.42 - depth * 0.08),
                }
            })
            .collect();
        Self {
            height: h,
            horizon,
            sky_top: hsl(hue, 0.55, 0.32),
            sky_low: hsl(warm, 0.65, 0.78),
            ground_top: hsl(hill_hue, 0.3, 0.5),
            ground_low: hsl(hill_hue, 0.3, 0.25),
            sun,
            circles,
            hills,
            aa: 1.5,
        }
    }

    fn shade(&self, x: f32, y: f32) -> Rgb {
        let mut c = if y < self.horizon {
            mix(self.sky_top, self.sky_low, (y / self.horizon).powf(1.4))
        } else {
            let t = (y - self.horizon) / (self.height - self.horizon).max(1.0);
            mix(self.ground_top, self.ground_low, t)
        };
        // The sun's glow, then its disc.
        let d = dist(x, y, self.sun.x, self.sun.y);
        let glow = (1.0 - d / (self.sun.r * 4.0)).max(0.0).powi(2) * 0.35;
        c = mix(c, self.sun.color, glow);
        c = mix(
            c,
            self.sun.color,
            self.sun.alpha * self.coverage(self.sun.r - d),
        );
        for circle in &self.circles {
            let edge = circle.r - dist(x, y, circle.x, circle.y);
            let soft = smoothstep(0.0, circle.r * 0.5, edge);
            c = mix(c, circle.color, circle.alpha * soft);
        }
        for hill in &self.hills {
            let ridge = hill.base
                + hill
                    .waves
                    .iter()
                    .map(|&(amp, freq, phase)| {
                        amp * (x * freq * std::f32::consts::TAU + phase).sin()
                    })
                    .sum::<f32>();
            c = mix(c, hill.color, self.coverage(y - ridge));
        }
        c
    }

    /// 0 outside, 1 inside, smooth across the edge (`signed` > 0 means inside).
    fn coverage(&self, signed: f32) -> f32 {
        smoothstep(-self.aa * 0.5, self.aa * 0.5, signed)
    }
}

/// splitmix64 seeded with FNV-1a of the seed string.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Self {
        let hash = seed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Self(hash)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        let unit = (self.next() >> 40) as f32 / (1u64 << 24) as f32;
        lo + (hi - lo) * unit
    }

    /// Uniform in [lo, hi).
    fn int(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo)) as u32
    }
}

fn hsl(hue: f32, s: f32, l: f32) -> Rgb {
    let h = hue.rem_euclid(360.0) / 60.0;
    let chroma = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = chroma * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (chroma, x, 0.0),
        1 => (x, chroma, 0.0),
        2 => (0.0, chroma, x),
        3 => (0.0, x, chroma),
        4 => (x, 0.0, chroma),
        _ => (chroma, 0.0, x),
    };
    let m = l - chroma / 2.0;
    [r + m, g + m, b + m]
}

fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| a[i] + (b[i] - a[i]) * t)
}

fn smoothstep(lo: f32, hi: f32, v: f32) -> f32 {
    let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

fn dist(x0: f32, y0: f32, x1: f32, y1: f32) -> f32 {
    (x0 - x1).hypot(y0 - y1)
}

fn to_u8(v: f32) -> u8 {
    (v.clamp(0.0, 1.0) * 255.0).round() as u8
}

#[cfg(test)]
mod tests {
    use super::demo_image;

    #[test]
    fn demo_image_is_a_png_of_the_asked_size() {
        let png = demo_image("berita-1", 320, 180);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let img = image::load_from_memory(&png).unwrap();
        assert_eq!((img.width(), img.height()), (320, 180));
    }

    #[test]
    fn demo_photo_is_a_jpeg_of_the_same_picture() {
        let jpeg = super::demo_photo("berita-1", 320, 180);
        assert!(jpeg.starts_with(&[0xFF, 0xD8]));
        let photo = image::load_from_memory(&jpeg).unwrap().to_rgb8();
        let png = image::load_from_memory(&demo_image("berita-1", 320, 180))
            .unwrap()
            .to_rgb8();
        assert_eq!(photo.dimensions(), (320, 180));
        // JPEG blurs hard edges (chroma subsampling), so compare on average.
        let total: u64 = photo
            .pixels()
            .zip(png.pixels())
            .map(|(a, b)| {
                (0..3)
                    .map(|i| u64::from(a.0[i].abs_diff(b.0[i])))
                    .sum::<u64>()
            })
            .sum();
        let mean = total as f64 / (320.0 * 180.0 * 3.0);
        assert!(mean < 3.0, "mean difference {mean}");
    }

    #[test]
    fn demo_image_is_deterministic_and_depends_on_the_seed() {
        assert_eq!(demo_image("a", 64, 48), demo_image("a", 64, 48));
        assert_ne!(demo_image("a", 64, 48), demo_image("b", 64, 48));
    }

    #[test]
    fn demo_image_is_not_flat() {
        let img = image::load_from_memory(&demo_image("x", 200, 120))
            .unwrap()
            .to_rgb8();
        let distinct: std::collections::HashSet<_> = img.pixels().map(|p| p.0).collect();
        assert!(distinct.len() > 50, "only {} colours", distinct.len());
    }
}
