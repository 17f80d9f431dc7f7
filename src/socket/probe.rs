/*!
What is listening at an endpoint, found without becoming its peer.

This speaks the wire with `std::net` and `std::os::unix::net`, not libnanomsg: a
nanomsg socket of some type would complete the SP handshake with a server of the
matching type and become a real peer (a push server would hand it a message, and the
message would be lost), and it would learn nothing from a server of another type,
because libnanomsg hides the peer's header and only counts a broken connection.

- **tcp and ipc:** an SP server sends its 8-byte header the moment it accepts:
  `00 53 50 00`, its protocol number (16-bit, big-endian), `00 00`. The probe sends a
  header too, with protocol number 0, which no socket type accepts: the server closes
  without ever attaching a pipe, and a server that is not SP has bytes to answer
  (an HTTP server's "400 Bad Request"), which name it better than a silent timeout.
- **ws:** the type is in the HTTP upgrade. The client names the server type it expects
  in `Sec-WebSocket-Protocol: TYPE.sp.nanomsg.org`; libnanomsg and nng answer 101 only
  to their own type. So the probe asks once per type, one short connection each, and
  closes as soon as it has the answer. The 101 does attach a pipe on the server for
  that instant, so a push server with a message ready at that moment could hand it to
  the probe; tcp and ipc probes never attach.

One probe opens one short connection (ws: one per type tried), so it is light enough
to run against a production server, and the roles use it to explain a silence.
*/

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::os::unix::net::{UnixListener, UnixStream};
use std::time::{Duration, Instant};

use super::SocketType;

/// The first four bytes of every SP header.
const MAGIC: [u8; 4] = [0x00, b'S', b'P', 0x00];

/// The protocol number the probe announces: 0, which no socket type takes as a peer.
pub const PROBE_PROTOCOL: u16 = 0;

/// The header the probe sends.
const PROBE_HEADER: [u8; 8] = [0x00, b'S', b'P', 0x00, 0, PROBE_PROTOCOL as u8, 0, 0];

/// nng's pair version 1: a type nncat has no subcommand for, but which a probe over ws
/// can only recognise by its name.
const NNG_PAIR1: (&str, u16) = ("pair1", 17);

/// How much of a non-SP answer is kept to show.
const SHOWN_BYTES: usize = 64;

/// What an endpoint said it is: its SP protocol number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identity {
    pub protocol_id: u16,
}

impl Identity {
    /// The nncat type, when nncat has one for this number.
    pub fn kind(self) -> Option<SocketType> {
        SocketType::from_protocol_id(self.protocol_id)
    }

    /// "rep (SP protocol 49)", or "SP protocol 17" for a number nncat has no type for.
    pub fn describe(self) -> String {
        match self.kind() {
            Some(kind) => format!("{kind} (SP protocol {})", self.protocol_id),
            None => format!("SP protocol {}", self.protocol_id),
        }
    }
}

/// Why a probe found no SP endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeError {
    Refused,
    /// An ipc path where no socket file is.
    NoSuchIpcSocket,
    Unresolvable(String),
    Unreachable(String),
    /// Connecting took longer than the timeout.
    ConnectTimedOut(Duration),
    /// Connected, but no header came within the timeout.
    NoHeader(Duration),
    /// The connection ended before a whole header; what came before the end.
    ClosedWithoutHeader(Vec<u8>),
    /// The first bytes were not an SP header.
    NotSp(Vec<u8>),
    /// A ws server answered every socket type's upgrade with this status line.
    WsRefusedEveryType(String),
    /// A ws server answered the upgrade with something other than 101 or 400.
    WsAnswered(String),
    /// A URL the probe cannot reach from outside (inproc://) or cannot parse.
    Unsupported(String),
    Failed(String),
}

impl ProbeError {
    /// Nothing is there to talk to: connecting itself failed.
    pub fn nothing_listening(&self) -> bool {
        matches!(
            self,
            ProbeError::Refused
                | ProbeError::NoSuchIpcSocket
                | ProbeError::Unresolvable(_)
                | ProbeError::Unreachable(_)
                | ProbeError::ConnectTimedOut(_)
        )
    }
}

