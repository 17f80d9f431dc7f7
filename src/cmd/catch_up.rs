/*!
A publisher waits for its own boundary. pub never blocks: libnanomsg drops a message
for a subscriber whose link to the boundary is full, and a link's buffer is at most
twice `net.core.wmem_max` (416 KiB under the kernel's default), each small message
charged about a kilobyte. When the boundary's thread falls behind, messages were lost
on the way to subscribers that kept up: 12 of 100 subscribers lost a few hundred of
5,000 lines each, and one subscriber 30% of a million lines sent at full speed. The
publisher now waits until the boundary has caught up. A subscriber that takes nothing
stops the boundary's progress: then the publisher goes on, and libnanomsg drops that
subscriber's messages, as nanomsg does.
*/

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use nanomsg::Protocol;

use crate::options::Plan;
use crate::socket::{self, Socket};

/// How far the publisher may be ahead of the boundary, per subscriber, in
/// `socket::link_cost`s, before it waits (half a link's buffer under the usual cap),
/// and how far ahead it then waits to be: the wait ends with room for a burst.
const AHEAD_PER_PEER: u64 = 192 << 10;
const RESUME_PER_PEER: u64 = 64 << 10;

/// How often a publisher that is ahead looks again: a link drains a burst in tens of
/// microseconds, and 1 ms between looks held a stream of small messages to 120,000 a
/// second.
const LOOK: Duration = Duration::from_micros(100);

/// The most `slack` grows to.
const MAX_SLACK: u64 = 1 << 40;

/// How long the boundary may take nothing before what it has not taken is written off
/// as waiting on subscribers that take nothing.
const STALLED: Duration = Duration::from_millis(5);

pub struct CatchUp {
    /// What the boundary has taken off the links; `None` when there is nothing to wait for.
    taken: Option<Arc<AtomicU64>>,
    /// What was given to the links so far.
    given: u64,
    /// What waits on subscribers that took nothing while the publisher waited.
    written_off: u64,
    /// How much further ahead the publisher may go before it waits again, after the
    /// boundary stalled: doubled at each stall in a row, so that a subscriber that
    /// takes nothing costs a few waits, not one every few hundred messages.
    slack: u64,
}

impl CatchUp {
    pub fn new(socket: &Socket, plan: &Plan) -> CatchUp {
        // An inproc subscriber's messages never pass the boundary: with one, what the
        // boundary took could never catch up with what was given.
        let watched = plan.socket.protocol == Protocol::Pub && plan.socket.all_through_boundary();
        let taken = watched.then(|| socket.taken_by_boundary()).flatten();
        CatchUp {
            taken,
            given: 0,
            written_off: 0,
            slack: 0,
        }
    }

    /// After a message of `length` bytes was published (`peers_read`: the count of
    /// attached subscribers, when it was read after that send already): once the
    /// boundary is more than `AHEAD_PER_PEER` a subscriber behind, waits until it is
    /// within `RESUME_PER_PEER`, or until it has taken nothing for `STALLED`.
    pub fn sent(&mut self, socket: &Socket, peers_read: Option<u64>, length: usize) {
        let Some(taken) = &self.taken else {
            return;
        };
        let peers = peers_read.unwrap_or_else(|| socket.connected_peers());
        self.given += peers * socket::link_cost(length as u64);
        let peers = peers.max(1);
        let mut last = taken.load(Ordering::Relaxed);
        let behind = |taken: u64| self.given.saturating_sub(taken + self.written_off);
        if behind(last) <= AHEAD_PER_PEER * peers + self.slack {
            return;
        }
        let mut moved_at = Instant::now();
        while behind(last) > RESUME_PER_PEER * peers {
            thread::sleep(LOOK);
            let now = taken.load(Ordering::Relaxed);
            if now != last {
                (last, moved_at) = (now, Instant::now());
            } else if moved_at.elapsed() >= STALLED {
                self.written_off = self.given.saturating_sub(now);
                self.slack = (self.slack * 2).clamp(AHEAD_PER_PEER * peers, MAX_SLACK);
                return;
            }
        }
        self.slack = 0;
    }
}
