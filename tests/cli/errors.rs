//! Every error with its exit code and its one line on stderr: usage (2), timeout (3),
//! input that does not parse (4), runtime (1); and the quiet endings: a closed stdout
//! (0) and SIGINT/SIGTERM (130/143) with stdout flushed.

use crate::harness::*;

// Usage errors: exit 2.

#[test]
fn unknown_socket_type_is_a_usage_error() {
    run(nncat(["frob", "--bind", "tcp://127.0.0.1:5555"])).fails_with(2, "'frob'");
}

#[test]
fn missing_endpoint_is_a_usage_error() {
    run(nncat(["pull", "--count", "1"])).fails_with(2, "no endpoint");
}

#[test]
fn tcp_address_without_port_is_a_usage_error() {
    run(nncat(["pull", "--bind", "tcp://127.0.0.1"]))
        .fails_with(2, "cannot bind to 'tcp://127.0.0.1': invalid address");
    run(nncat(["pull", "--bind", "tcp://127.0.0.1:99999"])).fails_with(
        2,
        "cannot bind to 'tcp://127.0.0.1:99999': invalid address (tcp needs",
    );
}

#[test]
fn unknown_transport_is_a_usage_error() {
    run(nncat(["pull", "--bind", "carrier-pigeon://coop"])).fails_with(2, "unknown transport");
}

#[test]
fn bad_duration_is_a_usage_error() {
    let url = tcp_url();
    run(nncat(["pull", "--bind", &url, "--recv-timeout", "soon"])).fails_with(2, "'soon'");
    run(nncat([
        "push",
        "--bind",
        &url,
        "-D",
        "x",
        "--interval",
        "-1",
    ]))
    .fails_with(2, "'-1'");
    // Past the monotonic clock's end, a wait overflowed it: a panic, exit 101.
    for (args, option) in [
        (&["pull", "--bind", &url][..], "--recv-timeout"),
        (&["push", "--bind", &url, "-D", "x"], "--linger"),
        (&["probe", "tcp://127.0.0.1:1"], "--timeout"),
        (&["rep", "--bind", &url, "--exec", "cat"], "--exec-timeout"),
    ] {
        let mut args = args.to_vec();
        args.splice(1..1, [option, "18446744073709551615s"]);
        run(nncat(&args)).fails_with(2, "too long: at most 100 years");
    }
}

#[test]
fn unknown_format_and_unknown_flag_are_usage_errors() {
    let url = tcp_url();
    run(nncat(["pull", "--bind", &url, "--format", "yaml"])).fails_with(2, "'yaml'");
    run(nncat(["pull", "--bind", &url, "--frobnicate"])).fails_with(2, "--frobnicate");
}

// Timeouts: exit 3.

#[test]
fn push_with_send_timeout_and_no_peer_exits_3() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("lonely.sock");
    run(nncat([
        "push",
        "--bind",
        &url,
        "--send-timeout",
        "300ms",
        "-D",
        "hi",
    ]))
    .fails_with(3, "no peer ever connected");
}

#[test]
fn req_whose_rep_never_answers_exits_3_after_recv_timeout() {
    let url = tcp_url();
    // A rep answering from its stdin, which never says anything.
    let mut replier = Running::start_streaming(nncat(["rep", "--bind", &url]));
    wait_bound(&url);
    let out = run(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "hello?",
        "--recv-timeout",
        "500ms",
    ]))
    .fails_with(3, "no reply within --recv-timeout");
    assert!(out.stdout.is_empty());
    // The request did arrive: it is the answer that is missing.
    replier.stdout().wait_for_exactly(b"hello?\n");
}

#[test]
fn req_with_no_rep_at_all_exits_3_after_recv_timeout() {
    let url = tcp_url();
    run(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "anyone?",
        "--recv-timeout",
        "300ms",
    ]))
    .fails_with(3, "no reply within");
}

