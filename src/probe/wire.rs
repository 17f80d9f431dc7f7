//! The probe's side of a connection: the address resolved, the stream opened (and its
//! TLS handshake made, for tls+tcp and wss), and the SP header read, all within one
//! deadline.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::{ClientConfig, ClientConnection};

use super::{Identity, MAGIC, PROBE_HEADER, ProbeError, SHOWN_BYTES};
use crate::boundary::tls::{self, Certificate};
use crate::url::Url;

/// The host and port of a URL over TCP; nanomsg's `INTERFACE;HOST:PORT` names the
/// local interface first, which a probe leaves out.
pub(super) fn host_and_port(url: &Url) -> Result<(String, u16), ProbeError> {
    let shown = url.remote();
    let port = url.port_number().filter(|&port| port > 0).ok_or_else(|| {
        ProbeError::Unsupported(format!(
            "'{shown}' is not HOST:PORT with a port from 1 to 65535"
        ))
    })?;
    let host = url.bare_host();
    if host.is_empty() || host == "*" {
        return Err(ProbeError::Unsupported(format!(
            "'{shown}' names no host to connect to (a bind address?)"
        )));
    }
    Ok((host.to_string(), port))
}

pub(super) fn resolve(host: &str, port: u16) -> Result<Vec<SocketAddr>, ProbeError> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|_| ProbeError::Unresolvable(host.to_string()))?
        .collect();
    if addrs.is_empty() {
        return Err(ProbeError::Unresolvable(host.to_string()));
    }
    Ok(addrs)
}

pub(super) fn connect_tcp(
    url: &Url,
    deadline: Instant,
    timeout: Duration,
) -> Result<TcpStream, ProbeError> {
    let (host, port) = host_and_port(url)?;
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

pub(super) fn connect_ipc(path: &str) -> Result<UnixStream, ProbeError> {
    if path.is_empty() {
        return Err(ProbeError::Unsupported(
            "'ipc://' needs a path after it".into(),
        ));
    }
    UnixStream::connect(path).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => ProbeError::no_such_ipc_socket(path),
        _ => connect_error(err, Duration::ZERO),
    })
}

pub(super) fn connect_error(err: io::Error, timeout: Duration) -> ProbeError {
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
pub(super) trait Wire: Read + Write {
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
pub(super) fn read_until(
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

pub(super) fn is_timeout(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    )
}

/// The peer's SP header, with ours sent first (see the module doc).
pub(super) fn read_header(
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

/// A TLS connection the probe reads with a deadline, over TCP.
pub(super) struct TlsWire(
    rustls::StreamOwned<rustls::ClientConnection, TcpStream>,
    /// The TLS error a read met (an alert after the handshake: TLS 1.3 servers judge a
    /// client's certificate only then), for the probe to say instead of "closed".
    Option<io::Error>,
);

impl Read for TlsWire {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).inspect_err(|err| {
            if let Some(tls) = err
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            {
                self.1 = Some(io::Error::new(io::ErrorKind::InvalidData, tls.clone()));
            }
        })
    }
}

impl Write for TlsWire {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl Wire for TlsWire {
    fn set_timeout(&self, timeout: Duration) -> io::Result<()> {
        self.0.sock.set_timeout(timeout)
    }
}

impl TlsWire {
    /// The TLS error a read met, if any.
    pub(super) fn failure(&mut self) -> Option<io::Error> {
        self.1.take()
    }

    /// The end-entity certificate the server presented.
    pub(super) fn certificate(&self) -> Option<Certificate> {
        let chain = self.0.conn.peer_certificates()?;
        Certificate::read(chain.first()?)
    }
}

/// Why a TLS connection was not made: the TCP connection failed (said as for plain
/// TCP), or the handshake did (the I/O error, with rustls's error inside).
pub(super) enum TlsFailure {
    Connect(ProbeError),
    Handshake(io::Error),
}

/// Connects to `url`'s HOST:PORT and completes a TLS handshake with `config`, checking
/// the certificate for HOST.
pub(super) fn connect_tls(
    url: &Url,
    deadline: Instant,
    timeout: Duration,
    config: Arc<ClientConfig>,
) -> Result<TlsWire, TlsFailure> {
    let (host, _) = host_and_port(url).map_err(TlsFailure::Connect)?;
    let stream = connect_tcp(url, deadline, timeout).map_err(TlsFailure::Connect)?;
    let name = tls::server_name(&host).map_err(|_| {
        TlsFailure::Connect(ProbeError::Unsupported(format!(
            "'{host}' is neither a host name nor an IP address"
        )))
    })?;
    let connection = ClientConnection::new(config, name)
        .map_err(|err| TlsFailure::Handshake(io::Error::new(io::ErrorKind::InvalidData, err)))?;
    let mut wire = TlsWire(rustls::StreamOwned::new(connection, stream), None);
    while wire.0.conn.is_handshaking() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(TlsFailure::Handshake(io::ErrorKind::TimedOut.into()));
        }
        wire.set_timeout(left).map_err(TlsFailure::Handshake)?;
        let TlsWire(stream, _) = &mut wire;
        match stream.conn.complete_io(&mut stream.sock) {
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(TlsFailure::Handshake(err)),
        }
    }
    Ok(wire)
}
