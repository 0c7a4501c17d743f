use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique value (email, slug…) is taken. The string names what.
    #[error("{0} already exists")]
    Conflict(String),
    /// The row changed since the caller read it (optimistic concurrency).
    #[error("the article was changed by someone else (now at revision {current})")]
    StaleRevision { current: i64 },
    /// The step is not possible in the row's current state (e.g. unpublishing a draft).
    #[error("{0}")]
    Invalid(String),
    /// The row is still referenced (e.g. a photo used by an article).
    #[error("{0}")]
    InUse(String),
    #[error("configuration: {0}")]
    Config(String),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("database: {0}")]
    Db(sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.constraint().unwrap_or("value").to_string())
            }
            _ => StoreError::Db(e),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
