//! nncat explains what is at an endpoint and why nothing arrives: `probe` against real
//! servers of every type (nncat, nanocat, nngcat) over tcp, ipc and ws, and against raw
//! `std::net` servers that speak garbage, HTTP or nothing; `probe --bind`.

use std::io::Write;
use std::process::Command;
use std::thread;

use serde_json::Value;

use crate::harness::*;

#[test]
fn probe_names_every_nncat_server_type_and_its_peer() {
    let types = [
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
    let servers: Vec<(String, Running)> = types
        .iter()
        .map(|kind| {
            let url = tcp_url();
            // stdin stays open: senders wait on it, receivers wait for messages.
            let server = Running::start(nncat([kind, "--bind", url.as_str()]));
            (url, server)
        })
        .collect();
    for (url, _) in &servers {
        wait_bound(url);
    }
    let mut args = vec!["probe".to_string(), "--format".into(), "json".into()];
    args.extend(servers.iter().map(|(url, _)| url.clone()));
    let out = run(nncat(&args)).success();
    let found = json_lines_of(&out.stdout_text());
    assert_eq!(found.len(), types.len(), "{}", out.stdout_text());
    let numbers = [80, 81, 32, 33, 48, 49, 16, 112, 98, 99];
    let peers = [
        "pull",
        "push",
        "sub",
        "pub",
        "rep",
        "req",
        "pair",
        "bus",
        "respondent",
        "surveyor",
    ];
    for (i, object) in found.iter().enumerate() {
        assert_eq!(object["url"], servers[i].0.as_str());
        assert_eq!(object["protocol"], types[i], "{object}");
        assert_eq!(object["protocol_id"], numbers[i], "{object}");
        assert_eq!(object["peers"], serde_json::json!([peers[i]]), "{object}");
    }
    // The text form: one line per URL with the command that talks to it.
    let out = run(nncat(["probe", &servers[5].0])).success();
    assert_eq!(
        out.stdout_text(),
        format!(
            "{url}  rep (SP protocol 49)  talk to it: nncat req --connect {url}\n",
            url = servers[5].0
        )
    );
}

#[test]
fn probe_identifies_nanocat_and_nngcat_over_tcp_ipc_and_ws() {
    require("nanocat");
    require("nngcat");
    let scratch = Scratch::new();
    let rep_tcp = tcp_url();
    let pull_ipc = scratch.ipc_url("pull.sock");
    let pub_ws = format!("ws://127.0.0.1:{}", free_port());
    let respondent_ws = format!("ws://127.0.0.1:{}/survey", free_port());
    let pair1_tcp = tcp_url();
    let _servers = [
        Running::start_without_stdin(nanocat(&["--rep", "--bind", &rep_tcp, "--data", "x"])),
        Running::start_without_stdin(nngcat(&["--pull", "--listen", &pull_ipc])),
        Running::start_without_stdin(nanocat(&[
            "--pub", "--bind", &pub_ws, "--data", "x", "-i", "1",
        ])),
        Running::start_without_stdin(nngcat(&[
            "--respondent",
            "--listen",
            &respondent_ws,
            "--data",
            "x",
        ])),
        Running::start_without_stdin(nngcat(&["--pair1", "--listen", &pair1_tcp])),
    ];
    for url in [&rep_tcp, &pull_ipc, &pub_ws, &respondent_ws, &pair1_tcp] {
        wait_bound(url);
    }
    let out = run(nncat([
        "probe",
        "--format",
        "json",
        &rep_tcp,
        &pull_ipc,
        &pub_ws,
        &respondent_ws,
        &pair1_tcp,
    ]))
    .success();
    let found = json_lines_of(&out.stdout_text());
    let expected = [("rep", 49), ("pull", 81), ("pub", 32), ("respondent", 99)];
    for (object, (name, number)) in found.iter().zip(expected) {
        assert_eq!(object["protocol"], name, "{object}");
        assert_eq!(object["protocol_id"], number, "{object}");
    }
    // nng's pair v1 has no nncat type: shown by its number.
    assert_eq!(found[4]["protocol"], Value::Null, "{}", found[4]);
    assert_eq!(found[4]["protocol_id"], 17, "{}", found[4]);
    assert_eq!(found[4]["peers"], serde_json::json!([]), "{}", found[4]);
    let out = run(nncat(["probe", &pair1_tcp])).success();
    assert!(
        out.stdout_text().contains("SP protocol 17"),
        "{}",
        out.stdout_text()
    );
}

#[test]
fn probe_says_why_an_endpoint_is_not_an_sp_endpoint() {
    let scratch = Scratch::new();
    let refused = tcp_url();
    let missing = scratch.ipc_url("nobody.sock");
    let http = raw_server(|mut stream| {
        read_some(&mut stream);
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    });
    let closes = raw_server(|mut stream| read_some(&mut stream));
    let garbage = raw_server(|mut stream| {
        let _ = stream.write_all(b"\x16\x03\x01garbage\xff");
        read_some(&mut stream);
    });
    // Holds the connection open and says nothing until the probe has ended.
    let (silent, release_silent) = silent_server();
    let out = run(nncat([
        "probe",
        "--format",
        "json",
        "--timeout",
        "500ms",
        &refused,
        &missing,
        &http,
        &closes,
        &garbage,
        &silent,
    ]));
    drop(release_silent);
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    let errors: Vec<String> = json_lines_of(&out.stdout_text())
        .iter()
        .map(|object| object["error"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        errors,
        [
            "connection refused",
            "no such ipc socket",
            "not an SP endpoint: it sent \"HTTP/1.1 400 Bad Request\" (an HTTP server; for SP over ws at a path, use ws://HOST:PORT/PATH)",
            "closed without a header",
            "not an SP endpoint: it sent \"\\x16\\x03\\x01garbage\\xff\"",
            "timed out: connected, but no SP header within 500ms",
        ]
    );
    // In text, each failure is one line on stderr naming the URL.
    run(nncat(["probe", &refused])).fails_with(1, &format!("{refused}: connection refused"));
}

#[test]
fn probe_exits_1_when_any_url_is_not_an_sp_endpoint() {
    let url = tcp_url();
    let _server = Running::start(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    let refused = tcp_url();
    let out = run(nncat(["probe", &url, &refused]));
    assert_eq!(out.code(), Some(1));
    assert!(out.stdout_text().contains("pull (SP protocol 81)"));
    assert!(
        out.stderr
            .contains(&format!("{refused}: connection refused"))
    );
    run(nncat(["probe", "inproc://here"])).fails_with(1, "inside one process");
}

/// Inside a network namespace of its own with no interface up, a lookup cannot leave
/// the machine: the name fails to resolve without any traffic.
fn without_network(args: &[&str]) -> Option<Command> {
    // SAFETY: geteuid takes nothing and cannot fail.
    if unsafe { libc::geteuid() } != 0 || !have("unshare") {
        println!("skipped: needs root and unshare for a namespace without a network");
        return None;
    }
    let mut command = Command::new("unshare");
    command.arg("--net").arg(nncat_path()).args(args);
    Some(command)
}

#[test]
fn probe_names_a_host_that_does_not_resolve() {
    let Some(command) = without_network(&["probe", "tcp://no-such-host.invalid:5555"]) else {
        return;
    };
    run(command).fails_with(1, "cannot resolve the host name 'no-such-host.invalid'");
}

#[test]
fn probe_bind_prints_the_type_of_each_peer_that_connects() {
    require("nanocat");
    require("nngcat");
    let url = tcp_url();
    let mut listener = Running::start_streaming(nncat([
        "probe",
        "--bind",
        &url,
        "--count",
        "2",
        "--recv-timeout",
        "20s",
    ]));
    // Clients that connect reconnect every 100 ms: no need to wait for the bind.
    let _req = Running::start_without_stdin(nanocat(&["--req", "--connect", &url, "-D", "x"]));
    let _push =
        Running::start_without_stdin(nngcat(&["--push", "--async", "--dial", &url, "-D", "x"]));
    listener.stdout().wait_for_lines(2);
    let out = listener.finish().success();
    let text = out.stdout_text();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains(&format!(
            "push (SP protocol 80)  answer it: nncat pull --bind {url}\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "req (SP protocol 48)  answer it: nncat rep --bind {url}\n"
        )),
        "{text}"
    );
}

#[test]
fn probe_bind_over_ipc_and_ws_in_json() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("who.sock");
    let listener = Running::start_without_stdin(nncat([
        "probe", "--bind", &url, "--count", "1", "--format", "json",
    ]));
    let _sub = Running::start_without_stdin(nncat(["sub", "--connect", &url]));
    let out = listener.finish().success();
    let found = json_lines_of(&out.stdout_text());
    assert_eq!(found[0]["protocol"], "sub", "{}", found[0]);
    assert_eq!(found[0]["from"], Value::Null);
    assert_eq!(found[0]["peers"], serde_json::json!(["pub"]));

    let ws = format!("ws://127.0.0.1:{}", free_port());
    let listener = Running::start_without_stdin(nncat([
        "probe", "--bind", &ws, "--count", "1", "--format", "json",
    ]));
    let _req = Running::start(nncat(["req", "--connect", &format!("{ws}/api")]));
    let out = listener.finish().success();
    let found = json_lines_of(&out.stdout_text());
    assert_eq!(found[0]["protocol"], "req", "{}", found[0]);
    assert_eq!(found[0]["protocol_id"], 48);
}

#[test]
fn probe_bind_ends_at_recv_timeout_and_counts_short_as_a_timeout() {
    let url = tcp_url();
    run(nncat(["probe", "--bind", &url, "--recv-timeout", "200ms"])).success();
    run(nncat([
        "probe",
        "--bind",
        &url,
        "--recv-timeout",
        "200ms",
        "--count",
        "1",
    ]))
    .fails_with(3, "0 of 1 peers connected before --recv-timeout 200ms");
}

// ---------------------------------------------------------------------------------
// Every role explains silence: a peer of the wrong type, nothing there, not SP.

/// A server of one kind, started for a mismatch test.
fn start_server(program: &str, args: &[&str]) -> Running {
    let mut command = match program {
        "nncat" => nncat(args),
        other => {
            require(other);
            let mut command = Command::new(other);
            command.args(args);
            command
        }
    };
    command.current_dir(std::env::temp_dir());
    Running::start(command)
}

/// A client of the wrong type against each server: it warns, naming the peer's type
/// and the command that would talk to it, well before its own timeout ends it, and
/// its final error names the cause.
#[test]
fn every_mismatched_pair_names_the_peer_type() {
    let scratch = Scratch::new();
    struct Case {
        client: &'static str,
        client_args: Vec<String>,
        server: &'static str,
        url: String,
        /// The command that talks to the server.
        fix: &'static str,
        final_words: &'static str,
        _running: Running,
    }
    let timeout = "3s";
    let mut cases = Vec::new();
    let mut add = |client: &'static str,
                   extra: &[&str],
                   server: &'static str,
                   url: String,
                   program: &str,
                   server_args: Vec<String>,
                   fix: &'static str,
                   final_words: &'static str| {
        let args: Vec<&str> = server_args.iter().map(String::as_str).collect();
        let running = start_server(program, &args);
        let mut client_args = vec![client.to_string(), "--connect".into(), url.clone()];
        client_args.extend(extra.iter().map(|arg| arg.replace("T", timeout)));
        cases.push(Case {
            client,
            client_args,
            server,
            url,
            fix,
            final_words,
            _running: running,
        });
    };
    let url = tcp_url();
    add(
        "req",
        &["-D", "x", "--recv-timeout", "T"],
        "pull",
        url.clone(),
        "nncat",
        vec!["pull".into(), "--bind".into(), url],
        "to send to a pull: nncat push --connect",
        "no reply within --recv-timeout 3s",
    );
    let url = scratch.ipc_url("push.sock");
    add(
        "sub",
        &["--recv-timeout", "T", "-C", "1"],
        "push",
        url.clone(),
        "nanocat",
        vec![
            "--push".into(),
            "--bind".into(),
            url,
            "-D".into(),
            "x".into(),
            "-i".into(),
            "1".into(),
        ],
        "to receive from a push: nncat pull --connect",
        "received 0 of 1 messages before --recv-timeout 3s passed",
    );
    let url = tcp_url();
    add(
        "push",
        &["-D", "x", "--send-timeout", "T"],
        "rep",
        url.clone(),
        "nngcat",
        vec![
            "--rep".into(),
            "--listen".into(),
            url,
            "-D".into(),
            "x".into(),
        ],
        "to talk to a rep: nncat req --connect",
        "cannot send within --send-timeout 3s",
    );
    let url = format!("ws://127.0.0.1:{}", free_port());
    add(
        "pull",
        &["--recv-timeout", "T", "-C", "1"],
        "pub",
        url.clone(),
        "nncat",
        vec!["pub".into(), "--bind".into(), url],
        "to receive from a pub: nncat sub --connect",
        "received 0 of 1 messages before --recv-timeout 3s passed",
    );
    let url = tcp_url();
    add(
        "bus",
        &["--recv-timeout", "T", "-C", "1"],
        "pair",
        url.clone(),
        "nanocat",
        vec!["--pair".into(), "--bind".into(), url],
        "to talk to a pair: nncat pair --connect",
        "received 0 of 1 messages before --recv-timeout 3s passed",
    );
    let url = scratch.ipc_url("req.sock");
    add(
        "respondent",
        &["--recv-timeout", "T", "-C", "1", "--echo"],
        "req",
        url.clone(),
        "nncat",
        vec!["req".into(), "--bind".into(), url],
        "to talk to a req: nncat rep --connect",
        "answered 0 of 1 requests before --recv-timeout passed",
    );
    for case in &cases {
        wait_bound(&case.url);
    }
    // The clients run at once: each takes its whole timeout.
    let finished: Vec<Finished> = thread::scope(|scope| {
        let running: Vec<_> = cases
            .iter()
            .map(|case| {
                let args = case.client_args.clone();
                scope.spawn(move || run(nncat(&args)))
            })
            .collect();
        running
            .into_iter()
            .map(|handle| handle.join().expect("the client ran"))
            .collect()
    });
    for (case, out) in cases.iter().zip(finished) {
        let Case {
            client,
            server,
            url,
            fix,
            final_words,
            ..
        } = case;
        assert_eq!(out.code(), Some(3), "{client} -> {server}: {}", out.stderr);
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "a warning, then the error: {}", out.stderr);
        let peer = match *client {
            "req" => "rep",
            "sub" => "pub",
            "push" => "pull",
            "pull" => "push",
            "bus" => "bus",
            "respondent" => "surveyor",
            other => other,
        };
        assert_eq!(
            lines[0],
            format!(
                "nncat: warning: {url}: the peer is a {server} socket; {client} talks to {peer} ({fix} {url})"
            )
        );
        assert_eq!(
            lines[1],
            format!("nncat: {final_words}: the peer at {url} is a {server} socket")
        );
    }
}

