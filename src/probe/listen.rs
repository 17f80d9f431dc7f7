//! The probe's server side (`nncat probe --bind`): it waits for peers and reads each
//! one's header or ws upgrade, and answers nothing a peer could attach to.

use std::io;
use std::net::TcpListener;
use std::os::unix::net::UnixListener;
use std::time::{Duration, Instant};

use super::wire::{Wire, is_timeout, read_until};
use super::{Identity, MAGIC, NNG_PAIR1, ProbeError, SocketType};
use crate::os::check_bind_target;
use crate::url::{Scheme, Url};

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
    pub fn bind(url: &Url) -> Result<Listener, ProbeError> {
        let bind_error = |err: io::Error| {
            ProbeError::Failed(format!(
                "cannot bind to '{url}': {}",
                crate::report::without_os_error_numbers(&err.to_string())
            ))
        };
        match url.scheme() {
            Some(scheme @ (Scheme::Tcp | Scheme::Ws)) => {
                let port = url.port().ok_or_else(|| {
                    ProbeError::Unsupported(format!("'{}' is not HOST:PORT", url.remote()))
                })?;
                let port = url.port_number().ok_or_else(|| {
                    ProbeError::Unsupported(format!("'{port}' is not a port from 1 to 65535"))
                })?;
                let host = match url.bare_host() {
                    "*" => "0.0.0.0",
                    host => host,
                };
                let listener = TcpListener::bind((host, port)).map_err(bind_error)?;
                Ok(if scheme == Scheme::Ws {
                    Listener::Ws(listener)
                } else {
                    Listener::Tcp(listener)
                })
            }
            Some(Scheme::Ipc) => {
                // As --bind does: a live process's socket and any other file are left
                // alone, and a stale socket file from an earlier run is replaced.
                let path = std::path::PathBuf::from(url.path());
                check_bind_target(url, &path)
                    .map_err(|err| ProbeError::Failed(format!("{err:#}")))?;
                if std::fs::symlink_metadata(&path)
                    .is_ok_and(|meta| std::os::unix::fs::FileTypeExt::is_socket(&meta.file_type()))
                {
                    let _ = std::fs::remove_file(&path);
                }
                let listener = UnixListener::bind(&path).map_err(bind_error)?;
                Ok(Listener::Ipc(listener, path))
            }
            _ => Err(ProbeError::Unsupported(
                "probe --bind listens on tcp://HOST:PORT, ipc://PATH or ws://HOST:PORT".into(),
            )),
        }
    }

    /// `asked` as bound: with the port the kernel chose where `asked` said 0.
    pub fn bound_url(&self, asked: &Url) -> Url {
        match self {
            Listener::Tcp(listener) | Listener::Ws(listener) => listener
                .local_addr()
                .map_or_else(|_| asked.clone(), |address| asked.with_port(address.port())),
            Listener::Ipc(..) => asked.clone(),
        }
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
        use std::os::fd::AsFd;
        let fd = match self {
            Listener::Tcp(listener) | Listener::Ws(listener) => listener.as_fd(),
            Listener::Ipc(listener, _) => listener.as_fd(),
        };
        let deadline = wait.map(|w| Instant::now() + w);
        loop {
            // Short steps, so that a signal is looked at between them.
            let step = Duration::from_millis(200);
            let step = deadline.map_or(step, |d| {
                d.saturating_duration_since(Instant::now()).min(step)
            });
            let mut fds = [crate::os::watch(fd, crate::os::Events::IN)];
            let ready = crate::os::poll(&mut fds, Some(step));
            if ready.is_some_and(|ready| ready > 0) {
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
        // The peer chose these bytes: escaped before they reach a terminal.
        None => Err(ProbeError::Failed(format!(
            "a ws client that expects an unknown socket type '{}'",
            crate::format::for_terminal(&expected)
        ))),
    }
}
