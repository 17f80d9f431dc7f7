/*!
MessagePack, as nanocat writes it: each message a bin object (bin8 below 256 bytes,
bin16 below 64 KiB, else bin32), with no delimiter. Input takes bin and str objects.
*/

use std::io::Read;

use super::input::InputBuffer;
use super::{Invalid, LineError};

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

pub fn record_ready<R: Read>(input: &InputBuffer<R>) -> bool {
    match parse_header(input.buffered()) {
        Ok(Some((header, len))) => input.buffered().len() >= header + len,
        Ok(None) => input.at_end(),
        Err(_) => true,
    }
}

pub fn decode<R: Read>(input: &mut InputBuffer<R>) -> Result<Option<&[u8]>, LineError> {
    let available = input.want(1)?;
    if available == 0 {
        return Ok(None);
    }
    let mut need = 1;
    let (header, len) = loop {
        if let Some(found) = parse_header(input.buffered()).map_err(LineError::Invalid)? {
            break found;
        }
        need += 1;
        if input.want(need)? < need {
            return Err(LineError::Invalid(Invalid::whole(
                "input ends inside a msgpack header",
            )));
        }
    };
    let available = input.want(header + len)?;
    if available < header + len {
        return Err(LineError::Invalid(Invalid::whole(format!(
            "input ends inside a msgpack object: its header claims {len} bytes, {} arrived",
            available - header
        ))));
    }
    Ok(Some(&input.take(header + len)[header..]))
}
