//! Soak and large-message tests: a million messages, a hundred thousand round trips,
//! messages of 64 MiB. Every byte is checked through a digest of the whole stream, and
//! peak memory is the kernel's VmHWM for the process, sampled while it runs
//! (`ru_maxrss` would also count the test process's memory copied at fork).
//!
//! They take minutes, so they are `#[ignore]`d for a plain `cargo test`; `.ci/run`
//! runs them with `cargo test --release --test cli -- --ignored soak::`.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use crate::harness::*;

/// FNV-1a over a stream, so gigabytes are compared without being held.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Digest(u64, u64);

impl Digest {
    fn new() -> Digest {
        Digest(0xcbf2_9ce4_8422_2325, 0)
    }

    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.1 += bytes.len() as u64;
    }

    fn of_file(path: &Path) -> Digest {
        let mut digest = Digest::new();
        let mut file = File::open(path).expect("the input file exists");
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buf).expect("the input file reads");
            if n == 0 {
                return digest;
            }
            digest.add(&buf[..n]);
        }
    }
}

/// The longest a soak process may run: past it, it is killed and the test fails with
/// its stderr, instead of holding the whole run until CI's own limit.
const SOAK_LIMIT: Duration = Duration::from_secs(300);

/// What a measured process left: exit code, digest of stdout, peak RSS, stderr.
struct Measured {
    /// None when a signal ended it (SOAK_LIMIT's kill among them).
    code: Option<i32>,
    stdout: Digest,
    peak_kib: usize,
    stderr: String,
}

/// Runs `command` with stdin from `input` (or none), hashing stdout as it arrives,
/// and samples its peak resident memory every few milliseconds until it exits.
fn run_measured(mut command: Command, input: Option<&Path>) -> Measured {
    command
        .stdin(match input {
            Some(path) => Stdio::from(File::open(path).expect("the input file exists")),
            None => Stdio::null(),
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("nncat starts");
    let (finished, watched) = std::sync::mpsc::channel::<()>();
    let pid = child.id() as libc::pid_t;
    let watchdog = thread::spawn(move || {
        let overdue = matches!(
            watched.recv_timeout(SOAK_LIMIT),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout)
        );
        if overdue {
            // SAFETY: kill takes a pid and a signal number, no memory; the child is not
            // reaped before `finished` is sent, so the pid is still ours.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        overdue
    });
    let status_file = format!("/proc/{}/status", child.id());
    let running = Arc::new(AtomicBool::new(true));
    let sampling = Arc::clone(&running);
    let sampler = thread::spawn(move || {
        let mut peak_kib = 0;
        while sampling.load(Ordering::SeqCst) {
            if let Some(kib) = std::fs::read_to_string(&status_file)
                .ok()
                .and_then(|status| high_water_mark_kib(&status))
            {
                peak_kib = kib;
            }
            thread::sleep(Duration::from_millis(2));
        }
        peak_kib
    });
    let mut stderr_pipe = child.stderr.take().expect("stderr is piped");
    let stderr = thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr_pipe.read_to_string(&mut text);
        text
    });
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut digest = Digest::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match stdout.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => digest.add(&buf[..n]),
        }
    }
    // Stop sampling before the process is reaped, while its /proc entry still stands.
    wait_for("the process to exit", LIMIT, || {
        std::fs::read_to_string(format!("/proc/{}/stat", child.id()))
            .map_or(true, |stat| stat.contains(") Z "))
    });
    running.store(false, Ordering::SeqCst);
    let peak_kib = sampler.join().unwrap_or(0);
    let _ = finished.send(());
    let overdue = watchdog.join().unwrap_or(false);
    let code = child.wait().expect("nncat is reaped").code();
    let mut stderr = stderr.join().unwrap_or_default();
    if overdue {
        stderr.push_str(&format!("[killed: still running after {SOAK_LIMIT:?}]"));
    }
    Measured {
        code,
        stdout: digest,
        peak_kib,
        stderr,
    }
}

