//! What makes nncat fit among other tools: `tap` between real clients and servers of
//! every type, nanocat's command lines run unchanged (and its defects fixed), JSON,
//! `--stats`, `--progress` and `-v` for tools and people, completions, the man page,
//! help with examples and errors that suggest the fix.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::*;

/// How long any one condition in these tests may take to come true.
const WAIT: Duration = Duration::from_secs(15);

/// A background process whose stdout and stderr go to files, so a test can wait for a
/// line on either while the process runs (a tap's `-v` events, say). Killed on drop.
struct Logged {
    child: Child,
    out: PathBuf,
    err: PathBuf,
}

impl Logged {
    fn start(scratch: &Scratch, name: &str, mut command: Command) -> Logged {
        let out = scratch.path(&format!("{name}.stdout"));
        let err = scratch.path(&format!("{name}.stderr"));
        command
            .stdin(Stdio::null())
            .stdout(File::create(&out).expect("a log file in the scratch folder"))
            .stderr(File::create(&err).expect("a log file in the scratch folder"));
        let child = command.spawn().expect("the program starts");
        Logged { child, out, err }
    }

    fn stdout(&self) -> String {
        String::from_utf8_lossy(&std::fs::read(&self.out).unwrap_or_default()).into_owned()
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&std::fs::read(&self.err).unwrap_or_default()).into_owned()
    }

    fn wait_stderr(&self, needle: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.stderr().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?} on stderr; stderr: {}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn wait_stdout_lines(&self, lines: usize) {
        let deadline = Instant::now() + WAIT;
        while self.stdout().lines().count() < lines {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {lines} lines on stdout; stdout: {:?}; stderr: {}",
                self.stdout(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the process to exit on its own; returns its exit code.
    fn exit_code(&mut self) -> Option<i32> {
        use wait_timeout::ChildExt;
        match self.child.wait_timeout(WAIT).expect("waiting works") {
            Some(status) => status.code(),
            None => panic!("process did not exit; stderr: {}", self.stderr()),
        }
    }
}

impl Logged {
    fn signal(&self, signal: i32) {
        let rc = unsafe { libc::kill(self.child.id() as i32, signal) };
        assert_eq!(rc, 0, "the signal is delivered");
    }
}

impl Drop for Logged {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

// ---------------------------------------------------------------------------------
// tap, with real clients and servers on both sides

/// Two req clients at once through one tap in front of a rep server that upper-cases:
/// every client gets its own replies, and the tap prints each request and reply once,
/// without the backtrace bytes that route the reply.
fn tap_rep_serves_two_clients(front: &str, back: &str) {
    let scratch = Scratch::new();
    let server = Logged::start(
        &scratch,
        "server",
        nncat(["rep", "--bind", back, "--exec", "tr", "a-z", "A-Z"]),
    );
    wait_bound(back);
    let tap = Logged::start(
        &scratch,
        "tap",
        nncat(["tap", "rep", "--bind", front, "--connect", back]),
    );
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

    tap.wait_stdout_lines(80);
    let mut expected = Vec::new();
    for prefix in ["a", "b"] {
        for i in 0..20 {
            expected.push(format!("> {prefix}{i}"));
            expected.push(format!("< {}{i}", prefix.to_uppercase()));
        }
    }
    expected.sort();
    assert_eq!(lines(&tap.stdout()), expected, "tap printed exactly these");
    // The server saw each request once.
    assert_eq!(server.stdout().lines().count(), 40);
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

#[test]
fn tap_timestamp_prefixes_each_line_with_an_rfc3339_time() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), tcp_url());
    let _server = Logged::start(
        &scratch,
        "server",
        nncat(["rep", "--bind", &back, "--echo"]),
    );
    wait_bound(&back);
    let tap = Logged::start(
        &scratch,
        "tap",
        nncat([
            "tap",
            "rep",
            "--bind",
            &front,
            "--connect",
            &back,
            "--timestamp",
        ]),
    );
    wait_bound(&front);
    let before = std::time::SystemTime::now();
    let out = run_with_input(nncat(["req", "--connect", &front]), b"ping\n").success();
    assert_eq!(out.stdout, b"ping\n");
    tap.wait_stdout_lines(2);
    let printed = tap.stdout();
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
    let tap = Logged::start(
        &scratch,
        "tap",
        nncat(["tap", "pull", "--bind", &front, "--connect", &back]),
    );
    wait_bound(&front);
    // Bounded: a tap that died leaves the pushers without a peer.
    let push = || nncat(["push", "--connect", &front, "--send-timeout", "5s"]);
    run_with_input(push(), b"a1\na2\n").success();
    run_with_input(push(), b"b1\nb2\n").success();
    let got = server.finish_within(WAIT).success();
    assert_eq!(sorted_lines(&got.stdout), ["a1", "a2", "b1", "b2"]);
    tap.wait_stdout_lines(4);
    assert_eq!(lines(&tap.stdout()), ["> a1", "> a2", "> b1", "> b2"]);
}

#[test]
fn tap_push_forwards_the_servers_messages_to_pulling_clients() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), tcp_url());
    let mut server = Running::start(nncat(["push", "--bind", &back]));
    server.write_stdin(b"one\ntwo\nthree\n");
    server.close_stdin();
    let tap = Logged::start(
        &scratch,
        "tap",
        nncat(["tap", "push", "--bind", &front, "--connect", &back]),
    );
    wait_bound(&front);
    let client = run(nncat(["pull", "--connect", &front, "--count", "3"])).success();
    assert_eq!(client.stdout, b"one\ntwo\nthree\n");
    server.finish_within(WAIT).success();
    tap.wait_stdout_lines(3);
    assert_eq!(tap.stdout(), "< one\n< two\n< three\n");
}

