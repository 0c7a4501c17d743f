//! Surrogate keys: every cached page names the content it shows, in a `Surrogate-Key` header
//! (Varnish, Fastly) and a `Cache-Tag` header (Cloudflare), so a CDN in front can keep pages
//! and drop exactly those a change touched. The keys are the page cache's own dependencies
//! ([`Dep`]) written as words, plus the kind of response and `all`:
//! `all pages article-12 rubrik-3 tag-7 topic-2 author-1 lists home`.
//!
//! When content changes here, [`Purger::purge`] enqueues a `CdnPurge` job with the keys of
//! what changed (changes seen from other instances are theirs to purge).

use crate::cache::Dep;
use axum::http::HeaderValue;

/// The key of one dependency.
pub fn key(dep: &Dep) -> String {
    match dep {
        Dep::Article(id) => format!("article-{id}"),
        Dep::Rubrik(id) => format!("rubrik-{id}"),
        Dep::Tag(id) => format!("tag-{id}"),
        Dep::Topic(id) => format!("topic-{id}"),
        Dep::Author(id) => format!("author-{id}"),
        Dep::Lists => "lists".into(),
        Dep::Home => "home".into(),
        Dep::All => "all".into(),
    }
}

/// What kind of response a content type is: `pages`, `feeds` or `sitemaps`.
fn kind(content_type: &str) -> &'static str {
    if content_type.starts_with("application/rss") || content_type.starts_with("application/atom") {
        "feeds"
    } else if content_type.starts_with("application/xml") {
        "sitemaps"
    } else {
        "pages"
    }
}

/// Every key of a page, each once, separated by `sep`.
pub fn keys(deps: &[Dep], content_type: &str, sep: char) -> String {
    let mut keys = vec!["all".to_string(), kind(content_type).to_string()];
    for k in deps.iter().map(key) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.join(&sep.to_string())
}

/// The header value; keys are ASCII words, so it is always valid.
pub fn header(deps: &[Dep], content_type: &str, sep: char) -> HeaderValue {
    HeaderValue::try_from(keys(deps, content_type, sep)).unwrap_or(HeaderValue::from_static("all"))
}

/// Enqueues CDN purges for changes made on this instance.
#[derive(Clone)]
pub struct Purger {
    enabled: bool,
    store: warta_store::Store,
    jobs: warta_jobs::WartaRunner,
}

impl Purger {
    pub fn new(enabled: bool, store: warta_store::Store, jobs: warta_jobs::WartaRunner) -> Self {
        Purger {
            enabled,
            store,
            jobs,
        }
    }

    /// Purge the CDN's copies of the pages that show `deps` (when a CDN is configured). The
    /// job is enqueued in the background: the change is already committed, and a failed
    /// enqueue only leaves CDN copies to expire on their own (`s-maxage`).
    pub fn purge(&self, deps: &[Dep]) {
        if !self.enabled || deps.is_empty() {
            return;
        }
        let mut keys: Vec<String> = deps.iter().map(key).collect();
        keys.sort();
        keys.dedup();
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let me = self.clone();
        rt.spawn(async move {
            match warta_jobs::CdnPurge::enqueue(&me.store, keys).await {
                Ok(_) => me.jobs.wake(),
                Err(e) => tracing::warn!(error = %e, "could not enqueue a CDN purge"),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_lists_each_key_once_with_its_kind() {
        let deps = [Dep::Article(5), Dep::Rubrik(2), Dep::Lists, Dep::Article(5)];
        assert_eq!(
            keys(&deps, "text/html; charset=utf-8", ' '),
            "all pages article-5 rubrik-2 lists"
        );
        assert_eq!(
            keys(&[Dep::Lists], "application/rss+xml; charset=utf-8", ','),
            "all,feeds,lists"
        );
        assert_eq!(
            keys(&[Dep::Lists], "application/xml; charset=utf-8", ' '),
            "all sitemaps lists"
        );
    }

    #[test]
    fn every_key_is_a_plain_word() {
        let deps = [
            Dep::Article(1),
            Dep::Rubrik(2),
            Dep::Tag(3),
            Dep::Topic(4),
            Dep::Author(5),
            Dep::Lists,
            Dep::Home,
            Dep::All,
        ];
        for d in &deps {
            assert!(warta_jobs::valid_key(&key(d)), "{d:?}");
        }
    }
}
