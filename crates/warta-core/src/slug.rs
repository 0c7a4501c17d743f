use crate::ValidationError;

/// A URL path segment: lowercase ASCII letters, digits and single hyphens, 1–120 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

const MAX: usize = 120;
/// The longest slug derived from a headline.
pub const FROM_TITLE_MAX: usize = 80;

impl Slug {
    /// Accept a slug exactly as given, or explain why not.
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        if s.is_empty() {
            return Err(ValidationError::new("slug", "must not be empty"));
        }
        if s.len() > MAX {
            return Err(ValidationError::new(
                "slug",
                "must be at most 120 characters",
            ));
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(ValidationError::new(
                "slug",
                "may contain only a-z, 0-9 and '-'",
            ));
        }
        if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(ValidationError::new(
                "slug",
                "must not start or end with '-' or contain '--'",
            ));
        }
        Ok(Slug(s.to_string()))
    }

    /// Derive a slug from a headline or name: accents folded, everything else becomes '-'.
    /// At most [`FROM_TITLE_MAX`] characters, cut at a word boundary (a single longer word is
    /// cut inside). Returns `None` when nothing usable remains (e.g. only punctuation).
    pub fn from_title(title: &str) -> Option<Self> {
        let mut words: Vec<String> = vec![String::new()];
        for ch in title.chars().flat_map(fold) {
            if ch.is_ascii_alphanumeric() {
                if let Some(w) = words.last_mut() {
                    w.push(ch.to_ascii_lowercase());
                }
            } else if words.last().is_some_and(|w| !w.is_empty()) {
                words.push(String::new());
            }
        }
        let mut out = String::new();
        for w in words.iter().filter(|w| !w.is_empty()) {
            let extra = if out.is_empty() { w.len() } else { w.len() + 1 };
            if out.len() + extra > FROM_TITLE_MAX {
                if out.is_empty() {
                    out = w.chars().take(FROM_TITLE_MAX).collect();
                }
                break;
            }
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(w);
        }
        (!out.is_empty()).then_some(Slug(out))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `slug-2`, `slug-3`… for de-duplication.
    pub fn with_suffix(&self, n: u32) -> Slug {
        let base: String = self.0.chars().take(MAX - 8).collect();
        Slug(format!("{}-{n}", base.trim_end_matches('-')))
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Fold the Latin accents that appear in Indonesian text and loanwords to ASCII.
fn fold(c: char) -> impl Iterator<Item = char> {
    let s: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ß' => "ss",
        '&' => " dan ",
        _ => "",
    };
    let single = if s.is_empty() { Some(c) } else { None };
    s.chars().chain(single)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_from_indonesian_headline() {
        let s =
            Slug::from_title("Rusia & Ukraina: Perundingan di Jenewa Berakhir, Apa Selanjutnya?");
        assert_eq!(
            s.unwrap().as_str(),
            "rusia-dan-ukraina-perundingan-di-jenewa-berakhir-apa-selanjutnya"
        );
    }

    #[test]
    fn slug_folds_accents_and_rejects_empty() {
        assert_eq!(Slug::from_title("Café Gücü").unwrap().as_str(), "cafe-gucu");
        assert!(Slug::from_title("?!…").is_none());
    }

    #[test]
    fn parse_rejects_bad_slugs() {
        for bad in ["", "Ada-Huruf", "a--b", "-a", "a-", "a b", "a/b", "ünï"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(Slug::parse("banjir-padang-2026").is_ok());
    }

    #[test]
    fn long_headlines_are_cut_at_a_word_boundary() {
        let h = "Pemerintah Provinsi Jawa Barat Mengumumkan Rencana Pembangunan Jalan Tol Baru Menghubungkan Bandung dan Cirebon";
        let s = Slug::from_title(h).unwrap();
        assert_eq!(
            s.as_str(),
            "pemerintah-provinsi-jawa-barat-mengumumkan-rencana-pembangunan-jalan-tol-baru"
        );
        assert!(s.as_str().len() <= FROM_TITLE_MAX);
        assert!(
            h.to_lowercase()
                .replace(' ', "-")
                .starts_with(&format!("{}-", s.as_str()))
        );
        // One word longer than the limit is cut inside it, never left empty.
        let long = "a".repeat(100);
        assert_eq!(
            Slug::from_title(&long).unwrap().as_str().len(),
            FROM_TITLE_MAX
        );
        // Exactly 80 characters stays whole.
        let exact = format!("{} {}", "b".repeat(39), "c".repeat(40));
        assert_eq!(Slug::from_title(&exact).unwrap().as_str().len(), 80);
    }

    #[test]
    fn suffix_makes_unique_variants() {
        let s = Slug::parse("gempa").unwrap();
        assert_eq!(s.with_suffix(2).as_str(), "gempa-2");
    }
}
