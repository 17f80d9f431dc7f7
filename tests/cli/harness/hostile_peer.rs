//! A hostile SP peer written with `std::net`: a raw client (`RawPeer`) and a raw server
//! (`HostileServer`) that speak just enough of the SP wire to be accepted, then lie.
//! (libnanomsg, nng or a ws crate would refuse to send what they send.)
//!
//! The wire, as libnanomsg 1.1.5 speaks it:
//! - tcp and ipc: each side sends `00 53 50 00`, its protocol number (u16, big-endian),
//!   `00 00`; then each message is its length (u64, big-endian) and its bytes. ipc puts
//!   a type byte, 1, before each length.
//! - ws: an HTTP upgrade whose `Sec-WebSocket-Protocol` names the server's type
//!   (`pull.sp.nanomsg.org`), then RFC 6455 frames, masked from the client.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::net::{UnixListener, UnixStream};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::{LIMIT, Running, Scratch, free_port, poll_accept, tcp_url, upgrade_request};

/// What a connection that turned out to be nncat's own probe is called.
const PROBE: &str = "nncat's probe, not its socket";

/// The longest a raw peer waits for nncat on one read or one accept.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// Length claims no receiver can hold: just over what nanomsg's `int` option holds, far
/// over any machine's memory, and the top bit (what a signed reading takes as negative).
pub const LIES: [u64; 3] = [1 << 31, 1 << 42, 1 << 63];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    Tcp,
    Ipc,
    Ws,
}

/// A receiving type, and the real nncat peer that proves it still works after an attack.
#[derive(Clone, Copy)]
pub struct Pairing {
    /// The receiver's arguments, before its endpoint.
    pub receiver: &'static [&'static str],
    /// The real peer's arguments, before its endpoint and `--data real`.
    pub sender: &'static [&'static str],
    /// The receiver's type: its ws protocol name and the number in its SP header.
    pub name: &'static str,
    pub own: u16,
    /// The number the raw peer claims: the real peer's type, so nncat attaches it.
    pub peer: u16,
}

pub const PULL: Pairing = Pairing {
    receiver: &["pull"],
    sender: &["push"],
    name: "pull",
    own: 81,
    peer: 80,
};
pub const SUB: Pairing = Pairing {
    receiver: &["sub"],
    sender: &["pub", "--wait-peers", "1"],
    name: "sub",
    own: 33,
    peer: 32,
};
pub const PAIR: Pairing = Pairing {
    receiver: &["pair"],
    sender: &["pair", "--recv-timeout", "100ms"],
    name: "pair",
    own: 16,
    peer: 16,
};
pub const BUS: Pairing = Pairing {
    receiver: &["bus"],
    sender: &["bus", "--wait-peers", "1", "--recv-timeout", "100ms"],
    name: "bus",
    own: 112,
    peer: 112,
};
pub const REP: Pairing = Pairing {
    receiver: &["rep", "--echo"],
    sender: &["req"],
    name: "rep",
    own: 49,
    peer: 48,
};
pub const RESPONDENT: Pairing = Pairing {
    receiver: &["respondent", "--echo"],
    sender: &["surveyor", "--wait-peers", "1"],
    name: "respondent",
    own: 99,
    peer: 98,
};

pub fn sp_header(protocol: u16) -> [u8; 8] {
    let [high, low] = protocol.to_be_bytes();
    [0, b'S', b'P', 0, high, low, 0, 0]
}

/// Where a receiver binds: tcp and ws on a free loopback port, ipc in a temporary folder.
pub struct Place {
    pub transport: Transport,
    pub url: String,
    _scratch: Option<Scratch>,
}

impl Place {
    pub fn new(transport: Transport) -> Place {
        let (url, scratch) = match transport {
            Transport::Tcp => (tcp_url(), None),
            Transport::Ws => (format!("ws://127.0.0.1:{}", free_port()), None),
            Transport::Ipc => {
                let scratch = Scratch::new();
                (scratch.ipc_url("hostile.sock"), Some(scratch))
            }
        };
        Place {
            transport,
            url,
            _scratch: scratch,
        }
    }