#[test]
fn tap_pub_forwards_the_publishers_messages_to_subscribers() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    // A publisher that ticks until the test ends: the subscriber takes three ticks
    // whenever its subscription starts, with no guess at how long connecting takes.
    let _server = Logged::start(
        &scratch,
        "server",
        nncat(["pub", "--bind", &back, "-D", "tick", "-i", "20ms"]),
    );
    wait_bound(&back);
    let tap = Logged::start(
        &scratch,
        "tap",
        nncat(["tap", "pub", "--bind", &front, "--connect", &back]),
    );
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
    tap.wait_stdout_lines(3);
    assert!(
        tap.stdout().lines().all(|line| line == "< tick"),
        "{}",
        tap.stdout()
    );
}

#[test]
fn tap_pair_forwards_both_ways() {
    let scratch = Scratch::new();
    let (front, back) = (tcp_url(), tcp_url());
    let mut server = Logged::start(
        &scratch,
        "server",
        nncat(["pair", "--bind", &back, "-D", "from server", "--count", "1"]),
    );
    wait_bound(&back);
    let tap = Logged::start(
        &scratch,
        "tap",
        nncat(["tap", "pair", "--bind", &front, "--connect", &back]),
    );
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
    assert_eq!(server.exit_code(), Some(0), "{}", server.stderr());
    assert_eq!(server.stdout(), "from client\n");
    tap.wait_stdout_lines(2);
    assert_eq!(lines(&tap.stdout()), ["< from server", "> from client"]);
}

/// A tap stopped while it holds a message it cannot forward yet (no client is there to
/// take it) exits as a signal says, without a crash. nn_sendmsg frees the control
/// (header) chunk when it fails, and `RawMessage`'s drop frees it again: libnanomsg
/// aborts with "Assertion failed: ... NN_CHUNK_TAG (src/utils/chunk.c:231)".
#[test]
fn tap_stopped_while_a_forward_waits_exits_cleanly() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    let _server = Logged::start(
        &scratch,
        "server",
        nncat(["push", "--bind", &back, "-D", "held"]),
    );
    wait_bound(&back);
    let mut tap = Logged::start(
        &scratch,
        "tap",
        nncat(["tap", "push", "--bind", &front, "--connect", &back]),
    );
    // Printed, then blocked: no client has connected to take it.
    tap.wait_stdout_lines(1);
    assert_eq!(tap.stdout(), "< held\n");
    tap.signal(libc::SIGTERM);
    let code = tap.exit_code();
    let stderr = tap.stderr();
    assert!(!stderr.contains("Assertion"), "{stderr}");
    assert_eq!(code, Some(143), "{stderr}");
}

/// Bus and surveyor send only to the peers connected at that moment, so the client
/// starts once the tap has reached the server (its `-v` says so).
fn tap_connected_to_server(scratch: &Scratch, kind: &str, front: &str, back: &str) -> Logged {
    let tap = Logged::start(
        scratch,
        "tap",
        nncat(["tap", kind, "--bind", front, "--connect", back, "-v"]),
    );
    tap.wait_stderr("SP handshake done");
    wait_bound(front);
    tap
}

#[test]
fn tap_bus_forwards_both_ways() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    let mut server = Running::start_streaming(nncat(["bus", "--bind", &back, "--count", "1"]));
    wait_bound(&back);
    let tap = tap_connected_to_server(&scratch, "bus", &front, &back);
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
    tap.wait_stdout_lines(2);
    assert_eq!(lines(&tap.stdout()), ["< from server", "> from client"]);
}

