//! Checked text fields of an article.

use crate::ValidationError;

/// Trim and bound a plain-text field; control characters are refused.
pub fn bounded(field: &str, s: &str, min: usize, max: usize) -> Result<String, ValidationError> {
    let t = s.trim();
    let n = t.chars().count();
    if n < min {
        return Err(ValidationError::new(
            field,
            if min == 1 {
                "must not be empty".to_string()
            } else {
                format!("must be at least {min} characters")
            },
        ));
    }
    if n > max {
        return Err(ValidationError::new(
            field,
            format!("must be at most {max} characters (got {n})"),
        ));
    }
    if t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ValidationError::new(
            field,
            "must not contain control characters",
        ));
    }
    Ok(t.to_string())
}

macro_rules! text_type {
    ($(#[$m:meta])* $name:ident, $field:literal, $min:literal, $max:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn parse(s: &str) -> Result<Self, ValidationError> {
                bounded($field, s, $min, $max).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

text_type!(
    /// An article headline: plain text, 1–200 characters (JSON-LD shortens to 110).
    Headline, "headline", 1, 200
);
text_type!(
    /// The name of a rubrik, tag, topic or person.
    Name, "name", 1, 80
);
text_type!(
    /// The editor's sign-off closing the article: `(*)`, `(ant/rd)`.
    SignOff, "signoff", 0, 30
);

/// The dateline city, always in capitals: `JAKARTA`, `KUALA LUMPUR`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Dateline(String);

impl Dateline {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        let t = bounded("dateline", s, 0, 40)?;
        if !t
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '.' || c == '\'')
        {
            return Err(ValidationError::new(
                "dateline",
                "must be a place name (letters, spaces, '-', '.')",
            ));
        }
        Ok(Dateline(t.to_uppercase()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An agency or outlet the story cites.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Source {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The API's shape of a source, before checking.
pub type SourceInput = Source;

impl Source {
    pub fn parse(input: &SourceInput) -> Result<Self, ValidationError> {
        let name = bounded("name", &input.name, 1, 80)?;
        let url = match input
            .url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            None => None,
            Some(u) => Some(http_url("url", u)?),
        };
        Ok(Source { name, url })
    }
}

/// An absolute http(s) URL, or an error naming the field.
pub fn http_url(field: &str, s: &str) -> Result<String, ValidationError> {
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            Ok(u.to_string())
        }
        _ => Err(ValidationError::new(
            field,
            "must be an absolute http(s) URL",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_is_trimmed_and_bounded() {
        assert_eq!(
            Headline::parse("  Banjir di Padang  ").unwrap().as_str(),
            "Banjir di Padang"
        );
        assert!(Headline::parse("   ").is_err());
        assert!(Headline::parse(&"a".repeat(201)).is_err());
        assert!(Headline::parse("a\u{0}b").is_err());
    }

    #[test]
    fn dateline_is_capitalised() {
        assert_eq!(
            Dateline::parse("Kuala Lumpur").unwrap().as_str(),
            "KUALA LUMPUR"
        );
        assert!(Dateline::parse("<script>").is_err());
    }

    #[test]
    fn sources_need_http_urls() {
        let ok = Source::parse(&Source {
            name: "Antara".into(),
            url: Some("https://www.antaranews.com/".into()),
        });
        assert_eq!(ok.unwrap().name, "Antara");
        let bad = Source::parse(&Source {
            name: "TASS".into(),
            url: Some("javascript:alert(1)".into()),
        });
        assert_eq!(bad.unwrap_err().field, "url");
        let no_url = Source::parse(&Source {
            name: "Glavkom".into(),
            url: Some(" ".into()),
        })
        .unwrap();
        assert_eq!(no_url.url, None);
    }
}