    /// What a real peer connects to: ws wants a path.
    pub fn connect_url(&self) -> String {
        match self.transport {
            Transport::Ws => format!("{}/", self.url),
            _ => self.url.clone(),
        }
    }

    pub fn address(&self) -> &str {
        self.url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, rest)| rest)
    }
}

/// One raw connection, over tcp or a Unix socket.
pub enum Conn {
    Tcp(TcpStream),
    Unix(UnixStream),
}

impl Conn {
    pub fn connect(place: &Place) -> io::Result<Conn> {
        let conn = match place.transport {
            Transport::Ipc => Conn::Unix(UnixStream::connect(place.address())?),
            Transport::Tcp | Transport::Ws => Conn::Tcp(TcpStream::connect(place.address())?),
        };
        conn.set_read_timeout(PATIENCE)?;
        Ok(conn)
    }

    pub fn set_read_timeout(&self, limit: Duration) -> io::Result<()> {
        match self {
            Conn::Tcp(stream) => stream.set_read_timeout(Some(limit)),
            Conn::Unix(stream) => stream.set_read_timeout(Some(limit)),
        }
    }

    /// Reads until nncat closes the connection or `PATIENCE` passes: whether it closed,
    /// and what it sent first.
    pub fn read_to_close(&mut self) -> (bool, Vec<u8>) {
        let mut seen = Vec::new();
        let mut buf = [0u8; 512];
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            match self.read(&mut buf) {
                Ok(0) => return (true, seen),
                Ok(n) => seen.extend_from_slice(&buf[..n]),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err)
                    if matches!(
                        err.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    return (false, seen);
                }
                // A reset is a close too: nncat dropped us with our bytes unread.
                Err(_) => return (true, seen),
            }
        }
        (false, seen)
    }

    /// Says that nothing more will come from us.
    pub fn shut_write(&self) {
        let _ = match self {
            Conn::Tcp(stream) => stream.shutdown(std::net::Shutdown::Write),
            Conn::Unix(stream) => stream.shutdown(std::net::Shutdown::Write),
        };
    }

    /// Reads an HTTP response's first line (ws).
    pub fn read_status_line(&mut self) -> String {
        let mut seen = Vec::new();
        let mut byte = [0u8; 1];
        while !seen.ends_with(b"\r\n") && seen.len() < 4096 {
            match self.read(&mut byte) {
                Ok(1) => seen.push(byte[0]),
                _ => break,
            }
        }
        String::from_utf8_lossy(&seen).into_owned()
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Tcp(stream) => stream.read(buf),
            Conn::Unix(stream) => stream.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Tcp(stream) => stream.write(buf),
            Conn::Unix(stream) => stream.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A raw peer past its handshake: nncat has attached it as a peer of its type.
pub struct RawPeer {
    pub conn: Conn,
    pub transport: Transport,
}

impl RawPeer {
    /// Connects to what nncat bound and completes the handshake as `pairing`'s peer.
    pub fn connect(place: &Place, pairing: Pairing) -> RawPeer {
        RawPeer::try_connect(place, pairing)
            .unwrap_or_else(|err| panic!("no handshake with nncat at {}: {err}", place.url))
    }

    /// The same, with an error where nncat is gone; what nncat sends must still be right.
    pub fn try_connect(place: &Place, pairing: Pairing) -> io::Result<RawPeer> {
        let mut peer = RawPeer {
            conn: Conn::connect(place)?,
            transport: place.transport,
        };
        match place.transport {
            Transport::Ws => peer.upgrade(place.address(), pairing.name)?,
            _ => peer.exchange_headers(pairing.own, pairing.peer)?,
        }
        Ok(peer)
    }

    /// Both sides send their header at once; nncat's must name its own type.
    fn exchange_headers(&mut self, theirs: u16, ours: u16) -> io::Result<()> {
        self.conn.write_all(&sp_header(ours))?;
        let mut got = [0u8; 8];
        self.conn.read_exact(&mut got)?;
        // nncat probing us to explain its silence announces protocol 0: not its socket.
        if got == sp_header(0) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, PROBE));
        }
        assert_eq!(got, sp_header(theirs), "nncat's SP header");
        Ok(())
    }

    fn upgrade(&mut self, host: &str, server: &str) -> io::Result<()> {
        self.conn
            .write_all(upgrade_request(host, server).as_bytes())?;
        let status = self.conn.read_status_line();
        if status.is_empty() {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        assert!(
            status.starts_with("HTTP/1.1 101"),
            "nncat accepts the upgrade: {status:?}"
        );
        // The rest of the response, up to its empty line.
        let mut tail = Vec::new();
        let mut byte = [0u8; 1];
        while !tail.ends_with(b"\r\n\r\n") && !tail.starts_with(b"\r\n") {
            self.conn.read_exact(&mut byte)?;
            tail.push(byte[0]);
        }
        Ok(())
    }

    /// The bytes that announce a message of `len` bytes.
    pub fn length_prefix(&self, len: u64) -> Vec<u8> {
        let mut prefix = Vec::new();
        match self.transport {
            Transport::Tcp => {}
            Transport::Ipc => prefix.push(1),
            // FIN and binary, masked, 64-bit length, then the mask.
            Transport::Ws => prefix.extend_from_slice(&[0x82, 0x80 | 127]),
        }
        prefix.extend_from_slice(&len.to_be_bytes());
        if self.transport == Transport::Ws {
            prefix.extend_from_slice(&[0x5a, 0xa5, 0x3c, 0xc3]);
        }
        prefix
    }

    /// Writes, ignoring errors: nncat may already have dropped us, which is its right.
    pub fn send(&mut self, bytes: &[u8]) {
        let _ = self.conn.write_all(bytes);
    }
}

