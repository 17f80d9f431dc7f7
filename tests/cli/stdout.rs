//! Stdout as receivers meet it: a reader that goes away while no message comes
//! (`nncat sub | head -1`), a pipe left non-blocking by whoever opened it, a file that
//! never hangs up; and a stdin left non-blocking the same way.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::harness::*;

/// A child killed if the test fails before it exits; for children whose stdout is
/// not the harness's pipe.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// How long nncat may take to notice that stdout's reader has gone: far above the
/// 100 ms it should need, far below "until the next message".
const NOTICE: Duration = Duration::from_secs(5);

#[test]
fn pull_whose_reader_leaves_exits_0_with_no_further_message() {
    let url = tcp_url();
    let mut puller = Running::start_streaming(nncat(["pull", "--bind", &url]));
    puller.close_stdin();
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "-D", "only one"])).success();
    // `x=$(nncat pull ... | head -1)`: one line, then the reader is gone, and no other
    // message will ever come to make nncat write again.
    puller.stdout().wait_for_exactly(b"only one\n");
    puller.close_stdout();
    let out = puller.finish_within(NOTICE);
    assert_eq!(out.code(), Some(0), "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
}

#[test]
fn sub_whose_reader_leaves_before_any_message_exits_0() {
    let url = tcp_url();
    let mut subscriber = Running::start_streaming(nncat(["sub", "--bind", &url]));
    subscriber.close_stdin();
    wait_bound(&url);
    subscriber.close_stdout();
    let out = subscriber.finish_within(NOTICE);
    assert_eq!(out.code(), Some(0), "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
}

/// Messages that match no topic write nothing, so no write finds the reader gone: the
/// wait between them watches stdout too (it waited for --recv-timeout), and so does a
/// flood of them.
#[test]
fn sub_whose_reader_leaves_while_only_other_topics_arrive_exits_0() {
    for interval in ["50ms", "0"] {
        let url = tcp_url();
        let _publisher = Running::start_without_stdin(nncat([
            "pub", "--bind", &url, "-D", "other", "-i", interval, "-q",
        ]));
        wait_bound(&url);
        let mut subscriber = Running::start_watching(nncat([
            "sub",
            "--connect",
            &url,
            "--subscribe",
            "wanted",
            "--recv-timeout",
            "60s",
            "-v",
        ]));
        // -v counts the misses: the first has come.
        subscriber.stderr().wait_for_text("so far");
        subscriber.close_stdout();
        let out = subscriber.finish_within(NOTICE);
        assert_eq!(out.code(), Some(0), "{interval}: {}", out.stderr);
    }
}

#[test]
fn rep_whose_reader_leaves_exits_0_while_waiting_for_a_request() {
    let url = tcp_url();
    let mut replier = Running::start_streaming(nncat(["rep", "--bind", &url, "--echo"]));
    replier.close_stdin();
    wait_bound(&url);
    let reply = run(nncat(["req", "--connect", &url, "-D", "ping"])).success();
    assert_eq!(reply.stdout, b"ping\n");
    replier.stdout().wait_for_exactly(b"ping\n");
    replier.close_stdout();
    let out = replier.finish_within(NOTICE);
    assert_eq!(out.code(), Some(0), "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
}

#[test]
fn pull_whose_socket_stdout_is_closed_exits_0() {
    let url = tcp_url();
    let (ours, theirs) = UnixStream::pair().expect("a socket pair");
    let mut command = nncat(["pull", "--bind", &url]);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(OwnedFd::from(theirs)))
        .stderr(Stdio::piped());
    let mut child = Guard(command.spawn().expect("nncat starts"));
    // Our copy of nncat's end must go, or its peer never sees the socket closed.
    drop(command);
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "-D", "hello"])).success();
    let mut ours = ours;
    let mut line = [0u8; 6];
    ours.read_exact(&mut line).expect("the message arrives");
    assert_eq!(&line, b"hello\n");
    drop(ours);
    let status = child.0.wait_timeout(NOTICE).expect("waiting works");
    let status = status.expect("nncat notices that its stdout socket was closed");
    let mut stderr = String::new();
    if let Some(mut pipe) = child.0.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}

