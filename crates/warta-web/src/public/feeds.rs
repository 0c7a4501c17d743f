//! RSS 2.0 and Atom 1.0 for the site and for each rubrik, tag and topic: the same channel,
//! at `…/rss.xml` and `…/atom.xml`.

use super::{ATOM, RSS, Rendered, cached};
use crate::cache::Dep;
use crate::error::AppError;
use crate::state::AppState;
use crate::views;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use warta_render::{FeedItem, FeedView};
use warta_store::{ListScope, Term};

const ITEMS: u32 = 30;

/// Which syndication format a feed URL asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Rss,
    Atom,
}

impl Format {
    fn file(self) -> &'static str {
        match self {
            Format::Rss => "rss.xml",
            Format::Atom => "atom.xml",
        }
    }
}

struct Channel {
    title: String,
    description: String,
    link: String,
    scope: ListScope,
    dep: Dep,
}

async fn render(app: &AppState, c: Channel, format: Format) -> Result<Rendered, AppError> {
    let (rows, _) = app
        .store()
        .list_articles(&c.scope.filter(), 1, ITEMS)
        .await?;
    let teasers = views::teasers(app.store(), &rows).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut authors = app.store().author_names(&ids).await?;
    let mut items = Vec::with_capacity(rows.len());
    let mut deps = vec![c.dep, Dep::Lists];
    for (row, teaser) in rows.iter().zip(teasers) {
        deps.push(Dep::Article(row.id));
        let content = full_content(app, row.id, &mut deps).await?;
        items.push(FeedItem {
            url: teaser.url,
            headline: teaser.headline,
            dek: teaser.dek,
            published_at: teaser.published_at,
            updated_at: row.updated_at,
            authors: authors.remove(&row.id).unwrap_or_default(),
            rubrik: row.rubrik_name.clone(),
            image: teaser.image,
            content,
        });
    }
    let last_modified = rows.iter().map(|r| r.updated_at).max().unwrap_or(0);
    let self_url = format!("{}/{}", c.link.trim_end_matches('/'), format.file());
    let feed = FeedView {
        title: c.title,
        description: c.description,
        link: c.link,
        self_url,
        items,
    };
    let (body, content_type) = match format {
        Format::Rss => (app.renderer().rss(&feed)?, RSS),
        Format::Atom => (app.renderer().atom(&feed, warta_store::now_ms())?, ATOM),
    };
    Ok(Rendered {
        body,
        content_type,
        last_modified,
        deps,
        fresh_for: None,
    })
}

/// An item's whole text as HTML (every page of a paged article), as WordPress's feeds carry
/// it in `content:encoded`: readers and aggregators need not open the page.
async fn full_content(app: &AppState, id: i64, deps: &mut Vec<Dep>) -> Result<String, AppError> {
    let a = app.store().article_by_id(id).await?;
    let (view, more) = views::text_view(app.store(), &a).await?;
    deps.extend(more);
    Ok(app.renderer().syndication_body(&view, true)?)
}

async fn serve(
    app: AppState,
    headers: HeaderMap,
    c: Result<Channel, AppError>,
    format: Format,
) -> Response {
    match c {
        Ok(c) => {
            let key = format!("{}/{}", c.link.trim_end_matches('/'), format.file());
            cached(&app, &headers, key, || render(&app, c, format)).await
        }
        Err(e) => super::error_response(&app, e).await,
    }
}

pub async fn site_rss(State(app): State<AppState>, headers: HeaderMap) -> Response {
    site_feed(app, headers, Format::Rss).await
}

pub async fn site_atom(State(app): State<AppState>, headers: HeaderMap) -> Response {
    site_feed(app, headers, Format::Atom).await
}

async fn site_feed(app: AppState, headers: HeaderMap, format: Format) -> Response {
    let site = app.renderer().site();
    let c = Channel {
        title: site.name.clone(),
        description: site.tagline.clone(),
        link: "/".into(),
        scope: ListScope::All,
        dep: Dep::Lists,
    };
    serve(app, headers, Ok(c), format).await
}

async fn term_channel(app: &AppState, kind: Term, slug: &str) -> Result<Channel, AppError> {
    let t = super::term(app, kind, slug).await?;
    let page = super::TermPage::of(kind, &t);
    let site = &app.renderer().site().name;
    let (title, description) = match kind {
        Term::Rubrik => (
            format!("{site} - Rubrik {}", t.name),
            format!("Berita terbaru rubrik {}", t.name),
        ),
        Term::Tag => (
            format!("{site} - Tag {}", t.name),
            format!("Berita dengan tag {}", t.name),
        ),
        Term::Topic => (
            format!("{site} - {}", t.name),
            format!("Perkembangan terbaru: {}", t.name),
        ),
    };
    Ok(Channel {
        title,
        description,
        link: page.path,
        scope: page.scope,
        dep: page.dep,
    })
}

/// `/{rubrik|tag|topik}/{slug}/{rss.xml|atom.xml}`.
async fn term_feed(
    app: AppState,
    headers: HeaderMap,
    kind: Term,
    slug: &str,
    file: &str,
) -> Response {
    let format = match file {
        "rss.xml" => Format::Rss,
        "atom.xml" => Format::Atom,
        _ => return super::error_response(&app, AppError::not_found()).await,
    };
    let c = term_channel(&app, kind, slug).await;
    serve(app, headers, c, format).await
}

pub async fn rubrik_feed(
    State(app): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    term_feed(app, headers, Term::Rubrik, &slug, &file).await
}

pub async fn tag_feed(
    State(app): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    term_feed(app, headers, Term::Tag, &slug, &file).await
}

pub async fn topic_feed(
    State(app): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    term_feed(app, headers, Term::Topic, &slug, &file).await
}
