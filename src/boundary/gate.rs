/*!
The gate: the private path through which libnanomsg's connect reaches a connecting
endpoint's link. It exists only while a real connection is up, or while the first
attempt at the server is under way, and is removed when closed. Apart from connect.rs
because of what its age means to libnanomsg.
*/

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tokio::net::UnixListener;

/// An open gate.
pub struct Gate {
    listener: std::os::unix::net::UnixListener,
    path: PathBuf,
    opened: Instant,
}

/// How long a gate opened ahead stays good. libnanomsg gives up on a link that has not
/// answered its header within a second, and connects again: a gate open longer holds
/// connections it gave up on, and taking one dropped the real connection (a ws server
/// that took 1.5 s to upgrade was never reached). Past this age the gate is opened
/// again, empty, and libnanomsg's next try comes in.
const GATE_FRESH: Duration = Duration::from_millis(500);

impl Gate {
    pub fn open(path: &Path) -> io::Result<Gate> {
        let _ = std::fs::remove_file(path);
        let listener = std::os::unix::net::UnixListener::bind(path)?;
        listener.set_nonblocking(true)?;
        Ok(Gate {
            listener,
            path: path.to_path_buf(),
            opened: Instant::now(),
        })
    }

    /// Whether what waits at the gate is still wanted by libnanomsg (`GATE_FRESH`).
    pub fn is_fresh(&self) -> bool {
        self.opened.elapsed() < GATE_FRESH
    }

    /// The gate's listener on the event loop (its own descriptor: the gate closes
    /// when both are dropped).
    pub fn listener(&self) -> io::Result<UnixListener> {
        UnixListener::from_std(self.listener.try_clone()?)
    }
}

impl Drop for Gate {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
