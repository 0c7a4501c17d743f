//! Where media files live. An enum rather than a trait object: backends are few and known,
//! and async methods on an enum need neither `dyn` nor `async-trait`.

mod key;
mod local;

pub use key::valid_key;
pub use local::LocalStore;

use std::path::PathBuf;

use bytes::Bytes;

use crate::MediaError;

/// Where media files live. Local folder now; an S3-compatible backend will be another variant.
#[derive(Debug, Clone)]
pub enum MediaStore {
    Local(LocalStore),
}

impl MediaStore {
    /// A store in a local folder (created on first write or by [`MediaStore::check`]).
    pub fn local(root: impl Into<PathBuf>) -> Self {
        Self::Local(LocalStore::new(root))
    }

    /// Stores `bytes` under `key` (e.g. `"2026/11/42-1600.webp"`), replacing any old file
    /// atomically. `mime` is kept by backends that record a content type.
    pub async fn put(&self, key: &str, bytes: &[u8], mime: &str) -> Result<(), MediaError> {
        check_key(key)?;
        match self {
            Self::Local(store) => store.put(key, bytes, mime).await,
        }
    }

    /// The file under `key`, or `None` when there is none.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, MediaError> {
        check_key(key)?;
        match self {
            Self::Local(store) => store.get(key).await,
        }
    }

    /// Removes the file under `key`; a missing file is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), MediaError> {
        check_key(key)?;
        match self {
            Self::Local(store) => store.delete(key).await,
        }
    }

    /// Checks that the store is usable: for a local folder, that it exists (creating it if
    /// missing) and is writable.
    pub async fn check(&self) -> Result<(), MediaError> {
        match self {
            Self::Local(store) => store.check().await,
        }
    }
}

fn check_key(key: &str) -> Result<(), MediaError> {
    if valid_key(key) {
        Ok(())
    } else {
        Err(MediaError::Storage(format!("invalid media key {key:?}")))
    }
}

#[cfg(test)]
mod tests;
