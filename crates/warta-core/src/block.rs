//! Article bodies are a list of typed blocks. Input arrives as JSON; [`Block::parse_body`]
//! checks every block and names the first bad one (`body/3/text`).

use crate::{Embed, ValidationError, bounded, sanitize_inline, strip_tags};

/// One block of an article body. The same shape is accepted by the API and stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// Text with optional `<b>`, `<i>` and `<a href>`; anything else is removed.
    Paragraph { text: String },
    Heading {
        text: String,
        #[serde(default = "default_level")]
        level: u8,
    },
    Quote {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    Image {
        media_id: i64,
        #[serde(default)]
        caption: String,
        #[serde(default)]
        credit: String,
        /// Text for readers who cannot see the photo; defaults to the media library's.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        alt: String,
    },
    /// "Baca juga": rendered with the target's current headline and URL.
    Related { article_id: i64 },
    List {
        #[serde(default)]
        ordered: bool,
        items: Vec<String>,
    },
    /// YouTube, X or Instagram URL.
    Embed { url: String },
    /// Ends a page of a long article: readers get `?page=N` with "Halaman 1 2 3" navigation.
    Pagebreak,
}

/// Alias kept for readability at API edges: input has the same shape before checking.
pub type BlockInput = serde_json::Value;
/// A list block's items, for renderers.
pub type ListBlock = Vec<String>;

fn default_level() -> u8 {
    2
}

const TYPES: &str = "paragraph, heading, quote, image, related, list, embed, pagebreak";

