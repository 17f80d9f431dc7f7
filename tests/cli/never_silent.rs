//! Never silent, never misleading: each case where nncat once said nothing, or said
//! something that sent the user the wrong way, against real nncat and nanocat peers.

use std::time::Duration;

use crate::harness::*;

/// How long a notice meant to come "within about 2 s" may take on a loaded machine.
const NOTICE_LIMIT: Duration = Duration::from_secs(6);

#[test]
fn a_publisher_that_exits_leaves_its_subscriber_no_false_warning() {
    let url = tcp_url();
    let publisher = Running::start(nncat(["pub", "--bind", &url, "-i", "200ms"]));
    let mut publisher = publisher;
    publisher.feed_stdin(numbered_lines(5));
    wait_bound(&url);
    let out = run(nncat(["sub", "--connect", &url, "--recv-timeout", "2s"])).success();
    assert!(
        out.stdout_text().ends_with("3\n4\n"),
        "{}",
        out.stdout_text()
    );
    assert_eq!(out.stderr, "", "the publisher only exited");
    publisher.finish().success();
}

/// A publisher of "weather 21C" every 50 ms.
fn lower_case_weather() -> (String, Running) {
    publisher_every_50ms("weather 21C")
}

#[test]
fn a_subscription_that_matches_nothing_says_so_once_without_being_asked() {
    let (url, _publisher) = lower_case_weather();
    let mut sub =
        Running::start_watching(nncat(["sub", "--connect", &url, "--subscribe", "Weather"]));
    assert!(
        sub.stderr()
            .wait_until(NOTICE_LIMIT, |seen| seen.contains(&b'\n')),
        "no notice: {}",
        sub.stderr().seen_text()
    );
    let notice = sub.stderr().seen_text();
    assert!(
        notice.starts_with("nncat: warning: ")
            && notice.contains(" matched no --subscribe in 2s; the first began \"weather 21C\"")
            && notice.contains("(--subscribe \"weather\" would match"),
        "{notice}"
    );
    assert!(sub.is_running(), "a notice does not end the run");
    sub.signal(libc::SIGTERM);
    let out = sub.finish();
    assert!(out.stdout.is_empty());
}

#[test]
fn quiet_silences_the_unmatched_subscription_notice() {
    let (url, _publisher) = lower_case_weather();
    let out = run(nncat([
        "sub",
        "--connect",
        &url,
        "--subscribe",
        "Weather",
        "--recv-timeout",
        "3s",
        "-q",
    ]))
    .success();
    assert_eq!(out.stderr, "");
}

/// `req --connect URL` against a server that speaks another transport than URL's.
fn req_to(url: &str) -> Finished {
    run(nncat([
        "req",
        "--connect",
        url,
        "-D",
        "q",
        "--recv-timeout",
        "2s",
    ]))
}

#[test]
fn tcp_to_a_ws_endpoint_names_the_ws_url_to_use() {
    let port = free_port();
    let ws = format!("ws://127.0.0.1:{port}");
    let tcp = format!("tcp://127.0.0.1:{port}");
    let server = Running::start_without_stdin(nncat(["rep", "--bind", &ws, "-D", "a"]));
    wait_bound(&ws);
    let out = req_to(&tcp).fails_with_last_line(
        3,
        &format!("no reply within --recv-timeout 2s: {tcp}: this is a ws endpoint of a rep socket: use {ws}"),
    );
    assert!(!out.stderr.contains("talks to"), "{}", out.stderr);
    drop(server);
    require("nanocat");
    let port = free_port();
    let ws = format!("ws://127.0.0.1:{port}");
    let tcp = format!("tcp://127.0.0.1:{port}");
    let _nanocat = Running::start_without_stdin(nanocat(&["--rep", "--bind", &ws, "--data", "a"]));
    wait_bound(&ws);
    req_to(&tcp).fails_with_last_line(
        3,
        &format!("{tcp}: this is a ws endpoint of a rep socket: use {ws}"),
    );
}

#[test]
fn ws_to_a_tcp_endpoint_names_the_tcp_url_to_use() {
    let tcp = tcp_url();
    let ws = tcp.replace("tcp://", "ws://");
    let _server = Running::start_without_stdin(nncat(["rep", "--bind", &tcp, "-D", "a"]));
    wait_bound(&tcp);
    req_to(&format!("{ws}/path")).fails_with_last_line(
        3,
        &format!("{ws}/path: this is a tcp endpoint of a rep socket: use {tcp}"),
    );
    run(nncat(["probe", &ws])).fails_with(
        1,
        &format!("{ws}: this is a tcp endpoint of a rep socket: use {tcp}"),
    );
}

#[test]
fn a_ws_or_tcp_url_without_a_port_is_a_usage_error_in_every_command() {
    for url in ["ws://127.0.0.1", "ws://127.0.0.1/path", "tcp://127.0.0.1"] {
        let scheme = url.split("://").next().unwrap_or_default();
        let no_port = format!("invalid address: it has no port (write {scheme}://HOST:PORT");
        run(nncat(["req", "--connect", url, "-D", "x"])).fails_with(2, &no_port);
        run(nncat(["pull", "--bind", url])).fails_with(2, &no_port);
        run(nncat(["probe", url])).fails_with(2, &no_port);
        run(nncat([
            "tap",
            "req",
            "--bind",
            "tcp://127.0.0.1:1",
            "--connect",
            url,
        ]))
        .fails_with(2, &no_port);
    }
}

