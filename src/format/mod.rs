/*!
The record formats: how a message is written to stdout and read from stdin.

Each format is a file with an encoder (message bytes -> output bytes appended to a
`Vec<u8>`) and, where it has one, a decoder (one input record -> message bytes). Nothing
here touches a socket, so every format is unit-tested, property-tested and fuzzed alone.

A message passes through as `&[u8]`: decoders lend slices of their input buffer (text)
or of one reused scratch buffer (hex, quoted), and encoders append to the caller's
output buffer, so neither side allocates per message.

The input's buffers grow by fallible allocation: a record larger than the memory nncat
can get is an error naming the record (`DecodeError::TooLarge`), not an abort.
*/

mod ascii;
mod escape;
pub(crate) use escape::for_terminal;
mod hex;
mod input;
mod json;
mod msgpack;
mod quoted;
mod text;

use std::fmt;
use std::io::{self, Read};

use input::InputBuffer;
pub use json::JsonOptions;

/// The formats nncat reads and writes; the names are what `--format` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One message per line, bytes as they are (control bytes escaped on a terminal).
    Text,
    /// nanocat's ASCII: non-printable bytes as '.', then a newline (output only; input as text).
    Ascii,
    /// nanocat's C-escaped string in double quotes, one per line; input parses it back.
    Quoted,
    /// Lowercase hex, one message per line; input also takes upper case and "\x68\x69".
    Hex,
    /// MessagePack bin objects with no delimiter; input takes bin and str objects.
    Msgpack,
    /// The bytes with no delimiter; input: all of stdin is one message.
    Raw,
    /// One JSON object per line: {"data": "text"} or {"base64": "..."}; input the same.
    Json,
    /// Print nothing (nanocat's and nngcat's --format no); input as text.
    No,
}

/// A field of a record beside its message (tap's direction, sequence number, peer):
/// text, a count, or nothing.
pub enum Field<'a> {
    Text(&'a str),
    Number(u64),
    Nil,
}

/// Turns messages into output records.
#[derive(Clone, Debug)]
pub struct Encoder {
    format: Format,
    separator: u8,
    escape_controls: bool,
    json: JsonOptions,
    nngcat_quoted: bool,
}

impl Encoder {
    /// `escape_controls` makes text output safe for a terminal: a peer's bytes must not
    /// be able to move the cursor, change colours or retitle the window.
    pub fn new(format: Format, separator: u8, escape_controls: bool) -> Encoder {
        Encoder {
            format,
            separator,
            escape_controls,
            json: JsonOptions::default(),
            nngcat_quoted: false,
        }
    }

    /// Quoted output in nngcat's form (a tab as `\t`), for nngcat's command lines.
    pub fn with_nngcat_quoted(mut self, nngcat: bool) -> Encoder {
        self.nngcat_quoted = nngcat;
        self
    }

    /// What JSON records carry besides the message.
    pub fn with_json(mut self, json: JsonOptions) -> Encoder {
        self.json = json;
        self
    }

    /// Appends the record for `message` to `out`.
    pub fn encode(&self, message: &[u8], out: &mut Vec<u8>) {
        match self.format {
            Format::Msgpack => msgpack::encode(message, out),
            Format::Raw => out.extend_from_slice(message),
            Format::Text if self.escape_controls => {
                self.delimited(text::encode_escaped, message, out)
            }
            Format::Text => self.delimited(|m, o| o.extend_from_slice(m), message, out),
            Format::Ascii => self.delimited(ascii::encode, message, out),
            Format::Quoted if self.nngcat_quoted => {
                self.delimited(quoted::encode_nngcat, message, out)
            }
            Format::Quoted => self.delimited(quoted::encode, message, out),
            Format::Hex => self.delimited(hex::encode, message, out),
            Format::Json => self.delimited(|m, o| json::encode(m, &self.json, o), message, out),
            Format::No => {}
        }
    }

    /// Whether records can carry fields beside the message (`encode_record`): the
    /// machine formats, json and msgpack.
    pub fn has_fields(&self) -> bool {
        matches!(self.format, Format::Json | Format::Msgpack)
    }

    /// Appends a record of `fields`, then the message, in a format that `has_fields`;
    /// in another, the message alone.
    pub fn encode_record(&self, fields: &[(&str, Field)], message: &[u8], out: &mut Vec<u8>) {
        match self.format {
            Format::Json => self.delimited(
                |m, o| json::encode_record(fields, m, &self.json, o),
                message,
                out,
            ),
            Format::Msgpack => msgpack::encode_record(fields, message, out),
            _ => self.encode(message, out),
        }
    }

    fn delimited(&self, body: impl Fn(&[u8], &mut Vec<u8>), message: &[u8], out: &mut Vec<u8>) {
        body(message, out);
        out.push(self.separator);
    }

