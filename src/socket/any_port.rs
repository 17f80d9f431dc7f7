/*!
Port 0 in a bind address: "any free port". nanomsg refuses port 0 and could not say
which port it chose, so nncat asks the kernel for a free port through a std listener,
closes that listener, and binds the port it got. Another process may take the port in
between; the caller then tries again with a new one.
*/

use std::net::{Ipv4Addr, SocketAddr, TcpListener, ToSocketAddrs};

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
        let (_, rest) = crate::boundary::address::over_tcp(url)?;
        let scheme_len = url.len() - rest.len();
        let address_len = rest.find('/').unwrap_or(rest.len());
        let (address, after) = rest.split_at(address_len);
        let (host, port) = address.rsplit_once(':')?;
        if port != "0" || host.is_empty() {
            return None;
        }
        Some(AnyPort {
            before: &url[..scheme_len + host.len() + 1],
            host,
            after,
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
        let host = self
            .host
            .rsplit_once(';')
            .map_or(self.host, |(_, host)| host);
        let host = host.trim_start_matches('[').trim_end_matches(']');
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
