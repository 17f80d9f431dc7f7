//! Every role explains silence: a client of the wrong type against each server (nncat,
//! nanocat, nngcat) warns, naming the peer's type and the command that would talk to
//! it; nothing listening, a name that does not resolve and a server that is not SP are
//! each said once, with the reason; -v tells the handshake's story and -q keeps only
//! the final error.

use std::thread;

use crate::harness::*;

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
