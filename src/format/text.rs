/*!
Text: the message's bytes as they are. On a terminal, what could drive the terminal
(C0 and C1 controls, DEL, bytes that are not UTF-8) is shown as `\xHH` instead.
*/

use super::hex::push_escaped_byte;

pub fn encode_escaped(message: &[u8], out: &mut Vec<u8>) {
    let mut rest = message;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                push_without_controls(valid, out);
                break;
            }
            Err(err) => {
                let (valid, after) = rest.split_at(err.valid_up_to());
                // `valid` is UTF-8 by the error's own word.
                push_without_controls(std::str::from_utf8(valid).unwrap_or(""), out);
                let bad = err.error_len().unwrap_or(after.len());
                for &byte in &after[..bad] {
                    push_escaped_byte(byte, out);
                }
                rest = &after[bad..];
            }
        }
    }
}

fn push_without_controls(text: &str, out: &mut Vec<u8>) {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    let mut utf8 = [0u8; 4];
    for ch in text.chars() {
        if ch.is_control() {
            let mut bytes = [0u8; 4];
            for &byte in ch.encode_utf8(&mut bytes).as_bytes() {
                push_escaped_byte(byte, out);
            }
        } else {
            out.extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
        }
    }
}