    /// Whether the record is the message itself followed by nothing, so a large message
    /// can go to stdout straight from the library's buffer instead of being copied.
    pub fn is_verbatim(&self) -> bool {
        self.format == Format::Raw
    }

    /// The most bytes `encode` can append for a message of `len` bytes, so that the
    /// caller can reserve them first and fail cleanly when memory runs out.
    pub fn max_encoded_len(&self, len: usize) -> usize {
        let per_byte = match self.format {
            Format::No => 0,
            Format::Raw | Format::Ascii | Format::Msgpack => 1,
            Format::Text if !self.escape_controls => 1,
            Format::Hex => 2,
            // `\xHH` for a byte.
            Format::Text | Format::Quoted => 4,
            // `\u00HH` for a control byte.
            Format::Json => 6,
        };
        // Headers, quotes, the separator, and JSON's field names and timestamp.
        len.saturating_mul(per_byte).saturating_add(128)
    }
}

/// Why an input record could not be read as a message.
#[derive(Debug)]
pub enum DecodeError {
    /// The input could not be read at all.
    Io(io::Error),
    /// A record is not valid in its format; `record` counts from 1.
    Invalid {
        record: u64,
        column: Option<usize>,
        reason: String,
    },
    /// Holding the record needed a buffer of `bytes`, which could not be allocated.
    TooLarge { record: u64, bytes: usize },
    /// `--replay`: the record has no "time" to be sent at.
    Untimed { record: u64 },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Io(err) => write!(f, "cannot read input: {err}"),
            DecodeError::Invalid {
                record,
                column: Some(column),
                reason,
            } => write!(f, "record {record}: {reason} at column {column}"),
            DecodeError::Invalid {
                record,
                column: None,
                reason,
            } => write!(f, "record {record}: {reason}"),
            DecodeError::TooLarge { record, bytes } => write!(
                f,
                "record {record}: too large for memory (could not hold {bytes} bytes)"
            ),
            DecodeError::Untimed { record } => write!(
                f,
                "record {record} has no \"time\": --replay sends each record at its time (record them with pull --format json --timestamp, or tap --format json)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DecodeError::Io(err) => Some(err),
            DecodeError::Invalid { .. }
            | DecodeError::TooLarge { .. }
            | DecodeError::Untimed { .. } => None,
        }
    }
}

impl From<io::Error> for DecodeError {
    fn from(err: io::Error) -> DecodeError {
        DecodeError::Io(err)
    }
}

/// A format's complaint about one record, before the record number is known.
#[derive(Debug, PartialEq, Eq)]
pub struct Invalid {
    /// 1-based byte column in the record, where one position is to blame.
    pub column: Option<usize>,
    pub reason: String,
}

impl Invalid {
    pub fn at(column: usize, reason: impl Into<String>) -> Invalid {
        Invalid {
            column: Some(column),
            reason: reason.into(),
        }
    }

    pub fn whole(reason: impl Into<String>) -> Invalid {
        Invalid {
            column: None,
            reason: reason.into(),
        }
    }
}

/// Why one record could not be read: the input failed, the record is invalid, or a
/// buffer of this many bytes, needed to hold it, could not be allocated.
#[derive(Debug)]
pub enum LineError {
    Io(io::Error),
    Invalid(Invalid),
    TooLarge(usize),
}

impl LineError {
    /// The error as the caller sees it, with the number of the record it is in.
    fn at_record(self, record: u64) -> DecodeError {
        match self {
            LineError::Io(err) => DecodeError::Io(err),
            LineError::Invalid(err) => DecodeError::Invalid {
                record,
                column: err.column,
                reason: err.reason,
            },
            LineError::TooLarge(bytes) => DecodeError::TooLarge { record, bytes },
        }
    }
}

/// Makes room for `additional` more bytes in `buf`, or says how large `buf` would have
/// had to be. `Vec`'s own growth aborts the process when memory runs out.
fn try_room(buf: &mut Vec<u8>, additional: usize) -> Result<(), LineError> {
    buf.try_reserve(additional)
        .map_err(|_| LineError::TooLarge(buf.len().saturating_add(additional)))
}

/// Reads messages from a byte stream, one record at a time, as soon as each record is
/// complete: a line is handed out when its separator arrives, not when a buffer fills.
pub struct Decoder<R> {
    input: InputBuffer<R>,
    format: Format,
    separator: u8,
    json: JsonOptions,
    scratch: Vec<u8>,
    records: u64,
    stamp: json::Stamp,
}

impl<R: Read> Decoder<R> {
    pub fn new(reader: R, format: Format, separator: u8) -> Decoder<R> {
        Decoder {
            input: InputBuffer::new(reader),
            format,
            separator,
            json: JsonOptions::default(),
            scratch: Vec::new(),
            records: 0,
            stamp: json::Stamp::default(),
        }
    }

