//! Every socket type end to end: real nncat processes on both sides, over tcp on
//! 127.0.0.1 and ipc in a temporary folder (and ws once).

use crate::harness::*;

fn push_to_pull(url: &str) {
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", url, "--count", "3"]));
    wait_bound(url);
    run_with_input(nncat(["push", "--connect", url]), b"one\ntwo\nthree\n").success();
    assert_eq!(puller.finish().success().stdout, b"one\ntwo\nthree\n");
}

#[test]
fn push_to_pull_over_tcp_delivers_lines_in_order() {
    push_to_pull(&tcp_url());
}

#[test]
fn push_to_pull_over_ipc_in_a_temporary_folder() {
    let scratch = Scratch::new();
    push_to_pull(&scratch.ipc_url("push.sock"));
}

#[test]
fn push_to_pull_over_websocket() {
    // libnanomsg 1.1.5 refuses a path in a ws address it binds.
    let url = format!("ws://127.0.0.1:{}", free_port());
    push_to_pull(&url);
}

#[test]
fn pull_that_connects_receives_from_push_that_binds() {
    let url = tcp_url();
    let pusher = Running::start(nncat(["push", "--bind", &url]));
    let mut pusher = pusher;
    pusher.write_stdin(b"a\nb\n");
    pusher.close_stdin();
    let out = run(nncat(["pull", "--connect", &url, "--count", "2"])).success();
    assert_eq!(out.stdout, b"a\nb\n");
    pusher.finish().success();
}

#[test]
fn bind_local_and_connect_local_use_loopback_ports() {
    let port = free_port().to_string();
    let url = format!("tcp://127.0.0.1:{port}");
    let puller = Running::start_without_stdin(nncat(["pull", "-L", &port, "--count", "1"]));
    wait_bound(&url);
    run(nncat(["push", "-l", &port, "-D", "local"])).success();
    assert_eq!(puller.finish().success().stdout, b"local\n");
}

#[test]
fn bind_ipc_and_connect_ipc_take_paths() {
    let scratch = Scratch::new();
    let path = scratch.path("short.sock");
    let path = path.to_str().expect("a UTF-8 temporary path");
    let puller = Running::start_without_stdin(nncat(["pull", "-X", path, "--count", "1"]));
    wait_bound(&format!("ipc://{path}"));
    run(nncat(["push", "-x", path, "-D", "by path"])).success();
    assert_eq!(puller.finish().success().stdout, b"by path\n");
}

/// The publisher binds and waits for its subscriber, so nothing is published into
/// the void; returns the subscriber's output.
fn publish_to_subscriber(sub_args: &[&str], input: &[u8]) -> Vec<u8> {
    let url = tcp_url();
    let mut publisher = Running::start(nncat(["pub", "--bind", &url, "--wait-peers", "1"]));
    publisher.write_stdin(input);
    publisher.close_stdin();
    let mut args = vec!["sub", "--connect", &url];
    args.extend_from_slice(sub_args);
    let subscriber = Running::start_without_stdin(nncat(args));
    publisher.finish().success();
    subscriber.finish().success().stdout
}

#[test]
fn sub_receives_only_messages_that_match_its_subscriptions() {
    let out = publish_to_subscriber(
        &[
            "--subscribe",
            "ERROR",
            "--subscribe",
            "WARN",
            "--count",
            "3",
        ],
        b"ERROR disk\nINFO fine\nWARN slow\nDEBUG noise\nERROR again\n",
    );
    assert_eq!(out, b"ERROR disk\nWARN slow\nERROR again\n");
}

#[test]
fn sub_without_subscription_receives_everything() {
    let out = publish_to_subscriber(&["--count", "3"], b"ERROR disk\nINFO fine\nanything\n");
    assert_eq!(out, b"ERROR disk\nINFO fine\nanything\n");
}

#[test]
fn pub_that_connects_reaches_a_bound_subscriber() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("pub.sock");
    let subscriber = Running::start_without_stdin(nncat(["sub", "--bind", &url, "--count", "2"]));
    wait_bound(&url);
    run_with_input(nncat(["pub", "--connect", &url]), b"first\nsecond\n").success();
    assert_eq!(subscriber.finish().success().stdout, b"first\nsecond\n");
}

/// A rep answering two requests from `req`; returns (req's stdout, rep's stdout).
fn request_reply(rep_answer: &[&str], requests: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let url = tcp_url();
    let mut args = vec!["rep", "--bind", &url, "--count", "2"];
    args.extend_from_slice(rep_answer);
    let replier = Running::start_without_stdin(nncat(args));
    wait_bound(&url);
    let requester = run_with_input(nncat(["req", "--connect", &url]), requests).success();
    let replier = replier.finish().success();
    (requester.stdout, replier.stdout)
}

