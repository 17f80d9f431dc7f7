/*!
The guard's plumbing over plain sockets: a stop signal every wait also watches, a
bounded read of an HTTP head, and the copy of bytes both ways once the upgrade is done.
The sockets themselves (shared ports, a connect a stop can cut short) are in
`sockets.rs`.

Every wait is a `poll` that includes the stop pipe, so the guard's threads end as soon
as the socket closes, whatever they were waiting for.
*/

use std::io::{self, ErrorKind, Read, Write};

use std::net::TcpStream;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

use libc::c_int;

use super::http::head_len;

/// Bytes copied at a time, each way, per connection. Measured with 1 MiB messages: no
/// difference in time or CPU from 256 KiB, at a quarter of the memory.
const PUMP_BUFFER: usize = 64 * 1024;

/// Once written to, readable forever: every thread's next wait sees it.
pub struct Stop {
    read: OwnedFd,
    write: OwnedFd,
}

impl Stop {
    pub fn new() -> io::Result<Stop> {
        let mut fds = [0 as c_int; 2];
        // SAFETY: pipe2 writes two descriptors into the array at the pointer, and `fds`
        // is a local array of two c_int.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | libc::O_NONBLOCK) } < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: pipe2 succeeded, so both are open descriptors it has just made; their
        // numbers are known only here, so each OwnedFd is the one owner of its end.
        let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        Ok(Stop { read, write })
    }

    pub fn signal(&self) {
        // SAFETY: the descriptor is `self.write`'s, open as long as `self` is borrowed;
        // write reads one byte at the pointer, a static one-byte string.
        let _ = unsafe { libc::write(self.write.as_raw_fd(), b"s".as_ptr().cast(), 1) };
    }

    /// Waits until one of `fds` (with its poll events) is ready, up to `deadline`: the
    /// index of the first ready one, `None` at the deadline.
    pub fn wait(
        &self,
        fds: &[(RawFd, i16)],
        deadline: Option<Instant>,
    ) -> Result<Option<usize>, Stopped> {
        poll_until(Some(&self.read), fds, deadline)
    }
}

/// `Stop::wait`, and the same without a stop for what must finish after it.
fn poll_until(
    stop: Option<&OwnedFd>,
    fds: &[(RawFd, i16)],
    deadline: Option<Instant>,
) -> Result<Option<usize>, Stopped> {
    // A negative descriptor is one poll skips: the stop's place when there is none.
    let stop_fd = stop.map_or(-1, |fd| fd.as_raw_fd());
    let mut polled: Vec<libc::pollfd> = std::iter::once((stop_fd, libc::POLLIN))
        .chain(fds.iter().copied())
        .map(|(fd, events)| libc::pollfd {
            fd,
            events,
            revents: 0,
        })
        .collect();
    loop {
        let timeout = match deadline {
            None => -1,
            Some(at) => crate::socket::millis(at.saturating_duration_since(Instant::now())),
        };
        // SAFETY: poll reads and writes `polled.len()` pollfd entries at the pointer, the
        // Vec's own, which is not resized while poll runs. A descriptor closed meanwhile
        // makes no memory error, only POLLNVAL.
        let rc = unsafe { libc::poll(polled.as_mut_ptr(), polled.len() as libc::nfds_t, timeout) };
        if rc < 0 {
            if io::Error::last_os_error().kind() == ErrorKind::Interrupted {
                continue;
            }
            // poll fails only on bad arguments: end rather than spin.
            return Err(Stopped);
        }
        if polled[0].revents != 0 {
            return Err(Stopped);
        }
        if let Some(ready) = polled[1..].iter().position(|p| p.revents != 0) {
            return Ok(Some(ready));
        }
        if rc == 0 || deadline.is_some_and(|at| Instant::now() >= at) {
            return Ok(None);
        }
    }
}

/// The stop signal came.
#[derive(Debug)]
pub struct Stopped;

/// How reading a head ended, when it did not end with a head.
#[derive(Debug)]
pub enum HeadError {
    /// The peer closed, or the connection failed, before the empty line.
    Closed,
    /// No empty line within the limit.
    TooLong,
    /// No empty line by the deadline.
    TimedOut,
    Stopped,
}

