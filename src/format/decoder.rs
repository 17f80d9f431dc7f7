/*!
The decoder: records read from a byte stream, each handed out as a message as soon as
its separator (or its msgpack length) has arrived. Decoders lend a slice of the input
buffer (text) or of one reused scratch buffer (hex, quoted, JSON), so nothing is
allocated per message.
*/

use std::io::Read;

use super::input::InputBuffer;
use super::try_room;
use super::{DecodeError, Format, Invalid, JsonOptions, LineError, hex, json, msgpack, quoted};

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
