//! Story forms: what kind of article it is (news, a fact check, paid content, one of the
//! outlet's own pages) and the fact check a `factcheck` carries.

use crate::{ValidationError, bounded, http_url};

/// The kind of an article. Everything but `page` is a story in the news flow; `page` is one of
/// the outlet's own pages (`/halaman/{slug}`: Redaksi, Pedoman Media Siber, …), left out of
/// feeds, lists, the news sitemap and search.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    #[default]
    News,
    /// "Cek Fakta": carries a [`FactCheck`] with a verdict.
    Factcheck,
    /// Paid content, labelled "Advertorial" on every list and page (the press council's
    /// cyber-media guideline).
    Advertorial,
    /// One of the outlet's own pages.
    Page,
}

const KINDS: &str = "news, factcheck, advertorial, page";

impl ArticleKind {
    pub const ALL: [ArticleKind; 4] = [
        ArticleKind::News,
        ArticleKind::Factcheck,
        ArticleKind::Advertorial,
        ArticleKind::Page,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::News => "news",
            ArticleKind::Factcheck => "factcheck",
            ArticleKind::Advertorial => "advertorial",
            ArticleKind::Page => "page",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        ArticleKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| ValidationError::new("kind", format!("unknown kind '{s}' ({KINDS})")))
    }

    /// Stories appear in feeds, lists, the news sitemap and search; pages do not.
    pub fn is_story(self) -> bool {
        self != ArticleKind::Page
    }
}

/// The verdicts every outlet has; a setting can add more (`fact_check_verdicts`).
pub const DEFAULT_VERDICTS: [&str; 6] = [
    "SALAH",
    "KELIRU",
    "MENYESATKAN",
    "SEBAGIAN BENAR",
    "BENAR",
    "HOAKS",
];

/// A reference ("Rujukan") a fact check relies on.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// Absolute http(s) URL.
    #[schema(min_length = 1, max_length = 2000)]
    pub url: String,
}

/// The claim a `factcheck` article checks and what it found. While a draft, any part may be
/// empty; publishing needs the claim and the verdict.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(deny_unknown_fields)]
pub struct FactCheck {
    /// The claim as it circulated.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub claim: String,
    /// Who made or spread it.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub claimant: String,
    /// Where it appeared: an absolute http(s) URL, or empty.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub appeared_in: String,
    /// One of the outlet's verdicts (by default SALAH, KELIRU, MENYESATKAN, SEBAGIAN BENAR,
    /// BENAR, HOAKS), or empty in a draft.
    #[serde(default)]
    #[schema(max_length = 40)]
    pub verdict: String,
    #[serde(default)]
    pub references: Vec<Reference>,
}

impl FactCheck {
    /// Check every part: bounded plain text, http(s) URLs, a verdict from `verdicts` (compared
    /// without case; stored as the vocabulary spells it). Fields are named
    /// `fact_check/references/2/url`.
    pub fn parse(input: &FactCheck, verdicts: &[String]) -> Result<FactCheck, ValidationError> {
        let at = |e: ValidationError| e.within("fact_check");
        let claim = bounded("claim", &input.claim, 0, 1_000).map_err(at)?;
        let claimant = bounded("claimant", &input.claimant, 0, 200).map_err(at)?;
        let appeared_in = match input.appeared_in.trim() {
            "" => String::new(),
            u => http_url("appeared_in", u).map_err(at)?,
        };
        let verdict = match input.verdict.trim() {
            "" => String::new(),
            v => verdicts
                .iter()
                .find(|known| known.eq_ignore_ascii_case(v))
                .cloned()
                .ok_or_else(|| {
                    at(ValidationError::new(
                        "verdict",
                        format!(
                            "unknown verdict '{v}'; choose one of: {}",
                            verdicts.join(", ")
                        ),
                    ))
                })?,
        };
        if input.references.len() > 30 {
            return Err(at(ValidationError::new(
                "references",
                "at most 30 references",
            )));
        }
        let references = input
            .references
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let within = |e: ValidationError| e.within(&format!("fact_check/references/{i}"));
                Ok(Reference {
                    name: bounded("name", &r.name, 1, 200).map_err(within)?,
                    url: http_url("url", r.url.trim()).map_err(within)?,
                })
            })
            .collect::<Result<Vec<_>, ValidationError>>()?;
        Ok(FactCheck {
            claim,
            claimant,
            appeared_in,
            verdict,
            references,
        })
    }

    /// What publishing needs: the claim and the verdict.
    pub fn check_publishable(&self) -> Result<(), ValidationError> {
        if self.claim.trim().is_empty() {
            return Err(ValidationError::new(
                "fact_check/claim",
                "a fact check needs the claim before publishing",
            ));
        }
        if self.verdict.trim().is_empty() {
            return Err(ValidationError::new(
                "fact_check/verdict",
                "a fact check needs a verdict before publishing",
            ));
        }
        Ok(())
    }
}

