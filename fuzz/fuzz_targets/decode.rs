//! Every input decoder on arbitrary bytes: the first byte picks the format and the
//! separator, the rest is the input. Decoding must end (a message, the end, or an
//! error) without a panic and without allocating more than the input can justify.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nncat::format::{Decoder, Format};

const FORMATS: [Format; 6] = [
    Format::Text,
    Format::Quoted,
    Format::Hex,
    Format::Msgpack,
    Format::Json,
    Format::Raw,
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let format = FORMATS[selector as usize % FORMATS.len()];
    let separator = if selector & 0x80 != 0 { 0 } else { b'\n' };
    let mut decoder = Decoder::new(input, format, separator);
    let mut total = 0usize;
    while let Ok(Some(message)) = decoder.next_message() {
        // A message cannot be longer than the input that encoded it.
        total += message.len();
        assert!(total <= input.len(), "decoded more bytes than arrived");
    }
});
