//! tap's ends: by --recv-timeout after forwarding, with no server behind it, and by a
//! signal while it waits for one.

use crate::harness::*;

/// nncat stops its own other direction when one ends; that is no interruption, so
/// the run ends with 0, not 130.
#[test]
fn tap_ended_by_recv_timeout_after_forwarding_exits_zero() {
    let server_url = tcp_url();
    let front_url = tcp_url();
    let mut server = Running::start_streaming(nncat(["pair", "--bind", &server_url]));
    wait_bound(&server_url);
    let mut tap = Running::start_streaming(nncat([
        "tap",
        "pair",
        "--bind",
        &front_url,
        "--connect",
        &server_url,
        "--recv-timeout",
        "600ms",
    ]));
    wait_bound(&front_url);
    run(nncat([
        "pair",
        "--connect",
        &front_url,
        "-D",
        "hi",
        "--recv-timeout",
        "300ms",
    ]))
    .success();
    server.stdout().wait_for_exactly(b"hi\n");
    assert!(tap.stdout().wait_until(LIMIT, |seen| seen == b"> hi\n"));
    let finished = tap.finish();
    assert_eq!(finished.code(), Some(0), "stderr: {}", finished.stderr);
    server.close_stdin();
}

#[test]
fn tap_with_no_server_ends_at_recv_timeout_and_says_why() {
    let server_url = tcp_url();
    let front_url = tcp_url();
    run(nncat([
        "tap",
        "pull",
        "--bind",
        &front_url,
        "--connect",
        &server_url,
        "--recv-timeout",
        "500ms",
    ]))
    .fails_with(3, "connection refused");
}

#[test]
fn tap_of_the_wrong_type_for_its_server_ends_at_recv_timeout_and_says_so() {
    let server_url = tcp_url();
    let front_url = tcp_url();
    let _server = Running::start_without_stdin(nncat(["pull", "--bind", &server_url]));
    wait_bound(&server_url);
    run(nncat([
        "tap",
        "rep",
        "--bind",
        &front_url,
        "--connect",
        &server_url,
        "--recv-timeout",
        "500ms",
    ]))
    .fails_with(3, "no nanomsg connection was made");
}

#[test]
fn tap_waiting_for_its_server_ends_at_sigterm() {
    let server_url = tcp_url();
    let front_url = tcp_url();
    let tap = Running::start(nncat([
        "tap",
        "pull",
        "--bind",
        &front_url,
        "--connect",
        &server_url,
    ]));
    // Until the server is reached the front is not bound: wait for the tap to be up by
    // seeing its connect attempts refused at the server's port, which we hold.
    let listener = std::net::TcpListener::bind(server_url.trim_start_matches("tcp://"))
        .expect("the server's port is free");
    listener.set_nonblocking(false).expect("blocking accept");
    let _first_attempt = listener.accept().expect("the tap tries to connect");
    tap.signal(libc::SIGTERM);
    assert_eq!(tap.finish_with_stdin_open().code(), Some(143));
}
