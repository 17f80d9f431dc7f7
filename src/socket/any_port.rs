/*!
Port 0 in a bind address: "any free port". nanomsg refuses port 0 and could not say
which port it chose, so nncat asks the kernel for a free port through a std listener,
closes that listener, and binds the port it got. Another process may take the port in
between; the caller then tries again with a new one.
*/

use std::net::{Ipv4Addr, SocketAddr, TcpListener, ToSocketAddrs};

use crate::url::Url;

/// A bind address over TCP (tcp, ws, tls+tcp, wss) whose port is 0.
pub struct AnyPort<'a> {
    url: &'a Url,
}

impl<'a> AnyPort<'a> {
    /// Whether `url` asks for any port.
    pub fn of(url: &'a Url) -> Option<AnyPort<'a>> {
        if !url.over_tcp() || url.port() != Some("0") || url.host().is_empty() {
            return None;
        }
        Some(AnyPort { url })
    }

    /// The same address with a port the kernel says is free right now.
    pub fn with_free_port(&self) -> std::io::Result<Url> {
        let listener = TcpListener::bind(self.local_address())?;
        let port = listener.local_addr()?.port();
        Ok(self.url.with_port(port))
    }

    /// Where to ask for a port: the host itself when it is an address or a name that
    /// resolves; every interface for `*` or an interface name, which std cannot bind.
    fn local_address(&self) -> SocketAddr {
        let any = SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0));
        if self.url.host() == "*" {
            return any;
        }
        (self.url.bare_host(), 0)
            .to_socket_addrs()
            .ok()
            .and_then(|mut addresses| addresses.next())
            .unwrap_or(any)
    }
}

#[cfg(test)]
mod tests {
    use super::{AnyPort, Url};

    #[test]
    fn only_port_zero_of_tcp_and_ws_asks_for_any_port() {
        let any = |text: &str| AnyPort::of(&Url::new(text)).is_some();
        assert!(any("tcp://127.0.0.1:0"));
        assert!(any("ws://127.0.0.1:0/path"));
        assert!(any("tcp://[::1]:0"));
        assert!(!any("tcp://127.0.0.1:5555"));
        assert!(!any("tcp://127.0.0.1:10"));
        assert!(!any("ipc:///tmp/x:0"));
        assert!(!any("tcp://:0"));
    }

    #[test]
    fn a_free_port_replaces_the_zero_and_keeps_host_and_path() {
        let asked = Url::new("ws://127.0.0.1:0/feed");
        let url = AnyPort::of(&asked)
            .expect("port 0")
            .with_free_port()
            .expect("a free port on loopback");
        assert_eq!((url.host(), url.resource()), ("127.0.0.1", "/feed"));
        assert_ne!(url.port_number().expect("a port"), 0);
    }
}
