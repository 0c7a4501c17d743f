//! Compact keys and ids for the import's lookup maps. A run keeps, per post of the file, its
//! old addresses (for "Baca juga" links) and its Warta id (for links and reruns): for an
//! export of a million posts those maps are the run's memory, so they hold a 128-bit digest
//! of each key instead of its text, and WordPress's numeric ids as numbers. Two keys share a
//! digest with a probability of about n²/2¹²⁹ (SHA-256, cut to 128 bits): never, for any
//! real export, and not by design either.

use sha2::{Digest, Sha256};
use std::fmt;

/// The digest of a key made of `parts` (each length-prefixed, so parts cannot run together).
pub(crate) fn key(parts: &[&str]) -> u128 {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let mut first = [0u8; 16];
    first.copy_from_slice(&h.finalize()[..16]);
    u128::from_le_bytes(first)
}

/// An item's id in the export: a number for WordPress's own (no allocation), else its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum PostId {
    Num(u64),
    Text(Box<str>),
}

impl PostId {
    pub(crate) fn new(id: &str) -> PostId {
        match id.parse::<u64>() {
            // Only the canonical spelling: "007" stays text, so it prints back as it was.
            Ok(n) if n.to_string() == id => PostId::Num(n),
            _ => PostId::Text(id.into()),
        }
    }
}

impl fmt::Display for PostId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PostId::Num(n) => write!(f, "{n}"),
            PostId::Text(t) => f.write_str(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_by_part_boundaries_and_ids_print_back_as_they_were() {
        assert_eq!(key(&["post", "12"]), key(&["post", "12"]));
        assert_ne!(key(&["post", "12"]), key(&["pos", "t12"]));
        assert_ne!(key(&["/2022/03/a"]), key(&["/2022/03/b"]));
        for id in ["12", "0", "007", "abc", "", "18446744073709551616"] {
            assert_eq!(PostId::new(id).to_string(), id);
        }
        assert_eq!(PostId::new("12"), PostId::Num(12));
        assert!(std::mem::size_of::<PostId>() <= 24);
    }
}
