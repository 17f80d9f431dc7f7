/*!
The peers of a socket counted against the descriptor limit: each holds three
descriptors, and libnanomsg's own accept spins at full CPU when the limit is met, so
the boundary stops accepting first. Apart from the relay, which asks before it accepts.
*/

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Descriptors each peer holds: its connection and both ends of its private link.
const DESCRIPTORS_PER_PEER: usize = 3;

/// Descriptors kept for the rest of the process: stdio, libnanomsg's own, listeners,
/// the event loop's, a command's pipes.
const DESCRIPTORS_KEPT: usize = 32;

/// How many peers the descriptor limit leaves room for. The soft limit is raised to
/// the hard one first, as servers do: 1,000 peers need 3,000 descriptors, and the soft
/// limit is often 1,024.
pub(super) fn peer_capacity() -> usize {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if let (Some(current), Some(maximum)) = (limit.current, limit.maximum)
        && current < maximum
    {
        let raised = rustix::process::Rlimit {
            current: Some(maximum),
            maximum: Some(maximum),
        };
        if setrlimit(Resource::Nofile, raised).is_ok() {
            limit.current = Some(maximum);
        }
    }
    let descriptors = limit
        .current
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    descriptors.saturating_sub(DESCRIPTORS_KEPT) / DESCRIPTORS_PER_PEER
}

/// The peers being served, counted against what the descriptor limit allows, so that
/// nncat stops accepting before libnanomsg's own accept meets the limit (it then spins
/// on EMFILE at 100% CPU).
#[derive(Clone)]
pub(super) struct Peers {
    live: Arc<AtomicUsize>,
    capacity: usize,
}

/// One peer's place, given back when it is dropped.
pub(super) struct PeerSlot(Arc<AtomicUsize>);

impl Peers {
    pub(super) fn new(capacity: usize) -> Peers {
        Peers {
            live: Default::default(),
            capacity,
        }
    }

    pub(super) fn full(&self) -> bool {
        self.live.load(Ordering::Relaxed) >= self.capacity
    }

    pub(super) fn take(&self) -> PeerSlot {
        self.live.fetch_add(1, Ordering::Relaxed);
        PeerSlot(Arc::clone(&self.live))
    }

    pub(super) fn capacity(&self) -> usize {
        self.capacity
    }
}

impl Drop for PeerSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}
