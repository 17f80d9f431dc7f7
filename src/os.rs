/*!
The operating system's calls that nncat makes itself (libnanomsg's are in `socket/`),
all through rustix or std, so no `unsafe` is needed for them: the one poll, the process
groups of `--exec` commands, pipes, descriptors, limits, and what is at an ipc path.
*/

use std::io::{self, ErrorKind};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::UnixStream;
use std::path::Path;

use anyhow::{Result, anyhow};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags, Timespec};
use rustix::process::{Pid, PidfdFlags, Resource, Signal, WaitIdOptions};

pub use rustix::event::PollFlags as Events;

/// Waits until one of `fds` has an event, for at most `timeout` (`None`: no limit), to
/// the nanosecond (poll(2) counts milliseconds; this is ppoll). Returns how many have
/// events, 0 when the time ran out, or None when a signal interrupted the wait: the
/// caller must look at the signal then, not take it for a timeout.
pub fn poll(fds: &mut [PollFd<'_>], timeout: Option<Duration>) -> Option<usize> {
    let limit = timeout.map(|t| Timespec {
        tv_sec: t.as_secs().min(i64::MAX as u64) as i64,
        tv_nsec: i64::from(t.subsec_nanos()),
    });
    match rustix::event::poll(fds, limit.as_ref()) {
        Ok(ready) => Some(ready),
        Err(rustix::io::Errno::INTR) => None,
        // Only a bad descriptor or a full kernel can fail it; each caller's next step
        // (a read, a receive) then says what is wrong.
        Err(_) => Some(0),
    }
}

/// A descriptor to watch for `events` (readable: `Events::IN`; writable: `Events::OUT`;
/// errors and hang-ups are always reported).
pub fn watch(fd: BorrowedFd<'_>, events: PollFlags) -> PollFd<'_> {
    PollFd::from_borrowed_fd(fd, events)
}

/// Whether the watched descriptor's reader or writer went away (or it failed).
pub fn hung_up(fd: &PollFd<'_>) -> bool {
    fd.revents()
        .intersects(PollFlags::ERR | PollFlags::HUP | PollFlags::NVAL)
}

/// Whether the descriptor has data (or its end) to read now, without waiting.
pub fn readable_now(fd: BorrowedFd<'_>) -> bool {
    let mut fds = [watch(fd, PollFlags::IN)];
    poll(&mut fds, Some(Duration::ZERO)).is_some_and(|ready| ready > 0)
}

/// Kills process group `pgid`, SIGKILL. A group already gone is no error of ours.
pub fn kill_group(pgid: i32) {
    if let Some(pgid) = Pid::from_raw(pgid) {
        let _ = rustix::process::kill_process_group(pgid, Signal::KILL);
    }
}

/// Whether child `pid` has exited, without reaping it: until it is reaped, its process
/// group's number stays ours. An error (which cannot happen for a child not yet reaped)
/// counts as an exit rather than a wait for ever.
pub fn has_exited(pid: i32) -> bool {
    let Some(pid) = Pid::from_raw(pid) else {
        return true;
    };
    let options = WaitIdOptions::EXITED | WaitIdOptions::NOHANG | WaitIdOptions::NOWAIT;
    match rustix::process::waitid(rustix::process::WaitId::Pid(pid), options) {
        Ok(status) => status.is_some(),
        Err(_) => true,
    }
}

/// A descriptor that polls readable once process `pid` has exited, where the kernel has
/// pidfd_open (Linux 5.3).
pub fn exit_watch(pid: i32) -> Option<OwnedFd> {
    rustix::process::pidfd_open(Pid::from_raw(pid)?, PidfdFlags::empty()).ok()
}

/// A reader that waits instead of failing where its descriptor was left non-blocking
/// by whoever opened it (O_NONBLOCK is shared by every process holding the pipe):
/// EAGAIN waits until there is more to read, as stdout's writes wait for room.
pub struct Blocking<R>(pub R);

impl<R: io::Read + AsFd> io::Read for Blocking<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.0.read(buf) {
                Err(err) if err.kind() == ErrorKind::WouldBlock => {
                    // POLLHUP (the writer left) wakes it too; the next read says so.
                    let mut fds = [watch(self.0.as_fd(), Events::IN)];
                    poll(&mut fds, None);
                }
                other => return other,
            }
        }
    }
}

pub fn set_nonblocking(fd: impl AsFd) -> io::Result<()> {
    let flags = rustix::fs::fcntl_getfl(&fd)?;
    rustix::fs::fcntl_setfl(&fd, flags | rustix::fs::OFlags::NONBLOCK)?;
    Ok(())
}

/// A pipe's capacity, and its change; a refusal (the per-user pipe budget spent) leaves
/// it as it was.
pub fn pipe_size(pipe: impl AsFd) -> Option<usize> {
    rustix::pipe::fcntl_getpipe_size(pipe).ok()
}

pub fn set_pipe_size(pipe: impl AsFd, size: usize) {
    let _ = rustix::pipe::fcntl_setpipe_size(pipe, size);
}

/// Whether this user may run the file, as exec(2) will decide.
pub fn executable(path: &Path) -> bool {
    rustix::fs::access(path, rustix::fs::Access::EXEC_OK).is_ok()
}

/// The soft limit on the size of this process's address space (`ulimit -v`), if any.
pub fn address_space_limit() -> Option<usize> {
    soft_limit(Resource::As)
}

/// The soft limit on the stack (`ulimit -s`), if any: glibc's default stack size for a
/// thread started without one of its own (libnanomsg's).
pub fn stack_limit() -> Option<usize> {
    soft_limit(Resource::Stack)
}

/// The soft limit on this process's data segment (`ulimit -d`), if any.
pub fn data_limit() -> Option<usize> {
    soft_limit(Resource::Data)
}

fn soft_limit(resource: Resource) -> Option<usize> {
    rustix::process::getrlimit(resource)
        .current
        .and_then(|limit| usize::try_from(limit).ok())
}

/// Bytes of physical memory, by one system call rather than by reading /proc/meminfo.
pub fn physical_memory() -> Option<usize> {
    let info = rustix::system::sysinfo();
    usize::try_from(info.totalram)
        .ok()?
        .checked_mul(usize::try_from(info.mem_unit).ok()?)
}

/// Refuses to bind `url` over `path` when something other than a stale socket is there
/// (`probe --bind` asks the same).
pub fn check_bind_target(url: &str, path: &Path) -> Result<()> {
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(()),
        // Whatever stops us looking will stop nn_bind too, which says it better.
        Err(_) => return Ok(()),
    };
    if !metadata.file_type().is_socket() {
        return Err(anyhow!(
            "cannot bind to '{url}': '{}' exists and is not a socket; nncat will not replace it",
            path.display()
        ));
    }
    // A socket file nobody listens on is left over from an earlier run: nn_bind
    // replaces it. One with a listener belongs to a live process.
    match UnixStream::connect(path) {
        Ok(_) => Err(anyhow!(
            "cannot bind to '{url}': another process is listening on '{}'",
            path.display()
        )),
        Err(_) => Ok(()),
    }
}
