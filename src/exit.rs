/*!
The exit codes, and the errors whose kind chooses one. Everything else is a runtime
error (1). This table is what README.md and `--help` document.
*/

use std::io;
use std::process::ExitCode;

pub use crate::error::Failure;

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
                Failure::Timeout(..) => (TIMEOUT, true),
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
