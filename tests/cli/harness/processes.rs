//! The processes a test starts: nncat (or a nanocat/nngcat peer) with its stdin
//! piped or closed, its stdout and stderr read on threads so that it never blocks on a
//! full pipe, every wait bounded, and the process killed if the test ends first.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

use super::{require, tcp_url, wait_bound};

/// The longest any single process in a test may run before the test fails.
pub const LIMIT: Duration = Duration::from_secs(60);

/// A bound nncat publisher of `message` every 50 ms, quiet, for as long as the test
/// runs; with its URL, once bound.
pub fn publisher_every_50ms(message: &str) -> (String, Running) {
    let url = tcp_url();
    let publisher = Running::start_without_stdin(nncat([
        "pub", "--bind", &url, "-D", message, "-i", "50ms", "-q",
    ]));
    wait_bound(&url);
    (url, publisher)
}

/// A server started in the temporary folder: nncat, or the interop peer `program`
/// (nanocat, nngcat), which the test then requires.
pub fn start_server(program: &str, args: &[&str]) -> Running {
    let mut command = match program {
        "nncat" => nncat(args),
        other => {
            require(other);
            let mut command = Command::new(other);
            command.args(args);
            command
        }
    };
    command.current_dir(std::env::temp_dir());
    Running::start(command)
}

/// nanocat, the C reference, with `args`.
pub fn nanocat(args: &[&str]) -> Command {
    let mut command = Command::new("nanocat");
    command.args(args);
    command
}

/// nngcat, nng's tool, with `args`.
pub fn nngcat(args: &[&str]) -> Command {
    let mut command = Command::new("nngcat");
    command.args(args);
    command
}

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

    /// Asserts this exit code, and a last stderr line (the final error) containing
    /// `needle`; warnings may come before it.
    pub fn fails_with_last_line(self, code: i32, needle: &str) -> Finished {
        assert_eq!(
            self.code(),
            Some(code),
            "expected exit {code}; stderr: {}",
            self.stderr
        );
        let last = self.stderr.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("nncat: ") && last.contains(needle),
            "the last stderr line should contain {needle:?}: {}",
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }
}

/// A running process whose stdout and stderr are read on threads, so it never blocks
/// on a full pipe: whole at the end, or as they arrive for a test that waits on them.
/// Killed if dropped before it finished.
pub struct Running {
    child: Child,
    stdout: Option<Output>,
    stderr: Option<Output>,
    stdin: Option<std::process::ChildStdin>,
}

/// How a test reads one of a child's outputs.
enum Output {
    /// Read to its end on a thread, handed over when the process has exited.
    Whole(JoinHandle<Vec<u8>>),
    /// Read as it arrives, so a test can wait for a line while the process runs.
    Streamed(StdoutStream),
}

impl Output {
    fn read(pipe: impl Read + AsRawFd + Send + 'static, streamed: bool) -> Output {
        if streamed {
            Output::Streamed(StdoutStream::new(pipe))
        } else {
            Output::Whole(collect(pipe))
        }
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Output::Whole(reader) => reader.join().unwrap_or_default(),
            Output::Streamed(stream) => stream.into_all(),
        }
    }
}

fn collect(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut out = Vec::new();
        let _ = pipe.read_to_end(&mut out);
        out
    })
}

impl Running {
    /// Starts `command` with stdin, stdout and stderr piped; `stream_stdout` and
    /// `stream_stderr` choose which are read as they arrive.
    fn spawn(mut command: Command, stream_stdout: bool, stream_stderr: bool) -> Running {
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the program starts");
        let stdout = child
            .stdout
            .take()
            .map(|pipe| Output::read(pipe, stream_stdout));
        let stderr = child
            .stderr
            .take()
            .map(|pipe| Output::read(pipe, stream_stderr));
        let stdin = child.stdin.take();
        Running {
            child,
            stdout,
            stderr,
            stdin,
        }
    }

    /// Starts `command` with piped stdin (kept open until `close_stdin` or `finish`).
    pub fn start(command: Command) -> Running {
        Running::spawn(command, false, false)
    }

