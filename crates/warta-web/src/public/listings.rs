//! Home, rubrik, tag, topic, author and Indeks pages.

use super::{HTML, PageQuery, Rendered, cached, page_context, paged_key};
use crate::cache::Dep;
use crate::error::AppError;
use crate::state::AppState;
use crate::{paths, views};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use jiff::civil::Date;
use warta_render::{ListingKind, ListingView};
use warta_store::{ListScope, Term};

const PER_PAGE: u32 = 20;

/// What a listing shows, before paging.
struct Listing {
    kind: ListingKind,
    title: String,
    description: String,
    path: String,
    feed: Option<String>,
    scope: ListScope,
    dep: Dep,
    date: Option<String>,
    /// A topic's page: its slug and name, for the search within it.
    topic: Option<(String, String)>,
}

async fn render_listing(app: &AppState, l: Listing, page: u32) -> Result<Rendered, AppError> {
    let (rows, total) = app
        .store()
        .list_articles(&l.scope.filter(), page, PER_PAGE)
        .await?;
    let pages = u64::try_from(total)
        .unwrap_or(0)
        .div_ceil(u64::from(PER_PAGE));
    let total_pages = u32::try_from(pages).unwrap_or(u32::MAX).max(1);
    if page > total_pages {
        return Err(AppError::not_found());
    }
    let last_modified = rows.iter().map(|r| r.updated_at).max().unwrap_or(0);
    let mut deps = vec![l.dep, Dep::Lists];
    deps.extend(rows.iter().map(|r| Dep::Article(r.id)));
    let items = views::teasers(app.store(), &rows).await?;
    let link = |p: u32| paged_key(&l.path, p);
    let view = ListingView {
        kind: l.kind,
        title: l.title,
        description: l.description,
        url: link(page),
        feed_url: l.feed,
        items,
        page,
        total_pages,
        prev_url: (page > 1).then(|| link(page - 1)),
        next_url: (page < total_pages).then(|| link(page + 1)),
        date: l.date,
        query: String::new(),
        total,
        filters: l
            .topic
            .map(|(topic, topic_name)| warta_render::SearchFilters {
                topic,
                topic_name,
                ..Default::default()
            }),
    };
    let ctx = page_context(app).await?;
    let body = app.renderer().listing_page(&ctx, &view)?;
    Ok(Rendered {
        body,
        content_type: HTML,
        last_modified,
        deps,
        fresh_for: None,
    })
}

