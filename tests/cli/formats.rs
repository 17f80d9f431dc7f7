//! Every format in and out, through a real push/pull pair: random binary messages go in
//! as records of one format and must come out as the same records, byte for byte.

use crate::harness::*;

/// Sends `input` through `nncat push <in_args>` to `nncat pull <out_args> --count N`
/// and returns the puller's stdout.
fn through_socket(in_args: &[&str], out_args: &[&str], count: usize, input: &[u8]) -> Vec<u8> {
    let url = tcp_url();
    let count = count.to_string();
    let mut pull = vec!["pull", "--bind", &url, "--count", &count];
    pull.extend_from_slice(out_args);
    let puller = Running::start_without_stdin(nncat(pull));
    wait_bound(&url);
    let mut push = vec!["push", "--connect", &url];
    push.extend_from_slice(in_args);
    run_with_input(nncat(push), input).success();
    puller.finish().success().stdout
}

/// Asserts that `input` comes out of the socket pair unchanged, in one format.
fn round_trip(format_args: &[&str], count: usize, input: &[u8]) {
    let out = through_socket(format_args, format_args, count, input);
    assert!(
        out == input,
        "{format_args:?}: {} bytes in, {} out; first difference at byte {:?}",
        input.len(),
        out.len(),
        out.iter().zip(input).position(|(a, b)| a != b)
    );
}

/// Lengths that cross msgpack's bin8/bin16/bin32 boundaries.
fn with_long_messages(mut messages: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    for (seed, len) in [
        (901, 255),
        (902, 256),
        (903, 65_535),
        (904, 65_536),
        (905, 200_000),
    ] {
        messages.push(random_bytes(seed, len));
    }
    messages
}

#[test]
fn quoted_round_trips_random_binary_messages() {
    let messages = with_long_messages(random_messages(11, 200, 300));
    round_trip(
        &["--format", "quoted"],
        messages.len(),
        &quoted_lines(&messages),
    );
}

#[test]
fn quoted_shorthand_q_round_trips_too() {
    let messages = random_messages(12, 50, 80);
    round_trip(&["-Q"], messages.len(), &quoted_lines(&messages));
}

#[test]
fn hex_round_trips_random_binary_messages() {
    let messages = with_long_messages(random_messages(21, 200, 300));
    round_trip(&["--hex"], messages.len(), &hex_lines(&messages));
}

#[test]
fn msgpack_round_trips_random_binary_messages_of_every_length_class() {
    let messages = with_long_messages(random_messages(31, 200, 300));
    round_trip(&["--msgpack"], messages.len(), &msgpack_stream(&messages));
}

#[test]
fn text_round_trips_messages_without_newlines() {
    let messages: Vec<Vec<u8>> = random_messages(41, 200, 300)
        .into_iter()
        .map(|m| m.into_iter().filter(|&b| b != b'\n').collect())
        .collect();
    let mut input = Vec::new();
    for message in &messages {
        input.extend_from_slice(message);
        input.push(b'\n');
    }
    round_trip(&["--format", "text"], messages.len(), &input);
}

#[test]
fn null_separated_text_round_trips_messages_with_newlines() {
    let messages: Vec<Vec<u8>> = random_messages(51, 200, 300)
        .into_iter()
        .map(|m| m.into_iter().filter(|&b| b != 0).collect())
        .collect();
    assert!(messages.iter().any(|m| m.contains(&b'\n')));
    let mut input = Vec::new();
    for message in &messages {
        input.extend_from_slice(message);
        input.push(0);
    }
    round_trip(&["-0"], messages.len(), &input);
    round_trip(&["--null"], messages.len(), &input);
}

#[test]
fn null_separated_hex_and_quoted_end_records_with_nul() {
    let messages = random_messages(52, 30, 50);
    let hex = hex_lines(&messages)
        .iter()
        .map(|&b| if b == b'\n' { 0 } else { b })
        .collect::<Vec<_>>();
    round_trip(&["--hex", "-0"], messages.len(), &hex);
    let quoted: Vec<u8> = quoted_lines(&messages)
        .iter()
        .map(|&b| if b == b'\n' { 0 } else { b })
        .collect();
    round_trip(&["-Q", "-0"], messages.len(), &quoted);
}

