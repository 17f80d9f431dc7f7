/*!
The roles, one module each, and what they share: the stdout writer (`output`), the
source of messages to send (`input`), and here the receive step that flushes stdout
before it waits, the send step, and the end of a run.

Data flows one way: stdin -> decoder -> socket -> network -> socket -> encoder -> stdout.
*/

mod catch_up;
mod duplex;
mod exec;
mod failures;
mod input;
mod jobs;
mod output;
mod pacing;
pub mod probe;
mod receive;
mod reply;
mod request;
mod round_trips;
mod send;
mod tap;
mod unheard;

use std::fs::File;
use std::io;
use std::os::fd::BorrowedFd;
use std::time::Instant;

use anyhow::Result;
use nanomsg::Protocol;

use crate::error::Failure;
use crate::format::DecodeError;
use crate::options::{Plan, Role};
use crate::report;
use crate::socket::{Closed, Errno, Meaning, Message, Socket, Wake};

pub use exec::kill_running;
pub use input::Messages;
pub use output::Output;

pub fn run(plan: &Plan) -> Result<()> {
    match plan.role {
        Role::Send => send::run(plan),
        Role::Receive => receive::run(plan),
        Role::Request => request::run(plan),
        Role::Reply => reply::run(plan),
        Role::Duplex => duplex::run(plan),
        Role::Tap => tap::run(plan),
    }
}

/// Stdin or stdout as a File of our own, without std's buffering: we buffer ourselves
/// and flush when no further message is ready. It is a duplicate of the descriptor
/// (close-on-exec, so no --exec command inherits it), which shares everything with fd 0
/// or 1 but the number: the file offset, O_NONBLOCK, a reader's hang-up. Dropping it
/// closes only the duplicate. Duplicating fails only at the limit of open files.
fn fd_file(fd: BorrowedFd<'_>) -> io::Result<File> {
    fd.try_clone_to_owned().map(File::from)
}

/// The error for a reader of stdout that went away while we waited: a broken pipe,
/// which ends the run quietly with exit 0, as `nncat sub | head -1` should.
fn reader_gone() -> Received {
    Received::Failed(reader_gone_error())
}

/// The same, for a caller with no `Received`.
fn reader_gone_error() -> anyhow::Error {
    anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("stdout was closed")
}

/// Receives the next message. Output waiting in the buffer is flushed before any wait
/// that could hold it back from a reader (see `pacing` for when), and a wait ends when
/// stdout's reader goes away, so `nncat sub | head -1` ends with the line it wanted.
pub fn receive(socket: &Socket, output: &mut Output) -> Result<Message, Received> {
    if let Some(message) = ready_message(socket)? {
        output.pacing.back_to_back();
        return Ok(message);
    }
    if let Some(hold) = output.pacing.hold(!output.buffer.is_empty()) {
        if output.reader_left_within(hold) {
            return Err(reader_gone());
        }
        if let Some(message) = ready_message(socket)? {
            return Ok(message);
        }
    }
    output.flush().map_err(Received::Failed)?;
    // --recv-timeout counts from here, where NN_RCVTIMEO would count from: the receive.
    let deadline = socket.recv_timeout().map(|limit| Instant::now() + limit);
    loop {
        let left = deadline.map(|at| at.saturating_duration_since(Instant::now()));
        match socket.wait_readable(left, output.watch()) {
            Wake::Readable => {
                if let Some(message) = ready_message(socket)? {
                    return Ok(message);
                }
            }
            Wake::HungUp => return Err(reader_gone()),
            Wake::TimedOut => return Err(Received::TimedOut),
        }
    }
}

/// A message that has already arrived, without waiting for one.
fn ready_message(socket: &Socket) -> Result<Option<Message>, Received> {
    match socket.try_recv() {
        Ok(message) => Ok(Some(message)),
        Err(err) if err.meaning() == Meaning::NotReady => Ok(None),
        Err(err) => Err(Received::from(err)),
    }
}

/// Why `receive` returned no message.
pub enum Received {
    /// --recv-timeout (or a survey's deadline) passed with nothing received.
    TimedOut,
    Failed(anyhow::Error),
}

impl From<Errno> for Received {
    fn from(err: Errno) -> Received {
        match err.meaning() {
            Meaning::TimedOut => Received::TimedOut,
            Meaning::Stopped => Received::Failed(halted()),
            _ => Received::Failed(anyhow::anyhow!("cannot receive: {err}")),
        }
    }
}

/// A decode error becomes bad input (exit 4); a read error, or a record too large
/// for memory, stays a runtime error.
fn from_decode(err: DecodeError) -> anyhow::Error {
    match err {
        DecodeError::Io(err) => anyhow::Error::new(err).context("cannot read stdin"),
        too_large @ DecodeError::TooLarge { .. } => anyhow::anyhow!("stdin {too_large}"),
        untimed @ DecodeError::Untimed { .. } => Failure::Usage(format!("stdin {untimed}")).into(),
        invalid => Failure::BadInput(format!("stdin {invalid}")).into(),
    }
}