#[test]
fn rep_with_echo_answers_each_request_with_itself() {
    let (replies, requests) = request_reply(&["--echo"], b"ping\npong\n");
    assert_eq!(replies, b"ping\npong\n");
    assert_eq!(requests, b"ping\npong\n", "rep prints every request");
}

#[test]
fn rep_with_data_answers_every_request_with_it() {
    let (replies, requests) = request_reply(&["--data", "ack"], b"one\ntwo\n");
    assert_eq!(replies, b"ack\nack\n");
    assert_eq!(requests, b"one\ntwo\n");
}

#[test]
fn rep_with_exec_answers_with_the_commands_output() {
    // --exec takes the rest of the command line, so it comes last.
    let (replies, requests) =
        request_reply(&["--exec", "tr", "a-z", "A-Z"], b"shout\nquiet words\n");
    assert_eq!(replies, b"SHOUT\nQUIET WORDS\n");
    assert_eq!(requests, b"shout\nquiet words\n");
}

#[test]
fn rep_with_exec_runs_the_command_without_a_shell() {
    // With a shell, '$HOME' would be expanded; run directly, echo prints it as it is.
    let (replies, _) = request_reply(&["--exec", "echo", "-n", "$HOME;x"], b"a\nb\n");
    assert_eq!(replies, b"$HOME;x\n$HOME;x\n");
}

#[test]
fn rep_answers_from_its_stdin_as_a_coprocess_after_printing_the_request() {
    let url = tcp_url();
    let mut replier = Running::start_streaming(nncat(["rep", "--bind", &url, "--count", "2"]));
    wait_bound(&url);
    let requester = Running::start(nncat(["req", "--connect", &url]));
    let mut requester = requester;
    requester.write_stdin(b"first question\nsecond question\n");
    requester.close_stdin();
    // Each answer is written only once its request has been printed.
    replier.stdout().wait_for_exactly(b"first question\n");
    replier.write_stdin(b"answer one\n");
    replier
        .stdout()
        .wait_for_exactly(b"first question\nsecond question\n");
    replier.write_stdin(b"answer two\n");
    replier.close_stdin();
    assert_eq!(
        requester.finish().success().stdout,
        b"answer one\nanswer two\n"
    );
    replier.finish().success();
}

#[test]
fn req_over_ipc_gets_one_reply_per_request_in_order() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("rep.sock");
    let replier = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo"]));
    wait_bound(&url);
    let input = numbered_lines(50);
    let out = run_with_input(nncat(["req", "--connect", &url]), &input).success();
    assert_eq!(out.stdout, input);
    drop(replier);
}

fn pair_exchange(url: &str, connect_url: &str) {
    let mut left = Running::start(nncat(["pair", "--bind", url, "--count", "2"]));
    wait_bound(url);
    let mut right = Running::start(nncat(["pair", "--connect", connect_url, "--count", "2"]));
    left.write_stdin(b"from left 1\nfrom left 2\n");
    right.write_stdin(b"from right 1\nfrom right 2\n");
    left.close_stdin();
    right.close_stdin();
    assert_eq!(
        left.finish().success().stdout,
        b"from right 1\nfrom right 2\n"
    );
    assert_eq!(
        right.finish().success().stdout,
        b"from left 1\nfrom left 2\n"
    );
}

#[test]
fn pair_peers_exchange_messages_both_ways() {
    let url = tcp_url();
    pair_exchange(&url, &url);
}

/// Both ends of a ws connection pass through nncat's ws guard (its own listener on the
/// bound side, its relay on the connecting side): messages still flow both ways.
#[test]
fn pair_peers_exchange_messages_both_ways_over_websocket() {
    let url = format!("ws://127.0.0.1:{}", free_port());
    pair_exchange(&url, &format!("{url}/pair"));
}

#[test]
fn pair_over_ipc_keeps_receiving_after_its_input_ends() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("pair.sock");
    // The binding side has no input at all; it still receives until --count.
    let left = Running::start_without_stdin(nncat(["pair", "--bind", &url, "--count", "3"]));
    wait_bound(&url);
    // After its input, a pair keeps receiving: --recv-timeout ends it.
    run_with_input(
        nncat(["pair", "--connect", &url, "--recv-timeout", "300ms"]),
        b"x\ny\nz\n",
    )
    .success();
    assert_eq!(left.finish().success().stdout, b"x\ny\nz\n");
}

#[test]
fn bus_node_hears_every_directly_connected_peer_and_they_hear_it() {
    let url = tcp_url();
    let hub = Running::start_without_stdin(nncat([
        "bus",
        "--bind",
        &url,
        "--wait-peers",
        "2",
        "--data",
        "from hub",
        "--count",
        "2",
    ]));
    wait_bound(&url);
    let spoke = |name: &str| {
        Running::start_without_stdin(nncat([
            "bus",
            "--connect",
            &url,
            "--wait-peers",
            "1",
            "--data",
            name,
            "--count",
            "1",
        ]))
    };
    let first = spoke("from first");
    let second = spoke("from second");
    assert_eq!(first.finish().success().stdout, b"from hub\n");
    assert_eq!(second.finish().success().stdout, b"from hub\n");
    assert_eq!(
        sorted_lines(&hub.finish().success().stdout),
        ["from first", "from second"]
    );
}

