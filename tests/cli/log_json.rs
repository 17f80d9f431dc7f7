//! `--log-format json`: every line nncat writes on stderr is a JSON object a harness can
//! parse, with a stable "reason" for each failure and events for binds and peers.

use std::io::Write;
use std::net::TcpListener;
use std::process::Command;

use serde_json::Value;

use crate::harness::*;

/// `nncat ARGS --log-format json`.
fn nncat_json(args: &[&str]) -> Command {
    let mut command = nncat(args);
    command.args(["--log-format", "json"]);
    command
}

/// `req` under `--log-format json`, sending "x" to `url` and waiting `recv_timeout`.
fn json_request(url: &str, recv_timeout: &str) -> Finished {
    run(nncat_json(&[
        "req",
        "--connect",
        url,
        "-D",
        "x",
        "--recv-timeout",
        recv_timeout,
    ]))
}

/// A rep bound at `url` under `--log-format json` that answers one request with
/// `command`'s output (`--log-format` first: --exec takes the rest of the line).
fn json_rep_answering_once(url: &str, command: &[&str]) -> Running {
    let mut args = vec![
        "rep",
        "--bind",
        url,
        "-C",
        "1",
        "--log-format",
        "json",
        "--exec",
    ];
    args.extend_from_slice(command);
    let rep = Running::start_without_stdin(nncat(args));
    wait_bound(url);
    rep
}

/// Every stderr line of a finished run, each checked to be a JSON object that is an
/// event or a line with a level and a message.
fn stderr_objects(out: &Finished) -> Vec<Value> {
    let objects = json_lines_of(&out.stderr);
    for object in &objects {
        let event = object["event"].is_string();
        let line = ["error", "warning", "info"].contains(&object["level"].as_str().unwrap_or(""))
            && object["message"].is_string();
        assert!(event || line, "neither an event nor a line: {object}");
    }
    objects
}

/// The final error's reason: the last line with a level (a peer's departure may be
/// told after it).
fn final_reason(out: &Finished) -> String {
    let objects = stderr_objects(out);
    let last = objects
        .iter()
        .rfind(|line| line["level"].is_string())
        .expect("an error line");
    assert_eq!(last["level"], "error", "{last}");
    last["reason"].as_str().unwrap_or("(none)").to_string()
}

#[test]
fn every_type_writes_only_json_on_stderr_and_tells_binds_and_peers() {
    let pairs = [
        ("push", "pull"),
        ("pub", "sub"),
        ("rep", "req"),
        ("pair", "pair"),
        ("bus", "bus"),
        ("respondent", "surveyor"),
    ];
    for (server_type, client_type) in pairs {
        let url = tcp_url();
        let mut server_args = vec![server_type, "--bind", &url, "-v"];
        let mut client_args = vec![client_type, "--connect", &url, "-v"];
        // The server sends what the client waits for, or answers it, until stopped.
        match server_type {
            "rep" | "respondent" => server_args.extend(["-D", "answer"]),
            _ => server_args.extend(["-D", "hello", "-i", "50ms"]),
        }
        match client_type {
            "req" | "surveyor" => client_args.extend(["-D", "question"]),
            _ => client_args.extend(["-C", "1", "--recv-timeout", "10s"]),
        }
        let mut server = Running::start_watching(nncat_json(&server_args));
        wait_bound(&url);
        let client = run(nncat_json(&client_args)).success();
        let client_lines = stderr_objects(&client);
        assert!(
            client_lines
                .iter()
                .any(|line| line["event"] == "connected" && line["url"] == url.as_str()),
            "{client_type}: no connected event: {}",
            client.stderr
        );
        server.stderr().wait_for_text("\"event\":\"disconnected\"");
        server.signal(libc::SIGTERM);
        let out = server.finish();
        let server_lines = stderr_objects(&out);
        let event = |name: &str| {
            server_lines
                .iter()
                .find(|line| line["event"] == name)
                .unwrap_or_else(|| panic!("{server_type}: no {name} event: {}", out.stderr))
                .clone()
        };
        assert_eq!(event("bound")["url"], url.as_str());
        let peer = event("connected")["peer"]
            .as_str()
            .unwrap_or("")
            .to_string();
        assert!(peer.starts_with("127.0.0.1:"), "{server_type}: peer {peer}");
        assert_eq!(event("disconnected")["peer"], peer.as_str());
    }
}

/// A one-shot requester under `--log-format json` (and no `-v`) tells of its own
/// connection ending: its socket is closed before the exit, not left to it.
#[test]
fn a_one_shot_tells_of_its_own_disconnection_at_exit() {
    let url = tcp_url();
    let server = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo"]));
    wait_bound(&url);
    let client = run(nncat_json(&["req", "--connect", &url, "-D", "question"])).success();
    assert_eq!(client.stdout_text(), "question\n");
    let lines = stderr_objects(&client);
    let told = |name: &str| {
        lines
            .iter()
            .any(|line| line["event"] == name && line["url"] == url.as_str())
    };
    assert!(told("connected"), "{}", client.stderr);
    assert!(told("disconnected"), "{}", client.stderr);
    drop(server);
}

