/*!
Lines on stderr other than the final error: warnings, and `-v` events. Each is one line
that starts with `nncat:`, with control characters a peer could have sent replaced.
*/

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static QUIET: AtomicBool = AtomicBool::new(false);

pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// One line on stderr, whatever --quiet says: errors and what the user asked for.
pub fn say(text: &str) {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    // One write per line, so lines from two threads never interleave.
    let _ = std::io::stderr().write_all(format!("nncat: {clean}\n").as_bytes());
}

pub fn error(text: &str) {
    say(text);
}

pub fn warn(text: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        say(&format!("warning: {text}"));
    }
}

/// The `--progress` line: redrawn in place on a terminal, else one line each time.
pub fn progress(text: &str) {
    let line = if std::io::stderr().is_terminal() {
        format!("\r\x1b[Knncat: {text}")
    } else {
        format!("nncat: {text}\n")
    };
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// Ends a `--progress` line drawn in place, so what follows starts on a line of its own.
pub fn end_progress() {
    if std::io::stderr().is_terminal() {
        let _ = std::io::stderr().write_all(b"\r\x1b[K");
    }
}

/// A `-v` event, stamped with the time since the socket opened.
pub fn event(started: Instant, text: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        say(&format!("[{:.3}s] {text}", started.elapsed().as_secs_f64()));
    }
}
