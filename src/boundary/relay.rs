/*!
Serving peers: the bound side's accept loop, the connecting side's attempts, and the
pump that carries one peer's messages to and from its private link.
*/

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener as StdListener, ToSocketAddrs};
use std::rc::Rc;
use std::sync::mpsc as sync_mpsc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream, UnixListener};
use tokio_tungstenite::tungstenite::handshake::client::Request;

use super::address::Remote;
use super::link::{self, LinkReader, LinkWriter};
use super::ws;
use super::{DRAIN, Endpoint, Incoming, Loop, Outgoing, Received, Refusal, Shared};

/// Out of descriptors or memory, accepting waits this long before it tries again: the
/// connection waits in the kernel's backlog, and the loop does not spin.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Between two attempts to reach a server: libnanomsg's reconnect interval.
const RETRY_INTERVAL: Duration = Duration::from_millis(100);

/// After a server refused the upgrade or answered nonsense: it will not change its mind
/// within 100 ms, and asking ten times a second would only load it.
const REFUSED_RETRY: Duration = Duration::from_secs(1);

/// How long a connect to a server may take before it counts as failed.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// After a peer that sent to us has gone, how long its link stays open: libnanomsg
/// drops a pipe's read-ahead message when the pipe closes, so the last message needs a
/// moment to be taken (the same grace a sender gives, socket::CLOSE_GRACE).
const DEPARTURE_GRACE: Duration = Duration::from_millis(100);

/// Accepts peers on `listener` until the socket closes; each is served on its own task.
pub async fn serve_bound(mut event_loop: Loop, endpoint: Endpoint, listener: StdListener) {
    let endpoint: Shared = Rc::new(endpoint);
    let Ok(listener) = TcpListener::from_std(listener) else {
        endpoint.notes.warn(
            "listen",
            "cannot listen on the event loop: no peer will be served",
        );
        return;
    };
    let live = event_loop.live.clone();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = event_loop.closed() => return,
        };
        match accepted {
            Ok((stream, peer)) => {
                let endpoint = Rc::clone(&endpoint);
                let live = live.clone();
                tokio::task::spawn_local(async move {
                    serve_peer(&endpoint, stream, peer).await;
                    drop(live);
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

fn is_transient(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted
    )
}

/// One accepted peer: its upgrade, then its messages, until either side ends.
async fn serve_peer(endpoint: &Endpoint, mut stream: TcpStream, peer: SocketAddr) {
    let _ = stream.set_nodelay(true);
    let own = endpoint.settings.own;
    let refused = match ws::accept(&mut stream, own, endpoint.settings.recv_max_size).await {
        Ok((incoming, outgoing)) => {
            let Ok((link_in, link_out)) =
                link::open(&endpoint.private, own.peer().protocol_id()).await
            else {
                return;
            };
            endpoint.notes.note(
                "arrived",
                &format!("peer {peer} connected (ws upgrade done)"),
            );
            pump(
                endpoint,
                &peer.to_string(),
                incoming,
                outgoing,
                link_in,
                link_out,
            )
            .await;
            return;
        }
        Err(refused) => refused,
    };
    if !refused.why.is_empty() {
        endpoint.notes.note(
            "refused",
            &format!("refused a ws upgrade from {peer}: {}", refused.why),
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
async fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
    })
    .await;
}

/// Reaches the server, upgrades, and only then lets libnanomsg in; again after each
/// connection ends, until the socket closes.
pub async fn serve_connecting(
    mut event_loop: Loop,
    endpoint: Endpoint,
    remote: Remote,
    request: Request,
    first: sync_mpsc::Sender<()>,
) {
    let _live = event_loop.live.clone();
    let mut first = Some(first);
    loop {
        let pause = tokio::select! {
            pause = connect_once(&endpoint, &remote, &request, &mut first) => pause,
            () = event_loop.closed() => return,
        };
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            () = event_loop.closed() => return,
        }
    }
}

/// One connection to the server, served until it ends; how long to wait before the
/// next attempt. `first` is told when the first attempt has succeeded or failed.
async fn connect_once(
    endpoint: &Endpoint,
    remote: &Remote,
    request: &Request,
    first: &mut Option<sync_mpsc::Sender<()>>,
) -> Duration {
    let told = |first: &mut Option<sync_mpsc::Sender<()>>| {
        if let Some(first) = first.take() {
            let _ = first.send(());
        }
    };
    let Ok(mut stream) = reach(remote).await else {
        told(first);
        return RETRY_INTERVAL;
    };
    let _ = stream.set_nodelay(true);
    let upgraded = ws::connect(
        &mut stream,
        request.clone(),
        endpoint.settings.recv_max_size,
    )
    .await;
    let (incoming, outgoing) = match upgraded {
        Ok(halves) => halves,
        Err(ws::Failed(why)) => {
            told(first);
            endpoint.notes.note("failed", &why);
            return REFUSED_RETRY;
        }
    };
    let _ = std::fs::remove_file(&endpoint.private);
    let listener = UnixListener::bind(&endpoint.private);
    told(first);
    let Ok(listener) = listener else {
        return REFUSED_RETRY;
    };
    let accepted = link::accept(&listener, endpoint.settings.own.peer().protocol_id()).await;
    drop(listener);
    let _ = std::fs::remove_file(&endpoint.private);
    if let Ok((link_in, link_out)) = accepted {
        endpoint
            .notes
            .note("arrived", "connected to the server (ws upgrade done)");
        pump(
            endpoint,
            "the server",
            incoming,
            outgoing,
            link_in,
            link_out,
        )
        .await;
    }
    RETRY_INTERVAL
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

/// Carries messages both ways between a peer and its link until one side ends.
async fn pump(
    endpoint: &Endpoint,
    peer: &str,
    mut incoming: impl Incoming,
    mut outgoing: impl Outgoing,
    mut link_in: LinkReader,
    mut link_out: LinkWriter,
) {
    let refusal = {
        let toward_libnanomsg = async {
            let why = loop {
                match incoming.next().await {
                    Received::Message(message) => {
                        if link_out.send(&message).await.is_err() {
                            return None;
                        }
                    }
                    Received::Ended => break None,
                    Received::Refused(refusal) => break Some(refusal),
                }
            };
            match &why {
                None => endpoint.notes.note("left", &format!("peer {peer} left")),
                Some(Refusal::Oversize(size)) => endpoint.notes.warn(
                    "oversize",
                    &format!(
                        "refused a message of {size} bytes from {peer}: over --recv-maxsz {} bytes; the connection is closed (raise --recv-maxsz to accept it)",
                        endpoint.settings.recv_max_size
                    ),
                ),
                Some(Refusal::BadFrame(what)) => endpoint.notes.warn(
                    "bad frame",
                    &format!("closed the connection of {peer}: {what}"),
                ),
            }
            if endpoint.settings.own.can_receive() {
                tokio::time::sleep(DEPARTURE_GRACE).await;
            }
            link_out.finish().await;
            why
        };
        let toward_peer = async {
            while let Ok(Some(message)) = link_in.next().await {
                if outgoing.send(message).await.is_err() {
                    break;
                }
            }
        };
        tokio::pin!(toward_peer);
        tokio::select! {
            why = toward_libnanomsg => {
                // libnanomsg closes its side once the link is finished; what it still
                // had for the peer goes out first.
                let _ = tokio::time::timeout(DRAIN, &mut toward_peer).await;
                why
            }
            () = &mut toward_peer => None,
        }
    };
    outgoing.finish(refusal.as_ref()).await;
}
