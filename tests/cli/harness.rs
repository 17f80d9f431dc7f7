//! The test harness: real nncat processes (and nanocat/nngcat peers), free ports,
//! temporary folders for ipc, and waits that end on a condition or a time bound.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
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

/// A TCP port on 127.0.0.1 that nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("the loopback interface gives out a free port")
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
            stderr,
            stdin,
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
        let stdout = self.stdout.take().map(|h| h.join().unwrap_or_default());
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
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}
