/*!
Serving peers: the bound side's accept loop and each accepted peer's handshake, and the
SP handshake both sides share (connect.rs is the connecting side). Once a peer's
handshake is done, pump.rs carries its messages.
*/

use std::io;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UnixListener, UnixStream};

use super::delivery::Counted;
use super::link::{self, LinkReader, LinkWriter};
use super::pump::pump;
use super::sp::{self, HandshakeError};
use super::{Endpoint, Loop, Outcome, Shared, Transport};
use super::{tls, ws};
use crate::kind::SocketType;

/// Out of descriptors or memory, accepting waits this long before it tries again: the
/// connection waits in the kernel's backlog, and the loop does not spin.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// A listener made on the caller's thread, so that its errors (address in use) come
/// back at once; the event loop takes it over.
pub enum PublicListener {
    Tcp(std::net::TcpListener),
    Ipc(std::os::unix::net::UnixListener),
}

/// Accepts peers until the socket closes; each is served on its own task.
pub async fn serve_bound(mut event_loop: Loop, endpoint: Endpoint, listener: PublicListener) {
    let endpoint: Shared = Rc::new(endpoint);
    let listener = match listener {
        PublicListener::Tcp(listener) => TcpListener::from_std(listener).map(Listener::Tcp),
        PublicListener::Ipc(listener) => UnixListener::from_std(listener).map(Listener::Ipc),
    };
    let Ok(listener) = listener else {
        endpoint.notes.warn(
            "listen",
            "cannot listen on the event loop: no peer will be served",
        );
        return;
    };
    let live = event_loop.live.clone();
    loop {
        if endpoint.peers.full() {
            endpoint.notes.warn(
                "descriptors",
                &format!(
                    "{} peers fill the descriptor limit (ulimit -n): new connections wait until one leaves",
                    endpoint.peers.capacity()
                ),
            );
            tokio::select! {
                () = tokio::time::sleep(ACCEPT_PAUSE) => continue,
                () = event_loop.closed() => return,
            }
        }
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = event_loop.closed() => return,
        };
        match accepted {
            Ok(accepted) => {
                let endpoint = Rc::clone(&endpoint);
                let live = live.clone();
                let slot = endpoint.peers.take();
                let event_loop = event_loop.clone();
                tokio::task::spawn_local(async move {
                    serve_accepted(&endpoint, accepted, event_loop).await;
                    drop((live, slot));
                });
            }
            Err(err) if is_transient(&err) => {}
            Err(err) => {
                endpoint.notes.warn(
                    "accept",
                    &format!(
                        "cannot accept a connection ({}): pausing new connections for {}",
                        crate::report::without_os_error_numbers(&err.to_string()),
                        humantime::format_duration(ACCEPT_PAUSE)
                    ),
                );
                tokio::select! {
                    () = tokio::time::sleep(ACCEPT_PAUSE) => {}
                    () = event_loop.closed() => return,
                }
            }
        }
    }
}

enum Listener {
    Tcp(TcpListener),
    Ipc(UnixListener),
}

/// A connection nncat accepted, and the peer's name for what is said about it.
enum Accepted {
    Tcp(TcpStream, String),
    Ipc(UnixStream, String),
}

impl Listener {
    async fn accept(&self) -> io::Result<Accepted> {
        match self {
            Listener::Tcp(listener) => {
                let (stream, peer) = listener.accept().await?;
                let _ = stream.set_nodelay(true);
                Ok(Accepted::Tcp(stream, peer.to_string()))
            }
            Listener::Ipc(listener) => {
                let (stream, _) = listener.accept().await?;
                let name = match stream.peer_cred().ok().and_then(|cred| cred.pid()) {
                    Some(pid) => format!("a local process (pid {pid})"),
                    None => "a local process".to_string(),
                };
                Ok(Accepted::Ipc(stream, name))
            }
        }
    }
}

fn is_transient(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted
    )
}

