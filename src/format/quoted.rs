/*!
Quoted: nanocat's C string form, `"hi\n\"\\\x00\xff\x09\r"`, byte for byte. The named
escapes are `\n`, `\r`, `\"` and `\\`; every other byte outside ' '..'~' is `\xHH`.
Input takes that form back, and also the other C escapes (`\t`, `\0`, `\a`...).
*/

use super::Invalid;
use super::hex::{describe_byte, push_escaped_byte};

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

pub fn encode(message: &[u8], out: &mut Vec<u8>) {
    out.reserve(message.len() + 2);
    out.push(b'"');
    let mut rest = message;
    while !rest.is_empty() {
        let plain = rest
            .iter()
            .position(|&b| !PLAIN[b as usize])
            .unwrap_or(rest.len());
        out.extend_from_slice(&rest[..plain]);
        let Some((&byte, after)) = rest[plain..].split_first() else {
            break;
        };
        match byte {
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            _ => push_escaped_byte(byte, out),
        }
        rest = after;
    }
    out.push(b'"');
}

pub fn decode(line: &[u8], out: &mut Vec<u8>) -> Result<(), Invalid> {
    out.clear();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.first() != Some(&b'"') {
        return Err(Invalid::at(1, "expected '\"' to open the quoted message"));
    }
    let mut i = 1;
    loop {
        let Some(&byte) = line.get(i) else {
            return Err(Invalid::at(i + 1, "missing closing '\"'"));
        };
        match byte {
            b'"' if i + 1 == line.len() => return Ok(()),
            b'"' => return Err(Invalid::at(i + 2, "text after the closing '\"'")),
            b'\\' => {
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
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
}

fn hex_digit(line: &[u8], i: usize) -> Result<u8, Invalid> {
    match line.get(i) {
        Some(&b) if b.is_ascii_hexdigit() => Ok((b as char).to_digit(16).unwrap_or(0) as u8),
        Some(&b) => Err(Invalid::at(
            i + 1,
            format!("invalid hex digit {} in '\\x' escape", describe_byte(b)),
        )),
        None => Err(Invalid::at(i + 1, "'\\x' needs two hex digits")),
    }
}
