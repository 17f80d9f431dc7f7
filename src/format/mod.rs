/*!
The record formats: how a message is written to stdout and read from stdin.

Each format is a file with an encoder (message bytes -> output bytes appended to a
`Vec<u8>`) and, where it has one, a decoder (one input record -> message bytes).
`Encoder` (encoder.rs) and `Decoder` (decoder.rs) choose among them by `Format`, and
errors.rs holds what can go wrong reading a record. Nothing here touches a socket, so
every format is unit-tested, property-tested and fuzzed alone.

A message passes through as `&[u8]`: decoders lend slices of their input buffer (text)
or of one reused scratch buffer (hex, quoted), and encoders append to the caller's
output buffer, so neither side allocates per message.

The input's buffers grow by fallible allocation: a record larger than the memory nncat
can get is an error naming the record (`DecodeError::TooLarge`), not an abort.
*/

mod ascii;
mod base64;
mod decoder;
mod encoder;
mod errors;
mod escape;
pub(crate) use escape::for_terminal;
mod hex;
mod input;
mod json;
mod msgpack;
mod quoted;
mod text;

pub use decoder::Decoder;
pub use encoder::Encoder;
use errors::try_room;
pub use errors::{DecodeError, Invalid, LineError};
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

#[cfg(test)]
mod tests;
