//! Embeds come from an allow-list of providers and are stored as a URL, never as raw HTML.

use crate::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EmbedProvider {
    YouTube,
    X,
    Instagram,
}

/// A recognised embed: provider plus the id the renderer needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Embed {
    pub provider: EmbedProvider,
    pub id: String,
    /// The canonical URL to link to (readers without the embed still get a link).
    pub url: String,
}

fn id_ok(id: &str, max: usize) -> bool {
    !id.is_empty()
        && id.len() <= max
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl Embed {
    pub fn parse(s: &str) -> Result<Embed, ValidationError> {
        let err = || {
            ValidationError::new(
                "url",
                "unsupported embed: give a YouTube video, an X (Twitter) post or an Instagram post URL",
            )
        };
        let u = url::Url::parse(s.trim()).map_err(|_| err())?;
        if !matches!(u.scheme(), "http" | "https") {
            return Err(err());
        }
        let host = u
            .host_str()
            .unwrap_or("")
            .trim_start_matches("www.")
            .trim_start_matches("m.");
        let segs: Vec<&str> = u
            .path_segments()
            .map(|s| s.filter(|p| !p.is_empty()).collect())
            .unwrap_or_default();
        let (provider, id) = match (host, segs.as_slice()) {
            ("youtube.com", ["watch"]) => {
                let v = u
                    .query_pairs()
                    .find(|(k, _)| k == "v")
                    .map(|(_, v)| v.into_owned());
                (EmbedProvider::YouTube, v.ok_or_else(err)?)
            }
            ("youtube.com", ["shorts" | "embed", id]) | ("youtu.be", [id]) => {
                (EmbedProvider::YouTube, id.to_string())
            }
            ("twitter.com" | "x.com", [user, "status", id])
                if id_ok(user, 15) && id.bytes().all(|b| b.is_ascii_digit()) =>
            {
                (EmbedProvider::X, format!("{user}/status/{id}"))
            }
            ("instagram.com", ["p" | "reel", id]) => (EmbedProvider::Instagram, id.to_string()),
            _ => return Err(err()),
        };
        let max = if provider == EmbedProvider::X { 60 } else { 40 };
        if !id_ok(&id.replace("/status/", "-"), max) {
            return Err(err());
        }
        let url = match provider {
            EmbedProvider::YouTube => format!("https://www.youtube.com/watch?v={id}"),
            EmbedProvider::X => format!("https://x.com/{id}"),
            EmbedProvider::Instagram => format!("https://www.instagram.com/p/{id}/"),
        };
        Ok(Embed { provider, id, url })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_three_providers() {
        let y = Embed::parse("https://youtu.be/dQw4w9WgXcQ").unwrap();
        assert_eq!(
            (y.provider, y.id.as_str()),
            (EmbedProvider::YouTube, "dQw4w9WgXcQ")
        );
        let y2 = Embed::parse("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3").unwrap();
        assert_eq!(y2.id, "dQw4w9WgXcQ");
        let x = Embed::parse("https://twitter.com/antaranews/status/123456").unwrap();
        assert_eq!(x.url, "https://x.com/antaranews/status/123456");
        let i = Embed::parse("https://www.instagram.com/p/Cabc_12/").unwrap();
        assert_eq!(i.provider, EmbedProvider::Instagram);
    }

    #[test]
    fn refuses_other_urls_and_tricks() {
        for bad in [
            "https://evil.example/watch?v=x",
            "javascript:alert(1)",
            "https://youtube.com/watch?v=\"><script>",
            "https://x.com/a/status/12x",
            "not a url",
        ] {
            assert!(Embed::parse(bad).is_err(), "{bad}");
        }
    }
}