impl std::fmt::Display for ProbeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let within = |d: &Duration| humantime::format_duration(*d).to_string();
        match self {
            ProbeError::Refused => f.write_str("connection refused"),
            ProbeError::NoSuchIpcSocket => f.write_str("no such ipc socket"),
            ProbeError::Unresolvable(host) => write!(f, "cannot resolve the host name '{host}'"),
            ProbeError::Unreachable(why) => write!(f, "unreachable: {why}"),
            ProbeError::ConnectTimedOut(d) => {
                write!(f, "timed out: no answer to connecting within {}", within(d))
            }
            ProbeError::NoHeader(d) => write!(
                f,
                "timed out: connected, but no SP header within {}",
                within(d)
            ),
            ProbeError::ClosedWithoutHeader(bytes) if bytes.is_empty() => {
                f.write_str("closed without a header")
            }
            ProbeError::ClosedWithoutHeader(bytes) => {
                write!(f, "closed without a whole header, after {}", escaped(bytes))
            }
            ProbeError::NotSp(bytes) => {
                write!(f, "not an SP endpoint: it sent {}", escaped(bytes))
            }
            ProbeError::WsRefusedEveryType(status) => write!(
                f,
                "a ws server that accepts no SP socket type: it answered {}",
                escaped(status.as_bytes())
            ),
            ProbeError::WsAnswered(status) => write!(
                f,
                "not an SP endpoint at this path: the ws server answered {}",
                escaped(status.as_bytes())
            ),
            ProbeError::Unsupported(why) | ProbeError::Failed(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for ProbeError {}

/// Bytes as a quoted string a terminal shows safely: the first line, or the first
/// `SHOWN_BYTES` bytes, printable ASCII as it is and the rest as escapes.
pub fn escaped(bytes: &[u8]) -> String {
    let line_end = bytes
        .windows(2)
        .position(|pair| pair == b"\r\n")
        .or_else(|| bytes.iter().position(|&b| b == b'\n'))
        .filter(|&at| at > 0);
    let (shown, cut) = match line_end {
        Some(at) if at <= SHOWN_BYTES => (&bytes[..at], false),
        _ if bytes.len() > SHOWN_BYTES => (&bytes[..SHOWN_BYTES], true),
        _ => (bytes, false),
    };
    let mut out = String::from("\"");
    for &byte in shown {
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(byte as char),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push('"');
    if cut {
        out.push_str("...");
    }
    out
}

/// Finds out what is at `url`, within `timeout` in all.
pub fn probe(url: &str, timeout: Duration) -> Result<Identity, ProbeError> {
    let deadline = Instant::now() + timeout;
    if let Some(rest) = url.strip_prefix("tcp://") {
        let mut stream = connect_tcp(rest, deadline, timeout)?;
        read_header(&mut stream, deadline, timeout)
    } else if let Some(path) = url.strip_prefix("ipc://") {
        let mut stream = connect_ipc(path)?;
        read_header(&mut stream, deadline, timeout)
    } else if let Some(rest) = url.strip_prefix("ws://") {
        probe_ws(rest, deadline, timeout)
    } else if url.starts_with("inproc://") {
        Err(ProbeError::Unsupported(
            "inproc:// endpoints live inside one process: nothing outside it can reach them".into(),
        ))
    } else {
        Err(ProbeError::Unsupported(
            "not an address nncat can probe: use tcp://HOST:PORT, ipc://PATH or ws://HOST:PORT/PATH"
                .into(),
        ))
    }
}

/// `HOST:PORT` from the part of a tcp or ws URL after the scheme; nanomsg's
/// `INTERFACE;HOST:PORT` names the local interface first, which a probe leaves out.
fn host_and_port(rest: &str) -> Result<(String, u16), ProbeError> {
    let rest = rest.rsplit_once(';').map_or(rest, |(_, remote)| remote);
    let bad = || {
        ProbeError::Unsupported(format!(
            "'{rest}' is not HOST:PORT with a port from 1 to 65535"
        ))
    };
    let (host, port) = rest.rsplit_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().ok().filter(|&p| p > 0).ok_or_else(bad)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() || host == "*" {
        return Err(ProbeError::Unsupported(format!(
            "'{rest}' names no host to connect to (a bind address?)"
        )));
    }
    Ok((host.to_string(), port))
}

fn resolve(host: &str, port: u16) -> Result<Vec<SocketAddr>, ProbeError> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|_| ProbeError::Unresolvable(host.to_string()))?
        .collect();
    if addrs.is_empty() {
        return Err(ProbeError::Unresolvable(host.to_string()));
    }
    Ok(addrs)
}

fn connect_tcp(rest: &str, deadline: Instant, timeout: Duration) -> Result<TcpStream, ProbeError> {
    let (host, port) = host_and_port(rest)?;
    let mut last = ProbeError::Unresolvable(host.clone());
    for addr in resolve(&host, port)? {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ProbeError::ConnectTimedOut(timeout));
        }
        match TcpStream::connect_timeout(&addr, left) {
            Ok(stream) => return Ok(stream),
            Err(err) => last = connect_error(err, timeout),
        }
    }
    Err(last)
}

