/*!
One `--exec` command per request: the request on its stdin, its stdout the answer.

Each command runs in a process group of its own, so that whatever it starts dies with
it: the group is killed once the command has exited and its output is taken, at
`--exec-timeout`, when its output passes `--exec-max-output`, and when a signal ends
nncat (`kill_running`, called from the signal thread). A background child that keeps
stdout open therefore cannot hold the answer back, and none outlives its request.

The main thread waits on the command with poll(2): the command's stdout and stdin, and
a pidfd that becomes readable when the command exits, so a signal that kills the group
wakes it at once. Where the kernel has no pidfd (before Linux 5.3), it looks every
`TICK` instead.
*/

use std::io::{self, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::options::ExecPlan;
use crate::os;
use crate::signals;

/// Why a command gave no answer.
pub enum ExecError {
    /// A signal is ending nncat; the command was killed, and is not to blame.
    Interrupted,
    /// The command failed: what happened, for a warning.
    Failed(String),
}

/// The process groups of the commands running now (several with `--jobs`). A lock
/// rather than atomics: the signal thread must never kill a group whose leader was just
/// reaped, as its number could by then belong to an unrelated process.
static RUNNING: Mutex<Vec<i32>> = Mutex::new(Vec::new());

/// How often to look whether the command has exited when there is no pidfd to wake us.
const TICK: Duration = Duration::from_millis(10);

/// Bytes read from the command's stdout at a time: a pipe's default capacity.
const CHUNK: usize = 64 * 1024;

/// Kills the running commands' process groups. Safe from any thread.
pub fn kill_running() {
    for &group in lock_running().iter() {
        kill_group(group);
    }
}

/// Why a command found at start-up could not run, in words: a script whose interpreter
/// is missing fails with the same "No such file or directory" as a missing program.
fn spawn_failure(plan: &ExecPlan, name: &str, err: &io::Error) -> String {
    let why = crate::report::without_os_error_numbers(&err.to_string());
    let interpreter = (err.kind() == io::ErrorKind::NotFound)
        .then(|| {
            let mut head = Vec::new();
            let file = std::fs::File::open(&plan.program).ok()?;
            file.take(256).read_to_end(&mut head).ok()?;
            Some(head)
        })
        .flatten()
        .and_then(|head| {
            let line = head.strip_prefix(b"#!")?.split(|&b| b == b'\n').next()?;
            let line = String::from_utf8_lossy(line);
            line.split_whitespace().next().map(str::to_string)
        });
    match interpreter {
        Some(interpreter) => format!(
            "cannot run '{name}': its interpreter, '{interpreter}' (its #! line), is not there"
        ),
        None => format!("cannot run '{name}': {why}"),
    }
}

/// Runs the command with `request` on its stdin, and returns what it printed before it
/// exited. Always returns within the plan's timeout, or soon after a signal.
pub fn run(plan: &ExecPlan, request: &[u8]) -> Result<Vec<u8>, ExecError> {
    let name = plan.name();
    let child = Command::new(&plan.program)
        .arg0(&plan.command[0])
        .args(&plan.command[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .process_group(0)
        .spawn()
        .map_err(|err| ExecError::Failed(spawn_failure(plan, &name, &err)))?;
    let mut group = Group::register(child)?;
    let mut stdin = group.child.stdin.take();
    let mut stdout = group.child.stdout.take();
    let nonblocking = [
        stdin.as_ref().map(os::set_nonblocking),
        stdout.as_ref().map(os::set_nonblocking),
    ];
    for result in nonblocking.into_iter().flatten() {
        result.map_err(|err| ExecError::Failed(format!("'{name}': {err}")))?;
    }
    let exit_watch = os::exit_watch(group.pgid);
    let deadline = Instant::now() + plan.timeout;
    let mut reply = Vec::new();
    let mut written = 0;
    if request.is_empty() {
        stdin = None;
    }
    loop {
        if signals::received().is_some() {
            return Err(ExecError::Interrupted);
        }
        if os::has_exited(group.pgid) {
            break;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ExecError::Failed(format!(
                "'{name}' did not finish within --exec-timeout {}; killed",
                humantime::format_duration(plan.timeout)
            )));
        }
        let wait = if exit_watch.is_some() {
            left
        } else {
            left.min(TICK)
        };
        let mut fds = Vec::with_capacity(3);
        fds.extend(
            stdout
                .as_ref()
                .map(|pipe| os::watch(pipe.as_fd(), os::Events::IN)),
        );
        fds.extend(
            stdin
                .as_ref()
                .map(|pipe| os::watch(pipe.as_fd(), os::Events::OUT)),
        );
        fds.extend(
            exit_watch
                .as_ref()
                .map(|fd| os::watch(fd.as_fd(), os::Events::IN)),
        );
        os::poll(&mut fds, Some(wait));
        drop(fds);
        if let Some(pipe) = stdin.as_mut() {
            match feed(pipe, &request[written..]) {
                Ok(n) => written += n,
                // The command closed its stdin: what it did not read is its own business.
                Err(_) => written = request.len(),
            }
            if written == request.len() {
                stdin = None;
            }
        }
        if let Some(pipe) = stdout.as_mut()
            && take_available(pipe, &mut reply, plan.max_output, &name)?
        {
            stdout = None;
        }
    }
    // The command has exited: what it wrote is in the pipe. Whatever it left running
    // goes now, before the read, so that nothing can keep writing while we read.
    group.kill();
    if let Some(pipe) = stdout.as_mut() {
        take_available(pipe, &mut reply, plan.max_output, &name)?;
    }
    let status = group
        .child
        .wait()
        .map_err(|err| ExecError::Failed(format!("cannot wait for '{name}': {err}")))?;
    if !status.success() {
        return Err(ExecError::Failed(format!("'{name}' {}", describe(status))));
    }
    Ok(reply)
}

/// The running command and its process group, killed and reaped when dropped, on every
/// way out of `run`.
struct Group {
    child: Child,
    pgid: i32,
    alive: bool,
}

impl Group {
    /// Makes the group the one a signal kills. A signal that came before that has
    /// already called `kill_running`, so the group is killed here instead.
    fn register(child: Child) -> Result<Group, ExecError> {
        let pgid = child.id() as i32;
        let mut group = Group {
            child,
            pgid,
            alive: true,
        };
        let mut running = lock_running();
        if signals::received().is_some() {
            drop(running);
            group.kill();
            return Err(ExecError::Interrupted);
        }
        running.push(pgid);
        Ok(group)
    }

    /// Kills the whole group while its leader is not yet reaped, so its number cannot
    /// have been reused. Only once: after the reap it could be.
    fn kill(&mut self) {
        let mut running = lock_running();
        if self.alive {
            kill_group(self.pgid);
            // The leader itself, should it have moved to another group.
            let _ = self.child.kill();
            self.alive = false;
        }
        running.retain(|&group| group != self.pgid);
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
        let _ = self.child.wait();
    }
}

fn lock_running() -> MutexGuard<'static, Vec<i32>> {
    // The lock guards a list of numbers, changed by one push or retain at a time: a
    // panic elsewhere cannot leave it half-written.
    RUNNING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn kill_group(pgid: i32) {
    // The group is ours while its leader is unreaped (see `Group::kill`).
    os::kill_group(pgid);
}

/// Writes what the pipe takes now; an error means the command closed its stdin.
fn feed(pipe: &mut ChildStdin, rest: &[u8]) -> io::Result<usize> {
    match pipe.write(rest) {
        Ok(n) => Ok(n),
        Err(err)
            if matches!(
                err.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
            ) =>
        {
            Ok(0)
        }
        Err(err) => Err(err),
    }
}

/// Appends what the pipe holds now to `reply`, up to `max` bytes in all; returns whether
/// the pipe has reached its end. Memory is reserved fallibly: output too large for
/// memory fails this command and nothing else.
fn take_available(
    pipe: &mut ChildStdout,
    reply: &mut Vec<u8>,
    max: usize,
    name: &str,
) -> Result<bool, ExecError> {
    let mut chunk = [0u8; CHUNK];
    loop {
        let n = match pipe.read(&mut chunk) {
            Ok(0) => return Ok(true),
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => return Ok(false),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => {
                return Err(ExecError::Failed(format!(
                    "cannot read the output of '{name}': {err}"
                )));
            }
        };
        if reply.len() + n > max {
            return Err(ExecError::Failed(format!(
                "'{name}' printed more than --exec-max-output {max} bytes; killed"
            )));
        }
        reply.try_reserve(n).map_err(|_| {
            ExecError::Failed(format!(
                "'{name}' printed {} bytes: more than memory holds; killed",
                reply.len() + n
            ))
        })?;
        reply.extend_from_slice(&chunk[..n]);
    }
}

/// "exited with status 1", "was killed by signal 11 (SIGSEGV)".
fn describe(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exited with status {code}");
    }
    match status.signal() {
        Some(signal) => match signal_name(signal) {
            Some(name) => format!("was killed by signal {signal} ({name})"),
            None => format!("was killed by signal {signal}"),
        },
        None => format!("failed ({status})"),
    }
}

fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        libc::SIGHUP => "SIGHUP",
        libc::SIGINT => "SIGINT",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGILL => "SIGILL",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGTERM => "SIGTERM",
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