/// A blocking call that nn_term woke: by a signal, or by nncat itself ending one side
/// of a tap or a pair. Only the first is an interruption.
pub fn halted() -> anyhow::Error {
    match crate::signals::received() {
        Some(signal) => Failure::Interrupted(signal).into(),
        None => Failure::Stopped.into(),
    }
}

/// Whether `err` is what `halted` made: nn_term ended a blocked call.
pub fn is_halt(err: &anyhow::Error) -> bool {
    err.downcast_ref::<Failure>()
        .is_some_and(|failure| matches!(failure, Failure::Interrupted(_) | Failure::Stopped))
}

/// Whether a signal or nncat's own nn_term ended the run, whatever error the woken call
/// gave (nn_term's EBADF is not always said as "stopped"): after nn_term nothing can be
/// drained, and only the counts kept before it (`terminate_all`) are left.
pub fn interrupted(result: &Result<()>) -> bool {
    crate::signals::received().is_some() || result.as_ref().err().is_some_and(is_halt)
}

/// A final timeout error, its message ended with why no peer is there when that is
/// known: "no reply within --recv-timeout 2s: the peer at tcp://... is a pull socket".
pub fn timed_out(socket: &Socket, message: String) -> anyhow::Error {
    match socket.silence_cause() {
        Some(cause) => {
            Failure::Timeout(format!("{message}: {}", cause.text), Some(cause.reason)).into()
        }
        None => Failure::Timeout(message, None).into(),
    }
}

/// Sends one message, turning nanomsg's error into what the user needs to know.
pub fn send(socket: &Socket, plan: &Plan, message: &[u8]) -> Result<()> {
    socket.send(message).map_err(|err| match err.meaning() {
        Meaning::TimedOut => {
            let cause = socket.send_timeout_cause();
            Failure::Timeout(
                format!(
                    "cannot send within --send-timeout {}: {}",
                    humantime::format_duration(plan.socket.send_timeout.unwrap_or_default()),
                    cause.text
                ),
                Some(cause.reason),
            )
            .into()
        }
        Meaning::Stopped => halted(),
        _ => anyhow::anyhow!("cannot send: {err}"),
    })
}

/// A surveyor whose surveys reached respondents that never answered. (What was sent
/// while nobody was connected is named as it happens: `unheard`.)
fn warn_nobody_answered(socket: &Socket, plan: &Plan) {
    let counts = socket.counts();
    if counts.sent == 0 || plan.socket.raw || plan.socket.protocol != Protocol::Surveyor {
        return;
    }
    if socket.had_peer() && counts.received == 0 {
        let plural = if counts.sent == 1 { "" } else { "s" };
        report::warn(&format!(
            "sent {} survey{plural}; no respondent answered",
            counts.sent
        ));
    }
}

/// The end of every role: let what was sent leave, report counts under -v.
pub fn finish(socket: &Socket, plan: &Plan, result: Result<()>) -> Result<()> {
    let interrupted = interrupted(&result);
    // A reply proves its request arrived, and a surveyor has waited out its deadline:
    // only the other roles have sent something whose delivery is still unknown.
    let drained = !interrupted && plan.role != Role::Request && socket.sent_any();
    if drained {
        socket.drain();
    }
    if plan.socket.progress {
        report::end_progress();
    }
    if !interrupted {
        warn_nobody_answered(socket, plan);
    }
    // A signal's nn_term took the statistics away, but not before they were kept
    // (`terminate_all`): a run ended by Ctrl-C says its counts too.
    if plan.stats {
        report::say(&format!("stats: {}", socket.summary()));
    } else if plan.socket.verbose {
        report::event(socket.started(), &socket.summary());
    }
    // Undrained, nothing sent can still be on its way (a requester holds its answers,
    // or nothing was sent): unless someone watches the peers leave, the exit that
    // follows ends the socket.
    let watched = plan.socket.verbose || report::json();
    if !drained && !interrupted && !watched && result.is_ok() {
        socket.leave();
        return result;
    }
    // The close waits on peers (the boundary's drain): a signal must end that wait.
    crate::socket::handle_signals();
    let closed = socket.close();
    match closed {
        Some(closed) if drained && result.is_ok() => cut_at_exit(plan, &closed).map_or(Ok(()), Err),
        _ => result,
    }
}

/// The messages a push or pair sent that its exit cut off: a peer took nothing for
/// all of --linger, so they never left. (pub and bus drop what a peer does not take
/// by design, a reply is asked again by its requester, and a surveyor has waited out
/// its deadline. `--linger 0` asked not to wait, and so not to know.)
fn cut_at_exit(plan: &Plan, closed: &Closed) -> Option<anyhow::Error> {
    let cut = closed.cut();
    let told = matches!(plan.socket.protocol, Protocol::Push | Protocol::Pair)
        && !plan.socket.linger.is_zero();
    if cut == 0 || !told {
        return None;
    }
    let messages = if closed.sent == 1 {
        "the message sent".to_string()
    } else {
        format!("{cut} of the {} messages sent", closed.sent)
    };
    Some(
        Failure::Timeout(
            format!(
                "{messages} did not reach a peer: none took anything for --linger {} before exit (raise --linger to wait longer)",
                humantime::format_duration(plan.socket.linger)
            ),
            None,
        )
        .into(),
    )
}
