//! The framing between the server and its `warta internal encode-avif` child: the child
//! writes `WAVF`, a big-endian u32 count, then per variant u32 width, u32 height, u32 length
//! and the AVIF bytes.

use warta_media::Encoded;

const MAGIC: &[u8; 4] = b"WAVF";

pub fn write_frames(variants: &[Encoded]) -> Vec<u8> {
    let size: usize = variants.iter().map(|v| v.bytes.len() + 12).sum();
    let mut out = Vec::with_capacity(8 + size);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(variants.len() as u32).to_be_bytes());
    for v in variants {
        out.extend_from_slice(&v.width.to_be_bytes());
        out.extend_from_slice(&v.height.to_be_bytes());
        out.extend_from_slice(&(v.bytes.len() as u32).to_be_bytes());
        out.extend_from_slice(&v.bytes);
    }
    out
}

/// Parse what [`write_frames`] wrote; an error names what is wrong (a truncated output).
pub fn read_frames(mut data: &[u8]) -> Result<Vec<Encoded>, String> {
    if data.get(..4) != Some(MAGIC.as_slice()) {
        return Err("the encoder's output does not start with WAVF".into());
    }
    data = &data[4..];
    let count = take_u32(&mut data)?;
    let mut out = Vec::new();
    for i in 0..count {
        let width = take_u32(&mut data)?;
        let height = take_u32(&mut data)?;
        let len = take_u32(&mut data)? as usize;
        if data.len() < len {
            return Err(format!("variant {i} is cut off"));
        }
        let (bytes, rest) = data.split_at(len);
        data = rest;
        out.push(Encoded {
            bytes: bytes.to_vec(),
            mime: "image/avif",
            ext: "avif",
            width,
            height,
        });
    }
    if !data.is_empty() {
        return Err("trailing bytes after the last variant".into());
    }
    Ok(out)
}

fn take_u32(data: &mut &[u8]) -> Result<u32, String> {
    let Some((head, rest)) = data.split_first_chunk::<4>() else {
        return Err("the encoder's output is cut off".into());
    };
    *data = rest;
    Ok(u32::from_be_bytes(*head))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant(width: u32, bytes: &[u8]) -> Encoded {
        Encoded {
            bytes: bytes.to_vec(),
            mime: "image/avif",
            ext: "avif",
            width,
            height: width / 2,
        }
    }

    #[test]
    fn frames_round_trip_and_truncation_is_an_error() {
        let data = write_frames(&[variant(480, b"abc"), variant(800, b"")]);
        let back = read_frames(&data).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!((back[0].width, back[0].height), (480, 240));
        assert_eq!(back[0].bytes, b"abc");
        assert!(back[1].bytes.is_empty());
        for cut in 0..data.len() {
            assert!(read_frames(&data[..cut]).is_err(), "cut at {cut}");
        }
        assert!(read_frames(&[data.as_slice(), b"x"].concat()).is_err());
    }
}