/// VmHWM, the peak resident set, from a /proc/PID/status text.
fn high_water_mark_kib(status: &str) -> Option<usize> {
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Starts the receiver on a thread of its own and returns its result when it ends.
fn receive_in_background(command: Command) -> thread::JoinHandle<Measured> {
    thread::spawn(move || run_measured(command, None))
}

/// A small deterministic generator (xorshift), for sizes and contents.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Writes `count` messages as hex lines to a file. Sizes: 998 in 1,000 from 1 to 64
/// bytes, 2 in 1,000 from 1 byte to 64 KiB, so the whole stream mixes both and stays
/// near 100 MB of messages for a million.
fn write_hex_messages(path: &Path, count: usize, seed: u64) {
    let mut random = Random(seed | 1);
    let mut out = BufWriter::new(File::create(path).expect("a file in the scratch folder"));
    let mut message = Vec::new();
    let mut line = Vec::new();
    for _ in 0..count {
        let len = if random.next() % 1000 < 2 {
            1 + (random.next() % 65536) as usize
        } else {
            1 + (random.next() % 64) as usize
        };
        message.clear();
        while message.len() < len {
            message.extend_from_slice(&random.next().to_le_bytes());
        }
        message.truncate(len);
        line.clear();
        for byte in &message {
            line.extend_from_slice(format!("{byte:02x}").as_bytes());
        }
        line.push(b'\n');
        out.write_all(&line).expect("the scratch folder has room");
    }
    out.flush().expect("the scratch folder has room");
}

fn million_through_push_and_pull(url: &str, scratch: &Scratch) {
    let count = 1_000_000;
    let input = scratch.path("million.hex");
    write_hex_messages(&input, count, 42);
    let puller = receive_in_background(nncat([
        "pull",
        "--bind",
        url,
        "--hex",
        "-C",
        &count.to_string(),
    ]));
    wait_bound(url);
    let pusher = run_measured(
        nncat(["push", "--connect", url, "--hex", "--linger", "30s"]),
        Some(&input),
    );
    assert_eq!(pusher.code, Some(0), "{}", pusher.stderr);
    let puller = puller.join().expect("the receiving thread ends");
    assert_eq!(puller.code, Some(0), "{}", puller.stderr);
    assert_eq!(
        puller.stdout,
        Digest::of_file(&input),
        "every message once, in order, byte for byte"
    );
}

#[test]
#[ignore = "soak: run by .ci/run"]
fn soak_a_million_mixed_messages_over_tcp() {
    million_through_push_and_pull(&tcp_url(), &Scratch::new());
}

#[test]
#[ignore = "soak: run by .ci/run"]
fn soak_a_million_mixed_messages_over_ipc() {
    let scratch = Scratch::new();
    million_through_push_and_pull(&scratch.ipc_url("million"), &scratch);
}

#[test]
#[ignore = "soak: run by .ci/run"]
fn soak_a_hundred_thousand_round_trips_through_rep_echo() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("trips");
    let count = 100_000;
    let input = scratch.path("trips.hex");
    write_hex_messages(&input, count, 7);
    let replier = receive_in_background(nncat([
        "rep",
        "--bind",
        &url,
        "--echo",
        "--hex",
        "-C",
        &count.to_string(),
    ]));
    wait_bound(&url);
    let requester = run_measured(nncat(["req", "--connect", &url, "--hex"]), Some(&input));
    assert_eq!(requester.code, Some(0), "{}", requester.stderr);
    let replier = replier.join().expect("the replying thread ends");
    assert_eq!(replier.code, Some(0), "{}", replier.stderr);
    let expected = Digest::of_file(&input);
    assert_eq!(replier.stdout, expected, "every request arrived, in order");
    assert_eq!(requester.stdout, expected, "every reply arrived, in order");
}

const BIG: usize = 64 << 20;

/// A file holding one message of `size` random bytes in `format` (raw, hex, msgpack).
fn big_message_file(scratch: &Scratch, size: usize, format: &str) -> PathBuf {
    let message = random_bytes(size as u64, size);
    let encoded = match format {
        "raw" => message,
        "hex" => hex_lines(std::slice::from_ref(&message)),
        "msgpack" => msgpack_stream(std::slice::from_ref(&message)),
        other => panic!("no such format in this test: {other}"),
    };
    let path = scratch.path(&format!("big.{format}"));
    std::fs::write(&path, encoded).expect("the scratch folder has room");
    path
}

