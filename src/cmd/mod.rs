/*!
The roles, one module each, and what they share: the stdout writer, the source of
messages to send, and the receive step that flushes stdout before it waits.

Data flows one way: stdin -> decoder -> socket -> network -> socket -> encoder -> stdout.
*/

mod duplex;
mod exec;
mod pacing;
pub mod probe;
mod receive;
mod reply;
mod request;
mod round_trips;
mod send;
mod tap;

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};
use nanomsg::Protocol;

use crate::error::Failure;
use crate::format::{DecodeError, Decoder, Encoder, Format};
use crate::options::{Plan, Role, Source};
use crate::report;
use crate::signals::Idle;
use crate::socket::{self, Errno, Meaning, Message, Socket, Wake};
use pacing::Pacing;

pub use exec::kill_running;

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

/// Enough to amortise the write call over many short records, small enough that a
/// reader downstream sees output in steady pieces.
const OUTPUT_CHUNK: usize = 64 * 1024;

/// Stdin or stdout as a File of our own, without std's buffering: we buffer ourselves
/// and flush when no further message is ready. It is a duplicate of the descriptor
/// (close-on-exec, so no --exec command inherits it), which shares everything with fd 0
/// or 1 but the number: the file offset, O_NONBLOCK, a reader's hang-up. Dropping it
/// closes only the duplicate. Duplicating fails only at the limit of open files.
fn fd_file(fd: BorrowedFd<'_>) -> io::Result<File> {
    fd.try_clone_to_owned().map(File::from)
}

/// Received messages on their way to stdout, encoded in the output format.
pub struct Output {
    encoder: Encoder,
    buffer: Vec<u8>,
    stdout: File,
    /// --timestamp outside json, where the record has no field for it: a prefix.
    time_prefix: bool,
    /// A prefix of the next record is already in the buffer (its time comes first).
    record_started: bool,
    /// Stdout, when it is a pipe or a socket: its reader can go away while we wait for
    /// a message, and we must notice then, not when the next message comes (if ever).
    /// A file or a terminal never reports that, and a closed fd 1 would report it at
    /// every wait: those are not watched.
    watch: Option<RawFd>,
    pacing: Pacing,
}

impl Output {
    pub fn new(plan: &Plan) -> Result<Output> {
        Ok(Output {
            encoder: Encoder::new(plan.out_format, plan.separator, plan.escape_controls)
                .with_json(plan.json.clone())
                .with_nngcat_quoted(plan.nngcat_quoted),
            buffer: Vec::with_capacity(OUTPUT_CHUNK * 2),
            stdout: fd_file(io::stdout().as_fd()).context("cannot use stdout")?,
            time_prefix: plan.json.timestamp && plan.out_format != Format::Json,
            record_started: false,
            watch: stdout_can_hang_up().then_some(1),
            pacing: Pacing::new(),
        })
    }

    /// The receive time, RFC 3339 and a space, before a record in a line format.
    fn start_record(&mut self) {
        if self.time_prefix && !self.record_started {
            let now = humantime::format_rfc3339_micros(SystemTime::now()).to_string();
            self.buffer.extend_from_slice(now.as_bytes());
            self.buffer.push(b' ');
        }
        self.record_started = true;
    }

