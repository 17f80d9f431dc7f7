/*!
Lines on stderr other than the final error: warnings, and `-v` events. Each is one line
that starts with `nncat:`, with control characters a peer could have sent replaced.
*/

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

pub use crate::error::Reason;

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--log-format json`: every line is a JSON object (docs/harness.md has the schema).
static JSON: AtomicBool = AtomicBool::new(false);

pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether warnings are silenced (-q), so that nothing waits to say one.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

pub fn set_json(json: bool) {
    JSON.store(json, Ordering::Relaxed);
}

/// Whether stderr's lines are JSON objects (`--log-format json`).
pub fn json() -> bool {
    JSON.load(Ordering::Relaxed)
}

/// The window of every "at most once a second" line: a peer that fails every 100 ms,
/// a crowd of peers, a stream of unmatched messages.
pub const ONCE_A_SECOND: Duration = Duration::from_secs(1);

/// One kind of repeated line, said at most once per window: what happens in between is
/// counted and told with the next line (or a forced one at the end). Every "at most
/// once a second" of nncat's is one of these.
pub struct Throttle {
    window: Duration,
    said_at: Option<Instant>,
    held: u64,
}

impl Throttle {
    pub const fn new(window: Duration) -> Throttle {
        Throttle {
            window,
            said_at: None,
            held: 0,
        }
    }

    /// `times` more occurrences.
    pub fn hold(&mut self, times: u64) {
        self.held += times;
    }

    /// The occurrences held, when a line may be said now (the window has passed since
    /// the last, or `force`); the line is then taken as said.
    pub fn release(&mut self, force: bool) -> Option<u64> {
        if self.held == 0 {
            return None;
        }
        if !force && self.said_at.is_some_and(|at| at.elapsed() < self.window) {
            return None;
        }
        self.said_at = Some(Instant::now());
        Some(std::mem::take(&mut self.held))
    }
}

#[derive(Clone, Copy)]
enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// One line on stderr: `nncat: [warning: ]TEXT`, or its JSON object.
fn line(level: Level, text: &str, reason: Option<Reason>, fields: &[(&str, Value)]) {
    let clean = crate::format::for_terminal(text);
    let line = if json() {
        let head = [
            Some(("level", json!(level.name()))),
            Some(("message", json!(clean))),
            reason.map(|reason| ("reason", json!(reason.name()))),
        ];
        object_line(head.into_iter().flatten(), fields)
    } else {
        match level {
            Level::Warning => format!("nncat: warning: {clean}\n"),
            Level::Error | Level::Info => format!("nncat: {clean}\n"),
        }
    };
    // The error is the run's last line, and the process exits after it whatever a
    // signal would do.
    if matches!(level, Level::Error) {
        let _ = std::io::stderr().write_all(line.as_bytes());
    } else {
        write_stderr(line.as_bytes());
    }
}

/// What runs before each line but the last error (`before_each_line`).
static BEFORE_LINE: OnceLock<fn()> = OnceLock::new();

/// A write to stderr can block (a pipe its reader does not read): lib.rs has the
/// thread that acts on signals started before one, so that a signal can end the wait.
pub fn before_each_line(prepare: fn()) {
    let _ = BEFORE_LINE.set(prepare);
}

/// One write per line, so lines from two threads never interleave.
fn write_stderr(bytes: &[u8]) {
    if let Some(prepare) = BEFORE_LINE.get() {
        prepare();
    }
    let _ = std::io::stderr().write_all(bytes);
}

/// One line on stderr, whatever --quiet says: what the user asked for (--stats, a
/// port 0 bind).
pub fn say(text: &str) {
    line(Level::Info, text, None, &[]);
}

/// An error line with its reason.
pub fn fail(reason: Option<Reason>, text: &str) {
    line(Level::Error, &without_os_error_numbers(text), reason, &[]);
}

/// A happening a harness waits for (`bound`, `connected`, `disconnected`): a JSON
/// object under `--log-format json`, nothing otherwise (`-v` tells them in words).
pub fn happened(event: &str, fields: &[(&str, Value)]) {
    if json() {
        announce(event, fields);
    }
}

/// `{"event": EVENT, ...fields}` on a line of its own, whatever the log format.
pub fn announce(event: &str, fields: &[(&str, Value)]) {
    let line = object_line([("event", json!(event))], fields);
    write_stderr(line.as_bytes());
}

/// One JSON object and its newline: `head`'s fields, then `fields`.
fn object_line<'a>(
    head: impl IntoIterator<Item = (&'a str, Value)>,
    fields: &[(&str, Value)],
) -> String {
    let mut object = Map::new();
    for (key, value) in head {
        object.insert(key.into(), value);
    }
    for (key, value) in fields {
        object.insert((*key).into(), value.clone());
    }
    format!("{}\n", Value::Object(object))
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

/// A warning, unless -q.
pub fn warn(text: &str) {
    warn_because(None, text);
}

/// A warning with its reason, unless -q.
pub fn warn_because(reason: Option<Reason>, text: &str) {
    if !quiet() {
        line(Level::Warning, text, reason, &[]);
    }
}

/// The `--progress` line: redrawn in place on a terminal, else one line each time
/// (a JSON object under `--log-format json`).
pub fn progress(text: &str) {
    if json() {
        line(Level::Info, text, None, &[]);
        return;
    }
    let line = if std::io::stderr().is_terminal() {
        format!("\r\x1b[Knncat: {text}")
    } else {
        format!("nncat: {text}\n")
    };
    write_stderr(line.as_bytes());
}

/// Ends a `--progress` line drawn in place, so what follows starts on a line of its own.
pub fn end_progress() {
    if !json() && std::io::stderr().is_terminal() {
        write_stderr(b"\r\x1b[K");
    }
}

/// A `-v` event, stamped with the time since the socket opened (in JSON, "elapsed" in
/// seconds).
pub fn event(started: Instant, text: &str) {
    if quiet() {
        return;
    }
    let elapsed = started.elapsed().as_secs_f64();
    if json() {
        let elapsed = (elapsed * 1000.0).round() / 1000.0;
        line(Level::Info, text, None, &[("elapsed", json!(elapsed))]);
    } else {
        line(Level::Info, &format!("[{elapsed:.3}s] {text}"), None, &[]);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::Throttle;

    #[test]
    fn a_throttle_says_the_first_at_once_and_counts_the_rest_until_the_window_passes() {
        let mut throttle = Throttle::new(Duration::from_secs(3600));
        assert_eq!(throttle.release(false), None, "nothing happened");
        throttle.hold(1);
        assert_eq!(throttle.release(false), Some(1));
        throttle.hold(2);
        throttle.hold(1);
        assert_eq!(throttle.release(false), None, "within the window");
        assert_eq!(throttle.release(true), Some(3), "forced at the end");
        let mut every_time = Throttle::new(Duration::ZERO);
        every_time.hold(1);
        assert_eq!(every_time.release(false), Some(1));
        every_time.hold(1);
        assert_eq!(every_time.release(false), Some(1));
    }

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
