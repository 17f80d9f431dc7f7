/*!
The encoder: one message in, its record in the chosen format appended to the caller's
buffer. It holds only what the record depends on (format, separator, terminal, JSON's
fields), so the output side builds one and reuses it for every message.
*/

use super::{Field, Format, JsonOptions, ascii, hex, json, msgpack, quoted, text};

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
