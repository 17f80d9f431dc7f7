/*!
Batching a stream's wake-ups. A peer that streams small messages wakes the event loop
for every few segments the kernel receives, and each wake-up is a read from the peer
and a write into the link that libnanomsg then reads: when the loop keeps up with the
stream, it pays those for a few messages at a time (for 1,000,000 messages of 64 B,
191 ms of the thread's CPU and 13,560 wake-ups, against 25 ms and 3,600 when it fell
behind and read 16 KiB each time). So when a turn of the loop passed on a batch of
many messages from one side of one peer, the loop sleeps a moment before it waits
again, and the next turn finds a larger batch (the receiver's flush policy,
cmd/pacing.rs, does the same for stdout). Batches of a few messages never hold the
loop: a request, a reply, a line typed, nor many peers' requests at once, where a
sleep would delay every one of them.
*/

use std::cell::Cell;
use std::time::Duration;

/// The batch, in messages, from which one peer's side counts as a stream. Per peer,
/// not per turn: 50 requesters at once gather many messages in a turn, and holding
/// those turns made their round trips 7-15% slower.
const STREAM: u64 = 16;

/// How long the loop sleeps after a stream's turn. 500 µs saved another 5% of a
/// stream's CPU, for 2.5 times the wait of a message that comes right after it.
const HOLD: Duration = Duration::from_micros(200);

thread_local! {
    /// The largest batch passed on since the loop last waited.
    static LARGEST: Cell<u64> = const { Cell::new(0) };
}

/// One side of one peer passed on `messages` in one batch (read together, written
/// with one flush).
pub(super) fn batch(messages: u64) {
    LARGEST.with(|largest| largest.set(largest.get().max(messages)));
}

/// Called by the event loop before it waits for its descriptors.
pub(super) fn before_waiting() {
    if let Some(hold) = hold_after(LARGEST.with(|largest| largest.replace(0))) {
        std::thread::sleep(hold);
    }
}

/// How long to sleep after a turn whose largest batch was `largest` messages.
fn hold_after(largest: u64) -> Option<Duration> {
    (largest >= STREAM).then_some(HOLD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_of_a_few_messages_never_hold_the_loop() {
        // A request, its reply, a line typed: one or two messages a batch.
        for largest in 0..STREAM {
            assert_eq!(hold_after(largest), None, "{largest}");
        }
    }

    #[test]
    fn a_streams_batch_holds_the_loop_before_it_waits_again() {
        assert_eq!(hold_after(STREAM), Some(HOLD));
        assert_eq!(hold_after(u64::MAX), Some(HOLD));
    }

    #[test]
    fn many_peers_with_a_message_each_are_not_a_stream() {
        for _ in 0..STREAM * 10 {
            batch(1);
        }
        assert_eq!(LARGEST.with(Cell::get), 1);
    }

    #[test]
    fn each_turn_is_counted_afresh() {
        batch(STREAM);
        before_waiting();
        batch(2);
        assert_eq!(LARGEST.with(Cell::get), 2);
    }
}