#[test]
fn a_bind_on_a_fixed_port_or_on_ipc_is_announced() {
    let scratch = Scratch::new();
    let ipc = scratch.ipc_url("announced.sock");
    let url = tcp_url();
    let out = run(nncat_json(&[
        "pull",
        "--bind",
        &url,
        "--bind",
        &ipc,
        "--recv-timeout",
        "10ms",
    ]))
    .success();
    let bound: Vec<Value> = stderr_objects(&out)
        .into_iter()
        .filter(|line| line["event"] == "bound")
        .map(|line| line["url"].clone())
        .collect();
    assert_eq!(bound, [Value::from(url), Value::from(ipc)]);
}

#[test]
fn each_failure_has_its_reason() {
    // Nothing listening.
    let refused = tcp_url();
    let out = json_request(&refused, "1500ms");
    assert_eq!(out.code(), Some(3));
    assert_eq!(final_reason(&out), "refused");
    // A peer of the wrong type.
    let url = tcp_url();
    let _pull = Running::start(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    let out = json_request(&url, "1500ms");
    assert_eq!(final_reason(&out), "wrong_type");
    let warned = stderr_objects(&out)
        .into_iter()
        .any(|line| line["level"] == "warning" && line["reason"] == "wrong_type");
    assert!(warned, "{}", out.stderr);
    // No reply in time from a peer that is there.
    let url = tcp_url();
    let _listener = Running::start_without_stdin(nncat(["rep", "--bind", &url]));
    wait_bound(&url);
    let out = json_request(&url, "500ms");
    assert_eq!(out.code(), Some(3));
    assert_eq!(final_reason(&out), "timeout");
    // Not an SP endpoint.
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let not_sp = format!("tcp://{}", listener.local_addr().expect("an address"));
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten().take(50) {
            let mut stream = stream;
            let _ = stream.write_all(b"SSH-2.0-OpenSSH_9.2\r\n");
            held.push(stream);
        }
    });
    let out = run(nncat_json(&["probe", &not_sp]));
    assert_eq!(out.code(), Some(1));
    assert_eq!(final_reason(&out), "not_sp");
    // A host name that does not resolve (the .invalid domain never does).
    let out = run(nncat_json(&["probe", "tcp://nowhere.invalid:5555"]));
    assert_eq!(final_reason(&out), "unresolvable");
    // Usage, before and after clap.
    let out = run(nncat_json(&["req", "--bogus"]));
    assert_eq!(out.code(), Some(2));
    assert_eq!(final_reason(&out), "usage");
    let out = run(nncat_json(&[
        "req",
        "--connect",
        "ws://127.0.0.1",
        "-D",
        "x",
    ]));
    assert_eq!(final_reason(&out), "usage");
    // Input that does not parse.
    let url = tcp_url();
    let out = run_with_input(
        nncat_json(&["push", "--bind", &url, "--format", "hex", "-q"]),
        b"zz\n",
    );
    assert_eq!(out.code(), Some(4));
    assert_eq!(final_reason(&out), "input");
}

#[test]
fn warnings_have_their_reasons_too() {
    // A publisher with nobody to hear it.
    let url = tcp_url();
    let out = run_with_input(nncat_json(&["pub", "--bind", &url]), b"one\ntwo\n").success();
    let reasons: Vec<Value> = stderr_objects(&out)
        .into_iter()
        .filter(|line| line["level"] == "warning")
        .map(|line| line["reason"].clone())
        .collect();
    assert_eq!(reasons, ["sent_to_nobody", "sent_to_nobody"]);
    // A subscription that matches nothing.
    let (url, _publisher) = publisher_every_50ms("weather 21C");
    let out = run(nncat_json(&[
        "sub",
        "--connect",
        &url,
        "--subscribe",
        "rain",
        "--recv-timeout",
        "1s",
    ]))
    .success();
    let missed = stderr_objects(&out)
        .into_iter()
        .any(|line| line["level"] == "warning" && line["reason"] == "topic_miss");
    assert!(missed, "{}", out.stderr);
    // A peer's message over --recv-maxsz.
    let url = tcp_url();
    let mut pull = Running::start_watching(nncat_json(&["pull", "--bind", &url, "-Z", "16"]));
    wait_bound(&url);
    run_with_input(
        nncat(["push", "--connect", &url, "-q"]),
        b"a message well over sixteen bytes\n",
    )
    .success();
    pull.stderr().wait_for_text("\"reason\":\"oversize\"");
    pull.signal(libc::SIGTERM);
    let out = pull.finish();
    stderr_objects(&out);
}