#[test]
fn tap_respondent_forwards_surveys_and_every_answer() {
    let scratch = Scratch::new();
    let (front, back) = (tcp_url(), scratch.ipc_url("back"));
    let _server = Logged::start(
        &scratch,
        "server",
        nncat(["respondent", "--bind", &back, "--exec", "tr", "a-z", "A-Z"]),
    );
    wait_bound(&back);
    let tap = tap_connected_to_server(&scratch, "respondent", &front, &back);
    // A surveyor that connects waits for its peer before the first survey.
    let client = run_with_input(
        nncat(["surveyor", "--connect", &front, "--deadline", "2s"]),
        b"who\nwhat\n",
    )
    .success();
    assert_eq!(client.stdout, b"WHO\nWHAT\n");
    tap.wait_stdout_lines(4);
    assert_eq!(tap.stdout(), "> who\n< WHO\n> what\n< WHAT\n");
}

/// A client that sends as soon as it reaches the tap: the tap has accepted the message,
/// so it should not drop it because its own connection to the server is not up yet.
#[test]
fn tap_accepts_clients_only_once_it_reaches_the_server() {
    let scratch = Scratch::new();
    let (front, back) = (scratch.ipc_url("front"), scratch.ipc_url("back"));
    // The tap starts first, with no server yet: it must not take a bus message it
    // could only drop, so it does not bind for clients until the server is there.
    let tap = Logged::start(
        &scratch,
        "tap",
        nncat(["tap", "bus", "--bind", &front, "--connect", &back, "-v"]),
    );
    tap.wait_stderr("connecting to");
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
    tap.wait_stdout_lines(1);
}

// ---------------------------------------------------------------------------------
// nanocat's command lines, unchanged

#[test]
fn nanocat_push_and_pull_command_lines_run_unchanged() {
    let url = tcp_url();
    let mut puller = Running::start_streaming(nncat(["--pull", "--bind", &url, "-A"]));
    puller.close_stdin();
    wait_bound(&url);
    run(nncat(["--push", "--connect", &url, "--data", "hi\x01"])).success();
    puller.stdout().wait_for_exactly(b"hi.\n");
}

#[test]
fn a_symlink_named_nn_pull_takes_its_type_from_its_name() {
    let scratch = Scratch::new();
    let link = |name: &str| {
        let path = scratch.path(name);
        std::os::unix::fs::symlink(nncat_path(), &path).expect("a symlink in the scratch");
        path
    };
    let (nn_pull, nn_push) = (link("nn_pull"), link("nn_push"));
    let url = scratch.ipc_url("nn.sock");
    let mut puller = Command::new(&nn_pull);
    puller.args(["--bind", &url, "-Q"]);
    let mut puller = Running::start_streaming(puller);
    puller.close_stdin();
    wait_bound(&url);
    let mut pusher = Command::new(&nn_push);
    pusher.args(["--connect", &url, "--data", "by name"]);
    run(pusher).success();
    puller.stdout().wait_for_exactly(b"\"by name\"\n");
}

#[test]
fn nanocat_sub_with_subscribe_receives_only_its_topic() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("pubsub.sock");
    let mut subscriber = Running::start_streaming(nncat([
        "--sub",
        "--bind",
        &url,
        "--subscribe",
        "news",
        "-A",
    ]));
    subscriber.close_stdin();
    wait_bound(&url);
    // Two nanocat-style publishers repeating their message every interval.
    let _sport = Logged::start(
        &scratch,
        "sport",
        nncat([
            "--pub",
            "--connect",
            &url,
            "--data",
            "sport y",
            "-i",
            "0.02",
        ]),
    );
    let _news = Logged::start(
        &scratch,
        "news",
        nncat(["--pub", "--connect", &url, "--data", "news x", "-i", "0.02"]),
    );
    subscriber.stdout().wait_for_lines(3);
    let seen = subscriber.stdout().seen_text();
    assert!(seen.lines().all(|line| line == "news x"), "{seen}");
}

#[test]
fn nanocat_req_and_rep_command_lines_run_unchanged() {
    let url = tcp_url();
    let mut replier =
        Running::start_streaming(nncat(["--rep", "--bind", &url, "--data", "pong", "-A"]));
    replier.close_stdin();
    wait_bound(&url);
    let requester = run(nncat(["--req", "--connect", &url, "--data", "ping", "-A"])).success();
    assert_eq!(requester.stdout, b"pong\n");
    // Like nanocat, a rep with --data goes on serving and prints each request.
    replier.stdout().wait_for_exactly(b"ping\n");
    run(nncat(["--req", "--connect", &url, "--data", "again", "-A"])).success();
    replier.stdout().wait_for_exactly(b"ping\nagain\n");
    assert!(replier.is_running());
}

