//! `/cari?q=`: the reader's search page. Results come from the store's full-text index
//! (published articles only, see `warta_store::search`).
//!
//! Search pages are not kept in the page cache: every different query would be a new entry
//! and could push the hot pages out. They are rendered per request (one index query and the
//! teasers) and carry a short shared-cache lifetime so a CDN absorbs a burst of the same query.

use super::{HTML, PageQuery, page_context, paged_key};
use crate::error::AppError;
use crate::state::AppState;
use crate::{paths, views};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use warta_render::{ListingKind, ListingView};

const PER_PAGE: u32 = 20;
/// Longest query text read; the rest is ignored.
const MAX_QUERY_CHARS: usize = 200;
/// Browsers 30 s, CDN 60 s; a new article shows up in searches within a minute.
const SEARCH_CACHE_CONTROL: &str = "public, max-age=30, s-maxage=60";

pub async fn search(State(app): State<AppState>, headers: HeaderMap, q: PageQuery) -> Response {
    // Searches have their own gate: a storm of them cannot take the article pages down.
    let _slot = match app.0.slots.search.enter().await {
        Ok(slot) => slot,
        Err(busy) => return super::error_response(&app, busy.into()).await,
    };
    match render(&app, &q).await {
        Ok(body) => {
            let page = crate::cache::Page::build_with(
                HTML,
                body,
                0,
                Vec::new(),
                crate::respond::wanted(&headers),
            );
            crate::respond::send_page(&page, &headers, SEARCH_CACHE_CONTROL)
        }
        Err(e) => super::error_response(&app, e).await,
    }
}

async fn render(app: &AppState, q: &PageQuery) -> Result<String, AppError> {
    let page = q.page()?;
    let text: String =
        q.q.as_deref()
            .unwrap_or("")
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect();
    let terms = warta_store::search_terms(&text);
    let (rows, total) = app.store().search(&text, page, PER_PAGE).await?;
    let total_pages = u32::try_from(
        u64::try_from(total)
            .unwrap_or(0)
            .div_ceil(u64::from(PER_PAGE)),
    )
    .unwrap_or(u32::MAX)
    .max(1);
    if page > total_pages {
        return Err(AppError::not_found());
    }
    let path = if terms.is_empty() {
        "/cari".to_string()
    } else {
        paths::search(&terms)
    };
    let link = |p: u32| paged_key(&path, p);
    let query = terms.join(" ");
    let view = ListingView {
        kind: ListingKind::Search,
        title: if query.is_empty() {
            "Cari berita".into()
        } else {
            format!("Hasil pencarian “{query}”")
        },
        description: "Cari berita berdasarkan kata kunci di judul, ringkasan dan isi berita."
            .into(),
        url: link(page),
        feed_url: None,
        items: views::teasers(app.store(), &rows).await?,
        page,
        total_pages,
        prev_url: (page > 1).then(|| link(page - 1)),
        next_url: (page < total_pages).then(|| link(page + 1)),
        date: None,
        query,
        total,
    };
    let ctx = page_context(app).await?;
    Ok(app.renderer().listing_page(&ctx, &view)?)
}
