/*!
The command line as the user types it: the clap definitions and their help text. The
files beside this one rewrite nanocat's command lines (`argv`), parse values (`values`)
and render the man pages and completions (`docs`); `options.rs` turns what is parsed
into a validated plan.
*/

mod argv;
mod docs;
mod values;

pub use argv::{Refused, Rewritten, rewrite};
pub use docs::{completions, man_page};
pub use values::{parse_duration, parse_size};

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::format::Format;
use crate::socket::SocketType;

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
    /// Print the man page (roff); with a TYPE, that type's page
    #[command(after_help = "Example: nncat man | man -l -")]
    Man {
        #[arg(value_name = "TYPE")]
        page: Option<String>,
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

#[derive(Debug, Args)]
#[command(next_help_heading = "Endpoints (at least one; each repeatable)")]
pub struct EndpointArgs {
    /// Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, inproc://NAME); port 0
    /// picks a free port and prints the URL bound
    #[arg(long, visible_alias = "listen", value_name = "URL")]
    pub bind: Vec<String>,
    /// Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, inproc://NAME)
    #[arg(long, visible_alias = "dial", value_name = "URL")]
    pub connect: Vec<String>,
    /// Bind to tcp://127.0.0.1:PORT (0: a free port, printed)
    #[arg(short = 'L', long, value_name = "PORT")]
    pub bind_local: Vec<u16>,
    /// Connect to tcp://127.0.0.1:PORT
    #[arg(short = 'l', long, value_name = "PORT")]
    pub connect_local: Vec<u16>,
    /// Bind to ipc://PATH
    #[arg(short = 'X', long, value_name = "PATH")]
    pub bind_ipc: Vec<PathBuf>,
    /// Connect to ipc://PATH
    #[arg(short = 'x', long, value_name = "PATH")]
    pub connect_ipc: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Format")]
pub struct FormatArgs {
    /// Format of stdin and stdout records
    #[arg(long, value_enum, value_name = "F")]
    pub format: Option<Format>,
    /// Format of stdin records (overrides --format)
    #[arg(long, value_enum, value_name = "F", hide_possible_values = true)]
    pub in_format: Option<Format>,
    /// Format of stdout records (overrides --format)
    #[arg(long, value_enum, value_name = "F", hide_possible_values = true)]
    pub out_format: Option<Format>,
    /// Same as --format ascii
    #[arg(short = 'A', long, group = "format_shorthand")]
    pub ascii: bool,
    /// Same as --format quoted
    #[arg(short = 'Q', long, group = "format_shorthand")]
    pub quoted: bool,
    /// Same as --format hex
    #[arg(long, group = "format_shorthand")]
    pub hex: bool,
    /// Same as --format msgpack
    #[arg(long, group = "format_shorthand")]
    pub msgpack: bool,
    /// Same as --format raw
    #[arg(long, group = "format_shorthand")]
    pub raw: bool,
    /// Separate records with NUL instead of newline (text, ascii, quoted, hex, json)
    #[arg(short = '0', long)]
    pub null: bool,
    /// Add the receive time to each record: "time" in json, a prefix before each line in
    /// text, ascii, quoted and hex (not with msgpack or raw, which have no lines)
    #[arg(long)]
    pub timestamp: bool,
    /// In json, split each message at the first SEP into "topic" and "data"
    #[arg(long, value_name = "SEP")]
    pub topic_split: Option<OsString>,
}

#[derive(Debug, Default, Args)]
#[command(next_help_heading = "What to send")]
pub struct SourceArgs {
    /// Send DATA as the message instead of reading stdin
    #[arg(short = 'D', long, value_name = "DATA", conflicts_with = "file")]
    pub data: Option<OsString>,
    /// Send the file's bytes as one message ('-' reads all of stdin)
    #[arg(short = 'F', long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// With --data/--file, send it again every T; with stdin, wait T between messages
    #[arg(short = 'i', long, value_name = "T", value_parser = parse_duration)]
    pub interval: Option<Duration>,
    /// Wait T before the first send
    #[arg(short = 'd', long, value_name = "T", value_parser = parse_duration)]
    pub delay: Option<Duration>,
    /// Wait for N connected peers before the first send
    #[arg(long, value_name = "N", help_heading = "Socket")]
    pub wait_peers: Option<u64>,
}

// The options of every type.
#[derive(Debug, Args)]
#[command(next_help_heading = "Socket")]
pub struct CommonArgs {
    /// Stop after N messages sent (senders), received (receivers) or exchanged (req, rep);
    /// 0: no limit
    #[arg(short = 'C', long, value_name = "N")]
    pub count: Option<u64>,
    /// Name of the socket (NN_SOCKET_NAME), shown in nanomsg's own statistics
    #[arg(long, value_name = "NAME")]
    pub socket_name: Option<String>,
    /// Report endpoints, connection events and counts on stderr
    #[arg(short = 'v', long, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// At exit, print messages and bytes sent and received, time and rates on stderr;
    /// req and surveyor add round-trip times (min, p50, p90, p99, max)
    #[arg(long)]
    pub stats: bool,
    /// While stdout is not a terminal, show a live count of messages on stderr
    #[arg(long)]
    pub progress: bool,
    /// No warnings or notices on stderr (errors are still printed)
    #[arg(
        short = 'q',
        long,
        visible_alias = "silent",
        conflicts_with = "verbose"
    )]
    pub quiet: bool,
    /// nngcat's: connect in the background; nncat always does, as nanocat did
    #[arg(
        long = "async",
        hide_short_help = true,
        help_heading = "nngcat compatibility"
    )]
    pub asynchronous: bool,
    /// nngcat's: behave like nanocat; nncat's connects and --pair always do
    #[arg(long, hide_short_help = true, help_heading = "nngcat compatibility")]
    pub compat: bool,
}

