/*!
The connecting side: reaching the server, its handshake, and letting libnanomsg in
only once the real connection is up; again after each connection ends.
*/

use std::cell::Cell;
use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc as sync_mpsc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, Interest, Ready};
use tokio::net::{TcpSocket, TcpStream, UnixStream};
use tokio_tungstenite::tungstenite::handshake::client::Request;

use super::address::Remote;
use super::delivery::Counted;
use super::gate::Gate;
use super::link::{self, LinkReader, LinkWriter};
use super::pump::pump;
use super::relay::{serve_sp_peer, sp_handshake};
use super::{Endpoint, Loop, Outcome, Transport};
use super::{tls, ws};

/// Between two attempts to reach a server: libnanomsg's reconnect interval.
const RETRY_INTERVAL: Duration = Duration::from_millis(100);

/// After a server refused the upgrade or answered nonsense: it will not change its mind
/// within 100 ms, and asking ten times a second would only load it.
const REFUSED_RETRY: Duration = Duration::from_secs(1);

/// How long a connect to a server may take before it counts as failed.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// What a connecting endpoint reaches.
pub enum Target {
    Tcp(Remote),
    Ipc(PathBuf),
    Ws(Remote, Box<Request>),
}

/// The TLS layer between a connecting endpoint and its server (tls+tcp://, wss://).
pub struct Secure {
    pub connector: tokio_rustls::TlsConnector,
    /// The name the server's certificate must carry: the URL's host.
    pub name: rustls::pki_types::ServerName<'static>,
    pub tls: tls::Tls,
}

type SecureStream = tokio_rustls::client::TlsStream<TcpStream>;

/// Reaches the server and completes the handshake, and only then lets libnanomsg in;
/// again after each connection ends, until the socket closes.
pub async fn serve_connecting(
    mut event_loop: Loop,
    endpoint: Endpoint,
    target: Target,
    secure: Option<Secure>,
    mut gate: Option<Gate>,
    first: sync_mpsc::Sender<()>,
) {
    let _live = event_loop.live.clone();
    let mut first = Some(first);
    let pumping = Cell::new(false);
    loop {
        let attempt = connect_once(
            &endpoint,
            &target,
            secure.as_ref(),
            &mut first,
            gate.take(),
            &pumping,
        );
        tokio::pin!(attempt);
        let pause = tokio::select! {
            pause = &mut attempt => pause,
            () = event_loop.closed() => {
                // The socket closes: an attempt stops, but a connection that is up passes
                // on what libnanomsg gave it until libnanomsg closes the link, as a
                // bound endpoint's peers do (the event loop bounds the wait).
                if pumping.get() {
                    attempt.await;
                }
                return;
            }
        };
        pumping.set(false);
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            () = event_loop.closed() => return,
        }
    }
}

/// One connection to the server, served until it ends; how long to wait before the
/// next attempt. `first` is told when the first attempt has succeeded or failed. The
/// `gate` opened ahead, if any, is dropped (closed) when the attempt fails.
async fn connect_once(
    endpoint: &Endpoint,
    target: &Target,
    secure: Option<&Secure>,
    first: &mut Option<sync_mpsc::Sender<()>>,
    gate: Option<Gate>,
    pumping: &Cell<bool>,
) -> Duration {
    let mut first = Told {
        waiting: first.take(),
        gate,
    };
    let remote = match target {
        Target::Ipc(path) => {
            let stream = match UnixStream::connect(path).await {
                Ok(stream) => stream,
                Err(err) => return failed(endpoint, &err),
            };
            return serve_sp_server(endpoint, stream, "the server", &mut first, pumping).await;
        }
        Target::Tcp(remote) | Target::Ws(remote, _) => remote,
    };
    let stream = match reach(remote).await {
        Ok(stream) => stream,
        Err(err) => return failed(endpoint, &err),
    };
    let _ = stream.set_nodelay(true);
    let server = stream
        .peer_addr()
        .map_or_else(|_| "the server".to_string(), |at| at.to_string());
    match (target, secure) {
        (Target::Ws(_, request), None) => {
            serve_ws_server(endpoint, stream, &server, request, &mut first, pumping).await
        }
        (Target::Ws(_, request), Some(secure)) => {
            match secure_handshake(endpoint, secure, stream).await {
                Some(stream) => {
                    serve_ws_server(endpoint, stream, &server, request, &mut first, pumping).await
                }
                None => REFUSED_RETRY,
            }
        }
        (_, None) => serve_sp_server(endpoint, stream, &server, &mut first, pumping).await,
        (_, Some(secure)) => match secure_handshake(endpoint, secure, stream).await {
            Some(stream) => serve_sp_server(endpoint, stream, &server, &mut first, pumping).await,
            None => REFUSED_RETRY,
        },
    }
}

