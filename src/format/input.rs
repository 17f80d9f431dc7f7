/*!
A read buffer that hands out records as slices of itself.

`BufReader` cannot be used here: it has no way to return a line that is longer than its
buffer as one slice, and no way to ask whether a whole record is already buffered.
*/

use std::io::{ErrorKind, Read};

use memchr::memchr;

use super::{LineError, try_room};

/// Large enough that a stream of short lines costs one read per thousand records.
const INITIAL_CAPACITY: usize = 64 * 1024;

pub struct InputBuffer<R> {
    reader: R,
    buf: Vec<u8>,
    /// Bytes before `start` were handed out already.
    start: usize,
    /// Bytes from `start` to `end` are read and not yet handed out.
    end: usize,
    /// How far from `start` a separator is known to be absent, so a long line is not
    /// scanned again from its beginning after every read.
    scanned: usize,
    /// The length of the last line handed out, which decides when to shrink.
    last_record: usize,
    eof: bool,
}

impl<R: Read> InputBuffer<R> {
    pub fn new(reader: R) -> InputBuffer<R> {
        InputBuffer {
            reader,
            buf: vec![0; INITIAL_CAPACITY],
            start: 0,
            end: 0,
            scanned: 0,
            last_record: 0,
            eof: false,
        }
    }

    pub fn reader(&self) -> &R {
        &self.reader
    }

    pub fn buffered(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    pub fn at_end(&self) -> bool {
        self.eof && self.start == self.end
    }

    /// Reads once more, making room first. Returns how many bytes arrived (0 at the end).
    pub(super) fn fill(&mut self) -> Result<usize, LineError> {
        if self.eof {
            return Ok(0);
        }
        if self.end == self.buf.len() {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            } else {
                // Grow only when the buffer is full of real data, so a length claimed
                // by the input can never make us allocate much more than arrived: by a
                // quarter, which keeps a 64 MiB record at 80 MiB resident, not 128.
                // Large blocks grow in place (glibc's realloc remaps them), so the
                // smaller step costs no copying.
                let len = self.buf.len();
                let step = (len / 4).max(INITIAL_CAPACITY);
                try_room(&mut self.buf, step)?;
                self.buf.resize(len + step, 0);
            }
        } else if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
        loop {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(0);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(n);
                }
                Err(err) if err.kind() == ErrorKind::Interrupted => continue,
                Err(err) => return Err(LineError::Io(err)),
            }
        }
    }

    /// Returns to a small buffer once records are short again, so one 100 MB line does
    /// not keep 100 MB resident for the rest of a stream; while records stay long, the
    /// buffer stays grown instead of being shrunk and grown again for each one.
    fn shrink_if_idle(&mut self) {
        let big = self.buf.len() > INITIAL_CAPACITY
            && self.buf.len() > self.last_record.saturating_mul(4)
            && self.end - self.start <= INITIAL_CAPACITY / 2;
        if big {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            self.buf.truncate(INITIAL_CAPACITY);
            self.buf.shrink_to_fit();
        }
    }

    fn find_separator(&mut self, separator: u8) -> Option<usize> {
        let unread = &self.buf[self.start + self.scanned..self.end];
        match memchr(separator, unread) {
            Some(at) => Some(self.scanned + at),
            None => {
                self.scanned = self.end - self.start;
                None
            }
        }
    }

    /// Whether a whole line (or the end of input) is buffered.
    pub fn line_ready(&mut self, separator: u8) -> bool {
        self.eof || self.find_separator(separator).is_some()
    }

    /// The next line without its separator; a last line without one still counts.
    pub fn next_line(&mut self, separator: u8) -> Result<Option<&[u8]>, LineError> {
        self.shrink_if_idle();
        let line_len = loop {
            if let Some(at) = self.find_separator(separator) {
                break Some(at);
            }
            if self.fill()? == 0 {
                break None;
            }
        };
        let begin = self.start;
        self.scanned = 0;
        self.last_record = line_len.unwrap_or(self.end - self.start);
        match line_len {
            Some(len) => {
                self.start += len + 1;
                Ok(Some(&self.buf[begin..begin + len]))
            }
            None if self.start < self.end => {
                self.start = self.end;
                Ok(Some(&self.buf[begin..self.end]))
            }
            None => Ok(None),
        }
    }

    /// Makes at least `n` bytes available unless the input ends first; returns how many are.
    pub fn want(&mut self, n: usize) -> Result<usize, LineError> {
        while self.end - self.start < n {
            if self.fill()? == 0 {
                break;
            }
        }
        Ok(self.end - self.start)
    }

    /// Hands out the next `n` bytes, which `want` has made available.
    pub fn take(&mut self, n: usize) -> &[u8] {
        let begin = self.start;
        self.start += n;
        self.scanned = 0;
        &self.buf[begin..self.start]
    }

    /// Everything up to the end of the input.
    pub fn read_to_end(&mut self) -> Result<&[u8], LineError> {
        while self.fill()? > 0 {}
        let begin = self.start;
        self.start = self.end;
        Ok(&self.buf[begin..self.end])
    }
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;

    /// A reader that returns its input a few bytes at a time, as a pipe does.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(self.data.len()).min(out.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn lines(data: &[u8], step: usize) -> Vec<Vec<u8>> {
        let mut input = InputBuffer::new(Trickle { data, step });
        let mut out = Vec::new();
        while let Some(line) = input.next_line(b'\n').expect("reading from memory") {
            out.push(line.to_vec());
        }
        out
    }

    #[test]
    fn splits_lines_whatever_the_read_size() {
        let data = b"one\n\nthree\nlast without newline";
        for step in [1, 2, 3, 7, 100] {
            assert_eq!(
                lines(data, step),
                vec![
                    b"one".to_vec(),
                    b"".to_vec(),
                    b"three".to_vec(),
                    b"last without newline".to_vec()
                ]
            );
        }
    }

    #[test]
    fn a_line_longer_than_the_buffer_comes_out_whole_and_the_buffer_shrinks_back() {
        let long = vec![b'x'; INITIAL_CAPACITY * 5 + 3];
        let mut data = long.clone();
        data.extend_from_slice(b"\nshort\n");
        let mut input = InputBuffer::new(Trickle {
            data: &data,
            step: 10_000,
        });
        assert_eq!(input.next_line(b'\n').unwrap(), Some(&long[..]));
        assert_eq!(input.next_line(b'\n').unwrap(), Some(&b"short"[..]));
        assert_eq!(input.next_line(b'\n').unwrap(), None);
        assert!(input.buf.len() <= INITIAL_CAPACITY);
    }

    #[test]
    fn want_grows_only_with_data_that_arrived() {
        let data = vec![7u8; 1000];
        let mut input = InputBuffer::new(&data[..]);
        assert_eq!(input.want(4 << 30).unwrap(), 1000);
        assert!(input.buf.len() <= INITIAL_CAPACITY);
    }
}
