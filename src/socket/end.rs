/*!
The end of a socket's run: the drain while what was sent still moves, the close, and
what the close cut off (a push or pair then exits 3, cmd::finish). Apart from the rest
of the socket because it is where `--linger`, libnanomsg's missing linger and the
boundary's delivery counts meet.
*/

use std::sync::atomic::Ordering;
use std::thread;
use std::time::{Duration, Instant};

use nanomsg::{Error as NnError, Protocol};
use nanomsg_sys as sys;

use super::{Boundary, Socket, last_error, millis, stats};

/// After the last write has left, how long the peer gets to take the message out of
/// its read-ahead before we close: nanomsg drops a pipe's unread message when the pipe
/// closes. Measured: 20 of 20 one-byte pushes arrived with it, 8 of 20 without.
const CLOSE_GRACE: Duration = Duration::from_millis(100);

/// How often the drain at exit looks whether the boundary has passed more on.
const DRAIN_LOOK: Duration = Duration::from_millis(50);

impl Socket {
    /// Holds the socket open until what was sent has left, while it moves: the wait
    /// ends once `--linger` passes with nothing moving. Through the boundary, every
    /// piece a peer takes starts that time again, so a large message on a slow link
    /// is not cut for taking longer than `--linger` in all.
    ///
    /// nanomsg 1.x ignores NN_LINGER: closing drops a message still being written and
    /// the message a peer's pipe has read ahead. A socket that can block on send (push,
    /// req, pair, bus, surveyor) reports POLLOUT again only when the transport has
    /// finished the last write. pub never blocks, and rep and respondent report POLLOUT
    /// only while a request waits for its answer (measured: a rep that had answered
    /// waited out the whole linger), so those get the grace period alone.
    pub fn drain(&self) {
        if self.linger.is_zero() {
            return;
        }
        let delivery = self.delivery();
        let moved = || delivery.as_ref().map_or(0, |delivery| delivery.progress());
        let mut deadline = Instant::now() + self.linger;
        if !matches!(
            self.protocol,
            Protocol::Pub | Protocol::Rep | Protocol::Respondent
        ) {
            let mut fd = sys::nn_pollfd::new(self.id, false, true);
            let mut seen = moved();
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                let look = if delivery.is_some() {
                    left.min(DRAIN_LOOK)
                } else {
                    left
                };
                // SAFETY: nn_poll reads one nn_pollfd at the pointer and writes its
                // revents: `fd` is that one, a local that outlives the call.
                let rc = unsafe { sys::nn_poll(&raw mut fd, 1, millis(look)) };
                if rc > 0 || (rc < 0 && last_error().kind() != NnError::Interrupted) {
                    break;
                }
                let now_moved = moved();
                if now_moved != seen {
                    seen = now_moved;
                    deadline = Instant::now() + self.linger;
                } else if left.is_zero() {
                    break;
                }
            }
        }
        thread::sleep(CLOSE_GRACE.min(deadline.saturating_duration_since(Instant::now())));
    }

    /// Ends this socket's part in a run whose process exits next, without closing it:
    /// `cmd::finish` calls it only when nothing the socket sent can still be on its way
    /// and nobody watches the teardown (`-v`, JSON events). The close would spend its
    /// time (libnanomsg stopping its worker thread, the boundary's thread winding down:
    /// 0.17 ms of a one-shot's 2.7) on what the exit does anyway; the private folder,
    /// which the exit would leave behind, is removed now.
    pub fn leave(&self) {
        if let Some(Some(boundary)) = self.end_once() {
            boundary.leave();
        }
    }

    /// What `close` and `leave` both do first, once: mark the socket ended, stop the
    /// watchers (what they would still find is about a run that is over) and take the
    /// boundary. `None` when the socket had already ended.
    fn end_once(&self) -> Option<Option<Boundary>> {
        if self.closed.swap(true, Ordering::SeqCst) {
            return None;
        }
        self.monitor_stop.store(true, Ordering::Relaxed);
        Some(
            self.boundary
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take(),
        )
    }

    /// Closes the socket now, and lets the boundary pass on what libnanomsg gave it
    /// while that moves (drop does the same, without an answer). What became of the
    /// messages sent, when every endpoint goes through the boundary and this is the
    /// first close.
    pub fn close(&self) -> Option<Closed> {
        let mut boundary = self.end_once()?;
        // Read before nn_close, after which the statistics are gone.
        let sent = self.counts().sent;
        let _ = self.wake.send(stats::Wake::Look);
        // Its thread wakes while libnanomsg closes (a one-shot's exit was 0.1 ms
        // shorter): what it then waits for is libnanomsg closing the links.
        if let Some(boundary) = boundary.as_mut() {
            boundary.begin_closing();
        }
        // SAFETY: nn_close takes only a socket number, which nanomsg looks up: a number
        // it no longer knows (nn_term closed every socket) fails with EBADF. `id` is the
        // one nn_socket gave this Socket in `open`, and `closed` lets it be closed once.
        // A Message still alive is a chunk of its own, freed without the socket.
        unsafe {
            sys::nn_close(self.id);
        }
        super::counts::closed(self.id);
        let delivery = boundary.as_ref().map(Boundary::delivery);
        // Dropping it waits for its event loop: the drain toward peers.
        drop(boundary);
        let delivery = delivery.filter(|_| self.all_through_boundary)?;
        Some(Closed {
            sent,
            delivered: delivery.delivered(),
            lost_with_peers: delivery.lost_with_peers(),
        })
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.close();
    }
}

/// What became of the messages a socket sent, learnt at its close.
pub struct Closed {
    /// Messages libnanomsg took from nncat.
    pub sent: u64,
    /// Of them, those written whole into a peer's connection.
    pub delivered: u64,
    /// Of them, those lost with a peer that left while they were on their way.
    pub lost_with_peers: u64,
}

impl Closed {
    /// Messages the close cut off: neither delivered nor lost with a peer, so still
    /// inside nncat or libnanomsg when `--linger` gave up on them.
    pub fn cut(&self) -> u64 {
        self.sent
            .saturating_sub(self.delivered)
            .saturating_sub(self.lost_with_peers)
    }
}
