//! Agency wire copy in the newsroom: configuring feeds (editors and admins) and "Jadikan
//! draf", which turns an item of the "Masuk" queue into a draft through the same path as
//! every other new article ([`Newsroom::create`]), with the agency as a cited source and the
//! agency's photo, with its credit, through the media ingest. A photo that cannot be taken in
//! leaves the draft without it (logged), never fails the conversion.

use crate::error::{NewsroomError, Result, require};
use crate::input::NewArticle;
use crate::{ImageMeta, Newsroom};
use warta_core::{Capability, ValidationError};
use warta_store::{ArticleRow, NewWireFeed, Term, UserRow};

/// What an editor types to add a feed.
#[derive(Debug, Clone, Default)]
pub struct WireFeedInput {
    pub name: String,
    pub agency: String,
    pub url: String,
    pub kind: String,
    pub interval_minutes: String,
    /// The rubrik its drafts go into, by name; empty: the first rubrik of the menu.
    pub rubrik: String,
}

/// The feed kinds that are polled over HTTP.
pub const WIRE_KINDS: [&str; 3] = ["rss", "atom", "ninjs"];

const WHAT: &str = "configure wire feeds";

impl Newsroom {
    /// Add a feed (its first poll is queued with it).
    pub async fn add_wire_feed(&self, user: &UserRow, f: WireFeedInput) -> Result<i64> {
        require(user.role, Capability::Publish, WHAT)?;
        let text = |field: &str, v: &str| -> Result<String> {
            let v = v.trim();
            if v.is_empty() || v.chars().count() > 80 {
                return Err(ValidationError::new(field, "must have 1 to 80 characters").into());
            }
            Ok(v.to_string())
        };
        let name = text("name", &f.name)?;
        let agency = text("agency", &f.agency)?;
        let url = f.url.trim().to_string();
        let web = url::Url::parse(&url)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if !web || url.len() > 2000 {
            return Err(
                ValidationError::new("url", "must be an http:// or https:// address").into(),
            );
        }
        let kind = f.kind.trim().to_ascii_lowercase();
        if !WIRE_KINDS.contains(&kind.as_str()) {
            return Err(ValidationError::new("kind", "must be rss, atom or ninjs").into());
        }
        let interval = f
            .interval_minutes
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|m| (1..=1440).contains(m))
            .ok_or_else(|| {
                ValidationError::new(
                    "interval_minutes",
                    "must be a number of minutes from 1 to 1440",
                )
            })?;
        let feed = NewWireFeed {
            name,
            agency,
            url,
            kind,
            interval_minutes: interval,
            rubrik_id: self.feed_rubrik(&f.rubrik).await?,
        };
        match self.store.add_wire_feed(&feed, Some(user.id)).await {
            Err(warta_store::StoreError::Conflict(_)) => Err(NewsroomError::Conflict(
                "a feed with this address is configured already".into(),
            )),
            r => Ok(r?),
        }
    }

    /// Set the rubrik feed `id`'s drafts go into (by name; empty: the menu's first).
    pub async fn set_wire_feed_rubrik(&self, user: &UserRow, id: i64, rubrik: &str) -> Result<()> {
        require(user.role, Capability::Publish, WHAT)?;
        let rubrik_id = self.feed_rubrik(rubrik).await?;
        Ok(self
            .store
            .set_wire_feed_rubrik(id, rubrik_id, user.id)
            .await?)
    }

    /// The rubrik named `name` (none for an empty name).
    async fn feed_rubrik(&self, name: &str) -> Result<Option<i64>> {
        let name = name.trim();
        if name.is_empty() {
            return Ok(None);
        }
        match self.store.term_by_name(Term::Rubrik, name).await? {
            Some(r) => Ok(Some(r.id)),
            None => Err(ValidationError::new("rubrik", format!("unknown rubrik '{name}'")).into()),
        }
    }

    /// "Ambil sekarang": poll feed `id` at once.
    pub async fn poll_wire_now(&self, user: &UserRow, id: i64) -> Result<()> {
        require(user.role, Capability::Publish, WHAT)?;
        Ok(self.store.poll_wire_now(id).await?)
    }

    /// "Jadikan draf": a draft by `user` from wire item `id`, or the draft made from it
    /// before. Returns the draft and whether it was made now.
    pub async fn draft_from_wire(&self, user: &UserRow, id: i64) -> Result<(ArticleRow, bool)> {
        require(user.role, Capability::WriteOwn, "write articles")?;
        let item = self.store.wire_item(id).await?;
        if let Some(a) = item.article_id {
            return Ok((self.store.article_by_id(a).await?, false));
        }
        // The feed's rubrik, else the first of the menu.
        let rubriks = self.store.list_terms(Term::Rubrik).await?;
        let rubrik = item
            .feed_rubrik_id
            .and_then(|id| rubriks.iter().find(|r| r.id == id))
            .or(rubriks.first());
        let Some(rubrik) = rubrik else {
            return Err(ValidationError::new("rubrik", "make a rubrik first").into());
        };
        let hero = self.wire_photo(user, &item).await;
        let body: Vec<serde_json::Value> = item
            .body
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .take(200)
            .map(|p| serde_json::json!({"type": "paragraph", "text": escape(p)}))
            .collect();
        let source = match &item.link {
            Some(url) => serde_json::json!({"name": item.agency, "url": url}),
            None => serde_json::json!({"name": item.agency}),
        };
        let input = serde_json::json!({
            "headline": item.headline.chars().take(200).collect::<String>(),
            "dek": item.excerpt.chars().take(600).collect::<String>(),
            "rubrik": rubrik.name,
            "sources": [source],
            "hero": hero,
            "body": body,
        });
        let input: NewArticle = serde_json::from_value(input).map_err(|e| {
            NewsroomError::Conflict(format!("the wire item cannot become a draft: {e}"))
        })?;
        let write = self.new_write(user, input).await?;
        // The draft and the item's link commit together: of two clicks at the same instant
        // one makes the draft and the other gets it.
        match self
            .store
            .create_article_from_wire(id, &write, user.id)
            .await
        {
            Ok(Ok(draft)) => Ok((draft, true)),
            Ok(Err(other)) => Ok((self.store.article_by_id(other).await?, false)),
            // The other click's draft took the same address first (PostgreSQL).
            Err(e) => match self.store.wire_item(id).await?.article_id {
                Some(other) => Ok((self.store.article_by_id(other).await?, false)),
                None => Err(e.into()),
            },
        }
    }

    /// The item's photo taken in as the draft's hero, with the agency's caption and credit.
    async fn wire_photo(
        &self,
        user: &UserRow,
        item: &warta_store::WireItemRow,
    ) -> serde_json::Value {
        let Ok(Some((_, bytes))) = self.store.wire_photo(item.id).await else {
            return serde_json::Value::Null;
        };
        let caption: String = item.photo_caption.chars().take(1000).collect();
        let credit: String = item.photo_credit.chars().take(200).collect();
        let alt: String = if caption.is_empty() {
            item.headline.clone()
        } else {
            caption.clone()
        };
        let meta = ImageMeta {
            caption: caption.clone(),
            credit: credit.clone(),
            alt: alt.chars().take(1000).collect(),
            uploaded_by: Some(user.id),
        };
        match self.ingest_image(bytes, meta).await {
            Ok(m) => serde_json::json!({
                "media_id": m.id, "caption": caption, "credit": credit,
                "alt": alt.chars().take(1000).collect::<String>(),
            }),
            Err(e) => {
                tracing::warn!(item = item.id, error = %e, "the agency photo was not taken in");
                serde_json::Value::Null
            }
        }
    }
}

/// Paragraph text is HTML: the agency's plain text escaped.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