#[test]
fn recv_timeout_of_half_a_second_waits_half_a_second() {
    // nanocat truncates 0.5 to 0 and gives up at once.
    let url = tcp_url();
    let started = Instant::now();
    let out = run(nncat(["--pull", "--bind", &url, "--recv-timeout", "0.5"])).success();
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(500),
        "waited only {waited:?}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn messages_over_one_mebibyte_are_received() {
    // nanocat's receiver keeps nanomsg's 1 MiB limit and silently drops the connection.
    let scratch = Scratch::new();
    let big = random_bytes(7, 3 << 20);
    let file = scratch.path("big.bin");
    std::fs::write(&file, &big).expect("the scratch folder takes a file");
    let url = scratch.ipc_url("big.sock");
    let mut puller = Running::start_streaming(nncat(["--pull", "--bind", &url, "--raw"]));
    puller.close_stdin();
    wait_bound(&url);
    let file = file.to_str().expect("a UTF-8 temporary path");
    run(nncat(["--push", "--connect", &url, "--file", file])).success();
    let arrived = puller
        .stdout()
        .wait_until(WAIT, |seen| seen.len() >= big.len());
    assert!(arrived, "{} bytes arrived", puller.stdout().seen().len());
    assert!(puller.stdout().seen() == &big[..], "the bytes differ");
}

#[test]
fn output_is_printed_as_text_without_a_format_flag() {
    // nanocat prints nothing unless it is given a format.
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["--pull", "--bind", &url, "-C", "1"]));
    wait_bound(&url);
    run(nncat(["--push", "--connect", &url, "--data", "plain"])).success();
    assert_eq!(puller.finish().success().stdout, b"plain\n");
}

// ---------------------------------------------------------------------------------
// Output for tools and people

fn json_lines(output: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(output)
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|err| panic!("{line:?} is not JSON: {err}"))
        })
        .collect()
}

#[test]
fn json_output_holds_text_as_data_and_other_bytes_as_base64() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat([
        "pull", "--bind", &url, "--format", "json", "--count", "3",
    ]));
    wait_bound(&url);
    run_with_input(
        nncat(["push", "--connect", &url, "--hex"]),
        b"6869\nff00\n7461620922c3a9\n",
    )
    .success();
    let got = json_lines(&puller.finish().success().stdout);
    assert_eq!(
        got,
        [
            serde_json::json!({"data": "hi"}),
            serde_json::json!({"base64": "/wA="}),
            serde_json::json!({"data": "tab\t\"\u{e9}"}),
        ]
    );
}

#[test]
fn json_timestamp_adds_an_rfc3339_time() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat([
        "pull",
        "--bind",
        &url,
        "--format",
        "json",
        "--timestamp",
        "--count",
        "1",
    ]));
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "-D", "stamped"])).success();
    let got = json_lines(&puller.finish().success().stdout);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["data"], "stamped");
    let time = got[0]["time"].as_str().expect("a \"time\" string");
    humantime::parse_rfc3339(time).unwrap_or_else(|err| panic!("{time:?}: {err}"));
}

#[test]
fn json_topic_split_separates_a_subscribers_topic() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("topics.sock");
    let subscriber = Running::start_without_stdin(nncat([
        "sub",
        "--bind",
        &url,
        "--subscribe",
        "news",
        "--format",
        "json",
        "--topic-split",
        " ",
        "--count",
        "2",
    ]));
    wait_bound(&url);
    run_with_input(
        nncat(["pub", "--connect", &url]),
        b"news hello world\nsport skipped\nnews \xff\n",
    )
    .success();
    let got = json_lines(&subscriber.finish().success().stdout);
    assert_eq!(
        got,
        [
            serde_json::json!({"topic": "news", "data": "hello world"}),
            serde_json::json!({"topic": "news", "base64": "/w=="}),
        ]
    );
}

#[test]
fn json_input_takes_data_base64_and_topic() {
    let url = tcp_url();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "--hex", "--count", "3"]));
    wait_bound(&url);
    run_with_input(
        nncat([
            "push",
            "--connect",
            &url,
            "--format",
            "json",
            "--topic-split",
            ":",
        ]),
        b"{\"data\": \"hi\"}\n{\"base64\": \"/wA=\"}\n{\"topic\": \"t\", \"data\": \"y\"}\n",
    )
    .success();
    assert_eq!(puller.finish().success().stdout, b"6869\nff00\n743a79\n");
}

