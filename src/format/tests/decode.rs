/*!
Reading records back: hex, quoted, msgpack and raw input, what each says about a bad
record, and the decoder's word on whether the next read would wait. Kept apart from the
output tests in `mod.rs` so each file is one side of the formats.
*/

use super::*;

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
fn hex_input_in_nanocat_s_form_ignores_a_carriage_return_as_the_plain_form_does() {
    assert_eq!(
        decode_all(Format::Hex, b'\n', b"\"\\x68\\x69\"\r\n6869\r\n").unwrap(),
        vec![b"hi".to_vec(), b"hi".to_vec()]
    );
}

#[test]
fn quoted_input_takes_c_escapes() {
    assert_eq!(
        decode_all(Format::Quoted, b'\n', b"\"a\\tb\\0\\x41\\\"\"\n\"\"\n").unwrap(),
        vec![b"a\tb\0A\"".to_vec(), vec![]]
    );
    // C's octal escapes: one to three digits, the fourth a plain digit.
    assert_eq!(
        decode_all(Format::Quoted, b'\n', b"\"\\012\\101\\0\\7\\1234\\377\"\n").unwrap(),
        vec![b"\nA\0\x07S4\xff".to_vec()]
    );
    assert_eq!(
        decode_error(Format::Quoted, b"\"\\400\"\n"),
        "record 1: octal escape '\\400' is over 255 (\\377) at column 2"
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
    assert_eq!(
        decode_error(Format::Quoted, b"\"a\\ b\"\n"),
        "record 1: unknown escape: '\\' before byte 0x20 at column 3"
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