    pub fn write(&mut self, message: &[u8]) -> Result<()> {
        self.start_record();
        self.record_started = false;
        if self.encoder.is_verbatim() && message.len() >= OUTPUT_CHUNK {
            // Straight from nanomsg's buffer to stdout: no copy of a large message.
            self.flush()?;
            return write_fully(&mut self.stdout, message).context("cannot write to stdout");
        }
        self.reserve(self.encoder.max_encoded_len(message.len()))?;
        self.pacing.buffering();
        self.encoder.encode(message, &mut self.buffer);
        if self.buffer.len() >= OUTPUT_CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    /// Bytes before the next record, as they are (tap's direction marks), after its time.
    pub fn write_prefix(&mut self, prefix: &[u8]) -> Result<()> {
        self.start_record();
        self.reserve(prefix.len())?;
        self.pacing.buffering();
        self.buffer.extend_from_slice(prefix);
        Ok(())
    }

    /// Room for `more` bytes, or a clean error: a peer's large message must not abort
    /// the process with an allocator's backtrace.
    fn reserve(&mut self, more: usize) -> Result<()> {
        self.buffer
            .try_reserve(more)
            .map_err(|_| anyhow::anyhow!("cannot hold the output: out of memory"))
    }

    pub fn flush(&mut self) -> Result<()> {
        if !self.buffer.is_empty() {
            write_fully(&mut self.stdout, &self.buffer).context("cannot write to stdout")?;
            self.buffer.clear();
            self.pacing.flushed();
        }
        Ok(())
    }

    /// Sleeps for `hold` unless stdout's reader goes away first; says whether it did.
    fn reader_left_within(&self, hold: Duration) -> bool {
        let mut fds = [libc::pollfd {
            fd: self.watch.unwrap_or(-1),
            events: 0,
            revents: 0,
        }];
        socket::poll(&mut fds, Some(hold)) > 0
            && fds[0].revents & (libc::POLLERR | libc::POLLHUP) != 0
    }
}

/// Whether fd 1 is a pipe or a socket, the kinds of stdout whose reader can go away.
fn stdout_can_hang_up() -> bool {
    let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: fstat writes one libc::stat at the pointer, which is `stat`'s, a local
    // with room for one; any descriptor number is fine (a closed one is EBADF).
    if unsafe { libc::fstat(1, stat.as_mut_ptr()) } != 0 {
        return false;
    }
    // SAFETY: fstat returned 0, so it filled in the whole struct.
    let mode = unsafe { stat.assume_init() }.st_mode & libc::S_IFMT;
    mode == libc::S_IFIFO || mode == libc::S_IFSOCK
}

/// Writes all of `data`. A stdout left non-blocking by whoever opened it
/// (O_NONBLOCK is shared by every process holding the pipe) answers EAGAIN when full;
/// then we wait until it takes more, instead of losing the messages already received.
fn write_fully(stdout: &mut File, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        match stdout.write(data) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => data = &data[n..],
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
                let mut fds = [libc::pollfd {
                    fd: stdout.as_raw_fd(),
                    events: libc::POLLOUT,
                    revents: 0,
                }];
                // POLLERR (the reader left) wakes it too; the next write says EPIPE.
                socket::poll(&mut fds, None);
            }
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

/// The error for a reader of stdout that went away while we waited: a broken pipe,
/// which ends the run quietly with exit 0, as `nncat sub | head -1` should.
fn reader_gone() -> Received {
    Received::Failed(
        anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("stdout was closed"),
    )
}

/// Stdin read straight from its descriptor; std's `Stdin` would copy through a buffer
/// of its own. While a read waits, the main thread has nothing unflushed, which the
/// signal handler needs to know.
pub struct StdinReader {
    stdin: File,
    marks_idle: bool,
}

impl Read for StdinReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let _idle = self.marks_idle.then(Idle::begin);
        self.stdin.read(buf)
    }
}

fn stdin_decoder(plan: &Plan, marks_idle: bool) -> Result<Decoder<StdinReader>> {
    let reader = StdinReader {
        stdin: fd_file(io::stdin().as_fd()).context("cannot use stdin")?,
        marks_idle,
    };
    Ok(Decoder::new(reader, plan.in_format, plan.separator).with_json(plan.json.clone()))
}

enum Input {
    Stdin(Decoder<StdinReader>),
    Fixed(Vec<u8>),
}

/// The messages to send: stdin's records, or one fixed message repeated, paced by
/// --delay and --interval and limited by --count.
pub struct Messages {
    input: Input,
    count: Option<u64>,
    interval: Option<Duration>,
    delay: Option<Duration>,
    produced: u64,
    last_at: Option<Instant>,
}

impl Messages {
    /// `main_thread`: whether the caller is the thread that owns stdout.
    pub fn new(plan: &Plan, main_thread: bool) -> Result<Messages> {
        let input = match &plan.source {
            Source::Stdin => Input::Stdin(stdin_decoder(plan, main_thread)?),
            Source::Fixed(data) => Input::Fixed(data.clone()),
        };
        Ok(Messages {
            input,
            // pair and bus count what they receive; their input runs to its end.
            count: plan.count.filter(|_| plan.role != Role::Duplex),
            interval: plan.interval,
            delay: plan.delay,
            produced: 0,
            last_at: None,
        })
    }

    /// Records from stdin, one each time, for rep's and respondent's answers.
    pub fn answers(plan: &Plan) -> Result<Messages> {
        Ok(Messages {
            input: Input::Stdin(stdin_decoder(plan, true)?),
            count: None,
            interval: None,
            delay: None,
            produced: 0,
            last_at: None,
        })
    }

