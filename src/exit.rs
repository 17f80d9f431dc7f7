/*!
The exit codes, and the errors whose kind chooses one. Everything else is a runtime
error (1). This table is what README.md and `--help` document.
*/

use std::io;
use std::process::ExitCode;

use crate::format::DecodeError;

pub const SUCCESS: u8 = 0;
pub const RUNTIME: u8 = 1;
pub const USAGE: u8 = 2;
pub const TIMEOUT: u8 = 3;
pub const BAD_INPUT: u8 = 4;

/// The part of `--help` that lists the exit codes.
pub const TABLE: &str = "\
Exit codes:
  0    success; also a receiver ended by --recv-timeout with no --count, and a closed stdout
  1    runtime error: socket, file or I/O failure
  2    usage error: bad option, or an address nanomsg cannot parse
  3    timeout: no peer, no reply within --recv-timeout, fewer than --count messages
  4    input that does not parse in the input format (the records before it were sent)
  130  interrupted by SIGINT; 143 by SIGTERM (stdout is flushed first)";

/// Errors whose kind sets the exit code.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Timeout(String),
    #[error("{0}")]
    BadInput(String),
    /// A signal ended the run; nothing is printed for it.
    #[error("interrupted")]
    Interrupted,
}

impl Failure {
    /// A decode error becomes bad input (exit 4); a read error, or a record too large
    /// for memory, stays a runtime error.
    pub fn from_decode(err: DecodeError) -> anyhow::Error {
        match err {
            DecodeError::Io(err) => anyhow::Error::new(err).context("cannot read stdin"),
            too_large @ DecodeError::TooLarge { .. } => anyhow::anyhow!("stdin {too_large}"),
            invalid => Failure::BadInput(format!("stdin {invalid}")).into(),
        }
    }
}

/// What the process should do for an error: the exit code, and whether to say anything.
pub fn classify(err: &anyhow::Error) -> (u8, bool) {
    for cause in err.chain() {
        if let Some(failure) = cause.downcast_ref::<Failure>() {
            return match failure {
                Failure::Usage(_) => (USAGE, true),
                Failure::Timeout(_) => (TIMEOUT, true),
                Failure::BadInput(_) => (BAD_INPUT, true),
                Failure::Interrupted => (crate::signals::exit_code(), false),
            };
        }
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            // A reader that went away (`nncat sub | head -1`) is the Unix way to stop.
            if io.kind() == io::ErrorKind::BrokenPipe {
                return (SUCCESS, false);
            }
        }
    }
    (RUNTIME, true)
}

pub fn code(value: u8) -> ExitCode {
    ExitCode::from(value)
}
