//! An imported article on SQLite in one round trip.
//!
//! Each statement sent to SQLite through sqlx is a hand-over to its worker thread and back;
//! an article was ten of them (the row, tags, authors, revision, audit record, import record,
//! old addresses, the savepoint's release), and the hand-overs, not SQLite, were most of an
//! import's time. SQLite runs several statements of one query string in order, with the
//! numbered parameters shared, so the article's rows go as one script. It writes exactly what
//! [`crate::articles::create_article_in`] and the import records write (the integration tests
//! compare imported articles with the pages they make); PostgreSQL keeps those statements.
//! The script ends the item's savepoint: a statement that fails leaves it open for the caller
//! to roll back.

use crate::articles::{Scalar, bind_content, dedup, slug_conflict};
use crate::{ArticleWrite, ImportKey, StoreError, now_ms};
use sqlx::{Any, Transaction};
use warta_core::Status;

/// Write the article, its links, revision 1, audit record, import record and old addresses,
/// release the savepoint `import_item`, and return the new id.
pub(crate) async fn create_imported_sqlite(
    tx: &mut Transaction<'static, Any>,
    origin: &str,
    w: &ArticleWrite,
    status: Status,
    by: i64,
    key: ImportKey<'_>,
    old_paths: &[String],
) -> Result<i64, StoreError> {
    let now = now_ms();
    let published_at = match status {
        Status::Published => Some(w.published_at.unwrap_or(now)),
        _ => w.published_at,
    };
    let tags = dedup(&w.tag_ids);
    let authors = dedup(&w.author_ids);
    // $1–$18 content (bind_content), $19 status, $20 published_at, $21 by, $22 now,
    // $23 updated_at, $24 snapshot, $25 audit detail, $26–$28 import key, $29 target path,
    // $30 the change log's origin, then the tag ids, the author ids and the old paths.
    const ID: &str = "(SELECT id FROM articles WHERE slug = $1)";
    let mut next = 31;
    let mut sql = String::from(
        "INSERT INTO articles (slug, headline, dek, rubrik_id, topic_id, dateline, signoff, sources,
           hero_media_id, hero_caption, hero_credit, body, hero_alt, seo_title, seo_description,
           live, kind, fact_check, status, published_at, created_by, created_at, updated_at,
           revision, updated_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,1,$21);\n",
    );
    for (table, column, n) in [
        ("article_tags", "tag_id", tags.len()),
        ("article_authors", "user_id", authors.len()),
    ] {
        if n == 0 {
            continue;
        }
        let rows: Vec<String> = (0..n)
            .map(|pos| format!("({ID}, ${}, {pos})", next + pos))
            .collect();
        next += n;
        sql.push_str(&format!(
            "INSERT INTO {table} (article_id, {column}, position) VALUES {};\n",
            rows.join(", ")
        ));
    }
    sql.push_str(&format!(
        "INSERT INTO revisions (article_id, revision, snapshot, author_id, created_at)
           VALUES ({ID}, 1, $24, $21, $22);
         INSERT INTO audit_log (at, user_id, action, article_id, detail, origin)
           VALUES ($22, $21, 'create', {ID}, $25, $30);
         INSERT INTO import_items (source, kind, source_id, warta_id, created_at)
           VALUES ($26, $27, $28, {ID}, $22) ON CONFLICT DO NOTHING;\n"
    ));
    if !old_paths.is_empty() {
        let rows: Vec<String> = (0..old_paths.len())
            .map(|i| format!("(${}, $29, 'article', {ID})", next + i))
            .collect();
        sql.push_str(&format!(
            "INSERT INTO old_paths (path, target, target_kind, target_id) VALUES {}
             ON CONFLICT DO NOTHING;\n",
            rows.join(", ")
        ));
    }
    sql.push_str("RELEASE SAVEPOINT import_item;\nSELECT id FROM articles WHERE slug = $1;");
    let q: Scalar<'_> = sqlx::query_scalar(crate::sql(&sql));
    let mut q = bind_content(q, w)?
        .bind(status.as_str())
        .bind(published_at)
        .bind(by)
        .bind(now)
        .bind(published_at.filter(|p| *p < now).unwrap_or(now))
        .bind(serde_json::to_string(w)?)
        .bind(w.headline.chars().take(500).collect::<String>())
        .bind(key.source.to_string())
        .bind(key.kind.to_string())
        .bind(key.source_id.to_string())
        .bind(crate::import_batch::article_target(w))
        .bind(origin.to_string());
    for id in tags.iter().chain(&authors) {
        q = q.bind(*id);
    }
    for p in old_paths {
        q = q.bind(p.clone());
    }
    // Drain every statement's results: the id is the script's only row.
    let ids = q
        .fetch_all(&mut **tx)
        .await
        .map_err(|e| slug_conflict(e, &w.slug))?;
    ids.last().copied().ok_or(StoreError::NotFound)
}