#[test]
fn surveyor_prints_every_answer_until_the_deadline() {
    let url = tcp_url();
    let scratch = Scratch::new();
    let answers_url = scratch.ipc_url("survey.sock");
    let surveyor = Running::start_without_stdin(nncat([
        "surveyor",
        "--bind",
        &url,
        "--bind",
        &answers_url,
        "--wait-peers",
        "2",
        "--deadline",
        "2s",
        "--data",
        "who is there?",
    ]));
    wait_bound(&url);
    wait_bound(&answers_url);
    let over_tcp = Running::start_without_stdin(nncat([
        "respondent",
        "--connect",
        &url,
        "--data",
        "tcp here",
        "--count",
        "1",
    ]));
    let over_ipc = Running::start_without_stdin(nncat([
        "respondent",
        "--connect",
        &answers_url,
        "--echo",
        "--count",
        "1",
    ]));
    assert_eq!(over_tcp.finish().success().stdout, b"who is there?\n");
    assert_eq!(over_ipc.finish().success().stdout, b"who is there?\n");
    assert_eq!(
        sorted_lines(&surveyor.finish().success().stdout),
        ["tcp here", "who is there?"]
    );
}

#[test]
fn surveyor_with_no_answers_ends_after_its_deadline() {
    let url = tcp_url();
    let respondent_url = url.clone();
    let surveyor = Running::start_without_stdin(nncat([
        "surveyor",
        "--bind",
        &url,
        "--wait-peers",
        "1",
        "--deadline",
        "300ms",
        "--data",
        "anyone?",
    ]));
    wait_bound(&url);
    // This respondent prints the survey and never answers: its stdin stays open.
    let mut silent = Running::start_streaming(nncat(["respondent", "--connect", &respondent_url]));
    silent.stdout().wait_for_exactly(b"anyone?\n");
    let out = surveyor.finish().success();
    assert!(out.stdout.is_empty(), "{:?}", out.stdout_text());
}

#[test]
fn pub_with_no_subscriber_exits_at_the_end_of_its_input_and_says_so() {
    let url = tcp_url();
    let out = run_with_input(nncat(["pub", "--bind", &url]), b"into\nthe void\n").success();
    assert!(out.stdout.is_empty(), "{out:?}");
    assert_eq!(
        out.stderr,
        "nncat: warning: message 1 (\"into\") was sent while no subscriber was connected: it reached nobody\n\
         nncat: warning: all 2 messages were sent while no subscriber was connected: they reached nobody\n"
    );
    let quiet = run_with_input(nncat(["pub", "--bind", &url, "-q"]), b"x\n").success();
    assert_eq!(quiet.stderr, "");
}

#[test]
fn pub_that_connects_to_nobody_stops_waiting_and_exits_0() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("nobody.sock");
    run(nncat(["pub", "--connect", &url, "-D", "hello?"])).success();
}

#[test]
fn rep_with_exec_that_fails_answers_nothing_says_why_and_exits_1() {
    let url = tcp_url();
    let replier = Running::start_without_stdin(nncat([
        "rep", "--bind", &url, "--count", "1", "--exec", "false",
    ]));
    wait_bound(&url);
    run(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "q",
        "--recv-timeout",
        "500ms",
    ]))
    .fails_with(3, "no reply within");
    let out = replier.finish();
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert_eq!(out.stdout, b"q\n");
    assert_eq!(
        out.stderr,
        "nncat: warning: 'false' exited with status 1; no answer sent for this request\n\
         nncat: 1 of 1 --exec commands failed; the first: 'false' exited with status 1\n"
    );
}

#[test]
fn pair_with_its_input_open_outlives_its_recv_timeout() {
    let url = tcp_url();
    let mut left =
        Running::start_streaming(nncat(["pair", "--bind", &url, "--recv-timeout", "200ms"]));
    wait_bound(&url);
    // Half a second at least between the two messages: longer than left's timeout.
    let mut right = Running::start(nncat([
        "pair",
        "--connect",
        &url,
        "-i",
        "500ms",
        "--recv-timeout",
        "200ms",
    ]));
    right.write_stdin(b"tick\ntock\n");
    right.close_stdin();
    left.stdout().wait_for_exactly(b"tick\ntock\n");
    assert!(
        left.is_running(),
        "stdin is open, so the timeout did not end it"
    );
    left.close_stdin();
    let out = left.finish().success();
    assert_eq!(out.stdout, b"tick\ntock\n");
    right.finish().success();
}
