/*!
nncat's library: everything but the entry point. Only `main_with` and the formats are
public: the binary needs the one, and the benchmarks and fuzz targets the other.

`unsafe` belongs to libnanomsg's edge alone: it is denied here, and allowed again only
in socket/ on the files and items that call libnanomsg, each block with its SAFETY
comment. Everything else reaches the operating system through rustix and std.
*/

#![deny(unsafe_code, unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

mod boundary;
mod cli;
mod cmd;
mod error;
mod exit;
pub mod format;
mod kind;
mod options;
mod os;
mod probe;
mod report;
mod signals;
mod socket;
mod url;

/// Parses `argv`, runs the command, and says how it ended: the error, once, on stderr,
/// and the exit code from exit.rs's table. (nncat writes to fds 1 and 2 itself, not
/// through handles passed in: received messages go to stdout without a copy, and the
/// signal handler must reach stderr whatever the main thread is doing.)
pub fn main_with(argv: Vec<std::ffi::OsString>) -> std::process::ExitCode {
    let cli = match cli::parse(argv) {
        cli::Parsed::Run(cli) => cli,
        cli::Parsed::Shown => return exit::code(exit::SUCCESS),
        cli::Parsed::Refused => return exit::code(exit::USAGE),
    };
    let result = run(cli);
    let (code, say) = exit::of(&result);
    if say && let Err(err) = &result {
        let reason = err
            .chain()
            .find_map(|cause| cause.downcast_ref::<error::Failure>())
            .map_or(Some(report::Reason::Runtime), error::Failure::reason);
        report::fail(reason, &format!("{err:#}"));
    }
    exit::code(code)
}

/// Runs the command the user typed.
pub fn run(cli: cli::Cli) -> anyhow::Result<()> {
    use std::io::Write;
    let mut plan = match cli.command {
        cli::Command::Socket(command) => options::Plan::from_command(command)?,
        cli::Command::Tap(args) => options::Plan::from_tap(args)?,
        cli::Command::Probe(args) => {
            let plan = options::ProbePlan::from_args(args)?;
            // The probe blocks in std's sockets, with short timeouts: it looks at the
            // signal between them, so there is nothing to wake.
            signals::install(|| {})?;
            socket::handle_signals();
            return cmd::probe::run(&plan);
        }
        cli::Command::Completions { shell } => {
            return Ok(std::io::stdout().write_all(&cli::completions(shell))?);
        }
        cli::Command::Man { list: true, .. } => {
            let names: String = cli::man_pages().map(|name| format!("{name}\n")).collect();
            return Ok(std::io::stdout().write_all(names.as_bytes())?);
        }
        cli::Command::Man { page, .. } => {
            let page = cli::man_page(page.as_deref()).map_err(error::Failure::Usage)?;
            return Ok(std::io::stdout().write_all(&page)?);
        }
    };
    plan.nngcat_quoted = cli.nngcat;
    report::set_quiet(plan.quiet);
    // A signal must wake whatever the main thread waits on: a nanomsg call, or an
    // --exec command. Its thread starts with the socket (`socket::handle_signals`), or
    // before a line on stderr, which may block.
    signals::install(|| {
        cmd::kill_running();
        socket::terminate_all();
    })?;
    report::before_each_line(socket::handle_signals);
    cmd::run(&plan)
}