#[test]
fn wait_peers_that_never_come_exits_3() {
    let url = tcp_url();
    run(nncat([
        "pub",
        "--bind",
        &url,
        "--wait-peers",
        "1",
        "--send-timeout",
        "300ms",
        "-D",
        "x",
    ]))
    .fails_with(3, "no peer connected within 300ms");
}

#[test]
fn connecting_to_a_closed_port_times_out_with_exit_3() {
    let url = tcp_url();
    run(nncat([
        "push",
        "--connect",
        &url,
        "--send-timeout",
        "200ms",
        "-D",
        "hi",
    ]))
    .fails_with(
        3,
        &format!("nothing is listening at {url} (connection refused)"),
    );
}

// Input that does not parse: exit 4, naming the record; the records before it were sent.

/// Pushes `input` in `format`, expecting exit 4 with `message`, and returns what a
/// puller received (it expects `delivered` messages).
fn bad_input(format: &[&str], input: &[u8], message: &str, delivered: usize) -> Vec<u8> {
    let url = tcp_url();
    let count = delivered.to_string();
    let puller =
        Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", &count, "--hex"]));
    wait_bound(&url);
    let mut args = vec!["push", "--connect", &url];
    args.extend_from_slice(format);
    run_with_input(nncat(args), input).fails_with(4, message);
    puller.finish().success().stdout
}

#[test]
fn hex_input_rejects_invalid_digit_with_record_number_after_sending_the_records_before() {
    let got = bad_input(
        &["--hex"],
        b"6869\n6a6b\n6g\n7071\n",
        "nncat: stdin record 3: invalid hex digit 'g' at column 2",
        2,
    );
    assert_eq!(got, b"6869\n6a6b\n");
}

#[test]
fn hex_input_rejects_odd_digits_with_record_number() {
    let got = bad_input(
        &["--hex"],
        b"00\nabc\n",
        "stdin record 2: odd number of hex digits",
        1,
    );
    assert_eq!(got, b"00\n");
}

#[test]
fn quoted_input_rejects_a_missing_closing_quote_with_record_number() {
    let got = bad_input(
        &["-Q"],
        b"\"one\"\n\"two\"\n\"three\n",
        "stdin record 3: missing closing '\"'",
        2,
    );
    assert_eq!(got, b"6f6e65\n74776f\n");
}

#[test]
fn msgpack_input_rejects_a_non_bin_object_with_record_number() {
    let mut input = msgpack_stream(&[b"ok".to_vec()]);
    input.push(0x92); // a fixarray
    let got = bad_input(
        &["--msgpack"],
        &input,
        "stdin record 2: expected a msgpack bin",
        1,
    );
    assert_eq!(got, b"6f6b\n");
}

#[test]
fn msgpack_input_cut_short_is_bad_input() {
    let mut input = msgpack_stream(&[b"ok".to_vec()]);
    input.extend_from_slice(&[0xc4, 10, b'a']);
    let got = bad_input(
        &["--msgpack"],
        &input,
        "stdin record 2: input ends inside",
        1,
    );
    assert_eq!(got, b"6f6b\n");
}

// Runtime errors: exit 1.

#[test]
fn ipc_path_in_a_missing_folder_is_a_runtime_error() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("no/such/folder/x.sock");
    run(nncat(["pull", "--bind", &url]))
        .fails_with(1, "the folder for the ipc socket does not exist");
}

