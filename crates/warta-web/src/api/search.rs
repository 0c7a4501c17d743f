//! `/api/v1/search` (the reader's `/cari` as JSON) and `/api/v1/analyze` (the Indonesian
//! analyser, as search engines expose theirs).

use super::{ApiQuery, ApiUser};
use crate::error::AppError;
use crate::found::{SearchParams, search as run};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Longest text `/analyze` reads; the rest is ignored.
const MAX_ANALYZE_CHARS: usize = 10_000;

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    Relevance,
    Newest,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words (all required; exact forms weigh more than shared roots; words of five letters
    /// or more also match one typo away) and "phrases in double quotes". Any text is accepted;
    /// only the first 200 characters are read.
    pub q: Option<String>,
    /// A rubrik slug.
    pub rubrik: Option<String>,
    /// Published on or after this day (WIB), `YYYY-MM-DD`.
    #[param(format = Date)]
    pub from: Option<String>,
    /// Published on or before this day (WIB), `YYYY-MM-DD`.
    #[param(format = Date)]
    pub to: Option<String>,
    /// `relevance` (default) or `newest`.
    pub sort: Option<SortOrder>,
    #[serde(default, deserialize_with = "super::bounds::page_number")]
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
    #[serde(default, deserialize_with = "super::bounds::per_page")]
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u32>,
}

/// One matching published article.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    pub id: i64,
    pub headline: String,
    pub dek: String,
    /// Absolute URL of the article page.
    pub url: String,
    /// HTML: the matched passage, escaped, with `<mark>` around matched words (no other markup).
    pub snippet: String,
    pub rubrik: String,
    /// ISO 8601 in WIB.
    pub published_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchOut {
    /// Matching published articles in all.
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<SearchHit>,
}

#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchOut, description = "a page of matching published articles (an empty or unusable query matches none)")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn search(
    State(app): State<AppState>,
    _u: ApiUser,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<SearchOut>, AppError> {
    // The same bound as the reader's search (see overload.rs).
    let _slot = app.0.slots.search.enter().await?;
    let page = q.page.unwrap_or(1);
    let per_page = q.per_page.unwrap_or(20);
    let params = SearchParams {
        q: q.q,
        rubrik: q.rubrik,
        from: q.from,
        to: q.to,
        sort: q.sort.map(|s| match s {
            SortOrder::Relevance => "relevance".to_string(),
            SortOrder::Newest => "newest".to_string(),
        }),
        topic: None,
    };
    let req = params
        .request(page, per_page)
        .map_err(|e| AppError::BadRequest(e.message()))?;
    let found = run(&app, &req).await?;
    let base = app.renderer().site().base_url.clone();
    let items = found
        .items
        .into_iter()
        .map(|(r, snippet)| SearchHit {
            url: format!("{base}{}", crate::paths::article(&r.slug)),
            published_at: r.published_at.map(warta_core::iso8601_wib),
            id: r.id,
            headline: r.headline,
            dek: r.dek,
            snippet,
            rubrik: r.rubrik_name,
        })
        .collect();
    Ok(Json(SearchOut {
        total: i64::try_from(found.total).unwrap_or(i64::MAX),
        page,
        per_page,
        items,
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AnalyzeQuery {
    /// Any text; the first 10,000 characters are read.
    pub text: String,
}

/// One word of the text.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    /// The word, lower-cased.
    pub token: String,
    /// Its root (the word itself when no root is found).
    pub stem: String,
    /// A stop word: indexed exactly, left out of the stemmed fields.
    pub stop: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AnalyzeOut {
    /// One entry per word, in order.
    pub tokens: Vec<TokenOut>,
}

#[utoipa::path(get, path = "/api/v1/analyze", tag = "search", params(AnalyzeQuery),
    responses((status = 200, body = AnalyzeOut, description = "the words of the text as the search index sees them")),
    security(("bearer" = [])))]
pub async fn analyze(_u: ApiUser, ApiQuery(q): ApiQuery<AnalyzeQuery>) -> Json<AnalyzeOut> {
    let text: String = q.text.chars().take(MAX_ANALYZE_CHARS).collect();
    let tokens = warta_search::analyse(&text)
        .into_iter()
        .map(|a| TokenOut {
            token: a.token,
            stem: a.stem,
            stop: a.stop,
        })
        .collect();
    Json(AnalyzeOut { tokens })
}

/// A suggested further reading.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionOut {
    pub id: i64,
    pub headline: String,
    /// Absolute URL of the article page.
    pub url: String,
    pub rubrik: String,
    /// ISO 8601 in WIB.
    pub published_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionList {
    /// Most related first (text similarity, shared topic and tags); newest first among equals.
    pub items: Vec<SuggestionOut>,
}

/// How many suggestions an article gets.
const SUGGESTIONS: usize = 6;

#[utoipa::path(get, path = "/api/v1/articles/{id}/suggestions", tag = "search",
    params(("id" = i64, Path)),
    responses((status = 200, body = SuggestionList, description = "published articles related to this one (\"Baca juga\")"),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all, fields(article = id))]
pub async fn suggestions(
    State(app): State<AppState>,
    user: ApiUser,
    super::ApiId(id): super::ApiId,
) -> Result<Json<SuggestionList>, AppError> {
    let a = app.newsroom().article(&user.0, id).await?;
    let rows = crate::found::related(&app, &a, SUGGESTIONS).await?;
    let base = app.renderer().site().base_url.clone();
    let items = rows
        .into_iter()
        .map(|r| SuggestionOut {
            url: format!("{base}{}", crate::paths::article(&r.slug)),
            published_at: r.published_at.map(warta_core::iso8601_wib),
            id: r.id,
            headline: r.headline,
            rubrik: r.rubrik_name,
        })
        .collect();
    Ok(Json(SuggestionList { items }))
}