fn connect_ipc(path: &str) -> Result<UnixStream, ProbeError> {
    if path.is_empty() {
        return Err(ProbeError::Unsupported(
            "'ipc://' needs a path after it".into(),
        ));
    }
    UnixStream::connect(path).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => ProbeError::NoSuchIpcSocket,
        _ => connect_error(err, Duration::ZERO),
    })
}

fn connect_error(err: io::Error, timeout: Duration) -> ProbeError {
    match err.kind() {
        io::ErrorKind::ConnectionRefused => ProbeError::Refused,
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => ProbeError::ConnectTimedOut(timeout),
        io::ErrorKind::NetworkUnreachable => ProbeError::Unreachable("network unreachable".into()),
        io::ErrorKind::HostUnreachable => ProbeError::Unreachable("host unreachable".into()),
        _ => ProbeError::Failed(format!(
            "cannot connect: {}",
            crate::report::without_os_error_numbers(&err.to_string())
        )),
    }
}

/// A stream the probe reads with a deadline: tcp or ipc.
trait Wire: Read + Write {
    fn set_timeout(&self, timeout: Duration) -> io::Result<()>;
}

impl Wire for TcpStream {
    fn set_timeout(&self, timeout: Duration) -> io::Result<()> {
        self.set_read_timeout(Some(timeout))?;
        self.set_write_timeout(Some(timeout))
    }
}

impl Wire for UnixStream {
    fn set_timeout(&self, timeout: Duration) -> io::Result<()> {
        self.set_read_timeout(Some(timeout))?;
        self.set_write_timeout(Some(timeout))
    }
}

/// Reads into `buf` from `at` until `until` says stop, the stream ends, or the
/// deadline passes. Returns how far it got and whether the stream ended.
fn read_until(
    stream: &mut dyn Wire,
    buf: &mut Vec<u8>,
    deadline: Instant,
    until: impl Fn(&[u8]) -> bool,
) -> Result<bool, io::Error> {
    let mut chunk = [0u8; 512];
    while !until(buf) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_timeout(left)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(true),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        }
    }
    Ok(false)
}

fn is_timeout(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    )
}

/// The peer's SP header, with ours sent first (see the module doc).
fn read_header(
    stream: &mut dyn Wire,
    deadline: Instant,
    timeout: Duration,
) -> Result<Identity, ProbeError> {
    // A server that already closed makes this fail; what it sent is still to be read.
    let _ = stream.set_timeout(deadline.saturating_duration_since(Instant::now()));
    let _ = stream.write_all(&PROBE_HEADER);
    let mut got = Vec::with_capacity(16);
    let header_or_not =
        |seen: &[u8]| seen.len() >= 8 || !MAGIC.starts_with(&seen[..seen.len().min(MAGIC.len())]);
    let ended = match read_until(stream, &mut got, deadline, header_or_not) {
        Ok(ended) => ended,
        Err(err) if is_timeout(&err) && got.is_empty() => {
            return Err(ProbeError::NoHeader(timeout));
        }
        Err(err) if is_timeout(&err) => return Err(ProbeError::ClosedWithoutHeader(got)),
        // A reset after the peer's last bytes: judge what arrived.
        Err(_) => true,
    };
    if !MAGIC.starts_with(&got[..got.len().min(MAGIC.len())]) {
        // Something else answered: a little more of it names it better ("HTTP/1.1 ...").
        let soon = deadline.min(Instant::now() + Duration::from_millis(100));
        let _ = read_until(stream, &mut got, soon, |seen| {
            seen.len() >= SHOWN_BYTES || seen.contains(&b'\n')
        });
        return Err(ProbeError::NotSp(got));
    }
    if got.len() < 8 {
        debug_assert!(ended);
        return Err(ProbeError::ClosedWithoutHeader(got));
    }
    Ok(Identity {
        protocol_id: u16::from_be_bytes([got[4], got[5]]),
    })
}