    fn exhausted(&self) -> bool {
        if self.count.is_some_and(|count| self.produced >= count) {
            return true;
        }
        // A fixed message goes once, unless a count or an interval repeats it.
        matches!(self.input, Input::Fixed(_))
            && self.produced > 0
            && self.count.is_none()
            && self.interval.is_none()
    }

    pub fn next_message(&mut self) -> Result<Option<&[u8]>> {
        if self.exhausted() {
            return Ok(None);
        }
        let wait = match self.last_at {
            None => self.delay,
            Some(last) => self
                .interval
                .map(|interval| (last + interval).saturating_duration_since(Instant::now())),
        };
        if let Some(wait) = wait.filter(|w| !w.is_zero()) {
            let _idle = Idle::begin();
            thread::sleep(wait);
        }
        self.last_at = Some(Instant::now());
        let message = match &mut self.input {
            Input::Fixed(data) => Some(&data[..]),
            Input::Stdin(decoder) => decoder.next_message().map_err(from_decode)?,
        };
        if message.is_some() {
            self.produced += 1;
        }
        Ok(message)
    }

    /// Whether `next` can answer at once; callers flush stdout when it cannot.
    pub fn ready(&mut self) -> bool {
        if self.exhausted() {
            return true;
        }
        if self.interval.is_some() {
            return false;
        }
        match &mut self.input {
            Input::Fixed(_) => true,
            Input::Stdin(decoder) => decoder.record_ready(),
        }
    }
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
    // --recv-timeout counts from here, as NN_RCVTIMEO counts from the call to nn_recv.
    let deadline = socket.recv_timeout().map(|limit| Instant::now() + limit);
    loop {
        let left = deadline.map(|at| at.saturating_duration_since(Instant::now()));
        match socket.wait_readable(left, output.watch) {
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

/// A final timeout's message, ended with why no peer is there when that is known:
/// "no reply within --recv-timeout 2s: the peer at tcp://... is a pull socket".
pub fn because(socket: &Socket, message: String) -> String {
    match socket.silence_cause() {
        Some(cause) => format!("{message}: {cause}"),
        None => message,
    }
}

/// Sends one message, turning nanomsg's error into what the user needs to know.
pub fn send(socket: &Socket, plan: &Plan, message: &[u8]) -> Result<()> {
    socket.send(message).map_err(|err| match err.meaning() {
        Meaning::TimedOut => Failure::Timeout(format!(
            "cannot send within --send-timeout {}: {}",
            humantime::format_duration(plan.socket.send_timeout.unwrap_or_default()),
            socket.send_timeout_reason()
        ))
        .into(),
        Meaning::Stopped => halted(),
        _ => anyhow::anyhow!("cannot send: {err}"),
    })
}

/// pub and surveyor send only to the peers connected at that moment: with none, what
/// they sent is gone, and nanomsg says nothing about it.
fn warn_sent_into_the_void(socket: &Socket, plan: &Plan) {
    let counts = socket.counts();
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if counts.sent == 0 || plan.socket.raw {
        return;
    }
    match plan.socket.protocol {
        Protocol::Pub if !socket.had_peer() => report::warn(&format!(
            "sent {}; no subscriber was connected",
            plural(counts.sent, "message")
        )),
        Protocol::Surveyor if !socket.had_peer() => report::warn(&format!(
            "sent {}; no respondent was connected",
            plural(counts.sent, "survey")
        )),
        Protocol::Surveyor if counts.received == 0 => report::warn(&format!(
            "sent {}; no respondent answered",
            plural(counts.sent, "survey")
        )),
        _ => {}
    }
}

/// The end of every role: let what was sent leave, report counts under -v.
pub fn finish(socket: &Socket, plan: &Plan, result: Result<()>) -> Result<()> {
    let interrupted = result
        .as_ref()
        .err()
        .and_then(|err| err.downcast_ref::<Failure>())
        .is_some_and(|failure| matches!(failure, Failure::Interrupted(_) | Failure::Stopped));
    // A reply proves its request arrived, and a surveyor has waited out its deadline:
    // only the other roles have sent something whose delivery is still unknown.
    if !interrupted && plan.role != Role::Request && socket.sent_any() {
        socket.drain(plan.linger);
    }
    if plan.socket.progress {
        report::end_progress();
    }
    if !interrupted {
        warn_sent_into_the_void(socket, plan);
    }
    // After nn_term the statistics are gone, so an interrupted run has no summary.
    if plan.stats && !interrupted {
        report::say(&format!("stats: {}", socket.summary()));
    } else if plan.socket.verbose && !interrupted {
        report::event(socket.started(), &socket.summary());
    }
    result
}
