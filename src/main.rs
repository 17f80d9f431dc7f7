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
    let result = nncat::run(cli);
    let (code, say) = exit::of(&result);
    if say && let Err(err) = &result {
        report::error(&format!("{err:#}"));
    }
    exit::code(code)
}