/// Over ws, asks for each type in turn; the one the server answers 101 to is its own.
fn probe_ws(rest: &str, deadline: Instant, timeout: Duration) -> Result<Identity, ProbeError> {
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, "/"),
    };
    let names = SocketType::ALL
        .iter()
        .map(|kind| (kind.name(), kind.protocol_id()))
        .chain([NNG_PAIR1]);
    let mut refusal = None;
    for (name, protocol_id) in names {
        let mut stream = connect_tcp(authority, deadline, timeout)?;
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {authority}\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Key: bm5jYXQgcHJvYmUgMTIzNA==\r\n\
             Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: {name}.sp.nanomsg.org\r\n\r\n"
        );
        let _ = stream.set_timeout(deadline.saturating_duration_since(Instant::now()));
        if let Err(err) = stream.write_all(request.as_bytes()) {
            return Err(ProbeError::Failed(format!(
                "cannot send the ws upgrade: {}",
                crate::report::without_os_error_numbers(&err.to_string())
            )));
        }
        let mut got = Vec::new();
        let status_line = |seen: &[u8]| seen.windows(2).any(|pair| pair == b"\r\n");
        match read_until(&mut stream, &mut got, deadline, status_line) {
            Ok(_) => {}
            Err(err) if is_timeout(&err) && got.is_empty() => {
                return Err(ProbeError::NoHeader(timeout));
            }
            Err(_) => {}
        }
        if got.is_empty() {
            return Err(ProbeError::ClosedWithoutHeader(got));
        }
        let line_end = got
            .windows(2)
            .position(|pair| pair == b"\r\n")
            .unwrap_or(got.len());
        let status = String::from_utf8_lossy(&got[..line_end]).into_owned();
        let code = status
            .strip_prefix("HTTP/1.1 ")
            .or_else(|| status.strip_prefix("HTTP/1.0 "))
            .and_then(|rest| rest.get(..3));
        match code {
            Some("101") => return Ok(Identity { protocol_id }),
            Some("400") => refusal = Some(status),
            Some(_) => return Err(ProbeError::WsAnswered(status)),
            None => return Err(ProbeError::NotSp(got)),
        }
    }
    Err(ProbeError::WsRefusedEveryType(refusal.unwrap_or_default()))
}

/// What `listen` saw of one peer that connected.
#[derive(Clone, Debug)]
pub struct Visitor {
    /// The peer's address ("127.0.0.1:53612"); none over ipc.
    pub from: Option<String>,
    pub found: Result<Identity, ProbeError>,
}

/// An endpoint that waits for peers and reads each one's header, without answering.
pub enum Listener {
    Tcp(TcpListener),
    Ipc(UnixListener, std::path::PathBuf),
    Ws(TcpListener),
}