/// One accepted peer: its handshake, then its messages, until either side ends.
///
/// A peer still in its handshake when the socket closes is dropped at once: there is
/// nothing of its to pass on, and the close would otherwise wait for its handshake's
/// time limit.
async fn serve_accepted(endpoint: &Endpoint, accepted: Accepted, event_loop: Loop) {
    match accepted {
        Accepted::Tcp(stream, peer) => match endpoint.transport {
            Transport::Ws => serve_ws_peer(endpoint, stream, &peer, event_loop).await,
            Transport::TlsTcp | Transport::Wss => {
                serve_tls_client(endpoint, stream, &peer, event_loop).await;
            }
            Transport::Tcp | Transport::Ipc => {
                serve_sp_client(endpoint, stream, &peer, event_loop).await;
            }
        },
        Accepted::Ipc(stream, peer) => serve_sp_client(endpoint, stream, &peer, event_loop).await,
    }
}

/// A client of a TLS endpoint: its TLS handshake, within `tls::HANDSHAKE_TIMEOUT`, then
/// SP's tcp framing or ws inside it, as over plain TCP.
async fn serve_tls_client(
    endpoint: &Endpoint,
    stream: TcpStream,
    peer: &str,
    mut event_loop: Loop,
) {
    let Some((tls, acceptor)) = endpoint
        .settings
        .tls
        .as_ref()
        .and_then(|tls| Some((tls, tls.acceptor()?)))
    else {
        return;
    };
    let handshake = async {
        // A plain client's first bytes name what it is better than rustls's error can.
        let mut first = [0u8; 4];
        let peeked = stream.peek(&mut first).await.unwrap_or(0);
        let first = first[..peeked].to_vec();
        (first, acceptor.accept(stream).await)
    };
    let done = tokio::select! {
        done = tokio::time::timeout(tls::HANDSHAKE_TIMEOUT, handshake) => done,
        () = event_loop.closed() => return,
    };
    let why = match done {
        Ok((_, Ok(secured))) => {
            if endpoint.transport == Transport::Wss {
                serve_ws_peer(endpoint, secured, peer, event_loop).await;
            } else {
                serve_sp_client(endpoint, secured, peer, event_loop).await;
            }
            return;
        }
        // A port probe, or a client that changed its mind: nothing to say.
        Ok((first, Err(_))) if first.is_empty() => return,
        Ok((first, Err(_))) if first.starts_with(&[0, b'S', b'P', 0]) => {
            "it sent a plain SP header: it does not speak TLS (it must connect with tls+tcp://)"
                .to_string()
        }
        Ok((first, Err(_))) if first.starts_with(b"GET ") => {
            "it sent a plain HTTP request: it does not speak TLS (it must connect with wss://)"
                .to_string()
        }
        Ok((_, Err(err))) => tls.describe(&err, "the client", None),
        Err(_) => format!(
            "no TLS handshake within {}",
            humantime::format_duration(tls::HANDSHAKE_TIMEOUT)
        ),
    };
    endpoint.notes.note(
        "refused",
        &format!("TLS handshake with {peer} failed: {why}"),
    );
}

/// An SP peer nncat accepted: its handshake and link, then its messages.
async fn serve_sp_client<S: AsyncRead + AsyncWrite + Unpin>(
    endpoint: &Endpoint,
    mut stream: S,
    peer: &str,
    mut event_loop: Loop,
) {
    let linked = async {
        let theirs = sp_handshake(endpoint, &mut stream, peer).await?;
        open_link(endpoint, theirs).await.ok()
    };
    let link = tokio::select! {
        link = linked => link,
        () = event_loop.closed() => None,
    };
    let Some(link) = link else { return };
    let (read, write) = tokio::io::split(stream);
    serve_sp_peer(endpoint, read, write, peer, link).await;
}

