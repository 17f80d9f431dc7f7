/*!
Hex: two lowercase digits a byte, as `xxd -p -c0` writes them. Input also takes upper
case, white space between bytes, and nanocat's `"\x68\x69"` form.
*/

use super::Invalid;

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Each byte's two digits, looked up at once instead of computed nibble by nibble.
static PAIRS: [[u8; 2]; 256] = {
    let mut table = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = [DIGITS[i >> 4], DIGITS[i & 15]];
        i += 1;
    }
    table
};

/// Each input byte's value as a hex digit, or `INVALID`.
pub(super) const INVALID: u8 = 0xff;
pub(super) static VALUES: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

/// Two input bytes' value as one output byte, or 0x100 if either is not a hex digit:
/// one lookup per output byte instead of two. 128 KiB, of which text touches little.
pub(super) static PAIR_VALUES: [u16; 65536] = {
    let mut table = [0x100u16; 65536];
    let mut i = 0;
    while i < 65536 {
        let high = VALUES[i >> 8];
        let low = VALUES[i & 0xff];
        if high != INVALID && low != INVALID {
            table[i] = (high << 4 | low) as u16;
        }
        i += 1;
    }
    table
};

pub fn encode(message: &[u8], out: &mut Vec<u8>) {
    out.reserve(message.len() * 2);
    for &byte in message {
        out.extend_from_slice(&PAIRS[byte as usize]);
    }
}

/// `\xHH` with lowercase digits, the escape nanocat uses.
pub fn push_escaped_byte(byte: u8, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\\x");
    out.extend_from_slice(&PAIRS[byte as usize]);
}

pub fn decode(line: &[u8], out: &mut Vec<u8>) -> Result<(), Invalid> {
    out.clear();
    if line.first() == Some(&b'"') {
        return decode_nanocat(line, out);
    }
    out.reserve(line.len() / 2);
    let mut i = 0;
    // The fastest path makes 8 bytes of 16 digits: look all up, test once, append once.
    for chunk in line.chunks_exact(16) {
        let mut bytes = [0u8; 8];
        let mut seen = 0u16;
        for (k, byte) in bytes.iter_mut().enumerate() {
            let value = PAIR_VALUES[(chunk[2 * k] as usize) << 8 | chunk[2 * k + 1] as usize];
            seen |= value;
            *byte = value as u8;
        }
        // A pair of digits is below 256; a pair with anything else has bit 8 set.
        if seen & 0x100 != 0 {
            break;
        }
        out.extend_from_slice(&bytes);
        i += 16;
    }
    // Then two digits at a time; anything else goes to the careful path.
    while i + 1 < line.len() {
        let high = VALUES[line[i] as usize];
        let low = VALUES[line[i + 1] as usize];
        if high == INVALID || low == INVALID {
            break;
        }
        out.push(high << 4 | low);
        i += 2;
    }
    while i < line.len() {
        let b = line[i];
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let high = digit(line, i)?;
        if i + 1 == line.len() {
            return Err(Invalid::at(
                i + 1,
                "odd number of hex digits: the last byte has one",
            ));
        }
        let low = digit(line, i + 1)?;
        out.push(high << 4 | low);
        i += 2;
    }
    Ok(())
}

fn digit(line: &[u8], i: usize) -> Result<u8, Invalid> {
    match VALUES[line[i] as usize] {
        INVALID => Err(Invalid::at(
            i + 1,
            format!("invalid hex digit {}", describe_byte(line[i])),
        )),
        value => Ok(value),
    }
}

/// nanocat's hex form: `"\x68\x69"`.
fn decode_nanocat(line: &[u8], out: &mut Vec<u8>) -> Result<(), Invalid> {
    let end = line.len().saturating_sub(1);
    if line.len() < 2 || line[end] != b'"' {
        return Err(Invalid::at(line.len() + 1, "missing closing '\"'"));
    }
    let mut i = 1;
    while i < end {
        if line[i] != b'\\' || line.get(i + 1) != Some(&b'x') {
            return Err(Invalid::at(i + 1, "expected '\\x' and two hex digits"));
        }
        if i + 3 > end {
            return Err(Invalid::at(i + 1, "'\\x' needs two hex digits"));
        }
        out.push(digit(line, i + 2)? << 4 | digit(line, i + 3)?);
        i += 4;
    }
    Ok(())
}

/// `\uHHHH` with lowercase digits, JSON's escape.
pub fn push_escaped_u(code: u32, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\\u");
    out.extend_from_slice(&PAIRS[(code >> 8) as usize & 0xff]);
    out.extend_from_slice(&PAIRS[code as usize & 0xff]);
}

/// A byte as a user can see it in an error message.
pub fn describe_byte(byte: u8) -> String {
    match byte {
        0x21..=0x7e => format!("'{}'", byte as char),
        _ => format!("byte 0x{byte:02x}"),
    }
}
