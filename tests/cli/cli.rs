//! The command line as people type it: nngcat's command lines (its manual's examples
//! against real nngcat and nanocat peers), options before the type, abbreviations, usage
//! errors that keep what clap knows, options refused where they mean nothing, and the
//! addresses people type (IPv6, localhost, port 0, inproc).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::harness::*;

fn peer(program: &str, args: &[&str]) -> Command {
    require(program);
    let mut command = Command::new(program);
    command.args(args);
    command
}

// nngcat's manual, "Echo service using request/reply":
//   nngcat --rep --listen=${addr} --data="42" --quoted &
//   nngcat --req --dial=${addr} --data="what is the answer?" --quoted

#[test]
fn nngcats_echo_service_example_runs_under_nncat_as_rep_for_a_real_nngcat_req() {
    let addr = tcp_url();
    let listen = format!("--listen={addr}");
    let mut replier = Running::start_streaming(nncat(["--rep", &listen, "--data=42", "--quoted"]));
    replier.close_stdin();
    wait_bound(&addr);
    let dial = format!("--dial={addr}");
    let out = run(peer(
        "nngcat",
        &["--req", &dial, "--data=what is the answer?", "--quoted"],
    ))
    .success();
    assert_eq!(out.stdout, b"\"42\"\n");
    replier
        .stdout()
        .wait_for_exactly(b"\"what is the answer?\"\n");
}

#[test]
fn nngcats_echo_service_example_runs_under_nncat_as_req_for_real_nngcat_and_nanocat_reps() {
    let addr = tcp_url();
    let listen = format!("--listen={addr}");
    let mut nngcat =
        Running::start_streaming(peer("nngcat", &["--rep", &listen, "--data=42", "--quoted"]));
    wait_bound(&addr);
    let dial = format!("--dial={addr}");
    let out = run(nncat([
        "--req",
        &dial,
        "--data=what is the answer?",
        "--quoted",
    ]))
    .success();
    assert_eq!(out.stdout, b"\"42\"\n");
    nngcat
        .stdout()
        .wait_for_exactly(b"\"what is the answer?\"\n");

    let addr = tcp_url();
    let mut nanocat = Running::start_streaming(peer(
        "nanocat",
        &["--rep", "--bind", &addr, "--data", "42", "--quoted"],
    ));
    wait_bound(&addr);
    let dial = format!("--dial={addr}");
    let out = run(nncat([
        "--req",
        &dial,
        "--data=what is the answer?",
        "--quoted",
    ]))
    .success();
    assert_eq!(out.stdout, b"\"42\"\n");
    nanocat
        .stdout()
        .wait_for_exactly(b"\"what is the answer?\"\n");
}

// nngcat's manual, "Send a chime every hour" (every second here, so that a subscriber
// that connects after the first chime still hears one):
//   nngcat --pub --listen=${addr} --data "cuckoo" --interval 3600 &
//   nngcat --sub --dial=${addr} --quoted &

#[test]
fn nngcats_chime_example_runs_under_nncat_as_pub_for_real_nngcat_and_nanocat_subs() {
    let scratch = Scratch::new();
    let addr = scratch.ipc_url("grandpa_clock");
    let listen = format!("--listen={addr}");
    let _publisher = Running::start_without_stdin(nncat([
        "--pub",
        &listen,
        "--data",
        "cuckoo",
        "--interval",
        "1",
    ]));
    wait_bound(&addr);
    let dial = format!("--dial={addr}");
    let mut nngcat = Running::start_streaming(peer("nngcat", &["--sub", &dial, "--quoted"]));
    nngcat.stdout().wait_for_lines(1);
    assert!(nngcat.stdout().seen().starts_with(b"\"cuckoo\"\n"));
    let mut nanocat =
        Running::start_streaming(peer("nanocat", &["--sub", "--connect", &addr, "--quoted"]));
    nanocat.stdout().wait_for_lines(1);
    assert!(nanocat.stdout().seen().starts_with(b"\"cuckoo\"\n"));
}