/// Claims a message of `len` bytes, sends three, and expects nncat to hang up. Over
/// tcp and ipc nncat reads an oversize message into nothing and waits for the rest
/// (an honest sender's next message follows it), so the liar stops sending first.
pub fn lie_about_length(peer: &mut RawPeer, len: u64) {
    let mut bytes = peer.length_prefix(len);
    bytes.extend_from_slice(b"lie");
    peer.send(&bytes);
    if peer.transport != Transport::Ws {
        peer.conn.shut_write();
    }
    let (closed, said) = peer.conn.read_to_close();
    assert!(
        closed,
        "nncat drops a connection that claims {len} bytes ({:?})",
        peer.transport
    );
    if peer.transport == Transport::Ws && len < 1 << 63 {
        // A close frame with status 1009, "message too big".
        assert!(
            said.starts_with(&[0x88]) && said.get(2..4) == Some(&[0x03, 0xf1]),
            "a ws close frame with status 1009, got {said:02x?}"
        );
    }
}

/// What a hostile server does on one connection nncat makes to it.
#[derive(Clone, Copy, Debug)]
pub enum Round {
    /// Claims a message of this length as soon as the handshake is done.
    Lie(u64),
    /// Waits for one message from nncat (a request), then answers with this length.
    AnswerWith(u64),
}

/// A raw server that nncat connects to: it accepts one connection per round, in turn,
/// plays it and waits for nncat to hang up; then it waits for nncat to connect once more
/// (proof that it lived through the lies) and stops listening.
pub struct HostileServer {
    pub url: String,
    done: mpsc::Receiver<()>,
    thread: thread::JoinHandle<()>,
    _scratch: Option<Scratch>,
}

enum Listener {
    Tcp(TcpListener),
    Unix(UnixListener),
}

impl Listener {
    fn accept_within(&self, limit: Duration) -> Conn {
        let deadline = Instant::now() + limit;
        loop {
            let accepted = match self {
                Listener::Tcp(l) => l.accept().map(|(s, _)| {
                    s.set_nonblocking(false).expect("blocking again");
                    Conn::Tcp(s)
                }),
                Listener::Unix(l) => l.accept().map(|(s, _)| {
                    s.set_nonblocking(false).expect("blocking again");
                    Conn::Unix(s)
                }),
            };
            match accepted {
                Ok(conn) => {
                    conn.set_read_timeout(PATIENCE).expect("a read timeout");
                    return conn;
                }
                Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
                    assert!(Instant::now() < deadline, "nncat never connected");
                    thread::sleep(Duration::from_millis(5));
                }
                Err(err) => panic!("accept failed: {err}"),
            }
        }
    }
}