#[test]
fn binding_a_tcp_port_that_is_in_use_is_a_runtime_error() {
    let url = tcp_url();
    let first = Running::start_without_stdin(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    run(nncat(["pull", "--bind", &url])).fails_with(1, "address already in use");
    drop(first);
}

#[test]
fn missing_data_file_is_a_runtime_error() {
    let scratch = Scratch::new();
    let path = scratch.path("absent.bin");
    let path = path.to_str().expect("a UTF-8 temporary path");
    run(nncat(["push", "--connect", &tcp_url(), "-F", path])).fails_with(1, "absent.bin");
}

// Quiet endings.

#[test]
fn sub_whose_stdout_is_closed_exits_0_quietly() {
    let url = tcp_url();
    let publisher =
        Running::start_without_stdin(nncat(["pub", "--bind", &url, "-D", "news", "-i", "20ms"]));
    wait_bound(&url);
    // `nncat sub ... | head -1`
    let mut subscriber = Running::start_streaming(nncat(["sub", "--connect", &url]));
    subscriber.close_stdin();
    subscriber.stdout().wait_for_lines(1);
    subscriber.close_stdout();
    let out = subscriber.finish();
    assert_eq!(out.code(), Some(0), "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
    drop(publisher);
}

#[test]
fn pull_whose_stdout_is_closed_during_a_flood_exits_0_quietly() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("flood.sock");
    let mut puller = start_receiver(nncat(["pull", "--bind", &url]), &url);
    let pusher = Running::start_without_stdin(nncat([
        "push",
        "--connect",
        &url,
        "-D",
        "flood",
        "-C",
        "1000000",
    ]));
    puller.stdout().wait_for_lines(1);
    puller.close_stdout();
    let out = puller.finish();
    assert_eq!(out.code(), Some(0), "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
    drop(pusher);
}

#[test]
fn sigint_stops_pull_with_every_received_message_on_stdout() {
    let url = tcp_url();
    let mut puller = start_receiver(nncat(["pull", "--bind", &url]), &url);
    let input = numbered_lines(5);
    run_with_input(nncat(["push", "--connect", &url]), &input).success();
    puller.stdout().wait_for_exactly(&input);
    puller.signal(libc::SIGINT);
    let out = puller.finish();
    assert_eq!(out.code(), Some(130), "stderr: {}", out.stderr);
    assert_eq!(out.stdout, input);
    assert_eq!(out.stderr, "", "a signal is not an error to report");
}

#[test]
fn sigterm_in_the_middle_of_a_stream_leaves_whole_records_on_stdout() {
    let url = tcp_url();
    let mut puller = start_receiver(nncat(["pull", "--bind", &url]), &url);
    let input = numbered_lines(500_000);
    let mut pusher = Running::start(nncat(["push", "--connect", &url]));
    pusher.feed_stdin(input.clone());
    assert!(
        puller
            .stdout()
            .wait_until(LIMIT, |seen| seen.len() >= 10_000),
        "messages arrive"
    );
    puller.signal(libc::SIGTERM);
    let out = puller.finish();
    assert_eq!(out.code(), Some(143), "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(out.stdout.len() >= 10_000);
    assert!(
        out.stdout.ends_with(b"\n") && input.starts_with(&out.stdout),
        "stdout ends in the middle of a record or skips one: {} bytes, ends {:?}",
        out.stdout.len(),
        String::from_utf8_lossy(&out.stdout[out.stdout.len().saturating_sub(20)..])
    );
    drop(pusher);
}

#[test]
fn sigterm_stops_an_idle_receiver_quietly() {
    let url = tcp_url();
    let puller = start_receiver(nncat(["sub", "--bind", &url]), &url);
    puller.signal(libc::SIGTERM);
    let out = puller.finish();
    assert_eq!(out.code(), Some(143), "stderr: {}", out.stderr);
    assert!(out.stdout.is_empty());
    assert_eq!(out.stderr, "");
}

/// The thread that acts on signals starts 20 ms into a run that has a boundary: a
/// signal before then waits for it, and still ends the run with its own code. Each
/// signal here comes a few ms after the start (once the endpoint is bound, once the
/// request is in).
#[test]
fn a_signal_in_the_first_moments_of_a_run_still_ends_it_with_its_code() {
    for round in 0..5 {
        let url = tcp_url();
        let receiver = start_receiver(nncat(["pull", "--bind", &url]), &url);
        receiver.signal(libc::SIGTERM);
        let out = receiver.finish();
        assert_eq!(out.code(), Some(143), "round {round}: {}", out.stderr);
        assert_eq!(out.stderr, "");

        let url = tcp_url();
        let mut replier = Running::start_streaming(nncat(["rep", "--bind", &url]));
        wait_bound(&url);
        let requester = Running::start_without_stdin(nncat(["req", "--connect", &url, "-D", "q"]));
        // The replier waits on its stdin for an answer that never comes.
        replier.stdout().wait_for_exactly(b"q\n");
        requester.signal(libc::SIGINT);
        let out = requester.finish();
        assert_eq!(out.code(), Some(130), "round {round}: {}", out.stderr);
        assert_eq!(out.stderr, "");
        drop(replier);
    }
}

/// The same for a sender blocked reading stdin, which only the signal thread can end:
/// its server tells the test when the pusher's handshake is done.
#[test]
fn a_signal_in_the_first_moments_of_a_run_ends_a_sender_waiting_on_stdin() {
    let (connected, handshake_done) = std::sync::mpsc::channel();
    let url = raw_server(move |mut stream| {
        use std::io::{Read, Write};
        let mut header = [0u8; 8];
        let _ = stream.read_exact(&mut header);
        // A pull socket's SP header (protocol 81).
        let _ = stream.write_all(&[0, b'S', b'P', 0, 0, 81, 0, 0]);
        let _ = connected.send(());
        let _ = stream.read(&mut header);
    });
    let pusher = Running::start(nncat(["push", "--connect", &url]));
    handshake_done
        .recv_timeout(LIMIT)
        .expect("the pusher connects");
    pusher.signal(libc::SIGINT);
    let out = pusher.finish_with_stdin_open();
    assert_eq!(out.code(), Some(130), "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
}

/// A receiver blocked writing to a stdout nobody reads cannot see a signal itself: the
/// signal thread, started by the boundary's timer, ends it after its wait for a flush.
#[test]
fn a_signal_ends_a_receiver_stuck_writing_to_a_stdout_nobody_reads() {
    use std::process::Stdio;
    use wait_timeout::ChildExt;
    let url = tcp_url();
    let mut puller = nncat(["pull", "--bind", &url])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("nncat starts");
    let unread = puller.stdout.take().expect("a pipe");
    let capacity = rustix::pipe::fcntl_getpipe_size(&unread).expect("the pipe's size");
    wait_bound(&url);
    let mut pusher = Running::start(nncat(["push", "--connect", &url]));
    pusher.feed_stdin(numbered_lines(100_000));
    wait_for("the puller's stdout to fill", LIMIT, || {
        rustix::io::ioctl_fionread(&unread).is_ok_and(|queued| queued as usize >= capacity)
    });
    signal_process(puller.id(), libc::SIGTERM);
    let status = puller.wait_timeout(LIMIT).expect("waiting works");
    let _ = puller.kill();
    drop(unread);
    assert_eq!(status.and_then(|status| status.code()), Some(143));
    drop(pusher);
}

#[test]
fn sigint_stops_push_waiting_on_its_stdin() {
    let url = tcp_url();
    let mut puller = start_receiver(nncat(["pull", "--bind", &url]), &url);
    let mut pusher = Running::start(nncat(["push", "--connect", &url]));
    pusher.write_stdin(b"sent\n");
    puller.stdout().wait_for_exactly(b"sent\n");
    pusher.signal(libc::SIGINT);
    let out = pusher.finish_with_stdin_open();
    assert_eq!(out.code(), Some(130), "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
}

#[test]
fn sigint_arriving_with_the_end_of_input_still_exits_130() {
    let url = tcp_url();
    let mut puller = start_receiver(nncat(["pull", "--bind", &url]), &url);
    let mut expected = Vec::new();
    let mut codes = Vec::new();
    for round in 0..20 {
        let mut pusher = Running::start(nncat(["push", "--connect", &url]));
        let line = format!("round {round}\n");
        pusher.write_stdin(line.as_bytes());
        expected.extend_from_slice(line.as_bytes());
        puller.stdout().wait_for_exactly(&expected);
        // The signal first, then the end of input, as when a shell's Ctrl-C also ends
        // the producer feeding nncat.
        pusher.signal(libc::SIGINT);
        let out = pusher.finish();
        codes.push(out.code());
    }
    assert!(
        codes.iter().all(|&code| code == Some(130)),
        "exit codes after SIGINT: {codes:?}"
    );
}

#[test]
fn req_stops_at_bad_input_after_printing_the_replies_before_it() {
    let url = tcp_url();
    let replier = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo"]));
    wait_bound(&url);
    let out = run_with_input(
        nncat(["req", "--connect", &url, "--hex"]),
        b"01\n02\nzz\n03\n",
    )
    .fails_with(4, "stdin record 3: invalid hex digit 'z' at column 1");
    assert_eq!(out.stdout, b"01\n02\n");
    drop(replier);
}

#[test]
fn pair_with_bad_input_exits_4_after_sending_the_records_before_it() {
    let url = tcp_url();
    let receiver = Running::start_without_stdin(nncat(["pair", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    run_with_input(
        nncat(["pair", "--connect", &url, "-Q"]),
        b"\"fine\"\nnot quoted\n",
    )
    // The receiver may have left by then, which nncat may warn about first.
    .fails_with_last_line(4, "stdin record 2: expected '\"'");
    assert_eq!(receiver.finish().success().stdout, b"fine\n");
}

#[test]
fn sigterm_stops_pair_while_it_receives_and_reads_stdin() {
    let url = tcp_url();
    let mut left = Running::start_streaming(nncat(["pair", "--bind", &url]));
    wait_bound(&url);
    let mut right = Running::start(nncat(["pair", "--connect", &url]));
    right.write_stdin(b"hello\n");
    left.stdout().wait_for_exactly(b"hello\n");
    left.signal(libc::SIGTERM);
    let out = left.finish_with_stdin_open();
    assert_eq!(out.code(), Some(143), "stderr: {}", out.stderr);
    assert_eq!(out.stdout, b"hello\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn sigint_stops_req_waiting_for_a_reply() {
    let url = tcp_url();
    let mut replier = Running::start_streaming(nncat(["rep", "--bind", &url]));
    wait_bound(&url);
    let mut requester = Running::start(nncat(["req", "--connect", &url]));
    requester.write_stdin(b"question\n");
    // The request is in, and its answer will never come.
    replier.stdout().wait_for_exactly(b"question\n");
    requester.signal(libc::SIGINT);
    let out = requester.finish_with_stdin_open();
    assert_eq!(out.code(), Some(130), "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
}

#[test]
fn req_with_send_timeout_and_no_peer_exits_3() {
    let url = tcp_url();
    run(nncat([
        "req",
        "--connect",
        &url,
        "--send-timeout",
        "300ms",
        "-D",
        "x",
    ]))
    .fails_with(3, "no peer connected within 300ms");
}

#[test]
fn an_ipc_url_without_a_path_is_a_usage_error() {
    run(nncat(["pull", "--bind", "ipc://"])).fails_with(2, "needs a path");
}

#[test]
fn a_verbose_receiver_ended_by_a_signal_prints_its_counts_as_they_were() {
    let url = tcp_url();
    let mut puller = Running::start_watching(nncat(["pull", "--bind", &url, "-v"]));
    puller.stderr().wait_for_text("accepting messages up to");
    puller.signal(libc::SIGTERM);
    let out = puller.finish();
    assert_eq!(out.code(), Some(143));
    // After nn_term the statistics read as -1 (18446744073709551615): the counts are
    // the ones kept before it.
    assert!(
        out.stderr
            .contains("sent 0 messages (0 bytes), received 0 messages (0 bytes)"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("18446744073709551615"),
        "{}",
        out.stderr
    );
}
