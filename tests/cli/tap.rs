//! `tap` between real clients and servers of every type: what it forwards each way
//! and prints, and how it ends: by --recv-timeout after forwarding, with no server
//! behind it, by --count once it forwarded that many, by a signal while it waits for
//! one or holds a message it cannot forward.

use std::time::Duration;

use crate::harness::*;

/// How long any one condition in these tests may take to come true.
const WAIT: Duration = Duration::from_secs(15);

/// Two req clients at once through one tap in front of a rep server that upper-cases:
/// every client gets its own replies, and the tap prints each request and reply once,
/// without the backtrace bytes that route the reply.
fn tap_rep_serves_two_clients(front: &str, back: &str) {
    let mut server =
        Running::start_watching(nncat(["rep", "--bind", back, "--exec", "tr", "a-z", "A-Z"]));
    wait_bound(back);
    let mut tap =
        Running::start_watching(nncat(["tap", "rep", "--bind", front, "--connect", back]));
    wait_bound(front);
    let requests = |prefix: &str| -> Vec<u8> {
        (0..20)
            .map(|i| format!("{prefix}{i}\n"))
            .collect::<String>()
            .into_bytes()
    };
    let (a_in, b_in) = (requests("a"), requests("b"));
    let a = {
        let mut client = Running::start(nncat(["req", "--connect", front]));
        client.feed_stdin(a_in.clone());
        client
    };
    let b = {
        let mut client = Running::start(nncat(["req", "--connect", front]));
        client.feed_stdin(b_in.clone());
        client
    };
    let a = a.finish().success();
    let b = b.finish().success();
    assert_eq!(a.stdout, a_in.to_ascii_uppercase());
    assert_eq!(b.stdout, b_in.to_ascii_uppercase());

    tap.stdout().wait_for_lines(80);
    let mut expected = Vec::new();
    for prefix in ["a", "b"] {
        for i in 0..20 {
            expected.push(format!("> {prefix}{i}"));
            expected.push(format!("< {}{i}", prefix.to_uppercase()));
        }
    }
    expected.sort();
    assert_eq!(
        sorted_lines(tap.stdout().seen()),
        expected,
        "tap printed exactly these"
    );
    // The server saw each request once.
    server.stdout().wait_for_lines(40);
    assert_eq!(server.stdout().seen_text().lines().count(), 40);
}

#[test]
fn tap_rep_over_tcp_gives_each_of_two_concurrent_clients_its_own_replies() {
    tap_rep_serves_two_clients(&tcp_url(), &tcp_url());
}

#[test]
fn tap_rep_over_ipc_gives_each_of_two_concurrent_clients_its_own_replies() {
    let scratch = Scratch::new();
    tap_rep_serves_two_clients(&scratch.ipc_url("front"), &scratch.ipc_url("back"));
}

/// A `rep --echo` server over tcp and a tap in front of it for clients over ipc, with
/// `options`: the clients' url, the server and the tap.
fn tap_in_front_of_an_echo_server(
    scratch: &Scratch,
    options: &[&str],
) -> (String, Running, Running) {
    let (front, back) = (scratch.ipc_url("front"), tcp_url());
    let server = Running::start_without_stdin(nncat(["rep", "--bind", &back, "--echo"]));
    wait_bound(&back);
    let mut args = vec!["tap", "rep", "--bind", &front, "--connect", &back];
    args.extend_from_slice(options);
    let tap = Running::start_watching(nncat(args));
    wait_bound(&front);
    (front, server, tap)
}

#[test]
fn tap_timestamp_prefixes_each_line_with_an_rfc3339_time() {
    let scratch = Scratch::new();
    let (front, _server, mut tap) = tap_in_front_of_an_echo_server(&scratch, &["--timestamp"]);
    let before = std::time::SystemTime::now();
    let out = run_with_input(nncat(["req", "--connect", &front]), b"ping\n").success();
    assert_eq!(out.stdout, b"ping\n");
    tap.stdout().wait_for_lines(2);
    let printed = tap.stdout().seen_text();
    for (line, direction) in printed.lines().zip(["> ping", "< ping"]) {
        let (time, rest) = line.split_once(' ').expect("a time, a space, the record");
        let time = humantime::parse_rfc3339(time)
            .unwrap_or_else(|err| panic!("{time:?} is not RFC 3339: {err}"));
        // The clock may have been read just before `before` was; allow a second.
        assert!(time + Duration::from_secs(1) >= before, "{line}");
        assert_eq!(rest, direction);
    }
}

