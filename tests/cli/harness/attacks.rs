//! What the hostile peer does to a bound nncat, and how a test knows nncat lived
//! through it: a fresh handshake still completes, and a real nncat peer's message
//! still arrives.

use std::cell::RefCell;
use std::io::Write;
use std::thread;
use std::time::{Duration, Instant};

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRng, TestRunner};

use super::{
    Conn, Finished, LIES, LIMIT, PAIR, PATIENCE, Pairing, Place, RawPeer, Running, Transport,
    frame_bytes, lie_about_length, nncat, random_bytes, run, sp_header, upgrade_request,
    wait_bound,
};

/// What a raw client does to a bound receiver.
#[derive(Clone, Copy, Debug)]
pub enum Attack {
    /// One connection for each of `LIES`.
    Lengths,
    /// 30 connections, each a valid handshake then 1 to 64 random bytes, from a seed.
    Random { seed: u64 },
    /// Headers that are not an SP peer's (or a ws upgrade that is not): garbage, HTTP,
    /// the receiver's own type, a bad magic, a header cut short.
    WrongHeaders,
}

pub fn make(attack: Attack, place: &Place, pairing: Pairing) {
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
pub fn survived(running: &mut Running, place: &Place, pairing: Pairing) -> bool {
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
pub fn alive(mut running: Running, place: &Place, pairing: Pairing, after: &str) -> Running {
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
pub fn deliver(sender: &[&str], url: &str) -> Finished {
    let mut args: Vec<&str> = sender.to_vec();
    args.extend(["--connect", url, "--data", "real"]);
    run(nncat(args)).success()
}

/// Starts `pairing`'s receiver bound over `transport`, makes `attack`, checks that it
/// still runs, delivers a real message, and expects exactly that message and exit 0.
pub fn survives(pairing: Pairing, transport: Transport, attack: Attack) {
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

pub fn survives_every_lie(pairing: Pairing) {
    for transport in [Transport::Tcp, Transport::Ipc, Transport::Ws] {
        survives(pairing, transport, Attack::Lengths);
    }
}

pub fn survives_random_bytes_and_wrong_headers(pairing: Pairing, seed: u64) {
    survives(pairing, Transport::Tcp, Attack::Random { seed });
    survives(pairing, Transport::Tcp, Attack::WrongHeaders);
    survives(pairing, Transport::Ipc, Attack::WrongHeaders);
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
pub fn survives_random_frame_sequences(pairing: Pairing, transport: Transport) {
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
pub fn deliver_until_seen(
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