#[test]
fn a_relative_ipc_path_that_lost_its_slash_gets_the_absolute_url_suggested() {
    let scratch = Scratch::new();
    let absolute = scratch.ipc_url("rep.sock");
    let relative = absolute.replacen("ipc:///", "ipc://", 1);
    let _server = Running::start_without_stdin(nncat(["rep", "--bind", &absolute, "-D", "a"]));
    wait_bound(&absolute);
    let elsewhere = scratch.path("elsewhere");
    std::fs::create_dir(&elsewhere).expect("a folder");
    let mut req = nncat([
        "req",
        "--connect",
        &relative,
        "-D",
        "q",
        "--recv-timeout",
        "1s",
    ]);
    req.current_dir(&elsewhere);
    run(req).fails_with_last_line(
        3,
        &format!(
            "nothing is listening at {relative} (no such ipc socket; did you mean {absolute}?)"
        ),
    );
}

#[test]
fn a_rep_whose_answers_ran_out_takes_no_request_it_cannot_answer() {
    let url = tcp_url();
    let mut rep = Running::start(nncat(["rep", "--bind", &url]));
    rep.feed_stdin(b"ans1\n".to_vec());
    wait_bound(&url);
    let out = run(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "q1",
        "--recv-timeout",
        "5s",
    ]))
    .success();
    assert_eq!(out.stdout_text(), "ans1\n");
    let out = rep.finish();
    assert_eq!(out.code(), Some(0), "{}", out.stderr);
    assert_eq!(out.stdout_text(), "q1\n");
    assert_eq!(out.stderr, "");
    req_to(&url).fails_with_last_line(3, &format!("nothing is listening at {url}"));
}

#[test]
fn a_rep_with_an_empty_stdin_prints_every_request_and_answers_none() {
    let url = tcp_url();
    let mut rep = Running::start_watching(nncat(["rep", "--bind", &url, "-A"]));
    wait_bound(&url);
    for request in ["q1", "q2"] {
        run(nncat([
            "req",
            "--connect",
            &url,
            "-D",
            request,
            "--recv-timeout",
            "300ms",
        ]))
        .fails_with(3, "no reply within --recv-timeout 300ms");
    }
    rep.stdout().wait_for_exactly(b"q1\nq2\n");
    assert!(rep.is_running(), "it keeps listening");
    rep.signal(libc::SIGTERM);
    let out = rep.finish();
    assert_eq!(out.stderr, "");
}

#[test]
fn a_bound_pub_names_the_messages_sent_before_any_subscriber_connected() {
    let url = tcp_url();
    let mut publisher = Running::start_watching_with_stdin(nncat(["pub", "--bind", &url]));
    wait_bound(&url);
    publisher.write_stdin(b"1\n");
    publisher.stderr().wait_for_text(
        "message 1 (\"1\") was sent while no subscriber was connected: it reached nobody\n",
    );
    publisher.write_stdin(b"2\n");
    let mut sub = Running::start_watching(nncat(["sub", "--connect", &url]));
    // Until the subscriber is attached, lines reach nobody: send until one arrives.
    let mut next = 3;
    while !sub
        .stdout()
        .wait_until(Duration::from_millis(50), |seen| !seen.is_empty())
    {
        publisher.write_stdin(format!("{next}\n").as_bytes());
        next += 1;
        assert!(next < 2000, "the subscriber never got a line");
    }
    let first_heard: u64 = sub
        .stdout()
        .seen_text()
        .lines()
        .next()
        .and_then(|line| line.parse().ok())
        .expect("a number");
    let unheard = first_heard - 1;
    publisher.stderr().wait_for_text(&format!(
        "the first {unheard} messages were sent before any subscriber connected: they reached nobody\n"
    ));
    publisher.close_stdin();
    let out = publisher.finish();
    assert_eq!(out.code(), Some(0));
    sub.signal(libc::SIGTERM);
}

#[test]
fn a_bound_surveyor_names_each_survey_sent_while_no_respondent_was_connected() {
    let url = tcp_url();
    let mut surveyor = Running::start_watching_with_stdin(nncat([
        "surveyor",
        "--bind",
        &url,
        "--deadline",
        "200ms",
    ]));
    wait_bound(&url);
    surveyor.write_stdin(b"q1\n");
    surveyor.stderr().wait_for_text(
        "survey 1 (\"q1\") was sent while no respondent was connected: it reached nobody\n",
    );
    let _respondent =
        Running::start_without_stdin(nncat(["respondent", "--connect", &url, "-D", "here"]));
    let mut survey = 2;
    while !surveyor
        .stdout()
        .wait_until(Duration::from_millis(400), |seen| !seen.is_empty())
    {
        surveyor.write_stdin(format!("q{survey}\n").as_bytes());
        survey += 1;
        assert!(survey < 100, "the respondent never answered");
    }
    assert_eq!(surveyor.stdout().seen_text(), "here\n");
    surveyor.close_stdin();
    let out = surveyor.finish();
    assert_eq!(out.code(), Some(0));
}
