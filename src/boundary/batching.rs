/*!
Batching a stream's wake-ups. A peer that streams small messages wakes the event loop
for every few segments the kernel receives, and each wake-up is a read from the peer
and a write into the link that libnanomsg then reads: when the loop keeps up with the
stream, it pays those for a few messages at a time. So when a turn of the loop moved
many messages, the loop sleeps a moment before it waits again, and the next turn finds
a batch (the receiver's flush policy, cmd/pacing.rs, does the same for stdout). A turn
that moved a few messages (a request, a reply, a line typed) never sleeps.
*/

use std::cell::Cell;
use std::time::Duration;

/// Messages moved in one turn, either way, from which the turn counts as a stream.
const STREAM: u32 = 16;

/// How long the loop sleeps after a stream's turn.
const HOLD: Duration = Duration::from_micros(200);

thread_local! {
    /// Messages moved through the links since the loop last waited.
    static MOVED: Cell<u32> = const { Cell::new(0) };
}

/// One message moved through a link, either way.
pub(super) fn moved() {
    MOVED.with(|moved| moved.set(moved.get().saturating_add(1)));
}

/// Called by the event loop before it waits for its descriptors.
pub(super) fn before_waiting() {
    if let Some(hold) = hold_after(MOVED.with(|moved| moved.replace(0))) {
        std::thread::sleep(hold);
    }
}

/// How long to sleep after a turn that moved `moved` messages.
fn hold_after(moved: u32) -> Option<Duration> {
    (moved >= STREAM).then_some(HOLD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_turn_of_a_few_messages_never_sleeps() {
        // A request, its reply, a line typed: one or two messages a turn.
        for moved in 0..STREAM {
            assert_eq!(hold_after(moved), None, "{moved}");
        }
    }

    #[test]
    fn a_turn_of_a_stream_sleeps_before_the_loop_waits_again() {
        assert_eq!(hold_after(STREAM), Some(HOLD));
        assert_eq!(hold_after(u32::MAX), Some(HOLD));
    }

    #[test]
    fn each_turn_is_counted_afresh() {
        for _ in 0..STREAM {
            moved();
        }
        before_waiting();
        moved();
        assert_eq!(MOVED.with(Cell::get), 1);
    }
}