// The options of every type that receives: all but push and pub.
#[derive(Debug, Args)]
#[command(next_help_heading = "Socket")]
pub struct ReceivingArgs {
    /// Give up receiving after T with nothing received
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub recv_timeout: Option<Duration>,
    /// Largest message to accept, in bytes (K, M, G suffixes; default 512M). nanomsg
    /// drops a peer that sends more. 0, or more than this machine can hold, means as
    /// much as it can hold: never unlimited (see docs/security.md)
    #[arg(short = 'Z', long, value_name = "SIZE", value_parser = parse_size)]
    pub recv_maxsz: Option<usize>,
}

// The options of every type that sends: all but pull and sub.
#[derive(Debug, Args)]
#[command(next_help_heading = "Socket")]
pub struct SendingArgs {
    /// Give up sending after T with no peer to take the message
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub send_timeout: Option<Duration>,
    /// At exit, wait at most T for sent messages to leave (0 to skip)
    #[arg(long, value_name = "T", value_parser = parse_duration, default_value = "1s")]
    pub linger: Duration,
}

// push and pub: they send from stdin, --data or --file, and receive nothing. (Not a
// doc comment: with `defer` it would replace the subcommand's own about text.)
#[derive(Debug, Args)]
pub struct SendArgs {
    #[command(flatten)]
    pub endpoints: EndpointArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub sending: SendingArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

// pull and sub: they receive and send nothing.
#[derive(Debug, Args)]
pub struct ReceiveArgs {
    #[command(flatten)]
    pub endpoints: EndpointArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub receiving: ReceivingArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

// pair, bus, req and surveyor: they send from stdin, --data or --file, and receive.
#[derive(Debug, Args)]
pub struct SendReceiveArgs {
    #[command(flatten)]
    pub endpoints: EndpointArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub sending: SendingArgs,
    #[command(flatten)]
    pub receiving: ReceivingArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct SubArgs {
    /// Receive messages that start with TOPIC (repeatable; none: every message)
    #[arg(long, value_name = "TOPIC")]
    pub subscribe: Vec<OsString>,
    #[command(flatten)]
    pub receive: ReceiveArgs,
}

#[derive(Debug, Args)]
pub struct ReqArgs {
    /// Send an unanswered request again after T, to whichever replier is up then
    /// (nanomsg's default: 60s)
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub resend_interval: Option<Duration>,
    #[command(flatten)]
    pub request: SendReceiveArgs,
}

#[derive(Debug, Args)]
pub struct SurveyArgs {
    /// How long to collect answers to each survey (nanomsg's default: 1s)
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub deadline: Option<Duration>,
    #[command(flatten)]
    pub request: SendReceiveArgs,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "How to answer (default: the next record read from stdin)")]
pub struct ReplyArgs {
    /// Answer every request with DATA
    #[arg(short = 'D', long, value_name = "DATA", group = "answer")]
    pub data: Option<OsString>,
    /// Answer every request with the file's bytes
    #[arg(short = 'F', long, value_name = "PATH", group = "answer")]
    pub file: Option<PathBuf>,
    /// Answer every request with the request itself
    #[arg(long, group = "answer")]
    pub echo: bool,
    /// Answer with the stdout of CMD ARGS..., run without a shell, the request on its
    /// stdin. It takes the rest of the command line: put it last
    ///
    /// CMD must be on PATH (or a path to an executable file) when nncat starts,
    /// or nncat exits 2. The answer is what CMD printed by the time it exited; CMD runs
    /// in a process group of its own, killed once CMD has exited, so nothing it started
    /// outlives the request. A CMD that fails (exits non-zero, is killed, outlasts
    /// --exec-timeout or prints more than --exec-max-output) gets a warning, and the
    /// requester no answer: req sees its --recv-timeout pass, or resends. Other requests
    /// are still answered, and nncat exits 1 at the end, after a line that counts the
    /// failures. A CMD that succeeds but prints nothing sends no answer either.
    #[arg(long, value_name = "CMD", num_args = 1.., allow_hyphen_values = true, group = "answer")]
    pub exec: Vec<OsString>,
    /// Kill an --exec command (and its process group) after T: a failure, no answer
    #[arg(long, value_name = "T", value_parser = parse_duration, default_value = "10s")]
    pub exec_timeout: Duration,
    /// Kill an --exec command that prints more than SIZE (K, M, G): a failure, no answer
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "16M")]
    pub exec_max_output: usize,
    #[command(flatten)]
    pub endpoints: EndpointArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub sending: SendingArgs,
    #[command(flatten)]
    pub receiving: ReceivingArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

const PROBE_HELP: &str = "\
Over tcp and ipc the probe reads the 8-byte SP header a server sends as soon as it accepts
(and sends one with protocol number 0, which no type accepts, so it never becomes a peer);
over ws it asks for each type in turn in the HTTP upgrade. One line per URL: the type, its
SP protocol number and the command that talks to it. Exit 0 when every URL is an SP
endpoint, 1 otherwise, with the reason: connection refused, no such ipc socket, timed out,
closed without a header, or not an SP endpoint (and the first bytes it sent).

With --bind, nncat listens instead and prints the type of each peer that connects (each
type from each host once: nanomsg peers reconnect every 100 ms), until --count or
--recv-timeout.

Examples:
  nncat probe tcp://127.0.0.1:5555 ipc:///tmp/feed ws://127.0.0.1:8080/api
  nncat probe tcp://127.0.0.1:5555 --format json | jq -r .protocol
  nncat probe --bind tcp://127.0.0.1:5555 --count 1";

/// How probe writes its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ProbeFormat {
    /// One line per endpoint; failures on stderr
    Text,
    /// One JSON object per line: url, protocol, protocol_id, peers; or url, error
    Json,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["urls", "bind"])))]
