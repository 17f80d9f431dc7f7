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

- **tls+tcp and wss:** the same, behind a TLS handshake (rustls, blocking), with the
  server's certificate verified as the socket's --cacert and --insecure say; the
  certificate's subject and expiry are reported with the type.

One probe opens one short connection (ws: one per type tried), so it is light enough
to run against a production server, and the roles use it to explain a silence.

A URL of the wrong transport is recognised and the right one named: a ws server's HTTP
answer to a tcp probe, an SP header to a ws probe, a TLS alert or a close without a word
(nng's mbedtls) to a plain probe where one more connection's TLS handshake (nothing
verified) then succeeds, plain bytes where TLS was expected.

`wire` opens the connection and reads the header within the deadline; `listen` is
the server side, `nncat probe --bind`.
*/

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::ClientConfig;

use crate::boundary::tls::{self, Certificate, Tls};
use crate::error::Reason;
use crate::kind::SocketType;
use crate::url::{Scheme, Url};

mod listen;
mod wire;

pub use listen::Listener;
use wire::{
    TlsFailure, Wire, connect_ipc, connect_tcp, connect_tls, is_timeout, read_header, read_until,
};

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

/// What a probe found: the type, and over TLS the server's certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub identity: Identity,
    pub certificate: Option<Certificate>,
}

/// Why a probe found no SP endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeError {
    Refused,
    /// An ipc path where no socket file is; `meant` is the absolute URL whose socket
    /// does exist, when a relative path lost its leading slash (`ipc://tmp/x`).
    NoSuchIpcSocket {
        meant: Option<String>,
    },
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
    /// The endpoint speaks another transport than the URL's: `url` is the one to use,
    /// with the type found behind it where the answer named one.
    OtherTransport {
        url: Box<Url>,
        found: Option<Identity>,
    },
    /// The TLS handshake failed (a certificate refused, an alert), said in words.
    Tls(String),
    /// A TLS URL whose endpoint answered in plain bytes.
    NotTls(String),
    /// A URL the probe cannot reach from outside (inproc://) or cannot parse.
    Unsupported(String),
    Failed(String),
}

impl ProbeError {
    /// The reason scripts see for this finding.
    pub fn reason(&self) -> Reason {
        match self {
            ProbeError::Unresolvable(_) => Reason::Unresolvable,
            why if why.nothing_listening() => Reason::Refused,
            ProbeError::Unsupported(_) => Reason::Usage,
            ProbeError::Failed(_) => Reason::Runtime,
            _ => Reason::NotSp,
        }
    }

    /// No socket file at `path`, an ipc URL's path.
    pub fn no_such_ipc_socket(path: &str) -> ProbeError {
        let absolute = std::path::Path::new("/").join(path);
        let meant = (!path.starts_with('/') && absolute.exists())
            .then(|| format!("ipc://{}", absolute.display()));
        ProbeError::NoSuchIpcSocket { meant }
    }

