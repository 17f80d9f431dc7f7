//! Streaming, and the options that pace and limit it: each stdin record leaves as soon as
//! it is read, --count, --recv-timeout, --interval, --delay, --data and --file.

use std::time::{Duration, Instant};

use crate::harness::*;

#[test]
fn push_sends_each_line_while_its_stdin_is_still_open() {
    let url = tcp_url();
    let mut puller = start_receiver(nncat(["pull", "--bind", &url, "--count", "3"]), &url);
    let mut pusher = Running::start(nncat(["push", "--connect", &url]));
    let mut expected = Vec::new();
    for line in [&b"first\n"[..], b"second\n", b"third\n"] {
        pusher.write_stdin(line);
        expected.extend_from_slice(line);
        // The next line is written only once this one came out of the puller.
        puller.stdout().wait_for_exactly(&expected);
        assert!(pusher.is_running(), "push still has its stdin open");
    }
    pusher.close_stdin();
    pusher.finish().success();
    assert_eq!(puller.finish().success().stdout, expected);
}

#[test]
fn pub_publishes_each_line_live_over_ipc() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("live.sock");
    let mut subscriber = start_receiver(nncat(["sub", "--bind", &url, "--count", "3"]), &url);
    // `tail -f log | nncat pub --connect URL`: a record at a time.
    let mut publisher = Running::start(nncat(["pub", "--connect", &url]));
    let mut expected = Vec::new();
    for line in [&b"log 1\n"[..], b"log 2\n", b"log 3\n"] {
        publisher.write_stdin(line);
        expected.extend_from_slice(line);
        subscriber.stdout().wait_for_exactly(&expected);
    }
    publisher.close_stdin();
    publisher.finish().success();
    assert_eq!(subscriber.finish().success().stdout, expected);
}

/// Writes `records` one at a time to `nncat push <push_args>`, its stdin open all
/// along, and waits after each until `nncat pull <pull_args>` has printed what it
/// became (`records[i].1`) before writing the next.
fn records_stream_one_at_a_time(
    pull_args: &[&str],
    push_args: &[&str],
    records: &[(&[u8], &[u8])],
) {
    let url = tcp_url();
    let count = records.len().to_string();
    let mut pull = vec!["pull", "--bind", &url, "--count", &count];
    pull.extend_from_slice(pull_args);
    let mut puller = start_receiver(nncat(pull), &url);
    let mut push = vec!["push", "--connect", &url];
    push.extend_from_slice(push_args);
    let mut pusher = Running::start(nncat(push));
    let mut printed = Vec::new();
    for (record, output) in records {
        pusher.write_stdin(record);
        printed.extend_from_slice(output);
        puller.stdout().wait_for_exactly(&printed);
    }
    pusher.close_stdin();
    pusher.finish().success();
}

#[test]
fn hex_records_stream_one_at_a_time_too() {
    records_stream_one_at_a_time(
        &["-Q"],
        &["--hex"],
        &[(b"00ff\n", b"\"\\x00\\xff\"\n"), (b"41\n", b"\"A\"\n")],
    );
}

#[test]
fn req_prints_each_reply_before_the_next_request_is_read() {
    let url = tcp_url();
    let replier = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo"]));
    wait_bound(&url);
    let mut requester = Running::start_streaming(nncat(["req", "--connect", &url]));
    requester.write_stdin(b"one\n");
    requester.stdout().wait_for_exactly(b"one\n");
    requester.write_stdin(b"two\n");
    requester.stdout().wait_for_exactly(b"one\ntwo\n");
    requester.close_stdin();
    requester.finish().success();
    drop(replier);
}

#[test]
fn pull_exits_after_count_while_messages_keep_coming() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "3"]));
    wait_bound(&url);
    // This pusher would send for ever.
    let pusher = Running::start_without_stdin(nncat([
        "push",
        "--connect",
        &url,
        "--data",
        "tick",
        "--interval",
        "20ms",
    ]));
    assert_eq!(puller.finish().success().stdout, b"tick\ntick\ntick\n");
    drop(pusher);
}