#[test]
fn json_output_read_back_as_input_gives_the_same_messages() {
    let messages = random_messages(11, 20, 300);
    let (first, second) = (tcp_url(), tcp_url());
    let puller = Running::start_without_stdin(nncat([
        "pull", "--bind", &first, "--format", "json", "--count", "20",
    ]));
    wait_bound(&first);
    run_with_input(
        nncat(["push", "--connect", &first, "--hex"]),
        &hex_lines(&messages),
    )
    .success();
    let json = puller.finish().success().stdout;
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &second, "--hex", "--count", "20"]));
    wait_bound(&second);
    run_with_input(
        nncat(["push", "--connect", &second, "--format", "json"]),
        &json,
    )
    .success();
    assert_eq!(puller.finish().success().stdout, hex_lines(&messages));
}

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

#[test]
fn progress_writes_lines_on_stderr_when_stdout_is_not_a_terminal() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("progress.sock");
    let mut puller = Logged::start(
        &scratch,
        "pull",
        nncat(["pull", "--bind", &url, "--count", "3", "--progress"]),
    );
    // The live count appears while nothing has arrived yet.
    puller.wait_stderr("received 0 messages");
    run_with_input(nncat(["push", "--connect", &url]), b"a\nb\nc\n").success();
    assert_eq!(puller.exit_code(), Some(0));
    assert_eq!(
        puller.stdout(),
        "a\nb\nc\n",
        "stdout holds only the messages"
    );
    let stderr = puller.stderr();
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
    let puller = Logged::start(&scratch, "pull", nncat(["pull", "--bind", &url, "-v"]));
    wait_bound(&url);
    let pusher = run(nncat(["push", "--connect", &url, "-D", "hi", "-v"])).success();
    puller.wait_stdout_lines(1);
    puller.wait_stderr("ipc connected, SP handshake done: 1 peer connected");
    let stamped = |line: &str| {
        line.strip_prefix("nncat: [")
            .and_then(|rest| rest.split_once("s] "))
            .is_some_and(|(secs, _)| secs.parse::<f64>().is_ok())
    };
    let pulled = puller.stderr();
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

// ---------------------------------------------------------------------------------
// Conventions: completions, man page, help, errors that suggest the fix

#[test]
fn completions_for_every_shell_are_printed() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(nncat(["completions", shell])).success();
        let script = out.stdout_text();
        assert!(script.contains("nncat"), "{shell}: {script}");
        assert!(script.contains("subscribe"), "{shell} knows the flags");
        assert!(out.stderr.is_empty(), "{shell}: {}", out.stderr);
    }
}

#[test]
fn man_prints_a_roff_page() {
    for args in [vec!["man"], vec!["man", "push"], vec!["man", "tap"]] {
        let out = run(nncat(&args)).success();
        let page = out.stdout_text();
        assert!(
            page.starts_with(".TH") || page.starts_with(".ie"),
            "{args:?}: {}",
            &page[..page.len().min(80)]
        );
        assert!(page.contains(".TH nncat"), "{args:?}");
    }
}

#[test]
fn help_for_each_type_has_an_example() {
    let mut commands: Vec<&str> = vec![
        "push",
        "pull",
        "pub",
        "sub",
        "req",
        "rep",
        "pair",
        "bus",
        "surveyor",
        "respondent",
    ];
    commands.extend(["tap", "completions", "man"]);
    for command in commands {
        let out = run(nncat([command, "--help"])).success();
        let help = out.stdout_text();
        assert!(help.contains("Example"), "{command} --help: {help}");
        assert!(
            help.contains(&format!("nncat {command}")),
            "{command}'s example runs it"
        );
    }
}

#[test]
fn a_mistyped_type_suggests_the_right_one() {
    run(nncat(["psh", "--connect", "tcp://127.0.0.1:5555"])).fails_with(2, "'push'");
    run(nncat(["subb"])).fails_with(2, "'sub'");
}

#[test]
fn a_mistyped_nanocat_type_flag_suggests_the_right_one() {
    run(nncat(["--psh", "--connect", "tcp://127.0.0.1:5555"])).fails_with(2, "push");
}

#[test]
fn a_mistyped_flag_suggests_the_right_one() {
    run(nncat(["push", "--conect", "tcp://127.0.0.1:5555"])).fails_with(2, "'--connect'");
}

#[test]
fn an_address_without_a_scheme_says_to_add_one() {
    for args in [
        ["push", "--connect", "127.0.0.1:5555"],
        ["pull", "--bind", "localhost:5555"],
    ] {
        run(nncat(args)).fails_with(2, "scheme");
    }
}
