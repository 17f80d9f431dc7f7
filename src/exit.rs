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
  1    runtime error: socket, file or I/O failure; an --exec command failed (even if a
       signal then ended the run)
  2    usage error: bad option, an address nanomsg cannot parse, an --exec command not
       found or not executable
  3    timeout: no peer, no reply within --recv-timeout, fewer than --count messages
  4    input that does not parse in the input format (the records before it were sent)
  129  ended by SIGHUP (the terminal went away); 130 by SIGINT; 143 by SIGTERM
       (stdout is flushed first)";

/// Errors whose kind sets the exit code.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Timeout(String),
    #[error("{0}")]
    BadInput(String),
    /// rep --exec: commands failed while the run went on; it ends with exit 1, even
    /// when a signal ended it.
    #[error("{0}")]
    ExecFailed(String),
    /// A signal ended the run; nothing is printed for it. Built only where a signal
    /// was received, so that the exit code is the signal's.
    #[error("interrupted by signal {0}")]
    Interrupted(i32),
    /// nncat woke its own blocked calls (tap or pair ending once one side is done):
    /// the run ends as it would have anyway.
    #[error("stopped")]
    Stopped,
    /// The run failed and has said why on lines of its own (probe): exit 1, nothing more.
    #[error("failed")]
    Reported,
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

/// The exit code for the run's result, and whether to print its error. A signal that
/// arrived as the run was ending anyway (Ctrl-C on `producer | nncat` also ends the
/// producer's output) still reports the signal, unless an --exec command had failed.
pub fn of(result: &anyhow::Result<()>) -> (u8, bool) {
    let exec_failed = result.as_ref().err().is_some_and(|err| {
        err.downcast_ref::<Failure>()
            .is_some_and(|failure| matches!(failure, Failure::ExecFailed(_)))
    });
    if crate::signals::received().is_some() && !exec_failed {
        return (crate::signals::exit_code(), false);
    }
    match result {
        Ok(()) => (SUCCESS, false),
        Err(err) => classify(err),
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
                Failure::ExecFailed(_) => (RUNTIME, true),
                Failure::Interrupted(signal) => (128u8.saturating_add(*signal as u8), false),
                Failure::Stopped => (SUCCESS, false),
                Failure::Reported => (RUNTIME, false),
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
