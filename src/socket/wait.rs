//! Waiting without nanomsg's millisecond clock: ppoll on NN_RCVFD and stdout together,
//! and the one conversion of a Duration to the milliseconds nanomsg's options take.

use std::os::fd::BorrowedFd;
use std::time::Duration;

use libc::c_int;

use super::Socket;
use crate::os;

impl Socket {
    /// Waits until a message can be received, `watch` reports an error or a hang-up
    /// (the reader of a pipe went away; nothing else is asked of it), or `timeout`
    /// passes (`None`: no limit). The message is left for `recv`.
    ///
    /// It polls NN_RCVFD, which libnanomsg keeps readable exactly while a message can be
    /// received, rather than calling nn_poll, which counts whole milliseconds and cannot
    /// watch another descriptor. nn_term (a signal) makes it readable before closing
    /// it, so a signal still ends the wait: the receive that follows fails with EBADF.
    pub fn wait_readable(&self, timeout: Option<Duration>, watch: Option<BorrowedFd<'_>>) -> Wake {
        let Some(recv_fd) = self.recv_fd() else {
            // Receiving will say why this socket cannot.
            return Wake::Readable;
        };
        let mut fds = vec![os::watch(recv_fd, os::Events::IN)];
        fds.extend(watch.map(|watch| os::watch(watch, os::Events::empty())));
        match os::poll(&mut fds, timeout) {
            Some(0) => Wake::TimedOut,
            _ if fds.get(1).is_some_and(os::hung_up) => Wake::HungUp,
            // Readable, closed under us by nn_term (POLLNVAL), or a signal (EINTR): the
            // receive that follows tells which.
            _ => Wake::Readable,
        }
    }
}

/// What ended `Socket::wait_readable`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// A message can be received, or the socket is closing: receiving says which.
    Readable,
    /// The watched descriptor reported an error or a hang-up.
    HungUp,
    TimedOut,
}
/// A duration as the whole milliseconds of nanomsg's options and of poll(2), rounded up
/// (`1us` must not become 0, which both read as "do not wait") and capped at
/// `c_int::MAX`. Every such conversion in nncat goes through here.
pub fn millis(duration: Duration) -> c_int {
    let millis = duration.as_nanos().div_ceil(1_000_000);
    c_int::try_from(millis).unwrap_or(c_int::MAX)
}