/// A pipe whose write end is non-blocking, as a parent that set O_NONBLOCK on its own
/// end leaves it for every process that shares it.
fn non_blocking_pipe() -> (File, OwnedFd) {
    let (read, write) = pipe();
    set_non_blocking(&write);
    (read, write)
}

fn set_non_blocking(end: &impl AsRawFd) {
    // SAFETY: fcntl with F_GETFL takes integers only; the descriptor is the test's, open.
    let flags = unsafe { libc::fcntl(end.as_raw_fd(), libc::F_GETFL) };
    // SAFETY: fcntl with F_SETFL takes integers only; the descriptor is the test's, open.
    let rc = unsafe { libc::fcntl(end.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK) };
    assert_eq!(rc, 0, "O_NONBLOCK is set");
}

fn pipe() -> (File, OwnedFd) {
    let mut fds = [0; 2];
    // Close-on-exec: no child may hold the read end, or nncat's reader never leaves.
    // SAFETY: pipe2 writes two descriptors into the array at the pointer: `fds`, a local
    // array of two.
    let rc = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    assert_eq!(rc, 0, "a pipe");
    // SAFETY: pipe2 succeeded, so both are open descriptors it has just made, known only
    // here: each becomes the one owner of its end.
    unsafe { (File::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

fn pipe_size(pipe: &File) -> i32 {
    // SAFETY: F_GETPIPE_SZ takes no argument; the descriptor is the test's own.
    unsafe { libc::fcntl(pipe.as_raw_fd(), libc::F_GETPIPE_SZ) }
}

/// A pull writing into a new pipe, after it printed one message: the pipe's size then.
/// (That it never shrinks a larger pipe cannot be tested here: only a privileged
/// process may make one over 1 MiB.)
fn pipe_size_after_one_message() -> i32 {
    let url = tcp_url();
    let (mut reader, writer) = non_blocking_pipe();
    assert_eq!(pipe_size(&reader), 64 << 10, "a new pipe holds 64 KiB");
    let mut command = nncat(["pull", "--bind", &url, "--count", "1"]);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(writer))
        .stderr(Stdio::null());
    let mut child = Guard(command.spawn().expect("nncat starts"));
    drop(command);
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "--data", "one"])).success();
    let mut output = Vec::new();
    reader
        .read_to_end(&mut output)
        .expect("reading the pipe works");
    assert_eq!(output, b"one\n");
    let size = pipe_size(&reader);
    let status = child.0.wait_timeout(LIMIT).expect("waiting works");
    assert_eq!(status.and_then(|s| s.code()), Some(0));
    size
}

#[test]
fn pull_widens_a_default_pipe_to_1_mib() {
    assert_eq!(pipe_size_after_one_message(), 1 << 20);
}

/// Whether a write to the pipe would block now: the kernel's own test for a full pipe
/// (every page slot taken), which no byte count can stand for, because how many bytes
/// fit depends on how the writes fell into the pages.
fn pipe_is_full(write_end: &OwnedFd) -> bool {
    let mut poll = libc::pollfd {
        fd: write_end.as_raw_fd(),
        events: libc::POLLOUT,
        revents: 0,
    };
    // SAFETY: one valid pollfd, for a descriptor this test owns; no waiting.
    let rc = unsafe { libc::poll(&raw mut poll, 1, 0) };
    assert!(rc >= 0, "poll works on a pipe");
    poll.revents & libc::POLLOUT == 0
}

