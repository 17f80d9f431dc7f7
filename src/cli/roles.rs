//! Each role's own options: what push and pub, pull and sub, pair and bus, req,
//! surveyor, rep and respondent, probe and tap take beyond the shared groups.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::groups::*;
use super::{parse_duration, parse_size};
use crate::socket::SocketType;

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
    #[arg(long, value_name = "TOPIC", allow_hyphen_values = true)]
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
    #[arg(
        short = 'D',
        long,
        value_name = "DATA",
        group = "answer",
        allow_hyphen_values = true
    )]
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
    // These three are checked against --exec in options/, not with clap's `requires`:
    // --exec is in the "answer" group, and clap takes any member of it (--echo) for it.
    /// Kill an --exec command (and its process group) after T (default 10s): a failure,
    /// no answer
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub exec_timeout: Option<Duration>,
    /// Kill an --exec command that prints more than SIZE (K, M, G; default 16M): a
    /// failure, no answer
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub exec_max_output: Option<usize>,
    /// Run up to N --exec commands at once (default 1), each answer going to its own
    /// requester as soon as its command is done (so answers may leave in another order)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
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

pub(super) const PROBE_HELP: &str = "\
Over tcp and ipc the probe reads the 8-byte SP header a server sends as soon as it accepts
(and sends one with protocol number 0, which no type accepts, so it never becomes a peer);
over ws it asks for each type in turn in the HTTP upgrade. tls+tcp and wss do the same
behind a TLS handshake, verified as --cacert and --insecure say, and add the server
certificate's subject and expiry. One line per URL: the type, its SP protocol number and
the command that talks to it. Exit 0 when every URL is an SP
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
    /// Endpoints to probe: tcp://HOST:PORT, ipc://PATH, ws://HOST:PORT/PATH,
    /// tls+tcp://HOST:PORT, wss://HOST:PORT/PATH
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
    // Checked against --bind in options/probe.rs: clap's `requires` let a URL stand
    // for --bind, which conflicts with it.
    /// With --bind: stop after N peers (0: no limit)
    #[arg(short = 'C', long, value_name = "N")]
    pub count: Option<u64>,
    /// With --bind: stop after T with no new peer
    #[arg(long, value_name = "T", value_parser = parse_duration)]
    pub recv_timeout: Option<Duration>,
    /// Lines on stderr as text, or as JSON objects (level, message, reason)
    #[arg(long, value_enum, value_name = "F", default_value = "text")]
    pub log_format: LogFormat,
    #[command(flatten)]
    pub tls: TlsArgs,
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
