//! The endpoints, from --bind, --connect and their shorthands: checked, `localhost`
//! made bindable, and IPv6 turned on only where an address needs it.

use std::net::Ipv4Addr;
use std::path::Path;

use anyhow::Result;

use crate::cli::EndpointArgs;
use crate::error::Failure;
use crate::socket::{Endpoint, EndpointKind};
use crate::url::Url;

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
            url,
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
            url,
        });
    }
    if let Some(empty) = endpoints
        .iter()
        .find(|e| e.url == "ipc://" || e.url == "inproc://")
    {
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
pub(super) fn check_url(url: &str, verb: &str) -> Result<()> {
    let Some(parsed) = Url::parse(url).filter(|parsed| parsed.scheme.over_tcp()) else {
        return Ok(());
    };
    if parsed.port.is_some_and(|port| !port.is_empty()) {
        return Ok(());
    }
    let scheme = parsed.scheme.name();
    let path = if parsed.scheme.has_resource() {
        "[/PATH]"
    } else {
        ""
    };
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
fn loopback_for_localhost(url: &str) -> String {
    match Url::parse(url) {
        Some(parsed)
            if parsed.scheme.over_tcp()
                && parsed.interface.is_none()
                && parsed.host == "localhost" =>
        {
            match parsed.port {
                Some(port) => format!(
                    "{}://127.0.0.1:{port}{}",
                    parsed.scheme.name(),
                    parsed.resource
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
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
                let mapped = format!("[::ffff:{host}]");
                endpoint.url = endpoint.url.replacen(host, &mapped, 1);
            }
        }
    }
    needed
}

/// The host of an address over TCP (`[::1]`, `127.0.0.1`, `*`, a name), when it has a
/// port after it.
fn tcp_host(url: &str) -> Option<&str> {
    let parsed = Url::parse(url)?;
    (parsed.scheme.over_tcp() && parsed.port.is_some()).then_some(parsed.host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(kind: EndpointKind, url: &str) -> Endpoint {
        Endpoint {
            kind,
            url: url.into(),
        }
    }

    #[test]
    fn ipv6_is_on_only_with_an_ipv6_address_and_then_ipv4_connects_are_mapped() {
        let mut v4 = vec![
            endpoint(EndpointKind::Connect, "tcp://127.0.0.1:5"),
            endpoint(EndpointKind::Bind, "tcp://*:6"),
        ];
        assert!(!allow_ipv6(&mut v4));
        assert_eq!(v4[0].url, "tcp://127.0.0.1:5");
        let mut mixed = vec![
            endpoint(EndpointKind::Bind, "tcp://[::1]:5"),
            endpoint(EndpointKind::Connect, "ws://127.0.0.1:6/path"),
            endpoint(EndpointKind::Connect, "tcp://localhost:7"),
            endpoint(EndpointKind::Bind, "tcp://127.0.0.1:8"),
        ];
        assert!(allow_ipv6(&mut mixed));
        assert_eq!(mixed[1].url, "ws://[::ffff:127.0.0.1]:6/path");
        assert_eq!(mixed[2].url, "tcp://localhost:7");
        assert_eq!(mixed[3].url, "tcp://127.0.0.1:8");
    }

    #[test]
    fn localhost_binds_the_loopback_address() {
        assert_eq!(
            loopback_for_localhost("tcp://localhost:5"),
            "tcp://127.0.0.1:5"
        );
        assert_eq!(
            loopback_for_localhost("ws://localhost:5"),
            "ws://127.0.0.1:5"
        );
        assert_eq!(
            loopback_for_localhost("tls+tcp://localhost:5"),
            "tls+tcp://127.0.0.1:5"
        );
        assert_eq!(
            loopback_for_localhost("ipc://localhost:5"),
            "ipc://localhost:5"
        );
    }
}
