//! The test harness: real nncat processes (and nanocat/nngcat peers), free ports,
//! temporary folders for ipc, and waits that end on a condition or a time bound.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// The longest any single process in a test may run before the test fails.
pub const LIMIT: Duration = Duration::from_secs(60);

pub fn nncat_path() -> &'static str {
    env!("CARGO_BIN_EXE_nncat")
}

/// A command for the nncat under test, with no inherited stdin.
pub fn nncat<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(nncat_path());
    command.args(args);
    command
}

/// Where `free_port` looks: below Linux's ephemeral range (32768 up), so that no
/// outgoing connection (nanomsg's own, or a `wait_bound` probe) can take the port
/// between the moment it is chosen and the moment nncat binds it.
const PORTS: std::ops::Range<u16> = 10_000..32_000;

/// A TCP port on 127.0.0.1 that nothing listens on right now, never the same twice in
/// one test run. The starting point depends on the process id, so two test runs at
/// once (two engineers' `cargo test`) start far apart.
pub fn free_port() -> u16 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let span = u32::from(PORTS.end - PORTS.start);
    let offset = std::process::id().wrapping_mul(2_654_435_761) % span;
    for _ in 0..span {
        let step = NEXT.fetch_add(1, Ordering::SeqCst);
        let port = PORTS.start + ((offset + step) % span) as u16;
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port on 127.0.0.1 in {PORTS:?}");
}

pub fn tcp_url() -> String {
    format!("tcp://127.0.0.1:{}", free_port())
}

/// A temporary folder for ipc sockets, removed at the end of the test.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("a temporary folder can be made"),
        }
    }

    /// The folder itself.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn ipc_url(&self, name: &str) -> String {
        format!("ipc://{}", self.path(name).display())
    }
}

/// Polls `condition` until it holds; fails the test after `limit`.
pub fn wait_for(what: &str, limit: Duration, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(5));
    }
}

/// Waits until an endpoint a process bound is ready: the tcp port accepts, or the ipc
/// socket file exists.
pub fn wait_bound(url: &str) {
    if let Some(path) = url.strip_prefix("ipc://") {
        let path = Path::new(path).to_path_buf();
        wait_for(&format!("{url} to be bound"), LIMIT, || path.exists());
    } else if let Some(addr) = url
        .strip_prefix("tcp://")
        .or_else(|| url.strip_prefix("ws://"))
    {
        let addr = addr.split('/').next().unwrap_or(addr).to_string();
        // A plain TCP connect that closes at once: nanomsg counts it as a failed
        // handshake and carries on.
        wait_for(&format!("{url} to accept"), LIMIT, || {
            TcpStream::connect(&addr).is_ok()
        });
    } else {
        panic!("wait_bound cannot watch {url}");
    }
}

/// What a finished process left.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Finished {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Asserts exit 0 and says what went wrong otherwise.
    pub fn success(self) -> Finished {
        assert!(
            self.status.success(),
            "expected success, got {:?}; stderr: {}",
            self.status,
            self.stderr
        );
        self
    }

    /// Asserts this exit code and a stderr of exactly one line containing `needle`.
    pub fn fails_with(self, code: i32, needle: &str) -> Finished {
        assert_eq!(
            self.code(),
            Some(code),
            "expected exit {code}; stderr: {}",
            self.stderr
        );
        assert!(
            self.stderr.contains(needle),
            "stderr should contain {needle:?}: {}",
            self.stderr
        );
        assert_eq!(
            self.stderr.lines().count(),
            1,
            "one line on stderr: {}",
            self.stderr
        );
        assert!(self.stderr.starts_with("nncat: "), "{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }
}

/// A running process whose stdout and stderr are collected on threads, so it never
/// blocks on a full pipe. Killed if dropped before it finished.
pub struct Running {
    child: Child,
    stdout: Option<JoinHandle<Vec<u8>>>,
    /// Set instead of `stdout` by `start_streaming`.
    stream: Option<StdoutStream>,
    stderr: Option<JoinHandle<Vec<u8>>>,
    stdin: Option<std::process::ChildStdin>,
}

fn collect(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut out = Vec::new();
        let _ = pipe.read_to_end(&mut out);
        out
    })
}

impl Running {
    /// Starts `command` with piped stdin (kept open until `close_stdin` or `finish`).
    pub fn start(mut command: Command) -> Running {
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the program starts");
        let stdout = child.stdout.take().map(collect);
        let stderr = child.stderr.take().map(collect);
        let stdin = child.stdin.take();
        Running {
            child,
            stdout,
            stream: None,
            stderr,
            stdin,
        }
    }

    /// Starts `command` with piped stdin, and its stdout read as it arrives: see
    /// `stdout()` to wait for output while the process runs.
    pub fn start_streaming(mut command: Command) -> Running {
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the program starts");
        let stream = child.stdout.take().map(StdoutStream::new);
        let stderr = child.stderr.take().map(collect);
        let stdin = child.stdin.take();
        Running {
            child,
            stdout: None,
            stream,
            stderr,
            stdin,
        }
    }

