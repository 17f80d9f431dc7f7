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
    use std::io::Write;
    let plan = match cli.command {
        cli::Command::Socket(command) => options::Plan::from_command(command)?,
        cli::Command::Tap(args) => options::Plan::for_tap(args)?,
        cli::Command::Probe(args) => {
            let plan = options::ProbePlan::from_args(args)?;
            signals::install()?;
            return cmd::probe::run(&plan);
        }
        cli::Command::Completions { shell } => {
            cli::write_completions(shell, &mut std::io::stdout());
            return Ok(());
        }
        cli::Command::Man { page } => {
            let page = cli::man_page(page.as_deref()).map_err(exit::Failure::Usage)?;
            return Ok(std::io::stdout().write_all(&page)?);
        }
    };
    report::set_quiet(plan.quiet);
    signals::install()?;
    cmd::run(&plan)
}