#[test]
fn raw_sends_all_of_stdin_as_one_message_and_prints_it_without_delimiter() {
    let mut message = random_bytes(61, 300_000);
    message.extend_from_slice(b"\n\n\0trailing newline\n");
    round_trip(&["--raw"], 1, &message);
}

#[test]
fn ascii_output_shows_nonprintable_bytes_as_dots() {
    let sample = b"hi\n\"\\\x00\xff\x09\x0d".to_vec();
    let out = through_socket(
        &["--hex"],
        &["-A"],
        2,
        &hex_lines(&[sample, b"plain text".to_vec()]),
    );
    assert_eq!(out, b"hi.\"\\....\nplain text\n");
}

#[test]
fn ascii_output_turns_every_byte_from_0x80_up_into_a_dot() {
    let all: Vec<u8> = (0..=255u8).collect();
    let out = through_socket(
        &["--hex"],
        &["--format", "ascii"],
        1,
        &hex_lines(std::slice::from_ref(&all)),
    );
    let expected: Vec<u8> = all
        .iter()
        .map(|&b| if (0x20..0x7f).contains(&b) { b } else { b'.' })
        .chain([b'\n'])
        .collect();
    assert_eq!(out, expected);
}

#[test]
fn ascii_input_reads_lines_as_text() {
    let out = through_socket(&["-A"], &["--hex"], 2, b"hi there\n\x01\xfe\n");
    assert_eq!(out, b"6869207468657265\n01fe\n");
}

#[test]
fn quoted_output_matches_nanocats_form_for_the_sample_message() {
    let sample = b"hi\n\"\\\x00\xff\x09\x0d".to_vec();
    let out = through_socket(&["--hex"], &["-Q"], 1, &hex_lines(&[sample]));
    assert_eq!(out, b"\"hi\\n\\\"\\\\\\x00\\xff\\x09\\r\"\n".to_vec());
}

#[test]
fn in_format_and_out_format_can_differ_between_sender_and_receiver() {
    let messages = random_messages(71, 100, 200);
    let out = through_socket(
        &["--in-format", "quoted"],
        &["--out-format", "hex"],
        100,
        &quoted_lines(&messages),
    );
    assert_eq!(out, hex_lines(&messages));
    let out = through_socket(
        &["--format", "hex"],
        &["--format", "msgpack"],
        100,
        &hex_lines(&messages),
    );
    assert_eq!(out, msgpack_stream(&messages));
}

#[test]
fn one_process_reads_one_format_and_prints_another() {
    let url = tcp_url();
    let replier = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo"]));
    wait_bound(&url);
    let messages = random_messages(72, 40, 100);
    let out = run_with_input(
        nncat([
            "req",
            "--connect",
            &url,
            "--in-format",
            "hex",
            "--out-format",
            "quoted",
        ]),
        &hex_lines(&messages),
    )
    .success();
    assert_eq!(out.stdout, quoted_lines(&messages));
    drop(replier);
}

#[test]
fn hex_input_accepts_upper_case_spaces_and_nanocats_quoted_form() {
    let input = b"4869\nDE AD be ef\n\"\\x68\\x69\"\n";
    let out = through_socket(&["--hex"], &["--hex"], 3, input);
    assert_eq!(out, b"4869\ndeadbeef\n6869\n");
}

#[test]
fn msgpack_input_accepts_str_objects() {
    let mut input = vec![0xa2, b'h', b'i'];
    input.extend_from_slice(&[0xd9, 3, b'a', b'b', b'c']);
    input.extend_from_slice(&[0xda, 0, 1, b'z']);
    let out = through_socket(&["--msgpack"], &["--hex"], 3, &input);
    assert_eq!(out, b"6869\n616263\n7a\n");
}

#[test]
fn quoted_input_accepts_c_escapes_that_nanocat_does_not_write() {
    let input = b"\"tab\\there\\0\\a\"\n";
    let out = through_socket(&["-Q"], &["--hex"], 1, input);
    assert_eq!(out, b"74616209686572650007\n");
}