    /// Nothing is there to talk to: connecting itself failed.
    pub fn nothing_listening(&self) -> bool {
        matches!(
            self,
            ProbeError::Refused
                | ProbeError::NoSuchIpcSocket { .. }
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
            ProbeError::NoSuchIpcSocket { meant: None } => f.write_str("no such ipc socket"),
            ProbeError::NoSuchIpcSocket { meant: Some(meant) } => {
                write!(f, "no such ipc socket; did you mean {meant}?")
            }
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
            ProbeError::NotSp(bytes) if bytes.starts_with(b"HTTP/") => write!(
                f,
                "not an SP endpoint: it sent {} (an HTTP server; for SP over ws at a path, use ws://HOST:PORT/PATH)",
                escaped(bytes)
            ),
            ProbeError::NotSp(bytes) => {
                write!(f, "not an SP endpoint: it sent {}", escaped(bytes))
            }
            ProbeError::Tls(why) => f.write_str(why),
            ProbeError::NotTls(why) => write!(f, "not a TLS endpoint: {why}"),
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
            ProbeError::OtherTransport { url, found } if url.is_tls() => {
                match found.map(|identity| identity.describe()) {
                    Some(behind) => write!(
                        f,
                        "this endpoint speaks TLS (a {behind} behind it): use {url}"
                    ),
                    None => write!(f, "this endpoint speaks TLS: use {url}"),
                }
            }
            ProbeError::OtherTransport { url, found } => {
                let transport = url.scheme().map_or("", Scheme::name);
                match found.map(|identity| (identity.kind(), identity.protocol_id)) {
                    Some((Some(kind), _)) => {
                        write!(
                            f,
                            "this is a {transport} endpoint of a {kind} socket: use {url}"
                        )
                    }
                    Some((None, id)) => write!(
                        f,
                        "this is a {transport} endpoint of SP protocol {id}: use {url}"
                    ),
                    None => write!(f, "this is a {transport} endpoint: use {url}"),
                }
            }
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

/// Finds out what is at `url`, within `timeout` (more when the answer looks like
/// another transport's: then that transport is asked too, so the error names the URL
/// that works, as "this is a ws endpoint, a rep socket: use ws://HOST:PORT"). `tls`
/// verifies TLS endpoints; without it, the system's roots do.
pub fn probe(url: &Url, timeout: Duration, tls: Option<&Tls>) -> Result<Identity, ProbeError> {
    examine(url, timeout, tls).map(|found| found.identity)
}

/// As `probe`, with the server's certificate over TLS.
pub fn examine(url: &Url, timeout: Duration, tls: Option<&Tls>) -> Result<Found, ProbeError> {
    let found = examine_as_written(url, timeout, tls);
    let Err(why) = &found else {
        return found;
    };
    let other = |url: Url, found: Option<Identity>| {
        Err(ProbeError::OtherTransport {
            url: Box::new(url),
            found,
        })
    };
    match url.scheme() {
        Some(Scheme::Tcp) => {
            // A TLS server answers an SP header with an alert (rustls), or closes without
            // a word (nng's mbedtls).
            let tls_like = match why {
                ProbeError::NotSp(bytes) => looks_like_tls(bytes),
                ProbeError::ClosedWithoutHeader(bytes) => bytes.is_empty(),
                _ => false,
            };
            if tls_like && let Some(behind) = speaks_tls(url, timeout, read_header_over_tls) {
                return other(url.with_scheme(Scheme::TlsTcp), behind);
            }
            // A ws server answers an SP header with an HTTP error, or waits for the rest
            // of a request that never comes, or closes.
            let http_like = match why {
                ProbeError::NotSp(bytes) => bytes.starts_with(b"HTTP/"),
                ProbeError::NoHeader(_) => true,
                ProbeError::ClosedWithoutHeader(bytes) => bytes.is_empty(),
                _ => false,
            };
            if http_like {
                let as_ws = url.with_scheme(Scheme::Ws);
                let open = || connect_tcp(url, Instant::now() + timeout, timeout);
                return match probe_ws(&as_ws, &wire_opener(open), timeout) {
                    Ok(identity) => other(as_ws, Some(identity)),
                    // 400 to every type, or 404 at `/`: a plain HTTP server answers so too.
                    Err(_) => found,
                };
            }
        }
        Some(Scheme::Ws) => {
            // A tcp SP server sends its header before it reads anything.
            if let ProbeError::NotSp(bytes) = why
                && bytes.len() >= 8
                && bytes.starts_with(&MAGIC)
            {
                return other(
                    url.with_scheme(Scheme::Tcp),
                    Some(Identity {
                        protocol_id: u16::from_be_bytes([bytes[4], bytes[5]]),
                    }),
                );
            }
            // As over tcp, to an HTTP request.
            let tls_like = match why {
                ProbeError::NotSp(bytes) => looks_like_tls(bytes),
                ProbeError::ClosedWithoutHeader(bytes) => bytes.is_empty(),
                _ => false,
            };
            let as_wss = url.with_scheme(Scheme::Wss);
            let probe_wss = |wire: wire::TlsWire, deadline: Instant| {
                drop(wire);
                let open = || {
                    connect_tls(&as_wss, deadline, timeout, Tls::unverified_client())
                        .map(|wire| Box::new(wire) as Box<dyn Wire>)
                        .map_err(|_| ProbeError::NoHeader(timeout))
                };
                probe_ws(&as_wss, &open, timeout)
            };
            if tls_like && let Some(behind) = speaks_tls(url, timeout, probe_wss) {
                return other(as_wss, behind);
            }
        }
        Some(secure @ (Scheme::TlsTcp | Scheme::Wss)) if matches!(why, ProbeError::NotTls(_)) => {
            // What speaks in plain bytes there: its own URL, when the probe can name it.
            let plain = url.with_scheme(if secure == Scheme::Wss {
                Scheme::Ws
            } else {
                Scheme::Tcp
            });
            return match examine(&plain, timeout, None) {
                Ok(found) => other(plain, Some(found.identity)),
                Err(err @ ProbeError::OtherTransport { .. }) => Err(err),
                Err(_) => found,
            };
        }
        _ => {}
    }
    found
}

/// Whether bytes begin a TLS record: a handshake (22) or an alert (21), version 3.x.
fn looks_like_tls(bytes: &[u8]) -> bool {
    matches!(bytes, [21 | 22, 3, ..])
}

/// Whether a TLS server answers at `url`'s address, asked with no certificate checked;
/// then what `identify` finds behind the handshake, if anything.
fn speaks_tls(
    url: &Url,
    timeout: Duration,
    identify: impl FnOnce(wire::TlsWire, Instant) -> Result<Identity, ProbeError>,
) -> Option<Option<Identity>> {
    let deadline = Instant::now() + timeout;
    let wire = connect_tls(url, deadline, timeout, Tls::unverified_client()).ok()?;
    Some(identify(wire, deadline).ok())
}

fn read_header_over_tls(
    mut wire: wire::TlsWire,
    deadline: Instant,
) -> Result<Identity, ProbeError> {
    let timeout = deadline.saturating_duration_since(Instant::now());
    read_header(&mut wire, deadline, timeout)
}

/// Turns a function that opens a stream into the opener `probe_ws` takes.
fn wire_opener<W: Wire + 'static>(
    open: impl Fn() -> Result<W, ProbeError>,
) -> impl Fn() -> Result<Box<dyn Wire>, ProbeError> {
    move || open().map(|wire| Box::new(wire) as Box<dyn Wire>)
}

fn examine_as_written(
    url: &Url,
    timeout: Duration,
    tls: Option<&Tls>,
) -> Result<Found, ProbeError> {
    let deadline = Instant::now() + timeout;
    let plain = |identity| Found {
        identity,
        certificate: None,
    };
    match url.scheme() {
        Some(Scheme::Tcp) => {
            let mut stream = connect_tcp(url, deadline, timeout)?;
            read_header(&mut stream, deadline, timeout).map(plain)
        }
        Some(Scheme::Ipc) => {
            let mut stream = connect_ipc(url.path())?;
            read_header(&mut stream, deadline, timeout).map(plain)
        }
        Some(Scheme::Ws) => {
            let open = || connect_tcp(url, deadline, timeout);
            probe_ws(url, &wire_opener(open), timeout).map(plain)
        }
        Some(Scheme::TlsTcp) => {
            let config = client_config(tls);
            let mut wire = secure(url, deadline, timeout, config, tls)?;
            let certificate = wire.certificate();
            let identity =
                read_header(&mut wire, deadline, timeout).map_err(|why| match wire.failure() {
                    Some(err) => handshake_failure(&err, url, timeout, tls),
                    None => why,
                })?;
            Ok(Found {
                identity,
                certificate,
            })
        }
        Some(Scheme::Wss) => {
            let config = client_config(tls);
            // The first handshake says whether TLS works and which certificate it is;
            // each type asked then gets a connection of its own, as over ws.
            let certificate =
                secure(url, deadline, timeout, Arc::clone(&config), tls)?.certificate();
            let open = || secure(url, deadline, timeout, Arc::clone(&config), tls);
            let identity = probe_ws(url, &wire_opener(open), timeout)?;
            Ok(Found {
                identity,
                certificate,
            })
        }
        Some(Scheme::Inproc) => Err(ProbeError::Unsupported(
            "inproc:// endpoints live inside one process: nothing outside it can reach them".into(),
        )),
        None => Err(ProbeError::Unsupported(
            "not an address nncat can probe: use tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, tls+tcp://HOST:PORT or wss://HOST:PORT/PATH"
                .into(),
        )),
    }
}

/// The client side the probe verifies with: the socket's, else the system's roots.
fn client_config(tls: Option<&Tls>) -> Arc<ClientConfig> {
    match tls {
        Some(tls) => tls.client_config(),
        None => match Tls::load(&tls::Files::default()) {
            Ok(tls) => tls.client_config(),
            Err(_) => Tls::unverified_client(),
        },
    }
}

/// A TLS connection to `url`'s address, its failure in words.
fn secure(
    url: &Url,
    deadline: Instant,
    timeout: Duration,
    config: Arc<ClientConfig>,
    tls: Option<&Tls>,
) -> Result<wire::TlsWire, ProbeError> {
    connect_tls(url, deadline, timeout, config).map_err(|failure| match failure {
        TlsFailure::Connect(why) => why,
        TlsFailure::Handshake(err) => handshake_failure(&err, url, timeout, tls),
    })
}

/// A TLS failure at `url`'s address in the user's words.
fn handshake_failure(
    err: &std::io::Error,
    url: &Url,
    timeout: Duration,
    tls: Option<&Tls>,
) -> ProbeError {
    if is_timeout(err) {
        return ProbeError::NoHeader(timeout);
    }
    let host = wire::host_and_port(url).map(|(host, _)| host).ok();
    let fallback;
    let tls = match tls {
        Some(tls) => tls,
        None => match Tls::load(&tls::Files::default()) {
            Ok(loaded) => {
                fallback = loaded;
                &fallback
            }
            Err(why) => return ProbeError::Tls(why),
        },
    };
    let why = tls.describe(err, "the server", host.as_deref());
    if tls::is_not_tls(err) {
        ProbeError::NotTls(why)
    } else if err.kind() == std::io::ErrorKind::UnexpectedEof {
        ProbeError::NotTls(format!("{why} (does it speak TLS?)"))
    } else {
        ProbeError::Tls(why)
    }
}

/// Over ws (`url` a ws or wss URL), asks for each type in turn, each on a stream `open`
/// makes; the one the server answers 101 to is its own.
fn probe_ws(
    url: &Url,
    open: &dyn Fn() -> Result<Box<dyn Wire>, ProbeError>,
    timeout: Duration,
) -> Result<Identity, ProbeError> {
    let deadline = Instant::now() + timeout;
    let authority = url.address();
    let path = match url.resource() {
        "" => "/",
        path => path,
    };
    let names = SocketType::ALL
        .iter()
        .map(|kind| (kind.name(), kind.protocol_id()))
        .chain([NNG_PAIR1]);
    let mut refusal = None;
    for (name, protocol_id) in names {
        let mut stream = open()?;
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
        // An SP header instead (a tcp endpoint) ends the wait too: it has no line end.
        let status_line = |seen: &[u8]| {
            seen.windows(2).any(|pair| pair == b"\r\n")
                || (seen.len() >= 8 && seen.starts_with(&MAGIC))
        };
        match read_until(stream.as_mut(), &mut got, deadline, status_line) {
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

#[cfg(test)]
mod tests;