#[test]
fn nothing_listening_is_said_once_with_the_reason() {
    let scratch = Scratch::new();
    let refused = tcp_url();
    let out = run(nncat([
        "push",
        "--connect",
        &refused,
        "-D",
        "x",
        "--send-timeout",
        "2500ms",
    ]));
    assert_eq!(out.code(), Some(3), "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "nncat: warning: nothing is listening at {refused} (connection refused); still trying\n\
             nncat: cannot send within --send-timeout 2s 500ms: nothing is listening at {refused} (connection refused)\n"
        )
    );
    let missing = scratch.ipc_url("nobody.sock");
    run(nncat([
        "req",
        "--connect",
        &missing,
        "-D",
        "x",
        "--recv-timeout",
        "300ms",
    ]))
    .fails_with(
        3,
        &format!(
            "no reply within --recv-timeout 300ms: nothing is listening at {missing} (no such ipc socket)"
        ),
    );
}

#[test]
fn a_host_name_that_does_not_resolve_is_named() {
    let Some(command) = without_network(&[
        "pull",
        "--connect",
        "tcp://no-such-host.invalid:5555",
        "--recv-timeout",
        "2s",
        "-C",
        "1",
    ]) else {
        return;
    };
    let out = run(command);
    assert_eq!(out.code(), Some(3), "{}", out.stderr);
    let why = "cannot reach tcp://no-such-host.invalid:5555: cannot resolve the host name 'no-such-host.invalid'";
    assert_eq!(
        out.stderr,
        format!(
            "nncat: warning: {why}; still trying\n\
             nncat: received 0 of 1 messages before --recv-timeout 2s passed: {why}\n"
        )
    );
}

