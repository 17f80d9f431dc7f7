use super::*;

/// The sample message of nanocat's documented output: "hi", LF, '"', '\', NUL, 0xff, TAB, CR.
const SAMPLE: &[u8] = b"hi\n\"\\\x00\xff\x09\x0d";

fn encoded(format: Format, message: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    Encoder::new(format, b'\n', false).encode(message, &mut out);
    out
}

fn decode_all(format: Format, separator: u8, input: &[u8]) -> Result<Vec<Vec<u8>>, DecodeError> {
    let mut decoder = Decoder::new(input, format, separator);
    let mut messages = Vec::new();
    while let Some(message) = decoder.next_message()? {
        messages.push(message.to_vec());
    }
    Ok(messages)
}

fn decode_error(format: Format, input: &[u8]) -> String {
    match decode_all(format, b'\n', input) {
        Ok(messages) => panic!("expected an error, decoded {messages:?}"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn outputs_match_nanocat_byte_for_byte() {
    assert_eq!(encoded(Format::Raw, SAMPLE), SAMPLE);
    assert_eq!(encoded(Format::Ascii, SAMPLE), b"hi.\"\\....\n");
    assert_eq!(
        encoded(Format::Quoted, SAMPLE),
        b"\"hi\\n\\\"\\\\\\x00\\xff\\x09\\r\"\n"
    );
    let mut msgpack = vec![0xc4, 9];
    msgpack.extend_from_slice(SAMPLE);
    assert_eq!(encoded(Format::Msgpack, SAMPLE), msgpack);
    assert_eq!(encoded(Format::Hex, SAMPLE), b"68690a225c00ff090d\n");
}

#[test]
fn nngcat_quoted_differs_from_nanocats_in_the_tab_only() {
    let mut out = Vec::new();
    let encoder = Encoder::new(Format::Quoted, b'\n', false).with_nngcat_quoted(true);
    encoder.encode(SAMPLE, &mut out);
    assert_eq!(out, b"\"hi\\n\\\"\\\\\\x00\\xff\\t\\r\"\n");
    let every_byte: Vec<u8> = (0..=255).collect();
    let mut nngcat = Vec::new();
    encoder.encode(&every_byte, &mut nngcat);
    let nanocat = encoded(Format::Quoted, &every_byte);
    let tab_at = nanocat
        .windows(4)
        .position(|w| w == b"\\x09")
        .expect("nanocat's tab");
    assert_eq!(nngcat[..tab_at], nanocat[..tab_at]);
    assert_eq!(nngcat[tab_at..tab_at + 2], *b"\\t");
    assert_eq!(nngcat[tab_at + 2..], nanocat[tab_at + 4..]);
    assert_eq!(
        decode_all(Format::Quoted, b'\n', &nngcat).expect("valid"),
        [every_byte]
    );
}

#[test]
fn msgpack_uses_bin16_and_bin32_for_longer_messages() {
    let out = encoded(Format::Msgpack, &[1u8; 256]);
    assert_eq!(&out[..3], &[0xc5, 0x01, 0x00]);
    let out = encoded(Format::Msgpack, &[1u8; 65536]);
    assert_eq!(&out[..5], &[0xc6, 0, 1, 0, 0]);
    assert_eq!(out.len(), 65536 + 5);
}

#[test]
fn text_on_a_terminal_escapes_controls_but_keeps_utf8() {
    let mut out = Vec::new();
    Encoder::new(Format::Text, b'\n', true).encode(b"\xc3\xa9\x1b[31m\xc2\x9bok\xff", &mut out);
    assert_eq!(out, b"\xc3\xa9\\x1b[31m\\xc2\\x9bok\\xff\n");
    let mut out = Vec::new();
    Encoder::new(Format::Text, b'\n', true).encode(b"a\xffb", &mut out);
    assert_eq!(out, b"a\\xffb\n");
}

#[test]
fn text_on_a_terminal_escapes_bidi_controls() {
    let mut out = Vec::new();
    let encoder = Encoder::new(Format::Text, b'\n', true);
    // RIGHT-TO-LEFT OVERRIDE, then FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.
    encoder.encode("a\u{202e}b\u{2068}c\u{2069}".as_bytes(), &mut out);
    assert_eq!(out, b"a\\xe2\\x80\\xaeb\\xe2\\x81\\xa8c\\xe2\\x81\\xa9\n");
    // The paragraph separator and the deprecated format characters are escaped; a
    // space and an unassigned code point next to the ranges stay as they are.
    let mut out = Vec::new();
    encoder.encode("\u{2029}\u{202f}\u{2065}\u{206a}".as_bytes(), &mut out);
    assert_eq!(
        out,
        "\\xe2\\x80\\xa9\u{202f}\u{2065}\\xe2\\x81\\xaa\n".as_bytes()
    );
}

#[test]
fn null_separator_ends_every_delimited_record() {
    let mut out = Vec::new();
    let encoder = Encoder::new(Format::Hex, 0, false);
    encoder.encode(b"a", &mut out);
    encoder.encode(b"", &mut out);
    assert_eq!(out, b"61\0\0");
    assert_eq!(
        decode_all(Format::Hex, 0, &out).unwrap(),
        vec![b"a".to_vec(), vec![]]
    );
}

#[test]
fn format_characters_and_separators_are_escaped_for_a_terminal() {
    for ch in [
        '\u{200e}',
        '\u{200f}',
        '\u{61c}',
        '\u{2028}',
        '\u{2029}',
        '\u{202e}',
        '\u{feff}',
        '\u{e0041}',
    ] {
        assert!(
            super::escape::needs_escape_on_terminal(ch),
            "U+{:04X} reaches a terminal as it is",
            ch as u32
        );
    }
    for ch in ['a', 'é', '\u{1f600}', ' '] {
        assert!(
            !super::escape::needs_escape_on_terminal(ch),
            "{ch:?} is escaped"
        );
    }
    assert_eq!(
        super::for_terminal("peer \u{202e}evil\u{1b}[31m"),
        "peer \\u{202e}evil\\u{1b}[31m"
    );
}

// The input side of the formats but JSON.
mod decode;
// JSON, both ways.
mod json;
// Round trips of random messages through every format.
mod properties;
