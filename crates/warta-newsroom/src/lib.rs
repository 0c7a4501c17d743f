//! The newsroom's domain layer: article writes, the workflow, pending versions of published
//! stories, corrections, live entries and the permission rules, shared by every front end
//! (the JSON API, the newsroom pages, imports) and by jobs. No HTTP lives here: callers turn
//! their input into [`input`] types, call [`Newsroom`], and map [`NewsroomError`] to their
//! own answers. Every change that readers can see is told to [`warta_core::Events`].
//!
//! Error policy: every refusal is a typed [`NewsroomError`] whose message an editor
//! understands; store failures pass through as [`NewsroomError::Store`].

mod access;
mod articles;
mod correction;
mod error;
mod front;
mod home;
mod home_edit;
mod import_session;
mod imports;
pub mod input;
mod lookups;
mod mail;
mod media;
mod pending;
mod photos;
mod publishable;
mod replies;
mod resolve;
mod restore;
mod takedown;
mod taxonomy;
mod wire;

pub use access::{is_live, may_edit, may_read, may_read_history, may_stage, owns};
pub use articles::{SaveMode, Saved};
pub use error::{NewsroomError, Result, require};
pub use front::{Breaking, FrontPage, Section};
pub use home::{BreakingSlot, HomeSlots, MAX_HEADLINE, MAX_PICKS, Pin};
pub use home_edit::{HomeEdit, SlotList};
pub use import_session::ImportSession;
pub use imports::ImportedArticle;
pub use mail::MailConfig;
pub use media::{ImageMeta, MediaIngest};
pub use pending::Apply;
pub use photos::PhotoText;
pub use publishable::{check_publishable, slug_follows_headline};
pub use replies::ReplyInput;
pub use resolve::{parse_past_time, parse_time};
pub use restore::LeftOut;
pub use taxonomy::RubrikCreated;
pub use wire::{WIRE_KINDS, WireFeedInput};

use warta_core::{Change, Events, Touched};
use warta_store::{ArticleRow, Store};

/// The newsroom: a store and the hub its change events go to. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Newsroom {
    store: Store,
    events: Events,
    mail: MailConfig,
    media: MediaIngest,
    /// The fact-check verdicts this outlet uses (the defaults and its own).
    verdicts: std::sync::Arc<Vec<String>>,
}

impl Newsroom {
    pub fn new(store: Store, events: Events, mail: MailConfig, media: MediaIngest) -> Newsroom {
        Newsroom {
            store,
            events,
            mail,
            media,
            verdicts: std::sync::Arc::new(warta_core::verdict_vocabulary(&[])),
        }
    }

    /// Add the outlet's own fact-check verdicts to the defaults (setting `fact_check_verdicts`).
    pub fn with_verdicts(mut self, extra: &[String]) -> Newsroom {
        self.verdicts = std::sync::Arc::new(warta_core::verdict_vocabulary(extra));
        self
    }

    /// The fact-check verdicts editors choose from.
    pub fn verdicts(&self) -> &[String] {
        &self.verdicts
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn events(&self) -> &Events {
        &self.events
    }

    /// Tell listeners that `after` (and where it was before) changed for readers.
    fn changed(&self, before: Option<&ArticleRow>, after: &ArticleRow) {
        let mut t = touched(after);
        if let Some(b) = before {
            t = t.merge(touched(b));
        }
        self.events.emit(Change::Article(t));
        // The footer of every page links the outlet's published pages.
        let page = warta_core::ArticleKind::Page;
        if after.kind == page || before.is_some_and(|b| b.kind == page) {
            self.events.emit(Change::All);
        }
    }
}

/// What a change to `a` touches.
pub fn touched(a: &ArticleRow) -> Touched {
    Touched {
        article: a.id,
        rubriks: vec![a.rubrik.id],
        tags: a.tags.iter().map(|t| t.id).collect(),
        topics: a.topic.iter().map(|t| t.id).collect(),
        authors: a.authors.iter().map(|u| u.id).collect(),
    }
}