    /// The stdout of a process started with `start_streaming`.
    pub fn stdout(&mut self) -> &mut StdoutStream {
        self.stream
            .as_mut()
            .expect("the process was started with start_streaming")
    }

    /// Closes our end of the process's stdout, as `head -1` does after its line.
    pub fn close_stdout(&mut self) {
        if let Some(stream) = self.stream.as_mut() {
            stream.close();
        }
    }

    /// Starts `command` with stdin closed (reads see end of file at once).
    pub fn start_without_stdin(mut command: Command) -> Running {
        command.stdin(Stdio::null());
        let mut running = Running::start(command);
        running.stdin = None;
        running
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn write_stdin(&mut self, data: &[u8]) {
        self.stdin
            .as_mut()
            .expect("stdin is open")
            .write_all(data)
            .expect("the process reads its stdin");
    }

    /// Writes `data` to stdin on a thread of its own, then closes stdin; for inputs
    /// larger than a pipe holds. A process that stops reading just ends the write.
    pub fn feed_stdin(&mut self, data: Vec<u8>) {
        if let Some(mut stdin) = self.stdin.take() {
            thread::spawn(move || {
                let _ = stdin.write_all(&data);
            });
        }
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits for the process to exit, at most `limit`, then collects its output.
    pub fn finish_within(mut self, limit: Duration) -> Finished {
        self.stdin = None;
        self.wait_and_collect(limit)
    }

    /// Like `finish`, but stdin stays open while the process exits on its own (after a
    /// signal, say), so the end of its input cannot be what ended it.
    pub fn finish_with_stdin_open(mut self) -> Finished {
        let finished = self.wait_and_collect(LIMIT);
        self.stdin = None;
        finished
    }

    fn wait_and_collect(&mut self, limit: Duration) -> Finished {
        let status = match self.child.wait_timeout(limit).expect("waiting works") {
            Some(status) => status,
            None => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let stderr = self.stderr.take().map(|h| h.join().unwrap_or_default());
                panic!(
                    "process did not exit within {limit:?}; stderr: {}",
                    String::from_utf8_lossy(&stderr.unwrap_or_default())
                );
            }
        };
        let stdout = match self.stream.take() {
            Some(stream) => Some(stream.into_all()),
            None => self.stdout.take().map(|h| h.join().unwrap_or_default()),
        };
        let stderr = self.stderr.take().map(|h| h.join().unwrap_or_default());
        Finished {
            status,
            stdout: stdout.unwrap_or_default(),
            stderr: String::from_utf8_lossy(&stderr.unwrap_or_default()).into_owned(),
        }
    }

    pub fn finish(self) -> Finished {
        self.finish_within(LIMIT)
    }

    /// Sends a signal (SIGINT, SIGTERM...) to the process.
    pub fn signal(&self, signal: i32) {
        let rc = unsafe { libc::kill(self.child.id() as i32, signal) };
        assert_eq!(rc, 0, "the signal is delivered");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A child's stdout read as it arrives: a thread reads whatever the pipe holds and
/// sends it over a channel, so a test can wait (bounded) for output while the process
/// is still running, and can close the pipe while the process still writes to it.
pub struct StdoutStream {
    chunks: Receiver<Vec<u8>>,
    seen: Vec<u8>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    ended: bool,
}

impl StdoutStream {
    fn new(pipe: ChildStdout) -> StdoutStream {
        let (sender, chunks) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let reader = thread::spawn(move || {
            let mut pipe = pipe;
            let mut buf = vec![0u8; 64 * 1024];
            // Poll with a short timeout so that `close` can take the pipe away from a
            // reader that would otherwise block in read for ever.
            while !stopped.load(Ordering::SeqCst) {
                let mut fd = libc::pollfd {
                    fd: pipe.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                let rc = unsafe { libc::poll(&mut fd, 1, 20) };
                if rc <= 0 {
                    continue;
                }
                match pipe.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if sender.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
            // Dropping `pipe` here closes our end.
        });
        StdoutStream {
            chunks,
            seen: Vec::new(),
            stop,
            reader: Some(reader),
            ended: false,
        }
    }

    /// Everything the process wrote so far that a wait has collected.
    pub fn seen(&self) -> &[u8] {
        &self.seen
    }

    pub fn seen_text(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    /// Collects output until `condition` holds on all of it; returns false if `limit`
    /// passes or the output ends first.
    pub fn wait_until(&mut self, limit: Duration, condition: impl Fn(&[u8]) -> bool) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if condition(&self.seen) {
                return true;
            }
            if self.ended {
                return false;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => self.seen.extend_from_slice(&chunk),
                Err(RecvTimeoutError::Timeout) => return false,
                Err(RecvTimeoutError::Disconnected) => self.ended = true,
            }
        }
    }

    /// Waits (at most `LIMIT`) until the output is exactly `expected`; fails the test
    /// when it is not, showing what came instead.
    pub fn wait_for_exactly(&mut self, expected: &[u8]) {
        let arrived = self.wait_until(LIMIT, |seen| seen.len() >= expected.len());
        assert!(
            arrived && self.seen == expected,
            "expected stdout {:?}, got {:?}",
            String::from_utf8_lossy(expected),
            self.seen_text()
        );
    }

    /// Waits (at most `LIMIT`) until the output holds `lines` newline-ended lines.
    pub fn wait_for_lines(&mut self, lines: usize) {
        let arrived = self.wait_until(LIMIT, |seen| {
            seen.iter().filter(|&&b| b == b'\n').count() >= lines
        });
        assert!(
            arrived,
            "expected {lines} lines on stdout, got {:?}",
            self.seen_text()
        );
    }

    /// Stops reading and closes the pipe.
    fn close(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        while let Ok(chunk) = self.chunks.try_recv() {
            self.seen.extend_from_slice(&chunk);
        }
        self.ended = true;
    }

    /// Everything, up to the end of the output (the process has exited).
    fn into_all(mut self) -> Vec<u8> {
        // Bounded: a grandchild (an --exec command) could hold the pipe open.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.ended {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => self.seen.extend_from_slice(&chunk),
                Err(RecvTimeoutError::Disconnected) => self.ended = true,
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        self.close();
        self.seen
    }
}

/// Runs `command` to the end with `input` on stdin; bounded by `LIMIT`.
pub fn run_with_input(command: Command, input: &[u8]) -> Finished {
    let mut running = Running::start(command);
    let data = input.to_vec();
    let mut stdin = running.stdin.take().expect("stdin is piped");
    let feeder = thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let finished = running.finish();
    let _ = feeder.join();
    finished
}

/// Runs `command` to the end with stdin closed; bounded by `LIMIT`.
pub fn run(command: Command) -> Finished {
    Running::start_without_stdin(command).finish()
}

/// Whether a program is on PATH (nanocat, nngcat).
pub fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Fails the test when an interop peer is missing: CI installs them, and a skipped
/// interop test would pass without testing anything.
pub fn require(program: &str) {
    assert!(
        have(program),
        "{program} is not installed: run scripts/setup.sh --test"
    );
}

/// Pseudo-random bytes from a seed, so a failing case can be replayed.
pub fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// Lowercase hex, one message a line, as nncat's --hex writes it.
pub fn hex_lines(messages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for message in messages {
        for byte in message {
            out.extend_from_slice(format!("{byte:02x}").as_bytes());
        }
        out.push(b'\n');
    }
    out
}

/// nanocat's quoted form, written from its description: `\n`, `\r`, `\"` and `\\`
/// named, every other byte outside ' '..'~' as `\xHH`; one message a line.
pub fn quoted_lines(messages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for message in messages {
        out.push(b'"');
        for &byte in message {
            match byte {
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                0x20..=0x7e => out.push(byte),
                _ => out.extend_from_slice(format!("\\x{byte:02x}").as_bytes()),
            }
        }
        out.extend_from_slice(b"\"\n");
    }
    out
}

/// Each message as a msgpack bin object (bin8, bin16, bin32), no delimiter.
pub fn msgpack_stream(messages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for message in messages {
        let len = message.len();
        if len < 1 << 8 {
            out.extend_from_slice(&[0xc4, len as u8]);
        } else if len < 1 << 16 {
            out.push(0xc5);
            out.extend_from_slice(&(len as u16).to_be_bytes());
        } else {
            out.push(0xc6);
            out.extend_from_slice(&(len as u32).to_be_bytes());
        }
        out.extend_from_slice(message);
    }
    out
}

/// `count` random messages from `seed`, of lengths up to `max_len`, the first empty.
pub fn random_messages(seed: u64, count: usize, max_len: usize) -> Vec<Vec<u8>> {
    let lengths = random_bytes(seed ^ 0x5eed, count * 2);
    (0..count)
        .map(|i| {
            let len = if i == 0 {
                0
            } else {
                (lengths[2 * i] as usize) << 8 | lengths[2 * i + 1] as usize
            } % (max_len + 1);
            random_bytes(seed.wrapping_add(i as u64), len)
        })
        .collect()
}

/// The lines `0\n1\n...` up to `count - 1`.
pub fn numbered_lines(count: usize) -> Vec<u8> {
    (0..count)
        .map(|i| format!("{i}\n"))
        .collect::<String>()
        .into_bytes()
}

/// The output's lines, sorted, for peers whose messages may interleave in any order.
pub fn sorted_lines(output: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8_lossy(output)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}
