/*!
The bound side of the ws guard: nncat's own listener takes each connection, reads and
checks its upgrade request, and either refuses it or passes libnanomsg's private
endpoint a request built from the checked values, then copies bytes both ways.
*/

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::net::{self, HeadError};
use super::sockets;
use super::{
    DRAIN, HANDSHAKE_TIMEOUT, HEAD_LIMIT, Shared, SocketType, http, prepare, spawn, ws_protocol,
};

/// What a bound guard passes upgrades to.
#[derive(Clone, Copy)]
pub(super) struct Server {
    /// libnanomsg's private ws endpoint.
    pub(super) private: SocketAddr,
    /// The socket's type: the one a client may ask for.
    pub(super) own: SocketType,
}

/// Takes each connection and hands it to a thread of its own.
pub(super) fn accept_loop(shared: &Arc<Shared>, listener: TcpListener, server: Server) {
    loop {
        if shared
            .stop
            .wait(&[(listener.as_raw_fd(), libc::POLLIN)], None)
            .is_err()
        {
            return;
        }
        match listener.accept() {
            // Without a thread the connection is dropped, which closes it.
            Ok((client, peer)) => {
                let _ = spawn(shared, "ws upgrade", move |shared| {
                    serve_client(shared, client, peer, server)
                });
            }
            Err(err)
                if matches!(
                    err.kind(),
                    ErrorKind::WouldBlock | ErrorKind::Interrupted | ErrorKind::ConnectionAborted
                ) => {}
            // Out of descriptors or memory: the connection waits in the backlog, so
            // pause rather than spin.
            Err(_) => {
                if shared
                    .stop
                    .wait(&[], Some(Instant::now() + Duration::from_millis(10)))
                    .is_err()
                {
                    return;
                }
            }
        }
    }
}

/// One client's upgrade, checked, then passed to libnanomsg in nncat's words.
fn serve_client(shared: &Shared, mut client: TcpStream, peer: SocketAddr, server: Server) {
    if prepare(&client).is_err() {
        return;
    }
    let deadline = Instant::now() + HANDSHAKE_TIMEOUT;
    let head = net::read_head(&shared.stop, &mut client, HEAD_LIMIT, deadline, |_| false);
    let (reason, why) = match head {
        Ok((head, rest)) => match http::parse_request(&head) {
            Ok(upgrade) => match admit(upgrade.protocol.as_deref(), server.own) {
                Ok(protocol) => {
                    pass_upgrade(shared, client, &upgrade.key, protocol, rest, server.private);
                    return;
                }
                Err(reason) => (
                    reason,
                    format!(
                        "it asks for {}, and this socket is {}",
                        upgrade
                            .protocol
                            .as_deref()
                            .unwrap_or("no protocol (a pair)"),
                        ws_protocol(server.own)
                    ),
                ),
            },
            Err(why) => ("Bad Request", why.to_string()),
        },
        // A port probe, or a client that changed its mind: nothing to say.
        Err(HeadError::Closed | HeadError::Stopped) => return,
        Err(HeadError::TooLong) => (
            "Bad Request",
            format!("the request is over {} KiB", HEAD_LIMIT / 1024),
        ),
        Err(HeadError::TimedOut) => (
            "Bad Request",
            format!(
                "no complete request within {}",
                humantime::format_duration(HANDSHAKE_TIMEOUT)
            ),
        ),
    };
    shared
        .notes
        .note(&format!("refused a ws upgrade from {peer}: {why}"));
    let _ = client.write_all(&http::refusing(reason));
    linger(shared, client);
}

/// Closes after a refusal, the client first if it will. A close with unread bytes sends
/// a reset, which can destroy the answer before the client reads it; and the side that
/// closes first is the one the kernel's tables remember, which drops.rs reads as
/// "nanomsg dropped a peer". So what the client still sends is read and dropped until it
/// closes, for a second at most; a client still there then is reset, which leaves no
/// trace in those tables.
fn linger(shared: &Shared, mut client: TcpStream) {
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 4096];
    loop {
        let ready = shared
            .stop
            .wait(&[(client.as_raw_fd(), libc::POLLIN)], Some(deadline));
        if !matches!(ready, Ok(Some(_))) {
            return sockets::reset(client);
        }
        match client.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

fn pass_upgrade(
    shared: &Shared,
    client: TcpStream,
    key: &str,
    protocol: Option<String>,
    rest: Vec<u8>,
    private: SocketAddr,
) {
    let deadline = Instant::now() + HANDSHAKE_TIMEOUT;
    let Ok(nanomsg) = sockets::connect(&shared.stop, None, private, deadline) else {
        return;
    };
    if prepare(&nanomsg).is_err() {
        return;
    }
    // The path is left out: libnanomsg never reads it, and it is the one value here of
    // a length the peer chooses.
    let mut first = http::request("/", &private.to_string(), key, protocol.as_deref());
    first.extend_from_slice(&rest);
    net::pump(&shared.stop, client, nanomsg, &first, DRAIN);
}

/// Whether a server of type `own` takes a client asking for `protocol`, as libnanomsg
/// decides it: the protocol name to pass on, or libnanomsg's reason for its 400. With
/// no name, only pair is taken (libnanomsg presumes a pair peer).
fn admit(protocol: Option<&str>, own: SocketType) -> Result<Option<String>, &'static str> {
    let Some(asked) = protocol else {
        return match own {
            SocketType::Pair => Ok(None),
            _ => Err("Incompatible Socket Type"),
        };
    };
    let asked_for = SocketType::ALL
        .into_iter()
        .find(|kind| ws_protocol(*kind).eq_ignore_ascii_case(asked));
    match asked_for {
        Some(kind) if kind == own => Ok(Some(ws_protocol(own))),
        Some(_) => Err("Incompatible Socket Type"),
        None => Err("Unrecognized Socket Type"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_takes_only_clients_that_ask_for_its_own_type() {
        assert_eq!(
            admit(Some("pull.sp.nanomsg.org"), SocketType::Pull),
            Ok(Some("pull.sp.nanomsg.org".into()))
        );
        assert_eq!(
            admit(Some("PULL.sp.nanomsg.org"), SocketType::Pull),
            Ok(Some("pull.sp.nanomsg.org".into()))
        );
        assert_eq!(
            admit(Some("sub.sp.nanomsg.org"), SocketType::Pull),
            Err("Incompatible Socket Type")
        );
        assert_eq!(
            admit(Some("x-nanomsg-req"), SocketType::Rep),
            Err("Unrecognized Socket Type")
        );
        assert_eq!(admit(None, SocketType::Pair), Ok(None));
        assert_eq!(
            admit(None, SocketType::Bus),
            Err("Incompatible Socket Type")
        );
    }
}