#[test]
fn a_failed_exec_command_is_named_with_its_reason() {
    let url = tcp_url();
    let rep = json_rep_answering_once(&url, &["false"]);
    run(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "x",
        "--recv-timeout",
        "500ms",
    ]))
    .fails_with_last_line(3, "no reply");
    let out = rep.finish();
    assert_eq!(out.code(), Some(1));
    let lines = stderr_objects(&out);
    assert!(
        lines
            .iter()
            .any(|line| line["level"] == "warning" && line["reason"] == "exec_failed"),
        "{}",
        out.stderr
    );
    assert_eq!(final_reason(&out), "exec_failed");
}

#[test]
fn a_broken_ws_frame_and_a_port_in_use_have_their_reasons() {
    // A ws peer whose text is not UTF-8 breaks the framing rules.
    let address = format!("127.0.0.1:{}", free_port());
    let url = format!("ws://{address}");
    let mut pull = Running::start_watching(nncat_json(&["pull", "--bind", &url]));
    wait_bound(&url);
    let mut peer = WsPeer::connect(&address, "pull").expect("the upgrade");
    peer.frame(false, TEXT, &[0xf0, 0x9f]).expect("a fragment");
    peer.frame(true, CONTINUATION, &[0x41])
        .expect("the last fragment");
    pull.stderr().wait_for_text("\"reason\":\"bad_frame\"");
    // A second pull on the same port fails at its bind: a runtime error, exit 1.
    let out = run(nncat_json(&["pull", "--bind", &url]));
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert_eq!(final_reason(&out), "runtime");
    pull.signal(libc::SIGTERM);
    stderr_objects(&pull.finish());
}

#[test]
fn verbose_lines_carry_the_seconds_since_the_socket_opened() {
    let url = tcp_url();
    let out = run(nncat_json(&[
        "pull",
        "--bind",
        &url,
        "-v",
        "--recv-timeout",
        "10ms",
    ]))
    .success();
    let info: Vec<Value> = stderr_objects(&out)
        .into_iter()
        .filter(|line| line["level"] == "info")
        .collect();
    assert!(!info.is_empty(), "{}", out.stderr);
    for line in info {
        assert!(
            line["elapsed"].is_f64() || line["elapsed"].is_u64(),
            "{line}"
        );
    }
}

#[test]
fn an_exec_commands_own_stderr_passes_through_as_it_is() {
    let url = tcp_url();
    let rep = json_rep_answering_once(&url, &["sh", "-c", "echo 'handler says hi' >&2; cat"]);
    run(nncat(["req", "--connect", &url, "-D", "x"])).success();
    let out = rep.finish().success();
    assert!(
        out.stderr.lines().any(|line| line == "handler says hi"),
        "{}",
        out.stderr
    );
}

/// The option is read as clap reads it: shortened, with nngcat's `:`, and in a usage
/// error; and words after `--exec` are the command's, not nncat's.
#[test]
fn the_log_format_is_read_however_it_is_written_and_only_as_nncat_s() {
    let port = free_port().to_string();
    for written in [
        &["--log-f", "json"][..],
        &["--log-format:json"],
        &["--log=json"],
    ] {
        let mut args = vec![
            "pull",
            "-L",
            &port,
            "--recv-timeout",
            "200ms",
            "--count",
            "1",
        ];
        args.extend_from_slice(written);
        let out = run(nncat(&args));
        assert_eq!(out.code(), Some(3), "{written:?}: {}", out.stderr);
        assert_eq!(final_reason(&out), "timeout", "{written:?}");
        args.push("--bogus");
        let out = run(nncat(&args));
        assert_eq!(out.code(), Some(2), "{written:?}: {}", out.stderr);
        assert_eq!(final_reason(&out), "usage", "{written:?}");
    }
    let out = run(nncat([
        "rep",
        "-L",
        &port,
        "--recv-timeout",
        "200ms",
        "--count",
        "1",
        "--exec",
        "echo",
        "--log-format",
        "json",
    ]));
    assert_eq!(out.code(), Some(3), "{}", out.stderr);
    assert!(
        out.stderr.starts_with("nncat: "),
        "the text format stays: {}",
        out.stderr
    );
}

/// A ws server is named by its address in the events, as a tcp one is (it was "the
/// server").
#[test]
fn a_ws_server_is_named_by_its_address() {
    let url = format!("ws://127.0.0.1:{}", free_port());
    let _pull = Running::start_without_stdin(nncat(["pull", "--bind", &url, "-q"]));
    wait_bound(&url);
    let out = run(nncat_json(&["push", "--connect", &url, "-D", "x"])).success();
    let address = url.trim_start_matches("ws://");
    let connected = stderr_objects(&out)
        .into_iter()
        .find(|line| line["event"] == "connected")
        .expect("a connected event");
    assert_eq!(connected["peer"], address, "{connected}");
}
