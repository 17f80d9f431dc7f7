//! Waiting without nanomsg's millisecond clock: ppoll on NN_RCVFD and stdout together,
//! and the one conversion of a Duration to the milliseconds nanomsg's options take.

use std::os::fd::RawFd;
use std::ptr;
use std::time::Duration;

use libc::c_int;

use super::Socket;

impl Socket {
    /// Waits until a message can be received, `watch` reports an error or a hang-up
    /// (the reader of a pipe went away; nothing else is asked of it), or `timeout`
    /// passes (`None`: no limit). The message is left for `recv`.
    ///
    /// It polls NN_RCVFD, which libnanomsg keeps readable exactly while a message can be
    /// received, rather than calling nn_poll, which counts whole milliseconds and cannot
    /// watch another descriptor. nn_term (a signal) makes it readable before closing
    /// it, so a signal still ends the wait: the receive that follows fails with EBADF.
    pub fn wait_readable(&self, timeout: Option<Duration>, watch: Option<RawFd>) -> Wake {
        let Some(recv_fd) = self.recv_fd else {
            // Receiving will say why this socket cannot.
            return Wake::Readable;
        };
        let mut fds = [
            libc::pollfd {
                fd: recv_fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: watch.unwrap_or(-1),
                events: 0,
                revents: 0,
            },
        ];
        match poll(&mut fds, timeout) {
            0 => Wake::TimedOut,
            _ if fds[1].revents & (libc::POLLERR | libc::POLLHUP) != 0 => Wake::HungUp,
            // Readable, closed under us by nn_term (POLLNVAL), or a signal (EINTR): the
            // receive that follows tells which.
            _ => Wake::Readable,
        }
    }
}

/// A duration as the whole milliseconds of nanomsg's options and of poll(2), rounded up
/// (`1us` must not become 0, which both read as "do not wait") and capped at
/// `c_int::MAX`. Every such conversion in nncat goes through here.
pub fn millis(duration: Duration) -> c_int {
    let millis = duration.as_nanos().div_ceil(1_000_000);
    c_int::try_from(millis).unwrap_or(c_int::MAX)
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

/// `ppoll` over `fds` for at most `timeout` (`None`: no limit), in nanoseconds where
/// `poll` counts milliseconds. A negative descriptor is skipped. Returns how many
/// descriptors have events, 0 when the time ran out, -1 on an error (a signal).
pub fn poll(fds: &mut [libc::pollfd], timeout: Option<Duration>) -> c_int {
    let limit = timeout.map(|t| libc::timespec {
        tv_sec: t.as_secs().min(libc::time_t::MAX as u64) as libc::time_t,
        tv_nsec: t.subsec_nanos() as libc::c_long,
    });
    let limit_ptr = limit.as_ref().map_or(ptr::null(), ptr::from_ref);
    // SAFETY: ppoll reads and writes `fds.len()` pollfd entries at `fds.as_mut_ptr()`,
    // which the `fds` slice holds and lends mutably for the call; `limit_ptr` is null
    // (no limit) or points at `limit`, which lives to the end of this function; a null
    // signal mask leaves the thread's mask as it is.
    unsafe {
        libc::ppoll(
            fds.as_mut_ptr(),
            fds.len() as libc::nfds_t,
            limit_ptr,
            ptr::null(),
        )
    }
}