#[test]
fn nngcats_chime_example_runs_under_nncat_as_sub_for_a_real_nngcat_pub() {
    let scratch = Scratch::new();
    let addr = scratch.ipc_url("grandpa_clock");
    let listen = format!("--listen={addr}");
    let _publisher = Running::start_without_stdin(peer(
        "nngcat",
        &["--pub", &listen, "--data", "cuckoo", "--interval", "1"],
    ));
    wait_bound(&addr);
    let dial = format!("--dial={addr}");
    let mut subscriber = Running::start_streaming(nncat(["--sub", &dial, "--quoted"]));
    subscriber.close_stdin();
    subscriber.stdout().wait_for_lines(1);
    assert!(subscriber.stdout().seen().starts_with(b"\"cuckoo\"\n"));
}

#[test]
fn nngcat_flags_protocol_versions_colon_values_and_abbreviations_work_with_nngcat() {
    let url = tcp_url();
    let listen = format!("--listen:{url}");
    let puller = Running::start_without_stdin(nncat([
        "--pull0", &listen, "--count", "2", "--asc", "--async", "--compat",
    ]));
    wait_bound(&url);
    run(peer(
        "nngcat",
        &["--push0", "--dial", &url, "--data", "v0", "--count", "2"],
    ))
    .success();
    assert_eq!(puller.finish().success().stdout, b"v0\nv0\n");
}

/// What `puller` (a command line without its endpoint) prints for one message of every
/// byte value, pushed by nncat.
fn quoted_every_byte(program: &str, puller: &[&str]) -> Vec<u8> {
    let url = tcp_url();
    let mut args = puller.to_vec();
    args.extend(["--bind", url.as_str(), "-Q"]);
    let mut receiver = Running::start_streaming(if program == "nncat" {
        nncat(args)
    } else {
        peer(program, &args)
    });
    wait_bound(&url);
    let every_byte: Vec<u8> = (0..=255).collect();
    run_with_input(
        nncat(["push", "--connect", &url, "--hex"]),
        &hex_lines(&[every_byte]),
    )
    .success();
    receiver.stdout().wait_for_lines(1);
    receiver.stdout().seen().to_vec()
}

#[test]
fn quoted_output_follows_the_flavour_of_the_command_line() {
    // nngcat writes a tab as \t, nanocat as \x09: the one byte they differ in.
    let nngcat = quoted_every_byte("nngcat", &["--pull0"]);
    assert_eq!(quoted_every_byte("nncat", &["--pull0"]), nngcat);
    let nanocat = quoted_every_byte("nanocat", &["--pull"]);
    assert_eq!(quoted_every_byte("nncat", &["--pull"]), nanocat);
    assert_eq!(quoted_every_byte("nncat", &["pull"]), nanocat);
    assert_eq!(
        quoted_every_byte("nncat", &["--pull0", "--compat"]),
        nanocat
    );
    assert_ne!(nngcat, nanocat);
}

#[test]
fn nncat_pair_talks_to_nngcat_pair0_and_an_nngcat_style_pair_is_warned_about() {
    let url = tcp_url();
    let nngcat = Running::start_without_stdin(peer(
        "nngcat",
        &["--pair0", "--listen", &url, "--count", "1", "-A"],
    ));
    wait_bound(&url);
    let dial = format!("--dial={url}");
    let out = run(nncat([
        "--pair",
        &dial,
        "--data",
        "zero",
        "--recv-timeout",
        "200ms",
    ]))
    .success();
    assert!(out.stderr.contains("pair version 1"), "{}", out.stderr);
    assert_eq!(nngcat.finish().success().stdout, b"zero");
    let out = run(nncat(["--pair1", "--dial", &url, "-D", "x"])).fails_with(2, "pair version 1");
    assert!(out.stderr.contains("--pair0"), "{}", out.stderr);
}

#[test]
fn count_0_and_recv_maxsz_0_mean_no_limit() {
    // No --recv-timeout: how long the sender takes to start on a loaded machine must
    // not decide the test. The puller shows that count 0 is no limit by taking every
    // message and still running; a signal ends it.
    let url = tcp_url();
    let mut puller = Running::start_streaming(nncat([
        "pull", "--bind", &url, "--count", "0", "-Z", "0", "--hex",
    ]));
    wait_bound(&url);
    let big = random_bytes(7, 3 << 20);
    let messages = vec![b"one".to_vec(), big, b"three".to_vec()];
    run_with_input(
        nncat(["push", "--connect", &url, "--hex"]),
        &hex_lines(&messages),
    )
    .success();
    puller.stdout().wait_for_exactly(&hex_lines(&messages));
    assert!(puller.is_running(), "count 0 does not stop at 0 messages");
    puller.signal(libc::SIGTERM);
    let out = puller.finish_with_stdin_open();
    assert_eq!(out.code(), Some(143), "stderr: {}", out.stderr);
}

