//! The newsroom's records: the audit log, who has an article open, live-blog entries, and
//! the people (sessions and sign-in limits are in `sessions.rs`).

use crate::articles::audit_in;
use crate::rows::RawUser;
use crate::users::USER_COLS;
use crate::{Store, StoreError, UserRow, now_ms};
use warta_core::Block;

/// One line of the audit log.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub user_name: Option<String>,
    pub action: String,
    pub article_id: Option<i64>,
    pub headline: Option<String>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LiveEntryRow {
    pub id: i64,
    pub title: String,
    pub body: Vec<Block>,
    pub author_name: String,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct RawEntry {
    id: i64,
    title: String,
    body: String,
    author_name: String,
    created_at: i64,
}

impl TryFrom<RawEntry> for LiveEntryRow {
    type Error = StoreError;
    fn try_from(r: RawEntry) -> Result<Self, StoreError> {
        Ok(LiveEntryRow {
            id: r.id,
            title: r.title,
            body: serde_json::from_str(&r.body)?,
            author_name: r.author_name,
            created_at: r.created_at,
        })
    }
}

/// Someone is "in" an article when their editor reported within this window. The editor
/// beats every [`PRESENCE_BEAT_MS`] and says when it leaves; when that leave is lost, the
/// entry expires 20 s after the last beat and the others see it gone at their next beat:
/// within 30 s of the tab closing.
pub const PRESENCE_MS: i64 = 20_000;

/// The editor's heartbeat (`PRESENCE_MS` in `editor/src/presence.js`).
pub const PRESENCE_BEAT_MS: i64 = 10_000;

impl Store {
    /// Append to the audit log.
    pub async fn audit(
        &self,
        by: Option<i64>,
        action: &str,
        article_id: Option<i64>,
        detail: &str,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        audit_in(
            &mut conn,
            &self.origin,
            by,
            action,
            article_id,
            detail,
            now_ms(),
        )
        .await
    }

    /// The audit log, newest first, optionally for one article.
    pub async fn audit_log(
        &self,
        article_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditRow>, StoreError> {
        let filter = if article_id.is_some() {
            "WHERE l.article_id = $1"
        } else {
            "WHERE $1 = $1"
        };
        let q = format!(
            "SELECT l.id, l.at, u.name AS user_name, l.action, l.article_id, a.headline, l.detail
             FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
             LEFT JOIN articles a ON a.id = l.article_id
             {filter} ORDER BY l.id DESC LIMIT {}",
            limit.clamp(1, 1000)
        );
        Ok(sqlx::query_as(crate::sql(&q))
            .bind(article_id.unwrap_or(0))
            .fetch_all(&self.pool)
            .await?)
    }

    /// Record that `user_id` has the article open and return the names of the others who
    /// have it open now.
    pub async fn touch_presence(
        &self,
        article_id: i64,
        user_id: i64,
    ) -> Result<Vec<String>, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM presence WHERE article_id = $1 AND user_id = $2")
            .bind(article_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO presence (article_id, user_id, seen_at) VALUES ($1, $2, $3)")
            .bind(article_id)
            .bind(user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let names = sqlx::query_scalar(
            "SELECT u.name FROM presence p JOIN users u ON u.id = p.user_id
             WHERE p.article_id = $1 AND p.user_id <> $2 AND p.seen_at > $3 ORDER BY u.name",
        )
        .bind(article_id)
        .bind(user_id)
        .bind(now - PRESENCE_MS)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(names)
    }

    /// `user_id` closed the article: they no longer count as having it open.
    pub async fn leave_presence(&self, article_id: i64, user_id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM presence WHERE article_id = $1 AND user_id = $2")
            .bind(article_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_live_entry(
        &self,
        article_id: i64,
        title: &str,
        body: &[Block],
        by: i64,
    ) -> Result<LiveEntryRow, StoreError> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO live_entries (article_id, title, body, author_id, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(article_id)
        .bind(title)
        .bind(serde_json::to_string(body)?)
        .bind(by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        // Readers' pages and feeds show the entry: the article counts as modified.
        sqlx::query("UPDATE articles SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
        audit_in(
            &mut tx,
            &self.origin,
            Some(by),
            "live-entry",
            Some(article_id),
            title,
            now,
        )
        .await?;
        tx.commit().await?;
        let mut entries = self.live_entries(article_id, id - 1).await?;
        entries.pop().ok_or(StoreError::NotFound)
    }

    /// Live entries with an id above `after`, newest first.
    pub async fn live_entries(
        &self,
        article_id: i64,
        after: i64,
    ) -> Result<Vec<LiveEntryRow>, StoreError> {
        sqlx::query_as::<_, RawEntry>(
            "SELECT e.id, e.title, e.body, u.name AS author_name, e.created_at
             FROM live_entries e JOIN users u ON u.id = e.author_id
             WHERE e.article_id = $1 AND e.id > $2 ORDER BY e.id DESC LIMIT 500",
        )
        .bind(article_id)
        .bind(after)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(LiveEntryRow::try_from)
        .collect()
    }

    /// The id of the article's newest live entry, 0 when it has none.
    pub async fn newest_live_entry_id(&self, article_id: i64) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM live_entries WHERE article_id = $1",
        )
        .bind(article_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Everyone in the newsroom, by name.
    pub async fn list_users(&self) -> Result<Vec<UserRow>, StoreError> {
        let q = format!("SELECT {USER_COLS} FROM users ORDER BY name");
        sqlx::query_as::<_, RawUser>(crate::sql(&q))
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(UserRow::try_from)
            .collect()
    }

    pub async fn set_role(&self, user_id: i64, role: warta_core::Role) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// An author's public name and biography (the author page).
    pub async fn set_user_profile(
        &self,
        user_id: i64,
        name: &str,
        bio: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE users SET name = $1, bio = $2 WHERE id = $3")
            .bind(name.trim())
            .bind(bio)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// A user's defaults for new articles (dateline) and interface language.
    pub async fn set_user_prefs(
        &self,
        user_id: i64,
        dateline: &str,
        locale: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET dateline = $1, locale = $2 WHERE id = $3")
            .bind(dateline)
            .bind(locale)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
