//! Faults: several peers at exit, peers that go away and come back, limits, commands
//! that misbehave under rep --exec, outputs that fail. Each says what nncat does.

use std::fs::File;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::*;

fn lines_of(output: &[u8]) -> Vec<u64> {
    String::from_utf8_lossy(output)
        .lines()
        .map(|line| line.parse().expect("a number per line"))
        .collect()
}

#[test]
fn a_bound_pusher_with_wait_peers_3_gives_each_message_to_exactly_one_puller() {
    let url = tcp_url();
    let count = 3000;
    let mut pusher = Running::start(nncat(["push", "--bind", &url, "--wait-peers", "3"]));
    let pullers: Vec<Running> = (0..3)
        .map(|_| {
            Running::start_without_stdin(nncat(["pull", "--connect", &url, "--recv-timeout", "3s"]))
        })
        .collect();
    pusher.feed_stdin(numbered_lines(count));
    pusher.finish().success();
    let mut all = Vec::new();
    for puller in pullers {
        let out = puller.finish().success();
        let mine = lines_of(&out.stdout);
        assert!(!mine.is_empty(), "every puller got a share");
        assert!(
            mine.windows(2).all(|w| w[0] < w[1]),
            "each share is in order"
        );
        all.extend(mine);
    }
    all.sort_unstable();
    assert_eq!(
        all,
        (0..count as u64).collect::<Vec<_>>(),
        "each message exactly once"
    );
}

#[test]
fn a_bound_publisher_with_wait_peers_3_reaches_every_subscriber_before_it_exits() {
    let url = tcp_url();
    let count = 1000;
    let mut publisher = Running::start(nncat(["pub", "--bind", &url, "--wait-peers", "3"]));
    let subscribers: Vec<Running> = (0..3)
        .map(|_| {
            Running::start_without_stdin(nncat([
                "sub",
                "--connect",
                &url,
                "--count",
                &count.to_string(),
                "--recv-timeout",
                "10s",
            ]))
        })
        .collect();
    publisher.feed_stdin(numbered_lines(count));
    publisher.finish().success();
    for subscriber in subscribers {
        assert_eq!(subscriber.finish().success().stdout, numbered_lines(count));
    }
}

#[test]
fn a_puller_restarted_mid_stream_resumes_in_order_without_duplicates() {
    let url = tcp_url();
    let mut pusher = Running::start(nncat(["push", "--bind", &url]));
    wait_bound(&url);
    let mut first = Running::start_streaming(nncat(["pull", "--connect", &url]));
    first.close_stdin();
    pusher.write_stdin(&numbered_lines(100));
    first.stdout().wait_for_lines(100);
    first.signal(libc::SIGKILL);
    let first = first.finish();
    // Written while no puller is there: the pusher holds them until one comes back.
    let more: String = (100..300).map(|i| format!("{i}\n")).collect();
    pusher.write_stdin(more.as_bytes());
    let second =
        Running::start_without_stdin(nncat(["pull", "--connect", &url, "--recv-timeout", "2s"]));
    pusher.close_stdin();
    pusher.finish().success();
    let first = lines_of(&first.stdout);
    let second = lines_of(&second.finish().success().stdout);
    assert_eq!(first, (0..100).collect::<Vec<_>>());
    assert!(
        second.windows(2).all(|w| w[0] < w[1]),
        "in order: {second:?}"
    );
    assert!(
        second.first().is_some_and(|&n| n >= 100),
        "no duplicates, and the second puller gets the rest: {second:?}"
    );
    assert_eq!(second.last(), Some(&299), "the stream completes");
    // At most what was in flight to the killed puller is lost (nanomsg: at most once).
    assert!(second.len() >= 195, "lost {} messages", 200 - second.len());
}

#[test]
fn a_request_outlives_a_replier_restart_with_resend_interval() {
    let url = tcp_url();
    // The first replier takes the request and never answers, then dies.
    let mut first = Running::start_streaming(nncat(["rep", "--bind", &url]));
    wait_bound(&url);
    let requester = Running::start_without_stdin(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "hello",
        "--resend-interval",
        "200ms",
        "--recv-timeout",
        "20s",
    ]));
    first.stdout().wait_for_exactly(b"hello\n");
    first.signal(libc::SIGKILL);
    let _ = first.finish_with_stdin_open();
    let second = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo", "-C", "1"]));
    assert_eq!(requester.finish().success().stdout, b"hello\n");
    assert_eq!(second.finish().success().stdout, b"hello\n");
}

