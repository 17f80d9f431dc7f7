/*!
Quoted: nanocat's C string form, `"hi\n\"\\\x00\xff\x09\r"`, byte for byte. The named
escapes are `\n`, `\r`, `\"` and `\\`; every other byte outside ' '..'~' is `\xHH`.
nngcat's form differs in one byte only, measured over all 256: it writes a tab as `\t`.
Input takes either form back, and also the other C escapes (`\t`, `\a`..., and octal
`\0`, `\12`, `\101`).
*/

use memchr::memchr2;

use super::Invalid;
use super::escape::{DIGITS, INVALID, VALUES, describe_byte, pair_value};

/// Whether a byte can be copied as it is: printable ASCII except '"' and '\'.
const fn is_plain(byte: u8) -> bool {
    (byte.wrapping_sub(0x20) < 0x5f) & (byte != b'"') & (byte != b'\\')
}

/// `is_plain` for every byte, for the byte-at-a-time scans: a lookup is quicker there
/// than the three comparisons.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = is_plain(i as u8);
        i += 1;
    }
    table
};

/// How many bytes at the start of `bytes` are plain. memchr finds up to three given
/// bytes, not a class of them; this tests 16 bytes a step without a branch per byte,
/// which the compiler turns into vector instructions.
fn plain_len(bytes: &[u8]) -> usize {
    let mut done = 0;
    for chunk in bytes.chunks_exact(16) {
        if !chunk.iter().fold(true, |all, &b| all & is_plain(b)) {
            break;
        }
        done += 16;
    }
    done + bytes[done..]
        .iter()
        .position(|&b| !PLAIN[b as usize])
        .unwrap_or(bytes.len() - done)
}

type EscapeTable = [([u8; 4], u8); 256];

/// Each byte's escape in quoted output, padded to 4 bytes, and its true length.
static ESCAPES: EscapeTable = escapes(false);
/// nngcat's: the same with a tab as `\t`.
static NNGCAT_ESCAPES: EscapeTable = escapes(true);

const fn escapes(tab_named: bool) -> EscapeTable {
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

/// Plain runs are found 16 bytes a step and copied at once; a run of escaped bytes is
/// written 4 bytes at a time (then cut to the escape's length).
pub fn encode(message: &[u8], out: &mut Vec<u8>) {
    encode_with(&ESCAPES, message, out);
}

/// nngcat's form: a tab is `\t`.
pub fn encode_nngcat(message: &[u8], out: &mut Vec<u8>) {
    encode_with(&NNGCAT_ESCAPES, message, out);
}

fn encode_with(escapes: &EscapeTable, message: &[u8], out: &mut Vec<u8>) {
    out.reserve(message.len() + 2);
    out.push(b'"');
    let mut rest = message;
    while !rest.is_empty() {
        let plain = plain_len(rest);
        out.extend_from_slice(&rest[..plain]);
        rest = &rest[plain..];
        let special = rest.iter().position(|&b| is_plain(b)).unwrap_or(rest.len());
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

/// Plain runs are found by memchr and copied at once; rows of `\xHH`, which
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
        let run = memchr2(b'"', b'\\', &line[i..]).unwrap_or(line.len() - i);
        out.extend_from_slice(&line[i..i + run]);
        i += run;
        // Binary messages are mostly `\xHH`: take a row of them in one tight loop.
        while let Some(&[b'\\', b'x', high, low]) = line.get(i..i + 4) {
            let Some(value) = pair_value(high, low) else {
                break;
            };
            out.push(value);
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
                    b'a' => 0x07,
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'v' => 0x0b,
                    b'e' => 0x1b,
                    b'"' | b'\\' | b'\'' | b'?' => kind,
                    b'0'..=b'7' => {
                        // C's octal escape: one to three digits (`\0`, `\12`, `\101`).
                        let digits = line[i + 1..]
                            .iter()
                            .take(3)
                            .take_while(|b| (b'0'..=b'7').contains(b))
                            .count();
                        let value = line[i + 1..i + 1 + digits]
                            .iter()
                            .fold(0u32, |value, digit| value * 8 + u32::from(digit - b'0'));
                        let Ok(value) = u8::try_from(value) else {
                            return Err(Invalid::at(
                                i + 1,
                                format!(
                                    "octal escape '\\{}' is over 255 (\\377)",
                                    String::from_utf8_lossy(&line[i + 1..i + 1 + digits])
                                ),
                            ));
                        };
                        out.push(value);
                        i += 1 + digits;
                        continue;
                    }
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
                            match other {
                                0x21..=0x7e => format!("unknown escape '\\{}'", other as char),
                                _ => {
                                    format!("unknown escape: '\\' before {}", describe_byte(other))
                                }
                            },
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