/// nngcat's --recv-timeout 0 and nanocat's -1 mean no timeout: the receiver waits for
/// the message (nngcat's 0 ended nncat at once, nanocat's -1 was refused).
#[test]
fn a_timeout_of_0_from_nngcat_or_of_minus_1_from_nanocat_is_none() {
    for receiver in [&["--pull0", "--listen"][..], &["--pull", "--bind"]] {
        let url = tcp_url();
        let timeout = if receiver[0] == "--pull0" { "0" } else { "-1" };
        let mut args = receiver.to_vec();
        args.extend([url.as_str(), "--recv-timeout", timeout, "-A"]);
        let mut puller = Running::start_streaming(nncat(&args));
        wait_bound(&url);
        run(nncat(["push", "--connect", &url, "-D", "late"])).success();
        puller.stdout().wait_for_exactly(b"late\n");
        assert!(puller.is_running(), "{args:?}: no timeout ended it");
        puller.signal(libc::SIGTERM);
        puller.finish_with_stdin_open();
    }
}

#[test]
fn file_dash_sends_all_of_stdin_as_one_message() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["--pull", "--listen", &url, "-C", "1", "-Q"]));
    wait_bound(&url);
    run_with_input(nncat(["--push", "--dial", &url, "--file", "-"]), b"a\nb\n").success();
    assert_eq!(puller.finish().success().stdout, b"\"a\\nb\\n\"\n");
}

#[test]
fn format_no_prints_nothing() {
    let url = tcp_url();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "-C", "1", "--format", "no"]));
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "-D", "quiet"])).success();
    let out = puller.finish().success();
    assert!(out.stdout.is_empty());
}

#[test]
fn help_exits_0_in_every_flavour() {
    for args in [
        &["--help"][..],
        &["--pull", "--help"],
        &["--sub0", "-h"],
        &["pub", "--hel"],
    ] {
        let out = run(nncat(args));
        assert_eq!(out.code(), Some(0), "{args:?}: {}", out.stderr);
        assert!(out.stdout_text().contains("Usage: nncat"), "{args:?}");
    }
}

#[test]
fn silent_is_quiet() {
    let out = run(nncat([
        "pull",
        "--bind",
        "inproc://alone",
        "--recv-timeout",
        "10ms",
        "--silent",
    ]))
    .success();
    assert_eq!(out.stderr, "");
    // In a cluster too, where it silences the warning about nngcat's --pair.
    let url = tcp_url();
    let out = run(nncat([
        "--pair",
        "--listen",
        &url,
        "-Aq",
        "--recv-timeout",
        "10ms",
    ]))
    .success();
    assert_eq!(out.stderr, "");
}

/// push and pub refuse --recv-maxsz: -v does not name it for them.
#[test]
fn verbose_names_recv_maxsz_only_where_it_applies() {
    let url = tcp_url();
    let out = run(nncat([
        "pull",
        "--bind",
        &url,
        "-v",
        "--recv-timeout",
        "10ms",
    ]))
    .success();
    assert!(out.stderr.contains("(--recv-maxsz)"), "{}", out.stderr);
    let out = run(nncat(["pub", "--bind", &url, "-v", "-D", "x"])).success();
    assert!(!out.stderr.contains("--recv-maxsz"), "{}", out.stderr);
}

// Global options before the type.

#[test]
fn options_before_the_type_work_as_after_it() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat([
        "--hex", "-v", "--stats", "pull", "--bind", &url, "-C", "1",
    ]));
    wait_bound(&url);
    run(nncat(["-q", "push", "--connect", &url, "-D", "hi"])).success();
    let out = puller.finish().success();
    assert_eq!(out.stdout, b"6869\n");
    assert!(out.stderr.contains("bound to"), "-v: {}", out.stderr);
    assert!(out.stderr.contains("stats:"), "--stats: {}", out.stderr);
}

