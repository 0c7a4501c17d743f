//! "Terpopuler" counting: a page view never costs a database write. The beacon (`/b/{id}`)
//! adds one to an in-memory map keyed by article and hour; a task started with
//! `AppState::count_views` (`views_flush.rs`) adds the map to the database every [`FLUSH_EVERY`] (a crash
//! loses at most that much) and once more at shutdown. Each instance adds its own
//! increments, so the counts of several instances add up.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use warta_store::{VIEW_HOUR_MS, now_ms};

/// How often counts go to the database.
pub const FLUSH_EVERY: Duration = Duration::from_secs(2);
/// Distinct (article, hour) keys kept between flushes; more are dropped (a flood of made-up
/// ids must not grow memory without bound).
const MAX_KEYS: usize = 100_000;

#[derive(Default)]
pub struct ViewCounts(Mutex<HashMap<(i64, i64), i64>>);

impl ViewCounts {
    pub fn count(&self, article: i64) {
        let hour = now_ms() / VIEW_HOUR_MS;
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_KEYS && !map.contains_key(&(article, hour)) {
            return;
        }
        *map.entry((article, hour)).or_default() += 1;
    }

    pub(crate) fn take(&self) -> Vec<(i64, i64, i64)> {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.drain().map(|((a, h), n)| (a, h, n)).collect()
    }

    /// Put counts back after a failed flush, for the next one.
    pub(crate) fn restore(&self, views: Vec<(i64, i64, i64)>) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        for (a, h, n) in views {
            *map.entry((a, h)).or_default() += n;
        }
    }
}

/// A reader's user agent that belongs to a crawler, a link previewer, a tool or a
/// measurement (not counted). An empty one too.
pub fn is_bot(user_agent: &str) -> bool {
    const MARKS: &[&str] = &[
        "bot",
        "crawl",
        "spider",
        "slurp",
        "preview",
        "facebookexternalhit",
        "lighthouse",
        "headless",
        "curl/",
        "wget",
        "python",
        "go-http-client",
        "java/",
        "okhttp",
        "axios",
        "node-fetch",
        "libwww",
        "httpclient",
        "scrapy",
        "feedfetcher",
        "monitor",
        "pingdom",
        "uptime",
    ];
    let ua = user_agent.to_ascii_lowercase();
    ua.trim().is_empty() || MARKS.iter().any(|m| ua.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawlers_and_tools_are_not_readers() {
        for ua in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "facebookexternalhit/1.1",
            "curl/8.5.0",
            "",
            "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
        ] {
            assert!(is_bot(ua), "{ua}");
        }
        assert!(!is_bot(
            "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
        ));
    }

    #[test]
    fn counts_gather_by_article_and_hour_and_survive_a_failed_flush() {
        let c = ViewCounts::default();
        c.count(7);
        c.count(7);
        c.count(8);
        let mut v = c.take();
        v.sort();
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].0, v[0].2, v[1].0, v[1].2), (7, 2, 8, 1));
        assert!(c.take().is_empty());
        c.restore(v);
        c.count(8);
        let total: i64 = c.take().iter().map(|x| x.2).sum();
        assert_eq!(total, 4);
    }
}
