/*!
When a receiver flushes stdout: at once while messages come one at a time, and in
blocks while they come back to back.

A message that is not followed by another at once goes out at once: a person or a test
harness that sends one request and waits must not wait for a buffer. While messages
come back to back (one was already waiting when the last was taken), an empty queue is
most likely a short gap, and the receiver then *sleeps* for `HOLD` before it looks
again instead of waking for the very next message. In that time libnanomsg's read-ahead
and the kernel's socket buffer fill up, the messages that follow are taken without a
hand-off between threads, and one write carries them all. Waking for each message
(polling NN_RCVFD with the same timeout) kept the receiver in lock-step with the
library's worker thread, a context switch per message: measured 1.2 x nanocat's CPU
for 1,000,000 lines, against 0.25-0.5 x with the sleep (docs/performance.md).

Only a message already waiting when the receiver asks proves a stream. Each hold uses
up one of `TRIES`, and such a message refills them: after a hold, a stream has more
messages waiting, while request/reply has only the one the hold waited for (the next
request comes after the reply), so it stops holding after `TRIES` holds instead of
sleeping through every round trip. A hold that finds nothing costs its own length
once. Output never waits more than `MAX_AGE` for a flush while the stream goes on, and
large records, which leave the buffer as they come, never make a receiver hold.
*/

use std::time::{Duration, Instant};

/// How long a receiver in a stream sleeps when the queue is empty. The kernel adds its
/// timer slack (50 µs by default) to it.
const HOLD: Duration = Duration::from_micros(200);

/// Holds in a row, with no message already waiting after them, before the stream
/// counts as sparse.
const TRIES: u8 = 4;

/// The longest received output waits in the buffer while the stream goes on.
const MAX_AGE: Duration = Duration::from_millis(1);

pub struct Pacing {
    /// Holds left to try: refilled by each message that was already waiting.
    holds_left: u8,
    /// When the oldest output still in the buffer was received.
    pending_since: Option<Instant>,
}

impl Pacing {
    pub fn new() -> Pacing {
        Pacing {
            holds_left: 0,
            pending_since: None,
        }
    }

    /// A message was waiting when the receiver asked: the stream is dense.
    pub fn back_to_back(&mut self) {
        self.holds_left = TRIES;
    }

    /// How long to sleep before looking for the next message, when none is waiting and
    /// `pending` says records are in the buffer; `None`: flush and wait for it. Large
    /// records leave the buffer as they come (64 KiB), so there is nothing to batch
    /// and no reason to sleep while the next one streams in.
    pub fn hold(&mut self, pending: bool) -> Option<Duration> {
        if !pending || self.holds_left == 0 || self.overdue() {
            return None;
        }
        self.holds_left -= 1;
        Some(HOLD)
    }

    /// Output is going into the buffer.
    pub fn buffering(&mut self) {
        if self.pending_since.is_none() {
            self.pending_since = Some(Instant::now());
        }
    }

    pub fn flushed(&mut self) {
        self.pending_since = None;
    }

    /// Whether the buffered output would be older than `MAX_AGE` after another hold.
    fn overdue(&self) -> bool {
        self.pending_since
            .is_some_and(|since| since.elapsed() + HOLD > MAX_AGE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_message_at_a_time_never_holds() {
        let mut pacing = Pacing::new();
        pacing.buffering();
        assert_eq!(pacing.hold(true), None);
    }

    #[test]
    fn holds_go_on_only_while_messages_are_waiting() {
        let mut pacing = Pacing::new();
        pacing.buffering();
        pacing.back_to_back();
        // Request/reply: each hold brings the one message it waited for, no more.
        for _ in 0..TRIES {
            assert_eq!(pacing.hold(true), Some(HOLD));
        }
        assert_eq!(pacing.hold(true), None);
        // A stream: after a hold, the next message is already there.
        pacing.back_to_back();
        for _ in 0..TRIES * 4 {
            assert_eq!(pacing.hold(true), Some(HOLD));
            pacing.back_to_back();
        }
    }

    #[test]
    fn no_hold_with_nothing_to_batch_or_with_output_near_its_age_limit() {
        let mut pacing = Pacing::new();
        pacing.back_to_back();
        assert_eq!(pacing.hold(false), None);
        pacing.buffering();
        pacing.pending_since = Instant::now().checked_sub(MAX_AGE);
        assert_eq!(pacing.hold(true), None);
        pacing.flushed();
        pacing.buffering();
        assert_eq!(pacing.hold(true), Some(HOLD));
    }
}
