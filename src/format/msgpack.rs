/*!
MessagePack, as nanocat writes it: each message a bin object (bin8 below 256 bytes,
bin16 below 64 KiB, else bin32), with no delimiter. Input takes bin and str objects,
and maps whose "data" field holds the message (a tap's records: `encode_record`), the
other fields skipped.
*/

use std::io::Read;

use super::input::InputBuffer;
use super::{Field, Invalid, LineError};

// The object markers nanocat writes and nncat reads (the MessagePack specification's
// names). Each is followed by the payload's length, big-endian, in 1, 2 or 4 bytes.
const BIN8: u8 = 0xc4;
const BIN16: u8 = 0xc5;
const BIN32: u8 = 0xc6;
const STR8: u8 = 0xd9;
const STR16: u8 = 0xda;
const STR32: u8 = 0xdb;
/// fixstr: 0xa0 to 0xbf, the length (below 32) in the marker's low 5 bits.
const FIXSTR: u8 = 0xa0;
const FIXSTR_LAST: u8 = 0xbf;
const FIXSTR_LENGTH: u8 = 0x1f;
/// fixmap: 0x80 to 0x8f, the number of entries in the low 4 bits; map16 after it.
const FIXMAP: u8 = 0x80;
const FIXMAP_LAST: u8 = 0x8f;
const FIXMAP_SIZE: u8 = 0x0f;
const MAP16: u8 = 0xde;
const NIL: u8 = 0xc0;
const UINT64: u8 = 0xcf;

pub fn encode(message: &[u8], out: &mut Vec<u8>) {
    let len = message.len();
    if len < 1 << 8 {
        out.extend_from_slice(&[BIN8, len as u8]);
    } else if len < 1 << 16 {
        out.push(BIN16);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        out.push(BIN32);
        // A nanomsg message cannot reach 4 GiB: nn_recv returns its length as an int.
        out.extend_from_slice(&(len as u32).to_be_bytes());
    }
    out.extend_from_slice(message);
}

/// The header's size and the payload's length, if `header` holds a whole header.
fn parse_header(header: &[u8]) -> Result<Option<(usize, usize)>, Invalid> {
    let Some(&marker) = header.first() else {
        return Ok(None);
    };
    let width = match marker {
        FIXSTR..=FIXSTR_LAST => return Ok(Some((1, (marker & FIXSTR_LENGTH) as usize))),
        BIN8 | STR8 => 1,
        BIN16 | STR16 => 2,
        BIN32 | STR32 => 4,
        other => {
            return Err(Invalid::at(
                1,
                format!("expected a msgpack bin or str object, found marker 0x{other:02x}"),
            ));
        }
    };
    if header.len() < 1 + width {
        return Ok(None);
    }
    let len = header[1..1 + width]
        .iter()
        .fold(0usize, |len, &b| len << 8 | b as usize);
    Ok(Some((1 + width, len)))
}

/// Where the next record is in `buffered`: its length, and where its message lies
/// within it; or how many bytes must be buffered before that can be told.
#[derive(Debug, PartialEq, Eq)]
enum Span {
    Need(usize),
    Whole {
        len: usize,
        message: std::ops::Range<usize>,
    },
}

/// The record at the start of `buffered`: a bin or str object, or a map with "data".
fn record_span(buffered: &[u8]) -> Result<Span, Invalid> {
    let Some(&marker) = buffered.first() else {
        return Ok(Span::Need(1));
    };
    let entries = match marker {
        FIXMAP..=FIXMAP_LAST => usize::from(marker & FIXMAP_SIZE),
        MAP16 => match buffered.get(1..3) {
            Some(size) => usize::from(u16::from_be_bytes([size[0], size[1]])),
            None => return Ok(Span::Need(3)),
        },
        _ => {
            return Ok(match parse_header(buffered)? {
                Some((header, len)) => Span::Whole {
                    len: header.saturating_add(len),
                    message: header..header.saturating_add(len),
                },
                None => Span::Need(buffered.len() + 1),
            });
        }
    };
    let mut at = if marker == MAP16 { 3 } else { 1 };
    let mut message = None;
    for _ in 0..entries {
        let key = match object_span(buffered, at)? {
            Object::Need(n) => return Ok(Span::Need(n)),
            Object::Str(range) => range,
            Object::Other(_) => {
                return Err(Invalid::at(
                    at + 1,
                    "a msgpack record's keys must be strings",
                ));
            }
        };
        let is_data = &buffered[key.clone()] == b"data";
        at = key.end;
        match object_span(buffered, at)? {
            Object::Need(n) => return Ok(Span::Need(n)),
            Object::Str(value) if is_data => {
                at = value.end;
                message = Some(value);
            }
            Object::Str(value) => at = value.end,
            Object::Other(end) => at = end,
        }
    }
    match message {
        Some(message) => Ok(Span::Whole { len: at, message }),
        None => Err(Invalid::whole(
            "a msgpack map record needs a \"data\" field (bin or str) with the message",
        )),
    }
}

