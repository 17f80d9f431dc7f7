/*!
The connecting side of the ws guard: a relay on a loopback port that libnanomsg connects
to. It upgrades a connection to the real server first, with its own key, and only then
listens for libnanomsg, answers libnanomsg's request itself and copies bytes both ways.
*/

use std::io::{self, ErrorKind, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::address::Remote;
use super::net::{self, HeadError};
use super::sockets;
use super::{DRAIN, HANDSHAKE_TIMEOUT, HEAD_LIMIT, Shared, http, prepare, sha1};

/// How long a relay waits to reach a server before it gives up and tries again.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Between two attempts to reach a server: libnanomsg's reconnect interval.
const RETRY_INTERVAL: Duration = Duration::from_millis(100);

/// After a server refused the upgrade or answered nonsense: it will not change its mind
/// within 100 ms, and asking ten times a second would only load it.
const REFUSED_RETRY: Duration = Duration::from_secs(1);

/// Where a relay goes and what it asks for there.
pub(super) struct Target {
    pub(super) remote: Remote,
    /// The protocol name libnanomsg's upgrade request carries: the server's type.
    pub(super) protocol: String,
    /// The relay's port, held between connections (see `net::reserve_port`).
    pub(super) relay_at: SocketAddr,
}

/// Upgrades a connection to the server first, and only then lets libnanomsg
/// in, one connection at a time (a ws connect endpoint has one).
///
/// The order is libnanomsg's due: after any failed upgrade (a refusal, nonsense, no
/// answer in 5 s) libnanomsg 1.1.5 never tries that endpoint again (cws.c sets
/// `peer_gone`). A refused TCP connect it does retry, every 100 ms. So libnanomsg sees
/// either a refused connect, or an upgrade that succeeds at once.
pub(super) fn relay_loop(
    shared: &Arc<Shared>,
    holder: OwnedFd,
    target: Target,
    first: mpsc::Sender<()>,
) {
    let mut first = Some(first);
    let _holder = holder;
    loop {
        let ready = upgrade_with_server(shared, &target).and_then(|upgraded| {
            let gate = sockets::listen_on_reserved(target.relay_at).map_err(|_| RETRY_INTERVAL)?;
            Ok((upgraded, gate))
        });
        if let Some(first) = first.take() {
            let _ = first.send(());
        }
        let ((server, accepted, rest), gate) = match ready {
            Ok(ready) => ready,
            Err(pause) => {
                if shared.stop.wait(&[], Some(Instant::now() + pause)).is_err() {
                    return;
                }
                continue;
            }
        };
        // The server may send frames already; only its hanging up matters here.
        let ready = shared.stop.wait(
            &[
                (gate.as_raw_fd(), libc::POLLIN),
                (server.as_raw_fd(), libc::POLLRDHUP),
            ],
            None,
        );
        match ready {
            Err(_) => return,
            Ok(Some(0)) => {
                if let Ok((nanomsg, _)) = gate.accept() {
                    drop(gate);
                    relay(shared, nanomsg, server, &target, &accepted, &rest);
                }
            }
            // The server hung up before libnanomsg came: start again, after a pause
            // so that a server that always does so is not asked in a tight loop.
            _ => {
                drop((gate, server));
                if shared
                    .stop
                    .wait(&[], Some(Instant::now() + RETRY_INTERVAL))
                    .is_err()
                {
                    return;
                }
            }
        }
    }
}

/// A connection to the server, upgraded with nncat's own key: the stream, the checked
/// acceptance and the bytes that followed it. On failure, how long to wait before the
/// next attempt.
fn upgrade_with_server(
    shared: &Shared,
    target: &Target,
) -> Result<(TcpStream, http::Accepted, Vec<u8>), Duration> {
    let mut server = reach(shared, &target.remote).map_err(|_| RETRY_INTERVAL)?;
    prepare(&server).map_err(|_| RETRY_INTERVAL)?;
    let key = random_key().map_err(|_| RETRY_INTERVAL)?;
    let request = http::request(
        resource_or_root(&target.remote.resource),
        &target.remote.host_header,
        &key,
        Some(&target.protocol),
    );
    server.write_all(&request).map_err(|_| RETRY_INTERVAL)?;
    let deadline = Instant::now() + HANDSHAKE_TIMEOUT;
    // libnanomsg's own refusal never ends its head (ws_handshake.c leaves out the empty
    // line) and keeps the connection open: a status line that refuses is enough.
    let answer = net::read_head(&shared.stop, &mut server, HEAD_LIMIT, deadline, |seen| {
        http::refusal(seen).is_some()
    });
    let problem = match answer {
        Ok((answer, _)) if http::refusal(&answer).is_some() => format!(
            "the server refused the ws upgrade: {}",
            http::refusal(&answer).unwrap_or_default()
        ),
        Ok((answer, rest)) => match http::parse_response(&answer) {
            Ok(Some(accepted)) if accepted.accept == sha1::accept_key(&key) => {
                return Ok((server, accepted, rest));
            }
            Ok(Some(_)) => "the server's Sec-WebSocket-Accept does not match nncat's key".into(),
            Ok(None) => "the server refused the ws upgrade".into(),
            Err(reason) => format!("the server's answer to the ws upgrade is not valid: {reason}"),
        },
        Err(HeadError::Stopped) => return Err(RETRY_INTERVAL),
        Err(HeadError::Closed) => {
            "the server closed the connection without a complete answer to the ws upgrade".into()
        }
        Err(HeadError::TooLong) => format!(
            "the server's answer to the ws upgrade is over {} KiB",
            HEAD_LIMIT / 1024
        ),
        Err(HeadError::TimedOut) => format!(
            "the server did not answer the ws upgrade within {}",
            humantime::format_duration(HANDSHAKE_TIMEOUT)
        ),
    };
    shared.notes.note(&problem);
    // Closed first by us, it would look like a peer nanomsg dropped (see server.rs).
    sockets::reset(server);
    Err(REFUSED_RETRY)
}

/// libnanomsg asks for `/` when the address has no path.
fn resource_or_root(resource: &str) -> &str {
    if resource.is_empty() { "/" } else { resource }
}

/// 16 random bytes in base64, as RFC 6455 asks of a client's key.
fn random_key() -> io::Result<String> {
    let mut bytes = [0u8; 16];
    // SAFETY: getrandom writes at most `bytes.len()` bytes at `bytes.as_mut_ptr()`, the
    // local array it is lent for the call.
    let got = unsafe { libc::getrandom(bytes.as_mut_ptr().cast(), bytes.len(), 0) };
    if got != bytes.len() as isize {
        return Err(io::Error::last_os_error());
    }
    Ok(STANDARD.encode(bytes))
}

/// A connection to the server, trying each of its addresses.
fn reach(shared: &Shared, remote: &Remote) -> io::Result<TcpStream> {
    let addresses: Vec<SocketAddr> = match remote.host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, remote.port)],
        Err(_) => (remote.host.as_str(), remote.port)
            .to_socket_addrs()?
            .filter(|address| !remote.ipv4_only || address.is_ipv4())
            .collect(),
    };
    let mut last = io::Error::from(ErrorKind::NotFound);
    for address in addresses {
        let family_fits = remote
            .local
            .is_none_or(|local| local.is_ipv4() == address.is_ipv4());
        if !family_fits {
            continue;
        }
        let deadline = Instant::now() + CONNECT_TIMEOUT;
        match sockets::connect(&shared.stop, remote.local, address, deadline) {
            Ok(stream) => return Ok(stream),
            Err(err) => last = err,
        }
    }
    Err(last)
}

/// libnanomsg's upgrade request is answered here, in the shape libnanomsg's server
/// writes, with the accept key for libnanomsg's own key; then the bytes flow.
fn relay(
    shared: &Shared,
    mut nanomsg: TcpStream,
    server: TcpStream,
    target: &Target,
    accepted: &http::Accepted,
    rest: &[u8],
) {
    if prepare(&nanomsg).is_err() {
        return;
    }
    let deadline = Instant::now() + HANDSHAKE_TIMEOUT;
    let Ok((request, _)) =
        net::read_head(&shared.stop, &mut nanomsg, HEAD_LIMIT, deadline, |_| false)
    else {
        return;
    };
    // libnanomsg wrote it; anything else that reached our loopback port may not have.
    let Ok(upgrade) = http::parse_request(&request) else {
        return;
    };
    if upgrade.protocol.as_deref() != Some(target.protocol.as_str()) {
        return;
    }
    let mut first = http::switching(&http::Accepted {
        accept: sha1::accept_key(&upgrade.key),
        protocol: accepted.protocol.clone(),
    });
    first.extend_from_slice(rest);
    net::pump(&shared.stop, server, nanomsg, &first, DRAIN);
}
