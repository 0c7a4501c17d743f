//! Photos of an import: read from a local copy of the old site's files (`--media-from`) or
//! fetched from their address, then taken in through the newsroom's media ingest (checked and
//! re-encoded like every upload). One that cannot be had is listed in the report; its article
//! keeps the caption and credit, and a later run adds the file.

use crate::indonesian::split_credit;
use crate::wordpress::Run;
use std::path::{Component, Path, PathBuf};
use warta_newsroom::ImageMeta;

/// Photos above this are refused before reading on.
const MAX_BYTES: usize = 20 * 1024 * 1024;

impl Run<'_> {
    /// Caption, credit and alt text of a photo: the post's own, else the attachment's.
    pub(crate) fn photo_text(
        &self,
        attachment: Option<&str>,
        caption: String,
        credit: String,
        alt: String,
    ) -> (String, String, String) {
        let a = attachment.and_then(|id| self.plan.attachments.get(id));
        let (caption, credit) = match (caption.is_empty() && credit.is_empty(), a) {
            (true, Some(a)) => split_credit(&warta_core::strip_tags(&a.caption)),
            _ => (caption, credit),
        };
        let alt = match (alt.is_empty(), a) {
            (true, Some(a)) => a.alt.clone(),
            _ => alt,
        };
        (caption, credit, alt)
    }

    /// The media id of a photo, importing it on first use. `None` when it cannot be had.
    pub(crate) async fn photo(
        &mut self,
        attachment: Option<&str>,
        src: &str,
        caption: &str,
        credit: &str,
        alt: &str,
    ) -> anyhow::Result<Option<i64>> {
        let (kind, id, url) =
            match attachment.and_then(|id| Some((id, self.plan.attachments.get(id)?))) {
                Some((id, a)) => ("attachment", id.to_string(), a.url.clone()),
                None if !src.is_empty() => ("photo-url", src.to_string(), src.to_string()),
                None => return Ok(None),
            };
        if let Some(m) = self.nr.store().imported(self.key(kind, &id)).await? {
            return Ok(Some(m));
        }
        if self.missing.contains(&url) {
            return Ok(None);
        }
        let bytes = match self.bytes_of(&url).await {
            Ok(b) => b,
            Err(why) => {
                self.missing.insert(url.clone());
                self.report.missing_media.push(format!("{url}: {why}"));
                return Ok(None);
            }
        };
        let meta = ImageMeta {
            caption: caption.to_string(),
            credit: credit.to_string(),
            alt: alt.to_string(),
            uploaded_by: Some(self.user.id),
        };
        // The photo is written outside the article batch: commit that first.
        self.flush().await?;
        match self.nr.ingest_image(bytes, meta).await {
            Ok(m) => {
                self.nr
                    .store()
                    .record_import(self.key(kind, &id), m.id)
                    .await?;
                crate::report::Report::count(&mut self.report.imported, "photo");
                Ok(Some(m.id))
            }
            Err(e) => {
                self.missing.insert(url.clone());
                self.report.missing_media.push(format!("{url}: {e}"));
                Ok(None)
            }
        }
    }

    async fn bytes_of(&self, url: &str) -> Result<Vec<u8>, String> {
        if let Some(dir) = &self.opts.media_from
            && let Some(path) = local_copy(&self.site, dir, url)
        {
            match tokio::fs::read(&path).await {
                Ok(b) if b.len() <= MAX_BYTES => return Ok(b),
                Ok(_) => return Err(format!("larger than {MAX_BYTES} bytes")),
                Err(e) if self.http.is_none() => {
                    return Err(format!("not in {}: {e}", dir.display()));
                }
                Err(_) => {}
            }
        }
        let Some(http) = &self.http else {
            return Err("not found locally (fetching is off)".into());
        };
        let mut resp = http
            .get(url)
            .send()
            .await
            .map_err(|e| format!("fetch failed: {e}"))?;
        if !resp.status().is_success() {
            return Err(format!("answered {}", resp.status()));
        }
        if resp.content_length().is_some_and(|n| n > MAX_BYTES as u64) {
            return Err(format!("larger than {MAX_BYTES} bytes"));
        }
        let mut out = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| format!("fetch failed: {e}"))?
        {
            out.extend_from_slice(&chunk);
            if out.len() > MAX_BYTES {
                return Err(format!("larger than {MAX_BYTES} bytes"));
            }
        }
        Ok(out)
    }
}

/// `https://situs.id/wp-content/uploads/2022/03/foto.jpg` → `DIR/wp-content/uploads/2022/03/foto.jpg`
/// (the path after the site's address; nothing outside DIR).
pub fn local_copy(site: &url::Url, dir: &Path, url: &str) -> Option<PathBuf> {
    let u = url::Url::parse(url).ok()?;
    let base = site.path().trim_end_matches('/');
    let path = u.path();
    let rel = path
        .strip_prefix(base)
        .unwrap_or(path)
        .trim_start_matches('/');
    let decoded = percent_decode(rel)?;
    let rel = Path::new(&decoded);
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| dir.join(rel))
}

/// `%xx` escapes decoded (a `+` stays a `+` in a path); `None` if not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_copies_are_found_under_the_folder_only() {
        let site = url::Url::parse("https://situs.id").unwrap();
        let dir = Path::new("/srv/lama");
        assert_eq!(
            local_copy(
                &site,
                dir,
                "https://situs.id/wp-content/uploads/2022/03/foto.jpg"
            ),
            Some(PathBuf::from(
                "/srv/lama/wp-content/uploads/2022/03/foto.jpg"
            ))
        );
        assert_eq!(
            local_copy(&site, dir, "https://situs.id/wp-content/../../etc/passwd")
                .map(|p| p.starts_with(dir)),
            Some(true)
        );
        for evil in [
            "https://situs.id/a/%2e%2e/%2e%2e/x",
            "https://situs.id/a/..%2f..%2fx",
        ] {
            let p = local_copy(&site, dir, evil);
            assert!(
                p.is_none()
                    || p.is_some_and(|p| p.starts_with(dir) && !p.to_string_lossy().contains("..")),
                "{evil}"
            );
        }
        assert_eq!(
            percent_decode("foto%20a+b.jpg").as_deref(),
            Some("foto a+b.jpg")
        );
    }
}