/// The TLS handshake with the server, the name and certificate checked; what went
/// wrong is said under `-v`, and a certificate refused is kept for the doctor.
async fn secure_handshake(
    endpoint: &Endpoint,
    secure: &Secure,
    stream: TcpStream,
) -> Option<SecureStream> {
    let handshake = secure.connector.connect(secure.name.clone(), stream);
    let why = match tokio::time::timeout(tls::HANDSHAKE_TIMEOUT, handshake).await {
        Ok(Ok(stream)) => return Some(stream),
        Ok(Err(err)) => {
            let name = secure.name.to_str();
            let why = secure.tls.describe(&err, "the server", Some(&name));
            if tls::is_certificate_problem(&err) {
                endpoint.found(Outcome::Tls(why.clone()));
            }
            why
        }
        Err(_) => format!(
            "the server did not complete the TLS handshake within {}",
            humantime::format_duration(tls::HANDSHAKE_TIMEOUT)
        ),
    };
    endpoint
        .notes
        .note("failed", &format!("TLS handshake failed: {why}"));
    None
}

/// A connection nncat made to a ws server: the upgrade, then its messages once
/// libnanomsg is let in; the pause before the next attempt.
async fn serve_ws_server<S: AsyncRead + AsyncWrite + Unpin>(
    endpoint: &Endpoint,
    stream: S,
    server: &str,
    request: &Request,
    first: &mut Told,
    pumping: &Cell<bool>,
) -> Duration {
    let stream = Counted::new(stream, Arc::clone(&endpoint.delivery));
    let upgraded = ws::connect(stream, request.clone(), endpoint.settings.recv_max_size).await;
    let (incoming, outgoing) = match upgraded {
        Ok(halves) => halves,
        Err(ws::Failed(why)) => {
            endpoint.notes.note("failed", &why);
            return REFUSED_RETRY;
        }
    };
    let peer = endpoint.settings.own.peer().protocol_id();
    // tungstenite holds the stream now; a hang-up shows when the pump reads.
    let hangup = std::future::pending();
    let Some((link_in, link_out)) = let_libnanomsg_in(endpoint, peer, first, hangup).await else {
        return REFUSED_RETRY;
    };
    endpoint.notes.note(
        "arrived",
        &format!(
            "{} connected to the server (ws upgrade done)",
            endpoint.transport.word()
        ),
    );
    pumping.set(true);
    pump(endpoint, server, incoming, outgoing, link_in, link_out).await;
    RETRY_INTERVAL
}

/// A connection nncat made to an SP server: its handshake, then its messages once
/// libnanomsg is let in; the pause before the next attempt.
async fn serve_sp_server<S: Readiness + AsyncRead + AsyncWrite + Unpin>(
    endpoint: &Endpoint,
    mut stream: S,
    server: &str,
    first: &mut Told,
    pumping: &Cell<bool>,
) -> Duration {
    let Some(theirs) = sp_handshake(endpoint, &mut stream, server).await else {
        return REFUSED_RETRY;
    };
    let hangup = hung_up(stream.readable_or_closed());
    let Some(link) = let_libnanomsg_in(endpoint, theirs, first, hangup).await else {
        return REFUSED_RETRY;
    };
    let (read, write) = tokio::io::split(stream);
    pumping.set(true);
    serve_sp_peer(endpoint, read, write, server, link).await;
    RETRY_INTERVAL
}

/// A stream that can say it has data or was hung up, without reading it.
trait Readiness {
    fn readable_or_closed(&self) -> impl Future<Output = io::Result<Ready>>;
}

impl Readiness for TcpStream {
    fn readable_or_closed(&self) -> impl Future<Output = io::Result<Ready>> {
        self.ready(Interest::READABLE)
    }
}

impl Readiness for UnixStream {
    fn readable_or_closed(&self) -> impl Future<Output = io::Result<Ready>> {
        self.ready(Interest::READABLE)
    }
}