/// nanomsg's raw push cannot receive, and the tap's thread for the server's direction
/// receives from it: `tap pull` exits at once with "Operation not supported".
#[test]
fn tap_pull_forwards_pushers_to_the_pull_server() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    let server = Running::start_without_stdin(nncat(["pull", "--bind", &back, "--count", "4"]));
    wait_bound(&back);
    let mut tap =
        Running::start_watching(nncat(["tap", "pull", "--bind", &front, "--connect", &back]));
    wait_bound(&front);
    // Bounded: a tap that died leaves the pushers without a peer.
    let push = || nncat(["push", "--connect", &front, "--send-timeout", "5s"]);
    run_with_input(push(), b"a1\na2\n").success();
    run_with_input(push(), b"b1\nb2\n").success();
    let got = server.finish_within(WAIT).success();
    assert_eq!(sorted_lines(&got.stdout), ["a1", "a2", "b1", "b2"]);
    tap.stdout().wait_for_lines(4);
    assert_eq!(
        sorted_lines(tap.stdout().seen()),
        ["> a1", "> a2", "> b1", "> b2"]
    );
}

#[test]
fn tap_push_forwards_the_servers_messages_to_pulling_clients() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), tcp_url());
    let mut server = Running::start(nncat(["push", "--bind", &back]));
    server.write_stdin(b"one\ntwo\nthree\n");
    server.close_stdin();
    let mut tap =
        Running::start_watching(nncat(["tap", "push", "--bind", &front, "--connect", &back]));
    wait_bound(&front);
    let client = run(nncat(["pull", "--connect", &front, "--count", "3"])).success();
    assert_eq!(client.stdout, b"one\ntwo\nthree\n");
    server.finish_within(WAIT).success();
    tap.stdout().wait_for_lines(3);
    assert_eq!(tap.stdout().seen_text(), "< one\n< two\n< three\n");
}

#[test]
fn tap_pub_forwards_the_publishers_messages_to_subscribers() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    // A publisher that ticks until the test ends: the subscriber takes three ticks
    // whenever its subscription starts, with no guess at how long connecting takes.
    let _server =
        Running::start_without_stdin(nncat(["pub", "--bind", &back, "-D", "tick", "-i", "20ms"]));
    wait_bound(&back);
    let mut tap =
        Running::start_watching(nncat(["tap", "pub", "--bind", &front, "--connect", &back]));
    wait_bound(&front);
    let client = run(nncat([
        "sub",
        "--connect",
        &front,
        "--subscribe",
        "ti",
        "--count",
        "3",
    ]))
    .success();
    assert_eq!(client.stdout, b"tick\n".repeat(3));
    tap.stdout().wait_for_lines(3);
    assert!(
        tap.stdout()
            .seen_text()
            .lines()
            .all(|line| line == "< tick"),
        "{}",
        tap.stdout().seen_text()
    );
}

#[test]
fn tap_pair_forwards_both_ways() {
    let (front, back) = (tcp_url(), tcp_url());
    let server = Running::start_without_stdin(nncat([
        "pair",
        "--bind",
        &back,
        "-D",
        "from server",
        "--count",
        "1",
    ]));
    wait_bound(&back);
    let mut tap =
        Running::start_watching(nncat(["tap", "pair", "--bind", &front, "--connect", &back]));
    wait_bound(&front);
    let client = run(nncat([
        "pair",
        "--connect",
        &front,
        "-D",
        "from client",
        "--count",
        "1",
    ]))
    .success();
    assert_eq!(client.stdout, b"from server\n");
    let server = server.finish_within(WAIT);
    assert_eq!(server.code(), Some(0), "{}", server.stderr);
    assert_eq!(server.stdout_text(), "from client\n");
    tap.stdout().wait_for_lines(2);
    assert_eq!(
        sorted_lines(tap.stdout().seen()),
        ["< from server", "> from client"]
    );
}

/// A tap stopped while it holds a message it cannot forward yet (no client is there to
/// take it) exits as a signal says, without a crash. nn_sendmsg frees the control
/// (header) chunk when it fails, and `RawMessage`'s drop frees it again: libnanomsg
/// aborts with "Assertion failed: ... NN_CHUNK_TAG (src/utils/chunk.c:231)".
#[test]
fn tap_stopped_while_a_forward_waits_exits_cleanly() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    let _server = Running::start_without_stdin(nncat(["push", "--bind", &back, "-D", "held"]));
    wait_bound(&back);
    let mut tap =
        Running::start_watching(nncat(["tap", "push", "--bind", &front, "--connect", &back]));
    // Printed, then blocked: no client has connected to take it.
    tap.stdout().wait_for_lines(1);
    assert_eq!(tap.stdout().seen_text(), "< held\n");
    tap.signal(libc::SIGTERM);
    let tap = tap.finish_within(WAIT);
    let code = tap.code();
    let stderr = tap.stderr;
    assert!(!stderr.contains("Assertion"), "{stderr}");
    assert_eq!(code, Some(143), "{stderr}");
}

