//! On a terminal, text output shows control bytes escaped, so a peer's message cannot
//! drive the user's terminal; through a pipe the same bytes pass as they are.

use std::ffi::CStr;
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::*;

/// A pseudo-terminal: the master end to read, the slave end to give a process.
fn open_pty() -> (File, OwnedFd) {
    // SAFETY: posix_openpt takes flags only and returns a new descriptor or -1.
    let master = unsafe { libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY) };
    assert!(master >= 0, "posix_openpt works");
    // SAFETY: `master` is open (checked just above) and was just made, known only here:
    // the File becomes its one owner.
    let master = unsafe { File::from_raw_fd(master) };
    // SAFETY: grantpt takes the master's descriptor, open while `master` lives.
    assert_eq!(unsafe { libc::grantpt(master.as_raw_fd()) }, 0);
    // SAFETY: as for grantpt.
    assert_eq!(unsafe { libc::unlockpt(master.as_raw_fd()) }, 0);
    let mut name = [0u8; 128];
    // SAFETY: ptsname_r writes at most `name.len()` bytes, its NUL included, at the
    // pointer: `name`, a local array of that length.
    let rc = unsafe { libc::ptsname_r(master.as_raw_fd(), name.as_mut_ptr().cast(), name.len()) };
    assert_eq!(rc, 0);
    let name = CStr::from_bytes_until_nul(&name).expect("ptsname_r ends the name with a NUL");
    // SAFETY: open reads the NUL-terminated path at the pointer, `name`'s, which lives
    // through the call.
    let slave = unsafe { libc::open(name.as_ptr(), libc::O_RDWR | libc::O_NOCTTY) };
    assert!(slave >= 0, "cannot open {name:?}");
    // SAFETY: `slave` is open (checked just above) and was just made, known only here.
    (master, unsafe { OwnedFd::from_raw_fd(slave) })
}

/// Reads the master end until `needle` shows up or `LIMIT` passes.
fn read_terminal_until(master: &mut File, needle: &[u8]) -> Vec<u8> {
    let deadline = Instant::now() + LIMIT;
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !seen.windows(needle.len()).any(|w| w == needle) {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(
            !left.is_zero(),
            "the terminal never showed {:?}: {:?}",
            String::from_utf8_lossy(needle),
            String::from_utf8_lossy(&seen)
        );
        let mut fd = libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let wait = left.min(Duration::from_millis(100)).as_millis() as i32;
        // SAFETY: poll reads and writes one pollfd at the pointer: `fd`, a local; the
        // descriptor is `master`'s, open while it is borrowed.
        if unsafe { libc::poll(&raw mut fd, 1, wait) } <= 0 {
            continue;
        }
        match master.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    seen
}

/// A puller bound at `url` whose stdout is a terminal: the pty's master side and the
/// running puller, which exits after one message.
fn pull_one_onto_a_terminal(url: &str) -> (std::fs::File, std::process::Child) {
    let (master, slave) = open_pty();
    let mut command = nncat(["pull", "--bind", url, "--count", "1"]);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(slave))
        .stderr(Stdio::null());
    let puller = command.spawn().expect("nncat starts");
    drop(command);
    wait_bound(url);
    (master, puller)
}

#[test]
fn text_on_a_terminal_shows_control_bytes_escaped() {
    let url = tcp_url();
    let (mut master, mut puller) = pull_one_onto_a_terminal(&url);
    // ESC [ 2 J clears the screen; BEL rings; \x9b is a one-byte CSI.
    run_with_input(
        nncat(["push", "--connect", &url, "--hex"]),
        b"1b5b324a07c29b72656421\n",
    )
    .success();
    let shown = read_terminal_until(&mut master, b"red!");
    let _ = puller.wait();
    assert!(
        !shown.contains(&0x1b) && !shown.contains(&0x07),
        "control bytes reached the terminal: {shown:?}"
    );
    let shown = String::from_utf8_lossy(&shown);
    assert!(
        shown.contains("\\x1b[2J\\x07\\xc2\\x9bred!"),
        "shown: {shown:?}"
    );
}

#[test]
fn text_through_a_pipe_passes_control_bytes_as_they_are() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    run_with_input(
        nncat(["push", "--connect", &url, "--hex"]),
        b"1b5b324a07c29b72656421\n",
    )
    .success();
    assert_eq!(
        puller.finish().success().stdout,
        b"\x1b[2J\x07\xc2\x9bred!\n"
    );
}

/// Unicode's bidi marks (U+200E, U+200F, U+061C) and line and paragraph separators
/// (U+2028, U+2029) reorder or break what a terminal shows: escaped there too.
#[test]
fn text_on_a_terminal_shows_bidi_marks_and_separators_escaped() {
    let url = tcp_url();
    let (mut master, mut puller) = pull_one_onto_a_terminal(&url);
    let message = "a\u{200e}b\u{200f}c\u{61c}d\u{2028}e\u{2029}end!\n";
    run_with_input(nncat(["push", "--connect", &url]), message.as_bytes()).success();
    let shown = read_terminal_until(&mut master, b"end!");
    let _ = puller.wait();
    let shown = String::from_utf8_lossy(&shown);
    assert!(
        shown.contains(
            "a\\xe2\\x80\\x8eb\\xe2\\x80\\x8fc\\xd8\\x9cd\\xe2\\x80\\xa8e\\xe2\\x80\\xa9end!"
        ),
        "shown: {shown:?}"
    );
}
