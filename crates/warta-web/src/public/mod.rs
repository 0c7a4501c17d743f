//! Reader-facing routes: pages, feeds, sitemaps, media and static files. Every page goes
//! through [`cached`], which serves from the page cache or renders, stores and serves.

mod article;
mod feeds;
mod files;
mod home;
mod listings;
mod live;
mod media_files;
mod old_paths;
mod paging;
mod popular;
mod search;
mod sitemaps;

pub use article::{article, outlet_page};
pub use feeds::{rubrik_feed, site_atom, site_rss, tag_feed, topic_feed};
pub use files::{
    favicon, healthz, live_script, logo, news_sitemap, readyz, robots, root_file, sitemap_index,
    stylesheet, time_script,
};
pub(crate) use files::{fingerprinted, text_asset};
pub use home::home;
pub use listings::{author, indeks, rubrik, tag, topic};
pub use live::stream as live_stream;
pub use media_files::media;
pub use old_paths::redirect_old_addresses;
pub use popular::{beacon, terpopuler, terpopuler_rubrik};
pub use search::search;

use crate::cache::{Dep, Encodings, Page};
use crate::error::AppError;
use crate::respond::{PAGE_CACHE_CONTROL, send_page};
use crate::state::AppState;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::future::Future;
use std::sync::Arc;
use warta_render::{Link, PageContext};
use warta_store::Term;

pub const HTML: &str = "text/html; charset=utf-8";
pub const XML: &str = "application/xml; charset=utf-8";
pub const RSS: &str = "application/rss+xml; charset=utf-8";
pub const ATOM: &str = "application/atom+xml; charset=utf-8";

/// A freshly rendered page with what it shows.
pub struct Rendered {
    pub body: String,
    pub content_type: &'static str,
    /// Newest content time on the page (ms), for Last-Modified.
    pub last_modified: i64,
    pub deps: Vec<Dep>,
    /// For pages that age without a content change (the 48-hour news sitemap): how long the
    /// cached copy stays valid.
    pub fresh_for: Option<std::time::Duration>,
}

const HIT: crate::metrics::ResultLabel = crate::metrics::ResultLabel { result: "hit" };
const MISS: crate::metrics::ResultLabel = crate::metrics::ResultLabel { result: "miss" };

/// Serve `key` from the cache, or render it with `render`, cache it and serve it.
pub async fn cached<F, Fut>(app: &AppState, headers: &HeaderMap, key: String, render: F) -> Response
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Rendered, AppError>>,
{
    let lookups = &app.0.metrics.cache;
    if let Some(page) = app.0.pages.get(&key) {
        lookups.get_or_create(&HIT).inc();
        return send_page(&page, headers, PAGE_CACHE_CONTROL);
    }
    let _flight = app.0.pages.single_flight(&key).await;
    if let Some(page) = app.0.pages.get(&key) {
        lookups.get_or_create(&HIT).inc();
        return send_page(&page, headers, PAGE_CACHE_CONTROL);
    }
    lookups.get_or_create(&MISS).inc();
    // Rendering is the bounded work: past the gate's queue, a 503 instead of a long wait.
    let _slot = match app.0.slots.work.enter().await {
        Ok(slot) => slot,
        Err(busy) => return error_response(app, busy.into()).await,
    };
    let seen = app.0.pages.generation();
    let started = std::time::Instant::now();
    let rendered = render().await;
    app.0
        .metrics
        .render
        .observe(started.elapsed().as_secs_f64());
    match rendered {
        Ok(r) => {
            let want = if app.0.pages.enabled() {
                Encodings::ALL
            } else {
                crate::respond::wanted(headers)
            };
            let mut page = Page::build_with(r.content_type, r.body, r.last_modified, r.deps, want);
            page.expires = r.fresh_for.map(|d| std::time::Instant::now() + d);
            let page = Arc::new(page);
            app.0.pages.insert(key, page.clone(), seen);
            send_page(&page, headers, PAGE_CACHE_CONTROL)
        }
        Err(e) => error_response(app, e).await,
    }
}

/// The outlet's own pages the footer links when they are published, in this order: the
/// masthead, the press council's cyber-media guideline, about, contact, privacy.
pub const OUTLET_PAGES: [&str; 5] = [
    "redaksi",
    "pedoman-media-siber",
    "tentang-kami",
    "kontak",
    "kebijakan-privasi",
];

/// Navigation for every page: the rubriks in menu order, and the footer's outlet pages.
pub async fn page_context(app: &AppState) -> Result<PageContext, AppError> {
    let nav = app
        .store()
        .list_terms(Term::Rubrik)
        .await?
        .into_iter()
        .map(|r| Link {
            url: crate::paths::rubrik(&r.slug),
            title: r.name,
        })
        .collect();
    let footer = app
        .store()
        .published_pages(&OUTLET_PAGES)
        .await?
        .into_iter()
        .map(|(slug, title)| Link {
            url: crate::paths::outlet_page(&slug),
            title,
        })
        .collect();
    Ok(PageContext {
        nav,
        footer,
        popular: Vec::new(),
    })
}