impl Block {
    /// Check a whole body. Unknown block types and malformed blocks are refused with the index.
    pub fn parse_body(values: &[BlockInput]) -> Result<Vec<Block>, ValidationError> {
        if values.len() > 500 {
            return Err(ValidationError::new("body", "at most 500 blocks"));
        }
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Block::parse(v).map_err(|e| e.within(&format!("body/{i}"))))
            .collect()
    }

    pub fn parse(value: &BlockInput) -> Result<Block, ValidationError> {
        let ty = value.get("type").and_then(|t| t.as_str());
        let block: Block = match ty {
            None => {
                return Err(ValidationError::new(
                    "type",
                    format!("missing block type ({TYPES})"),
                ));
            }
            Some(t) if !TYPES.split(", ").any(|k| k == t) => {
                return Err(ValidationError::new(
                    "type",
                    format!("unknown block type '{t}' ({TYPES})"),
                ));
            }
            Some(_) => serde_json::from_value(value.clone())
                .map_err(|e| ValidationError::new("", e.to_string()))?,
        };
        block.checked()
    }

    fn checked(self) -> Result<Block, ValidationError> {
        Ok(match self {
            Block::Paragraph { text } => {
                let text = sanitize_inline(&text);
                bounded("text", &text, 1, 20_000)?;
                Block::Paragraph { text }
            }
            Block::Heading { text, level } => {
                if !(2..=4).contains(&level) {
                    return Err(ValidationError::new(
                        "level",
                        "heading level must be 2, 3 or 4",
                    ));
                }
                Block::Heading {
                    text: bounded("text", &text, 1, 200)?,
                    level,
                }
            }
            Block::Quote { text, cite } => Block::Quote {
                text: bounded("text", &text, 1, 5_000)?,
                cite: match cite {
                    Some(c) if !c.trim().is_empty() => Some(bounded("cite", &c, 1, 200)?),
                    _ => None,
                },
            },
            Block::Image {
                media_id,
                caption,
                credit,
                alt,
            } => Block::Image {
                media_id,
                caption: bounded("caption", &caption, 0, 1_000)?,
                credit: bounded("credit", &credit, 0, 200)?,
                alt: bounded("alt", &alt, 0, 1_000)?,
            },
            Block::Related { article_id } => Block::Related { article_id },
            Block::List { ordered, items } => {
                if items.is_empty() || items.len() > 100 {
                    return Err(ValidationError::new("items", "a list has 1 to 100 items"));
                }
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| {
                        let clean = sanitize_inline(it);
                        bounded(&format!("items/{i}"), &clean, 1, 2_000)
                    })
                    .collect::<Result<_, _>>()?;
                Block::List { ordered, items }
            }
            Block::Embed { url } => Block::Embed {
                url: Embed::parse(&url)?.url,
            },
            Block::Pagebreak => Block::Pagebreak,
        })
    }

    /// The body split at its page breaks, empty pages left out (a break at the start, at the
    /// end or twice in a row makes no page). A body without breaks is one page.
    pub fn pages(body: &[Block]) -> Vec<&[Block]> {
        body.split(|b| matches!(b, Block::Pagebreak))
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// Plain text of the block for word counts, summaries and search.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Paragraph { text } => strip_tags(text),
            Block::Heading { text, .. } | Block::Quote { text, .. } => text.clone(),
            Block::List { items, .. } => items
                .iter()
                .map(|i| strip_tags(i))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Image { caption, .. } => caption.clone(),
            Block::Related { .. } | Block::Embed { .. } | Block::Pagebreak => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_types_are_refused_with_their_index() {
        let body = [
            json!({"type":"paragraph","text":"a"}),
            json!({"type":"video","src":"x"}),
        ];
        let err = Block::parse_body(&body).unwrap_err();
        assert_eq!(err.field, "body/1/type");
        assert!(err.message.contains("unknown block type 'video'"));
    }

    #[test]
    fn paragraphs_are_sanitised_and_plain_text_kept_literally() {
        let body = [
            json!({"type":"paragraph","text":"<b>Tebal</b><script>alert(1)</script>"}),
            json!({"type":"heading","text":"<i>Sub</i>judul"}),
        ];
        let out = Block::parse_body(&body).unwrap();
        assert_eq!(
            out[0],
            Block::Paragraph {
                text: "<b>Tebal</b>".into()
            }
        );
        assert_eq!(
            out[1],
            Block::Heading {
                text: "<i>Sub</i>judul".into(),
                level: 2
            }
        );
    }

    #[test]
    fn malformed_blocks_name_the_problem() {
        let e = Block::parse(&json!({"type":"related"})).unwrap_err();
        assert!(e.message.contains("article_id"), "{e}");
        let e = Block::parse(&json!({"type":"paragraph","text":"<script>x</script>"})).unwrap_err();
        assert_eq!(e.field, "text");
        let e = Block::parse(&json!({"type":"embed","url":"https://evil.example/x"})).unwrap_err();
        assert_eq!(e.field, "url");
        let e = Block::parse(&json!({"type":"heading","text":"x","level":1})).unwrap_err();
        assert_eq!(e.field, "level");
    }

    #[test]
    fn page_breaks_split_the_body_into_pages() {
        let body = Block::parse_body(&[
            json!({"type":"pagebreak"}),
            json!({"type":"paragraph","text":"satu"}),
            json!({"type":"pagebreak"}),
            json!({"type":"pagebreak"}),
            json!({"type":"paragraph","text":"dua"}),
            json!({"type":"paragraph","text":"dua lagi"}),
            json!({"type":"pagebreak"}),
        ])
        .unwrap();
        let pages = Block::pages(&body);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1].len(), 2);
        assert_eq!(
            serde_json::to_value(&body[0]).unwrap(),
            json!({"type":"pagebreak"})
        );
        assert_eq!(Block::pages(&body[1..2]).len(), 1);
    }

    #[test]
    fn blocks_round_trip_through_json() {
        let b = Block::Quote {
            text: "Kami siap".into(),
            cite: Some("Menlu".into()),
        };
        let v = serde_json::to_value(&b).unwrap();
        assert_eq!(v, json!({"type":"quote","text":"Kami siap","cite":"Menlu"}));
        assert_eq!(Block::parse(&v).unwrap(), b);
    }
}
