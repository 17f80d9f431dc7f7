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

This file chooses what to ask by the URL's scheme. `wire` opens the connection and
reads the header within the deadline, `ws` asks over an upgrade, `secure` adds TLS,
`error` says what was found; `listen` is the server side, `nncat probe --bind`.
*/

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::boundary::tls::{Certificate, Tls};
use crate::kind::SocketType;
use crate::url::{Scheme, Url};

mod error;
mod listen;
mod secure;
mod wire;
mod ws;

pub use error::{ProbeError, escaped};
pub use listen::Listener;
use secure::{client_config, handshake_failure, read_header_over_tls, secure, speaks_tls};
use wire::{Wire, connect_ipc, connect_tcp, connect_tls, read_header};
use ws::probe_ws;

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

#[cfg(test)]
mod tests;
