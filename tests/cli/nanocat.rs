//! nanocat's command lines run unchanged under nncat (the type as a flag, nn_* names,
//! times in seconds), and the defects of nanocat's that nncat fixes.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::*;

#[test]
fn nanocat_command_line_runs_unchanged_under_nncat() {
    let url = tcp_url();
    // The same flags nanocat takes: --pull as a flag, -A, --recv-timeout in seconds.
    let puller = Running::start_without_stdin(nncat([
        "--pull",
        "--bind",
        &url,
        "-A",
        "--recv-timeout",
        "1",
    ]));
    wait_bound(&url);
    run(nncat(["--push", "--connect", &url, "-D", "compatible"])).success();
    assert_eq!(puller.finish().success().stdout, b"compatible\n");
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
    let mut puller = start_receiver(puller, &url);
    let mut pusher = Command::new(&nn_push);
    pusher.args(["--connect", &url, "--data", "by name"]);
    run(pusher).success();
    puller.stdout().wait_for_exactly(b"\"by name\"\n");
}

#[test]
fn nanocat_sub_with_subscribe_receives_only_its_topic() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("pubsub.sock");
    let mut subscriber = start_receiver(
        nncat(["--sub", "--bind", &url, "--subscribe", "news", "-A"]),
        &url,
    );
    // Two nanocat-style publishers repeating their message every interval.
    let _sport = Running::start_without_stdin(nncat([
        "--pub",
        "--connect",
        &url,
        "--data",
        "sport y",
        "-i",
        "0.02",
    ]));
    let _news = Running::start_without_stdin(nncat([
        "--pub",
        "--connect",
        &url,
        "--data",
        "news x",
        "-i",
        "0.02",
    ]));
    subscriber.stdout().wait_for_lines(3);
    let seen = subscriber.stdout().seen_text();
    assert!(seen.lines().all(|line| line == "news x"), "{seen}");
}

#[test]
fn nanocat_req_and_rep_command_lines_run_unchanged() {
    let url = tcp_url();
    let mut replier = start_receiver(
        nncat(["--rep", "--bind", &url, "--data", "pong", "-A"]),
        &url,
    );
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
fn output_is_printed_as_text_without_a_format_flag() {
    // nanocat prints nothing unless it is given a format.
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["--pull", "--bind", &url, "-C", "1"]));
    wait_bound(&url);
    run(nncat(["--push", "--connect", &url, "--data", "plain"])).success();
    assert_eq!(puller.finish().success().stdout, b"plain\n");
}

/// What nanocat takes and nncat refused: a value that starts with '-' (`-D -5`,
/// `--subscribe -ERR`), several format options (the last counts), `-v` with `-q`.
#[test]
fn nanocat_lines_with_dashed_values_several_formats_and_v_with_q_run() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat([
        "--pull",
        "--bind",
        &url,
        "--format",
        "quoted",
        "-A",
        "-v",
        "-q",
        "--recv-timeout",
        "1",
    ]));
    wait_bound(&url);
    run(nncat(["--push", "--connect", &url, "-D", "-5"])).success();
    run(nncat([
        "--push",
        "--connect",
        &url,
        "--data=-6",
        "-A",
        "-Q",
    ]))
    .success();
    let out = puller.finish().success();
    assert_eq!(out.stdout, b"-5\n-6\n", "ascii, the last format given");
    assert_eq!(out.stderr, "", "-q, the last of -v and -q");

    let (url, _publisher) = publisher_every_50ms("-ERR: disk");
    let subscriber = run(nncat([
        "--sub",
        "--connect",
        &url,
        "--subscribe",
        "-ERR",
        "-A",
        "--count",
        "1",
    ]));
    assert_eq!(subscriber.success().stdout, b"-ERR: disk\n");
}
