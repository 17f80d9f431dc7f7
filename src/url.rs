/*!
An endpoint's URL, read once into its parts by one set of rules: the checks of the
command line, port 0, the probe and the warnings all take this value instead of cutting
the string each its own way (which is how `ws://127.0.0.1`, no port, came to be refused
by probe and accepted by req). The URL itself is kept whole: libnanomsg, and the
boundary's reading of addresses as libnanomsg reads them (`boundary/address.rs`),
get it as typed.

The shapes, as libnanomsg and nng take them:
- `tcp://[INTERFACE;]HOST:PORT`, `tls+tcp://...` the same;
- `ws://[INTERFACE;]HOST:PORT[/PATH]`, `wss://...` the same;
- `ipc://PATH` (relative or absolute), `inproc://NAME`.

HOST is a name, an IPv4 literal, `[IPv6]`, or `*` (any interface, to bind).
*/

/// The transport a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Tcp,
    Ws,
    TlsTcp,
    Wss,
    Ipc,
    Inproc,
}

impl Scheme {
    const ALL: [(&'static str, Scheme); 6] = [
        ("tcp", Scheme::Tcp),
        ("ws", Scheme::Ws),
        ("tls+tcp", Scheme::TlsTcp),
        ("wss", Scheme::Wss),
        ("ipc", Scheme::Ipc),
        ("inproc", Scheme::Inproc),
    ];

    pub fn name(self) -> &'static str {
        Scheme::ALL
            .iter()
            .find(|(_, scheme)| *scheme == self)
            .map_or("", |(name, _)| name)
    }

    /// Whether it runs over TCP, with a host and a port.
    pub fn over_tcp(self) -> bool {
        matches!(
            self,
            Scheme::Tcp | Scheme::Ws | Scheme::TlsTcp | Scheme::Wss
        )
    }

    /// Whether a path may follow the port (ws, wss).
    pub fn has_resource(self) -> bool {
        matches!(self, Scheme::Ws | Scheme::Wss)
    }
}

/// A URL's parts, borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Url<'a> {
    pub scheme: Scheme,
    /// The whole URL, as typed.
    pub text: &'a str,
    /// Over TCP: the local interface before `;`, when given.
    pub interface: Option<&'a str>,
    /// Over TCP: the host as typed (`[::1]` keeps its brackets); empty otherwise.
    pub host: &'a str,
    /// Over TCP: the port's digits as typed, when there is a port.
    pub port: Option<&'a str>,
    /// ws and wss: the path after the port, `/` included; empty when none.
    pub resource: &'a str,
    /// ipc: the path; inproc: the name; empty otherwise.
    pub path: &'a str,
}

impl<'a> Url<'a> {
    /// The parts of `text`, or None when it names no transport nncat knows.
    pub fn parse(text: &'a str) -> Option<Url<'a>> {
        let (scheme, rest) = Scheme::ALL.iter().find_map(|(name, scheme)| {
            let rest = text.strip_prefix(name)?.strip_prefix("://")?;
            Some((*scheme, rest))
        })?;
        let mut url = Url {
            scheme,
            text,
            interface: None,
            host: "",
            port: None,
            resource: "",
            path: "",
        };
        if !scheme.over_tcp() {
            url.path = rest;
            return Some(url);
        }
        let address_end = if scheme.has_resource() {
            rest.find('/').unwrap_or(rest.len())
        } else {
            rest.len()
        };
        let (address, resource) = rest.split_at(address_end);
        url.resource = resource;
        let remote = match address.split_once(';') {
            Some((interface, remote)) => {
                url.interface = Some(interface);
                remote
            }
            None => address,
        };
        // The port follows the last colon, unless that colon is inside `[IPv6]`.
        match remote.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => {
                url.host = host;
                url.port = Some(port);
            }
            _ => url.host = remote,
        }
        Some(url)
    }

    /// The port as a number, when it is one (0 included: any port, to bind).
    pub fn port_number(&self) -> Option<u16> {
        let port = self.port?;
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        port.parse().ok()
    }

