/*!
What several formats share: hex digits in escapes (`\xHH` in text and quoted, `\uHHHH`
in JSON), reading hex digits back, the characters a terminal must not receive as they
are, and how a byte is named in an error. One place, so that the formats cannot drift
apart on what they escape or how they say it.
*/

/// Lowercase, as nanocat and `xxd` write them.
pub const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Each byte's two lowercase digits, looked up at once instead of computed nibble by
/// nibble.
static PAIRS: [[u8; 2]; 256] = {
    let mut table = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = [DIGITS[i >> 4], DIGITS[i & 15]];
        i += 1;
    }
    table
};

/// A byte's two lowercase hex digits.
pub fn hex_pair(byte: u8) -> [u8; 2] {
    PAIRS[byte as usize]
}

/// Each input byte's value as a hex digit (either case), or `INVALID`.
pub const INVALID: u8 = 0xff;
pub static VALUES: [u8; 256] = {
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
/// one lookup per `\xHH` instead of two. 128 KiB, of which text touches little.
pub static PAIR_VALUES: [u16; 65536] = {
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

/// The value of the two hex digits `high` and `low`, if both are hex digits.
pub fn pair_value(high: u8, low: u8) -> Option<u8> {
    let value = PAIR_VALUES[(high as usize) << 8 | low as usize];
    (value <= 0xff).then_some(value as u8)
}

/// `\xHH` with lowercase digits, the escape nanocat uses.
pub fn push_escaped_byte(byte: u8, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\\x");
    out.extend_from_slice(&PAIRS[byte as usize]);
}

/// `\uHHHH` with lowercase digits, JSON's escape.
pub fn push_escaped_u(code: u32, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\\u");
    out.extend_from_slice(&PAIRS[(code >> 8) as usize & 0xff]);
    out.extend_from_slice(&PAIRS[code as usize & 0xff]);
}

/// Whether a character must not reach a terminal as it is: the C0 and C1 controls and
/// DEL drive the terminal (cursor, colours, window title), and the bidirectional
/// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what is
/// shown after them, so a message could make the text around it read differently.
pub fn needs_escape_on_terminal(ch: char) -> bool {
    ch.is_control() || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A byte as a user can see it in an error message.
pub fn describe_byte(byte: u8) -> String {
    match byte {
        0x21..=0x7e => format!("'{}'", byte as char),
        _ => format!("byte 0x{byte:02x}"),
    }
}
