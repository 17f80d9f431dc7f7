/*!
tcp and ws addresses read exactly as libnanomsg 1.1.5 reads them (bws.c, cws.c and the
helpers in transports/utils), because libnanomsg never sees the user's address any more:
it gets a private ipc address in a folder only nncat can reach. So an address libnanomsg
refused is still refused, with the same error number, and one it took still means the
same place. tls+tcp:// and wss://, which libnanomsg never had, are read as tcp:// and
ws:// are, as nng reads them.

Each function takes the `Url` that `options/` read, with its scheme already known, and
the tcp port's check is the URL's (`Url::port_number`). But the address itself is cut
here again, by libnanomsg's rules and not by `url.rs`'s, because the two differ where
it matters to keep the same refusals and error numbers:
- the port follows the last colon anywhere, a ws path included (`ws://h:1/a:b` has the
  port "b", which libnanomsg refuses), and the interface ends at the first `;` anywhere
  (`ws://h:1/a;b` is refused);
- a bind has no path: its port runs to the end (`ws://h:1/x` has the port "1/x"), and
  whatever precedes the last colon is the interface (`INTERFACE;HOST` included, then
  "no such device");
- tcp's path ends the port at the first `/` after it, before the checks of the host
  and the interface (`tcp://eth0;h:1/x` is "no such device", not "invalid").

`url.rs` reads these as the user and nng mean them, which the probe and the command
line's checks want; moving libnanomsg's reading there would give it two grammars.
*/

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use std::io;

use crate::url::Url;

/// An address libnanomsg would refuse, with the error number it would give.
fn refused(code: i32) -> io::Error {
    io::Error::from_raw_os_error(code)
}

/// libnanomsg's `NN_SOCKADDR_MAX`: a whole address of this length or more is refused.
const ADDRESS_MAX: usize = 128;

/// What a connecting ws endpoint reaches, and how it names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remote {
    /// The local address to connect from (`NIC;HOST:PORT`), unless any will do.
    pub local: Option<IpAddr>,
    /// The host as typed, without brackets: a name to resolve or a literal.
    pub host: String,
    pub port: u16,
    /// `HOST:PORT` as typed: what libnanomsg puts in its `Host:` header.
    pub host_header: String,
    /// The path and what follows it, as typed; empty means `/`.
    pub resource: String,
    /// Whether a name resolves to IPv4 addresses only (`NN_IPV4ONLY`).
    pub ipv4_only: bool,
}

/// The interface and port of `ws://ADDRESS` for bind: `*`, or an IP literal, then a port.
pub fn parse_bind(url: &Url, ipv4_only: bool) -> io::Result<SocketAddr> {
    let address = without_scheme(url)?;
    let (nic, port) = address
        .rsplit_once(':')
        .ok_or_else(|| refused(libc::EINVAL))?;
    let port = parse_port(port)?;
    let ip = interface(nic, ipv4_only)?;
    Ok(SocketAddr::new(ip, port))
}

/// `ws://[NIC;]HOST[:PORT][/RESOURCE]` for connect, with libnanomsg's own quirks: the
/// port follows the last colon anywhere, 80 when there is none.
pub fn parse_connect(url: &Url, ipv4_only: bool) -> io::Result<Remote> {
    let address = without_scheme(url)?;
    let host_start = address.find(';').map_or(0, |at| at + 1);
    let colon = address.rfind(':');
    let slash = match colon {
        Some(at) => address[at..].find('/').map(|i| at + i),
        None => address.find('/'),
    };
    let resource_start = slash.unwrap_or(address.len());
    let host_end = colon.unwrap_or(resource_start);
    if host_end < host_start || resource_start < host_start {
        return Err(refused(libc::EINVAL));
    }
    let port = match colon {
        Some(at) => parse_port(&address[at + 1..resource_start])?,
        None => 80,
    };
    let host = &address[host_start..host_end];
    if !is_hostname(host) && literal(host, ipv4_only).is_none() {
        return Err(refused(libc::EINVAL));
    }
    let local = match address.find(';') {
        Some(at) => match interface(&address[..at], ipv4_only)? {
            ip if ip.is_unspecified() => None,
            ip => Some(ip),
        },
        None => None,
    };
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    Ok(Remote {
        local,
        host: bare.to_string(),
        port,
        host_header: address[host_start..resource_start].to_string(),
        resource: address[resource_start..].to_string(),
        ipv4_only,
    })
}

