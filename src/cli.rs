/*!
The command line as the user types it: clap definitions and help text, nothing else.
`options.rs` turns it into a validated plan.
*/

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::format::Format;

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
}

// Parsed once per run: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
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

/// One subcommand per socket type.
#[derive(Debug, Subcommand)]
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
    Pair(SendArgs),
    /// Send input messages to every bus peer and print what they send
    #[command(
        after_help = "Example: nncat bus --bind tcp://127.0.0.1:7000 --connect tcp://127.0.0.1:7001"
    )]
    Bus(SendArgs),
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
    /// Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, inproc://NAME)
    #[arg(long, value_name = "URL")]
    pub bind: Vec<String>,
    /// Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH, inproc://NAME)
    #[arg(long, value_name = "URL")]
    pub connect: Vec<String>,
    /// Bind to tcp://127.0.0.1:PORT
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
    /// Add the receive time to each record ("time" in json)
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
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Socket")]
pub struct CommonArgs {
    /// Stop after N messages sent (senders), received (receivers) or exchanged (req, rep)
    #[arg(short = 'C', long, value_name = "N")]
    pub count: Option<u64>,
    /// Give up receiving after T with nothing received
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub recv_timeout: Option<Duration>,
    /// Give up sending after T with no peer to take the message
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub send_timeout: Option<Duration>,
    /// Largest message to accept, in bytes (K, M, G suffixes); default: no limit
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub recv_maxsz: Option<usize>,
    /// Wait for N connected peers before the first send
    #[arg(long, value_name = "N")]
    pub wait_peers: Option<u64>,
    /// At exit, wait at most T for sent messages to leave (0 to skip)
    #[arg(long, value_name = "T", value_parser = parse_duration, default_value = "1s")]
    pub linger: Duration,
    /// Name of the socket (NN_SOCKET_NAME), shown in nanomsg's own statistics
    #[arg(long, value_name = "NAME")]
    pub socket_name: Option<String>,
    /// Report endpoints, connection events and counts on stderr
    #[arg(short = 'v', long, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// At exit, print messages and bytes sent and received, time and rates on stderr
    #[arg(long)]
    pub stats: bool,
    /// While stdout is not a terminal, show a live count of messages on stderr
    #[arg(long)]
    pub progress: bool,
    /// No warnings or notices on stderr (errors are still printed)
    #[arg(short = 'q', long, conflicts_with = "verbose")]
    pub quiet: bool,
}