/// nanomsg dropped the connection of a peer that sent a message over the limit, with
/// whatever that peer had queued behind it. nncat's boundary reads that message into
/// nothing, says so, and the same peer's next message arrives, as do other peers'.
#[test]
fn recv_maxsz_skips_a_larger_message_with_a_warning_and_the_same_peer_goes_on() {
    let url = tcp_url();
    let mut puller = Running::start_streaming(nncat([
        "pull",
        "--bind",
        &url,
        "--recv-maxsz",
        "10",
        "--recv-timeout",
        "1s",
    ]));
    wait_bound(&url);
    // This pusher stays up, so nanomsg reconnects it after the drop: a live peer.
    let mut pusher = Running::start(nncat(["push", "--connect", &url]));
    pusher.write_stdin(format!("small\n{}\n", "x".repeat(100)).as_bytes());
    puller.stdout().wait_for_exactly(b"small\n");
    // The same peer's next message arrives: the connection stayed up.
    pusher.write_stdin(b"same\n");
    puller.stdout().wait_for_exactly(b"small\nsame\n");
    run_with_input(nncat(["push", "--connect", &url]), b"after\n").success();
    let out = puller.finish().success();
    pusher.close_stdin();
    pusher.finish().success();
    assert_eq!(out.stdout, b"small\nsame\nafter\n");
    assert!(
        out.stderr
            .contains("skipped a message of 100 bytes from 127.0.0.1:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("over --recv-maxsz 10 bytes"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_exec_command_that_hangs_or_prints_nothing_gets_no_answer_and_the_next_is_served() {
    let url = tcp_url();
    let script = "read -r line; case \"$line\" in hang) exec sleep 30;; quiet) ;; *) echo \"ok $line\";; esac";
    let replier = Running::start_without_stdin(nncat([
        "rep",
        "--bind",
        &url,
        "--exec-timeout",
        "300ms",
        "-C",
        "3",
        "--exec",
        "sh",
        "-c",
        script,
    ]));
    wait_bound(&url);
    let ask = |request: &str, timeout: &str| {
        run_with_input(
            nncat(["req", "--connect", &url, "--recv-timeout", timeout]),
            format!("{request}\n").as_bytes(),
        )
    };
    ask("hang", "1s").fails_with(3, "no reply within --recv-timeout 1s");
    ask("quiet", "1s").fails_with(3, "no reply within --recv-timeout 1s");
    // The command printed "ok fine\n"; req adds the record separator.
    assert_eq!(ask("fine", "10s").success().stdout, b"ok fine\n\n");
    // The command that hung failed, so the run ends with exit 1; printing nothing is no
    // failure.
    let replier = replier.finish();
    assert_eq!(replier.code(), Some(1), "{}", replier.stderr);
    assert_eq!(replier.stdout, b"hang\nquiet\nfine\n");
    let lines: Vec<&str> = replier.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", replier.stderr);
    assert!(lines[0].contains("did not finish within --exec-timeout 300ms; killed"));
    assert!(lines[1].contains("printed nothing; no answer sent"));
    assert_eq!(
        lines[2],
        "nncat: 1 of 3 --exec commands failed; the first: 'sh' did not finish within --exec-timeout 300ms; killed"
    );
}

#[test]
fn stdout_on_a_full_disk_is_one_clear_error_with_exit_1() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("full");
    let mut command = nncat(["pull", "--bind", &url, "-C", "1"]);
    command
        .stdin(Stdio::null())
        .stdout(File::create("/dev/full").expect("/dev/full exists on Linux"))
        .stderr(Stdio::piped());
    let child = command.spawn().expect("nncat starts");
    wait_bound(&url);
    run_with_input(nncat(["push", "--connect", &url]), b"hi\n").success();
    let out = child.wait_with_output().expect("nncat exits");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "nncat: cannot write to stdout: No space left on device\n"
    );
}

