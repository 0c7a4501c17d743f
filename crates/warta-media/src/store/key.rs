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

#[cfg(test)]
mod tests {
    use super::valid_key;

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
