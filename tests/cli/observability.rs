//! What nncat tells people and tools about a run, on stderr so that stdout holds only
//! the messages: --stats at exit, --progress while it runs, -v's connection events.

use crate::harness::*;

#[test]
fn stats_prints_one_line_of_counts_at_exit() {
    let url = tcp_url();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "3", "--stats"]));
    wait_bound(&url);
    let pusher = run_with_input(
        nncat(["push", "--connect", &url, "--stats"]),
        b"one\ntwo\nthree\n",
    )
    .success();
    let puller = puller.finish().success();
    assert_eq!(puller.stdout, b"one\ntwo\nthree\n");
    for (stderr, counts) in [
        (&pusher.stderr, "sent 3 messages (11 bytes)"),
        (&puller.stderr, "received 3 messages (11 bytes)"),
    ] {
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(stderr.starts_with("nncat: stats: "), "{stderr}");
        assert!(stderr.contains(counts), "{counts:?} in {stderr}");
        assert!(stderr.contains("messages/s"), "a rate in {stderr}");
    }
}

/// An unbounded receiver ends at Ctrl-C: nn_term takes the statistics away, so they are
/// kept first, and --stats still says them (it said nothing). A tap the same.
#[test]
fn stats_are_said_when_a_signal_ends_the_run() {
    let url = tcp_url();
    let mut puller = Running::start_streaming(nncat(["pull", "--bind", &url, "--stats"]));
    wait_bound(&url);
    run_with_input(nncat(["push", "--connect", &url]), b"one\ntwo\n").success();
    puller.stdout().wait_for_lines(2);
    puller.signal(libc::SIGINT);
    let out = puller.finish_with_stdin_open();
    assert_eq!(out.code(), Some(130), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("stats: sent 0 messages (0 bytes), received 2 messages (6 bytes)"),
        "{}",
        out.stderr
    );

    let (server, front) = (tcp_url(), tcp_url());
    let _pull = Running::start_without_stdin(nncat(["pull", "--bind", &server]));
    wait_bound(&server);
    let mut tap = Running::start_watching(nncat([
        "tap",
        "pull",
        "--bind",
        &front,
        "--connect",
        &server,
        "--stats",
    ]));
    wait_bound(&front);
    run(nncat(["push", "--connect", &front, "-D", "x"])).success();
    tap.stdout().wait_for_lines(1);
    tap.signal(libc::SIGTERM);
    let out = tap.finish();
    assert_eq!(out.code(), Some(143), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("stats: clients' side: sent 0 messages (0 bytes), received 1 messages"),
        "{}",
        out.stderr
    );
}

#[test]
fn progress_writes_lines_on_stderr_when_stdout_is_not_a_terminal() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("progress.sock");
    let mut puller = Running::start_watching(nncat([
        "pull",
        "--bind",
        &url,
        "--count",
        "3",
        "--progress",
    ]));
    // The live count appears while nothing has arrived yet.
    puller.stderr().wait_for_text("received 0 messages");
    run_with_input(nncat(["push", "--connect", &url]), b"a\nb\nc\n").success();
    let puller = puller.finish();
    assert_eq!(puller.code(), Some(0));
    assert_eq!(
        puller.stdout_text(),
        "a\nb\nc\n",
        "stdout holds only the messages"
    );
    let stderr = puller.stderr;
    assert!(
        !stderr.contains('\r'),
        "whole lines, not redrawn: {stderr:?}"
    );
    assert!(
        stderr
            .lines()
            .all(|line| line.starts_with("nncat: sent ") && line.contains("messages")),
        "{stderr}"
    );
}

#[test]
fn verbose_reports_connection_events_with_times() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("verbose.sock");
    let mut puller = Running::start_watching(nncat(["pull", "--bind", &url, "-v"]));
    wait_bound(&url);
    let pusher = run(nncat(["push", "--connect", &url, "-D", "hi", "-v"])).success();
    puller.stdout().wait_for_lines(1);
    puller
        .stderr()
        .wait_for_text("ipc connected, SP handshake done: 1 peer connected");
    let stamped = |line: &str| {
        line.strip_prefix("nncat: [")
            .and_then(|rest| rest.split_once("s] "))
            .is_some_and(|(secs, _)| secs.parse::<f64>().is_ok())
    };
    let pulled = puller.stderr().seen_text();
    assert!(
        pulled.contains(&format!("bound to {url}")),
        "the endpoint: {pulled}"
    );
    assert!(pulled.lines().all(stamped), "{pulled}");
    assert!(
        pusher.stderr.contains(&format!("connecting to {url}")),
        "{}",
        pusher.stderr
    );
    assert!(
        pusher.stderr.contains("ipc connected, SP handshake done"),
        "{}",
        pusher.stderr
    );
    assert!(pusher.stderr.lines().all(stamped), "{}", pusher.stderr);
}

/// nncat's boundary, not libnanomsg, reads upgrade heads, and libnanomsg never said
/// why an upgrade failed: under -v each side names the refusal.
#[test]
fn verbose_says_why_a_ws_upgrade_was_refused_on_either_side() {
    use std::io::Write;
    let url = format!("ws://127.0.0.1:{}", free_port());
    let mut puller = Running::start_watching(nncat(["pull", "--bind", &url, "-v"]));
    wait_bound(&url);
    let address = url.trim_start_matches("ws://");
    let mut client = std::net::TcpStream::connect(address).expect("the guard listens");
    client
        .write_all(b"POST / HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("the request is written");
    puller
        .stderr()
        .wait_for_text(&format!("{url}: refused a ws upgrade from 127.0.0.1:"));
    puller
        .stderr()
        .wait_for_text("not a ws upgrade: Unsupported HTTP method used - only GET is allowed");
    // A sub asks for a publisher; the pull refuses it.
    let connect_url = format!("{url}/");
    let mut subscriber = Running::start_watching(nncat(["sub", "--connect", &connect_url, "-v"]));
    subscriber.stderr().wait_for_text(&format!(
        "{connect_url}: the server refused the ws upgrade: HTTP/1.1 400"
    ));
}