#[test]
fn pull_into_a_full_non_blocking_pipe_loses_nothing() {
    // About 2 MB: more than the 1 MiB nncat widens its stdout pipe to.
    const COUNT: usize = 300_000;
    let url = tcp_url();
    let (mut reader, writer) = non_blocking_pipe();
    let mut command = nncat([
        "pull",
        "--bind",
        &url,
        "--count",
        &COUNT.to_string(),
        "--recv-timeout",
        "30s",
    ]);
    // A copy of the write end, only to ask the kernel whether the pipe is full.
    let full_probe = writer.try_clone().expect("the write end can be copied");
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped());
    let mut child = Guard(command.spawn().expect("nncat starts"));
    drop(command);
    wait_bound(&url);
    let input = numbered_lines(COUNT);
    assert!(input.len() > 1 << 20, "more than a widened pipe holds");
    let mut pusher = Running::start(nncat(["push", "--connect", &url]));
    pusher.feed_stdin(input.clone());
    // Read nothing until the pipe is full, then read slowly, so that nncat's writes
    // keep meeting a full pipe.
    wait_for("nncat's stdout pipe to fill", LIMIT, || {
        assert!(
            child.0.try_wait().expect("waiting works").is_none(),
            "nncat ended early"
        );
        pipe_is_full(&full_probe)
    });
    // Our copies of the write end must go, or the pipe never ends.
    drop(full_probe);
    let mut output = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match reader.read(&mut chunk).expect("reading the pipe works") {
            0 => break,
            n => output.extend_from_slice(&chunk[..n]),
        }
        thread::sleep(Duration::from_millis(2));
    }
    let status = child
        .0
        .wait_timeout(LIMIT)
        .expect("waiting works")
        .expect("nncat exits after --count messages");
    let mut stderr = String::new();
    if let Some(mut pipe) = child.0.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(output.len(), input.len(), "stderr: {stderr}");
    assert!(output == input, "every message, in order");
    pusher.finish().success();
}

#[test]
// wait4 reaps it, for its resource usage, which `Child::wait` does not give.
#[allow(clippy::zombie_processes)]
fn pull_waiting_with_stdout_in_a_file_does_not_spin() {
    // A file never hangs up and is always writable: watching it must not turn the wait
    // into a busy loop. One second of waiting should cost next to no CPU.
    let scratch = Scratch::new();
    let out = File::create(scratch.path("out")).expect("a file for stdout");
    let child = Command::new(nncat_path())
        .args(["pull", "--bind", &tcp_url(), "--recv-timeout", "1s"])
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::null())
        .spawn()
        .expect("nncat starts");
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // Bounded: --recv-timeout ends it after a second.
    // SAFETY: wait4 writes one c_int at the status pointer and one rusage at the usage
    // pointer: `status` and `usage`, locals with room for them.
    let rc = unsafe { libc::wait4(child.id() as i32, &raw mut status, 0, usage.as_mut_ptr()) };
    assert_eq!(rc, child.id() as i32, "wait4 reports nncat");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    // SAFETY: `usage` was zeroed, a valid rusage (integers only), and wait4 has filled it.
    let usage = unsafe { usage.assume_init() };
    let cpu = Duration::from_secs((usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) as u64)
        + Duration::from_micros((usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) as u64);
    assert!(
        cpu < Duration::from_millis(500),
        "nncat used {cpu:?} of CPU"
    );
}

/// A stdin left non-blocking answers EAGAIN whenever it is empty: push waits for the
/// next line, where it used to end with exit 1 and leave the rest unsent.
#[test]
fn push_from_a_non_blocking_stdin_waits_for_each_line_and_loses_none() {
    let url = tcp_url();
    let mut pull = Running::start_watching(nncat(["pull", "--bind", &url, "--count", "3", "-v"]));
    wait_bound(&url);
    let (read, write) = pipe();
    set_non_blocking(&read);
    let mut writer = File::from(write);
    let mut command = nncat(["push", "--connect", &url]);
    command
        .stdin(Stdio::from(read))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut push = Guard(command.spawn().expect("nncat starts"));
    drop(command);
    // Connected: push has started, and found stdin empty.
    pull.stderr().wait_for_text("connected");
    for (at, line) in ["one\n", "two\n", "three\n"].iter().enumerate() {
        writer
            .write_all(line.as_bytes())
            .expect("the pipe takes a line");
        pull.stdout().wait_for_lines(at + 1);
    }
    drop(writer);
    let status = push.0.wait_timeout(LIMIT).expect("waiting works");
    let mut stderr = String::new();
    if let Some(pipe) = push.0.stderr.as_mut() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    assert_eq!(status.and_then(|s| s.code()), Some(0), "stderr: {stderr}");
    let out = pull.finish().success();
    assert_eq!(out.stdout_text(), "one\ntwo\nthree\n");
}
