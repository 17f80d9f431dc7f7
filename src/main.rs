/*!
nncat: stream messages between stdin/stdout and nanomsg sockets.

This file parses the command line, runs the role, and maps the outcome to an exit code.
*/

mod cli;
mod cmd;
mod exit;
mod format;
mod options;
mod report;
mod signals;
mod socket;

use std::process::ExitCode;

use anyhow::Result;

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return exit::code(code),
    };
    match run(cli) {
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

fn run(cli: cli::Cli) -> Result<()> {
    let plan = options::Plan::from_command(cli.command)?;
    report::set_quiet(plan.quiet);
    signals::install()?;
    cmd::run(&plan)
}
