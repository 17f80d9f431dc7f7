/*!
Lines on stderr other than the final error: warnings, and `-v` events. Each is one line
that starts with `nncat:`, with control characters a peer could have sent replaced.
*/

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static QUIET: AtomicBool = AtomicBool::new(false);

pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

fn line(text: &str) {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    // One write per line, so lines from two threads never interleave.
    let _ = std::io::stderr().write_all(format!("nncat: {clean}\n").as_bytes());
}

pub fn error(text: &str) {
    line(text);
}

pub fn warn(text: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        line(&format!("warning: {text}"));
    }
}

/// A `-v` event, stamped with the time since the socket opened.
pub fn event(started: Instant, text: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        line(&format!("[{:.3}s] {text}", started.elapsed().as_secs_f64()));
    }
}