#[test]
fn a_server_that_is_not_sp_is_named_with_what_it_sent() {
    let url = http_server();
    let out = run(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "x",
        "--recv-timeout",
        "2s",
    ]));
    assert_eq!(out.code(), Some(3), "{}", out.stderr);
    let why = format!(
        "{url}: not an SP endpoint: it sent \"HTTP/1.1 400 Bad Request\" (an HTTP server; for SP over ws at a path, use ws://HOST:PORT/PATH)"
    );
    assert_eq!(
        out.stderr,
        format!(
            "nncat: warning: {why}; req talks to rep\n\
             nncat: no reply within --recv-timeout 2s: {why}\n"
        )
    );
}

#[test]
fn verbose_says_the_handshake_was_rejected_not_that_the_connection_was_established() {
    let url = tcp_url();
    let _puller = Running::start(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    let out = run(nncat([
        "req",
        "-v",
        "--connect",
        &url,
        "-D",
        "x",
        "--recv-timeout",
        "1500ms",
    ]));
    assert_eq!(out.code(), Some(3), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("TCP connected, SP handshake rejected: 127.0.0.1:")
            && out
                .stderr
                .contains(": it is a pull socket, and req talks to rep"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("established"), "{}", out.stderr);
    assert!(!out.stderr.contains("handshake done"), "{}", out.stderr);
    // The right peer: the handshake is done.
    let rep = tcp_url();
    let _replier = Running::start(nncat(["rep", "--bind", &rep, "--echo"]));
    wait_bound(&rep);
    // Two requests 100 ms apart: the connection's story is told while it runs.
    let out = run(nncat([
        "req",
        "-v",
        "--connect",
        &rep,
        "-D",
        "x",
        "--count",
        "2",
        "--interval",
        "100ms",
    ]))
    .success();
    assert!(
        out.stderr
            .contains("TCP connected, SP handshake done: 1 peer connected"),
        "{}",
        out.stderr
    );
}

#[test]
fn quiet_keeps_only_the_final_error() {
    let url = tcp_url();
    let _puller = Running::start(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    run(nncat([
        "req",
        "-q",
        "--connect",
        &url,
        "-D",
        "x",
        "--recv-timeout",
        "1500ms",
    ]))
    .fails_with(
        3,
        &format!("no reply within --recv-timeout 1s 500ms: the peer at {url} is a pull socket"),
    );
}

#[test]
fn surveyor_warns_when_no_respondent_was_there_or_none_answered() {
    let url = tcp_url();
    let out = run_with_input(
        nncat(["surveyor", "--bind", &url, "--deadline", "100ms"]),
        b"anyone?\n",
    )
    .success();
    assert_eq!(
        out.stderr,
        "nncat: warning: survey 1 (\"anyone?\") was sent while no respondent was connected: it reached nobody\n"
    );
    let url = tcp_url();
    let surveyor = Running::start(nncat([
        "surveyor",
        "--bind",
        &url,
        "--deadline",
        "300ms",
        "--wait-peers",
        "1",
        "-D",
        "anyone?",
    ]));
    // A respondent that prints the survey and never answers (its stdin stays open).
    let mut silent = Running::start_streaming(nncat(["respondent", "--connect", &url]));
    silent.stdout().wait_for_exactly(b"anyone?\n");
    let out = surveyor.finish().success();
    assert_eq!(
        out.stderr,
        "nncat: warning: sent 1 survey; no respondent answered\n"
    );
}

// ---------------------------------------------------------------------------------
// Topic misses: sub filters itself and says what matched no --subscribe.

/// A publisher of "Weather 21C" every 50 ms, for as long as the test runs.
fn weather_publisher() -> (String, Running) {
    publisher_every_50ms("Weather 21C")
}

#[test]
fn sub_names_the_messages_that_matched_no_subscription() {
    let (url, _publisher) = weather_publisher();
    let out = run(nncat([
        "sub",
        "--connect",
        &url,
        "--subscribe",
        "weather.",
        "--recv-timeout",
        "1500ms",
        "--count",
        "1",
    ]))
    .fails_with(
        3,
        "received 0 of 1 messages before --recv-timeout 1s 500ms passed: ",
    );
    assert!(
        out.stderr
            .ends_with(" messages matched no --subscribe; the first began \"Weather 21C\"\n"),
        "{}",
        out.stderr
    );
    // With no --count, the timeout ends the run quietly but for a warning.
    let out = run(nncat([
        "sub",
        "--connect",
        &url,
        "--subscribe",
        "weather.",
        "--recv-timeout",
        "1500ms",
    ]))
    .success();
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.starts_with("nncat: warning: ")
            && out
                .stderr
                .ends_with(" messages matched no --subscribe; the first began \"Weather 21C\"\n")
            && out.stderr.lines().count() == 1,
        "{}",
        out.stderr
    );
}

#[test]
fn sub_still_prints_what_matches_and_says_nothing_then() {
    let (url, _publisher) = weather_publisher();
    let out = run(nncat([
        "sub",
        "--connect",
        &url,
        "--subscribe",
        "rain",
        "--subscribe",
        "Wea",
        "--count",
        "2",
        "--recv-timeout",
        "20s",
    ]))
    .success();
    assert_eq!(out.stdout_text(), "Weather 21C\nWeather 21C\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn verbose_sub_reports_misses_as_they_happen_at_most_once_a_second() {
    let (url, _publisher) = weather_publisher();
    let out = run(nncat([
        "sub",
        "-v",
        "--connect",
        &url,
        "--subscribe",
        "weather.",
        "--recv-timeout",
        "1500ms",
    ]))
    .success();
    let so_far: Vec<&str> = out
        .stderr
        .lines()
        .filter(|line| line.contains("matched no --subscribe so far"))
        .collect();
    // The run lasts 1.5 s: a first report, and one a second later at most.
    assert!(!so_far.is_empty() && so_far.len() <= 2, "{}", out.stderr);
    assert!(
        so_far[0]
            .ends_with("1 message matched no --subscribe so far; the first began \"Weather 21C\""),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------
// Round-trip percentiles with --stats.

/// The milliseconds of "min", "p50", "p90", "p99" and "max" in a round-trip line,
/// and how many round trips it counts.
fn round_trips(stderr: &str, what: &str) -> (u64, Vec<f64>) {
    let line = stderr
        .lines()
        .find(|line| line.starts_with("nncat: stats: round trip over "))
        .unwrap_or_else(|| panic!("no round-trip line: {stderr}"));
    let rest = line
        .strip_prefix("nncat: stats: round trip over ")
        .expect("the prefix");
    let (count, rest) = rest.split_once(&format!(" {what}: ")).expect("a count");
    let mut values = Vec::new();
    for (part, name) in rest.split(", ").zip(["min", "p50", "p90", "p99", "max"]) {
        let value = part
            .strip_prefix(&format!("{name} "))
            .and_then(|v| v.strip_suffix("ms"))
            .unwrap_or_else(|| panic!("{name} in {line}"));
        values.push(value.parse().expect("milliseconds"));
    }
    assert_eq!(values.len(), 5, "{line}");
    (count.parse().expect("a count"), values)
}

fn assert_ordered(values: &[f64], stderr: &str) {
    assert!(values[0] > 0.0, "{stderr}");
    assert!(
        values.windows(2).all(|pair| pair[0] <= pair[1]),
        "min <= p50 <= p90 <= p99 <= max: {stderr}"
    );
}

#[test]
fn req_stats_print_round_trip_percentiles() {
    let url = tcp_url();
    let _replier = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo"]));
    wait_bound(&url);
    let out = run_with_input(
        nncat(["req", "--connect", &url, "--stats"]),
        &numbered_lines(200),
    )
    .success();
    assert_eq!(out.stdout, numbered_lines(200));
    let (count, values) = round_trips(&out.stderr, "replies");
    assert_eq!(count, 200, "{}", out.stderr);
    assert_ordered(&values, &out.stderr);
    // Without --stats, nothing.
    let out = run_with_input(nncat(["req", "--connect", &url]), b"x\n").success();
    assert_eq!(out.stderr, "");
}

#[test]
fn surveyor_stats_time_every_answer() {
    let url = tcp_url();
    let _first = Running::start(nncat(["respondent", "--connect", &url, "--echo"]));
    let _second = Running::start(nncat(["respondent", "--connect", &url, "--data", "me"]));
    let out = run_with_input(
        nncat([
            "surveyor",
            "--bind",
            &url,
            "--wait-peers",
            "2",
            "--send-timeout",
            "20s",
            "--deadline",
            "300ms",
            "--stats",
        ]),
        b"who\nwho else\n",
    )
    .success();
    assert_eq!(
        sorted_lines(&out.stdout),
        ["me", "me", "who", "who else"],
        "{}",
        out.stderr
    );
    let (count, values) = round_trips(&out.stderr, "answers");
    assert_eq!(count, 4, "{}", out.stderr);
    assert_ordered(&values, &out.stderr);
}

// ---------------------------------------------------------------------------------
// docs/debugging.md: every recipe runs.

#[test]
fn every_debugging_recipe_runs() {
    every_recipe_runs("docs/debugging.md", 9);
}

#[test]
fn no_debugging_recipe_sleeps() {
    no_recipe_sleeps("docs/debugging.md");
}

/// Every shell block in docs/debugging.md is run: none is left as an untested example.
#[test]
fn every_debugging_shell_block_is_tested() {
    let untested = untested_shell_blocks("docs/debugging.md");
    assert!(
        untested.is_empty(),
        "shell blocks without a <!-- test --> marker at docs/debugging.md lines {untested:?}"
    );
}
