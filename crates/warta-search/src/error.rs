//! The search crate's errors.

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("search index files: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index payload: {0}")]
    Payload(#[from] serde_json::Error),
    #[error(transparent)]
    Store(#[from] warta_store::StoreError),
    #[error("search index task: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("search index writer lock poisoned")]
    Poisoned,
}

impl SearchError {
    /// Another process holds this index's writer lock (a server on the same directory).
    pub fn is_locked(&self) -> bool {
        matches!(
            self,
            SearchError::Index(tantivy::TantivyError::LockFailure(..))
        )
    }
}
