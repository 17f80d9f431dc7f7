/*!
Hex: two lowercase digits a byte, as `xxd -p -c0` writes them. Input also takes upper
case, white space between bytes, and nanocat's `"\x68\x69"` form.

Digits are encoded and decoded by faster-hex (SIMD, and it checks every digit). It
cannot read white space or nanocat's form and reports only the first bad byte, so
records it refuses take a careful path that can, and that names the column to blame.
*/

use memchr::memchr3;

use super::Invalid;
use super::escape::{INVALID, VALUES, describe_byte, hex_pair};

/// Messages longer than this are encoded (and decoded) a piece at a time through a
/// buffer on the stack, which stays in the cache: making their room in `out` first
/// meant writing it with zeros, a memset as long as the digits (11% of a hex
/// receiver's samples for 1 MiB messages, 3% of a hex sender's).
const PIECE: usize = 4096;

pub fn encode(message: &[u8], out: &mut Vec<u8>) {
    if message.len() <= PIECE {
        let start = out.len();
        out.resize(start + message.len() * 2, 0);
        encode_into(message, out, start);
        return;
    }
    let mut digits = [0u8; 2 * PIECE];
    out.reserve(message.len() * 2);
    for piece in message.chunks(PIECE) {
        let room = &mut digits[..piece.len() * 2];
        if faster_hex::hex_encode(piece, room).is_ok() {
            out.extend_from_slice(room);
        } else {
            encode_by_table(piece, out);
        }
    }
}

/// Encodes `message` into `out[start..]`, which is exactly twice its length.
fn encode_into(message: &[u8], out: &mut Vec<u8>, start: usize) {
    // The room is exactly twice the message, the one thing faster-hex checks; should
    // it refuse anyway, the table writes the same digits.
    if faster_hex::hex_encode(message, &mut out[start..]).is_err() {
        out.truncate(start);
        encode_by_table(message, out);
    }
}

fn encode_by_table(message: &[u8], out: &mut Vec<u8>) {
    for &byte in message {
        out.extend_from_slice(&hex_pair(byte));
    }
}

pub fn decode(line: &[u8], out: &mut Vec<u8>) -> Result<(), Invalid> {
    out.clear();
    if line.first() == Some(&b'"') {
        return decode_nanocat(line, out);
    }
    // Digits only, as nncat and `xxd -p` write them; a file from Windows ends in CR.
    if append_digits(line.strip_suffix(b"\r").unwrap_or(line), out) {
        return Ok(());
    }
    decode_spaced(line, out)
}

/// Appends the bytes `digits` spell if it is nothing but pairs of hex digits; leaves
/// `out` as it was if not.
fn append_digits(digits: &[u8], out: &mut Vec<u8>) -> bool {
    let start = out.len();
    if digits.len() <= 2 * PIECE {
        out.resize(start + digits.len() / 2, 0);
        if faster_hex::hex_decode(digits, &mut out[start..]).is_ok() {
            return true;
        }
        out.truncate(start);
        return false;
    }
    // As `encode` does for a long message: a piece at a time, through the stack.
    if !digits.len().is_multiple_of(2) {
        return false;
    }
    let mut bytes = [0u8; PIECE];
    out.reserve(digits.len() / 2);
    for piece in digits.chunks(2 * PIECE) {
        let room = &mut bytes[..piece.len() / 2];
        if faster_hex::hex_decode(piece, room).is_err() {
            out.truncate(start);
            return false;
        }
        out.extend_from_slice(room);
    }
    true
}

/// Digits with white space between bytes (`68 69`, `xxd`'s groups): each run between
/// spaces is decoded at once. From the first run that fails, the careful path takes
/// over and finds what is wrong.
fn decode_spaced(line: &[u8], out: &mut Vec<u8>) -> Result<(), Invalid> {
    let mut i = 0;
    while i < line.len() {
        let end = memchr3(b' ', b'\t', b'\r', &line[i..]).map_or(line.len(), |at| i + at);
        if !append_digits(&line[i..end], out) {
            return decode_carefully(line, i, out);
        }
        i = end + 1;
    }
    Ok(())
}

