/*!
Why a probe found no SP endpoint, and how that is said: every finding has its words
(naming the URL that works when the endpoint speaks another transport) and its reason
for scripts. Apart from the probing itself: the findings are what the doctor, `nncat
probe` and `probe --bind` share, and their words change without touching the wire.
*/

use std::time::Duration;

use super::{Identity, SHOWN_BYTES};
use crate::error::Reason;
use crate::url::{Scheme, Url};

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
            ProbeError::Tls(_) => Reason::Tls,
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
