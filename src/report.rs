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

/// Whether warnings are silenced (-q), so that nothing waits to say one.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// One line on stderr, whatever --quiet says: errors and what the user asked for.
pub fn say(text: &str) {
    let clean = crate::format::for_terminal(text);
    // One write per line, so lines from two threads never interleave.
    let _ = std::io::stderr().write_all(format!("nncat: {clean}\n").as_bytes());
}

/// A line for scripts to parse (a JSON object), without the `nncat: ` prefix.
pub fn json_line(json: &str) {
    let _ = std::io::stderr().write_all(format!("{json}\n").as_bytes());
}

pub fn error(text: &str) {
    say(&without_os_error_numbers(text));
}

/// "No space left on device (os error 28)" -> "No space left on device": the number
/// is Rust's formatting, not something the user can act on.
pub fn without_os_error_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" (os error ") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match rest.find(')') {
            Some(end) => rest = &rest[end + 1..],
            None => break,
        }
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests {
    #[test]
    fn os_error_numbers_are_left_out() {
        assert_eq!(
            super::without_os_error_numbers(
                "cannot write to stdout: No space left on device (os error 28)"
            ),
            "cannot write to stdout: No space left on device"
        );
        assert_eq!(super::without_os_error_numbers("plain"), "plain");
    }
}