// Usage errors keep what clap knows, and point at the type's help.

#[test]
fn a_missing_argument_is_named() {
    run(nncat(["tap"])).fails_with(2, "not provided: <TYPE>; see 'nncat tap --help'");
}

#[test]
fn an_invalid_value_lists_the_possible_ones() {
    let out = run(nncat(["pull", "-L", "5", "--format", "yaml"])).fails_with(
        2,
        "possible values: text, ascii, quoted, hex, msgpack, raw, json",
    );
    assert!(
        out.stderr.contains("see 'nncat pull --help'"),
        "{}",
        out.stderr
    );
    run(nncat(["completions", "tcsh"])).fails_with(2, "bash, elvish, fish, powershell, zsh");
}

#[test]
fn a_typo_keeps_claps_suggestion() {
    run(nncat(["sub", "--bnd", "x"])).fails_with(
        2,
        "'--bnd' found (a similar argument exists: '--bind'); see 'nncat sub --help'",
    );
}

#[test]
fn an_ambiguous_abbreviation_lists_the_candidates() {
    run(nncat(["--re", "-l", "5"])).fails_with(
        2,
        "'--re' is ambiguous: it could be --req, --rep, --respondent, --replay, --recv-timeout",
    );
    run(nncat(["pull", "-l", "5", "--rec", "1s"]))
        .fails_with(2, "it could be --recv-timeout, --recv-maxsz");
}

// Options that mean nothing for the type are refused, naming the types that take them.

#[test]
fn options_of_other_types_are_usage_errors_that_name_the_types() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["push", "-l", "5", "--recv-timeout", "1"],
            "--recv-timeout does not apply to push; it works with pull, sub, req, rep, pair, bus, surveyor, respondent, tap",
        ),
        (
            &["pull", "-l", "5", "--wait-peers", "1"],
            "--wait-peers does not apply to pull; it works with push, pub, req, pair, bus, surveyor",
        ),
        (
            &["pub", "-l", "5", "--subscribe", "x"],
            "--subscribe does not apply to pub; it works with sub",
        ),
        (
            &["sub", "-l", "5", "-i", "1"],
            "-i (--interval) does not apply to sub; it works with push, pub, req, pair, bus, surveyor",
        ),
        (
            &["req", "-l", "5", "--deadline", "1s"],
            "--deadline does not apply to req; it works with surveyor",
        ),
        // nanocat refuses this one too; nngcat ignores it.
        (
            &["--push", "-l", "5", "--recv-timeout", "1", "-D", "x"],
            "--recv-timeout does not apply to push",
        ),
    ];
    for (args, message) in cases {
        run(nncat(args)).fails_with(2, message);
    }
}

#[test]
fn exec_that_swallowed_the_endpoint_says_it_must_come_last() {
    run(nncat(["rep", "--exec", "cat", "--bind", &tcp_url()]))
        .fails_with(2, "--exec takes the rest of the command line");
}

#[test]
fn timestamp_prefixes_text_lines_and_is_refused_where_there_are_none() {
    let url = tcp_url();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "-C", "1", "--timestamp"]));
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "-D", "stamped"])).success();
    let out = puller.finish().success().stdout_text();
    let (time, rest) = out.split_once(' ').expect("a time, a space, the message");
    assert!(
        time.len() >= 20 && time.ends_with('Z') && time.contains('T'),
        "{out}"
    );
    assert_eq!(rest, "stamped\n");
    run(nncat(["pull", "-L", "5", "--timestamp", "--raw"]))
        .fails_with(2, "--timestamp needs a format with one record a line");
    run(nncat(["push", "-l", "5", "--timestamp", "-D", "x"])).fails_with(
        2,
        "--timestamp does not apply to push; it works with pull, sub",
    );
}

#[test]
fn pair_that_cannot_send_does_not_wait_out_its_linger() {
    // Before, the sender waited --linger for a socket that had sent nothing.
    let url = tcp_url();
    Running::start_without_stdin(nncat([
        "pair",
        "--bind",
        &url,
        "-D",
        "hi",
        "--send-timeout",
        "200ms",
        "--linger",
        "60s",
    ]))
    .finish_within(Duration::from_secs(50))
    .fails_with(3, "no peer ever connected");
}

