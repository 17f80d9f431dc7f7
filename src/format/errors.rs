/*!
What can go wrong reading a record: a format's complaint (`Invalid`), one record's
failure before its number is known (`LineError`), and the error the caller sees with
the record's number (`DecodeError`). Buffers grow by `try_room`, so a record too large
for memory is one of these errors, not an abort.
*/

use std::fmt;
use std::io;

/// Why an input record could not be read as a message.
#[derive(Debug)]
pub enum DecodeError {
    /// The input could not be read at all.
    Io(io::Error),
    /// A record is not valid in its format; `record` counts from 1.
    Invalid {
        record: u64,
        column: Option<usize>,
        reason: String,
    },
    /// Holding the record needed a buffer of `bytes`, which could not be allocated.
    TooLarge { record: u64, bytes: usize },
    /// `--replay`: the record has no "time" to be sent at.
    Untimed { record: u64 },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Io(err) => write!(f, "cannot read input: {err}"),
            DecodeError::Invalid {
                record,
                column: Some(column),
                reason,
            } => write!(f, "record {record}: {reason} at column {column}"),
            DecodeError::Invalid {
                record,
                column: None,
                reason,
            } => write!(f, "record {record}: {reason}"),
            DecodeError::TooLarge { record, bytes } => write!(
                f,
                "record {record}: too large for memory (could not hold {bytes} bytes)"
            ),
            DecodeError::Untimed { record } => write!(
                f,
                "record {record} has no \"time\": --replay sends each record at its time (record them with pull --format json --timestamp, or tap --format json)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DecodeError::Io(err) => Some(err),
            DecodeError::Invalid { .. }
            | DecodeError::TooLarge { .. }
            | DecodeError::Untimed { .. } => None,
        }
    }
}

impl From<io::Error> for DecodeError {
    fn from(err: io::Error) -> DecodeError {
        DecodeError::Io(err)
    }
}

/// A format's complaint about one record, before the record number is known.
#[derive(Debug, PartialEq, Eq)]
pub struct Invalid {
    /// 1-based byte column in the record, where one position is to blame.
    pub column: Option<usize>,
    pub reason: String,
}

impl Invalid {
    pub fn at(column: usize, reason: impl Into<String>) -> Invalid {
        Invalid {
            column: Some(column),
            reason: reason.into(),
        }
    }

    pub fn whole(reason: impl Into<String>) -> Invalid {
        Invalid {
            column: None,
            reason: reason.into(),
        }
    }
}

/// Why one record could not be read: the input failed, the record is invalid, or a
/// buffer of this many bytes, needed to hold it, could not be allocated.
#[derive(Debug)]
pub enum LineError {
    Io(io::Error),
    Invalid(Invalid),
    TooLarge(usize),
}

impl LineError {
    /// The error as the caller sees it, with the number of the record it is in.
    pub(super) fn at_record(self, record: u64) -> DecodeError {
        match self {
            LineError::Io(err) => DecodeError::Io(err),
            LineError::Invalid(err) => DecodeError::Invalid {
                record,
                column: err.column,
                reason: err.reason,
            },
            LineError::TooLarge(bytes) => DecodeError::TooLarge { record, bytes },
        }
    }
}

/// Makes room for `additional` more bytes in `buf`, or says how large `buf` would have
/// had to be. `Vec`'s own growth aborts the process when memory runs out.
pub(super) fn try_room(buf: &mut Vec<u8>, additional: usize) -> Result<(), LineError> {
    buf.try_reserve(additional)
        .map_err(|_| LineError::TooLarge(buf.len().saturating_add(additional)))
}
