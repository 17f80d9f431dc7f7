/*!
Text: the message's bytes as they are. On a terminal, what could drive the terminal or
reorder what it shows (C0 and C1 controls, DEL, the Unicode bidirectional controls,
bytes that are not UTF-8) is shown as `\xHH` instead, one escape per byte.
*/

use super::escape::{needs_escape_on_terminal, push_escaped_byte};

pub fn encode_escaped(message: &[u8], out: &mut Vec<u8>) {
    let mut rest = message;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                push_safe(valid, out);
                break;
            }
            Err(err) => {
                let (valid, after) = rest.split_at(err.valid_up_to());
                // `valid` is UTF-8 by the error's own word.
                push_safe(std::str::from_utf8(valid).unwrap_or(""), out);
                let bad = err.error_len().unwrap_or(after.len());
                for &byte in &after[..bad] {
                    push_escaped_byte(byte, out);
                }
                rest = &after[bad..];
            }
        }
    }
}

fn push_safe(text: &str, out: &mut Vec<u8>) {
    if all_printable_ascii(text.as_bytes()) {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    let mut utf8 = [0u8; 4];
    for ch in text.chars() {
        let bytes = ch.encode_utf8(&mut utf8).as_bytes();
        if needs_escape_on_terminal(ch) {
            for &byte in bytes {
                push_escaped_byte(byte, out);
            }
        } else {
            out.extend_from_slice(bytes);
        }
    }
}

/// Whether every byte is printable ASCII, tested 32 bytes a step without a branch per
/// byte (vector instructions): most messages are, and then need no escaping at all.
fn all_printable_ascii(bytes: &[u8]) -> bool {
    bytes.chunks(32).all(|chunk| {
        chunk
            .iter()
            .fold(true, |all, &b| all & (b.wrapping_sub(0x20) < 0x5f))
    })
}
