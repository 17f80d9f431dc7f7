/*!
JSON records both ways: text as "data" and other bytes as base64, the topic split, and
what the decoder names when a record is wrong. JSON has the most options of the
formats, so its tests are a file of their own.
*/

use super::*;

#[test]
fn json_escapes_bidi_controls() {
    assert_eq!(
        encoded(Format::Json, "\u{202a}x\u{2066}".as_bytes()),
        b"{\"data\":\"\\u202ax\\u2066\"}\n"
    );
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
