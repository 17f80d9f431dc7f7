/*!
Quoted: nanocat's C string form, `"hi\n\"\\\x00\xff\x09\r"`, byte for byte. The named
escapes are `\n`, `\r`, `\"` and `\\`; every other byte outside ' '..'~' is `\xHH`.
nngcat's form differs in one byte only, measured over all 256: it writes a tab as `\t`.
Input takes either form back, and also the other C escapes (`\t`, `\0`, `\a`...).
*/

use super::Invalid;
use super::hex::{INVALID, PAIR_VALUES, VALUES, describe_byte};

/// Which bytes can be copied as they are: printable ASCII except '"' and '\'.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0x20;
    while i < 0x7f {
        table[i] = i != b'"' as usize && i != b'\\' as usize;
        i += 1;
    }
    table
};

type EscapeTable = [([u8; 4], u8); 256];

/// Each byte's escape in quoted output, padded to 4 bytes, and its true length.
static ESCAPES: EscapeTable = escapes(false);
/// nngcat's: the same with a tab as `\t`.
static NNGCAT_ESCAPES: EscapeTable = escapes(true);

const fn escapes(tab_named: bool) -> EscapeTable {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut table = [([0u8; 4], 0u8); 256];
    let mut i = 0;
    while i < 256 {
        table[i] = match i as u8 {
            b'\t' if tab_named => (*b"\\t\0\0", 2),
            b'\n' => (*b"\\n\0\0", 2),
            b'\r' => (*b"\\r\0\0", 2),
            b'"' => (*b"\\\"\0\0", 2),
            b'\\' => (*b"\\\\\0\0", 2),
            b => (
                [
                    b'\\',
                    b'x',
                    DIGITS[(b >> 4) as usize],
                    DIGITS[(b & 15) as usize],
                ],
                4,
            ),
        };
        i += 1;
    }
    table
}

pub fn encode(message: &[u8], out: &mut Vec<u8>) {
    encode_with(&ESCAPES, message, out);
}

/// nngcat's form: a tab is `\t`.
pub fn encode_nngcat(message: &[u8], out: &mut Vec<u8>) {
    encode_with(&NNGCAT_ESCAPES, message, out);
}

/// Plain runs are copied at once; a run of escaped bytes is written 4 bytes at a time
/// (then cut to the escape's length).
fn encode_with(escapes: &EscapeTable, message: &[u8], out: &mut Vec<u8>) {
    out.reserve(message.len() + 2);
    out.push(b'"');
    let mut rest = message;
    while !rest.is_empty() {
        let plain = rest
            .iter()
            .position(|&b| !PLAIN[b as usize])
            .unwrap_or(rest.len());
        out.extend_from_slice(&rest[..plain]);
        rest = &rest[plain..];
        let special = rest
            .iter()
            .position(|&b| PLAIN[b as usize])
            .unwrap_or(rest.len());
        out.reserve(special * 4);
        for &byte in &rest[..special] {
            let (bytes, len) = escapes[byte as usize];
            out.extend_from_slice(&bytes);
            out.truncate(out.len() - 4 + len as usize);
        }
        rest = &rest[special..];
    }
    out.push(b'"');
}

/// The first '"' or '\' in `haystack`, a word at a time (as input.rs's memchr).
fn find_quote_or_backslash(haystack: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let quotes = LO * b'"' as u64;
    let backslashes = LO * b'\\' as u64;
    let has_zero = |w: u64| w.wrapping_sub(LO) & !w & HI;
    let mut offset = 0;
    for chunk in haystack.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if has_zero(word ^ quotes) | has_zero(word ^ backslashes) != 0 {
            break;
        }
        offset += 8;
    }
    haystack[offset..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\')
        .map_or(haystack.len(), |at| offset + at)
}

/// Plain runs are found a word at a time and copied at once; rows of `\xHH`, which
/// binary messages are mostly made of, are decoded in one tight loop.
pub fn decode(line: &[u8], out: &mut Vec<u8>) -> Result<(), Invalid> {
    out.clear();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.first() != Some(&b'"') {
        return Err(Invalid::at(1, "expected '\"' to open the quoted message"));
    }
    out.reserve(line.len());
    let mut i = 1;
    loop {
        let run = find_quote_or_backslash(&line[i..]);
        out.extend_from_slice(&line[i..i + run]);
        i += run;
        // Binary messages are mostly `\xHH`: take a row of them in one tight loop.
        while let Some(&[b'\\', b'x', high, low]) = line.get(i..i + 4) {
            let value = PAIR_VALUES[(high as usize) << 8 | low as usize];
            if value > 0xff {
                break;
            }
            out.push(value as u8);
            i += 4;
        }
        if line.get(i).is_some_and(|&b| b != b'"' && b != b'\\') {
            continue;
        }
        let Some(&byte) = line.get(i) else {
            return Err(Invalid::at(i + 1, "missing closing '\"'"));
        };
        match byte {
            b'"' if i + 1 == line.len() => return Ok(()),
            b'"' => return Err(Invalid::at(i + 2, "text after the closing '\"'")),
            _ => {
                let Some(&kind) = line.get(i + 1) else {
                    return Err(Invalid::at(i + 1, "'\\' at the end of the record"));
                };
                let value = match kind {
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'0' => 0,
                    b'a' => 0x07,
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'v' => 0x0b,
                    b'e' => 0x1b,
                    b'"' | b'\\' | b'\'' | b'?' => kind,
                    b'x' => {
                        let high = hex_digit(line, i + 2)?;
                        let low = hex_digit(line, i + 3)?;
                        out.push(high << 4 | low);
                        i += 4;
                        continue;
                    }
                    other => {
                        return Err(Invalid::at(
                            i + 1,
                            format!(
                                "unknown escape '\\{}'",
                                describe_byte(other).trim_matches('\'')
                            ),
                        ));
                    }
                };
                out.push(value);
                i += 2;
            }
        }
    }
}

fn hex_digit(line: &[u8], i: usize) -> Result<u8, Invalid> {
    match line.get(i).map(|&b| (b, VALUES[b as usize])) {
        Some((_, value)) if value != INVALID => Ok(value),
        Some((b, _)) => Err(Invalid::at(
            i + 1,
            format!("invalid hex digit {} in '\\x' escape", describe_byte(b)),
        )),
        None => Err(Invalid::at(i + 1, "'\\x' needs two hex digits")),
    }
}
