//! Media in a local folder. Keys are checked by [`super::MediaStore`] before they get here,
//! so joining them onto the root cannot escape it.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use tokio::io::AsyncWriteExt;

use super::valid_key;
use crate::MediaError;

/// Distinguishes temporary files of concurrent writes within this process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A media folder on the local file system.
#[derive(Debug, Clone)]
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    pub(crate) fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The folder the files live in.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes a temporary file beside the target, flushes it to disk, then renames it into
    /// place, so readers never see a half-written file.
    pub(crate) async fn put(&self, key: &str, bytes: &[u8], _mime: &str) -> Result<(), MediaError> {
        let path = self.root.join(key);
        let dir = path.parent().unwrap_or(&self.root);
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| io_error("create folder for", key, &e))?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        let temp = dir.join(format!(
            ".{name}.{}.{}.tmp",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let result = write_then_rename(&temp, &path, bytes).await;
        if result.is_err() {
            // Best effort: the temporary file may not even exist.
            let _ = tokio::fs::remove_file(&temp).await;
        }
        result.map_err(|e| io_error("write", key, &e))
    }

    pub(crate) async fn get(&self, key: &str) -> Result<Option<Bytes>, MediaError> {
        match tokio::fs::read(self.root.join(key)).await {
            Ok(bytes) => Ok(Some(Bytes::from(bytes))),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error("read", key, &e)),
        }
    }

    pub(crate) async fn size(&self, key: &str) -> Result<Option<u64>, MediaError> {
        match tokio::fs::metadata(self.root.join(key)).await {
            Ok(meta) if meta.is_file() => Ok(Some(meta.len())),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error("look up", key, &e)),
        }
    }

    /// Every file under the root that a media key can name, with its size (a missing root
    /// is an empty library).
    pub(crate) async fn list(&self) -> Result<Vec<(String, u64)>, MediaError> {
        let mut keys = Vec::new();
        let mut todo = vec![self.root.clone()];
        while let Some(dir) = todo.pop() {
            let mut entries = match tokio::fs::read_dir(&dir).await {
                Ok(entries) => entries,
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => return Err(io_error("list", &dir.display().to_string(), &e)),
            };
            while let Some(entry) = entries
                .next_entry()
                .await
                .map_err(|e| io_error("list", &dir.display().to_string(), &e))?
            {
                let path = entry.path();
                let kind = entry
                    .file_type()
                    .await
                    .map_err(|e| io_error("look up", &path.display().to_string(), &e))?;
                if kind.is_dir() {
                    todo.push(path);
                } else if kind.is_file()
                    && let Some(key) = self.key_of(&path)
                {
                    let meta = entry
                        .metadata()
                        .await
                        .map_err(|e| io_error("look up", &key, &e))?;
                    keys.push((key, meta.len()));
                }
            }
        }
        Ok(keys)
    }

    /// The media key of a file under the root, if it has one.
    fn key_of(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        let key = parts?.join("/");
        valid_key(&key).then_some(key)
    }

    pub(crate) async fn delete(&self, key: &str) -> Result<(), MediaError> {
        match tokio::fs::remove_file(self.root.join(key)).await {
            Err(e) if e.kind() != ErrorKind::NotFound => Err(io_error("delete", key, &e)),
            _ => Ok(()),
        }
    }

    /// Creates the root if missing and proves it writable by writing and removing a probe.
    pub(crate) async fn check(&self) -> Result<(), MediaError> {
        let root = self.root.display();
        tokio::fs::create_dir_all(&self.root)
            .await
            .map_err(|e| MediaError::Storage(format!("cannot create {root}: {e}")))?;
        let probe = self
            .root
            .join(format!(".write-check.{}.tmp", std::process::id()));
        tokio::fs::write(&probe, b"ok")
            .await
            .map_err(|e| MediaError::Storage(format!("{root} is not writable: {e}")))?;
        tokio::fs::remove_file(&probe)
            .await
            .map_err(|e| MediaError::Storage(format!("cannot clean up in {root}: {e}")))
    }
}

async fn write_then_rename(temp: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = tokio::fs::File::create(temp).await?;
    file.write_all(bytes).await?;
    file.sync_all().await?;
    drop(file);
    tokio::fs::rename(temp, path).await
}

fn io_error(action: &str, key: &str, e: &std::io::Error) -> MediaError {
    MediaError::Storage(format!("cannot {action} {key:?}: {e}"))
}
