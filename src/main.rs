/*!
nncat: stream messages between stdin/stdout and nanomsg sockets.

This file parses the command line, runs the role, and maps the outcome to an exit code.
*/

use std::process::ExitCode;

use nncat::{cli, exit, report};

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return exit::code(code),
    };
    match nncat::run(cli) {
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