/// The options of every type that sends from stdin, --data or --file.
#[derive(Debug, Args)]
pub struct SendArgs {
    #[command(flatten)]
    pub endpoints: EndpointArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct ReceiveArgs {
    #[command(flatten)]
    pub endpoints: EndpointArgs,
    #[command(flatten)]
    pub format: FormatArgs,
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
    pub request: SendArgs,
}

#[derive(Debug, Args)]
pub struct SurveyArgs {
    /// How long to collect answers to each survey (nanomsg's default: 1s)
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub deadline: Option<Duration>,
    #[command(flatten)]
    pub request: SendArgs,
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
    /// Answer with the stdout of CMD ARGS..., run without a shell, the request on its stdin
    #[arg(long, value_name = "CMD", num_args = 1.., allow_hyphen_values = true, group = "answer")]
    pub exec: Vec<OsString>,
    /// Give up on an --exec command after T, and answer nothing for that request
    #[arg(long, value_name = "T", value_parser = parse_duration, default_value = "10s")]
    pub exec_timeout: Duration,
    #[command(flatten)]
    pub endpoints: EndpointArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct TapArgs {
    /// The server's socket type (the clients use its peer type)
    #[arg(value_name = "TYPE", value_parser = TYPES)]
    pub kind: String,
    #[command(flatten)]
    pub endpoints: EndpointArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Parses the command line. Help and version go to stdout (exit 0); a usage error is
/// one line on stderr, with clap's suggestion when it has one (exit 2).
pub fn parse() -> Result<Cli, u8> {
    let args = nanocat_compatible(std::env::args_os().collect());
    if let Some(message) = mistyped_type_flag(&args) {
        crate::report::error(&message);
        return Err(crate::exit::USAGE);
    }
    let err = match Cli::try_parse_from(args) {
        Ok(cli) => return Ok(cli),
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
    crate::report::error(&one_line(&err.render().to_string()));
    Err(crate::exit::USAGE)
}

/// Writes the completion script for `shell` to `out`.
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "nncat", out);
}

/// The roff man page for nncat, or for one of its subcommands (`push`, `man`...).
pub fn man_page(page: Option<&str>) -> Result<Vec<u8>, String> {
    let command = <Cli as clap::CommandFactory>::command();
    let command = match page {
        None => command,
        Some(name) => {
            let sub = command
                .get_subcommands()
                .find(|sub| sub.get_name() == name)
                .cloned()
                .ok_or_else(|| format!("no man page for '{name}': name a socket type"))?;
            // The page's .TH line and VERSION section read the version from the
            // command; a subcommand has none of its own. No -V flag: `nncat push
            // --version` is not an option, so the page must not list it.
            sub.name(format!("nncat-{name}"))
                .version(env!("CARGO_PKG_VERSION"))
                .disable_version_flag(true)
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|err| format!("cannot render the man page: {err}"))?;
    Ok(out)
}

/// The socket types, as subcommands and as nanocat's `--TYPE` flags.
pub const TYPES: [&str; 10] = [
    "push",
    "pull",
    "pub",
    "sub",
    "req",
    "rep",
    "pair",
    "bus",
    "surveyor",
    "respondent",
];

/// Rewrites nanocat's command lines into nncat's, so a script changes only the
/// program's name: the type comes from a `--push` style flag, or from the program's
/// own name (`nn_push`, a symlink) as nanocat does. Every other nanocat flag has the
/// same spelling here.
pub fn nanocat_compatible(mut args: Vec<OsString>) -> Vec<OsString> {
    let Some(program) = args.first() else {
        return args;
    };
    let name = std::path::Path::new(program)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(kind) = name.strip_prefix("nn_").filter(|kind| TYPES.contains(kind)) {
        args.insert(1, kind.into());
        return args;
    }
    let explicit = args
        .get(1)
        .is_some_and(|first| !first.to_string_lossy().starts_with('-'));
    if explicit {
        return args;
    }
    let flag_at = args.iter().skip(1).position(|arg| {
        arg.to_str()
            .and_then(|arg| arg.strip_prefix("--"))
            .is_some_and(|kind| TYPES.contains(&kind))
    });
    if let Some(at) = flag_at {
        let flag = args.remove(at + 1);
        let kind = flag.to_string_lossy().trim_start_matches('-').to_string();
        args.insert(1, kind.into());
    }
    args
}

/// `nncat --psh ...`: a nanocat type flag with a typo, which clap alone would report
/// as an unknown argument with no hint.
fn mistyped_type_flag(args: &[OsString]) -> Option<String> {
    let first = args.get(1)?.to_str()?;
    let typed = first.strip_prefix("--")?;
    if TYPES.contains(&typed) {
        return None;
    }
    let known = <Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .any(|sub| sub.get_name() == typed);
    if known || typed.is_empty() || typed == "help" || typed == "version" {
        return None;
    }
    let closest = TYPES
        .iter()
        .map(|kind| (edit_distance(typed, kind), kind))
        .min()?;
    if closest.0 <= 2 {
        return Some(format!(
            "unknown socket type flag '--{typed}' (did you mean '--{}'?); see 'nncat --help'",
            closest.1
        ));
    }
    Some(format!(
        "no socket type: start with one, as in 'nncat pull {first} ...', or give nanocat's --pull, --push...; see 'nncat --help'"
    ))
}

/// Levenshtein distance, for suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// clap's message and its tips on one line, for scripts that read stderr line by line.
fn one_line(rendered: &str) -> String {
    let mut message = String::new();
    let mut tips = Vec::new();
    for line in rendered.lines().map(str::trim) {
        if let Some(first) = line.strip_prefix("error: ") {
            message = first.to_string();
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            tips.push(tip.to_string());
        }
    }
    for tip in tips {
        message.push_str(&format!(" ({tip})"));
    }
    message.push_str("; see 'nncat --help'");
    message
}

/// A duration as humantime writes it (`250ms`, `2s`, `1m 30s`) or bare seconds with an
/// optional fraction (`0.5`), which nanocat would truncate to 0 and we do not.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        return Duration::try_from_secs_f64(seconds).map_err(|_| {
            format!("'{text}' is not a duration: seconds must be a finite number from 0 up")
        });
    }
    humantime::parse_duration(text)
        .map_err(|err| format!("'{text}' is not a duration ({err}); write 2s, 250ms, 1m or 0.5"))
}