async fn serve(
    app: AppState,
    headers: HeaderMap,
    q: PageQuery,
    l: Result<Listing, AppError>,
) -> Response {
    let listing = match (l, q.page()) {
        (Ok(l), Ok(page)) => Ok((l, page)),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match listing {
        Ok((l, page)) => {
            // "/indeks" shows today: key it by the day so midnight starts a new page.
            let key = match &l.date {
                Some(d) => format!("{} {d}", paged_key(&l.path, page)),
                None => paged_key(&l.path, page),
            };
            cached(&app, &headers, key, || render_listing(&app, l, page)).await
        }
        Err(e) => super::error_response(&app, e).await,
    }
}

pub async fn home(State(app): State<AppState>, headers: HeaderMap, q: PageQuery) -> Response {
    let site = app.renderer().site();
    let l = Listing {
        kind: ListingKind::Home,
        title: site.name.clone(),
        description: site.tagline.clone(),
        path: "/".into(),
        feed: Some("/rss.xml".into()),
        scope: ListScope::All,
        dep: Dep::Lists,
        date: None,
        topic: None,
    };
    serve(app, headers, q, Ok(l)).await
}

/// The listing of a rubrik, tag or topic.
async fn term_listing(app: &AppState, kind: Term, slug: &str) -> Result<Listing, AppError> {
    let t = super::term(app, kind, slug).await?;
    let page = super::TermPage::of(kind, &t);
    let described = |fallback: String| {
        if t.description.is_empty() {
            fallback
        } else {
            t.description.clone()
        }
    };
    let (kind, title, description) = match kind {
        Term::Rubrik => (
            ListingKind::Rubrik,
            format!("Rubrik {}", t.name),
            described(format!("Berita terbaru rubrik {}", t.name)),
        ),
        Term::Tag => (
            ListingKind::Tag,
            format!("Tag: {}", t.name),
            format!("Kumpulan berita dengan tag {}", t.name),
        ),
        Term::Topic => (
            ListingKind::Topic,
            t.name.clone(),
            described(format!("Perkembangan terbaru: {}", t.name)),
        ),
    };
    Ok(Listing {
        kind,
        title,
        description,
        feed: Some(format!("{}/rss.xml", page.path)),
        path: page.path,
        scope: page.scope,
        dep: page.dep,
        date: None,
        topic: (kind == ListingKind::Topic).then(|| (t.slug.clone(), t.name.clone())),
    })
}

/// A rubrik, tag or topic listing. The cache key follows from the URL alone, so a cached page
/// is served without looking the term up first; a miss looks it up and renders.
async fn serve_term(
    app: AppState,
    headers: HeaderMap,
    q: PageQuery,
    kind: Term,
    slug: String,
) -> Response {
    let page = match q.page() {
        Ok(p) => p,
        Err(e) => return super::error_response(&app, e).await,
    };
    let path = match kind {
        Term::Rubrik => paths::rubrik(&slug),
        Term::Tag => paths::tag(&slug),
        Term::Topic => paths::topic(&slug),
    };
    let key = paged_key(&path, page);
    cached(&app, &headers, key, || async {
        let l = term_listing(&app, kind, &slug).await?;
        render_listing(&app, l, page).await
    })
    .await
}

pub async fn rubrik(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    q: PageQuery,
) -> Response {
    serve_term(app, headers, q, Term::Rubrik, slug).await
}

pub async fn tag(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    q: PageQuery,
) -> Response {
    serve_term(app, headers, q, Term::Tag, slug).await
}

pub async fn topic(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    q: PageQuery,
) -> Response {
    serve_term(app, headers, q, Term::Topic, slug).await
}

pub async fn author(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    q: PageQuery,
) -> Response {
    let l = match app.store().user_by_slug(&slug).await {
        Ok(Some(u)) => Ok(Listing {
            kind: ListingKind::Author,
            title: u.name.clone(),
            description: if u.bio.is_empty() {
                format!("Berita karya {}", u.name)
            } else {
                u.bio.clone()
            },
            path: paths::author(&u.slug),
            feed: None,
            scope: ListScope::Author(u.id),
            dep: Dep::Author(u.id),
            date: None,
            topic: None,
        }),
        Ok(None) => Err(AppError::not_found()),
        Err(e) => Err(e.into()),
    };
    serve(app, headers, q, l).await
}

/// Indeks: every article published on one day (WIB), today by default.
pub async fn indeks(State(app): State<AppState>, headers: HeaderMap, q: PageQuery) -> Response {
    let l = indeks_listing(q.tanggal.as_deref());
    serve(app, headers, q, l).await
}

fn indeks_listing(tanggal: Option<&str>) -> Result<Listing, AppError> {
    let now = warta_store::now_ms();
    let date = match tanggal.map(str::trim).filter(|s| !s.is_empty()) {
        None => warta_core::wib_date(now),
        Some(s) => s
            .parse::<Date>()
            .map_err(|_| AppError::BadRequest("tanggal must be a date like 2026-03-01".into()))?,
    };
    let (start, end) = warta_core::day_range(date)
        .ok_or_else(|| AppError::BadRequest(format!("{date} is out of range")))?;
    let day = date.to_string();
    let label = warta_core::format_long_wib(start);
    let label = label.split(' ').take(4).collect::<Vec<_>>().join(" ");
    Ok(Listing {
        kind: ListingKind::Indeks,
        title: format!("Indeks Berita {label}"),
        description: format!("Semua berita yang terbit pada {label}"),
        path: if tanggal.is_some() {
            format!("/indeks?tanggal={day}")
        } else {
            "/indeks".into()
        },
        feed: None,
        scope: ListScope::Between(start, end),
        dep: Dep::Lists,
        date: Some(day),
        topic: None,
    })
}