/// One byte at a time from `from`, so that an error can name its column.
fn decode_carefully(line: &[u8], from: usize, out: &mut Vec<u8>) -> Result<(), Invalid> {
    let mut i = from;
    while i < line.len() {
        if matches!(line[i], b' ' | b'\t' | b'\r') {
            i += 1;
            continue;
        }
        let high = digit(line, i)?;
        if i + 1 == line.len() {
            return Err(Invalid::at(
                i + 1,
                "odd number of hex digits: the last byte has one",
            ));
        }
        let low = digit(line, i + 1)?;
        out.push(high << 4 | low);
        i += 2;
    }
    Ok(())
}

fn digit(line: &[u8], i: usize) -> Result<u8, Invalid> {
    match VALUES[line[i] as usize] {
        INVALID => Err(Invalid::at(
            i + 1,
            format!("invalid hex digit {}", describe_byte(line[i])),
        )),
        value => Ok(value),
    }
}

/// nanocat's hex form: `"\x68\x69"`; a carriage return after it is ignored, as after a
/// plain hex line.
fn decode_nanocat(line: &[u8], out: &mut Vec<u8>) -> Result<(), Invalid> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let end = line.len().saturating_sub(1);
    if line.len() < 2 || line[end] != b'"' {
        return Err(Invalid::at(line.len() + 1, "missing closing '\"'"));
    }
    let mut i = 1;
    while i < end {
        if line[i] != b'\\' || line.get(i + 1) != Some(&b'x') {
            return Err(Invalid::at(i + 1, "expected '\\x' and two hex digits"));
        }
        if i + 3 > end {
            return Err(Invalid::at(i + 1, "'\\x' needs two hex digits"));
        }
        out.push(digit(line, i + 2)? << 4 | digit(line, i + 3)?);
        i += 4;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The fast paths must say exactly what the careful one says: the same bytes,
        /// or the same column and reason.
        #[test]
        fn fast_paths_agree_with_the_careful_one(
            line in prop::collection::vec(
                // Mostly digits, so that many lines are valid and some fail far in.
                prop_oneof![
                    30 => prop::sample::select(b"0123456789abcdefABCDEF".to_vec()),
                    3 => prop::sample::select(b" \t\r".to_vec()),
                    1 => prop::sample::select(b"g\"\xff".to_vec()),
                ],
                0..200,
            )
        ) {
            // A leading '"' is nanocat's form, which the careful path does not read.
            prop_assume!(line.first() != Some(&b'"'));
            let mut fast = Vec::new();
            let fast_result = decode(&line, &mut fast);
            let mut careful = Vec::new();
            let careful_result = decode_carefully(&line, 0, &mut careful);
            prop_assert_eq!(&fast_result, &careful_result);
            if fast_result.is_ok() {
                prop_assert_eq!(fast, careful);
            }
        }

        /// Long digit runs decoded a piece at a time read back what was encoded, after
        /// what `out` held; one bad digit anywhere leaves `out` as it was.
        #[test]
        fn long_digit_runs_decode_a_piece_at_a_time(
            message in prop::collection::vec(any::<u8>(), PIECE - 2..3 * PIECE + 3),
            before in prop::collection::vec(any::<u8>(), 0..5),
            bad_at in any::<prop::sample::Index>(),
        ) {
            let mut digits = Vec::new();
            encode_by_table(&message, &mut digits);
            let mut decoded = before.clone();
            prop_assert!(append_digits(&digits, &mut decoded));
            prop_assert_eq!(&decoded[before.len()..], &message[..]);
            prop_assert_eq!(&decoded[..before.len()], &before[..]);
            let bad = bad_at.index(digits.len());
            digits[bad] = b'g';
            let mut refused = before.clone();
            prop_assert!(!append_digits(&digits, &mut refused));
            prop_assert_eq!(refused, before);
            prop_assert!(!append_digits(&digits[1..], &mut Vec::new()), "an odd count");
        }

        /// Messages encoded a piece at a time (longer than `PIECE`) come out as the
        /// table writes them, after what `out` held.
        #[test]
        fn long_messages_encode_as_the_table_does(
            message in prop::collection::vec(any::<u8>(), PIECE - 2..3 * PIECE + 3),
            before in prop::collection::vec(any::<u8>(), 0..5),
        ) {
            let mut encoded = before.clone();
            encode(&message, &mut encoded);
            let mut by_table = before;
            encode_by_table(&message, &mut by_table);
            prop_assert_eq!(encoded, by_table);
        }
    }
}
