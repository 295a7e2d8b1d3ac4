//! Who is on the other end of a request: the client's address (through trusted proxies only), its
//! browser, and whether it came over HTTPS. The domain keeps what it needs of them as
//! `common::ClientInfo`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use common::ClientInfo;
use ipnet::IpNet;

use crate::error::ApiError;
use crate::AppState;

/// The proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// From `10.0.0.0/8,192.168.1.7` (an address alone is a network of one).
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        text.split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<IpNet>()
                    .or_else(|_| part.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("--trusted-proxy: {part:?} is not an address or a CIDR like 10.0.0.0/8"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    pub fn extend(&mut self, other: TrustedProxies) {
        self.0.extend(other.0);
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client: the peer itself, unless the peer is a trusted proxy; then the right-most hop
    /// of `X-Forwarded-For` that is not a trusted proxy (hops further left can be forged by the
    /// client).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        // Hop by hop, from the bytes: a hop that is not ASCII (which the client can write left of
        // its own address) must not take the hops on its right with it. Dropping the whole value
        // would count the client as the proxy, and so throttle everyone behind it.
        let hops: Vec<&[u8]> = headers
            .get_all("x-forwarded-for")
            .iter()
            .flat_map(|v| v.as_bytes().split(|b| *b == b','))
            .map(<[u8]>::trim_ascii)
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let parsed = std::str::from_utf8(hop).ok().and_then(|hop| hop.parse::<IpAddr>().ok());
            match parsed.map(canonical) {
                Some(ip) if self.trusts(ip) => client = ip,
                Some(ip) => return ip,
                // A hop that is not an address: the chain cannot be followed past it.
                None => return client,
            }
        }
        client
    }

    /// Whether the client reached us over HTTPS: directly (never here: TLS ends in front of this
    /// server), or through a trusted proxy that says so.
    pub fn https(&self, peer: IpAddr, headers: &HeaderMap) -> bool {
        self.trusts(peer)
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
    }
}

/// IPv4 addresses arrive as `::ffff:a.b.c.d` on dual-stack sockets.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// The peer address axum recorded for the connection (`0.0.0.0` if it did not).
pub fn peer(parts: &Parts) -> IpAddr {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

/// `X-Forwarded-For` from a peer that is not a trusted proxy is ignored, as it must be; but behind
/// a load balancer nobody named, every client then counts as the balancer's address and shares
/// its throttle. Said once per process, in the log, so an operator sees it on the first request.
fn warn_once_of_untrusted_forwarding(peer: IpAddr) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    WARNED.call_once(|| {
        tracing::warn!(
            %peer,
            "a request came with X-Forwarded-For from a peer that is not a trusted proxy; the header is \
             ignored and the peer counts as the client. Behind a load balancer or reverse proxy, name it \
             with --trusted-proxy, or every client shares its address (and its sign-in throttle)"
        );
    });
}

/// The client of a request, for throttling and the activity log.
impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let peer = peer(parts);
        if parts.headers.contains_key("x-forwarded-for") && !state.proxies.trusts(peer) {
            warn_once_of_untrusted_forwarding(peer);
        }
        let ip = state.proxies.client(peer, &parts.headers);
        let user_agent = parts
            .headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(256).collect());
        Ok(ClientInfo {
            ip,
            user_agent,
            access_token: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in forwarded {
            map.append("x-forwarded-for", value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let none = TrustedProxies::default();
        // A client cannot claim another address by sending the header itself.
        assert_eq!(
            none.client(ip("203.0.113.9"), &headers(&["1.2.3.4"])),
            ip("203.0.113.9")
        );

        let proxies = TrustedProxies::parse("10.0.0.0/8, 192.168.1.7").unwrap();
        assert_eq!(
            proxies.client(ip("10.1.2.3"), &headers(&["198.51.100.4"])),
            ip("198.51.100.4")
        );
        // The right-most untrusted hop wins; a forged hop further left is ignored.
        assert_eq!(
            proxies.client(ip("10.1.2.3"), &headers(&["6.6.6.6, 198.51.100.4", "192.168.1.7"])),
            ip("198.51.100.4")
        );
        // Only proxies in the chain: the left-most of them is as far as we can see.
        assert_eq!(proxies.client(ip("10.1.2.3"), &headers(&["10.9.9.9"])), ip("10.9.9.9"));
        assert_eq!(proxies.client(ip("10.1.2.3"), &headers(&[])), ip("10.1.2.3"));
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(
            proxies.client(ip("10.1.2.3"), &headers(&["nonsense, 10.4.4.4"])),
            ip("10.4.4.4")
        );
        // A hop that is not ASCII is one hop that does not parse, not a header to drop.
        let mut map = HeaderMap::new();
        map.append(
            "x-forwarded-for",
            axum::http::HeaderValue::from_bytes("\u{fc}nicode, 198.51.100.4".as_bytes()).unwrap(),
        );
        assert_eq!(proxies.client(ip("10.1.2.3"), &map), ip("198.51.100.4"));
        // IPv4-mapped IPv6 peers are their IPv4 address.
        assert_eq!(
            proxies.client(ip("::ffff:10.1.2.3"), &headers(&["198.51.100.4"])),
            ip("198.51.100.4")
        );
    }

    #[test]
    fn https_is_believed_from_trusted_proxies_only() {
        let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        let mut map = HeaderMap::new();
        map.insert("x-forwarded-proto", "https".parse().unwrap());
        assert!(proxies.https(ip("127.0.0.1"), &map));
        assert!(!proxies.https(ip("203.0.113.9"), &map));
        assert!(!proxies.https(ip("127.0.0.1"), &HeaderMap::new()));
    }

    #[test]
    fn bad_proxy_lists_are_refused() {
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
        assert!(TrustedProxies::parse("").unwrap().0.is_empty());
    }
}