/// `tcp://[NIC;]HOST:PORT` for connect: ws's rules, with the port required and no path.
/// Once ws's rules took the address, the port they found is the URL's whole port exactly
/// when no path follows it.
pub fn parse_tcp_connect(url: &Url, ipv4_only: bool) -> io::Result<Remote> {
    let remote = parse_connect(url, ipv4_only)?;
    if url.port_number().is_none() {
        return Err(refused(libc::EINVAL));
    }
    Ok(remote)
}

/// What follows `://` in a URL over TCP, which libnanomsg reads by its own rules.
fn without_scheme(url: &Url) -> io::Result<&str> {
    if url.len() >= ADDRESS_MAX {
        return Err(refused(libc::ENAMETOOLONG));
    }
    if !url.over_tcp() {
        return Err(refused(libc::EINVAL));
    }
    Ok(url.after_scheme())
}

/// `nn_port_resolve`: decimal digits only, 1 to 65535.
fn parse_port(text: &str) -> io::Result<u16> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refused(libc::EINVAL));
    }
    match text.parse::<u16>() {
        Ok(0) | Err(_) => Err(refused(libc::EINVAL)),
        Ok(port) => Ok(port),
    }
}

/// `nn_iface_resolve`: `*` for every interface, else an IP literal (1.1.5 no longer
/// resolves interface names); anything else is "no such device".
fn interface(text: &str, ipv4_only: bool) -> io::Result<IpAddr> {
    if text == "*" {
        return Ok(if ipv4_only {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        } else {
            IpAddr::V6(Ipv6Addr::UNSPECIFIED)
        });
    }
    literal(text, ipv4_only).ok_or_else(|| refused(libc::ENODEV))
}

/// `nn_literal_resolve`: an IPv4 literal, or with IPv6 allowed an IPv6 one; either may
/// be in brackets.
fn literal(text: &str, ipv4_only: bool) -> Option<IpAddr> {
    let inner = match text.strip_prefix('[') {
        Some(rest) => rest.strip_suffix(']')?,
        None => text,
    };
    if !ipv4_only && let Ok(ip) = inner.parse::<Ipv6Addr>() {
        return Some(IpAddr::V6(ip));
    }
    inner.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
}

