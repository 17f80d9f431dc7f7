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
/// DEL drive the terminal (cursor, colours, window title); Unicode's format characters
/// (general category Cf: the bidirectional marks, embeddings, overrides and isolates,
/// zero-width characters, tags) are invisible or reorder what is shown after them; and
/// the line and paragraph separators (U+2028, U+2029) break a line where none shows.
/// Any of them could make a message, or the text around it, read differently.
pub fn needs_escape_on_terminal(ch: char) -> bool {
    ch.is_control() || is_format_or_separator(ch)
}

/// Unicode 15's format characters (Cf) and the line and paragraph separators.
fn is_format_or_separator(ch: char) -> bool {
    matches!(
        ch,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// `text` with every character that must not reach a terminal as it is written as
/// `\u{HHHH}`: for stderr, whose lines carry what peers chose (addresses, protocol
/// names, refusals).
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if needs_escape_on_terminal(ch) {
            out.push_str(&format!("\\u{{{:x}}}", ch as u32));
        } else {
            out.push(ch);
        }
    }
    out
}

/// A byte as a user can see it in an error message.
pub fn describe_byte(byte: u8) -> String {
    match byte {
        0x21..=0x7e => format!("'{}'", byte as char),
        _ => format!("byte 0x{byte:02x}"),
    }
}