/// A size in bytes, with an optional binary suffix: `512`, `64K`, `16M`, `1G`.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let trimmed = text.trim();
    let (digits, unit) = match trimmed.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => trimmed.split_at(at),
        None => (trimmed, ""),
    };
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => {
            return Err(format!(
                "'{text}' is not a size: write a number of bytes, or 64K, 16M, 1G"
            ));
        }
    };
    let number: usize = digits
        .parse()
        .map_err(|_| format!("'{text}' is not a size: write a number of bytes, or 64K, 16M, 1G"))?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("'{text}' is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_keep_fractions_of_a_second() {
        assert_eq!(parse_duration("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1m"), Ok(Duration::from_secs(60)));
        assert!(parse_duration("-1").is_err());
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("16m"), Ok(16 << 20));
        assert!(parse_size("12q").is_err());
        assert!(parse_size("").is_err());
    }

    fn rewritten(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        nanocat_compatible(args)
            .into_iter()
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn nanocat_type_flags_become_subcommands() {
        assert_eq!(
            rewritten(&["nncat", "--push", "--connect", "tcp://a:1", "-D", "hi"]),
            ["nncat", "push", "--connect", "tcp://a:1", "-D", "hi"]
        );
        assert_eq!(
            rewritten(&["nncat", "--connect", "tcp://a:1", "--sub", "-A"]),
            ["nncat", "sub", "--connect", "tcp://a:1", "-A"]
        );
        assert_eq!(
            rewritten(&["nncat", "pull", "-L", "5"]),
            ["nncat", "pull", "-L", "5"]
        );
    }

    #[test]
    fn a_program_named_nn_type_takes_the_type_from_its_name() {
        assert_eq!(
            rewritten(&["/usr/local/bin/nn_pull", "-L", "5"]),
            ["/usr/local/bin/nn_pull", "pull", "-L", "5"]
        );
        assert_eq!(rewritten(&["nn_other", "-x"]), ["nn_other", "-x"]);
    }

    /// docs/man holds the generated pages; this fails when the command line changed
    /// without them being generated again.
    #[test]
    fn man_pages_in_docs_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
        let mut pages = vec![(None, "nncat.1".to_string())];
        pages.extend(TYPES.iter().map(|t| (Some(*t), format!("nncat-{t}.1"))));
        for (page, file) in pages {
            let expected = man_page(page).expect("every type has a page");
            let found = std::fs::read(dir.join(&file)).unwrap_or_default();
            assert!(
                found == expected,
                "docs/man/{file} is stale: run scripts/generate-docs.sh"
            );
        }
    }

    #[test]
    fn a_mistyped_type_flag_gets_a_suggestion() {
        let args: Vec<OsString> = ["nncat", "--psh", "-l", "5"]
            .iter()
            .map(OsString::from)
            .collect();
        let message = mistyped_type_flag(&args).expect("a suggestion");
        assert!(message.contains("'--push'"), "{message}");
        let args: Vec<OsString> = ["nncat", "--help"].iter().map(OsString::from).collect();
        assert_eq!(mistyped_type_flag(&args), None);
        assert_eq!(edit_distance("psh", "push"), 1);
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
