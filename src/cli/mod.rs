/*!
The command line as the user types it. This file holds the top of the clap definition:
the program and its subcommands. The files beside it hold the option groups several
subcommands share (`groups`), each role's own options (`roles`), the way from argv to
a parsed command (`parse`, after `argv` rewrote nanocat's and nngcat's forms), value
parsers (`values`), the man pages (`docs`) and the shell completions (`completion`).
`options/` turns what is parsed into a validated plan.
*/

mod argv;
mod completion;
mod docs;
mod groups;
mod parse;
mod roles;
mod values;

pub use completion::completions;
pub use docs::{man_page, man_pages};
pub use groups::*;
pub use parse::{Parsed, parse};
use roles::PROBE_HELP;
pub use roles::*;
pub use values::{parse_duration, parse_size};

use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  nncat pull --bind tcp://127.0.0.1:5555 --count 3
  seq 3 | nncat push --connect tcp://127.0.0.1:5555
  tail -f app.log | nncat pub --bind ipc:///tmp/log.sock
  nncat sub --connect ipc:///tmp/log.sock --subscribe ERROR
  nncat rep --bind tcp://127.0.0.1:6000 --echo
  echo ping | nncat req --connect tcp://127.0.0.1:6000 --recv-timeout 2s
  nncat pull -L 5555 --hex --count 1";

#[derive(Debug, Parser)]
#[command(
    name = "nncat",
    version,
    about = "Stream messages between stdin/stdout and nanomsg sockets",
    long_about = "Stream messages between stdin/stdout and nanomsg sockets.\n\n\
        Each stdin record becomes a message the moment it is read; each message received \
        becomes a stdout record the moment it arrives.",
    after_help = crate::exit::TABLE,
    after_long_help = format!("{EXAMPLES}\n\n{}", crate::exit::TABLE),
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The command line was written for nngcat (see `argv`), not typed for clap.
    #[arg(skip)]
    pub nngcat: bool,
}

impl Cli {
    /// The `--log-format` parsed, where the command has one.
    pub fn log_format(&self) -> Option<LogFormat> {
        match &self.command {
            Command::Probe(args) => Some(args.log_format),
            _ => self.common().map(|common| common.log_format),
        }
    }

    /// `-q` as parsed (in a cluster too), where the command has it.
    pub fn quiet(&self) -> bool {
        self.common().is_some_and(|common| common.quiet)
    }

    /// The options every type and tap share.
    fn common(&self) -> Option<&CommonArgs> {
        Some(match &self.command {
            Command::Socket(socket) => match socket {
                SocketCommand::Push(args) | SocketCommand::Pub(args) => &args.common,
                SocketCommand::Pull(args) => &args.common,
                SocketCommand::Sub(args) => &args.receive.common,
                SocketCommand::Req(ReqArgs { request, .. })
                | SocketCommand::Surveyor(SurveyArgs { request, .. }) => &request.common,
                SocketCommand::Rep(args) | SocketCommand::Respondent(args) => &args.common,
                SocketCommand::Pair(args) | SocketCommand::Bus(args) => &args.common,
            },
            Command::Tap(args) => &args.common,
            Command::Probe(_) | Command::Completions { .. } | Command::Man { .. } => return None,
        })
    }
}

// Parsed once per run: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    #[command(flatten)]
    Socket(SocketCommand),
    /// Sit between clients and a server of type TYPE, forward both ways, print each message
    #[command(after_help = "\
Messages toward the server are printed as '> MESSAGE', replies and other messages back as
'< MESSAGE'. nncat binds the --bind endpoints for the clients (presenting itself as the
TYPE server) and connects to the real server at the --connect endpoints.

Example: nncat tap rep --bind tcp://127.0.0.1:6001 --connect tcp://127.0.0.1:6000")]
    Tap(TapArgs),
    /// Say which socket type listens at each URL, without becoming its peer
    #[command(after_help = PROBE_HELP)]
    Probe(ProbeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(after_help = "Example: nncat completions bash > /etc/bash_completion.d/nncat")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff); with a TYPE (or tap, probe), that page
    #[command(after_help = "Example: nncat man | man -l -")]
    Man {
        #[arg(value_name = "TYPE")]
        page: Option<String>,
        /// List the pages there are, one name a line
        #[arg(long, conflicts_with = "page")]
        list: bool,
    },
}

/// One subcommand per socket type. Each one's options are built only when it is the
/// one used (`defer`): building all of them cost 55% of `nncat --version`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum SocketCommand {
    /// Send each input message to one of the connected pullers
    #[command(after_help = "Example: seq 10 | nncat push --connect tcp://127.0.0.1:5555")]
    Push(SendArgs),
    /// Print every message pushed to this socket
    #[command(after_help = "Example: nncat pull --bind tcp://127.0.0.1:5555 --count 10")]
    Pull(ReceiveArgs),
    /// Publish each input message to every subscriber
    #[command(after_help = "Example: tail -f app.log | nncat pub --bind tcp://127.0.0.1:5556")]
    Pub(SendArgs),
    /// Print every published message that matches a subscription
    #[command(after_help = "Example: nncat sub --connect tcp://127.0.0.1:5556 --subscribe ERROR")]
    Sub(SubArgs),
    /// Send each input message as a request and print its reply
    #[command(after_help = "Example: echo ping | nncat req --connect tcp://127.0.0.1:6000")]
    Req(ReqArgs),
    /// Print each request and answer it (stdin, --data, --echo or --exec)
    #[command(after_help = "Example: nncat rep --bind tcp://127.0.0.1:6000 --exec tr a-z A-Z")]
    Rep(ReplyArgs),
    /// Send input messages and print received ones, with one peer
    #[command(after_help = "Example: nncat pair --bind ipc:///tmp/chat.sock")]
    Pair(SendReceiveArgs),
    /// Send input messages to every bus peer and print what they send
    #[command(
        after_help = "Example: nncat bus --bind tcp://127.0.0.1:7000 --connect tcp://127.0.0.1:7001"
    )]
    Bus(SendReceiveArgs),
    /// Send each input message as a survey and print every answer until the deadline
    #[command(
        after_help = "Example: echo who | nncat surveyor --bind tcp://127.0.0.1:7100 --deadline 500ms"
    )]
    Surveyor(SurveyArgs),
    /// Print each survey and answer it (stdin, --data, --echo or --exec)
    #[command(after_help = "Example: nncat respondent --connect tcp://127.0.0.1:7100 --data me")]
    Respondent(ReplyArgs),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
