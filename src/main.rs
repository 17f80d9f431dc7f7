/*!
nncat: stream messages between stdin/stdout and nanomsg sockets.

This file parses the command line, runs the role, and maps the outcome to an exit code.
*/

use std::process::ExitCode;

use nncat::{cli, exit, report, signals};

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return exit::code(code),
    };
    let result = nncat::run(cli);
    // A signal that arrived as the run was ending anyway (Ctrl-C on `producer | nncat`
    // also ends the producer's output) still reports the signal.
    if signals::received().is_some() {
        return exit::code(signals::exit_code());
    }
    match result {
        Ok(()) => exit::code(exit::SUCCESS),
        Err(err) => {
            let (code, say) = exit::classify(&err);
            if say {
                report::error(&format!("{err:#}"));
            }
            exit::code(code)
        }
    }
}
