//! Change events: what a change to the content touched, told to whoever keeps copies (the
//! page cache, live-blog streams, later search and CDN purges). The newsroom emits them on
//! [`Events`], whose listeners are plain functions called in order, so a cache is already
//! invalid when the request that changed the content is answered. Background jobs, which know
//! only ids, send [`Change::ArticleId`] and [`Change::Media`] on the job runner's channel,
//! which the web layer follows and resolves asynchronously.

use std::sync::{Arc, RwLock};

/// Everything one article change can make stale: the article and the lists it was or is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    pub article: i64,
    pub rubriks: Vec<i64>,
    pub tags: Vec<i64>,
    pub topics: Vec<i64>,
    pub authors: Vec<i64>,
}

impl Touched {
    /// Both sets together (before and after an edit that moved the article).
    pub fn merge(mut self, other: Touched) -> Touched {
        for (mine, theirs) in [
            (&mut self.rubriks, other.rubriks),
            (&mut self.tags, other.tags),
            (&mut self.topics, other.topics),
            (&mut self.authors, other.authors),
        ] {
            for id in theirs {
                if !mine.contains(&id) {
                    mine.push(id);
                }
            }
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// An article's public content or status changed.
    Article(Touched),
    /// A live article got a new entry (its readers' streams wake up).
    LiveEntry(Touched),
    /// An article's published content or status changed and only its id is known (e.g. the
    /// scheduler published it): listeners look up what it touches.
    ArticleId(i64),
    /// A photo's files changed (e.g. its AVIF variants are ready): every article using it.
    Media(i64),
    /// The curated front page changed (its slots were saved, or a pin or the breaking bar
    /// expired).
    Home,
    /// Anything may have changed (bulk loads).
    All,
}

type Listener = Arc<dyn Fn(&Change) + Send + Sync>;

/// The hub change events go through; cheap to clone (all clones share the listeners).
#[derive(Clone, Default)]
pub struct Events(Arc<RwLock<Vec<Listener>>>);

impl Events {
    pub fn new() -> Events {
        Events::default()
    }

    /// Call `f` for every change from now on.
    pub fn subscribe(&self, f: impl Fn(&Change) + Send + Sync + 'static) {
        // A poisoned lock means a listener panicked while subscribing; the list is still valid.
        let mut list = self.0.write().unwrap_or_else(|p| p.into_inner());
        list.push(Arc::new(f));
    }

    pub fn emit(&self, change: Change) {
        let list = self.0.read().unwrap_or_else(|p| p.into_inner()).clone();
        for f in list {
            f(&change);
        }
    }
}

impl std::fmt::Debug for Events {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Events")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn every_listener_hears_every_change() {
        let events = Events::new();
        let seen = Arc::new(AtomicUsize::new(0));
        for _ in 0..2 {
            let s = seen.clone();
            events.subscribe(move |_| {
                s.fetch_add(1, Ordering::SeqCst);
            });
        }
        events.clone().emit(Change::All);
        assert_eq!(seen.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn merging_keeps_each_list_once() {
        let a = Touched {
            article: 1,
            rubriks: vec![1],
            tags: vec![2, 3],
            ..Default::default()
        };
        let b = Touched {
            article: 1,
            rubriks: vec![4],
            tags: vec![3],
            ..Default::default()
        };
        let m = a.merge(b);
        assert_eq!(m.rubriks, vec![1, 4]);
        assert_eq!(m.tags, vec![2, 3]);
    }
}