// Addresses people type.

#[test]
fn ipv6_loopback_binds_and_connects() {
    let url = format!("tcp://[::1]:{}", free_port());
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "-C", "1"]));
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "-D", "six"])).success();
    assert_eq!(puller.finish().success().stdout, b"six\n");
}

#[test]
fn one_socket_reaches_an_ipv6_and_an_ipv4_address() {
    // With IPv6 on, libnanomsg aborts when it connects to an IPv4 literal, unless the
    // address is written in its IPv4-mapped form.
    let four = tcp_url();
    let _pusher4 = Running::start_without_stdin(nncat(["push", "--bind", &four, "-D", "four"]));
    wait_bound(&four);
    let six = format!("tcp://[::1]:{}", free_port());
    let puller = Running::start_without_stdin(nncat([
        "pull",
        "--bind",
        &six,
        "--connect",
        &four,
        "-C",
        "2",
    ]));
    wait_bound(&six);
    run(nncat(["push", "--connect", &six, "-D", "six"])).success();
    let out = puller.finish().success();
    assert_eq!(sorted_lines(&out.stdout), ["four", "six"]);
}

#[test]
fn localhost_binds_the_loopback_address() {
    let port = free_port();
    let url = format!("tcp://localhost:{port}");
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "-C", "1"]));
    wait_bound(&format!("tcp://127.0.0.1:{port}"));
    run(nncat(["push", "--connect", &url, "-D", "home"])).success();
    assert_eq!(puller.finish().success().stdout, b"home\n");
}

/// A process whose stderr lines can be read while it runs.
struct Watched {
    child: Child,
    lines: Receiver<String>,
    stdout: Option<JoinHandle<Vec<u8>>>,
}

impl Watched {
    fn start(mut command: Command) -> Watched {
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("nncat starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let (sender, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let stdout = thread::spawn(move || {
            let mut out = Vec::new();
            let _ = std::io::Read::read_to_end(&mut stdout, &mut out);
            out
        });
        Watched {
            child,
            lines,
            stdout: Some(stdout),
        }
    }

    fn next_line(&self) -> String {
        self.lines
            .recv_timeout(LIMIT)
            .expect("a line on stderr in time")
    }

    fn stdout(mut self) -> Vec<u8> {
        let status = self.child.wait().expect("nncat ends");
        assert!(status.success(), "{status:?}");
        self.stdout
            .take()
            .and_then(|out| out.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn port_0_binds_a_free_port_and_prints_it() {
    let puller = Watched::start(nncat(["pull", "-L", "0", "-C", "1"]));
    let line = puller.next_line();
    let url = line
        .strip_prefix("nncat: bound tcp://127.0.0.1:")
        .map(|port| format!("tcp://127.0.0.1:{port}"))
        .unwrap_or_else(|| panic!("the bound address: {line}"));
    run(nncat(["push", "--connect", &url, "-D", "any port"])).success();
    assert_eq!(puller.stdout(), b"any port\n");
}

#[test]
fn port_0_under_json_prints_a_json_object() {
    let puller = Watched::start(nncat([
        "sub",
        "--bind",
        "tcp://127.0.0.1:0",
        "-C",
        "1",
        "--format",
        "json",
    ]));
    let line = puller.next_line();
    let value: serde_json::Value = serde_json::from_str(&line).expect("a JSON object");
    assert_eq!(value["event"], "bound", "{line}");
    let url = value["url"].as_str().expect("\"url\": URL").to_string();
    assert!(
        url.starts_with("tcp://127.0.0.1:") && !url.ends_with(":0"),
        "{url}"
    );
    run(nncat([
        "pub",
        "--connect",
        &url,
        "-D",
        "json",
        "--wait-peers",
        "1",
    ]))
    .success();
    assert_eq!(puller.stdout(), b"{\"data\":\"json\"}\n");
}

#[test]
fn inproc_warns_that_it_stays_inside_the_process() {
    let out = run(nncat([
        "pull",
        "--bind",
        "inproc://elsewhere",
        "--recv-timeout",
        "10ms",
    ]))
    .success();
    assert!(
        out.stderr
            .contains("warning: inproc://elsewhere reaches only sockets inside this nncat process"),
        "{}",
        out.stderr
    );
}
