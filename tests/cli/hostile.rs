//! Hostile peers and hostile paths (issue 8). No peer may abort nncat: a raw peer
//! written here with `std::net` speaks just enough of the SP wire to be accepted, then
//! lies (a length of 2^42, random bytes, a wrong header, an oversize ws frame). nncat
//! must drop that connection, stay up, and still take a real nncat peer's message.
//!
//! The wire, as libnanomsg 1.1.5 speaks it:
//! - tcp and ipc: each side sends `00 53 50 00`, its protocol number (u16, big-endian),
//!   `00 00`; then each message is its length (u64, big-endian) and its bytes. ipc puts
//!   a type byte, 1, before each length.
//! - ws: an HTTP upgrade whose `Sec-WebSocket-Protocol` names the server's type
//!   (`pull.sp.nanomsg.org`), then RFC 6455 frames, masked from the client.
//!
//! What the raw peer found that nncat cannot survive yet is here too, ignored with the
//! reason, so that the fix has its test waiting.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::net::{UnixListener, UnixStream};
use std::process::Stdio;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// What a connection that turned out to be nncat's own probe is called.
const PROBE: &str = "nncat's probe, not its socket";

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRng, TestRunner};
use wait_timeout::ChildExt;

use crate::harness::*;

/// The longest a raw peer waits for nncat on one read or one accept.
const PATIENCE: Duration = Duration::from_secs(10);

/// Length claims no receiver can hold: just over what nanomsg's `int` option holds, far
/// over any machine's memory, and the top bit (what a signed reading takes as negative).
const LIES: [u64; 3] = [1 << 31, 1 << 42, 1 << 63];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Transport {
    Tcp,
    Ipc,
    Ws,
}

/// A receiving type, and the real nncat peer that proves it still works after an attack.
#[derive(Clone, Copy)]
struct Pairing {
    /// The receiver's arguments, before its endpoint.
    receiver: &'static [&'static str],
    /// The real peer's arguments, before its endpoint and `--data real`.
    sender: &'static [&'static str],
    /// The receiver's type: its ws protocol name and the number in its SP header.
    name: &'static str,
    own: u16,
    /// The number the raw peer claims: the real peer's type, so nncat attaches it.
    peer: u16,
}

const PULL: Pairing = Pairing {
    receiver: &["pull"],
    sender: &["push"],
    name: "pull",
    own: 81,
    peer: 80,
};
const SUB: Pairing = Pairing {
    receiver: &["sub"],
    sender: &["pub", "--wait-peers", "1"],
    name: "sub",
    own: 33,
    peer: 32,
};
const PAIR: Pairing = Pairing {
    receiver: &["pair"],
    sender: &["pair", "--recv-timeout", "100ms"],
    name: "pair",
    own: 16,
    peer: 16,
};
const BUS: Pairing = Pairing {
    receiver: &["bus"],
    sender: &["bus", "--wait-peers", "1", "--recv-timeout", "100ms"],
    name: "bus",
    own: 112,
    peer: 112,
};
const REP: Pairing = Pairing {
    receiver: &["rep", "--echo"],
    sender: &["req"],
    name: "rep",
    own: 49,
    peer: 48,
};
const RESPONDENT: Pairing = Pairing {
    receiver: &["respondent", "--echo"],
    sender: &["surveyor", "--wait-peers", "1"],
    name: "respondent",
    own: 99,
    peer: 98,
};

fn sp_header(protocol: u16) -> [u8; 8] {
    let [high, low] = protocol.to_be_bytes();
    [0, b'S', b'P', 0, high, low, 0, 0]
}

/// Where a receiver binds: tcp and ws on a free loopback port, ipc in a temporary folder.
struct Place {
    transport: Transport,
    url: String,
    _scratch: Option<Scratch>,
}

impl Place {
    fn new(transport: Transport) -> Place {
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
    fn connect_url(&self) -> String {
        match self.transport {
            Transport::Ws => format!("{}/", self.url),
            _ => self.url.clone(),
        }
    }

    fn address(&self) -> &str {
        self.url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, rest)| rest)
    }
}

/// One raw connection, over tcp or a Unix socket.
enum Conn {
    Tcp(TcpStream),
    Unix(UnixStream),
}

impl Conn {
    fn connect(place: &Place) -> io::Result<Conn> {
        let conn = match place.transport {
            Transport::Ipc => Conn::Unix(UnixStream::connect(place.address())?),
            Transport::Tcp | Transport::Ws => Conn::Tcp(TcpStream::connect(place.address())?),
        };
        conn.set_read_timeout(PATIENCE)?;
        Ok(conn)
    }

    fn set_read_timeout(&self, limit: Duration) -> io::Result<()> {
        match self {
            Conn::Tcp(stream) => stream.set_read_timeout(Some(limit)),
            Conn::Unix(stream) => stream.set_read_timeout(Some(limit)),
        }
    }

