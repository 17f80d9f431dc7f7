//! Where tests run and what they wait on: free tcp ports on 127.0.0.1, temporary
//! folders for ipc sockets, waits that end on a condition or fail after a bound, and
//! the interop peers (nanocat, nngcat) a test needs on PATH.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::thread;
use std::time::{Duration, Instant};

use super::{LIMIT, nncat_path};

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
    } else if let Some(addr) = ["tcp://", "ws://", "tls+tcp://", "wss://"]
        .iter()
        .find_map(|scheme| url.strip_prefix(scheme))
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

/// Whether the tests run as root, as network namespaces need.
pub fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// nncat with `args` inside a network namespace of its own with no interface up, where
/// a lookup cannot leave the machine: a name fails to resolve without any traffic.
/// None (the test is skipped, and says so) without root or `unshare`.
pub fn without_network(args: &[&str]) -> Option<Command> {
    if !is_root() || !have("unshare") {
        println!("skipped: needs root and unshare for a namespace without a network");
        return None;
    }
    let mut command = Command::new("unshare");
    command.arg("--net").arg(nncat_path()).args(args);
    Some(command)
}
