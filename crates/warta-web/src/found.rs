//! Searching the archive, shared by the reader's `/cari` and the API's `/api/v1/search`: the
//! parameters both take, the index query, and the hits as published teasers with snippets.

use crate::error::AppError;
use crate::state::AppState;
use warta_search::{SearchRequest, SearchResults};
use warta_store::{ArticleRow, TeaserRow};

/// The parameters of a search as they came (all optional text).
#[derive(Debug, Default, Clone)]
pub struct SearchParams {
    pub q: Option<String>,
    pub rubrik: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Option<String>,
    /// A topic slug (the reader's `topik`).
    pub topic: Option<String>,
}

/// A filter value that cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum BadParam {
    Date(&'static str),
    Sort,
}

impl BadParam {
    pub fn message(&self) -> String {
        match self {
            BadParam::Date("from") => "from must be a date like 2026-03-01".to_string(),
            BadParam::Date(_) => "to must be a date like 2026-03-01".to_string(),
            BadParam::Sort => "sort must be relevance or newest".to_string(),
        }
    }
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl SearchParams {
    /// The index request for page `page` of `per_page` (a bad date or sort is an error).
    pub fn request(&self, page: u32, per_page: u32) -> Result<SearchRequest, BadParam> {
        let day = |v: &Option<String>, name| match non_empty(v) {
            None => Ok(None),
            Some(d) => warta_core::wib_day_range(d)
                .map(Some)
                .ok_or(BadParam::Date(name)),
        };
        let newest = match non_empty(&self.sort) {
            None | Some("relevance") => false,
            Some("newest") => true,
            Some(_) => return Err(BadParam::Sort),
        };
        Ok(SearchRequest {
            q: self.q.clone().unwrap_or_default(),
            rubrik: non_empty(&self.rubrik).map(str::to_string),
            topic_id: None,
            from_ms: day(&self.from, "from")?.map(|(start, _)| start),
            to_ms: day(&self.to, "to")?.map(|(_, end)| end),
            newest,
            offset: (page.max(1) as usize - 1) * per_page as usize,
            limit: per_page as usize,
        })
    }

    /// The same search with only the usable filters (the reader's page ignores the others).
    pub fn usable(&self) -> SearchParams {
        let mut p = self.clone();
        if !matches!(non_empty(&p.sort), None | Some("relevance" | "newest")) {
            p.sort = None;
        }
        for v in [&mut p.from, &mut p.to] {
            if non_empty(v).is_some_and(|d| warta_core::wib_day_range(d).is_none()) {
                *v = None;
            }
        }
        p
    }
}

/// One hit: the article's teaser row and its snippet (HTML: escaped, `<mark>` only).
pub struct Found {
    pub total: usize,
    pub understood: String,
    pub items: Vec<(TeaserRow, String)>,
}

/// Run `req`; hits whose article is no longer published (the index lags by a moment) are
/// left out.
pub async fn search(app: &AppState, req: &SearchRequest) -> Result<Found, AppError> {
    let index = app.search().clone();
    let req2 = req.clone();
    let SearchResults {
        total,
        hits,
        understood,
    } = tokio::task::spawn_blocking(move || index.search(&req2))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
    let mut rows = app.store().published_teasers(&ids).await?;
    let mut items = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(i) = rows.iter().position(|r| r.id == h.id) {
            items.push((rows.swap_remove(i), h.snippet));
        }
    }
    Ok(Found {
        total,
        understood,
        items,
    })
}

/// Up to `limit` published articles related to `a` (the index's suggestions), best first.
pub async fn related(
    app: &AppState,
    a: &ArticleRow,
    limit: usize,
) -> Result<Vec<TeaserRow>, AppError> {
    let body = a
        .body
        .iter()
        .map(warta_core::Block::plain_text)
        .collect::<Vec<_>>()
        .join("\n");
    let src = warta_search::Related {
        id: a.id,
        headline: a.headline.clone(),
        dek: a.dek.clone(),
        body,
        topic_id: a.topic.as_ref().map(|t| t.id),
        tag_ids: a.tags.iter().map(|t| t.id).collect(),
    };
    let index = app.search().clone();
    let ids = tokio::task::spawn_blocking(move || index.suggestions(&src, limit))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut rows = app.store().published_teasers(&ids).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(i) = rows.iter().position(|r| r.id == id) {
            out.push(rows.swap_remove(i));
        }
    }
    Ok(out)
}