    /// How JSON records join "topic" and "data" into one message.
    pub fn with_json(mut self, json: JsonOptions) -> Decoder<R> {
        self.json = json;
        self
    }

    /// The next message, or `None` at the end of the input.
    pub fn next_message(&mut self) -> Result<Option<&[u8]>, DecodeError> {
        if self.format == Format::Json && self.json.replay {
            return self.next_replayed();
        }
        let record = self.records + 1;
        let at_record = |err| LineError::at_record(err, record);
        let (input, separator, scratch) = (&mut self.input, self.separator, &mut self.scratch);
        // Each decoder writes at most the room given here, reserved before it runs.
        let message = match self.format {
            Format::Text | Format::Ascii | Format::No => input.next_line(separator),
            Format::Quoted => {
                Self::decode_line_into(input, separator, scratch, |len| len, quoted::decode)
            }
            Format::Hex => {
                Self::decode_line_into(input, separator, scratch, |len| len / 2, hex::decode)
            }
            Format::Json => {
                let json = &self.json;
                let room = |len: usize| json.room(len);
                let decode = |line: &[u8], out: &mut Vec<u8>| json::decode(line, json, out);
                Self::decode_line_into(input, separator, scratch, room, decode)
            }
            Format::Msgpack => msgpack::decode(input),
            Format::Raw if self.records > 0 => Ok(None),
            Format::Raw => input.read_to_end().map(Some),
        }
        .map_err(at_record)?;
        if message.is_some() {
            self.records = record;
        }
        Ok(message)
    }

    /// `--replay`'s next message: JSON records with a "time" each, skipping the ones a
    /// tap recorded going back to its clients ("dir": "<"). `stamp` has its time.
    fn next_replayed(&mut self) -> Result<Option<&[u8]>, DecodeError> {
        loop {
            let record = self.records + 1;
            let json = &self.json;
            let mut stamp = json::Stamp::default();
            let decode = |line: &[u8], out: &mut Vec<u8>| {
                stamp = json::decode_stamped(line, json, out)?;
                Ok(())
            };
            let (input, scratch) = (&mut self.input, &mut self.scratch);
            let found = Self::decode_line_into(
                input,
                self.separator,
                scratch,
                |len| json.room(len),
                decode,
            )
            .map_err(|err| LineError::at_record(err, record))?
            .is_some();
            if !found {
                return Ok(None);
            }
            self.records = record;
            if stamp.back {
                continue;
            }
            if stamp.time.is_none() {
                return Err(DecodeError::Untimed { record });
            }
            self.stamp = stamp;
            return Ok(Some(&self.scratch));
        }
    }

    /// The last message `--replay` read (what `next_message` returned).
    pub fn replayed(&self) -> &[u8] {
        &self.scratch
    }

    /// The time and direction of the last message `--replay` read.
    pub fn stamp(&self) -> json::Stamp {
        self.stamp
    }

    /// The next line, decoded into `scratch`, which first gets `room(line length)` bytes.
    fn decode_line_into<'a>(
        input: &mut InputBuffer<R>,
        separator: u8,
        scratch: &'a mut Vec<u8>,
        room: impl FnOnce(usize) -> usize,
        decode: impl FnOnce(&[u8], &mut Vec<u8>) -> Result<(), Invalid>,
    ) -> Result<Option<&'a [u8]>, LineError> {
        match input.next_line(separator)? {
            None => Ok(None),
            Some(line) => {
                scratch.clear();
                try_room(scratch, room(line.len()))?;
                decode(line, scratch).map_err(LineError::Invalid)?;
                Ok(Some(&scratch[..]))
            }
        }
    }

    /// What the messages are read from.
    pub fn reader(&self) -> &R {
        self.input.reader()
    }

    /// Whether no message is left: the input ended with nothing unread (raw input is one
    /// message, whatever follows).
    pub fn exhausted(&self) -> bool {
        (matches!(self.format, Format::Raw) && self.records > 0) || self.input.at_end()
    }

    /// Reads once into the buffer, as `next_message` would when it needs more: for a
    /// caller that knows a read will not wait. Returns how many bytes came (0: the end).
    pub fn read_more(&mut self) -> Result<usize, DecodeError> {
        let record = self.records + 1;
        self.input
            .fill()
            .map_err(|err| LineError::at_record(err, record))
    }

    /// Whether the next call to `next_message` can answer without waiting for input.
    /// Callers flush their output before a call that would wait, so that nothing they
    /// printed is held back while nncat waits for more input.
    pub fn record_ready(&mut self) -> bool {
        match self.format {
            Format::Raw => self.records > 0 || self.input.at_end(),
            Format::Msgpack => msgpack::record_ready(&self.input),
            _ => self.input.line_ready(self.separator),
        }
    }
}

#[cfg(test)]
mod tests;
