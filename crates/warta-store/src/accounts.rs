//! Account security: named API tokens (listed, revoked, their last use kept), accounts an
//! admin disables, and the sign-in failure counts the web crate's limits read.

use crate::users::{generate_token, token_hash};
use crate::{Store, StoreError, UserRow, now_ms};

/// Last use is written at most this often per token, not on every request.
pub const TOKEN_TOUCH_MS: i64 = 60_000;

/// An API token as its owner and admins see it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub user_id: i64,
    pub user_email: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// Failed sign-ins for one key within a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FailureSpan {
    pub count: i64,
    /// The oldest and newest failure in the window (0 when there is none).
    pub oldest: i64,
    pub newest: i64,
}

const TOKEN_COLS: &str =
    "t.id, t.user_id, u.email AS user_email, t.name, t.created_at, t.last_used_at
     FROM api_tokens t JOIN users u ON u.id = t.user_id";

impl Store {
    /// A new token for the user with a name (may be empty); returns its id and the token,
    /// which is shown once: only its hash is kept.
    pub async fn create_named_token(
        &self,
        user_id: i64,
        name: &str,
    ) -> Result<(i64, String), StoreError> {
        let token = generate_token()?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (user_id, token_hash, created_at, name) VALUES ($1, $2, $3, $4)
             RETURNING id",
        )
        .bind(user_id)
        .bind(token_hash(&token))
        .bind(now_ms())
        .bind(name.trim())
        .fetch_one(&self.pool)
        .await?;
        Ok((id, token))
    }

    /// The owner of a live token on an enabled account. Marks the token used (at most once
    /// a minute).
    pub(crate) async fn token_user_id(&self, token: &str) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT t.id, t.user_id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND u.disabled_at IS NULL",
        )
        .bind(token_hash(token))
        .fetch_optional(&self.pool)
        .await?;
        let Some((id, user_id, last)) = row else {
            return Ok(None);
        };
        let now = now_ms();
        if last.is_none_or(|t| now - t >= TOKEN_TOUCH_MS) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(now)
                .bind(id)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(user_id))
    }

    /// One person's tokens, newest first.
    pub async fn tokens_of(&self, user_id: i64) -> Result<Vec<TokenRow>, StoreError> {
        let q = format!("SELECT {TOKEN_COLS} WHERE t.user_id = $1 ORDER BY t.id DESC");
        Ok(sqlx::query_as(crate::sql(&q))
            .bind(user_id)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Everyone's tokens (for admins), by owner, newest first.
    pub async fn all_tokens(&self) -> Result<Vec<TokenRow>, StoreError> {
        let q = format!("SELECT {TOKEN_COLS} ORDER BY u.email, t.id DESC");
        Ok(sqlx::query_as(crate::sql(&q)).fetch_all(&self.pool).await?)
    }

    /// Revoke one token (only `owner`'s, when given). Returns what was revoked; `NotFound`
    /// when there is no such token (or it is someone else's).
    pub async fn revoke_token(&self, id: i64, owner: Option<i64>) -> Result<TokenRow, StoreError> {
        let q = format!("SELECT {TOKEN_COLS} WHERE t.id = $1");
        let row: Option<TokenRow> = sqlx::query_as(crate::sql(&q))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let row = row
            .filter(|r| owner.is_none_or(|o| o == r.user_id))
            .ok_or(StoreError::NotFound)?;
        sqlx::query("DELETE FROM api_tokens WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(row)
    }

    /// Revoke every token of a user; returns how many there were.
    pub async fn revoke_user_tokens(&self, user_id: i64) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Disable an account (its sessions and tokens end with it) or enable it again.
    pub async fn set_disabled(&self, user_id: i64, disabled: bool) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let at = disabled.then(now_ms);
        let done = sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
            .bind(at)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        if disabled {
            for q in [
                "DELETE FROM sessions WHERE user_id = $1",
                "DELETE FROM api_tokens WHERE user_id = $1",
            ] {
                sqlx::query(q).bind(user_id).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn is_disabled(&self, user: &UserRow) -> Result<bool, StoreError> {
        let at: Option<i64> = sqlx::query_scalar("SELECT disabled_at FROM users WHERE id = $1")
            .bind(user.id)
            .fetch_one(&self.pool)
            .await?;
        Ok(at.is_some())
    }

    /// The ids of every disabled account.
    pub async fn disabled_user_ids(&self) -> Result<Vec<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM users WHERE disabled_at IS NOT NULL")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// How many sign-ins failed for `key` within the last `window_ms`, and when.
    pub async fn login_failure_span(
        &self,
        key: &str,
        window_ms: i64,
    ) -> Result<FailureSpan, StoreError> {
        let (count, oldest, newest): (i64, Option<i64>, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at), MAX(at) FROM login_failures WHERE key = $1 AND at >= $2",
        )
        .bind(key)
        .bind(now_ms() - window_ms)
        .fetch_one(&self.pool)
        .await?;
        Ok(FailureSpan {
            count,
            oldest: oldest.unwrap_or(0),
            newest: newest.unwrap_or(0),
        })
    }
}