/// Bus and surveyor send only to the peers connected at that moment, so the client
/// starts once the tap has reached the server (its `-v` says so). `extra`: more options.
pub fn tap_connected_to_server(kind: &str, front: &str, back: &str, extra: &[&str]) -> Running {
    let mut args = vec!["tap", kind, "--bind", front, "--connect", back, "-v"];
    args.extend_from_slice(extra);
    let mut tap = Running::start_watching(nncat(args));
    tap.stderr().wait_for_text("SP handshake done");
    wait_bound(front);
    tap
}

#[test]
fn tap_bus_forwards_both_ways() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    let mut server = Running::start_streaming(nncat(["bus", "--bind", &back, "--count", "1"]));
    wait_bound(&back);
    let mut tap = tap_connected_to_server("bus", &front, &back, &[]);
    // A bus that connects waits for its peer before its first send.
    let mut client = Running::start_streaming(nncat(["bus", "--connect", &front, "--count", "1"]));
    client.write_stdin(b"from client\n");
    client.close_stdin();
    server.stdout().wait_for_exactly(b"from client\n");
    // The server heard the client through the tap: the path back is up too.
    server.write_stdin(b"from server\n");
    server.close_stdin();
    client.stdout().wait_for_exactly(b"from server\n");
    client.finish_within(WAIT).success();
    server.finish_within(WAIT).success();
    tap.stdout().wait_for_lines(2);
    assert_eq!(
        sorted_lines(tap.stdout().seen()),
        ["< from server", "> from client"]
    );
}

#[test]
fn tap_respondent_forwards_surveys_and_every_answer() {
    let scratch = Scratch::new();
    let (front, back) = (tcp_url(), scratch.ipc_url("back"));
    let _server = Running::start_without_stdin(nncat([
        "respondent",
        "--bind",
        &back,
        "--exec",
        "tr",
        "a-z",
        "A-Z",
    ]));
    wait_bound(&back);
    let mut tap = tap_connected_to_server("respondent", &front, &back, &[]);
    // A surveyor that connects waits for its peer before the first survey.
    let client = run_with_input(
        nncat(["surveyor", "--connect", &front, "--deadline", "2s"]),
        b"who\nwhat\n",
    )
    .success();
    assert_eq!(client.stdout, b"WHO\nWHAT\n");
    tap.stdout().wait_for_lines(4);
    assert_eq!(tap.stdout().seen_text(), "> who\n< WHO\n> what\n< WHAT\n");
}

/// A client that sends as soon as it reaches the tap: the tap has accepted the message,
/// so it should not drop it because its own connection to the server is not up yet.
#[test]
fn tap_accepts_clients_only_once_it_reaches_the_server() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    // The tap starts first, with no server yet: it must not take a bus message it
    // could only drop, so it does not bind for clients until the server is there.
    let mut tap = Running::start_watching(nncat([
        "tap",
        "bus",
        "--bind",
        &front,
        "--connect",
        &back,
        "-v",
    ]));
    tap.stderr().wait_for_text("connecting to");
    assert!(
        !scratch.path("front").exists(),
        "the tap bound for clients before it reached the server"
    );
    let server = Running::start_without_stdin(nncat([
        "bus",
        "--bind",
        &back,
        "--count",
        "1",
        "--recv-timeout",
        "5s",
    ]));
    wait_bound(&front);
    let client = Running::start_without_stdin(nncat([
        "bus",
        "--connect",
        &front,
        "-D",
        "early",
        "--recv-timeout",
        "100ms",
    ]));
    client.finish_within(WAIT).success();
    let server = server.finish();
    assert_eq!(server.stdout_text(), "early\n", "{}", server.stderr);
    tap.stdout().wait_for_lines(1);
}

/// nncat stops its own other direction when one ends; that is no interruption, so
/// the run ends with 0, not 130, and --stats still says the counts.
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
        "--stats",
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
    assert!(
        finished
            .stderr
            .contains("stats: clients' side: sent 0 messages (0 bytes), received 1 messages"),
        "--stats says the counts: {}",
        finished.stderr
    );
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
    .fails_with_last_line(
        3,
        "tap reached no server: no peer connected within 500ms: nothing is listening at",
    );
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
    .fails_with_last_line(3, "is a pull socket");
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

