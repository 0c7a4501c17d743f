//! The client's address: the socket peer, or — only when that peer is a configured trusted
//! proxy — the nearest untrusted hop of `X-Forwarded-For`. Its leftmost entries are whatever
//! the client wrote, so they are never believed on their own.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};

/// The address a request came from (`None` when the server was not started with peer
/// addresses, e.g. a router driven directly in a test).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub Option<IpAddr>);

impl ClientAddr {
    /// For keys and logs: the address, or `unknown`.
    pub fn key(&self) -> String {
        self.0.map_or_else(|| "unknown".into(), |ip| ip.to_string())
    }
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientAddr(client_ip(
            peer,
            &parts.headers,
            &app.config().trusted_proxies,
        )))
    }
}

/// The peer, unless it is a trusted proxy: then the rightmost `X-Forwarded-For` hop that is
/// not itself a trusted proxy (a malformed header leaves the peer).
pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&canonical(peer)) {
        return Some(peer);
    }
    let hops: Option<Vec<IpAddr>> = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().ok())
        .collect::<Option<Vec<&str>>>()
        .map(|vs| {
            vs.iter()
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .collect::<Vec<_>>()
        })
        .and_then(|hops| hops.iter().map(|h| h.parse().ok()).collect());
    let Some(hops) = hops else {
        return Some(peer);
    };
    Some(
        hops.into_iter()
            .rev()
            .map(canonical)
            .find(|ip| !trusted.contains(ip))
            .unwrap_or(peer),
    )
}

/// IPv4-mapped IPv6 addresses compare as the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(v: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static(v));
        h
    }

    #[test]
    fn the_header_is_ignored_without_a_trusted_proxy() {
        let h = xff("203.0.113.9");
        assert_eq!(
            client_ip(Some(ip("10.0.0.1")), &h, &[]),
            Some(ip("10.0.0.1"))
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_nearest_untrusted_hop_counts() {
        let proxy = [ip("10.0.0.1"), ip("10.0.0.2")];
        let h = xff("1.1.1.1, 203.0.113.9, 10.0.0.2");
        assert_eq!(
            client_ip(Some(ip("10.0.0.1")), &h, &proxy),
            Some(ip("203.0.113.9"))
        );
        let peer = Some(ip("::ffff:10.0.0.1"));
        assert_eq!(client_ip(peer, &h, &proxy), Some(ip("203.0.113.9")));
        assert_eq!(
            client_ip(Some(ip("10.0.0.1")), &xff("bogus"), &proxy),
            Some(ip("10.0.0.1"))
        );
        assert_eq!(
            client_ip(Some(ip("10.0.0.1")), &HeaderMap::new(), &proxy),
            Some(ip("10.0.0.1"))
        );
    }
}