impl Listener {
    /// Binds `url` (tcp://, ipc:// or ws://) with std, as the probe's server side.
    pub fn bind(url: &str) -> Result<Listener, ProbeError> {
        let bind_error = |err: io::Error| {
            ProbeError::Failed(format!(
                "cannot bind to '{url}': {}",
                crate::report::without_os_error_numbers(&err.to_string())
            ))
        };
        if let Some(rest) = url
            .strip_prefix("tcp://")
            .or_else(|| url.strip_prefix("ws://"))
        {
            let authority = rest.split('/').next().unwrap_or(rest);
            let authority = authority.rsplit_once(';').map_or(authority, |(_, a)| a);
            let (host, port) = authority.rsplit_once(':').ok_or_else(|| {
                ProbeError::Unsupported(format!("'{authority}' is not HOST:PORT"))
            })?;
            let host = match host.trim_start_matches('[').trim_end_matches(']') {
                "*" => "0.0.0.0",
                host => host,
            };
            let port: u16 = port.parse().map_err(|_| {
                ProbeError::Unsupported(format!("'{port}' is not a port from 1 to 65535"))
            })?;
            let listener = TcpListener::bind((host, port)).map_err(bind_error)?;
            return Ok(if url.starts_with("ws://") {
                Listener::Ws(listener)
            } else {
                Listener::Tcp(listener)
            });
        }
        if let Some(path) = url.strip_prefix("ipc://") {
            // As nn_bind does: a stale socket file from an earlier run is replaced.
            let path = std::path::PathBuf::from(path);
            if std::fs::symlink_metadata(&path)
                .is_ok_and(|meta| std::os::unix::fs::FileTypeExt::is_socket(&meta.file_type()))
            {
                let _ = std::fs::remove_file(&path);
            }
            let listener = UnixListener::bind(&path).map_err(bind_error)?;
            return Ok(Listener::Ipc(listener, path));
        }
        Err(ProbeError::Unsupported(
            "probe --bind listens on tcp://HOST:PORT, ipc://PATH or ws://HOST:PORT".into(),
        ))
    }

    /// Waits up to `wait` for the next peer and reads what it announces (at most
    /// `timeout`); `None` when no peer came in time.
    pub fn next_visitor(&self, wait: Option<Duration>, timeout: Duration) -> Option<Visitor> {
        if !self.ready(wait) {
            return None;
        }
        let deadline = Instant::now() + timeout;
        match self {
            Listener::Tcp(listener) => {
                let (mut stream, from) = listener.accept().ok()?;
                Some(Visitor {
                    from: Some(from.to_string()),
                    found: read_peer_header(&mut stream, deadline, timeout),
                })
            }
            Listener::Ipc(listener, _) => {
                let (mut stream, _) = listener.accept().ok()?;
                Some(Visitor {
                    from: None,
                    found: read_peer_header(&mut stream, deadline, timeout),
                })
            }
            Listener::Ws(listener) => {
                let (mut stream, from) = listener.accept().ok()?;
                Some(Visitor {
                    from: Some(from.to_string()),
                    found: read_upgrade(&mut stream, deadline, timeout),
                })
            }
        }
    }