/// --count ends a tap after that many messages forwarded, both ways together, and each
/// of them reaches its peer first: a rep's two requests and their two replies. --stats
/// then says both sockets' counts.
#[test]
fn tap_count_ends_the_tap_after_that_many_messages_each_delivered() {
    let scratch = Scratch::new();
    let (front, _server, tap) =
        tap_in_front_of_an_echo_server(&scratch, &["--count", "4", "--stats"]);
    let client = run_with_input(
        nncat(["req", "--connect", &front, "--recv-timeout", "10s"]),
        b"one\ntwo\n",
    )
    .success();
    assert_eq!(
        client.stdout, b"one\ntwo\n",
        "both replies reach the client"
    );
    let out = tap.finish_within(WAIT).success();
    assert_eq!(out.stdout, b"> one\n< one\n> two\n< two\n");
    let stats = out
        .stderr
        .lines()
        .find(|line| line.starts_with("nncat: stats: "))
        .unwrap_or_else(|| panic!("a stats line: {}", out.stderr));
    assert!(
        stats.contains("clients' side: sent 2 messages")
            && stats.contains("server's side: sent 2 messages")
            && stats.matches("received 2 messages").count() == 2,
        "{stats}"
    );
}

/// A pull server with `server_options` and a tap in front of it with `tap_options`,
/// both over ipc: the clients' url, the server (its stdout watched) and the tap.
fn tap_in_front_of_a_pull_server(
    scratch: &Scratch,
    server_options: &[&str],
    tap_options: &[&str],
) -> (String, Running, Running) {
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    let mut server_args = vec!["pull", "--bind", &back];
    server_args.extend_from_slice(server_options);
    let server = Running::start_watching(nncat(server_args));
    wait_bound(&back);
    let mut tap_args = vec!["tap", "pull", "--bind", &front, "--connect", &back];
    tap_args.extend_from_slice(tap_options);
    let tap = Running::start_watching(nncat(tap_args));
    wait_bound(&front);
    (front, server, tap)
}

/// One way, the count's last message reaches the server before the tap exits, and
/// nothing after it is taken: the server gets exactly the first three of five.
#[test]
fn tap_count_one_way_forwards_exactly_that_many_and_delivers_the_last() {
    let scratch = Scratch::new();
    let (front, mut server, tap) = tap_in_front_of_a_pull_server(&scratch, &[], &["--count", "3"]);
    let mut pusher = Running::start(nncat(["push", "--connect", &front, "--linger", "0"]));
    pusher.feed_stdin(b"m1\nm2\nm3\nm4\nm5\n".to_vec());
    let out = tap.finish_within(WAIT).success();
    assert_eq!(out.stdout, b"> m1\n> m2\n> m3\n");
    server.stdout().wait_for_exactly(b"m1\nm2\nm3\n");
    drop(pusher);
}

/// --progress draws one line of counts, the clients' side, which sees every message
/// either way: two sockets drawing in turn would flicker between two counts.
#[test]
fn tap_progress_draws_the_clients_side_alone() {
    let scratch = Scratch::new();
    let (front, server, tap) = tap_in_front_of_a_pull_server(
        &scratch,
        &["--count", "1"],
        &["--progress", "--recv-timeout", "1s"],
    );
    run(nncat(["push", "--connect", &front, "-D", "one"])).success();
    assert_eq!(server.finish_within(WAIT).success().stdout, b"one\n");
    let out = tap.finish_within(WAIT).success();
    assert!(
        out.stderr.contains("nncat: sent 0, received 1 messages"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("sent 1, received 0"),
        "the server's side draws no line of its own: {}",
        out.stderr
    );
}

/// The clients' side binds once the server is reached, but a --bind that could never
/// be bound is said at once: with no server, the tap waited for one, and said nothing.
#[test]
fn a_tap_s_bind_that_cannot_be_bound_is_a_usage_error_before_the_server_is_reached() {
    let scratch = Scratch::new();
    let too_long = format!("ipc://{}/{}", scratch.dir().display(), "b".repeat(120));
    let nowhere = tcp_url();
    for bind in ["foo://x", "tcp://127.0.0.1:99999", &too_long] {
        let out = run(nncat(["tap", "rep", "--bind", bind, "--connect", &nowhere]));
        assert_eq!(out.code(), Some(2), "{bind}: {}", out.stderr);
        assert!(
            out.stderr.contains("cannot bind to") || out.stderr.contains("at most 107"),
            "{bind}: {}",
            out.stderr
        );
    }
}
