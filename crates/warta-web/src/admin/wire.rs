//! `/admin/kawat`: the "Masuk" queue of agency copy (newest first, by feed), "Jadikan draf",
//! the items' photos, and `/admin/kawat/sumber`, where editors configure the feeds and see
//! their last errors. (`/admin/masuk` is the sign-in form, so the queue lives at "kawat",
//! the wire.)

use super::{CsrfForm, Staff, error_page, page};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use serde::Deserialize;
use warta_core::Capability;

const PER_PAGE: i64 = 30;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    sumber: String,
    page: String,
    ok: String,
}

/// `GET /admin/kawat?sumber=&page=`.
pub async fn wire_queue(
    State(app): State<AppState>,
    staff: Staff,
    Query(q): Query<QueueQuery>,
) -> Response {
    let run = async {
        let feed = q.sumber.parse::<i64>().ok();
        let page_no = q
            .page
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=10_000).contains(p))
            .unwrap_or(1);
        let rows = app
            .store()
            .wire_items(feed, PER_PAGE + 1, (page_no - 1) * PER_PAGE)
            .await?;
        let feeds = app.store().wire_feeds().await?;
        let link = |p: i64| match feed {
            Some(f) => format!("/admin/kawat?sumber={f}&page={p}"),
            None => format!("/admin/kawat?page={p}"),
        };
        let ctx = minijinja::context! {
            items => rows.iter().take(PER_PAGE as usize).map(item_value).collect::<Vec<_>>(),
            feeds => feeds.iter().map(|f| minijinja::context! { id => f.id, name => f.name.clone() }).collect::<Vec<_>>(),
            feed => feed,
            prev => (page_no > 1).then(|| link(page_no - 1)),
            next => (rows.len() as i64 > PER_PAGE).then(|| link(page_no + 1)),
            flash => flash(&staff, &q.ok),
        };
        let title = warta_admin::strings(staff.lang())["wire_queue"];
        Ok::<_, AppError>(page(&app, &staff, "wire.html", title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

fn flash(staff: &Staff, ok: &str) -> Option<&'static str> {
    let strings = warta_admin::strings(staff.lang());
    strings
        .get(format!("ok_{ok}").as_str())
        .copied()
        .filter(|_| ok.starts_with("wire_"))
}

pub(super) fn item_value(i: &warta_store::WireItemRow) -> Value {
    minijinja::context! {
        id => i.id, agency => i.agency.clone(), feed_name => i.feed_name.clone(),
        headline => i.headline.clone(), excerpt => i.excerpt.clone(), link => i.link.clone(),
        published_at => i.published_at, has_photo => i.has_photo == 1,
        photo_caption => i.photo_caption.clone(), photo_credit => i.photo_credit.clone(),
        article_id => i.article_id,
        paragraphs => i.body.split("\n\n").map(str::to_string).collect::<Vec<_>>(),
    }
}

/// `GET /admin/kawat/{id}/foto`: the agency's photo as fetched (newsroom only).
pub async fn wire_photo(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Response {
    match app.store().wire_photo(id).await {
        Ok(Some((mime, bytes))) if mime.starts_with("image/") => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&mime) {
                h.insert(header::CONTENT_TYPE, v);
            }
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            );
            res
        }
        Ok(_) => error_page(&app, Some(&staff), AppError::NotFound("not found".into())),
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}

/// `POST /admin/kawat/{id}/draf`: "Jadikan draf", then the editor.
pub async fn wire_draft(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<super::session::Empty>,
) -> Response {
    match app.newsroom().draft_from_wire(&staff.0.user, id).await {
        Ok((a, _)) => {
            // The photo's AVIF job was queued with it.
            app.jobs().wake();
            Redirect::to(&format!("/admin/artikel/{}?ok=wire_draft", a.id)).into_response()
        }
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}

/// `GET /admin/kawat/sumber`: the feeds, their state and last errors, and the form to add one.
pub async fn wire_feeds(
    State(app): State<AppState>,
    staff: Staff,
    Query(q): Query<QueueQuery>,
) -> Response {
    let run = async {
        staff.require(Capability::Publish, "configure wire feeds")?;
        let feeds = app.store().wire_feeds().await?;
        let rubriks = app.store().list_terms(warta_store::Term::Rubrik).await?;
        let rubrik_of = |id: Option<i64>| {
            let r = id.and_then(|id| rubriks.iter().find(|r| r.id == id));
            r.map(|r| r.name.clone()).unwrap_or_default()
        };
        let rows: Vec<Value> = feeds
            .iter()
            .map(|f| {
                minijinja::context! {
                    rubrik => rubrik_of(f.rubrik_id),
                    id => f.id, name => f.name.clone(), agency => f.agency.clone(),
                    url => f.url.strip_prefix("folder:").unwrap_or(&f.url).to_string(),
                    kind => f.kind.clone(), interval_minutes => f.interval_minutes,
                    items => f.items, last_ok_at => f.last_ok_at, next_poll_at => f.next_poll_at,
                    error_count => f.error_count,
                    last_error => f.last_error.as_deref().map(|e| localize_error(&staff, e)),
                    last_error_at => f.last_error_at,
                }
            })
            .collect();
        let ctx = minijinja::context! {
            feeds => rows, kinds => warta_newsroom::WIRE_KINDS, flash => flash(&staff, &q.ok),
            rubriks => rubriks.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
        };
        let title = warta_admin::strings(staff.lang())["wire_feeds"];
        Ok::<_, AppError>(page(&app, &staff, "wire_feeds.html", title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// A poll's error in the reader's language (a folder's errors, one per file, apart).
fn localize_error(staff: &Staff, e: &str) -> String {
    e.split("; ")
        .map(|part| warta_admin::localize(staff.lang(), part))
        .collect::<Vec<_>>()
        .join("; ")
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FeedForm {
    name: String,
    agency: String,
    url: String,
    kind: String,
    interval_minutes: String,
    rubrik: String,
}

/// `POST /admin/kawat/sumber`: add a feed.
pub async fn wire_feed_add(
    State(app): State<AppState>,
    staff: Staff,
    CsrfForm(f): CsrfForm<FeedForm>,
) -> Response {
    let input = warta_newsroom::WireFeedInput {
        name: f.name,
        agency: f.agency,
        url: f.url,
        kind: f.kind,
        interval_minutes: f.interval_minutes,
        rubrik: f.rubrik,
    };
    match app.newsroom().add_wire_feed(&staff.0.user, input).await {
        Ok(_) => {
            app.jobs().wake();
            Redirect::to("/admin/kawat/sumber?ok=wire_added").into_response()
        }
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}

/// `POST /admin/kawat/sumber/{id}/ambil`: "Ambil sekarang".
pub async fn wire_poll_now(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<super::session::Empty>,
) -> Response {
    match app.newsroom().poll_wire_now(&staff.0.user, id).await {
        Ok(()) => {
            app.jobs().wake();
            Redirect::to("/admin/kawat/sumber?ok=wire_polling").into_response()
        }
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RubrikForm {
    rubrik: String,
}

/// `POST /admin/kawat/sumber/{id}/rubrik`: the rubrik the feed's drafts go into.
pub async fn wire_feed_rubrik(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<RubrikForm>,
) -> Response {
    let set = app
        .newsroom()
        .set_wire_feed_rubrik(&staff.0.user, id, &f.rubrik);
    match set.await {
        Ok(()) => Redirect::to("/admin/kawat/sumber?ok=wire_rubrik").into_response(),
        Err(e) => error_page(&app, Some(&staff), e.into()),
    }
}