/// Peak memory may be a small multiple of the message: nanomsg's buffer, and for hex
/// the message's text twice its size.
fn assert_peak_within(what: &str, measured: &Measured, size: usize) {
    let peak = measured.peak_kib * 1024;
    eprintln!(
        "{what}: peak RSS {} MiB for a {} MiB message",
        peak >> 20,
        size >> 20
    );
    assert!(peak < 5 * size, "{what}: peak RSS {} MiB", peak >> 20);
}

fn big_through_push_and_pull(format: &str, size: usize) {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("big");
    let input = big_message_file(&scratch, size, format);
    let format_flag = format!("--{format}");
    let puller = receive_in_background(nncat(["pull", "--bind", &url, &format_flag, "-C", "1"]));
    wait_bound(&url);
    // A soak is about size: its sender gives a loaded machine's receiver the time it
    // may need (tests/cli/linger.rs holds the default --linger to its word).
    let pusher = run_measured(
        nncat(["push", "--connect", &url, &format_flag, "--linger", "30s"]),
        Some(&input),
    );
    assert_eq!(pusher.code, Some(0), "{}", pusher.stderr);
    let puller = puller.join().expect("the receiving thread ends");
    assert_eq!(puller.code, Some(0), "{}", puller.stderr);
    assert_eq!(
        puller.stdout,
        Digest::of_file(&input),
        "the message arrives whole"
    );
    assert_peak_within(&format!("pull {format}"), &puller, size);
    assert_peak_within(&format!("push {format}"), &pusher, size);
}

#[test]
#[ignore = "soak: run by .ci/run"]
fn soak_a_64_mib_message_through_push_and_pull_in_raw_hex_and_msgpack() {
    for format in ["raw", "hex", "msgpack"] {
        big_through_push_and_pull(format, BIG);
    }
}

#[test]
#[ignore = "soak: 256 MiB, by hand"]
fn soak_a_256_mib_message_through_push_and_pull_in_raw() {
    big_through_push_and_pull("raw", 256 << 20);
}

#[test]
#[ignore = "soak: run by .ci/run"]
fn soak_a_64_mib_message_through_req_and_rep_and_through_pair() {
    let scratch = Scratch::new();
    let input = big_message_file(&scratch, BIG, "raw");
    let expected = Digest::of_file(&input);

    let url = scratch.ipc_url("reqrep");
    // As the pusher's above: the reply's 64 MiB may wait more than the default second
    // for a loaded machine's requester to take them.
    let replier = receive_in_background(nncat([
        "rep", "--bind", &url, "--echo", "--raw", "-C", "1", "--linger", "30s",
    ]));
    wait_bound(&url);
    let requester = run_measured(nncat(["req", "--connect", &url, "--raw"]), Some(&input));
    assert_eq!(requester.code, Some(0), "{}", requester.stderr);
    let replier = replier.join().expect("the replying thread ends");
    assert_eq!(replier.stdout, expected);
    assert_eq!(requester.stdout, expected);
    assert_peak_within("rep raw", &replier, BIG);
    assert_peak_within("req raw", &requester, BIG);

    let url = scratch.ipc_url("pair");
    let receiver = receive_in_background(nncat(["pair", "--bind", &url, "--raw", "-C", "1"]));
    wait_bound(&url);
    let sender = run_measured(
        nncat([
            "pair",
            "--connect",
            &url,
            "--raw",
            "--recv-timeout",
            "1s",
            "--linger",
            "30s",
        ]),
        Some(&input),
    );
    assert_eq!(sender.code, Some(0), "{}", sender.stderr);
    let receiver = receiver.join().expect("the receiving thread ends");
    assert_eq!(receiver.stdout, expected);
    assert_peak_within("pair raw", &receiver, BIG);
}