/// One object inside a record: a str or bin's payload, another scalar's end, or how
/// much must be buffered to tell.
enum Object {
    Need(usize),
    Str(std::ops::Range<usize>),
    Other(usize),
}

fn object_span(buffered: &[u8], at: usize) -> Result<Object, Invalid> {
    let Some(&marker) = buffered.get(at) else {
        return Ok(Object::Need(at + 1));
    };
    let width = match marker {
        // nil, false, true, and the fixints.
        0x00..=0x7f | 0xc0 | 0xc2 | 0xc3 | 0xe0..=0xff => return Ok(Object::Other(at + 1)),
        0xcc | 0xd0 => 1,
        0xcd | 0xd1 => 2,
        0xce | 0xd2 | 0xca => 4,
        0xcf | 0xd3 | 0xcb => 8,
        _ => {
            return match parse_header(&buffered[at..])
                .map_err(|err| Invalid::at(at + 1, err.reason))?
            {
                Some((header, len)) => {
                    let start = at + header;
                    let end = start.saturating_add(len);
                    if buffered.len() < end {
                        Ok(Object::Need(end))
                    } else {
                        Ok(Object::Str(start..end))
                    }
                }
                None => Ok(Object::Need(buffered.len() + 1)),
            };
        }
    };
    let end = at + 1 + width;
    if buffered.len() < end {
        return Ok(Object::Need(end));
    }
    Ok(Object::Other(end))
}

pub fn record_ready<R: Read>(input: &InputBuffer<R>) -> bool {
    match record_span(input.buffered()) {
        Ok(Span::Whole { len, .. }) => input.buffered().len() >= len,
        Ok(Span::Need(_)) => input.at_end(),
        Err(_) => true,
    }
}

pub fn decode<R: Read>(input: &mut InputBuffer<R>) -> Result<Option<&[u8]>, LineError> {
    if input.want(1)? == 0 {
        return Ok(None);
    }
    let (len, message) = loop {
        match record_span(input.buffered()).map_err(LineError::Invalid)? {
            Span::Whole { len, message } => break (len, message),
            Span::Need(need) => {
                let available = input.want(need)?;
                if available < need {
                    return Err(LineError::Invalid(Invalid::whole(
                        "input ends inside a msgpack header",
                    )));
                }
            }
        }
    };
    let available = input.want(len)?;
    if available < len {
        return Err(LineError::Invalid(Invalid::whole(format!(
            "input ends inside a msgpack object: its header claims {} bytes, {} arrived",
            message.len(),
            available.saturating_sub(message.start)
        ))));
    }
    Ok(Some(&input.take(len)[message]))
}

/// A map of `fields`, then "data": the message as bin: tap's records, which `decode`
/// reads back as their messages.
pub fn encode_record(fields: &[(&str, Field)], message: &[u8], out: &mut Vec<u8>) {
    let entries = fields.len() + 1;
    if entries <= usize::from(FIXMAP_SIZE) {
        out.push(FIXMAP | entries as u8);
    } else {
        out.push(MAP16);
        out.extend_from_slice(&(entries as u16).to_be_bytes());
    }
    for (key, value) in fields {
        encode_str(key, out);
        match value {
            Field::Text(text) => encode_str(text, out),
            Field::Number(number) => {
                out.push(UINT64);
                out.extend_from_slice(&number.to_be_bytes());
            }
            Field::Nil => out.push(NIL),
        }
    }
    encode_str("data", out);
    encode(message, out);
}

fn encode_str(text: &str, out: &mut Vec<u8>) {
    let len = text.len();
    if len <= usize::from(FIXSTR_LENGTH) {
        out.push(FIXSTR | len as u8);
    } else if len < 1 << 8 {
        out.extend_from_slice(&[STR8, len as u8]);
    } else {
        out.push(STR16);
        out.extend_from_slice(&(len.min(u16::MAX as usize) as u16).to_be_bytes());
    }
    out.extend_from_slice(&text.as_bytes()[..len.min(u16::MAX as usize)]);
}