/// The verdict vocabulary: the defaults, then the outlet's own (upper-cased, blanks and
/// repeats dropped).
pub fn verdict_vocabulary(extra: &[String]) -> Vec<String> {
    let mut out: Vec<String> = DEFAULT_VERDICTS.iter().map(|v| v.to_string()).collect();
    for v in extra {
        let v = v.trim().to_uppercase();
        if !v.is_empty() && v.chars().count() <= 40 && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_unknown_ones_are_refused() {
        for k in ArticleKind::ALL {
            assert_eq!(ArticleKind::parse(k.as_str()), Ok(k));
        }
        assert_eq!(ArticleKind::default(), ArticleKind::News);
        let e = ArticleKind::parse("opini").unwrap_err();
        assert_eq!(e.field, "kind");
        assert!(!ArticleKind::Page.is_story());
        assert!(ArticleKind::Advertorial.is_story());
    }

    #[test]
    fn fact_checks_take_known_verdicts_and_http_urls_only() {
        let verdicts = verdict_vocabulary(&["palsu".into(), " ".into(), "SALAH".into()]);
        assert_eq!(verdicts.len(), 7);
        assert_eq!(verdicts.last().map(String::as_str), Some("PALSU"));
        let mut f = FactCheck {
            claim: "Vaksin mengandung cip".into(),
            verdict: "salah".into(),
            appeared_in: "https://facebook.com/x".into(),
            references: vec![Reference {
                name: "WHO".into(),
                url: "https://who.int/".into(),
            }],
            ..Default::default()
        };
        let ok = FactCheck::parse(&f, &verdicts).unwrap();
        assert_eq!(ok.verdict, "SALAH");
        assert!(ok.check_publishable().is_ok());
        f.verdict = "Palsu".into();
        assert_eq!(FactCheck::parse(&f, &verdicts).unwrap().verdict, "PALSU");
        f.verdict = "NGAWUR".into();
        let e = FactCheck::parse(&f, &verdicts).unwrap_err();
        assert_eq!(e.field, "fact_check/verdict");
        f.verdict = "BENAR".into();
        f.references[0].url = "javascript:alert(1)".into();
        let e = FactCheck::parse(&f, &verdicts).unwrap_err();
        assert_eq!(e.field, "fact_check/references/0/url");
        f.references.clear();
        f.appeared_in = "ftp://x.example/".into();
        let e = FactCheck::parse(&f, &verdicts).unwrap_err();
        assert_eq!(e.field, "fact_check/appeared_in");
    }

    #[test]
    fn publishing_needs_claim_and_verdict() {
        let f = FactCheck {
            claim: "x".into(),
            ..Default::default()
        };
        assert_eq!(
            f.check_publishable().unwrap_err().field,
            "fact_check/verdict"
        );
        let f = FactCheck {
            verdict: "BENAR".into(),
            ..Default::default()
        };
        assert_eq!(f.check_publishable().unwrap_err().field, "fact_check/claim");
    }
}
