//! Media in an S3-compatible bucket through `object_store` (AWS S3, MinIO, Garage, R2, moto…).
//! Every request is signed with the configured credentials; objects carry their content type
//! and an immutable `Cache-Control`, so a CDN or a direct bucket URL serves them as Warta does.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path;
use object_store::{
    Attribute, Attributes, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions, PutPayload,
    RetryConfig,
};

use super::{MediaBody, MediaFile, S3Settings, valid_key};
use crate::MediaError;

/// Media keys never change content (they carry a fingerprint), so caches may keep them.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A bucket (and a prefix inside it) holding media files.
#[derive(Debug, Clone)]
pub struct S3Store {
    inner: Arc<AmazonS3>,
    settings: S3Settings,
}

impl S3Store {
    /// A client for `settings`. Nothing is contacted yet: [`S3Store::check`] does that.
    pub(crate) fn new(settings: S3Settings) -> Result<Self, MediaError> {
        // A store that does not answer must fail a start or a request within seconds, not
        // after object_store's default three minutes of retries.
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(settings.bucket())
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(15),
                ..RetryConfig::default()
            })
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(5))
                    .with_timeout(Duration::from_secs(60)),
            );
        for (name, value) in settings.options() {
            let key: AmazonS3ConfigKey = name
                .to_ascii_lowercase()
                .parse()
                .map_err(|e| MediaError::Storage(format!("{name}: {e}")))?;
            builder = builder.with_config(key, value);
        }
        let inner = builder
            .build()
            .map_err(|e| MediaError::Storage(format!("cannot set up {}: {e}", settings.url())))?;
        Ok(Self {
            inner: Arc::new(inner),
            settings,
        })
    }

    pub fn settings(&self) -> &S3Settings {
        &self.settings
    }

    fn path(&self, key: &str) -> Path {
        match self.settings.prefix() {
            "" => Path::from(key),
            prefix => Path::from(format!("{prefix}/{key}")),
        }
    }

    fn fail(&self, action: &str, key: &str, e: object_store::Error) -> MediaError {
        MediaError::Storage(format!(
            "cannot {action} {key:?} in {}: {e}",
            self.settings.url()
        ))
    }

    pub(crate) async fn put(&self, key: &str, bytes: &[u8], mime: &str) -> Result<(), MediaError> {
        let attributes = Attributes::from_iter([
            (Attribute::ContentType, mime.to_string()),
            (Attribute::CacheControl, IMMUTABLE.to_string()),
        ]);
        let opts = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        let payload = PutPayload::from(Bytes::copy_from_slice(bytes));
        self.inner
            .put_opts(&self.path(key), payload, opts)
            .await
            .map(|_| ())
            .map_err(|e| self.fail("write", key, e))
    }

    pub(crate) async fn get(&self, key: &str) -> Result<Option<Bytes>, MediaError> {
        let got = match self.inner.get(&self.path(key)).await {
            Ok(got) => got,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(self.fail("read", key, e)),
        };
        got.bytes()
            .await
            .map(Some)
            .map_err(|e| self.fail("read", key, e))
    }

    /// The object's size and a stream of its bytes, passed on as they arrive.
    pub(crate) async fn open(&self, key: &str) -> Result<Option<MediaFile>, MediaError> {
        let got = match self.inner.get(&self.path(key)).await {
            Ok(got) => got,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(self.fail("read", key, e)),
        };
        let size = got.meta.size;
        let url = self.settings.url();
        let stream = got
            .into_stream()
            .map_err(move |e| MediaError::Storage(format!("reading from {url}: {e}")))
            .boxed();
        Ok(Some(MediaFile {
            size,
            body: MediaBody::Stream(stream),
        }))
    }

    pub(crate) async fn size(&self, key: &str) -> Result<Option<u64>, MediaError> {
        match self.inner.head(&self.path(key)).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.fail("look up", key, e)),
        }
    }

    pub(crate) async fn delete(&self, key: &str) -> Result<(), MediaError> {
        match self.inner.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.fail("delete", key, e)),
        }
    }

    /// Every media key under the prefix with its size (objects whose names are not media
    /// keys, e.g. another application's, are left out).
    pub(crate) async fn list(&self) -> Result<Vec<(String, u64)>, MediaError> {
        let prefix = match self.settings.prefix() {
            "" => None,
            p => Some(Path::from(p)),
        };
        let strip = match self.settings.prefix() {
            "" => String::new(),
            p => format!("{p}/"),
        };
        let mut listing = self.inner.list(prefix.as_ref());
        let mut keys = Vec::new();
        while let Some(meta) = listing.next().await {
            let meta = meta.map_err(|e| {
                MediaError::Storage(format!("cannot list {}: {e}", self.settings.url()))
            })?;
            let location = meta.location.to_string();
            if let Some(key) = location.strip_prefix(&strip)
                && valid_key(key)
            {
                keys.push((key.to_string(), meta.size));
            }
        }
        Ok(keys)
    }

    /// Proves the bucket reachable and writable with these credentials: writes and removes
    /// a probe object (whose dot-name no media key can address).
    pub(crate) async fn check(&self) -> Result<(), MediaError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(".write-check-{}-{nanos}", std::process::id());
        let probe = self.path(&name);
        let url = self.settings.url();
        let endpoint = self.settings.endpoint().unwrap_or("AWS's default endpoint");
        self.inner
            .put(&probe, PutPayload::from_static(b"ok"))
            .await
            .map_err(|e| {
                MediaError::Storage(format!("cannot write to {url} (at {endpoint}): {e}"))
            })?;
        self.inner
            .delete(&probe)
            .await
            .map_err(|e| MediaError::Storage(format!("cannot clean up in {url}: {e}")))
    }
}