/// An HTML error page for readers (redirects stay redirects).
pub async fn error_response(app: &AppState, e: AppError) -> Response {
    let status = e.status();
    if let AppError::Moved(to) = &e {
        return (
            status,
            [
                (header::LOCATION, to.clone()),
                (header::CACHE_CONTROL, "public, max-age=3600".into()),
            ],
        )
            .into_response();
    }
    if status.is_server_error() && !matches!(e, AppError::Busy(_)) {
        tracing::error!(error = %e, "page failed");
    }
    let reason = match &e {
        AppError::Gone(Some(r)) => Some(r.as_str()),
        _ => None,
    };
    let (title, message) = match status {
        StatusCode::NOT_FOUND => (
            "Halaman tidak ditemukan",
            "Halaman yang Anda cari tidak ada atau sudah dipindahkan.",
        ),
        StatusCode::GONE => (
            "Berita ini sudah tidak tersedia",
            "Berita ini telah ditarik oleh redaksi.",
        ),
        StatusCode::BAD_REQUEST => (
            "Permintaan tidak valid",
            "Alamat atau parameter halaman tidak valid.",
        ),
        StatusCode::SERVICE_UNAVAILABLE => (
            "Server sedang sibuk",
            "Saat ini banyak sekali pembaca. Silakan muat ulang halaman ini sebentar lagi.",
        ),
        _ => (
            "Terjadi gangguan",
            "Maaf, terjadi gangguan di sisi kami. Silakan coba lagi sebentar lagi.",
        ),
    };
    let message = match reason {
        Some(r) => format!("{message} Alasan: {r}"),
        None => message.to_string(),
    };
    // Refusals under overload reuse one rendered page (no menu query, no template).
    let busy = matches!(e, AppError::Busy(_));
    let kept = busy.then(|| app.0.slots.busy_page.get()).flatten();
    let html = match kept {
        Some(html) => html.to_string(),
        None => {
            let ctx = page_context(app).await.unwrap_or_default();
            let back = match &e {
                AppError::NoSuchArticlePage(first) => Some(first.as_str()),
                _ => None,
            };
            let html = app
                .renderer()
                .error_page_back(&ctx, status.as_u16(), title, &message, back)
                .unwrap_or_else(|_| {
                    format!(
                        "<!doctype html><html lang=\"id\"><title>{}</title><h1>{}</h1></html>",
                        status.as_u16(),
                        title
                    )
                });
            if busy {
                app.0.slots.busy_page.keep(&html);
            }
            html
        }
    };
    let mut res = (status, html).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::respond::CONTENT_SECURITY_POLICY),
    );
    let cc = if status == StatusCode::GONE {
        "public, max-age=300"
    } else {
        "no-store"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cc));
    if status == StatusCode::SERVICE_UNAVAILABLE {
        res.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(crate::overload::RETRY_AFTER_SECS),
        );
    }
    res
}

/// The query parameters reader pages use: `page` (1-based) and `tanggal` (Indeks). Anything
/// else (tracking parameters, repeats, junk) is ignored, so it neither fails nor splits the
/// cache; a bad `page` value is a 400 page.
#[derive(Debug, Default)]
pub struct PageQuery {
    pub page: Option<String>,
    pub tanggal: Option<String>,
    /// Search words and filters (`/cari`).
    pub q: Option<String>,
    pub rubrik: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Option<String>,
    /// A topic slug: search within that topic.
    pub topik: Option<String>,
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PageQuery {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let pairs = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map(|q| q.0)
            .unwrap_or_default();
        let first = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        Ok(PageQuery {
            page: first("page"),
            tanggal: first("tanggal"),
            q: first("q"),
            rubrik: first("rubrik"),
            from: first("from"),
            to: first("to"),
            sort: first("sort"),
            topik: first("topik"),
        })
    }
}

impl PageQuery {
    pub fn page(&self) -> Result<u32, AppError> {
        match self.page.as_deref() {
            None | Some("") => Ok(1),
            Some(p) => p
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .ok_or_else(|| AppError::BadRequest("page must be a number from 1".into())),
        }
    }
}

/// Where a rubrik, tag or topic lives, what it lists and what its pages depend on.
pub struct TermPage {
    pub path: String,
    pub scope: warta_store::ListScope,
    pub dep: Dep,
}

impl TermPage {
    pub fn of(kind: Term, t: &warta_store::TermRow) -> TermPage {
        use warta_store::ListScope;
        match kind {
            Term::Rubrik => TermPage {
                path: crate::paths::rubrik(&t.slug),
                scope: ListScope::Rubrik(t.id),
                dep: Dep::Rubrik(t.id),
            },
            Term::Tag => TermPage {
                path: crate::paths::tag(&t.slug),
                scope: ListScope::Tag(t.id),
                dep: Dep::Tag(t.id),
            },
            Term::Topic => TermPage {
                path: crate::paths::topic(&t.slug),
                scope: ListScope::Topic(t.id),
                dep: Dep::Topic(t.id),
            },
        }
    }
}

/// A rubrik, tag or topic by slug, or a 404.
pub async fn term(
    app: &AppState,
    kind: Term,
    slug: &str,
) -> Result<warta_store::TermRow, AppError> {
    let t = app
        .store()
        .term_by_slug(kind, slug)
        .await?
        .ok_or_else(AppError::not_found)?;
    // A tag or topic no published article carries has no public page or feed yet.
    if !app.store().term_is_public(kind, t.id).await? {
        return Err(AppError::not_found());
    }
    Ok(t)
}

/// The cache key of a paged URL: the path plus `?page=N` beyond the first.
pub fn paged_key(path: &str, page: u32) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    if page > 1 {
        format!("{path}{sep}page={page}")
    } else {
        path.to_string()
    }
}
