//! The option groups that several subcommands flatten into theirs: endpoints, format,
//! where the data to send comes from, and the options every socket takes.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::{parse_duration, parse_size};
use crate::format::Format;

#[derive(Debug, Args)]
#[command(next_help_heading = "Endpoints (at least one; each repeatable)")]
pub struct EndpointArgs {
    /// Bind to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT, tls+tcp://HOST:PORT,
    /// wss://HOST:PORT, inproc://NAME); port 0 picks a free port and prints the URL bound
    #[arg(long, visible_alias = "listen", value_name = "URL")]
    pub bind: Vec<String>,
    /// Connect to URL (tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH,
    /// tls+tcp://HOST:PORT, wss://HOST:PORT/PATH, inproc://NAME)
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
    #[command(flatten)]
    pub tls: TlsArgs,
}

// nngcat's TLS options, with nngcat's meaning; only with a tls+tcp:// or wss:// endpoint.
// (Not a doc comment: flattened into every type, which is built with `defer`, it would
// replace the type's own about text.)
#[derive(Debug, Default, Args)]
#[command(next_help_heading = "TLS (with tls+tcp:// and wss:// endpoints)")]
pub struct TlsArgs {
    /// Present this certificate: a PEM chain, its key in the same file unless --key
    /// names another. A TLS --bind needs one; a TLS --connect presents it when given
    #[arg(short = 'E', long, value_name = "FILE")]
    pub cert: Option<PathBuf>,
    /// The private key (PEM) for --cert, when it is not in the --cert file
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
    /// Trust the CA certificates in FILE (PEM) instead of the system's roots when
    /// connecting
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,
    /// Do not verify the peer's certificate (the connection is still encrypted)
    #[arg(short = 'k', long)]
    pub insecure: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Format")]
pub struct FormatArgs {
    // Of --format and its shorthands, the last given counts, as in nanocat.
    /// Format of stdin and stdout records
    #[arg(long, value_enum, value_name = "F", overrides_with_all = ["ascii", "quoted", "hex", "msgpack", "raw"])]
    pub format: Option<Format>,
    /// Format of stdin records (overrides --format)
    #[arg(long, value_enum, value_name = "F", hide_possible_values = true)]
    pub in_format: Option<Format>,
    /// Format of stdout records (overrides --format)
    #[arg(long, value_enum, value_name = "F", hide_possible_values = true)]
    pub out_format: Option<Format>,
    /// Same as --format ascii
    #[arg(short = 'A', long, overrides_with_all = ["format", "quoted", "hex", "msgpack", "raw"])]
    pub ascii: bool,
    /// Same as --format quoted
    #[arg(short = 'Q', long, overrides_with_all = ["format", "ascii", "hex", "msgpack", "raw"])]
    pub quoted: bool,
    /// Same as --format hex
    #[arg(long, overrides_with_all = ["format", "ascii", "quoted", "msgpack", "raw"])]
    pub hex: bool,
    /// Same as --format msgpack
    #[arg(long, overrides_with_all = ["format", "ascii", "quoted", "hex", "raw"])]
    pub msgpack: bool,
    /// Same as --format raw
    #[arg(long, overrides_with_all = ["format", "ascii", "quoted", "hex", "msgpack"])]
    pub raw: bool,
    /// Separate records with NUL instead of newline (text, ascii, quoted, hex, json)
    #[arg(short = '0', long)]
    pub null: bool,
    /// In json, split each message at the first SEP into "topic" and "data"; on input,
    /// join a record's "topic" and "data" with SEP
    #[arg(long, value_name = "SEP")]
    pub topic_split: Option<OsString>,
}

#[derive(Debug, Default, Args)]
#[command(next_help_heading = "What to send")]
pub struct SourceArgs {
    /// Send DATA as the message instead of reading stdin
    #[arg(
        short = 'D',
        long,
        value_name = "DATA",
        conflicts_with = "file",
        allow_hyphen_values = true
    )]
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
    /// Send each JSON record at its "time", as far from the first record's as it was
    /// recorded (by a receiver's --format json with time stamps, or by tap --format
    /// json, whose records back to the clients are skipped)
    #[arg(long, conflicts_with_all = ["data", "file", "interval"])]
    pub replay: bool,
    /// Wait for N connected peers before the first send
    #[arg(long, value_name = "N", help_heading = "Socket")]
    pub wait_peers: Option<u64>,
}

/// How nncat writes its own lines on stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// `nncat: ...` lines for people
    Text,
    /// One JSON object per line, for harnesses
    Json,
}

// The options of every type.
#[derive(Debug, Args)]
#[command(next_help_heading = "Socket")]
pub struct CommonArgs {
    /// Stop after N messages sent (senders), received (receivers), exchanged (req, rep)
    /// or forwarded either way (tap); 0: no limit
    #[arg(short = 'C', long, value_name = "N")]
    pub count: Option<u64>,
    /// Name of the socket (NN_SOCKET_NAME), shown in nanomsg's own statistics
    #[arg(long, value_name = "NAME")]
    pub socket_name: Option<String>,
    /// Report endpoints, connection events and counts on stderr
    #[arg(short = 'v', long, action = clap::ArgAction::Count, overrides_with = "quiet")]
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
        overrides_with = "verbose"
    )]
    pub quiet: bool,
    /// Lines on stderr as text, or as JSON objects (level, message, reason) with events
    /// a harness waits for: bound, connected, disconnected (docs/harness.md)
    #[arg(long, value_enum, value_name = "F", default_value = "text")]
    pub log_format: LogFormat,
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

// The options of every type that receives: all but push and pub. --timestamp is here,
// not in FormatArgs, because it stamps what is printed: push and pub print nothing, and
// leaving it out of their definition keeps it out of their help, man pages and
// completions, and has argv's check refuse it with the types that take it.
#[derive(Debug, Args)]
#[command(next_help_heading = "Socket")]
pub struct ReceivingArgs {
    /// Add the receive time to each record: "time" in json, a prefix before each line in
    /// text, ascii, quoted and hex (not with msgpack or raw, which have no lines)
    #[arg(long, help_heading = "Format")]
    pub timestamp: bool,
    /// Give up receiving after T with nothing received
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub recv_timeout: Option<Duration>,
    /// Largest message to accept, in bytes (K, M, G suffixes; default 512M). A larger
    /// one is skipped with a warning naming its sender (over ws, its connection is
    /// closed). 0, or more than this machine can hold, means as much as it can hold:
    /// never unlimited (see docs/security.md)
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
    /// At exit, wait for sent messages to leave while they move, giving up after T
    /// with none taken (0 to skip)
    #[arg(long, value_name = "T", value_parser = parse_duration, default_value = "1s")]
    pub linger: Duration,
}
