/*!
Port 0 in a bind address: "any free port". nanomsg refuses port 0 and could not say
which port it chose, so nncat asks the kernel for a free port through a std listener,
closes that listener, and binds the port it got. Another process may take the port in
between; the caller then tries again with a new one.
*/

use std::net::{Ipv4Addr, SocketAddr, TcpListener, ToSocketAddrs};

use crate::url::Url;

/// A bind address over TCP (tcp, ws, tls+tcp, wss) whose port is 0, split around the port.
pub struct AnyPort<'a> {
    /// Everything before the port, its colon included: `tcp://127.0.0.1:`.
    before: &'a str,
    host: &'a str,
    /// A ws:// path after the port, if any.
    after: &'a str,
}

impl<'a> AnyPort<'a> {
    /// Whether `url` asks for any port, and where the port sits.
    pub fn parse(url: &'a str) -> Option<AnyPort<'a>> {
        let parsed = Url::parse(url)?;
        if !parsed.scheme.over_tcp() || parsed.port != Some("0") || parsed.host.is_empty() {
            return None;
        }
        // The port's place in the text: just before the path (or the end).
        let port_end = url.len() - parsed.resource.len();
        Some(AnyPort {
            before: &url[..port_end - 1],
            host: parsed.host,
            after: parsed.resource,
        })
    }

    /// The same address with a port the kernel says is free right now.
    pub fn with_free_port(&self) -> std::io::Result<String> {
        let listener = TcpListener::bind(self.local_address())?;
        let port = listener.local_addr()?.port();
        Ok(format!("{}{port}{}", self.before, self.after))
    }

    /// Where to ask for a port: the host itself when it is an address or a name that
    /// resolves; every interface for `*` or an interface name, which std cannot bind.
    fn local_address(&self) -> SocketAddr {
        let any = SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0));
        if self.host == "*" {
            return any;
        }
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        (host, 0)
            .to_socket_addrs()
            .ok()
            .and_then(|mut addresses| addresses.next())
            .unwrap_or(any)
    }
}

#[cfg(test)]
mod tests {
    use super::AnyPort;

    #[test]
    fn only_port_zero_of_tcp_and_ws_asks_for_any_port() {
        assert!(AnyPort::parse("tcp://127.0.0.1:0").is_some());
        assert!(AnyPort::parse("ws://127.0.0.1:0/path").is_some());
        assert!(AnyPort::parse("tcp://[::1]:0").is_some());
        assert!(AnyPort::parse("tcp://127.0.0.1:5555").is_none());
        assert!(AnyPort::parse("tcp://127.0.0.1:10").is_none());
        assert!(AnyPort::parse("ipc:///tmp/x:0").is_none());
        assert!(AnyPort::parse("tcp://:0").is_none());
    }

    #[test]
    fn a_free_port_replaces_the_zero_and_keeps_host_and_path() {
        let url = AnyPort::parse("ws://127.0.0.1:0/feed")
            .expect("port 0")
            .with_free_port()
            .expect("a free port on loopback");
        let port: u16 = url
            .strip_prefix("ws://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix("/feed"))
            .and_then(|port| port.parse().ok())
            .expect("the url keeps its shape");
        assert_ne!(port, 0);
    }
}