#[test]
fn push_with_data_and_count_sends_it_count_times() {
    let url = tcp_url();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "--recv-timeout", "1s"]));
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "-D", "again", "-C", "5"])).success();
    // The puller stops after a second of silence, so a sixth message would show.
    assert_eq!(puller.finish().success().stdout, b"again\n".repeat(5));
}

#[test]
fn push_with_count_stops_reading_stdin_after_count_messages() {
    let url = tcp_url();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "--recv-timeout", "1s"]));
    wait_bound(&url);
    run_with_input(
        nncat(["push", "--connect", &url, "--count", "2"]),
        b"a\nb\nc\nd\n",
    )
    .success();
    assert_eq!(puller.finish().success().stdout, b"a\nb\n");
}

#[test]
fn data_is_sent_once_without_count_or_interval() {
    let url = tcp_url();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "--recv-timeout", "1s"]));
    wait_bound(&url);
    let pusher = run(nncat(["push", "--connect", &url, "--data", "only once"])).success();
    assert!(pusher.stdout.is_empty());
    assert_eq!(puller.finish().success().stdout, b"only once\n");
}

#[test]
fn recv_timeout_counts_from_the_last_message_received() {
    let url = tcp_url();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "--recv-timeout", "2s"]));
    wait_bound(&url);
    // Twelve messages over about 2.75s: longer than the timeout, but never 2s apart.
    let started = Instant::now();
    run(nncat([
        "push",
        "--connect",
        &url,
        "-D",
        "x",
        "-i",
        "250ms",
        "-C",
        "12",
    ]))
    .success();
    assert!(started.elapsed() >= Duration::from_millis(2_750));
    assert_eq!(puller.finish().success().stdout, b"x\n".repeat(12));
}

#[test]
fn pull_that_falls_short_of_count_before_recv_timeout_exits_3() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat([
        "pull",
        "--bind",
        &url,
        "--count",
        "5",
        "--recv-timeout",
        "500ms",
    ]));
    wait_bound(&url);
    run_with_input(nncat(["push", "--connect", &url]), b"1\n2\n").success();
    let out = puller.finish().fails_with(3, "received 2 of 5 messages");
    assert_eq!(out.stdout, b"1\n2\n", "what arrived is printed");
}

#[test]
fn interval_repeats_data_and_count_stops_it() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "4"]));
    wait_bound(&url);
    let started = Instant::now();
    run(nncat([
        "push",
        "--connect",
        &url,
        "-D",
        "beat",
        "-i",
        "100ms",
        "--count",
        "4",
    ]))
    .success();
    let elapsed = started.elapsed();
    assert_eq!(puller.finish().success().stdout, b"beat\n".repeat(4));
    // Three intervals lie between four sends.
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
}

/// pair and bus count what they receive; --data repeated by --interval never ends, so
/// reaching --count (or --recv-timeout) ends the run (it waited for the input's end).
#[test]
fn pair_repeating_data_ends_at_count_and_at_recv_timeout() {
    let url = tcp_url();
    let server = Running::start_without_stdin(nncat([
        "pair",
        "--bind",
        &url,
        "-D",
        "from server",
        "-i",
        "20ms",
        "--recv-timeout",
        "1s",
    ]));
    wait_bound(&url);
    let client = Running::start_without_stdin(nncat([
        "pair",
        "--connect",
        &url,
        "-D",
        "from client",
        "-i",
        "50ms",
        "--count",
        "3",
    ]));
    let client = client.finish_within(Duration::from_secs(10)).success();
    assert_eq!(client.stdout, b"from server\n".repeat(3));
    let server = server.finish_within(Duration::from_secs(10)).success();
    assert!(
        server.stdout_text().starts_with("from client\n"),
        "{}",
        server.stdout_text()
    );
}

#[test]
fn interval_with_stdin_waits_between_messages() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "3"]));
    wait_bound(&url);
    let started = Instant::now();
    run_with_input(
        nncat(["push", "--connect", &url, "--interval", "0.2"]),
        b"a\nb\nc\n",
    )
    .success();
    let elapsed = started.elapsed();
    assert_eq!(puller.finish().success().stdout, b"a\nb\nc\n");
    assert!(elapsed >= Duration::from_millis(400), "{elapsed:?}");
}