/// Reads from `stream` until an HTTP head has arrived: the head, and what came after it
/// in the same reads. At most `limit` bytes, until `deadline`. `enough` may end the
/// reading before the head does: then all that was read comes back as the head.
pub fn read_head(
    stop: &Stop,
    stream: &mut TcpStream,
    limit: usize,
    deadline: Instant,
    enough: fn(&[u8]) -> bool,
) -> Result<(Vec<u8>, Vec<u8>), HeadError> {
    let mut seen = Vec::new();
    let mut chunk = [0u8; 2048];
    let fds = [(stream.as_raw_fd(), libc::POLLIN)];
    loop {
        match stop.wait(&fds, Some(deadline)) {
            Err(Stopped) => return Err(HeadError::Stopped),
            Ok(None) => return Err(HeadError::TimedOut),
            Ok(Some(_)) => {}
        }
        let room = (limit - seen.len()).min(chunk.len());
        match stream.read(&mut chunk[..room]) {
            Ok(0) => return Err(HeadError::Closed),
            Ok(n) => seen.extend_from_slice(&chunk[..n]),
            Err(err) if matches!(err.kind(), ErrorKind::Interrupted | ErrorKind::WouldBlock) => {}
            Err(_) => return Err(HeadError::Closed),
        }
        if let Some(end) = head_len(&seen) {
            let rest = seen.split_off(end);
            return Ok((seen, rest));
        }
        if enough(&seen) {
            return Ok((seen, Vec::new()));
        }
        if seen.len() >= limit {
            return Err(HeadError::TooLong);
        }
    }
}

/// One direction of a relay: bytes read from one side, not yet written to the other.
struct Flow {
    buffer: Box<[u8]>,
    start: usize,
    end: usize,
    /// The source said end of file; the rest is written, then the other side's write
    /// half is shut.
    eof: bool,
    done: bool,
}

impl Flow {
    fn new() -> Flow {
        Flow {
            buffer: vec![0; PUMP_BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            eof: false,
            done: false,
        }
    }

    fn pending(&self) -> bool {
        self.start < self.end
    }

    /// Moves what it can from `from` to `to` without blocking. `Err` ends the relay.
    fn step(&mut self, from: &mut TcpStream, to: &mut TcpStream) -> io::Result<()> {
        loop {
            if self.pending() {
                match to.write(&self.buffer[self.start..self.end]) {
                    Ok(n) => self.start += n,
                    Err(err) if err.kind() == ErrorKind::WouldBlock => return Ok(()),
                    Err(err) if err.kind() == ErrorKind::Interrupted => continue,
                    Err(err) => return Err(err),
                }
                continue;
            }
            if self.eof {
                if !self.done {
                    // Pass the close on, so the side that closed first stays the one
                    // the kernel's tables show (see drops.rs).
                    let _ = to.shutdown(std::net::Shutdown::Write);
                    self.done = true;
                }
                return Ok(());
            }
            match from.read(&mut self.buffer) {
                Ok(0) => self.eof = true,
                Ok(n) => {
                    self.start = 0;
                    self.end = n;
                }
                Err(err) if err.kind() == ErrorKind::WouldBlock => return Ok(()),
                Err(err) if err.kind() == ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
    }
}

/// Copies bytes both ways between `a` and `b`, `b_first` going to `b` before anything
/// else, until both sides have closed or either fails. Each byte costs one copy through
/// this process, and nothing waits on a timer.
///
/// After the stop, it goes on for at most `drain`: the socket has closed by then, so
/// libnanomsg's side ends after its last bytes, and those are still passed on (once
/// nanomsg has written a message, the kernel would have delivered it without us).
pub fn pump(stop: &Stop, mut a: TcpStream, mut b: TcpStream, b_first: &[u8], drain: Duration) {
    if a.set_nonblocking(true).is_err() || b.set_nonblocking(true).is_err() {
        return;
    }
    let mut a_to_b = Flow::new();
    let mut b_to_a = Flow::new();
    // What came after a head: at most the head's limit, far below the buffer.
    let first = b_first.len().min(PUMP_BUFFER);
    a_to_b.buffer[..first].copy_from_slice(&b_first[..first]);
    a_to_b.end = first;
    let mut draining_until: Option<Instant> = None;
    loop {
        if a_to_b.step(&mut a, &mut b).is_err() || b_to_a.step(&mut b, &mut a).is_err() {
            return;
        }
        if a_to_b.done && b_to_a.done {
            return;
        }
        // Watch a side only for what can move now: a side whose peer is gone would
        // otherwise report itself ready forever.
        let interest = |reads: &Flow, writes: &Flow| -> i16 {
            let mut events = 0;
            if !reads.pending() && !reads.eof {
                events |= libc::POLLIN;
            }
            if writes.pending() {
                events |= libc::POLLOUT;
            }
            events
        };
        let a_events = interest(&a_to_b, &b_to_a);
        let b_events = interest(&b_to_a, &a_to_b);
        let fds: Vec<(RawFd, i16)> = [(a.as_raw_fd(), a_events), (b.as_raw_fd(), b_events)]
            .into_iter()
            .map(|(fd, events)| if events == 0 { (-1, 0) } else { (fd, events) })
            .collect();
        match draining_until {
            None => {
                if stop.wait(&fds, None).is_err() {
                    draining_until = Some(Instant::now() + drain);
                }
            }
            Some(deadline) => {
                if matches!(poll_until(None, &fds, Some(deadline)), Ok(None) | Err(_)) {
                    return;
                }
            }
        }
    }
}