    /// Reads until nncat closes the connection or `PATIENCE` passes: whether it closed,
    /// and what it sent first.
    fn read_to_close(&mut self) -> (bool, Vec<u8>) {
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
    fn shut_write(&self) {
        let _ = match self {
            Conn::Tcp(stream) => stream.shutdown(std::net::Shutdown::Write),
            Conn::Unix(stream) => stream.shutdown(std::net::Shutdown::Write),
        };
    }

    /// Reads an HTTP response's first line (ws).
    fn read_status_line(&mut self) -> String {
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
struct RawPeer {
    conn: Conn,
    transport: Transport,
}

impl RawPeer {
    /// Connects to what nncat bound and completes the handshake as `pairing`'s peer.
    fn connect(place: &Place, pairing: Pairing) -> RawPeer {
        RawPeer::try_connect(place, pairing)
            .unwrap_or_else(|err| panic!("no handshake with nncat at {}: {err}", place.url))
    }

    /// The same, with an error where nncat is gone; what nncat sends must still be right.
    fn try_connect(place: &Place, pairing: Pairing) -> io::Result<RawPeer> {
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
    fn length_prefix(&self, len: u64) -> Vec<u8> {
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
    fn send(&mut self, bytes: &[u8]) {
        let _ = self.conn.write_all(bytes);
    }
}

fn upgrade_request(host: &str, server: &str) -> String {
    format!(
        "GET / HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Protocol: {server}.sp.nanomsg.org\r\n\r\n"
    )
}

/// Claims a message of `len` bytes, sends three, and expects nncat to hang up. Over
/// tcp and ipc nncat reads an oversize message into nothing and waits for the rest
/// (an honest sender's next message follows it), so the liar stops sending first.
fn lie_about_length(peer: &mut RawPeer, len: u64) {
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

/// What a raw client does to a bound receiver.
#[derive(Clone, Copy, Debug)]
enum Attack {
    /// One connection for each of `LIES`.
    Lengths,
    /// 30 connections, each a valid handshake then 1 to 64 random bytes, from a seed.
    Random { seed: u64 },
    /// Headers that are not an SP peer's (or a ws upgrade that is not): garbage, HTTP,
    /// the receiver's own type, a bad magic, a header cut short.
    WrongHeaders,
}

fn make(attack: Attack, place: &Place, pairing: Pairing) {
    match attack {
        Attack::Lengths => {
            for len in LIES {
                let Ok(mut peer) = RawPeer::try_connect(place, pairing) else {
                    return;
                };
                lie_about_length(&mut peer, len);
            }
        }
        Attack::Random { seed } => {
            for i in 0..30u64 {
                let Ok(mut peer) = RawPeer::try_connect(place, pairing) else {
                    return;
                };
                let len = 1 + random_bytes(seed ^ i, 1)[0] as usize % 64;
                peer.send(&random_bytes(seed.wrapping_add(i), len));
            }
        }
        Attack::WrongHeaders if place.transport == Transport::Ws => {
            let host = place.address();
            let refused = [
                upgrade_request(
                    host,
                    if pairing.name == "pull" {
                        "sub"
                    } else {
                        "pull"
                    },
                ),
                upgrade_request(host, "x-nanomsg-req"),
                upgrade_request(host, "")
                    .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"),
            ];
            for request in refused {
                let Ok(mut conn) = Conn::connect(place) else {
                    return;
                };
                conn.write_all(request.as_bytes())
                    .expect("nncat takes the request");
                let status = conn.read_status_line();
                assert!(
                    status.starts_with("HTTP/1.1 400"),
                    "nncat refuses {request:?}: {status:?}"
                );
            }
        }
        Attack::WrongHeaders => {
            let mut bad_magic = sp_header(pairing.peer);
            bad_magic[3] = 1;
            let headers: [Vec<u8>; 4] = [
                random_bytes(0xbad, 8),
                b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: hostile\r\n\r\n".to_vec(),
                // pull to pull, rep to rep: not a peer, unless the type is its own peer.
                sp_header(if pairing.own == pairing.peer {
                    17
                } else {
                    pairing.own
                })
                .to_vec(),
                bad_magic.to_vec(),
            ];
            for header in headers {
                let Ok(mut conn) = Conn::connect(place) else {
                    return;
                };
                let _ = conn.write_all(&header);
                let (closed, _) = conn.read_to_close();
                assert!(closed, "nncat hangs up on the header {header:02x?}");
            }
            // Half a header, then gone.
            let Ok(mut conn) = Conn::connect(place) else {
                return;
            };
            let _ = conn.write_all(&sp_header(pairing.peer)[..4]);
        }
    }
}

/// Whether a process that a raw peer has just attacked lived through it: a fresh
/// handshake completes (nanomsg handles a socket's connections in order, so the attack's
/// bytes were read first), and it still runs.
fn survived(running: &mut Running, place: &Place, pairing: Pairing) -> bool {
    // nanomsg may hang up new connections while it tears down the ones it dropped
    // (seen over ipc and tcp under a loaded machine): fresh handshakes until one
    // completes, for as long as PATIENCE allows.
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if RawPeer::try_connect(place, pairing).is_ok() {
            return running.is_running();
        }
        if !running.is_running() {
            break;
        }
        thread::sleep(Duration::from_millis(50));
    }
    // A process that aborts closes its sockets a moment before it ends.
    let deadline = Instant::now() + PATIENCE;
    while running.is_running() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
    }
    assert!(
        !running.is_running(),
        "nncat runs but no longer completes a handshake"
    );
    false
}

/// `survived`, or the test fails with how nncat ended.
fn alive(mut running: Running, place: &Place, pairing: Pairing, after: &str) -> Running {
    if !survived(&mut running, place, pairing) {
        let out = running.finish();
        panic!(
            "nncat died after {after}: {:?}; stderr: {}",
            out.status, out.stderr
        );
    }
    running
}

/// The real peer sends "real" once.
fn deliver(sender: &[&str], url: &str) -> Finished {
    let mut args: Vec<&str> = sender.to_vec();
    args.extend(["--connect", url, "--data", "real"]);
    run(nncat(args)).success()
}

/// Starts `pairing`'s receiver bound over `transport`, makes `attack`, checks that it
/// still runs, delivers a real message, and expects exactly that message and exit 0.
fn survives(pairing: Pairing, transport: Transport, attack: Attack) {
    let place = Place::new(transport);
    let mut args: Vec<&str> = pairing.receiver.to_vec();
    args.extend(["--bind", &place.url, "--count", "1"]);
    let mut receiver = Running::start_streaming(nncat(args));
    // pair and bus send their input too: none.
    receiver.close_stdin();
    wait_bound(&place.url);
    make(attack, &place, pairing);
    let what = format!("{attack:?} over {transport:?}");
    let mut receiver = alive(receiver, &place, pairing, &what);
    deliver_until_seen(pairing, &place, &mut receiver, |seen| seen == b"real\n");
    let out = receiver.finish().success();
    assert!(!out.stderr.contains("Assertion"), "{what}: {}", out.stderr);
}

fn survives_every_lie(pairing: Pairing) {
    for transport in [Transport::Tcp, Transport::Ipc, Transport::Ws] {
        survives(pairing, transport, Attack::Lengths);
    }
}

fn survives_random_bytes_and_wrong_headers(pairing: Pairing, seed: u64) {
    survives(pairing, Transport::Tcp, Attack::Random { seed });
    survives(pairing, Transport::Tcp, Attack::WrongHeaders);
    survives(pairing, Transport::Ipc, Attack::WrongHeaders);
}

#[test]
fn pull_survives_length_claims_of_2_31_2_42_and_2_63_over_tcp_ipc_and_ws() {
    survives_every_lie(PULL);
}

#[test]
fn pull_survives_random_bytes_after_a_valid_header_and_wrong_headers() {
    survives_random_bytes_and_wrong_headers(PULL, 1);
}

#[test]
fn pull_on_ws_survives_random_frames_and_refused_upgrades() {
    survives(PULL, Transport::Ws, Attack::Random { seed: 2 });
    survives(PULL, Transport::Ws, Attack::WrongHeaders);
}

#[test]
fn sub_survives_length_claims_over_tcp_ipc_and_ws() {
    survives_every_lie(SUB);
}

#[test]
fn sub_survives_random_bytes_and_wrong_headers() {
    survives_random_bytes_and_wrong_headers(SUB, 3);
}

#[test]
fn pair_survives_length_claims_over_tcp_ipc_and_ws() {
    survives_every_lie(PAIR);
}

#[test]
fn pair_survives_random_bytes_and_wrong_headers() {
    survives_random_bytes_and_wrong_headers(PAIR, 4);
}

#[test]
fn bus_survives_length_claims_over_tcp_ipc_and_ws() {
    survives_every_lie(BUS);
}

#[test]
fn bus_survives_random_bytes_and_wrong_headers() {
    survives_random_bytes_and_wrong_headers(BUS, 5);
}

#[test]
fn rep_survives_length_claims_over_tcp_ipc_and_ws() {
    survives_every_lie(REP);
}

#[test]
fn rep_survives_random_bytes_and_wrong_headers() {
    survives_random_bytes_and_wrong_headers(REP, 6);
}

#[test]
fn respondent_survives_length_claims_over_tcp_ipc_and_ws() {
    survives_every_lie(RESPONDENT);
}

#[test]
fn respondent_survives_random_bytes_and_wrong_headers() {
    survives_random_bytes_and_wrong_headers(RESPONDENT, 7);
}

/// What a hostile server does on one connection nncat makes to it.
#[derive(Clone, Copy, Debug)]
enum Round {
    /// Claims a message of this length as soon as the handshake is done.
    Lie(u64),
    /// Waits for one message from nncat (a request), then answers with this length.
    AnswerWith(u64),
}

/// A raw server that nncat connects to: it accepts one connection per round, in turn,
/// plays it and waits for nncat to hang up; then it waits for nncat to connect once more
/// (proof that it lived through the lies) and stops listening.
struct HostileServer {
    url: String,
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
    fn start(transport: Transport, theirs: u16, ours: u16, rounds: Vec<Round>) -> HostileServer {
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
    fn wait(self) {
        let played = self.done.recv_timeout(LIMIT).is_ok();
        if let Err(panic) = self.thread.join() {
            std::panic::resume_unwind(panic);
        }
        assert!(played, "the hostile server's rounds did not finish");
    }
}

fn sub_survives_a_lying_publisher(transport: Transport) {
    let rounds = LIES.iter().map(|&len| Round::Lie(len)).collect();
    let hostile = HostileServer::start(transport, SUB.own, SUB.peer, rounds);
    let real = Place::new(transport);
    let mut subscriber = Running::start_streaming(nncat([
        "sub",
        "--connect",
        &hostile.url,
        "--connect",
        &real.url,
        "--count",
        "1",
    ]));
    subscriber.close_stdin();
    // nanomsg reconnects every 100 ms: one round per connection.
    hostile.wait();
    run_with_input(
        nncat(["pub", "--bind", &real.url, "--wait-peers", "1"]),
        b"real\n",
    )
    .success();
    subscriber.stdout().wait_for_exactly(b"real\n");
    subscriber.finish().success();
}

#[test]
fn sub_connected_to_a_lying_publisher_survives_and_hears_the_real_one_over_tcp() {
    sub_survives_a_lying_publisher(Transport::Tcp);
}

#[test]
fn sub_connected_to_a_lying_publisher_survives_and_hears_the_real_one_over_ipc() {
    sub_survives_a_lying_publisher(Transport::Ipc);
}

/// The pairing a client of `nncat tap rep` sees: a raw rep in front.
const TAP_FRONT: Pairing = Pairing {
    receiver: &[],
    sender: &["req"],
    name: "rep",
    own: 49,
    peer: 48,
};

#[test]
fn tap_survives_lying_clients_and_still_forwards_a_real_request() {
    for transport in [Transport::Tcp, Transport::Ipc] {
        let server_url = tcp_url();
        let server = Running::start_without_stdin(nncat([
            "rep",
            "--bind",
            &server_url,
            "--echo",
            "--count",
            "1",
        ]));
        wait_bound(&server_url);
        let front = Place::new(transport);
        let tap = Running::start_streaming(nncat([
            "tap",
            "rep",
            "--bind",
            &front.url,
            "--connect",
            &server_url,
        ]));
        wait_bound(&front.url);
        make(Attack::Lengths, &front, TAP_FRONT);
        if transport == Transport::Tcp {
            // Over ipc this aborts in libnanomsg: see the ignored tests at the end.
            make(Attack::Random { seed: 8 }, &front, TAP_FRONT);
        }
        let mut tap = alive(tap, &front, TAP_FRONT, "lying clients");
        let out = deliver(TAP_FRONT.sender, &front.url);
        assert_eq!(out.stdout, b"real\n");
        tap.stdout().wait_for_exactly(b"> real\n< real\n");
        tap.signal(libc::SIGINT);
        assert_eq!(tap.finish().code(), Some(130));
        server.finish().success();
    }
}

#[test]
fn tap_survives_a_server_that_answers_with_a_lying_length_and_reaches_the_real_one() {
    // The lying server is the only one up at first, so the first request goes to it.
    let hostile = HostileServer::start(
        Transport::Tcp,
        TAP_FRONT.peer,
        TAP_FRONT.own,
        vec![Round::AnswerWith(1 << 42)],
    );
    let real_url = tcp_url();
    let front = tcp_url();
    let mut tap = Running::start_streaming(nncat([
        "tap",
        "rep",
        "--bind",
        &front,
        "--connect",
        &hostile.url,
        "--connect",
        &real_url,
    ]));
    wait_bound(&front);
    // Its answer never comes; it is killed once the lie was told.
    let first =
        Running::start_without_stdin(nncat(["req", "--connect", &front, "--data", "first"]));
    hostile.wait();
    drop(first);
    let server = Running::start_without_stdin(nncat([
        "rep", "--bind", &real_url, "--echo", "--count", "1",
    ]));
    let out = deliver(&["req"], &front);
    assert_eq!(out.stdout, b"real\n");
    tap.stdout().wait_for_exactly(b"> first\n> real\n< real\n");
    tap.signal(libc::SIGINT);
    assert_eq!(tap.finish().code(), Some(130));
    server.finish().success();
}

/// A random stretch of a hostile connection, after a valid handshake.
#[derive(Clone, Debug)]
enum Step {
    /// A length (often a lie), then some bytes that may or may not be the message.
    Frame { len: u64, body: Vec<u8> },
    /// Bytes with no frame in mind.
    Bytes(Vec<u8>),
    /// A ws frame, masked as a client sends it: fragments, control frames, text with
    /// UTF-8 split or broken (over tcp and ipc, just more bytes).
    WsFrame {
        fin: bool,
        opcode: u8,
        body: Vec<u8>,
    },
    /// Hang up here.
    Close,
}

fn length() -> impl Strategy<Value = u64> {
    prop_oneof![
        0u64..64,
        (1u64 << 20)..(1u64 << 30),
        Just(1u64 << 31),
        Just(1u64 << 42),
        Just(1u64 << 63),
        Just(u64::MAX),
        any::<u64>(),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (length(), vec(any::<u8>(), 0..64)).prop_map(|(len, body)| Step::Frame { len, body }),
        1 => vec(any::<u8>(), 1..64).prop_map(Step::Bytes),
        2 => (
            any::<bool>(),
            prop_oneof![Just(0u8), Just(1), Just(2), Just(8), Just(9), Just(10), 0u8..16],
            prop_oneof![
                vec(any::<u8>(), 0..16),
                Just(vec![0xf0, 0x9f]),
                Just(vec![0x98, 0x80]),
            ]
        )
            .prop_map(|(fin, opcode, body)| Step::WsFrame { fin, opcode, body }),
        1 => Just(Step::Close),
    ]
}

/// How many random frame sequences each transport gets: one connection each, all against
/// one long-lived puller, well under a second on loopback.
const SEQUENCES: u32 = 128;

/// Random frame sequences against one long-lived receiver of `pairing`'s type; the
/// same ones every run (a fixed seed), so a failure replays. After each, a fresh
/// handshake must complete: the failing case is then the one named.
fn survives_random_frame_sequences(pairing: Pairing, transport: Transport) {
    let place = Place::new(transport);
    let mut args: Vec<&str> = pairing.receiver.to_vec();
    args.extend(["--bind", &place.url, "--hex"]);
    let receiver = RefCell::new(Running::start_streaming(nncat(args)));
    receiver.borrow_mut().close_stdin();
    wait_bound(&place.url);
    let config = Config {
        cases: SEQUENCES,
        failure_persistence: None,
        // Every case shares one nncat: once it is dead, shrinking says nothing more.
        max_shrink_iters: 0,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(config.rng_algorithm);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let result = runner.run(&vec(step(), 1..12), |steps| {
        let handshake = RawPeer::try_connect(&place, pairing);
        let mut peer = handshake
            .map_err(|err| TestCaseError::fail(format!("no handshake before {steps:?}: {err}")))?;
        for step in &steps {
            match step {
                Step::Frame { len, body } => {
                    let mut bytes = peer.length_prefix(*len);
                    bytes.extend_from_slice(body);
                    peer.send(&bytes);
                }
                Step::Bytes(bytes) => peer.send(bytes),
                Step::WsFrame { fin, opcode, body } => {
                    peer.send(&frame_bytes(*fin, *opcode, body));
                }
                Step::Close => break,
            }
        }
        drop(peer);
        prop_assert!(
            survived(&mut receiver.borrow_mut(), &place, pairing),
            "nncat {} died after {steps:?}",
            pairing.name
        );
        Ok(())
    });
    let receiver = receiver.into_inner();
    if let Err(failure) = result {
        let out = receiver.finish_within(PATIENCE);
        panic!("{failure}; exit {:?}; stderr: {}", out.status, out.stderr);
    }
    let mut receiver = alive(receiver, &place, pairing, "random frame sequences");
    // "real" in hex, on a line of its own, among whatever random messages got through.
    let real = |seen: &[u8]| seen.split(|&b| b == b'\n').any(|line| line == b"7265616c");
    deliver_until_seen(pairing, &place, &mut receiver, real);
    receiver.signal(libc::SIGTERM);
    let out = receiver.finish();
    assert_eq!(out.code(), Some(143), "{}", out.stderr);
    assert!(!out.stderr.contains("Assertion"), "{}", out.stderr);
}

/// A real peer of `pairing`'s sends "real" until the receiver shows it. pair takes one
/// peer at a time and refuses the next only after both sides finished the handshake:
/// while it still holds a closed connection, the real sender's first message can go to
/// a refused pipe, so the pair sender repeats.
fn deliver_until_seen(
    pairing: Pairing,
    place: &Place,
    receiver: &mut Running,
    seen: impl Fn(&[u8]) -> bool,
) {
    let url = place.connect_url();
    let sender = if pairing.own == PAIR.own {
        let args = [
            "pair",
            "--connect",
            &url,
            "--data",
            "real",
            "--interval",
            "50ms",
        ];
        Some(Running::start_without_stdin(nncat(args)))
    } else {
        deliver(pairing.sender, &url);
        None
    };
    let arrived = receiver.stdout().wait_until(LIMIT, seen);
    drop(sender);
    assert!(arrived, "the real message arrives at {}", pairing.name);
}

fn pull_survives_random_frame_sequences(transport: Transport) {
    survives_random_frame_sequences(PULL, transport);
}

#[test]
fn every_receiving_type_survives_random_frame_sequences_over_tcp() {
    for pairing in [SUB, PAIR, BUS, REP, RESPONDENT] {
        survives_random_frame_sequences(pairing, Transport::Tcp);
    }
}

#[test]
fn pull_survives_random_frame_sequences_over_tcp_and_still_takes_a_real_message() {
    pull_survives_random_frame_sequences(Transport::Tcp);
}

#[test]
fn pull_survives_random_frame_sequences_over_ws_and_still_takes_a_real_message() {
    pull_survives_random_frame_sequences(Transport::Ws);
}

/// libnanomsg aborted on the first ipc frame whose type byte was not 1.
#[test]
fn pull_survives_random_frame_sequences_over_ipc_and_still_takes_a_real_message() {
    pull_survives_random_frame_sequences(Transport::Ipc);
}

/// nanomsg refuses the message at its length, before reading it: the puller's memory
/// never holds it (before the fix it peaked at 260 MiB).
#[test]
fn recv_maxsz_1m_refuses_a_real_256_mib_message_without_holding_it() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("big.sock");
    let big = scratch.path("big.bin");
    File::create(&big)
        .and_then(|file| file.set_len(256 << 20))
        .expect("a 256 MiB file");
    let mut puller = Running::start_streaming(nncat([
        "pull",
        "--bind",
        &url,
        "--recv-maxsz",
        "1M",
        "--count",
        "2",
    ]));
    puller.close_stdin();
    wait_bound(&url);
    let mut pusher = nncat(["push", "--connect", &url, "--format", "raw"]);
    pusher
        .stdin(File::open(&big).expect("the file opens"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut pusher = pusher.spawn().expect("the pusher starts");
    let status = pusher.wait_timeout(LIMIT).expect("waiting works");
    if status.is_none() {
        let _ = pusher.kill();
        let _ = pusher.wait();
        panic!("the 256 MiB pusher did not finish within {LIMIT:?}");
    }
    deliver(&["push"], &url);
    puller.stdout().wait_for_exactly(b"real\n");
    let peak = status_field(puller.pid(), "VmHWM:") * 1024;
    assert!(
        peak < 64 << 20,
        "peak memory {} MiB after refusing a 256 MiB message",
        peak >> 20
    );
    run(nncat(["push", "--connect", &url, "--data", "end"])).success();
    assert_eq!(puller.finish().success().stdout, b"real\nend\n");
}

/// An absolute path of exactly `len` bytes inside `scratch` (which it need not exist in).
fn path_of_length(scratch: &Scratch, len: usize) -> String {
    let folder = scratch.path("").display().to_string();
    let folder = folder.trim_end_matches('/');
    assert!(
        folder.len() + 2 <= len,
        "the temporary folder is short enough"
    );
    format!("{folder}/{}", "s".repeat(len - folder.len() - 1))
}

#[test]
fn an_ipc_path_over_107_bytes_is_a_usage_error_for_bind_and_connect() {
    let scratch = Scratch::new();
    for len in [108, 200] {
        let path = path_of_length(&scratch, len);
        assert_eq!(path.len(), len);
        for verb in ["--bind", "--connect"] {
            let url = format!("ipc://{path}");
            run(nncat(["pull", verb, &url])).fails_with(2, "at most 107");
            run(nncat(["push", verb, &url, "--data", "x"])).fails_with(2, "at most 107");
        }
        assert!(!std::path::Path::new(&path).exists(), "nothing was made");
    }
}

#[test]
fn an_ipc_path_of_exactly_107_bytes_works() {
    let scratch = Scratch::new();
    let url = format!("ipc://{}", path_of_length(&scratch, 107));
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    deliver(&["push"], &url);
    assert_eq!(puller.finish().success().stdout, b"real\n");
}

#[test]
fn binding_ipc_over_a_regular_file_exits_1_and_leaves_the_file_untouched() {
    let scratch = Scratch::new();
    let file = scratch.path("precious.txt");
    std::fs::write(&file, b"precious data\n").expect("the file is written");
    for args in [
        ["pull", "--bind", "ipc://precious.txt"],
        ["push", "-X", "precious.txt"],
    ] {
        let mut command = nncat(args);
        command.current_dir(scratch.path(""));
        run(command).fails_with(1, "exists and is not a socket");
        assert_eq!(
            std::fs::read(&file).expect("still there"),
            b"precious data\n"
        );
    }
}

#[test]
fn binding_ipc_over_a_live_listener_exits_1_and_the_listener_keeps_its_socket() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("live.sock");
    let owner = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    run(nncat(["pull", "--bind", &url])).fails_with(1, "another process is listening");
    deliver(&["push"], &url);
    assert_eq!(owner.finish().success().stdout, b"real\n");
}

#[test]
fn sighup_ends_a_receiver_with_exit_129() {
    let url = tcp_url();
    let puller = Running::start_streaming(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    puller.signal(libc::SIGHUP);
    let out = puller.finish_with_stdin_open();
    assert_eq!(out.code(), Some(129), "{}", out.stderr);
}

#[test]
fn a_receive_timeout_of_1us_is_a_timeout_not_a_failure() {
    let url = tcp_url();
    run(nncat([
        "pull",
        "--bind",
        &url,
        "--recv-timeout",
        "1us",
        "--count",
        "1",
    ]))
    .fails_with(3, "--recv-timeout 1us");
}

/// libnanomsg 1.1.5 asserted on these (ws_handshake.c:1340, no response code) and aborted
/// nncat; nncat's ws guard now refuses them with a 400 before libnanomsg sees them.
#[test]
fn pull_on_ws_survives_an_http_request_that_is_not_a_get() {
    let place = Place::new(Transport::Ws);
    let receiver = Running::start_streaming(nncat(["pull", "--bind", &place.url, "--count", "1"]));
    wait_bound(&place.url);
    let padding = "x".repeat(150);
    let mut binary = random_bytes(0x5eed, 5000);
    binary.extend_from_slice(b"\r\n\r\n");
    for request in [
        format!("POST / HTTP/1.1\r\nUser-Agent: {padding}\r\n\r\n").into_bytes(),
        format!("GET / HTTP/1.0\r\nUser-Agent: {padding}\r\n\r\n").into_bytes(),
        // Over the guard's 8 KiB limit for a head.
        format!("GET / HTTP/1.1\r\nX-Long: {}\r\n\r\n", "x".repeat(9000)).into_bytes(),
        binary,
    ] {
        let Ok(mut conn) = Conn::connect(&place) else {
            break;
        };
        let _ = conn.write_all(&request);
        let status = conn.read_status_line();
        assert!(
            status.starts_with("HTTP/1.1 400 "),
            "nncat refuses {:?}: {status:?}",
            String::from_utf8_lossy(&request[..request.len().min(40)])
        );
    }
    let mut receiver = alive(receiver, &place, PULL, "requests that are not a ws upgrade");
    deliver(PULL.sender, &place.connect_url());
    receiver.stdout().wait_for_exactly(b"real\n");
    receiver.finish().success();
}

/// libnanomsg 1.1.5 answers a client that asks for another type with a 400, then
/// attaches it anyway, and a push sends it messages that are lost. The guard refuses
/// such a client itself and closes.
#[test]
fn push_on_ws_sends_nothing_to_a_client_that_asks_for_another_type() {
    let place = Place::new(Transport::Ws);
    let _pusher = Running::start_without_stdin(nncat([
        "push",
        "--bind",
        &place.url,
        "--data",
        "not for you",
        "--interval",
        "20ms",
    ]));
    wait_bound(&place.url);
    for asked in ["pub", "x-nanomsg-req"] {
        let mut conn = Conn::connect(&place).expect("nncat listens");
        conn.write_all(upgrade_request(place.address(), asked).as_bytes())
            .expect("nncat takes the request");
        let (closed, said) = conn.read_to_close();
        let said = String::from_utf8_lossy(&said);
        assert!(closed, "nncat hangs up on a client that asks for {asked}");
        assert!(
            said.starts_with("HTTP/1.1 400 ") && said.ends_with("\r\n\r\n"),
            "a whole 400 and nothing after it: {said:?}"
        );
    }
}

/// libnanomsg 1.1.5 asserted on this answer (ws_handshake.c:679) and aborted nncat; the
/// ws guard's relay now reads the answer instead, refuses it, and tries again.
#[test]
fn sub_connecting_over_ws_survives_a_server_that_answers_garbage() {
    let port = free_port();
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("a free port");
    let url = format!("ws://127.0.0.1:{port}/");
    let subscriber = Running::start_streaming(nncat(["sub", "--connect", &url, "--count", "1"]));
    let (stream, _) = listener.accept().expect("nncat connects");
    let mut conn = Conn::Tcp(stream);
    conn.set_read_timeout(PATIENCE).expect("a read timeout");
    let mut request = Vec::new();
    let mut byte = [0u8; 1];
    while !request.ends_with(b"\r\n\r\n") {
        conn.read_exact(&mut byte).expect("nncat sends its upgrade");
        request.push(byte[0]);
    }
    let _ = conn.write_all(b"garbage garbage garbage\r\n\r\n");
    let _ = conn.read_to_close();
    // nncat tries again (a second later, after a refused upgrade) if it is still there.
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    let mut subscriber = subscriber;
    let deadline = Instant::now() + PATIENCE;
    let back = loop {
        if listener.accept().is_ok() {
            break true;
        }
        if !subscriber.is_running() || Instant::now() > deadline {
            break false;
        }
        thread::sleep(Duration::from_millis(5));
    };
    if !back {
        let out = subscriber.finish_within(PATIENCE);
        panic!(
            "nncat did not come back after a garbage answer: {:?}; stderr: {}",
            out.status, out.stderr
        );
    }
}

/// Accepts one connection within `PATIENCE`, unless the process that should make it
/// has ended.
fn accept_from(listener: &TcpListener, running: &mut Running) -> Option<Conn> {
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline && running.is_running() {
        if let Ok((stream, _)) = listener.accept() {
            stream.set_nonblocking(false).expect("a blocking stream");
            let conn = Conn::Tcp(stream);
            conn.set_read_timeout(PATIENCE).expect("a read timeout");
            return Some(conn);
        }
        thread::sleep(Duration::from_millis(5));
    }
    None
}

/// Reads an HTTP head, up to its empty line; None when the connection ends first (the
/// doctor's probe asking whether TLS answers here sends a ClientHello and gives up).
fn read_head(conn: &mut Conn) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        conn.read_exact(&mut byte).ok()?;
        head.push(byte[0]);
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// A connecting sub meets a server that answers its upgrade wrongly in every way the ws
/// guard checks, then the real publisher on the same port: nncat must keep trying and
/// hear it. Its requests name the real host and port, not the relay's.
#[test]
fn sub_connecting_over_ws_survives_bad_answers_and_then_hears_a_real_publisher() {
    let port = free_port();
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("a free port");
    let url = format!("ws://127.0.0.1:{port}/news");
    let mut subscriber =
        Running::start_streaming(nncat(["sub", "--connect", &url, "--count", "1"]));
    subscriber.close_stdin();
    let mut binary = random_bytes(0xbad5, 300);
    binary.extend_from_slice(b"\r\n\r\n");
    let answers: [Vec<u8>; 4] = [
        binary,
        b"HTTP/1.0 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
            .to_vec(),
        // An accept key for some other request.
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
          Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"
            .to_vec(),
        format!("HTTP/1.1 101 OK\r\nX-Long: {}\r\n\r\n", "x".repeat(9000)).into_bytes(),
    ];
    for answer in answers {
        // nncat probing us to explain its silence asks for each type in turn, with a key
        // of its own: not its socket.
        let (mut conn, request) = loop {
            let Some(mut conn) = accept_from(&listener, &mut subscriber) else {
                let out = subscriber.finish_within(PATIENCE);
                panic!(
                    "nncat did not come back: {:?}; stderr: {}",
                    out.status, out.stderr
                );
            };
            let Some(request) = read_head(&mut conn) else {
                continue;
            };
            if !request.contains("Sec-WebSocket-Key: bm5jYXQgcHJvYmUgMTIzNA==") {
                break (conn, request);
            }
        };
        assert!(
            request.starts_with("GET /news HTTP/1.1\r\n")
                && request.contains(&format!("\r\nHost: 127.0.0.1:{port}\r\n"))
                && request.contains("\r\nSec-WebSocket-Protocol: pub.sp.nanomsg.org\r\n"),
            "{request:?}"
        );
        let _ = conn.write_all(&answer);
        let (closed, _) = conn.read_to_close();
        assert!(closed, "nncat hangs up on {answer:?}");
    }
    drop(listener);
    let _publisher = Running::start_without_stdin(nncat([
        "pub",
        "--bind",
        &format!("ws://127.0.0.1:{port}"),
        "--data",
        "real",
        "--interval",
        "100ms",
    ]));
    subscriber.stdout().wait_for_exactly(b"real\n");
    let out = subscriber.finish().success();
    assert!(!out.stderr.contains("Assertion"), "{}", out.stderr);
}

// What the raw peer found that nncat cannot survive yet: libnanomsg asserts or fails an
// allocation inside its own worker thread, and the process aborts. nncat never sees
// these bytes, so the fix is not a check in nncat's code.

#[test]
fn pull_over_ipc_survives_a_frame_with_a_wrong_type_byte() {
    let place = Place::new(Transport::Ipc);
    let receiver = Running::start_streaming(nncat(["pull", "--bind", &place.url, "--count", "1"]));
    wait_bound(&place.url);
    let mut peer = RawPeer::connect(&place, PULL);
    // tcp's framing on ipc: the first byte of the length, 0, where ipc wants 1.
    let mut bytes = (1u64 << 42).to_be_bytes().to_vec();
    bytes.extend_from_slice(b"lie");
    peer.send(&bytes);
    let _ = peer.conn.read_to_close();
    let mut receiver = alive(receiver, &place, PULL, "an ipc frame of type 0");
    deliver(&["push"], &place.url);
    receiver.stdout().wait_for_exactly(b"real\n");
    receiver.finish().success();
}

#[test]
fn pull_over_ipc_survives_random_bytes_after_a_valid_header() {
    survives(PULL, Transport::Ipc, Attack::Random { seed: 9 });
}

#[test]
fn pull_under_ulimit_v_survives_concurrent_claims_under_the_limit() {
    let place = Place::new(Transport::Tcp);
    // About 1.9 GiB of address space: the default limit (512 MiB) fits, four at once do not.
    let command = nncat_under_ulimit(
        "-v 2000000",
        &["pull", "--bind", &place.url, "--count", "1"],
    );
    let receiver = Running::start_streaming(command);
    wait_bound(&place.url);
    let mut claims = Vec::new();
    for _ in 0..8 {
        let Ok(mut peer) = RawPeer::try_connect(&place, PULL) else {
            break;
        };
        let mut bytes = peer.length_prefix(500 << 20);
        bytes.extend_from_slice(b"lie");
        peer.send(&bytes);
        claims.push(peer);
    }
    let mut receiver = alive(receiver, &place, PULL, "eight claims of 500 MiB");
    drop(claims);
    deliver(PULL.sender, &place.url);
    receiver.stdout().wait_for_exactly(b"real\n");
    receiver.finish().success();
}
