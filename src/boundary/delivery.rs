/*!
What became of the messages libnanomsg gave the boundary toward peers, counted for the
socket's close: whether bytes still move (the drain waits while they do), and how many
messages reached a peer's connection or were lost with a peer that left, so that a
sender can tell its user what its exit cut off. Apart from the pump, which counts, so
that the socket reads the counts without knowing how a peer is served.
*/

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Default)]
pub struct Delivery {
    /// Messages and pieces of large ones passed toward peers: grows while bytes move.
    progress: AtomicU64,
    /// Messages written whole into a peer's connection.
    delivered: AtomicU64,
    /// Messages lost with a peer that left: the ones being written to it when its
    /// connection failed, and what libnanomsg gave its link after it had gone that no
    /// other peer could take (pump.rs, orphans).
    lost_with_peers: AtomicU64,
}

impl Delivery {
    pub fn progress(&self) -> u64 {
        self.progress.load(Ordering::Relaxed)
    }

    pub fn delivered(&self) -> u64 {
        self.delivered.load(Ordering::Relaxed)
    }

    pub fn lost_with_peers(&self) -> u64 {
        self.lost_with_peers.load(Ordering::Relaxed)
    }

    pub(super) fn moved(&self) {
        self.progress.fetch_add(1, Ordering::Relaxed);
    }

    pub(super) fn reached_peer(&self, messages: u64) {
        self.delivered.fetch_add(messages, Ordering::Relaxed);
    }

    pub(super) fn lost_with_peer(&self, messages: u64) {
        self.lost_with_peers.fetch_add(messages, Ordering::Relaxed);
    }
}