/// `nn_dns_check_hostname`: labels of letters, digits and hyphens, none empty or over
/// 63, not starting with a hyphen, 255 in all.
fn is_hostname(name: &str) -> bool {
    if name.is_empty() || name.len() > 255 || name.starts_with('-') {
        return false;
    }
    let mut label = 0;
    for b in name.bytes() {
        match b {
            b'.' if label == 0 => return false,
            b'.' => label = 0,
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' => {
                label += 1;
                if label > 63 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errno(result: io::Result<impl std::fmt::Debug>) -> i32 {
        result
            .expect_err("refused")
            .raw_os_error()
            .unwrap_or_default()
    }

    #[test]
    fn bind_takes_a_star_or_a_literal_and_a_port_only() {
        assert_eq!(
            parse_bind(&Url::new("ws://127.0.0.1:5555"), true).unwrap(),
            "127.0.0.1:5555".parse().unwrap()
        );
        assert_eq!(
            parse_bind(&Url::new("ws://*:80"), true).unwrap(),
            "0.0.0.0:80".parse().unwrap()
        );
        assert_eq!(
            parse_bind(&Url::new("ws://*:80"), false).unwrap(),
            "[::]:80".parse().unwrap()
        );
        assert_eq!(
            parse_bind(&Url::new("ws://[::1]:80"), false).unwrap(),
            "[::1]:80".parse().unwrap()
        );
        // libnanomsg refuses a path on bind: the port is "5555/x".
        assert_eq!(
            errno(parse_bind(&Url::new("ws://127.0.0.1:5555/x"), true)),
            libc::EINVAL
        );
        assert_eq!(
            errno(parse_bind(&Url::new("ws://127.0.0.1"), true)),
            libc::EINVAL
        );
        assert_eq!(
            errno(parse_bind(&Url::new("ws://127.0.0.1:0"), true)),
            libc::EINVAL
        );
        assert_eq!(
            errno(parse_bind(&Url::new("ws://127.0.0.1:65536"), true)),
            libc::EINVAL
        );
        assert_eq!(
            errno(parse_bind(&Url::new("ws://localhost:80"), true)),
            libc::ENODEV
        );
        assert_eq!(
            errno(parse_bind(&Url::new("ws://[::1]:80"), true)),
            libc::ENODEV
        );
        let long = Url::new(format!("ws://127.0.0.1:1/{}", "x".repeat(120)));
        assert_eq!(errno(parse_bind(&long, true)), libc::ENAMETOOLONG);
    }

    #[test]
    fn connect_reads_host_port_and_resource_as_libnanomsg_does() {
        let remote = parse_connect(&Url::new("ws://example.com:8080/a/b?c"), true).unwrap();
        assert_eq!(remote.host, "example.com");
        assert_eq!(remote.port, 8080);
        assert_eq!(remote.host_header, "example.com:8080");
        assert_eq!(remote.resource, "/a/b?c");
        assert_eq!(remote.local, None);

        let remote = parse_connect(&Url::new("ws://example.com/x"), true).unwrap();
        assert_eq!(
            (remote.port, remote.host_header.as_str()),
            (80, "example.com")
        );

        let remote = parse_connect(&Url::new("ws://127.0.0.1;127.0.0.1:9"), true).unwrap();
        assert_eq!(remote.local, Some("127.0.0.1".parse().unwrap()));
        assert_eq!(remote.resource, "");

        let remote = parse_connect(&Url::new("ws://[::1]:9/"), false).unwrap();
        assert_eq!(remote.host, "::1");
        assert_eq!(remote.host_header, "[::1]:9");

        assert_eq!(
            errno(parse_connect(&Url::new("ws://[::1]:9/"), true)),
            libc::EINVAL
        );
        assert_eq!(
            errno(parse_connect(&Url::new("ws://host:0/"), true)),
            libc::EINVAL
        );
        // The last colon anywhere is the port's, as in libnanomsg.
        assert_eq!(
            errno(parse_connect(&Url::new("ws://host:1/a:b"), true)),
            libc::EINVAL
        );
        assert_eq!(
            errno(parse_connect(&Url::new("ws://bad_host:1/"), true)),
            libc::EINVAL
        );
        assert_eq!(
            errno(parse_connect(&Url::new("ws://-host:1/"), true)),
            libc::EINVAL
        );
        assert_eq!(
            errno(parse_connect(&Url::new("ws://eth0;host:1/"), true)),
            libc::ENODEV
        );
        // The interface ends at the first `;`, even one in the path.
        assert_eq!(
            errno(parse_connect(&Url::new("ws://h:1/a;b"), true)),
            libc::EINVAL
        );
    }

    #[test]
    fn libnanomsg_reads_a_path_where_the_url_has_none_before_its_other_checks() {
        // A bind's port runs to the end; what precedes the last colon is the interface.
        assert_eq!(
            errno(parse_bind(&Url::new("ws://*:1/x:80"), true)),
            libc::ENODEV
        );
        assert_eq!(
            errno(parse_bind(&Url::new("tcp://eth0;*:1"), true)),
            libc::ENODEV
        );
        // tcp's port ends at a `/`, and the interface is judged before the path.
        assert_eq!(
            errno(parse_tcp_connect(&Url::new("tcp://eth0;h:1/x"), true)),
            libc::ENODEV
        );
        assert_eq!(
            errno(parse_tcp_connect(&Url::new("tcp://[::1]:9/]"), false)),
            libc::EINVAL
        );
    }

    #[test]
    fn tcp_connect_needs_a_port_and_takes_no_path() {
        let remote = parse_tcp_connect(&Url::new("tcp://localhost:5555"), true).unwrap();
        assert_eq!((remote.host.as_str(), remote.port), ("localhost", 5555));
        assert_eq!(
            errno(parse_tcp_connect(&Url::new("tcp://localhost"), true)),
            libc::EINVAL
        );
        assert_eq!(
            errno(parse_tcp_connect(&Url::new("tcp://h:1/x"), true)),
            libc::EINVAL
        );
        assert_eq!(
            parse_tcp_connect(&Url::new("tcp://[::1]:9"), false)
                .unwrap()
                .port,
            9
        );
    }

    #[test]
    fn tls_addresses_read_as_their_plain_transports() {
        let remote = parse_tcp_connect(&Url::new("tls+tcp://localhost:5555"), true).unwrap();
        assert_eq!((remote.host.as_str(), remote.port), ("localhost", 5555));
        let remote = parse_connect(&Url::new("wss://example.com:443/a"), true).unwrap();
        assert_eq!((remote.port, remote.resource.as_str()), (443, "/a"));
        assert_eq!(
            parse_bind(&Url::new("tls+tcp://127.0.0.1:1"), true).unwrap(),
            "127.0.0.1:1".parse().unwrap()
        );
        assert_eq!(
            errno(parse_tcp_connect(&Url::new("tcp+tls://h:1"), true)),
            libc::EINVAL
        );
    }

    #[test]
    fn hostnames_follow_the_dns_rules_libnanomsg_checks() {
        assert!(is_hostname("a-b.example"));
        assert!(!is_hostname("a..b"));
        assert!(!is_hostname(&"a".repeat(64)));
        assert!(is_hostname(&"a".repeat(63)));
    }
}