/// The TCP connection under TLS: a hang-up shows there too.
impl Readiness for SecureStream {
    fn readable_or_closed(&self) -> impl Future<Output = io::Result<Ready>> {
        self.get_ref().0.ready(Interest::READABLE)
    }
}

/// Tells the waiting caller, once, that the first attempt is over, whichever way it went;
/// holds the gate opened ahead for it.
struct Told {
    waiting: Option<sync_mpsc::Sender<()>>,
    gate: Option<Gate>,
}

impl Told {
    fn tell(&mut self) {
        if let Some(first) = self.waiting.take() {
            let _ = first.send(());
        }
    }
}

impl Drop for Told {
    fn drop(&mut self) {
        self.tell();
    }
}

/// A failed connect, said under `-v` and kept for the doctor; the pause before the
/// next.
fn failed(endpoint: &Endpoint, err: &io::Error) -> Duration {
    let ipc = endpoint.transport == Transport::Ipc;
    match err.kind() {
        io::ErrorKind::NotFound if ipc => {
            endpoint.found(Outcome::NoSuchIpcSocket);
        }
        io::ErrorKind::ConnectionRefused => {
            endpoint.found(Outcome::Refused);
        }
        _ => {}
    }
    endpoint.notes.note(
        "failed",
        &format!(
            "connect attempt failed: {}",
            crate::report::without_os_error_numbers(&err.to_string())
        ),
    );
    RETRY_INTERVAL
}

/// Opens the private path libnanomsg's connect is retrying (unless the first attempt's
/// gate is open already), takes its connection and closes the path again, so that
/// libnanomsg finds it only while a real connection is up.
///
/// A server that hangs up before libnanomsg comes is not let in: libnanomsg would
/// attach a pipe to a peer already gone, and a message routed to it would be lost.
async fn let_libnanomsg_in(
    endpoint: &Endpoint,
    peer_protocol: u16,
    first: &mut Told,
    hangup: impl Future<Output = ()>,
) -> Option<(LinkReader, LinkWriter)> {
    // A stale gate is closed (and its path removed) before the new one opens.
    let fresh = first.gate.take().filter(Gate::is_fresh);
    let gate = match fresh {
        Some(gate) => Ok(gate),
        None => Gate::open(&endpoint.private),
    };
    first.tell();
    let gate = gate.ok()?;
    let listener = gate.listener().ok()?;
    let link = tokio::select! {
        link = link::accept(&listener, peer_protocol) => link,
        () = hangup => Err(io::ErrorKind::ConnectionReset.into()),
    };
    drop(listener);
    drop(gate);
    link.ok()
}

/// Ends when the peer has hung up; pends for ever once it has sent something, since
/// readiness can then no longer tell a hang-up apart.
async fn hung_up(ready: impl Future<Output = io::Result<Ready>>) {
    match ready.await {
        Ok(ready) if !ready.is_read_closed() => std::future::pending().await,
        _ => {}
    }
}

/// A connection to the server, trying each of its addresses.
async fn reach(remote: &Remote) -> io::Result<TcpStream> {
    let addresses: Vec<SocketAddr> = match remote.host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, remote.port)],
        Err(_) => {
            let (host, port, ipv4_only) = (remote.host.clone(), remote.port, remote.ipv4_only);
            // Name resolution blocks; it gets a thread of its own, as libnanomsg's does.
            tokio::task::spawn_blocking(move || {
                (host.as_str(), port).to_socket_addrs().map(|found| {
                    found
                        .filter(|address| !ipv4_only || address.is_ipv4())
                        .collect()
                })
            })
            .await
            .map_err(io::Error::other)??
        }
    };
    let mut last = io::Error::from(io::ErrorKind::NotFound);
    for address in addresses {
        if remote
            .local
            .is_some_and(|local| local.is_ipv4() != address.is_ipv4())
        {
            continue;
        }
        let socket = if address.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        if let Some(local) = remote.local {
            socket.bind(SocketAddr::new(local, 0))?;
        }
        match tokio::time::timeout(CONNECT_TIMEOUT, socket.connect(address)).await {
            Ok(Ok(stream)) => return Ok(stream),
            Ok(Err(err)) => last = err,
            Err(_) => last = io::Error::from(io::ErrorKind::TimedOut),
        }
    }
    Err(last)
}
