//! nncat explains what is at an endpoint and why nothing arrives: `probe` against real
//! servers of every type (nncat, nanocat, nngcat) over tcp, ipc and ws, and against raw
//! `std::net` servers that speak garbage, HTTP or nothing; `probe --bind`; and
//! docs/debugging.md's recipes, run. Beside this file: every role explaining its
//! silence (`silence`), sub's topic misses (`topic_misses`) and --stats' round-trip
//! percentiles (`percentiles`).

use std::io::Write;

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

/// Port 0 is said as every type says it (and as an event in JSON), and --count 0 is
/// no limit, as for every type: the probe listens until --recv-timeout.
#[test]
fn probe_bind_on_port_0_says_its_port_and_count_0_is_no_limit() {
    let mut listener = Running::start_watching(nncat([
        "probe",
        "--bind",
        "tcp://127.0.0.1:0",
        "--count",
        "0",
        "--recv-timeout",
        "1s",
    ]));
    listener.stderr().wait_for_text("\n");
    let said = listener.stderr().seen_text();
    let url = said
        .trim_end()
        .strip_prefix("nncat: bound ")
        .unwrap_or_else(|| panic!("the port said: {said}"))
        .to_string();
    run(nncat([
        "push",
        "--connect",
        &url,
        "-D",
        "x",
        "--send-timeout",
        "300ms",
    ]));
    listener.stdout().wait_for_text("push");
    listener.finish().success();

    let out = run(nncat([
        "probe",
        "--bind",
        "ws://127.0.0.1:0",
        "--recv-timeout",
        "100ms",
        "--log-format",
        "json",
    ]))
    .success();
    let events = json_lines_of(&out.stderr);
    assert_eq!(events.len(), 1, "{}", out.stderr);
    assert_eq!(events[0]["event"], "bound");
    assert!(
        events[0]["url"]
            .as_str()
            .is_some_and(|url| url.starts_with("ws://127.0.0.1:") && !url.ends_with(":0")),
        "{}",
        events[0]
    );
}

/// --count and --recv-timeout say when probe --bind stops; beside URLs they meant
/// nothing and were taken without a word.
#[test]
fn probe_count_and_recv_timeout_need_bind() {
    for option in [["--count", "5"], ["--recv-timeout", "1s"]] {
        let mut args = vec!["probe"];
        args.extend_from_slice(&option);
        args.push("tcp://127.0.0.1:1");
        run(nncat(&args)).fails_with(2, "says when probe --bind stops listening");
    }
}

/// An address the probe can never use is the command line's fault: exit 2, reason
/// usage, before any probe (it was exit 1, with reason usage under JSON).
#[test]
fn probe_refuses_an_address_it_can_never_use_with_exit_2() {
    let scratch = Scratch::new();
    let too_long = format!("ipc://{}/{}", scratch.dir().display(), "b".repeat(120));
    for (url, says) in [
        ("tcp://127.0.0.1:99999", "is not a port from 1 to 65535"),
        ("foo://x", "unknown transport"),
        ("127.0.0.1:5", "needs a scheme"),
        ("ipc://", "needs a path"),
        (too_long.as_str(), "at most 107"),
    ] {
        run(nncat(["probe", url])).fails_with(2, says);
    }
    run(nncat(["probe", "--bind", &too_long])).fails_with(2, "at most 107");
}

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

// Every role explains silence: a peer of the wrong type, nothing there, not SP.
mod silence;
// Topic misses: sub filters itself and says what matched no --subscribe.
mod topic_misses;
// Round-trip percentiles with --stats.
mod percentiles;

/// An ipc socket this user may not open: the attempt's failure is the cause the
/// timeout names (it named none). Needs root, to make a folder another user cannot
/// enter and to run nncat as that user (`setpriv`); skipped, and said, without.
#[test]
fn an_ipc_socket_this_user_may_not_open_is_named_as_the_cause() {
    use std::os::unix::fs::PermissionsExt;
    if !is_root() || !have("setpriv") {
        eprintln!("skipped: needs root and setpriv");
        return;
    }
    let scratch = Scratch::new();
    let mode = |path: &std::path::Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .expect("the mode is set");
    };
    mode(scratch.dir(), 0o755);
    // A copy nobody may run: the build's own folder may be closed to other users.
    let copy = scratch.path("nncat");
    std::fs::copy(nncat_path(), &copy).expect("nncat is copied");
    mode(&copy, 0o755);
    let locked = scratch.path("locked");
    std::fs::create_dir(&locked).expect("the folder is made");
    mode(&locked, 0o700);
    let url = format!("ipc://{}/s.sock", locked.display());
    let _server = Running::start_without_stdin(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    let mut command = std::process::Command::new("setpriv");
    command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
    command.arg(&copy);
    command.args(["push", "--connect", &url, "-D", "x", "--send-timeout", "1s"]);
    run(command).fails_with_last_line(3, "cannot reach");
}
