/*!
ASCII, as nanocat prints it: every byte that C's `isprint` rejects becomes '.'. nanocat
calls `isprint` on a signed char, so every byte from 0x80 up is '.' too.
*/

pub fn encode(message: &[u8], out: &mut Vec<u8>) {
    out.extend(message.iter().map(|&b| match b {
        0x20..=0x7e => b,
        _ => b'.',
    }));
}
