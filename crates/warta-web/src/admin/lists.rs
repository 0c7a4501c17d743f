//! Article rows as the dashboard and the article list show them: headline, authors, rubrik,
//! status, last change (WIB, with the hour) and, for articles in review, who sent them and when.

use crate::error::AppError;
use crate::state::AppState;
use minijinja::Value;
use warta_core::Capability;
use warta_store::TeaserRow;

/// Template values for `rows`, with two queries for the whole list (authors, submissions).
pub(super) async fn row_values(app: &AppState, rows: &[TeaserRow]) -> Result<Vec<Value>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let authors = app.store().author_names(&ids).await?;
    let submitted = app.store().submissions(&ids).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let sub = submitted.get(&r.id);
            minijinja::context! {
                id => r.id, headline => r.headline.clone(), rubrik => r.rubrik_name.clone(),
                status => r.status.clone(), updated_at => r.updated_at, published_at => r.published_at,
                authors => authors.get(&r.id).map(|a| a.join(", ")).unwrap_or_default(),
                submitted_by => sub.and_then(|s| s.by.clone()),
                submitted_at => sub.map(|s| s.at),
            }
        })
        .collect())
}

/// Writers' changes to their published stories, waiting for an editor (oldest first).
pub(super) async fn pending_review(
    app: &AppState,
    staff: &super::Staff,
) -> Result<Vec<Value>, AppError> {
    let mut out = Vec::new();
    for p in app.store().pending_for_review(20).await? {
        let a = app.store().article_by_id(p.article_id).await?;
        if !staff.can(Capability::ReadAll) && !warta_newsroom::owns(&staff.0.user, &a) {
            continue;
        }
        out.push(minijinja::context! {
            authors => a.authors.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join(", "),
            id => a.id, headline => a.headline, rubrik => a.rubrik.name, status => "published",
            updated_at => p.updated_at, published_at => a.published_at, pending => true,
            submitted_by => p.by_name, submitted_at => p.submitted_at,
        });
    }
    Ok(out)
}
