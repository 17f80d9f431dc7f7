/*!
Base64, as JSON records carry bytes that are not UTF-8 (`{"base64": "..."}`): standard
alphabet, padded, nothing else accepted.

Long runs go through a buffer on the stack a piece at a time, as hex's do
(`hex::PIECE`): making their room in `out` first meant writing zeros over it, and the
engine's own `encode` made a string of its own for every message. A piece is a whole
number of 3-byte groups, so only the last one is padded.
*/

use ::base64::engine::general_purpose::STANDARD;
use ::base64::{DecodeSliceError, Engine};

const PIECE: usize = 3 * 1024;
const PIECE_CHARS: usize = PIECE / 3 * 4;

/// Appends the base64 of `bytes`.
pub fn encode(bytes: &[u8], out: &mut Vec<u8>) {
    let mut chars = [0u8; PIECE_CHARS];
    out.reserve(bytes.len().div_ceil(3) * 4);
    for piece in bytes.chunks(PIECE) {
        match STANDARD.encode_slice(piece, &mut chars) {
            Ok(len) => out.extend_from_slice(&chars[..len]),
            // The room fits a piece exactly; should the engine refuse it anyway, its
            // own string holds the same characters.
            Err(_) => out.extend_from_slice(STANDARD.encode(piece).as_bytes()),
        }
    }
}

/// Appends the bytes `encoded` means; on an error, `out` is as it was.
pub fn decode(encoded: &[u8], out: &mut Vec<u8>) -> Result<(), DecodeSliceError> {
    if decode_in_pieces(encoded, out) {
        return Ok(());
    }
    let start = out.len();
    out.resize(start + ::base64::decoded_len_estimate(encoded.len()), 0);
    match STANDARD.decode_slice(encoded, &mut out[start..]) {
        Ok(len) => {
            out.truncate(start + len);
            Ok(())
        }
        Err(err) => {
            out.truncate(start);
            Err(err)
        }
    }
}

/// Appends what valid base64 longer than one piece means, and says whether it did.
/// Anything else (a short run, a bad character, padding before the end) is left to the
/// whole run's decoding, whose error says what is wrong; `out` is then as it was.
fn decode_in_pieces(encoded: &[u8], out: &mut Vec<u8>) -> bool {
    if encoded.len() <= PIECE_CHARS {
        return false;
    }
    let start = out.len();
    let mut bytes = [0u8; PIECE];
    out.reserve(encoded.len() / 4 * 3);
    let mut pieces = encoded.chunks(PIECE_CHARS).peekable();
    while let Some(piece) = pieces.next() {
        // A piece can be valid alone and not as a part: padding ends the whole run.
        let padded_early = pieces.peek().is_some() && piece.last() == Some(&b'=');
        match STANDARD.decode_slice(piece, &mut bytes) {
            Ok(len) if !padded_early => out.extend_from_slice(&bytes[..len]),
            _ => {
                out.truncate(start);
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The whole run decoded at once, as before the pieces: what they must equal.
    fn whole(encoded: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = vec![0; ::base64::decoded_len_estimate(encoded.len())];
        let len = STANDARD
            .decode_slice(encoded, &mut out)
            .map_err(|err| err.to_string())?;
        out.truncate(len);
        Ok(out)
    }

    proptest! {
        /// Any length, across the pieces' edges: the same characters as the engine
        /// writes for the whole message, after what `out` held.
        #[test]
        fn encodes_as_the_engine_does(
            message in prop::collection::vec(any::<u8>(), 0..3 * PIECE + 5),
            before in prop::collection::vec(any::<u8>(), 0..5),
        ) {
            let mut out = before.clone();
            encode(&message, &mut out);
            prop_assert_eq!(&out[..before.len()], &before[..]);
            let expected = STANDARD.encode(&message);
            prop_assert_eq!(&out[before.len()..], expected.as_bytes());
        }

        /// What is encoded reads back; one character changed anywhere (padding early,
        /// a character outside the alphabet, another letter) gives what the whole run's
        /// decoding gives, bytes or refusal, and a refusal leaves `out` as it was.
        #[test]
        fn decodes_as_the_engine_does(
            message in prop::collection::vec(any::<u8>(), 0..3 * PIECE + 5),
            before in prop::collection::vec(any::<u8>(), 0..5),
            at in any::<prop::sample::Index>(),
            into in prop::sample::select(vec![b'=', b'!', b'A', b'/', b'+', b'\n']),
        ) {
            let mut encoded = Vec::new();
            encode(&message, &mut encoded);
            let mut out = before.clone();
            prop_assert!(decode(&encoded, &mut out).is_ok());
            prop_assert_eq!(&out[before.len()..], &message[..]);
            prop_assert_eq!(&out[..before.len()], &before[..]);
            if encoded.is_empty() {
                return Ok(());
            }
            let changed = at.index(encoded.len());
            encoded[changed] = into;
            let mut out = before.clone();
            match (decode(&encoded, &mut out), whole(&encoded)) {
                (Ok(()), Ok(bytes)) => prop_assert_eq!(&out[before.len()..], &bytes[..]),
                (Err(err), Err(expected)) => {
                    prop_assert_eq!(err.to_string(), expected);
                    prop_assert_eq!(out, before);
                }
                (got, expected) => prop_assert!(false, "{:?} against {:?}", got, expected),
            }
        }
    }

    /// Two pieces' worth that a padded first piece ends early is refused, as the whole
    /// run is: each piece alone would decode.
    #[test]
    fn padding_at_the_end_of_a_piece_before_the_last_is_refused() {
        let mut encoded = STANDARD.encode([7u8; PIECE - 1]).into_bytes();
        assert_eq!(encoded.len(), PIECE_CHARS);
        assert_eq!(encoded.last(), Some(&b'='));
        encoded.extend_from_slice(STANDARD.encode([9u8; 30]).as_bytes());
        let mut out = vec![1];
        assert!(decode(&encoded, &mut out).is_err());
        assert!(whole(&encoded).is_err());
        assert_eq!(out, [1]);
    }
}
