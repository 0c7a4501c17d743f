//! `/cari?q=`: the reader's search page over this instance's search index (published
//! articles only, see `warta_search`), with filters (rubrik, `from`/`to` dates in WIB),
//! order (`sort=relevance|newest`), paging and a highlighted snippet per hit. Any query
//! answers a normal page: words the index cannot use are ignored, unusable filters too.
//!
//! Search pages are not kept in the page cache: every different query would be a new entry
//! and could push the hot pages out. They are rendered per request and carry a short
//! shared-cache lifetime so a CDN absorbs a burst of the same query.

use super::{HTML, PageQuery, page_context, paged_key};
use crate::error::AppError;
use crate::found::{SearchParams, search as run};
use crate::paths::urlencode;
use crate::state::AppState;
use crate::views;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use warta_render::{ListingKind, ListingView, SearchFilters};
use warta_store::Term;

const PER_PAGE: u32 = 20;
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
            // Rendered now: that is its modification time.
            let now = warta_store::now_ms();
            let wanted = crate::respond::wanted(&headers);
            let page = crate::cache::Page::build_with(HTML, body, now, Vec::new(), wanted);
            crate::respond::send_page(&page, &headers, SEARCH_CACHE_CONTROL)
        }
        Err(e) => super::error_response(&app, e).await,
    }
}

/// `/cari?…` for these parameters (empty ones left out).
fn path_of(p: &SearchParams, understood: &str) -> String {
    let mut parts = Vec::new();
    if !understood.is_empty() {
        parts.push(format!("q={}", urlencode(understood)));
    }
    let fields = [
        ("rubrik", &p.rubrik),
        ("from", &p.from),
        ("to", &p.to),
        ("sort", &p.sort),
        ("topik", &p.topic),
    ];
    for (name, v) in fields {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            parts.push(format!("{name}={}", urlencode(v)));
        }
    }
    if parts.is_empty() {
        "/cari".into()
    } else {
        format!("/cari?{}", parts.join("&"))
    }
}

async fn render(app: &AppState, q: &PageQuery) -> Result<String, AppError> {
    let page = q.page()?;
    let params = SearchParams {
        q: q.q.clone(),
        rubrik: q.rubrik.clone(),
        from: q.from.clone(),
        to: q.to.clone(),
        sort: q.sort.clone(),
        topic: q.topik.clone(),
    }
    .usable();
    let mut req = params
        .request(page, PER_PAGE)
        .map_err(|e| AppError::BadRequest(e.message()))?;
    // Within a topic; an unknown one is ignored.
    let topic = match params.topic.as_deref().filter(|t| !t.is_empty()) {
        Some(slug) => super::term(app, Term::Topic, slug).await.ok(),
        None => None,
    };
    req.topic_id = topic.as_ref().map(|t| t.id);
    let found = run(app, &req).await?;
    let total_pages = u32::try_from(
        found
            .total
            .min(warta_search::MAX_DEPTH)
            .div_ceil(PER_PAGE as usize),
    )
    .unwrap_or(u32::MAX)
    .max(1);
    if page > total_pages {
        return Err(AppError::not_found());
    }
    let path = path_of(&params, &found.understood);
    let link = |p: u32| paged_key(&path, p);
    let (rows, snippets): (Vec<_>, Vec<_>) = found.items.into_iter().unzip();
    let mut items = views::teasers(app.store(), &rows).await?;
    for (t, s) in items.iter_mut().zip(snippets) {
        t.snippet = Some(s);
    }
    let rubriks = app.store().list_terms(Term::Rubrik).await?;
    let query = found.understood;
    let view = ListingView {
        kind: ListingKind::Search,
        title: match (query.is_empty(), &topic) {
            (true, None) => "Cari berita".into(),
            (true, Some(t)) => format!("Cari dalam topik {}", t.name),
            (false, None) => format!("Hasil pencarian “{query}”"),
            (false, Some(t)) => format!("Hasil pencarian “{query}” dalam topik {}", t.name),
        },
        description: "Cari berita berdasarkan kata kunci di judul, ringkasan, isi, tag, topik, penulis dan keterangan foto."
            .into(),
        url: link(page),
        feed_url: None,
        items,
        page,
        total_pages,
        prev_url: (page > 1).then(|| link(page - 1)),
        next_url: (page < total_pages).then(|| link(page + 1)),
        date: None,
        query,
        total: i64::try_from(found.total).unwrap_or(i64::MAX),
        filters: Some(SearchFilters {
            q: q.q.clone().unwrap_or_default().chars().take(warta_search::MAX_QUERY_CHARS).collect(),
            rubrik: params.rubrik.clone().unwrap_or_default(),
            from: params.from.clone().unwrap_or_default(),
            to: params.to.clone().unwrap_or_default(),
            sort: params.sort.clone().unwrap_or_default(),
            rubriks: rubriks.into_iter().map(|r| (r.slug, r.name)).collect(),
            topic: topic.as_ref().map(|t| t.slug.clone()).unwrap_or_default(),
            topic_name: topic.map(|t| t.name).unwrap_or_default(),
        }),
    };
    let ctx = page_context(app).await?;
    Ok(app.renderer().listing_page(&ctx, &view)?)
}