    /// Starts `command` with stdin closed (reads see end of file at once).
    pub fn start_without_stdin(command: Command) -> Running {
        let mut running = Running::start(command);
        running.stdin = None;
        running
    }

    /// Starts `command` with piped stdin, and its stdout read as it arrives: see
    /// `stdout()` to wait for output while the process runs.
    pub fn start_streaming(command: Command) -> Running {
        Running::spawn(command, true, false)
    }

    /// Starts `command` with piped stdin, and both its stdout and its stderr read as
    /// they arrive: for a sender whose warnings a test waits for line by line.
    pub fn start_watching_with_stdin(command: Command) -> Running {
        Running::spawn(command, true, true)
    }

    /// Starts `command` with stdin closed, and both its stdout and its stderr read as
    /// they arrive: for a process in the background whose output or `-v` events a test
    /// waits for while it runs (a tap, a server).
    pub fn start_watching(command: Command) -> Running {
        let mut running = Running::spawn(command, true, true);
        running.stdin = None;
        running
    }

    /// The stdout of a process started with `start_streaming` or `start_watching`.
    pub fn stdout(&mut self) -> &mut StdoutStream {
        match self.stdout.as_mut() {
            Some(Output::Streamed(stream)) => stream,
            _ => panic!("the process was started with start_streaming or start_watching"),
        }
    }

    /// The stderr of a process started with `start_watching`.
    pub fn stderr(&mut self) -> &mut StdoutStream {
        match self.stderr.as_mut() {
            Some(Output::Streamed(stream)) => stream,
            _ => panic!("the process was started with start_watching"),
        }
    }

    /// Closes our end of the process's stdout, as `head -1` does after its line.
    pub fn close_stdout(&mut self) {
        if let Some(Output::Streamed(stream)) = self.stdout.as_mut() {
            stream.close();
        }
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
                let stderr = self.stderr.take().map(Output::into_bytes);
                panic!(
                    "process did not exit within {limit:?}; stderr: {}",
                    String::from_utf8_lossy(&stderr.unwrap_or_default())
                );
            }
        };
        let stdout = self.stdout.take().map(Output::into_bytes);
        let stderr = self.stderr.take().map(Output::into_bytes);
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
        signal_process(self.pid(), signal);
    }
}

/// Sends a signal (SIGINT, SIGTERM...) to a process the test started and has not
/// reaped yet.
pub fn signal_process(pid: u32, signal: i32) {
    // SAFETY: kill takes two integers and no pointers. (Were the child reaped, the
    // number might name another process: a wrong kill, not a memory error.)
    let rc = unsafe { libc::kill(pid as i32, signal) };
    assert_eq!(rc, 0, "the signal is delivered");
}

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A child's stdout (or stderr) read as it arrives: a thread reads whatever the pipe holds and
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
    fn new(pipe: impl Read + AsRawFd + Send + 'static) -> StdoutStream {
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
                // SAFETY: poll reads and writes one pollfd at the pointer: `fd`, a local;
                // the descriptor is the pipe's, which this thread owns.
                let rc = unsafe { libc::poll(&raw mut fd, 1, 20) };
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

    /// Waits (at most `LIMIT`) until the output holds `needle`; fails the test when it
    /// does not, showing what came instead.
    pub fn wait_for_text(&mut self, needle: &str) {
        let arrived = self.wait_until(LIMIT, |seen| String::from_utf8_lossy(seen).contains(needle));
        assert!(
            arrived,
            "expected {needle:?} in the output, got {:?}",
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

/// Starts a process that binds `url` (a puller, a subscriber, a replier; nncat or a
/// peer) with stdin closed and its stdout read as it arrives, and returns once `url` is
/// bound, so that a peer started next reaches it at once.
pub fn start_receiver(command: Command, url: &str) -> Running {
    let mut receiver = Running::start_streaming(command);
    receiver.close_stdin();
    wait_bound(url);
    receiver
}
