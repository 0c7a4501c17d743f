//! Sessions, sign-in failures and password resets.

use crate::rows::RawUser;
use crate::users::{USER_COLS, hash_password, token_hash};
use crate::{Store, StoreError, UserRow, generate_token, now_ms};

/// A signed-in browser.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub user: UserRow,
    /// The per-session token every state-changing form and fetch must echo.
    pub csrf: String,
    pub expires_at: i64,
}

/// How long a session lives without use, and at most.
pub const SESSION_IDLE_MS: i64 = 12 * 3_600_000;
pub const SESSION_MAX_MS: i64 = 14 * 24 * 3_600_000;

impl Store {
    /// Start a session; returns the cookie token (only its hash is kept) and the session.
    pub async fn create_session(
        &self,
        user_id: i64,
        user_agent: &str,
    ) -> Result<(String, SessionRow), StoreError> {
        let token = generate_token()?;
        let csrf = generate_token()?;
        let now = now_ms();
        sqlx::query(
            "INSERT INTO sessions (id, user_id, csrf, user_agent, created_at, seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $5, $6)",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(&csrf)
        .bind(user_agent.chars().take(200).collect::<String>())
        .bind(now)
        .bind(now + SESSION_IDLE_MS)
        .execute(&self.pool)
        .await?;
        let user = self.user_by_id(user_id).await?;
        Ok((
            token,
            SessionRow {
                user,
                csrf,
                expires_at: now + SESSION_IDLE_MS,
            },
        ))
    }

    /// The live session for a cookie token. Use slides the idle expiry (written at most once
    /// a minute), never beyond the session's maximum age.
    pub async fn session(&self, token: &str) -> Result<Option<SessionRow>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Raw {
            user_id: i64,
            csrf: String,
            created_at: i64,
            seen_at: i64,
            expires_at: i64,
        }
        let id = token_hash(token);
        let now = now_ms();
        let raw: Option<Raw> = sqlx::query_as(
            "SELECT s.user_id, s.csrf, s.created_at, s.seen_at, s.expires_at FROM sessions s
             JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND u.disabled_at IS NULL",
        )
        .bind(&id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(raw) = raw else { return Ok(None) };
        if raw.expires_at <= now || raw.created_at + SESSION_MAX_MS <= now {
            sqlx::query("DELETE FROM sessions WHERE id = $1")
                .bind(&id)
                .execute(&self.pool)
                .await?;
            return Ok(None);
        }
        let mut expires_at = raw.expires_at;
        if now - raw.seen_at > 60_000 {
            expires_at = (now + SESSION_IDLE_MS).min(raw.created_at + SESSION_MAX_MS);
            sqlx::query("UPDATE sessions SET seen_at = $1, expires_at = $2 WHERE id = $3")
                .bind(now)
                .bind(expires_at)
                .bind(&id)
                .execute(&self.pool)
                .await?;
        }
        let user = self.user_by_id(raw.user_id).await?;
        Ok(Some(SessionRow {
            user,
            csrf: raw.csrf,
            expires_at,
        }))
    }

    pub async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(token_hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sign a user out everywhere (all browsers), optionally keeping one session.
    pub async fn delete_user_sessions(
        &self,
        user_id: i64,
        keep_token: Option<&str>,
    ) -> Result<u64, StoreError> {
        let keep = keep_token.map(token_hash).unwrap_or_default();
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
            .bind(user_id)
            .bind(keep)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Count a failed sign-in for `key` (an email or an address) and return how many failed
    /// within the last `window_ms`, this one included.
    pub async fn record_login_failure(&self, key: &str, window_ms: i64) -> Result<i64, StoreError> {
        let now = now_ms();
        sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(now - window_ms)
            .execute(&self.pool)
            .await?;
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&self.pool)
            .await?;
        self.login_failures(key, window_ms).await
    }

    pub async fn login_failures(&self, key: &str, window_ms: i64) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2")
                .bind(key)
                .bind(now_ms() - window_ms)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    pub async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Replace a user's password (argon2id).
    pub async fn set_password(&self, user_id: i64, password: &str) -> Result<(), StoreError> {
        let password = password.to_string();
        let hash = tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|e| StoreError::Hash(e.to_string()))??;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A one-time password reset token, valid for `ttl_ms`. Only its hash is stored.
    pub async fn create_password_reset(
        &self,
        user_id: i64,
        ttl_ms: i64,
    ) -> Result<String, StoreError> {
        let token = generate_token()?;
        let now = now_ms();
        sqlx::query(
            "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(&self.pool)
        .await?;
        Ok(token)
    }

    /// The user a reset token belongs to, if it is unused and not expired.
    pub async fn password_reset_user(&self, token: &str) -> Result<Option<UserRow>, StoreError> {
        let q = format!(
            "SELECT {} FROM users WHERE id = (SELECT user_id FROM password_resets
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2)",
            USER_COLS
        );
        let raw = sqlx::query_as::<_, RawUser>(crate::sql(&q))
            .bind(token_hash(token))
            .bind(now_ms())
            .fetch_optional(&self.pool)
            .await?;
        raw.map(UserRow::try_from).transpose()
    }

    /// Use a reset token once: set the password, end every session of the user and revoke
    /// their API tokens. A token
    /// that was used, expired or never existed changes nothing and returns `None`.
    pub async fn use_password_reset(
        &self,
        token: &str,
        password: &str,
    ) -> Result<Option<UserRow>, StoreError> {
        let now = now_ms();
        let user_id: Option<i64> = sqlx::query_scalar(
            "UPDATE password_resets SET used_at = $1
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash(token))
        .fetch_optional(&self.pool)
        .await?;
        let Some(user_id) = user_id else {
            return Ok(None);
        };
        self.set_password(user_id, password).await?;
        self.delete_user_sessions(user_id, None).await?;
        let tokens = self.revoke_user_tokens(user_id).await?;
        self.audit(
            Some(user_id),
            "password-reset",
            None,
            &format!("{tokens} token API dicabut"),
        )
        .await?;
        Ok(Some(self.user_by_id(user_id).await?))
    }
}
