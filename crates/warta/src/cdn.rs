//! The CDN purge settings (`cdn_purge`, `cdn_purge_url`, `cdn_service`, `cdn_token`, or their
//! `WARTA_CDN_*` variables) → the job runner's [`PurgeTarget`].

use anyhow::bail;
use warta_jobs::{CLOUDFLARE_API, FASTLY_API, PurgeTarget};

/// The four settings as given (environment first, then `warta.toml`).
#[derive(Debug, Default)]
pub struct CdnSettings {
    /// `varnish`, `fastly`, `cloudflare`, or empty (no CDN to purge).
    pub kind: Option<String>,
    /// Varnish: the addresses to send `BAN` to, comma-separated. Fastly and Cloudflare: the
    /// API's base URL (default: theirs).
    pub url: Option<String>,
    /// Fastly's service id or Cloudflare's zone id.
    pub service: Option<String>,
    /// Fastly's API token or Cloudflare's API token (purge permission).
    pub token: Option<String>,
}

fn http_url(name: &str, u: &str) -> anyhow::Result<String> {
    let u = u.trim().trim_end_matches('/');
    if !(u.starts_with("http://") || u.starts_with("https://")) || u.len() < 10 {
        bail!("{name} must be an http:// or https:// address (got '{u}')");
    }
    Ok(u.to_string())
}

fn required(kind: &str, name: &str, v: Option<String>) -> anyhow::Result<String> {
    match v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        Some(v) => Ok(v),
        None => bail!("cdn_purge = \"{kind}\" needs {name}"),
    }
}

impl CdnSettings {
    pub fn target(self) -> anyhow::Result<Option<PurgeTarget>> {
        let kind = self.kind.unwrap_or_default().trim().to_ascii_lowercase();
        let api = |default: &str| match &self.url {
            Some(u) if !u.trim().is_empty() => http_url("cdn_purge_url", u),
            _ => Ok(default.to_string()),
        };
        Ok(Some(match kind.as_str() {
            "" | "off" | "none" => return Ok(None),
            "varnish" => {
                let urls = required("varnish", "cdn_purge_url", self.url.clone())?
                    .split(',')
                    .filter(|u| !u.trim().is_empty())
                    .map(|u| http_url("cdn_purge_url", u))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                PurgeTarget::Varnish { urls }
            }
            "fastly" => PurgeTarget::Fastly {
                api: api(FASTLY_API)?,
                service: required("fastly", "cdn_service (the service id)", self.service)?,
                token: required("fastly", "cdn_token", self.token)?,
            },
            "cloudflare" => PurgeTarget::Cloudflare {
                api: api(CLOUDFLARE_API)?,
                zone: required("cloudflare", "cdn_service (the zone id)", self.service)?,
                token: required("cloudflare", "cdn_token", self.token)?,
            },
            other => bail!("cdn_purge must be varnish, fastly or cloudflare (got '{other}')"),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(kind: &str, url: &str, service: &str, token: &str) -> CdnSettings {
        let some = |v: &str| (!v.is_empty()).then(|| v.to_string());
        CdnSettings {
            kind: some(kind),
            url: some(url),
            service: some(service),
            token: some(token),
        }
    }

    #[test]
    fn each_kind_of_cdn_is_understood() {
        assert_eq!(s("", "", "", "").target().unwrap(), None);
        assert_eq!(
            s(
                "varnish",
                "http://10.0.0.1:6081/, http://10.0.0.2:6081",
                "",
                ""
            )
            .target()
            .unwrap(),
            Some(PurgeTarget::Varnish {
                urls: vec!["http://10.0.0.1:6081".into(), "http://10.0.0.2:6081".into()]
            })
        );
        assert_eq!(
            s("Fastly", "", "SVC", "tok").target().unwrap(),
            Some(PurgeTarget::Fastly {
                api: FASTLY_API.into(),
                service: "SVC".into(),
                token: "tok".into()
            })
        );
        assert!(matches!(
            s("cloudflare", "", "zone", "tok").target().unwrap(),
            Some(PurgeTarget::Cloudflare { .. })
        ));
    }

    #[test]
    fn missing_or_wrong_settings_say_what_is_needed() {
        let e = s("varnish", "", "", "").target().unwrap_err().to_string();
        assert!(e.contains("cdn_purge_url"), "{e}");
        let e = s("varnish", "ftp://x", "", "")
            .target()
            .unwrap_err()
            .to_string();
        assert!(e.contains("http://"), "{e}");
        let e = s("fastly", "", "", "tok").target().unwrap_err().to_string();
        assert!(e.contains("service id"), "{e}");
        let e = s("akamai", "", "", "").target().unwrap_err().to_string();
        assert!(e.contains("varnish, fastly or cloudflare"), "{e}");
    }
}
