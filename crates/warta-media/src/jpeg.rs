//! JPEG completeness: the decoder (zune-jpeg behind `image`) fills a cut-off scan with grey
//! and reports success, so a truncated upload would be published with its lower part missing.
//! This walks the file's marker structure and requires its end-of-image marker (`FF D9`).

use crate::MediaError;

/// The message a truncated upload gets (any format).
pub(crate) const TRUNCATED: &str = "the image file is incomplete (truncated)";

pub(crate) fn truncated() -> MediaError {
    MediaError::Corrupt(TRUNCATED.into())
}

/// Refuses a JPEG whose segments or scans stop before the end-of-image marker. Data after
/// the marker (some cameras append a trailer) is allowed.
pub(crate) fn check_complete(bytes: &[u8]) -> Result<(), MediaError> {
    if bytes.get(..2) != Some(&[0xFF, 0xD8][..]) {
        return Err(MediaError::Corrupt("not a JPEG (no start marker)".into()));
    }
    let mut i = 2;
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(i), bytes.get(i + 1)) else {
            return Err(truncated());
        };
        i += 2;
        match marker {
            0xD9 => return Ok(()),
            // Standalone markers carry no length.
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let len = match (bytes.get(i), bytes.get(i + 1)) {
            (Some(&hi), Some(&lo)) => usize::from(u16::from_be_bytes([hi, lo])),
            _ => return Err(truncated()),
        };
        if len < 2 || i + len > bytes.len() {
            return Err(truncated());
        }
        i += len;
        if marker == 0xDA {
            i = skip_scan(bytes, i).ok_or_else(truncated)?;
        }
    }
}

/// The index of the first marker after the entropy-coded data that starts at `i` (stuffed
/// `FF 00` bytes and restart markers belong to the scan).
fn skip_scan(bytes: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let at = i + bytes.get(i..)?.iter().position(|&b| b == 0xFF)?;
        match bytes.get(at + 1)? {
            0x00 | 0xD0..=0xD7 | 0xFF => i = at + 1,
            _ => return Some(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo() -> Vec<u8> {
        crate::demo_photo("jpeg-uji", 320, 240)
    }

    #[test]
    fn a_whole_jpeg_passes_and_may_carry_a_trailer() {
        let mut p = photo();
        assert!(check_complete(&p).is_ok());
        p.extend_from_slice(b"trailer from a camera");
        assert!(check_complete(&p).is_ok());
    }

    #[test]
    fn every_cut_is_refused() {
        let p = photo();
        for cut in [3, 20, p.len() / 3, p.len() / 2, p.len() - 3, p.len() - 1] {
            let err = check_complete(&p[..cut]).unwrap_err();
            assert!(err.to_string().contains(TRUNCATED), "cut at {cut}: {err}");
        }
    }
}