    /// The host without the brackets of an IPv6 literal.
    pub fn bare_host(&self) -> &'a str {
        self.host
            .strip_prefix('[')
            .and_then(|host| host.strip_suffix(']'))
            .unwrap_or(self.host)
    }

    /// Whether the host is the loopback, which no other machine reaches.
    pub fn is_loopback(&self) -> bool {
        let host = self.bare_host();
        host.starts_with("127.") || host == "localhost" || host == "::1"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Scheme, Option<&str>, &str, Option<&str>, &str, &str) {
        let url = Url::parse(text).expect("a known scheme");
        (
            url.scheme,
            url.interface,
            url.host,
            url.port,
            url.resource,
            url.path,
        )
    }

    #[test]
    fn tcp_is_host_and_port_with_an_optional_interface() {
        assert_eq!(
            parts("tcp://127.0.0.1:5555"),
            (Scheme::Tcp, None, "127.0.0.1", Some("5555"), "", "")
        );
        assert_eq!(
            parts("tcp://eth0;10.0.0.1:7"),
            (Scheme::Tcp, Some("eth0"), "10.0.0.1", Some("7"), "", "")
        );
        assert_eq!(
            parts("tls+tcp://localhost:443"),
            (Scheme::TlsTcp, None, "localhost", Some("443"), "", "")
        );
        assert_eq!(parts("tcp://*:0").3, Some("0"));
    }

    #[test]
    fn a_missing_port_is_none_and_an_ipv6_literal_keeps_its_colons() {
        assert_eq!(parts("tcp://127.0.0.1").3, None);
        assert_eq!(parts("ws://[::1]").2, "[::1]");
        assert_eq!(parts("ws://[::1]").3, None);
        assert_eq!(parts("ws://[::1]:80/x").3, Some("80"));
        assert_eq!(
            Url::parse("tcp://[::1]:9").map(|u| u.bare_host()),
            Some("::1")
        );
        assert_eq!(parts("tcp://host:").3, Some(""));
        assert_eq!(
            Url::parse("tcp://host:").and_then(|u| u.port_number()),
            None
        );
        assert_eq!(
            Url::parse("tcp://host:99999").and_then(|u| u.port_number()),
            None
        );
        assert_eq!(
            Url::parse("tcp://host:+5").and_then(|u| u.port_number()),
            None
        );
    }

    #[test]
    fn ws_has_a_path_after_the_port_and_tcp_none() {
        assert_eq!(
            parts("ws://127.0.0.1:80/feed?x=1"),
            (Scheme::Ws, None, "127.0.0.1", Some("80"), "/feed?x=1", "")
        );
        assert_eq!(parts("wss://h:1").4, "");
        assert_eq!(
            parts("ws://127.0.0.1/feed").3,
            None,
            "no port before the path"
        );
        // tcp takes no path: what follows is part of the port, which is then no number.
        assert_eq!(
            Url::parse("tcp://h:5/x").and_then(|u| u.port_number()),
            None
        );
    }

    #[test]
    fn ipc_and_inproc_are_a_path_and_a_name() {
        assert_eq!(
            parts("ipc:///tmp/a.sock"),
            (Scheme::Ipc, None, "", None, "", "/tmp/a.sock")
        );
        assert_eq!(parts("ipc://relative/a.sock").5, "relative/a.sock");
        assert_eq!(parts("inproc://name").0, Scheme::Inproc);
        assert_eq!(parts("ipc://").5, "");
    }

    #[test]
    fn unknown_schemes_and_text_without_one_are_not_urls() {
        assert_eq!(Url::parse("carrier-pigeon://coop"), None);
        assert_eq!(Url::parse("127.0.0.1:5555"), None);
        assert_eq!(Url::parse("tcp:/x"), None);
    }

    #[test]
    fn loopback_is_127_localhost_and_the_ipv6_one() {
        for loopback in ["tcp://127.0.0.1:1", "ws://localhost:1", "tcp://[::1]:1"] {
            assert!(
                Url::parse(loopback).is_some_and(|u| u.is_loopback()),
                "{loopback}"
            );
        }
        for other in ["tcp://*:1", "tcp://10.0.0.1:1", "tcp://eth0;127.0.0.1:1"] {
            let url = Url::parse(other).expect("a url");
            assert_eq!(url.is_loopback(), other.contains("127."), "{other}");
        }
    }
}
