use proptest::prelude::*;

use super::*;

fn any_messages() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(prop::collection::vec(any::<u8>(), 0..300), 0..20)
}

fn round_trip(format: Format, separator: u8, messages: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let encoder = Encoder::new(format, separator, false);
    let mut stream = Vec::new();
    for message in messages {
        encoder.encode(message, &mut stream);
    }
    decode_all(format, separator, &stream).expect("nncat reads back what it wrote")
}

proptest! {
    #[test]
    fn quoted_hex_and_msgpack_read_back_what_they_write(messages in any_messages(), nul in any::<bool>()) {
        let separator = if nul { 0 } else { b'\n' };
        for format in [Format::Quoted, Format::Hex, Format::Msgpack, Format::Json] {
            prop_assert_eq!(round_trip(format, separator, &messages), messages.clone());
        }
    }

    #[test]
    fn json_reads_back_any_text(texts in prop::collection::vec(any::<String>(), 0..20)) {
        let messages: Vec<Vec<u8>> = texts.into_iter().map(String::into_bytes).collect();
        prop_assert_eq!(round_trip(Format::Json, b'\n', &messages), messages);
    }

    #[test]
    fn text_reads_back_messages_without_the_separator(
        messages in prop::collection::vec(prop::collection::vec(1u8..=255, 0..300), 1..20)
    ) {
        // Messages free of NUL go through text with -0 unchanged.
        prop_assert_eq!(round_trip(Format::Text, 0, &messages), messages);
    }

    #[test]
    fn raw_reads_back_one_message(message in prop::collection::vec(any::<u8>(), 1..2000)) {
        prop_assert_eq!(round_trip(Format::Raw, b'\n', std::slice::from_ref(&message)), vec![message]);
    }

    #[test]
    fn tap_records_in_both_machine_formats_read_back_as_their_messages(
        messages in any_messages(),
        peer in ".{0,300}",
        seq in any::<u64>(),
    ) {
        for format in [Format::Msgpack, Format::Json] {
            let encoder = Encoder::new(format, b'\n', false);
            let mut records = Vec::new();
            for message in &messages {
                let fields = [
                    ("dir", Field::Text(">")),
                    ("seq", Field::Number(seq)),
                    ("peer", Field::Text(&peer)),
                    ("reply_to", Field::Nil),
                ];
                encoder.encode_record(&fields, message, &mut records);
            }
            let decoded = decode_all(format, b'\n', &records).map_err(|err| {
                TestCaseError::fail(format!("{format:?}: {err}"))
            })?;
            prop_assert_eq!(&decoded, &messages);
        }
    }

    #[test]
    fn msgpack_maps_of_arbitrary_bytes_never_panic(
        entries in 0u8..16,
        input in prop::collection::vec(any::<u8>(), 0..500),
    ) {
        let mut map = vec![0x80 | entries];
        map.extend_from_slice(&input);
        let _ = decode_all(Format::Msgpack, b'\n', &map);
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_input(input in prop::collection::vec(any::<u8>(), 0..500)) {
        for format in [Format::Text, Format::Quoted, Format::Hex, Format::Msgpack, Format::Raw, Format::Json] {
            let _ = decode_all(format, b'\n', &input);
        }
    }
}

/// Every encoder, in every mode, for `max_encoded_len`'s checks.
fn every_encoder() -> Vec<Encoder> {
    let mut encoders = Vec::new();
    for format in [
        Format::Text,
        Format::Ascii,
        Format::Quoted,
        Format::Hex,
        Format::Msgpack,
        Format::Raw,
        Format::Json,
    ] {
        for escape_controls in [false, true] {
            encoders.push(Encoder::new(format, b'\n', escape_controls));
        }
    }
    encoders.push(
        Encoder::new(Format::Json, b'\n', false).with_json(JsonOptions {
            timestamp: true,
            topic_separator: Some(b" ".to_vec()),
            replay: false,
        }),
    );
    encoders
}

fn assert_within_bound(message: &[u8]) {
    for encoder in every_encoder() {
        let mut out = Vec::new();
        encoder.encode(message, &mut out);
        assert!(
            out.len() <= encoder.max_encoded_len(message.len()),
            "{encoder:?} wrote {} bytes for {message:?}",
            out.len()
        );
    }
}

#[test]
fn encoders_stay_within_max_encoded_len_on_their_worst_input() {
    // Control bytes (JSON's \u00XX), C1 controls in UTF-8 (text's \xc2\x80), bytes
    // that are not UTF-8, and a topic before them.
    assert_within_bound(&[0x01; 300]);
    assert_within_bound(&"\u{80}".repeat(300).into_bytes());
    assert_within_bound(&[0xff; 300]);
    assert_within_bound(b"topic \x01\x02\x03\"\\");
    assert_within_bound(b"");
}

proptest! {
    #[test]
    fn encoders_stay_within_max_encoded_len(message in prop::collection::vec(any::<u8>(), 0..600)) {
        assert_within_bound(&message);
    }
}
