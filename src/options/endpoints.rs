//! The endpoints, from --bind, --connect and their shorthands: checked, `localhost`
//! made bindable, and IPv6 turned on only where an address needs it.

use std::net::Ipv4Addr;
use std::path::Path;

use anyhow::Result;

use crate::cli::EndpointArgs;
use crate::error::Failure;
use crate::socket::{Endpoint, EndpointKind};
use crate::url::{Scheme, Url};

pub(super) fn collect(args: EndpointArgs) -> Result<Vec<Endpoint>> {
    let local = |port: u16| format!("tcp://127.0.0.1:{port}");
    let ipc = |path: &Path| format!("ipc://{}", path.display());
    let mut endpoints = Vec::new();
    let binds = args
        .bind
        .into_iter()
        .chain(args.bind_local.into_iter().map(local))
        .chain(args.bind_ipc.iter().map(|p| ipc(p)));
    for url in binds {
        endpoints.push(Endpoint {
            kind: EndpointKind::Bind,
            url: Url::new(url),
        });
    }
    let connects = args
        .connect
        .into_iter()
        .chain(args.connect_local.into_iter().map(local))
        .chain(args.connect_ipc.iter().map(|p| ipc(p)));
    for url in connects {
        endpoints.push(Endpoint {
            kind: EndpointKind::Connect,
            url: Url::new(url),
        });
    }
    if let Some(empty) = endpoints.iter().find(|e| {
        matches!(e.url.scheme(), Some(Scheme::Ipc | Scheme::Inproc)) && e.url.path().is_empty()
    }) {
        return Err(
            Failure::Usage(format!("'{}' needs a path or a name after it", empty.url)).into(),
        );
    }
    for endpoint in &endpoints {
        let verb = match endpoint.kind {
            EndpointKind::Bind => "bind to",
            EndpointKind::Connect => "connect to",
        };
        check_url(&endpoint.url, verb)?;
    }
    for endpoint in &mut endpoints {
        if endpoint.kind == EndpointKind::Bind {
            endpoint.url = loopback_for_localhost(&endpoint.url);
        }
    }
    if endpoints.is_empty() {
        return Err(Failure::Usage(
            "no endpoint: give at least one of --bind URL, --connect URL, -L PORT, -l PORT, -X PATH, -x PATH"
                .into(),
        )
        .into());
    }
    Ok(endpoints)
}

/// The checks every command makes of a URL before it uses it (`verb`: "connect to",
/// "bind to", "probe"), so that one the socket types accept, probe accepts too. A tcp or
/// ws URL needs its port: libnanomsg would take `ws://HOST` as port 80, and a run
/// that never meant port 80 would time out with no cause.
pub(super) fn check_url(url: &Url, verb: &str) -> Result<()> {
    let Some(scheme) = url.scheme().filter(|scheme| scheme.over_tcp()) else {
        return Ok(());
    };
    if url.port().is_some_and(|port| !port.is_empty()) {
        return Ok(());
    }
    let path = if scheme.has_resource() { "[/PATH]" } else { "" };
    let scheme = scheme.name();
    Err(Failure::Usage(format!(
        "cannot {verb} '{url}': invalid address: it has no port (write {scheme}://HOST:PORT{path})"
    ))
    .into())
}

pub(super) fn none_given(args: &EndpointArgs) -> bool {
    args.bind.is_empty()
        && args.connect.is_empty()
        && args.bind_local.is_empty()
        && args.connect_local.is_empty()
        && args.bind_ipc.is_empty()
        && args.connect_ipc.is_empty()
}

/// nanomsg binds an address or an interface name, and `localhost` is neither: it
/// connects to `localhost` but cannot bind it. The loopback address is what is meant.
fn loopback_for_localhost(url: &Url) -> Url {
    if url.over_tcp()
        && url.interface().is_none()
        && url.host() == "localhost"
        && url.port().is_some()
    {
        url.with_host("127.0.0.1")
    } else {
        url.clone()
    }
}

/// Whether the socket needs IPv6: one of its addresses is an IPv6 literal. nanomsg is
/// IPv4-only by default, and with IPv6 on, libnanomsg 1.1.5 aborts when it connects to an
/// IPv4 literal (nanomsg issue #1007, measured: `Assertion failed ... usock_posix.inc:195`).
/// So IPv6 is on only where an address needs it, and there an IPv4 address to connect
/// to is written in its IPv4-mapped IPv6 form, which reaches the same listener.
pub(super) fn allow_ipv6(endpoints: &mut [Endpoint]) -> bool {
    let needed = endpoints
        .iter()
        .any(|e| tcp_host(&e.url).is_some_and(|host| host.starts_with('[')));
    if needed {
        for endpoint in endpoints.iter_mut() {
            let Some(host) = tcp_host(&endpoint.url) else {
                continue;
            };
            if endpoint.kind == EndpointKind::Connect && host.parse::<Ipv4Addr>().is_ok() {
                endpoint.url = endpoint.url.with_host(&format!("[::ffff:{host}]"));
            }
        }
    }
    needed
}

/// The host of an address over TCP (`[::1]`, `127.0.0.1`, `*`, a name), when it has a
/// port after it.
fn tcp_host(url: &Url) -> Option<&str> {
    (url.over_tcp() && url.port().is_some()).then_some(url.host())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(kind: EndpointKind, url: &str) -> Endpoint {
        Endpoint {
            kind,
            url: Url::new(url),
        }
    }

    #[test]
    fn ipv6_is_on_only_with_an_ipv6_address_and_then_ipv4_connects_are_mapped() {
        let mut v4 = vec![
            endpoint(EndpointKind::Connect, "tcp://127.0.0.1:5"),
            endpoint(EndpointKind::Bind, "tcp://*:6"),
        ];
        assert!(!allow_ipv6(&mut v4));
        assert_eq!(v4[0].url.as_str(), "tcp://127.0.0.1:5");
        let mut mixed = vec![
            endpoint(EndpointKind::Bind, "tcp://[::1]:5"),
            endpoint(EndpointKind::Connect, "ws://127.0.0.1:6/path"),
            endpoint(EndpointKind::Connect, "tcp://localhost:7"),
            endpoint(EndpointKind::Bind, "tcp://127.0.0.1:8"),
        ];
        assert!(allow_ipv6(&mut mixed));
        assert_eq!(mixed[1].url.as_str(), "ws://[::ffff:127.0.0.1]:6/path");
        assert_eq!(mixed[2].url.as_str(), "tcp://localhost:7");
        assert_eq!(mixed[3].url.as_str(), "tcp://127.0.0.1:8");
    }

    #[test]
    fn localhost_binds_the_loopback_address() {
        assert_eq!(
            loopback_for_localhost(&Url::new("tcp://localhost:5")).as_str(),
            "tcp://127.0.0.1:5"
        );
        assert_eq!(
            loopback_for_localhost(&Url::new("ws://localhost:5")).as_str(),
            "ws://127.0.0.1:5"
        );
        assert_eq!(
            loopback_for_localhost(&Url::new("tls+tcp://localhost:5")).as_str(),
            "tls+tcp://127.0.0.1:5"
        );
        assert_eq!(
            loopback_for_localhost(&Url::new("ipc://localhost:5")).as_str(),
            "ipc://localhost:5"
        );
    }
}