#[test]
fn an_input_record_too_large_for_memory_is_one_clear_error_naming_the_record() {
    let url = tcp_url();
    let _puller = Running::start_without_stdin(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    // nncat may use 200,000 KiB of address space, and its stdin is a short line, then
    // 400 MiB without a newline: a text record 2, or all of it raw record 1.
    let script = "ulimit -v 200000 && { echo first; head -c 400M /dev/zero; } \
                  | \"$0\" push --connect \"$1\" --format \"$2\"";
    for (format, record) in [("text", 2), ("raw", 1)] {
        let out = run({
            let mut command = Command::new("sh");
            command.args(["-c", script, nncat_path(), &url, format]);
            command
        });
        let out = out.fails_with(
            1,
            &format!("nncat: stdin record {record}: too large for memory (could not hold "),
        );
        assert!(
            !out.stderr.contains("memory allocation") && !out.stderr.contains("backtrace"),
            "{format}: {}",
            out.stderr
        );
    }
}

/// From an address-space limit too small for libnanomsg's thread to one where nncat
/// runs: a receiver either says in one line why it cannot run (exit 1) or runs and ends
/// at SIGTERM. libnanomsg aborts the process when it cannot start its thread; nncat
/// looks first. It starts where nncat's own code runs: below about 8,100 KiB the loader
/// or Rust's start (before `main`) fails, where exactly moving with the binary's size.
#[test]
fn under_tight_address_space_limits_a_receiver_runs_or_says_why_and_never_aborts() {
    use std::os::unix::process::ExitStatusExt;
    let (mut ran, mut refused) = (0, 0);
    for kib in (9_000..=31_000).step_by(2_000) {
        let url = tcp_url();
        let mut child = Command::new("sh")
            .args([
                "-c",
                "ulimit -v \"$1\" && exec \"$0\" pull --bind \"$2\"",
                nncat_path(),
                &kib.to_string(),
                &url,
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sh starts");
        let address = url.trim_start_matches("tcp://").to_string();
        let mut exited = None;
        wait_for("nncat to exit or to accept", LIMIT, || {
            exited = child.try_wait().expect("waiting works");
            exited.is_some() || std::net::TcpStream::connect(&address).is_ok()
        });
        if exited.is_none() {
            ran += 1;
            signal_process(child.id(), libc::SIGTERM);
        } else {
            refused += 1;
        }
        let out = child.wait_with_output().expect("nncat exits");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let ended = (out.status.code(), out.status.signal());
        if exited.is_some() {
            assert_eq!(ended, (Some(1), None), "{kib} KiB: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{kib} KiB: {stderr}");
            assert!(stderr.starts_with("nncat: "), "{kib} KiB: {stderr}");
        } else if stderr.is_empty() {
            assert_eq!(ended, (Some(143), None), "{kib} KiB");
        } else {
            // Without room for the signal thread, SIGTERM does what it does to any
            // program, as nncat warned it would.
            assert_eq!(ended, (None, Some(libc::SIGTERM)), "{kib} KiB: {stderr}");
            assert_eq!(
                stderr,
                "nncat: warning: cannot start the thread that handles signals: Resource \
                 temporarily unavailable: a signal will end this run without flushing stdout\n",
                "{kib} KiB"
            );
        }
    }
    assert!(ran > 0 && refused > 0, "ran {ran}, refused {refused}");
}

#[test]
fn stdin_closed_at_once_ends_a_pusher_at_once_with_nothing_sent() {
    let url = tcp_url();
    // No peer exists: a pusher that tried to send would block.
    let out = Running::start_without_stdin(nncat(["push", "--connect", &url, "--stats"]))
        .finish_within(Duration::from_secs(10))
        .success();
    assert!(out.stderr.contains("sent 0 messages"), "{}", out.stderr);
}

fn verbose_shows_connect_attempts_failing_against_a_closed_port_at(url: &str) {
    let out = run(nncat([
        "push",
        "--connect",
        url,
        "-v",
        "--send-timeout",
        "500ms",
        "-D",
        "x",
    ]));
    assert_eq!(out.code(), Some(3), "{}", out.stderr);
    assert!(
        out.stderr.contains("connect attempt failed")
            && !out.stderr.contains("connection established"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .lines()
            .last()
            .is_some_and(|l| l.contains(&format!(
                "nothing is listening at {url} (connection refused)"
            ))),
        "{}",
        out.stderr
    );
}

#[test]
fn verbose_shows_connect_attempts_failing_against_a_closed_port() {
    verbose_shows_connect_attempts_failing_against_a_closed_port_at(&tcp_url());
}

/// Over ws libnanomsg connects to nncat's relay, which stays shut while the server
/// cannot be reached: the same failed attempts, not connections made and broken.
#[test]
fn verbose_shows_connect_attempts_failing_against_a_closed_ws_port() {
    let url = format!("ws://127.0.0.1:{}/", free_port());
    verbose_shows_connect_attempts_failing_against_a_closed_port_at(&url);
}

#[test]
fn binding_a_stale_ipc_socket_file_left_by_a_killed_process_works() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("stale");
    let crashed = Running::start_without_stdin(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    crashed.signal(libc::SIGKILL);
    let _ = crashed.finish();
    assert!(
        scratch.path("stale").exists(),
        "the killed process left its socket file"
    );
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "-C", "1"]));
    run_with_input(nncat(["push", "--connect", &url]), b"again\n").success();
    assert_eq!(puller.finish().success().stdout, b"again\n");
}

#[test]
fn binding_every_interface_is_noted_under_verbose_and_bind_local_is_loopback_only() {
    let port = free_port();
    let wide = run(nncat([
        "pull",
        "--bind",
        &format!("tcp://*:{port}"),
        "-v",
        "--recv-timeout",
        "100ms",
    ]))
    .success();
    assert!(
        wide.stderr.contains("is reachable from other hosts"),
        "{}",
        wide.stderr
    );
    let local = run(nncat([
        "pull",
        "-L",
        &free_port().to_string(),
        "-v",
        "--recv-timeout",
        "100ms",
    ]))
    .success();
    assert!(
        local.stderr.contains("bound to tcp://127.0.0.1:"),
        "{}",
        local.stderr
    );
    assert!(!local.stderr.contains("reachable"), "{}", local.stderr);
}

#[test]
fn an_ipc_socket_file_is_created_with_the_users_umask() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new();
    let path = scratch.path("private");
    let script = format!(
        "umask 077; exec {} pull --bind ipc://{} --recv-timeout 5s",
        nncat_path(),
        path.display()
    );
    let mut shell = std::process::Command::new("sh");
    shell.args(["-c", &script]);
    let puller = Running::start_without_stdin(shell);
    wait_for("the ipc socket file", LIMIT, || path.exists());
    let mode = std::fs::metadata(&path)
        .expect("the socket file exists")
        .permissions()
        .mode();
    assert_eq!(
        mode & 0o077,
        0,
        "mode {mode:o}: nothing for group or others"
    );
    puller.signal(libc::SIGTERM);
    let _ = puller.finish_with_stdin_open();
}

/// A publisher waits for its boundary, not for a subscriber that takes nothing: with
/// its only subscriber stopped, a publisher of a million lines still finishes, and
/// the lines the subscriber could not take are dropped, as nanomsg drops them.
#[test]
fn a_publisher_whose_subscriber_stopped_taking_messages_still_finishes() {
    let url = tcp_url();
    let mut subscriber = Running::start_watching(nncat(["sub", "--bind", &url]));
    wait_bound(&url);
    let mut publisher = Running::start(nncat(["pub", "--connect", &url, "--wait-peers", "1"]));
    publisher.write_stdin(b"first\n");
    subscriber.stdout().wait_for_exactly(b"first\n");
    subscriber.signal(libc::SIGSTOP);
    publisher.feed_stdin(numbered_lines(1_000_000));
    let out = publisher.finish_within(std::time::Duration::from_secs(60));
    subscriber.signal(libc::SIGCONT);
    assert_eq!(out.code(), Some(0), "stderr: {}", out.stderr);
}