/// The SP header exchange, with what went wrong said under `-v`: the peer's protocol
/// when it is this socket's peer.
pub(super) async fn sp_handshake<S: AsyncRead + AsyncWrite + Unpin>(
    endpoint: &Endpoint,
    stream: &mut S,
    peer: &str,
) -> Option<u16> {
    let own = endpoint.settings.own;
    let found = sp::handshake(stream, own.protocol_id(), own.peer().protocol_id()).await;
    if let Ok(theirs) | Err(HandshakeError::WrongType(theirs)) = found {
        endpoint.found(Outcome::Peer(theirs));
    }
    let why = match found {
        Ok(theirs) => return Some(theirs),
        // A port probe, or a peer that changed its mind: nothing to say.
        Err(HandshakeError::Silent) => return None,
        Err(HandshakeError::NotSp) => {
            "it is not an SP peer (its first 8 bytes are not an SP header)".to_string()
        }
        Err(HandshakeError::WrongType(theirs)) => format!(
            "it is {}, and {own} talks to {}",
            SocketType::from_protocol_id(theirs).map_or_else(
                || format!("of SP protocol {theirs}"),
                |kind| format!("a {kind} socket")
            ),
            own.peer()
        ),
    };
    endpoint.notes.note(
        "refused",
        &format!(
            "{} connected, SP handshake rejected: {peer}: {why}",
            endpoint.transport.word()
        ),
    );
    None
}

/// A bound endpoint's link for a peer that announced `protocol`, in its turn.
async fn open_link(endpoint: &Endpoint, protocol: u16) -> io::Result<(LinkReader, LinkWriter)> {
    let _turn = endpoint.opening.acquire().await;
    link::open(&endpoint.private, protocol).await
}

/// An SP peer after its handshake, with its link to libnanomsg: its messages.
pub(super) async fn serve_sp_peer<R: AsyncRead + Unpin, W: AsyncWrite + Unpin>(
    endpoint: &Endpoint,
    read: R,
    write: W,
    peer: &str,
    (link_in, link_out): (LinkReader, LinkWriter),
) {
    endpoint.notes.note(
        "arrived",
        &format!("{} peer {peer} connected", endpoint.transport.word()),
    );
    let ipc = endpoint.transport == Transport::Ipc;
    let (incoming, outgoing) = sp::halves(
        read,
        Counted::new(write, Arc::clone(&endpoint.delivery)),
        ipc,
        endpoint.settings.recv_max_size,
        endpoint.budget.clone(),
    );
    pump(endpoint, peer, incoming, outgoing, link_in, link_out).await;
}

/// A ws client: its upgrade, then its messages.
async fn serve_ws_peer<S: AsyncRead + AsyncWrite + Unpin>(
    endpoint: &Endpoint,
    stream: S,
    peer: &str,
    mut event_loop: Loop,
) {
    let mut stream = Counted::new(stream, Arc::clone(&endpoint.delivery));
    let own = endpoint.settings.own;
    let refused: ws::Refused = {
        let upgraded = async {
            let halves = ws::accept(&mut stream, own, endpoint.settings.recv_max_size).await?;
            let link = open_link(endpoint, own.peer().protocol_id()).await;
            Ok::<_, ws::Refused>((halves, link))
        };
        let upgraded = tokio::select! {
            upgraded = upgraded => upgraded,
            () = event_loop.closed() => return,
        };
        match upgraded {
            Ok(((incoming, outgoing), Ok((link_in, link_out)))) => {
                endpoint.notes.note(
                    "arrived",
                    &format!(
                        "{} peer {peer} connected (ws upgrade done)",
                        endpoint.transport.word()
                    ),
                );
                pump(endpoint, peer, incoming, outgoing, link_in, link_out).await;
                return;
            }
            Ok((_, Err(_))) => return,
            Err(refused) => refused,
        }
    };
    if !refused.why.is_empty() {
        endpoint.notes.note(
            "refused",
            &format!(
                "refused a {} upgrade from {peer}: {}",
                endpoint.transport.word(),
                refused.why
            ),
        );
    }
    if !refused.answered {
        let _ = stream.write_all(BAD_REQUEST).await;
    }
    linger(stream).await;
}

/// A refusal that is not a whole HTTP answer would leave a client waiting.
const BAD_REQUEST: &[u8] = b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";

/// Closes after a refusal, the client first if it will: a close with unread bytes sends
/// a reset, which can destroy the answer before the client reads it. What the client
/// still sends is read and dropped until it closes, for a second at most.
async fn linger<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S) {
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
    })
    .await;
}