#[test]
fn delay_waits_before_the_first_send() {
    let url = tcp_url();
    let mut puller = start_receiver(nncat(["pull", "--bind", &url, "--count", "1"]), &url);
    let started = Instant::now();
    let pusher = Running::start_without_stdin(nncat([
        "push",
        "--connect",
        &url,
        "-D",
        "late",
        "-d",
        "600ms",
    ]));
    puller.stdout().wait_for_exactly(b"late\n");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(500),
        "arrived after {elapsed:?}"
    );
    pusher.finish().success();
    puller.finish().success();
}

#[test]
fn file_sends_the_files_bytes_as_one_message() {
    let scratch = Scratch::new();
    let path = scratch.path("payload.bin");
    let mut payload = random_bytes(81, 50_000);
    payload.extend_from_slice(b"\nlines\ninside\n");
    std::fs::write(&path, &payload).expect("the scratch folder is writable");
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat([
        "pull",
        "--bind",
        &url,
        "--hex",
        "--recv-timeout",
        "1s",
    ]));
    wait_bound(&url);
    let path = path.to_str().expect("a UTF-8 temporary path");
    run(nncat(["push", "--connect", &url, "-F", path])).success();
    assert_eq!(puller.finish().success().stdout, hex_lines(&[payload]));
}

#[test]
fn file_dash_sends_all_of_stdin_as_one_message() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat([
        "pull",
        "--bind",
        &url,
        "--hex",
        "--recv-timeout",
        "1s",
    ]));
    wait_bound(&url);
    let input = b"line one\nline two\n\0binary\xff".to_vec();
    run_with_input(nncat(["push", "--connect", &url, "--file", "-"]), &input).success();
    assert_eq!(puller.finish().success().stdout, hex_lines(&[input]));
}

#[test]
fn file_with_count_sends_it_count_times() {
    let scratch = Scratch::new();
    let path = scratch.path("small.txt");
    std::fs::write(&path, b"file body").expect("the scratch folder is writable");
    let path = path.to_str().expect("a UTF-8 temporary path");
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "3"]));
    wait_bound(&url);
    run(nncat([
        "push",
        "--connect",
        &url,
        "--file",
        path,
        "--count",
        "3",
    ]))
    .success();
    assert_eq!(puller.finish().success().stdout, b"file body\n".repeat(3));
}

#[test]
fn rep_answers_with_a_files_bytes() {
    let scratch = Scratch::new();
    let path = scratch.path("answer.txt");
    std::fs::write(&path, b"from file").expect("the scratch folder is writable");
    let path = path.to_str().expect("a UTF-8 temporary path");
    let url = tcp_url();
    let replier =
        Running::start_without_stdin(nncat(["rep", "--bind", &url, "-F", path, "--count", "1"]));
    wait_bound(&url);
    let out = run(nncat(["req", "--connect", &url, "-D", "q"])).success();
    assert_eq!(out.stdout, b"from file\n");
    assert_eq!(replier.finish().success().stdout, b"q\n");
}

#[test]
fn msgpack_records_stream_one_at_a_time() {
    records_stream_one_at_a_time(
        &[],
        &["--msgpack"],
        &[
            (&msgpack_stream(&[b"first".to_vec()]), b"first\n"),
            (&msgpack_stream(&[b"second".to_vec()]), b"second\n"),
        ],
    );
}

#[test]
fn null_separated_records_stream_one_at_a_time() {
    records_stream_one_at_a_time(
        &["-0"],
        &["-0"],
        &[(b"one\nline\0", b"one\nline\0"), (b"two\0", b"two\0")],
    );
}

#[test]
fn last_line_without_newline_is_still_sent() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "2"]));
    wait_bound(&url);
    run_with_input(nncat(["push", "--connect", &url]), b"a\nno newline").success();
    assert_eq!(puller.finish().success().stdout, b"a\nno newline\n");
}