    /// Whether a connection waits to be accepted within `wait` (`None`: for ever).
    fn ready(&self, wait: Option<Duration>) -> bool {
        use std::os::fd::AsRawFd;
        let fd = match self {
            Listener::Tcp(listener) | Listener::Ws(listener) => listener.as_raw_fd(),
            Listener::Ipc(listener, _) => listener.as_raw_fd(),
        };
        let deadline = wait.map(|w| Instant::now() + w);
        loop {
            let step = match deadline {
                None => 200,
                Some(d) => super::millis(d.saturating_duration_since(Instant::now())).min(200),
            };
            let mut pollfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd for the call's duration.
            let rc = unsafe { libc::poll(&raw mut pollfd, 1, step) };
            if rc > 0 {
                return true;
            }
            if crate::signals::received().is_some() {
                return false;
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return false;
            }
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Listener::Ipc(_, path) = self {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A connecting peer's header. The probe answers nothing and closes: an answer with
/// the peer's matching type would make it a real peer that sends us messages, and any
/// other answer tells it no more than the close does.
fn read_peer_header(
    stream: &mut dyn Wire,
    deadline: Instant,
    timeout: Duration,
) -> Result<Identity, ProbeError> {
    let mut got = Vec::with_capacity(16);
    let header_or_not =
        |seen: &[u8]| seen.len() >= 8 || !MAGIC.starts_with(&seen[..seen.len().min(MAGIC.len())]);
    match read_until(stream, &mut got, deadline, header_or_not) {
        Ok(_) => {}
        Err(err) if is_timeout(&err) && got.is_empty() => {
            return Err(ProbeError::NoHeader(timeout));
        }
        Err(_) => {}
    }
    if !MAGIC.starts_with(&got[..got.len().min(MAGIC.len())]) {
        return Err(ProbeError::NotSp(got));
    }
    if got.len() < 8 {
        return Err(ProbeError::ClosedWithoutHeader(got));
    }
    Ok(Identity {
        protocol_id: u16::from_be_bytes([got[4], got[5]]),
    })
}

/// A ws client's upgrade request: it names the server type it expects, so the client
/// is that type's peer. The probe answers 400, as a server of another type would.
fn read_upgrade(
    stream: &mut dyn Wire,
    deadline: Instant,
    timeout: Duration,
) -> Result<Identity, ProbeError> {
    let mut got = Vec::new();
    let head_done = |seen: &[u8]| seen.windows(4).any(|w| w == b"\r\n\r\n") || seen.len() > 8192;
    match read_until(stream, &mut got, deadline, head_done) {
        Ok(_) => {}
        Err(err) if is_timeout(&err) && got.is_empty() => {
            return Err(ProbeError::NoHeader(timeout));
        }
        Err(_) => {}
    }
    let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    let head = String::from_utf8_lossy(&got);
    if !head.starts_with("GET ") {
        return Err(ProbeError::NotSp(got));
    }
    let expected = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if !name.trim().eq_ignore_ascii_case("sec-websocket-protocol") {
            return None;
        }
        value
            .trim()
            .strip_suffix(".sp.nanomsg.org")
            .map(str::to_string)
    });
    let Some(expected) = expected else {
        return Err(ProbeError::Failed(
            "a ws client that names no SP socket type (no Sec-WebSocket-Protocol)".into(),
        ));
    };
    if expected == NNG_PAIR1.0 {
        return Ok(Identity {
            protocol_id: NNG_PAIR1.1,
        });
    }
    match SocketType::named(&expected) {
        Some(server) => Ok(Identity {
            protocol_id: server.peer().protocol_id(),
        }),
        None => Err(ProbeError::Failed(format!(
            "a ws client that expects an unknown socket type '{expected}'"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_shows_the_first_line_safely() {
        assert_eq!(
            escaped(b"HTTP/1.1 400 Bad Request\r\nServer: x\r\n"),
            "\"HTTP/1.1 400 Bad Request\""
        );
        assert_eq!(escaped(b"\x00\xffab\"\\"), "\"\\x00\\xffab\\\"\\\\\"");
        assert_eq!(escaped(&[b'a'; 70]), format!("\"{}\"...", "a".repeat(64)));
    }

    #[test]
    fn identity_names_known_numbers_and_shows_others() {
        assert_eq!(
            Identity { protocol_id: 49 }.describe(),
            "rep (SP protocol 49)"
        );
        assert_eq!(Identity { protocol_id: 17 }.describe(), "SP protocol 17");
    }

    #[test]
    fn host_and_port_takes_the_remote_part() {
        assert_eq!(
            host_and_port("eth0;127.0.0.1:5555"),
            Ok(("127.0.0.1".to_string(), 5555))
        );
        assert_eq!(host_and_port("[::1]:7"), Ok(("::1".to_string(), 7)));
        assert!(host_and_port("127.0.0.1").is_err());
        assert!(host_and_port("*:5555").is_err());
        assert!(host_and_port("h:0").is_err());
    }

    #[test]
    fn a_closed_port_is_refused_and_a_missing_ipc_path_is_named() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("an address").port();
        drop(listener);
        let url = format!("tcp://127.0.0.1:{port}");
        assert_eq!(
            probe(&url, Duration::from_secs(2)),
            Err(ProbeError::Refused)
        );
        assert_eq!(
            probe("ipc:///nonexistent-folder/x.sock", Duration::from_secs(2)),
            Err(ProbeError::NoSuchIpcSocket)
        );
    }

    #[test]
    fn a_std_server_that_sends_a_header_is_identified() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("an address").port();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("a connection");
            stream
                .write_all(&[0, b'S', b'P', 0, 0, 49, 0, 0])
                .expect("the header is sent");
            let mut theirs = [0u8; 8];
            stream.read_exact(&mut theirs).expect("the probe's header");
            theirs
        });
        let found = probe(&format!("tcp://127.0.0.1:{port}"), Duration::from_secs(5));
        assert_eq!(found, Ok(Identity { protocol_id: 49 }));
        assert_eq!(server.join().expect("the server ends"), PROBE_HEADER);
    }
}