pub struct ProbeArgs {
    /// Endpoints to probe: tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
    /// Listen at URL and print the type of each peer that connects to it
    #[arg(long, value_name = "URL", conflicts_with = "urls")]
    pub bind: Option<String>,
    /// Give up on an endpoint (or on a peer's header) after T
    #[arg(long, value_name = "T", value_parser = parse_duration, default_value = "2s")]
    pub timeout: Duration,
    /// text or json
    #[arg(long, value_enum, value_name = "F", default_value = "text")]
    pub format: ProbeFormat,
    /// With --bind: stop after N peers
    #[arg(short = 'C', long, value_name = "N", requires = "bind")]
    pub count: Option<u64>,
    /// With --bind: stop after T with no new peer
    #[arg(long, value_name = "T", value_parser = parse_duration, requires = "bind")]
    pub recv_timeout: Option<Duration>,
}

#[derive(Debug, Args)]
pub struct TapArgs {
    /// The server's socket type (the clients use its peer type)
    #[arg(value_name = "TYPE", value_enum)]
    pub kind: SocketType,
    #[command(flatten)]
    pub endpoints: EndpointArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub sending: SendingArgs,
    #[command(flatten)]
    pub receiving: ReceivingArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Parses the command line. Help and version go to stdout (exit 0); a usage error is
/// one line on stderr with everything clap said, pointing at the type's help (exit 2).
pub fn parse(argv: Vec<OsString>) -> Parsed {
    match parse_or_exit(argv) {
        Ok(cli) => Parsed::Run(cli),
        Err(crate::exit::SUCCESS) => Parsed::Shown,
        Err(_) => Parsed::Refused,
    }
}

/// What the command line asks for.
// Made once per run: boxing the command would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Parsed {
    /// Run this command.
    Run(Cli),
    /// Help or the version, printed on stdout: the run is over, and it succeeded.
    Shown,
    /// A usage error, said on stderr (or help printed for a command line with too
    /// little in it): exit 2.
    Refused,
}

fn parse_or_exit(argv: Vec<OsString>) -> Result<Cli, u8> {
    let usage_error = |message: &str, subcommand: Option<&str>| {
        crate::report::error(&format!("{message}; {}", argv::help_hint(subcommand)));
        Err(crate::exit::USAGE)
    };
    let Rewritten {
        args,
        warnings,
        nngcat,
    } = match rewrite(argv) {
        Ok(rewritten) => rewritten,
        Err(Refused {
            message,
            subcommand,
        }) => return usage_error(&message, subcommand.as_deref()),
    };
    let subcommand = args.get(1).and_then(|arg| arg.to_str()).map(str::to_string);
    let known = subcommand.as_deref().is_some_and(|name| {
        <Cli as clap::CommandFactory>::command()
            .find_subcommand(name)
            .is_some()
    });
    if !known && let Some(message) = argv::mistyped_type_flag(&args) {
        return usage_error(&message, None);
    }
    let quiet = args
        .iter()
        .any(|arg| arg == "-q" || arg == "--quiet" || arg == "--silent");
    let err = match Cli::try_parse_from(args) {
        Ok(cli) => {
            if !quiet {
                warnings
                    .iter()
                    .for_each(|warning| crate::report::warn(warning));
            }
            return Ok(Cli { nngcat, ..cli });
        }
        Err(err) => err,
    };
    if !err.use_stderr() {
        let _ = err.print();
        return Err(crate::exit::SUCCESS);
    }
    if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = err.print();
        return Err(crate::exit::USAGE);
    }
    let subcommand = subcommand.filter(|_| known);
    usage_error(
        &argv::one_line(&err.render().to_string()),
        subcommand.as_deref(),
    )
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
