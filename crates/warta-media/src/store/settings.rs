//! Where an S3-compatible media store is: `s3://bucket/prefix` plus the usual `AWS_*`
//! variables (endpoint, region, credentials), checked when the configuration is loaded so a
//! typo stops the start with a clear message instead of failing on the first upload.

use crate::MediaError;
use crate::store::valid_key;

/// The `AWS_*` variables passed on to the S3 client (object_store's names). Read through the
/// caller's lookup, never from the process environment directly, so tests can run several
/// servers with different settings in one process.
pub const AWS_VARIABLES: &[&str] = &[
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ALLOW_HTTP",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_VIRTUAL_HOSTED_STYLE_REQUEST",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_ENDPOINT_URL_STS",
    "AWS_METADATA_ENDPOINT",
    "AWS_IMDSV1_FALLBACK",
    "AWS_SERVER_SIDE_ENCRYPTION",
    "AWS_SSE_KMS_KEY_ID",
    "AWS_UNSIGNED_PAYLOAD",
    "AWS_CHECKSUM_ALGORITHM",
];

/// Values that must never be printed.
const SECRETS: &[&str] = &["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

/// A parsed `s3://bucket/prefix` and the `AWS_*` settings that go with it.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Settings {
    bucket: String,
    prefix: String,
    /// `(VARIABLE, value)` for each of [`AWS_VARIABLES`] that is set.
    options: Vec<(String, String)>,
}

impl S3Settings {
    /// Parses `url` (`s3://bucket` or `s3://bucket/some/prefix`) and picks up the `AWS_*`
    /// variables that `env` knows.
    pub fn parse(url: &str, env: impl Fn(&str) -> Option<String>) -> Result<Self, MediaError> {
        let bad = |why: &str| {
            MediaError::Storage(format!(
                "media_url {url:?} {why}; expected s3://bucket or s3://bucket/prefix \
                 (leave it unset for the local media folder)"
            ))
        };
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| bad("is not an s3:// URL"))?;
        if rest.contains(['?', '#', '@', ':']) {
            return Err(bad("has a query, credentials or a port"));
        }
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let bucket_ok = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-'))
            && !bucket.starts_with(['.', '-'])
            && !bucket.ends_with(['.', '-']);
        if !bucket_ok {
            return Err(bad(
                "has no valid bucket name (3–63 lower-case letters, digits, dots, hyphens)",
            ));
        }
        let prefix = prefix.trim_end_matches('/');
        if !prefix.is_empty() && !valid_key(prefix) {
            return Err(bad(
                "has an invalid prefix (lower-case letters, digits, '.', '_', '-' and '/')",
            ));
        }
        let options = AWS_VARIABLES
            .iter()
            .filter_map(|k| env(k).map(|v| (k.to_string(), v)))
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        Ok(Self {
            bucket: bucket.to_string(),
            prefix: prefix.to_string(),
            options,
        })
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// The folder inside the bucket (`""` for the bucket's root), without slashes at its ends.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The `AWS_*` settings, e.g. `("AWS_ENDPOINT_URL", "http://127.0.0.1:9000")`.
    pub fn options(&self) -> &[(String, String)] {
        &self.options
    }

    /// The store's address, `s3://bucket/prefix`.
    pub fn url(&self) -> String {
        if self.prefix.is_empty() {
            format!("s3://{}", self.bucket)
        } else {
            format!("s3://{}/{}", self.bucket, self.prefix)
        }
    }

    /// The `AWS_ENDPOINT_URL` (or its aliases) in use, if any.
    pub fn endpoint(&self) -> Option<&str> {
        ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_ENDPOINT"]
            .iter()
            .find_map(|k| self.options.iter().find(|(n, _)| n == k))
            .map(|(_, v)| v.as_str())
    }
}

/// Prints the settings with secrets masked.
impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let options: Vec<(&str, &str)> = self
            .options
            .iter()
            .map(|(k, v)| {
                let shown = if SECRETS.contains(&k.as_str()) {
                    "[redacted]"
                } else {
                    v.as_str()
                };
                (k.as_str(), shown)
            })
            .collect();
        f.debug_struct("S3Settings")
            .field("url", &self.url())
            .field("options", &options)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(k: &str) -> Option<String> {
        match k {
            "AWS_ENDPOINT_URL" => Some("http://127.0.0.1:9000".into()),
            "AWS_SECRET_ACCESS_KEY" => Some("sangat-rahasia".into()),
            "AWS_REGION" => Some("".into()),
            _ => None,
        }
    }

    #[test]
    fn bucket_prefix_and_variables_are_read() {
        let s = S3Settings::parse("s3://warta-media/situs/foto/", env).unwrap();
        assert_eq!(s.bucket(), "warta-media");
        assert_eq!(s.prefix(), "situs/foto");
        assert_eq!(s.url(), "s3://warta-media/situs/foto");
        assert_eq!(s.endpoint(), Some("http://127.0.0.1:9000"));
        // Empty variables count as unset.
        assert_eq!(s.options().len(), 2);
        let root = S3Settings::parse("s3://warta-media", |_| None).unwrap();
        assert_eq!(
            (root.prefix(), root.url().as_str()),
            ("", "s3://warta-media")
        );
    }

    #[test]
    fn secrets_never_print() {
        let s = S3Settings::parse("s3://warta-media", env).unwrap();
        let shown = format!("{s:?}");
        assert!(!shown.contains("sangat-rahasia"), "{shown}");
        assert!(shown.contains("127.0.0.1:9000"), "{shown}");
    }

    #[test]
    fn bad_urls_say_what_is_expected() {
        for url in [
            "",
            "s3:/x",
            "https://bucket/x",
            "s3://",
            "s3://ab",
            "s3://Bucket",
            "s3://bucket_x",
            "s3://-bucket",
            "s3://bucket/../x",
            "s3://bucket/A",
            "s3://bucket//x",
            "s3://key:secret@bucket",
            "s3://bucket?x=1",
        ] {
            let e = S3Settings::parse(url, |_| None).unwrap_err().to_string();
            assert!(e.contains("s3://bucket/prefix"), "{url}: {e}");
        }
    }
}
