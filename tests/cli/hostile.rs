//! Hostile peers and hostile paths (issue 8). No peer may abort nncat: the harness's
//! raw peer (`harness/hostile_peer.rs`) speaks just enough of the SP wire to be
//! accepted, then lies (a length of 2^42, random bytes, a wrong header, an oversize ws
//! frame), in the ways `harness/attacks.rs` lists. nncat must drop that connection,
//! stay up, and still take a real nncat peer's message.
//!
//! The last tests are what the raw peer found that libnanomsg alone could not survive
//! (an abort in its own worker thread): since the boundary, nncat does.

use std::fs::File;
use std::io::Write;
use std::net::TcpListener;
use std::process::Stdio;

use wait_timeout::ChildExt;

use crate::harness::*;

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
        // Over ipc this aborted libnanomsg before the boundary (see the last tests).
        make(Attack::Random { seed: 8 }, &front, TAP_FRONT);
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
    read_head(&mut conn).expect("nncat sends its upgrade");
    let _ = conn.write_all(b"garbage garbage garbage\r\n\r\n");
    let _ = conn.read_to_close();
    // nncat tries again (a second later, after a refused upgrade) if it is still there.
    let mut subscriber = subscriber;
    let back = poll_accept(&listener, PATIENCE, || subscriber.is_running()).is_some();
    if !back {
        let out = subscriber.finish_within(PATIENCE);
        panic!(
            "nncat did not come back after a garbage answer: {:?}; stderr: {}",
            out.status, out.stderr
        );
    }
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
            // The doctor's probe asking whether TLS answers here sends a ClientHello
            // and gives up: no head.
            let Ok(request) = read_head(&mut conn) else {
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

// What the raw peer found that libnanomsg alone cannot survive: it asserts or fails an
// allocation inside its own worker thread, and the process aborts. Since the boundary,
// these bytes reach nncat's checks, never libnanomsg.

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
