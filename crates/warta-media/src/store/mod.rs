//! Where media files live. An enum rather than a trait object: backends are few and known,
//! and async methods on an enum need neither `dyn` nor `async-trait`.

mod key;
mod local;
mod s3;
mod settings;

pub use key::{mime_for_key, valid_key};
pub use local::LocalStore;
pub use s3::S3Store;
pub use settings::{AWS_VARIABLES, S3Settings};

use std::path::PathBuf;

use bytes::Bytes;
use futures_util::stream::BoxStream;

use crate::MediaError;

/// Where media files live: a local folder (the default) or an S3-compatible bucket.
#[derive(Debug, Clone)]
pub enum MediaStore {
    Local(LocalStore),
    S3(S3Store),
}

/// A stored file opened for sending: its size and its bytes.
pub struct MediaFile {
    pub size: u64,
    pub body: MediaBody,
}

/// A file's bytes: in memory (local files are small and read at once) or streamed from the
/// object store as they arrive.
pub enum MediaBody {
    Bytes(Bytes),
    Stream(BoxStream<'static, Result<Bytes, MediaError>>),
}

impl MediaStore {
    /// A store in a local folder (created on first write or by [`MediaStore::check`]).
    pub fn local(root: impl Into<PathBuf>) -> Self {
        Self::Local(LocalStore::new(root))
    }

    /// A store in an S3-compatible bucket. Nothing is contacted until the first request or
    /// [`MediaStore::check`].
    pub fn s3(settings: S3Settings) -> Result<Self, MediaError> {
        S3Store::new(settings).map(Self::S3)
    }

    /// Where the files are, for messages: a folder's path or `s3://bucket/prefix`.
    pub fn describe(&self) -> String {
        match self {
            Self::Local(store) => store.root().display().to_string(),
            Self::S3(store) => store.settings().url(),
        }
    }

    /// Stores `bytes` under `key` (e.g. `"2026/11/42-1600.webp"`), replacing any old file
    /// atomically. `mime` is kept by backends that record a content type.
    pub async fn put(&self, key: &str, bytes: &[u8], mime: &str) -> Result<(), MediaError> {
        check_key(key)?;
        match self {
            Self::Local(store) => store.put(key, bytes, mime).await,
            Self::S3(store) => store.put(key, bytes, mime).await,
        }
    }

    /// The file under `key`, or `None` when there is none.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, MediaError> {
        check_key(key)?;
        match self {
            Self::Local(store) => store.get(key).await,
            Self::S3(store) => store.get(key).await,
        }
    }

    /// The file under `key` ready to send (streamed from a bucket), or `None`.
    pub async fn open(&self, key: &str) -> Result<Option<MediaFile>, MediaError> {
        check_key(key)?;
        match self {
            Self::Local(store) => Ok(store.get(key).await?.map(|bytes| MediaFile {
                size: bytes.len() as u64,
                body: MediaBody::Bytes(bytes),
            })),
            Self::S3(store) => store.open(key).await,
        }
    }

    /// The size of the file under `key`, or `None` when there is none (without reading it).
    pub async fn size(&self, key: &str) -> Result<Option<u64>, MediaError> {
        check_key(key)?;
        match self {
            Self::Local(store) => store.size(key).await,
            Self::S3(store) => store.size(key).await,
        }
    }

    /// Removes the file under `key`; a missing file is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), MediaError> {
        check_key(key)?;
        match self {
            Self::Local(store) => store.delete(key).await,
            Self::S3(store) => store.delete(key).await,
        }
    }

    /// Every stored key with its size, sorted by key (temporary and hidden files left out).
    pub async fn list(&self) -> Result<Vec<(String, u64)>, MediaError> {
        let mut keys = match self {
            Self::Local(store) => store.list().await?,
            Self::S3(store) => store.list().await?,
        };
        keys.sort();
        Ok(keys)
    }

    /// Checks that the store is usable: for a local folder, that it exists (creating it if
    /// missing) and is writable; for a bucket, that a probe object can be written and removed.
    pub async fn check(&self) -> Result<(), MediaError> {
        match self {
            Self::Local(store) => store.check().await,
            Self::S3(store) => store.check().await,
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
