//! Received messages on their way to stdout: encoded into one buffer, flushed as the
//! pacing decides, and written whole even to a stdout left non-blocking.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::fs::FileTypeExt;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

use super::fd_file;
use super::pacing::Pacing;
use crate::format::{Encoder, Field, Format};
use crate::options::Plan;
use crate::os;

/// Enough to amortise the write call over many short records, small enough that a
/// reader downstream sees output in steady pieces.
const OUTPUT_CHUNK: usize = 64 * 1024;

/// Received messages on their way to stdout, encoded in the output format.
pub struct Output {
    encoder: Encoder,
    pub(super) buffer: Vec<u8>,
    stdout: File,
    /// --timestamp outside json, where the record has no field for it: a prefix.
    time_prefix: bool,
    /// A prefix of the next record is already in the buffer (its time comes first).
    record_started: bool,
    /// Stdout, when it is a pipe or a socket: its reader can go away while we wait for
    /// a message, and we must notice then, not when the next message comes (if ever).
    /// A file or a terminal never reports that, and a closed fd 1 would report it at
    /// every wait: those are not watched.
    watched: bool,
    pub(super) pacing: Pacing,
}

impl Output {
    pub fn new(plan: &Plan) -> Result<Output> {
        let stdout = fd_file(io::stdout().as_fd()).context("cannot use stdout")?;
        let kind = stdout.metadata().ok().map(|meta| meta.file_type());
        let is_pipe = kind.is_some_and(|kind| kind.is_fifo());
        if is_pipe {
            widen_pipe(&stdout);
        }
        Ok(Output {
            encoder: Encoder::new(plan.out_format, plan.separator, plan.escape_controls)
                .with_json(plan.json.clone())
                .with_nngcat_quoted(plan.nngcat_quoted),
            buffer: Vec::with_capacity(OUTPUT_CHUNK * 2),
            time_prefix: plan.json.timestamp && plan.out_format != Format::Json,
            record_started: false,
            // A pipe or a socket: the kinds of stdout whose reader can go away.
            watched: is_pipe || kind.is_some_and(|kind| kind.is_socket()),
            stdout,
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

    /// Whether records carry fields beside the message (json, msgpack): tap writes its
    /// direction, sequence and peer as fields there, and as a prefix in the others.
    pub fn has_fields(&self) -> bool {
        self.encoder.has_fields()
    }

    /// A record of `fields` and the message, in a format that `has_fields`.
    pub fn write_record(&mut self, fields: &[(&str, Field)], message: &[u8]) -> Result<()> {
        let fields_len: usize = fields
            .iter()
            .map(|(key, value)| {
                key.len()
                    + match value {
                        Field::Text(text) => text.len(),
                        Field::Number(_) | Field::Nil => 20,
                    }
            })
            .sum();
        self.reserve(
            self.encoder
                .max_encoded_len(message.len())
                .saturating_add(fields_len.saturating_mul(6))
                .saturating_add(64),
        )?;
        self.pacing.buffering();
        self.encoder
            .encode_record(fields, message, &mut self.buffer);
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
    pub(super) fn reader_left_within(&self, hold: Duration) -> bool {
        let Some(watch) = self.watch() else {
            std::thread::sleep(hold);
            return false;
        };
        let mut fds = [os::watch(watch, os::Events::empty())];
        os::poll(&mut fds, Some(hold)).is_some_and(|ready| ready > 0) && os::hung_up(&fds[0])
    }

    /// Stdout, when its reader can go away while we wait (see `watch`).
    pub(super) fn watch(&self) -> Option<BorrowedFd<'_>> {
        self.watched.then(|| self.stdout.as_fd())
    }
}

/// A pipe holds 64 KiB by default: a writer of large messages then waits for the reader
/// after every message, one context switch each. Asked for 1 MiB (what an unprivileged
/// process may set, /proc/sys/fs/pipe-max-size), the pipe lets both run at once. A
/// refusal (the per-user pipe budget spent) leaves it as it was.
fn widen_pipe(pipe: &File) {
    const PIPE_SIZE: usize = 1 << 20;
    // Never shrink a pipe that whoever made it made larger.
    if os::pipe_size(pipe).is_some_and(|size| size < PIPE_SIZE) {
        os::set_pipe_size(pipe, PIPE_SIZE);
    }
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
                let mut fds = [os::watch(stdout.as_fd(), os::Events::OUT)];
                // POLLERR (the reader left) wakes it too; the next write says EPIPE.
                os::poll(&mut fds, None);
            }
            Err(err) => return Err(err),
        }
    }
    Ok(())
}
