//! `GET /berita/{slug}/langsung`: a live article's new entries as server-sent events, for
//! live.js. Each event is `event: entri`, `id: <entry id>` and the entry's HTML fragment (the
//! same template as on the page). Never cached.
//!
//! A stream starts after `Last-Event-ID` (a browser reconnecting), else `?setelah=<id>` (the
//! newest entry on the reader's page), else the newest entry now. It wakes on this instance's
//! live events and polls the store every 5 s for entries written through another instance.

use super::error_response;
use crate::error::AppError;
use crate::state::AppState;
use crate::views;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::{broadcast, watch};
use warta_core::Status;

const POLL: Duration = Duration::from_secs(5);
const KEEP_ALIVE: Duration = Duration::from_secs(15);

pub async fn stream(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    match open(&app, &slug, query.as_deref(), &headers).await {
        Ok(follow) => {
            let events = futures_util::stream::unfold(follow, Follow::next);
            let sse = Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE));
            let mut res = sse.into_response();
            let h = res.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            // Proxies such as nginx must pass events on at once.
            h.insert("x-accel-buffering", HeaderValue::from_static("no"));
            res
        }
        Err(e) => error_response(&app, e).await,
    }
}

/// Check the article and set up the stream; entries missed since `after` are queued first.
async fn open(
    app: &AppState,
    slug: &str,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<Follow, AppError> {
    let requested = match last_event_id(headers) {
        Some(id) => Some(id),
        None => setelah(query)?,
    };
    let a = app
        .store()
        .article_by_slug(slug)
        .await?
        .filter(|a| a.status == Status::Published && a.live)
        .ok_or_else(AppError::not_found)?;
    // Subscribe before reading the store so that no entry falls in between.
    let events = app.live_events();
    let mut follow = Follow {
        app: app.clone(),
        article_id: a.id,
        after: 0,
        events,
        closing: app.closing(),
        poll: tokio::time::interval_at(tokio::time::Instant::now() + POLL, POLL),
        pending: VecDeque::new(),
    };
    follow
        .poll
        .set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    match requested {
        Some(after) => {
            follow.after = after;
            follow.fetch().await;
        }
        None => follow.after = app.store().newest_live_entry_id(a.id).await?,
    }
    Ok(follow)
}

/// A browser reconnecting says which event it saw last; anything unreadable is ignored.
fn last_event_id(headers: &HeaderMap) -> Option<i64> {
    headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// `?setelah=<entry id>`; other parameters are ignored, a bad number is a 400.
fn setelah(query: Option<&str>) -> Result<Option<i64>, AppError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
    match pairs.iter().find(|(k, _)| k == "setelah") {
        None => Ok(None),
        Some((_, v)) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or_else(|| AppError::BadRequest("setelah must be an entry id".into())),
    }
}

/// One reader's stream.
struct Follow {
    app: AppState,
    article_id: i64,
    /// The newest entry id already sent (or on the reader's page).
    after: i64,
    events: broadcast::Receiver<i64>,
    closing: watch::Receiver<bool>,
    poll: tokio::time::Interval,
    pending: VecDeque<Event>,
}

impl Follow {
    /// The next event, or `None` to end the stream (shutdown, or the article stopped being a
    /// published live article).
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Follow)> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some((Ok(e), self));
            }
            tokio::select! {
                _ = self.closing.wait_for(|closing| *closing) => return None,
                msg = self.events.recv() => match msg {
                    Ok(id) if id != self.article_id => continue,
                    // Lagged: some ids were missed, so look in the store to be sure.
                    Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = self.poll.tick() => {}
            }
            if !self.fetch().await {
                return None;
            }
        }
    }

    /// Queue the entries newer than `after`, oldest first (live.js puts each on top). False
    /// when the article is no longer a published live article. Store errors are logged and
    /// retried on the next wake-up.
    async fn fetch(&mut self) -> bool {
        let store = self.app.store();
        let rows = match store.live_entries(self.article_id, self.after).await {
            Ok(rows) if rows.is_empty() => return true,
            Ok(rows) => rows,
            Err(e) => {
                tracing::warn!(article = self.article_id, error = %e, "live stream: cannot read entries");
                return true;
            }
        };
        // An article withdrawn or taken out of live mode sends nothing more.
        match store.article_by_id(self.article_id).await {
            Ok(a) if a.status == Status::Published && a.live => {}
            Ok(_) => return false,
            Err(e) => {
                tracing::warn!(article = self.article_id, error = %e, "live stream: cannot read the article");
                return true;
            }
        }
        let entries = match views::live_entry_views(store, &rows).await {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(article = self.article_id, error = %e, "live stream: cannot resolve entries");
                return true;
            }
        };
        for e in entries.iter().rev() {
            self.after = self.after.max(e.id);
            match self.app.renderer().live_entry(e) {
                // SSE cannot carry carriage returns; newlines become separate `data:` lines.
                Ok(html) => self.pending.push_back(
                    Event::default()
                        .event("entri")
                        .id(e.id.to_string())
                        .data(html.trim_end().replace('\r', "")),
                ),
                Err(err) => {
                    tracing::error!(entry = e.id, error = %err, "live stream: entry failed to render");
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::setelah;

    #[test]
    fn setelah_is_an_entry_id() {
        assert_eq!(setelah(None).ok(), Some(None));
        assert_eq!(setelah(Some("utm_source=x")).ok(), Some(None));
        assert_eq!(setelah(Some("setelah=12")).ok(), Some(Some(12)));
        assert!(setelah(Some("setelah=-1")).is_err());
        assert!(setelah(Some("setelah=%3Cscript%3E")).is_err());
    }
}
