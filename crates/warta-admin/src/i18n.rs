//! Interface strings: Bahasa Indonesia (default) and English. Templates read them as `t.key`.

use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Lang {
        if s.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

mod accounts;
mod pages;
mod wire;

/// (key, Bahasa Indonesia, English).
pub static STRINGS: LazyLock<Vec<(&str, &str, &str)>> =
    LazyLock::new(|| [pages::PAGES, accounts::ACCOUNTS, wire::WIRE].concat());

/// The strings of one language as a map for templates.
pub fn strings(lang: Lang) -> &'static BTreeMap<&'static str, &'static str> {
    static ID: OnceLock<BTreeMap<&str, &str>> = OnceLock::new();
    static EN: OnceLock<BTreeMap<&str, &str>> = OnceLock::new();
    match lang {
        Lang::Id => ID.get_or_init(|| STRINGS.iter().map(|(k, id, _)| (*k, *id)).collect()),
        Lang::En => EN.get_or_init(|| STRINGS.iter().map(|(k, _, en)| (*k, *en)).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_filled() {
        let mut keys: Vec<&str> = STRINGS.iter().map(|s| s.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate key");
        assert!(
            STRINGS
                .iter()
                .all(|(_, id, en)| !id.is_empty() && !en.is_empty())
        );
        assert_eq!(strings(Lang::En)["sign_in"], "Sign in");
        assert_eq!(strings(Lang::parse("xx"))["sign_in"], "Masuk");
    }
}
