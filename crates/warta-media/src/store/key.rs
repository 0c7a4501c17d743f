/// Longest accepted key; real keys are like `"2026/11/42-1600.webp"`.
const MAX_KEY_LEN: usize = 512;

/// Whether `key` is a safe media key: relative, `/`-separated, made only of `[a-z0-9._-/]`,
/// with no empty segment (`a//b`, leading or trailing `/`), no `..`, and no segment starting
/// with `.` (hidden files, and the store's own temporary files, cannot be addressed).
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_LEN
        && !key.contains("..")
        && key
            .bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-' | b'/'))
        && key
            .split('/')
            .all(|segment| !segment.is_empty() && !segment.starts_with('.'))
}

/// The content type of a media file, by its key's extension.
pub fn mime_for_key(key: &str) -> &'static str {
    match key.rsplit('.').next() {
        Some("webp") => "image/webp",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("avif") => "image/avif",
        Some("gif") => "image/gif",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::{mime_for_key, valid_key};

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(mime_for_key("2026/11/a-800.webp"), "image/webp");
        assert_eq!(mime_for_key("2026/11/a-16x9.jpg"), "image/jpeg");
        assert_eq!(mime_for_key("2026/11/a-800.avif"), "image/avif");
        assert_eq!(mime_for_key("a.bin"), "application/octet-stream");
    }

    #[test]
    fn ordinary_keys_are_accepted() {
        for key in ["2026/11/42-1600.webp", "a.jpg", "x/y_z/0.png", "demo-1.png"] {
            assert!(valid_key(key), "{key}");
        }
    }

    #[test]
    fn unsafe_or_sloppy_keys_are_rejected() {
        for key in [
            "", "../x", "a/../b", "a..b", "/abs", "a//b", "a/", "A.JPG", "a b.png", "a\\b",
            ".hidden", "a/.tmp", "é.png", "a/./b",
        ] {
            assert!(!valid_key(key), "{key:?}");
        }
        assert!(!valid_key(&"a".repeat(MAX_KEY_LEN_PLUS_ONE)));
    }

    const MAX_KEY_LEN_PLUS_ONE: usize = super::MAX_KEY_LEN + 1;
}
