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
fn json_escapes_bidi_controls() {
    assert_eq!(
        encoded(Format::Json, "\u{202a}x\u{2066}".as_bytes()),
        b"{\"data\":\"\\u202ax\\u2066\"}\n"
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
fn hex_input_takes_upper_case_spaces_and_nanocat_form() {
    assert_eq!(
        decode_all(Format::Hex, b'\n', b"6869\n4A6b\n68 69\r\n\"\\x68\\x69\"\n").unwrap(),
        vec![
            b"hi".to_vec(),
            b"Jk".to_vec(),
            b"hi".to_vec(),
            b"hi".to_vec()
        ]
    );
}

#[test]
fn hex_input_rejects_bad_digits_with_record_and_column() {
    assert_eq!(
        decode_error(Format::Hex, b"6869\nabcdgf\n"),
        "record 2: invalid hex digit 'g' at column 5"
    );
    assert_eq!(
        decode_error(Format::Hex, b"abc\n"),
        "record 1: odd number of hex digits: the last byte has one at column 3"
    );
    assert_eq!(
        decode_error(Format::Hex, b"\"\\x6\"\n"),
        "record 1: invalid hex digit '\"' at column 5"
    );
}

#[test]
fn hex_input_decodes_runs_between_spaces_and_names_the_column_after_them() {
    assert_eq!(
        decode_all(Format::Hex, b'\n', b"6869 6A6b\t00\r\n  ff  \n").unwrap(),
        vec![b"hijk\0".to_vec(), vec![0xff]]
    );
    assert_eq!(
        decode_error(Format::Hex, b"6869 6a6g\n"),
        "record 1: invalid hex digit 'g' at column 9"
    );
    // Spaces go between bytes, not between the two digits of one.
    assert_eq!(
        decode_error(Format::Hex, b"686 9\n"),
        "record 1: invalid hex digit byte 0x20 at column 4"
    );
}

#[test]
fn quoted_input_takes_c_escapes() {
    assert_eq!(
        decode_all(Format::Quoted, b'\n', b"\"a\\tb\\0\\x41\\\"\"\n\"\"\n").unwrap(),
        vec![b"a\tb\0A\"".to_vec(), vec![]]
    );
}

#[test]
fn quoted_input_rejects_what_is_not_quoted() {
    assert_eq!(
        decode_error(Format::Quoted, b"hello\n"),
        "record 1: expected '\"' to open the quoted message at column 1"
    );
    assert_eq!(
        decode_error(Format::Quoted, b"\"ab\n"),
        "record 1: missing closing '\"' at column 4"
    );
    assert_eq!(
        decode_error(Format::Quoted, b"\"\\q\"\n"),
        "record 1: unknown escape '\\q' at column 2"
    );
}

#[test]
fn msgpack_input_takes_bin_and_str_and_rejects_other_objects() {
    let input = [0xa2, b'h', b'i', 0xc4, 1, b'x', 0xd9, 0, 0xc5, 0, 1, b'y'];
    assert_eq!(
        decode_all(Format::Msgpack, b'\n', &input).unwrap(),
        vec![b"hi".to_vec(), b"x".to_vec(), vec![], b"y".to_vec()]
    );
    assert_eq!(
        decode_error(Format::Msgpack, &[0xc4, 1, b'x', 0x92]),
        "record 2: expected a msgpack bin or str object, found marker 0x92 at column 1"
    );
}

#[test]
fn msgpack_records_with_fields_read_back_as_their_messages() {
    let encoder = Encoder::new(Format::Msgpack, b'\n', false);
    let mut input = Vec::new();
    let fields = [
        ("dir", Field::Text(">")),
        ("seq", Field::Number(7)),
        ("peer", Field::Nil),
        ("time", Field::Text(&"t".repeat(40))),
    ];
    encoder.encode_record(&fields, b"first", &mut input);
    encoder.encode_record(&[], &[0, 255], &mut input);
    input.extend_from_slice(&encoded(Format::Msgpack, b"plain"));
    // Fields after "data", of every scalar kind, are skipped too.
    input.extend_from_slice(&[0x83, 0xa4, b'd', b'a', b't', b'a', 0xa1, b'z']);
    input.extend_from_slice(&[0xa1, b'a', 0xcb, 0, 0, 0, 0, 0, 0, 0, 0, 0xa1, b'b', 0xc3]);
    assert_eq!(
        decode_all(Format::Msgpack, b'\n', &input).unwrap(),
        vec![
            b"first".to_vec(),
            vec![0, 255],
            b"plain".to_vec(),
            b"z".to_vec()
        ]
    );
    // Every prefix of a record is either incomplete or, whole, the message.
    let mut one = Vec::new();
    encoder.encode_record(&fields, b"first", &mut one);
    for cut in 1..one.len() {
        assert!(decode_error(Format::Msgpack, &one[..cut]).contains("input ends inside"));
    }
}

#[test]
fn msgpack_records_need_string_keys_and_a_data_field() {
    assert_eq!(
        decode_error(Format::Msgpack, &[0x81, 0x01, 0xa1, b'x']),
        "record 1: a msgpack record's keys must be strings at column 2"
    );
    assert_eq!(
        decode_error(Format::Msgpack, &[0x81, 0xa1, b'k', 0xa1, b'x']),
        "record 1: a msgpack map record needs a \"data\" field (bin or str) with the message"
    );
}

#[test]
fn msgpack_header_claiming_4_gib_fails_without_allocating_it() {
    let input = [0xc6, 0xff, 0xff, 0xff, 0xff, 1, 2, 3];
    assert_eq!(
        decode_error(Format::Msgpack, &input),
        "record 1: input ends inside a msgpack object: its header claims 4294967295 bytes, 3 arrived"
    );
}

#[test]
fn raw_input_is_one_message_even_when_empty_of_newlines() {
    assert_eq!(
        decode_all(Format::Raw, b'\n', b"a\nb\n").unwrap(),
        vec![b"a\nb\n".to_vec()]
    );
}

#[test]
fn record_ready_says_whether_reading_would_wait() {
    let mut decoder = Decoder::new(&b"one\ntw"[..], Format::Text, b'\n');
    assert!(!decoder.record_ready());
    assert_eq!(decoder.next_message().unwrap(), Some(&b"one"[..]));
    assert!(!decoder.record_ready());
    assert_eq!(decoder.next_message().unwrap(), Some(&b"tw"[..]));
    assert!(decoder.record_ready());
    assert_eq!(decoder.next_message().unwrap(), None);
}

#[test]
fn json_holds_text_as_data_and_other_bytes_as_base64() {
    assert_eq!(
        encoded(Format::Json, b"hi \"there\"\n\x1b"),
        b"{\"data\":\"hi \\\"there\\\"\\n\\u001b\"}\n"
    );
    assert_eq!(
        encoded(Format::Json, b"\xff\x00"),
        b"{\"base64\":\"/wA=\"}\n"
    );
}

#[test]
fn json_topic_split_round_trips() {
    let json = JsonOptions {
        timestamp: true,
        topic_separator: Some(b": ".to_vec()),
        replay: false,
    };
    let mut out = Vec::new();
    let encoder = Encoder::new(Format::Json, b'\n', false).with_json(json.clone());
    encoder.encode(b"weather: sunny", &mut out);
    encoder.encode(b"no topic", &mut out);
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(
        text.contains("\"topic\":\"weather\",\"data\":\"sunny\""),
        "{text}"
    );
    assert!(text.starts_with("{\"time\":\"20"), "{text}");
    let mut decoder = Decoder::new(&out[..], Format::Json, b'\n').with_json(json);
    assert_eq!(
        decoder.next_message().unwrap(),
        Some(&b"weather: sunny"[..])
    );
    assert_eq!(decoder.next_message().unwrap(), Some(&b"no topic"[..]));
}

#[test]
fn json_input_names_what_is_wrong() {
    assert_eq!(
        decode_error(Format::Json, b"{\"data\": 1}\n"),
        "record 1: \"data\" must be a string"
    );
    // serde_json's own "at line 1 column 2" is left out: the column is said once.
    assert_eq!(
        decode_error(Format::Json, b"{nope\n"),
        "record 1: invalid JSON: key must be a string at column 2"
    );
    assert_eq!(
        decode_error(Format::Json, b"[1]\n"),
        "record 1: expected a JSON object like {\"data\": \"...\"} at column 1"
    );
    assert_eq!(
        decode_error(Format::Json, b"{\"data\":\"\\ud800\"}\n"),
        "record 1: \"data\" holds a \\u escape that is not a character"
    );
}

#[test]
fn json_input_says_a_blank_line_is_not_a_record() {
    assert_eq!(
        decode_error(Format::Json, b"{\"data\":\"a\"}\n \n"),
        "record 2: blank line: expected a JSON object like {\"data\": \"...\"}"
    );
}

#[test]
fn json_error_column_counts_from_the_start_of_a_multi_line_record() {
    let input = b"{\n\"data\": x}\0";
    match decode_all(Format::Json, 0, input) {
        Err(err) => assert_eq!(
            err.to_string(),
            "record 1: invalid JSON: expected value at column 11"
        ),
        Ok(messages) => panic!("expected an error, decoded {messages:?}"),
    }
}

#[test]
fn json_input_unescapes_strings_and_ignores_other_fields() {
    let input = concat!(
        r#"{"time": {"nested": [1, "x"]}, "d\u0061ta": "a\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\"}"#,
        "\n",
        r#"{"base64": "\/w=="}"#,
        "\n",
        r#"{"data": "old", "data": "new"}"#,
        "\n",
    );
    assert_eq!(
        decode_all(Format::Json, b'\n', input.as_bytes()).unwrap(),
        vec![
            "a\u{e9}\u{1f600}/\x08\x0c\n\r\t\"\\".as_bytes().to_vec(),
            vec![0xff],
            b"new".to_vec()
        ]
    );
}

#[test]
fn a_buffer_that_cannot_grow_names_the_size_it_needed() {
    let mut buf = vec![0u8; 10];
    match try_room(&mut buf, usize::MAX) {
        Err(LineError::TooLarge(bytes)) => assert_eq!(bytes, usize::MAX),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let err = DecodeError::TooLarge {
        record: 3,
        bytes: 402_653_184,
    };
    assert_eq!(
        err.to_string(),
        "record 3: too large for memory (could not hold 402653184 bytes)"
    );
}

// Round trips of random messages through every format.
mod properties;

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