impl Listener {
    /// The next connection from nncat that completes a handshake. Over ipc, a connecting
    /// nanomsg socket whose previous connection was dropped hangs up every other new
    /// one right after sending its header (seen with sub); it connects again at once.
    fn handshake(&self, transport: Transport, theirs: u16, ours: u16) -> RawPeer {
        let mut failures = Vec::new();
        let mut probes = 0;
        while failures.len() < 5 && probes < 20 {
            let conn = self.accept_within(LIMIT);
            let mut peer = RawPeer { conn, transport };
            match peer.exchange_headers(theirs, ours) {
                Ok(()) => return peer,
                Err(err) if err.to_string() == PROBE => probes += 1,
                Err(err) => failures.push(err),
            }
        }
        panic!("no handshake with nncat in 5 connections: {failures:?}");
    }
}

impl HostileServer {
    /// `theirs` is the protocol nncat's connecting socket sends, `ours` what we claim.
    pub fn start(
        transport: Transport,
        theirs: u16,
        ours: u16,
        rounds: Vec<Round>,
    ) -> HostileServer {
        let (url, listener, scratch) = match transport {
            Transport::Tcp => {
                let port = free_port();
                let listener = TcpListener::bind(("127.0.0.1", port)).expect("a free port");
                (
                    format!("tcp://127.0.0.1:{port}"),
                    Listener::Tcp(listener),
                    None,
                )
            }
            Transport::Ipc => {
                let scratch = Scratch::new();
                let listener = UnixListener::bind(scratch.path("hostile.sock")).expect("a socket");
                (
                    scratch.ipc_url("hostile.sock"),
                    Listener::Unix(listener),
                    Some(scratch),
                )
            }
            Transport::Ws => panic!("the hostile server speaks tcp and ipc"),
        };
        match &listener {
            Listener::Tcp(l) => l.set_nonblocking(true),
            Listener::Unix(l) => l.set_nonblocking(true),
        }
        .expect("a non-blocking listener");
        let (finished, done) = mpsc::channel();
        let thread = thread::spawn(move || {
            for round in rounds {
                let mut peer = listener.handshake(transport, theirs, ours);
                let len = match round {
                    Round::Lie(len) => len,
                    Round::AnswerWith(len) => {
                        let mut prefix = vec![0u8; peer.length_prefix(0).len()];
                        peer.conn
                            .read_exact(&mut prefix)
                            .expect("nncat sends a request");
                        let size =
                            u64::from_be_bytes(prefix[prefix.len() - 8..].try_into().unwrap());
                        assert!(size < 1 << 20, "a request of {size} bytes");
                        let mut request = vec![0u8; size as usize];
                        peer.conn
                            .read_exact(&mut request)
                            .expect("the whole request");
                        len
                    }
                };
                lie_about_length(&mut peer, len);
            }
            // nncat comes back (it reconnects every 100 ms): it outlived the lies.
            drop(listener.handshake(transport, theirs, ours));
            let _ = finished.send(());
        });
        HostileServer {
            url,
            done,
            thread,
            _scratch: scratch,
        }
    }

    /// Waits (bounded) until every round was played and nncat hung up each time.
    pub fn wait(self) {
        let played = self.done.recv_timeout(LIMIT).is_ok();
        if let Err(panic) = self.thread.join() {
            std::panic::resume_unwind(panic);
        }
        assert!(played, "the hostile server's rounds did not finish");
    }
}

/// Accepts one connection within `PATIENCE`, unless the process that should make it
/// has ended.
pub fn accept_from(listener: &TcpListener, running: &mut Running) -> Option<Conn> {
    let stream = poll_accept(listener, PATIENCE, || running.is_running())?;
    let conn = Conn::Tcp(stream);
    conn.set_read_timeout(PATIENCE).expect("a read timeout");
    Some(conn)
}
