//! RSS 2.0 for the site and for each rubrik, tag and topic.

use super::{RSS, Rendered, cached};
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

struct Channel {
    title: String,
    description: String,
    link: String,
    scope: ListScope,
    dep: Dep,
}

async fn render(app: &AppState, c: Channel) -> Result<Rendered, AppError> {
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
        items.push(FeedItem {
            url: teaser.url,
            headline: teaser.headline,
            dek: teaser.dek,
            published_at: teaser.published_at,
            updated_at: row.updated_at,
            authors: authors.remove(&row.id).unwrap_or_default(),
            rubrik: row.rubrik_name.clone(),
            image: teaser.image,
        });
    }
    let last_modified = rows.iter().map(|r| r.updated_at).max().unwrap_or(0);
    let self_url = format!("{}/rss.xml", c.link.trim_end_matches('/'));
    let feed = FeedView {
        title: c.title,
        description: c.description,
        link: c.link,
        self_url,
        items,
    };
    Ok(Rendered {
        body: app.renderer().rss(&feed)?,
        content_type: RSS,
        last_modified,
        deps,
        fresh_for: None,
    })
}

async fn serve(app: AppState, headers: HeaderMap, c: Result<Channel, AppError>) -> Response {
    match c {
        Ok(c) => {
            let key = format!("{}/rss.xml", c.link.trim_end_matches('/'));
            cached(&app, &headers, key, || render(&app, c)).await
        }
        Err(e) => super::error_response(&app, e).await,
    }
}

pub async fn site_feed(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let site = app.renderer().site();
    let c = Channel {
        title: site.name.clone(),
        description: site.tagline.clone(),
        link: "/".into(),
        scope: ListScope::All,
        dep: Dep::Lists,
    };
    serve(app, headers, Ok(c)).await
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

pub async fn rubrik_feed(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let c = term_channel(&app, Term::Rubrik, &slug).await;
    serve(app, headers, c).await
}

pub async fn tag_feed(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let c = term_channel(&app, Term::Tag, &slug).await;
    serve(app, headers, c).await
}

pub async fn topic_feed(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let c = term_channel(&app, Term::Topic, &slug).await;
    serve(app, headers, c).await
}
