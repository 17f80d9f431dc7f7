/*!
nncat's library: everything but the entry point, so that benchmarks and fuzz targets
can reach the formats directly.
*/

pub mod cli;
pub mod cmd;
pub mod exit;
pub mod format;
pub mod options;
pub mod report;
pub mod signals;
pub mod socket;

/// Runs the command the user typed.
pub fn run(cli: cli::Cli) -> anyhow::Result<()> {
    let plan = options::Plan::from_command(cli.command)?;
    report::set_quiet(plan.quiet);
    signals::install()?;
    cmd::run(&plan)
}
