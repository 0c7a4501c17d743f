//! Users, passwords (argon2id) and API tokens (only their SHA-256 is stored; the rest of
//! their life is in `accounts.rs`).

use crate::rows::RawUser;
use crate::{Store, StoreError, UserRow, now_ms};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use base64::Engine;
use sha2::{Digest, Sha256};
use warta_core::{Role, Slug};

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password: &'a str,
    pub bio: &'a str,
}

pub(crate) const USER_COLS: &str =
    "id, email, name, slug, role, bio, password_hash, dateline, locale";

/// argon2id with the crate's default (OWASP-recommended) parameters.
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Hash(e.to_string()))
}

pub fn verify_password(user: &UserRow, password: &str) -> bool {
    PasswordHash::new(&user.password_hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A new random API token: `wrt_` and 43 URL-safe characters (256 bits).
pub fn generate_token() -> Result<String, StoreError> {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).map_err(|e| StoreError::Hash(e.to_string()))?;
    Ok(format!(
        "wrt_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
    ))
}

pub(crate) fn token_hash(token: &str) -> String {
    let d = Sha256::digest(token.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    pub async fn create_user(&self, u: NewUser<'_>) -> Result<UserRow, StoreError> {
        let email = u.email.trim().to_lowercase();
        let password = u.password.to_string();
        let hash = tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|e| StoreError::Hash(e.to_string()))??;
        let base = Slug::from_title(u.name)
            .unwrap_or_else(|| Slug::from_title("penulis").expect("constant slug"));
        let slug = self.free_slug("users", &base).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, name, slug, role, password_hash, bio, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&email)
        .bind(u.name.trim())
        .bind(slug.as_str())
        .bind(u.role.as_str())
        .bind(&hash)
        .bind(u.bio)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict(format!("a user with email {email}")),
            other => other,
        })?;
        self.user_by_id(id).await
    }

    pub async fn user_by_id(&self, id: i64) -> Result<UserRow, StoreError> {
        let q = format!("SELECT {USER_COLS} FROM users WHERE id = $1");
        sqlx::query_as::<_, RawUser>(crate::sql(&q))
            .bind(id)
            .fetch_one(&self.pool)
            .await?
            .try_into()
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, StoreError> {
        let q = format!("SELECT {USER_COLS} FROM users WHERE email = $1");
        let raw = sqlx::query_as::<_, RawUser>(crate::sql(&q))
            .bind(email.trim().to_lowercase())
            .fetch_optional(&self.pool)
            .await?;
        raw.map(UserRow::try_from).transpose()
    }

    pub async fn user_by_slug(&self, slug: &str) -> Result<Option<UserRow>, StoreError> {
        let q = format!("SELECT {USER_COLS} FROM users WHERE slug = $1");
        let raw = sqlx::query_as::<_, RawUser>(crate::sql(&q))
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        raw.map(UserRow::try_from).transpose()
    }

    /// Store a new unnamed token for the user and return it; only its hash is kept.
    pub async fn create_token(&self, user_id: i64) -> Result<String, StoreError> {
        Ok(self.create_named_token(user_id, "").await?.1)
    }

    /// The owner of a live token, unless the account is disabled. A revoked token is gone,
    /// so it answers `None` at once.
    pub async fn user_for_token(&self, token: &str) -> Result<Option<UserRow>, StoreError> {
        match self.token_user_id(token).await? {
            Some(id) => Ok(Some(self.user_by_id(id).await?)),
            None => Ok(None),
        }
    }

    /// `base`, or `base-2`, `base-3`… whichever is free in `table` (a constant, never input).
    pub(crate) async fn free_slug(
        &self,
        table: &'static str,
        base: &Slug,
    ) -> Result<Slug, StoreError> {
        let q = format!("SELECT COUNT(*) FROM {table} WHERE slug = $1");
        let mut candidate = base.clone();
        for n in 2..1000 {
            let taken: i64 = sqlx::query_scalar(crate::sql(&q))
                .bind(candidate.as_str())
                .fetch_one(&self.pool)
                .await?;
            if taken == 0 {
                return Ok(candidate);
            }
            candidate = base.with_suffix(n);
        }
        Err(StoreError::Conflict(format!("slug {base}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let a = generate_token().unwrap();
        let b = generate_token().unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("wrt_") && a.len() == 47);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_eq!(token_hash(&a).len(), 64);
    }

    #[test]
    fn argon2id_hashes_verify() {
        let h = hash_password("rahasia-sekali").unwrap();
        assert!(h.starts_with("$argon2id$"));
        let u = UserRow {
            id: 1,
            email: "a@b".into(),
            name: "A".into(),
            slug: "a".into(),
            role: Role::Writer,
            bio: String::new(),
            dateline: String::new(),
            locale: "id".into(),
            password_hash: h,
        };
        assert!(verify_password(&u, "rahasia-sekali"));
        assert!(!verify_password(&u, "salah"));
    }
}
