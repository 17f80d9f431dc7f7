/*!
What the user typed, turned into what the program needs: the socket's plan, the formats,
where messages come from, and when to stop. Everything is checked here, once, so the
roles never re-check a flag.
*/

use std::ffi::{CString, OsStr, OsString};
use std::io::{IsTerminal, Read};
use std::net::Ipv4Addr;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use nanomsg::Protocol;

use crate::cli::{
    CommonArgs, EndpointArgs, FormatArgs, ProbeArgs, ProbeFormat, ReceiveArgs, ReceivingArgs,
    ReplyArgs, ReqArgs, SendArgs, SendReceiveArgs, SendingArgs, SocketCommand, SourceArgs, SubArgs,
    SurveyArgs, TapArgs,
};
use crate::error::Failure;
use crate::format::{Format, JsonOptions};
use crate::socket::{self, Endpoint, EndpointKind, PeerWait, SocketPlan};

/// How long a publisher (or surveyor, or bus) that connects waits for its connection before the first
/// message, so `echo hi | nncat pub --connect URL` reaches a bound subscriber:
/// measured on loopback, the connection counts about 200 ms after nn_connect.
const PUB_CONNECT_WAIT: Duration = Duration::from_secs(1);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// push, pub
    Send,
    /// pull, sub
    Receive,
    /// req (one reply each), surveyor (every answer until the deadline)
    Request,
    /// rep, respondent
    Reply,
    /// pair, bus
    Duplex,
    /// tap: between clients (`socket`) and a server (`tap_back`)
    Tap,
}

/// Where the messages to send come from.
#[derive(Clone, Debug)]
pub enum Source {
    /// Records read from stdin, in the input format.
    Stdin,
    /// One message given by --data or --file, sent once, `count` times, or every interval.
    Fixed(Vec<u8>),
}

/// How rep and respondent answer.
#[derive(Clone, Debug)]
pub enum Answer {
    /// The next record read from stdin.
    Stdin,
    Fixed(Vec<u8>),
    Echo,
    Exec(ExecPlan),
}

/// rep --exec: a command to run for each request, found at start-up.
#[derive(Clone, Debug)]
pub struct ExecPlan {
    /// Where the program is, so that PATH is searched once, not per request.
    pub program: PathBuf,
    /// The command as typed: its name (the command's argv[0]) and its arguments.
    pub command: Vec<OsString>,
    pub timeout: Duration,
    /// The most output one answer may hold.
    pub max_output: usize,
}

impl ExecPlan {
    /// The name that warnings show.
    pub fn name(&self) -> String {
        self.command
            .first()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub role: Role,
    pub socket: SocketPlan,
    /// tap: the socket that connects to the server.
    pub tap_back: Option<SocketPlan>,
    pub in_format: Format,
    pub out_format: Format,
    pub separator: u8,
    /// Escape control bytes in text output: stdout is a terminal.
    pub escape_controls: bool,
    pub json: JsonOptions,
    /// Quoted output in nngcat's form (a tab as `\t`): the command line is nngcat's
    /// (set by the caller, which knows how the command line was written).
    pub nngcat_quoted: bool,
    pub source: Source,
    pub answer: Answer,
    /// sub: the --subscribe prefixes a message must start with (none: every message).
    pub topics: Vec<Vec<u8>>,
    pub count: Option<u64>,
    pub interval: Option<Duration>,
    pub delay: Option<Duration>,
    pub recv_timeout: Option<Duration>,
    pub linger: Duration,
    pub verbose: bool,
    pub quiet: bool,
    pub stats: bool,
    /// Show a live count on stderr (asked for, and stdout is not a terminal).
    pub progress: bool,
}

/// What one subcommand's arguments hold; the parts a type does not have are absent.
struct Parts {
    endpoints: EndpointArgs,
    format: FormatArgs,
    source: SourceArgs,
    sending: Option<SendingArgs>,
    receiving: Option<ReceivingArgs>,
    common: CommonArgs,
}

impl Parts {
    fn sender(args: SendArgs) -> Parts {
        Parts {
            endpoints: args.endpoints,
            format: args.format,
            source: args.source,
            sending: Some(args.sending),
            receiving: None,
            common: args.common,
        }
    }

    fn receiver(args: ReceiveArgs) -> Parts {
        Parts {
            endpoints: args.endpoints,
            format: args.format,
            source: SourceArgs::default(),
            sending: None,
            receiving: Some(args.receiving),
            common: args.common,
        }
    }

    fn both(args: SendReceiveArgs) -> Parts {
        Parts {
            endpoints: args.endpoints,
            format: args.format,
            source: args.source,
            sending: Some(args.sending),
            receiving: Some(args.receiving),
            common: args.common,
        }
    }
}

impl Plan {
    pub fn from_command(command: SocketCommand) -> Result<Plan> {
        use SocketCommand as Type;
        match command {
            Type::Push(args) => Plan::build(Role::Send, Protocol::Push, Parts::sender(args)),
            Type::Pub(args) => Plan::build(Role::Send, Protocol::Pub, Parts::sender(args)),
            Type::Pull(args) => Plan::build(Role::Receive, Protocol::Pull, Parts::receiver(args)),
            Type::Sub(SubArgs { subscribe, receive }) => {
                let mut plan = Plan::build(Role::Receive, Protocol::Sub, Parts::receiver(receive))?;
                // nanomsg filters on the subscriber's side anyway (a pub sends every
                // message to every subscriber), so nncat subscribes to everything and
                // filters itself: the cost on the wire is the same, and it can say
                // how many messages matched no --subscribe.
                plan.socket.subscriptions = vec![Vec::new()];
                plan.topics = subscribe.into_iter().map(OsString::into_vec).collect();
                Ok(plan)
            }
            Type::Req(ReqArgs {
                resend_interval,
                request,
            }) => {
                let mut plan = Plan::build(Role::Request, Protocol::Req, Parts::both(request))?;
                plan.socket.resend_interval = resend_interval;
                Ok(plan)
            }
            Type::Surveyor(SurveyArgs { deadline, request }) => {
                let mut plan =
                    Plan::build(Role::Request, Protocol::Surveyor, Parts::both(request))?;
                plan.socket.survey_deadline = deadline;
                Ok(plan)
            }
            Type::Rep(args) => Plan::build_reply(Protocol::Rep, args),
            Type::Respondent(args) => Plan::build_reply(Protocol::Respondent, args),
            Type::Pair(args) => Plan::build(Role::Duplex, Protocol::Pair, Parts::both(args)),
            Type::Bus(args) => Plan::build(Role::Duplex, Protocol::Bus, Parts::both(args)),
        }
    }

    /// tap: the --bind endpoints face the clients as a raw TYPE socket, the --connect
    /// endpoints reach the server through a raw socket of TYPE's peer type.
    pub fn for_tap(args: TapArgs) -> Result<Plan> {
        let server = args.kind.protocol();
        let mut plan = Plan::build(
            Role::Tap,
            server,
            Parts {
                endpoints: args.endpoints,
                format: args.format,
                source: SourceArgs::default(),
                sending: Some(args.sending),
                receiving: Some(args.receiving),
                common: args.common,
            },
        )?;
        let (front, back): (Vec<_>, Vec<_>) = std::mem::take(&mut plan.socket.endpoints)
            .into_iter()
            .partition(|e| e.kind == EndpointKind::Bind);
        if front.is_empty() || back.is_empty() {
            return Err(Failure::Usage(
                "tap needs --bind endpoints for the clients and --connect endpoints for the server"
                    .into(),
            )
            .into());
        }
        plan.socket.raw = true;
        plan.socket.endpoints = front;
        plan.socket.wait_peers = None;
        plan.socket.subscriptions = vec![Vec::new()];
        let mut back_plan = plan.socket.clone();
        back_plan.protocol = args.kind.peer().protocol();
        back_plan.endpoints = back;
        plan.tap_back = Some(back_plan);
        Ok(plan)
    }

    fn build_reply(protocol: Protocol, args: ReplyArgs) -> Result<Plan> {
        let ReplyArgs {
            data,
            file,
            echo,
            exec,
            exec_timeout,
            exec_max_output,
            endpoints,
            format,
            sending,
            receiving,
            common,
        } = args;
        if !exec.is_empty() && no_endpoint(&endpoints) {
            let command = exec
                .iter()
                .map(|arg| arg.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" ");
            return Err(Failure::Usage(format!(
                "no endpoint: --exec takes the rest of the command line, so '{command}' is all \
                 the command; put --exec last, after --bind or --connect"
            ))
            .into());
        }
        let mut plan = Plan::build(
            Role::Reply,
            protocol,
            Parts {
                endpoints,
                format,
                source: SourceArgs::default(),
                sending: Some(sending),
                receiving: Some(receiving),
                common,
            },
        )?;
        plan.answer = if let Some(data) = data {
            Answer::Fixed(data.into_vec())
        } else if let Some(path) = file {
            Answer::Fixed(read_file(&path)?)
        } else if echo {
            Answer::Echo
        } else if let Some(name) = exec.first() {
            Answer::Exec(ExecPlan {
                program: find_program(name)?,
                command: exec,
                timeout: exec_timeout,
                max_output: exec_max_output,
            })
        } else {
            Answer::Stdin
        };
        Ok(plan)
    }

    fn build(role: Role, protocol: Protocol, parts: Parts) -> Result<Plan> {
        let Parts {
            endpoints,
            format,
            source,
            sending,
            receiving,
            common,
        } = parts;
        let mut endpoints = collect_endpoints(endpoints)?;
        let ipv6 = allow_ipv6(&mut endpoints);
        let (in_format, out_format) = formats(&format);
        let json = json_options(&format, in_format, out_format, role)?;
        let stdout_is_terminal = std::io::stdout().is_terminal();
        let SourceArgs {
            data,
            file,
            interval,
            delay,
            wait_peers,
        } = source;
        let source = match (data, file) {
            (Some(data), _) => Source::Fixed(data.into_vec()),
            (None, Some(path)) => Source::Fixed(read_file(&path)?),
            (None, None) => Source::Stdin,
        };
        let send_timeout = sending.as_ref().and_then(|s| s.send_timeout);
        // Only what is sent needs time to leave; a receiver has nothing to drain.
        let linger = sending.as_ref().map_or(Duration::ZERO, |s| s.linger);
        let recv_timeout = receiving.as_ref().and_then(|r| r.recv_timeout);
        // nngcat's 0 is "no limit": as much as this process can allocate (see
        // socket/limit.rs), never more.
        let recv_max_size =
            recv_max_size(receiving.as_ref().and_then(|r| r.recv_maxsz), common.quiet);
        let connects = endpoints.iter().any(|e| e.kind == EndpointKind::Connect);
        let wait_peers = match wait_peers {
            Some(count) => Some(PeerWait {
                count,
                timeout: send_timeout,
                required: true,
            }),
            // req queues a request for a peer that may come later, so its send never
            // times out: --send-timeout bounds the wait for a first peer instead.
            None if protocol == Protocol::Req && send_timeout.is_some() => Some(PeerWait {
                count: 1,
                timeout: send_timeout,
                required: true,
            }),
            // These send only to the peers connected at that moment.
            None if matches!(protocol, Protocol::Pub | Protocol::Surveyor | Protocol::Bus)
                && connects =>
            {
                Some(PeerWait {
                    count: 1,
                    timeout: Some(PUB_CONNECT_WAIT),
                    required: false,
                })
            }
            None => None,
        };
        Ok(Plan {
            role,
            socket: SocketPlan {
                protocol,
                raw: false,
                endpoints,
                recv_timeout,
                send_timeout,
                recv_max_size,
                socket_name: common.socket_name,
                subscriptions: Vec::new(),
                survey_deadline: None,
                resend_interval: None,
                wait_peers,
                verbose: common.verbose > 0,
                progress: common.progress && !stdout_is_terminal,
                json_notices: out_format == Format::Json,
                ipv6,
            },
            tap_back: None,
            in_format,
            out_format,
            separator: if format.null { 0 } else { b'\n' },
            escape_controls: stdout_is_terminal,
            json,
            nngcat_quoted: false,
            source,
            answer: Answer::Stdin,
            topics: Vec::new(),
            // nngcat's 0 is "no limit".
            count: common.count.filter(|&count| count > 0),
            interval,
            delay,
            recv_timeout,
            linger,
            verbose: common.verbose > 0,
            quiet: common.quiet,
            stats: common.stats,
            progress: common.progress && !stdout_is_terminal,
        })
    }
}

/// The effective --recv-maxsz: the default, or what was asked, never above what this
/// process can allocate (0 asks for that much).
fn recv_max_size(asked: Option<usize>, quiet: bool) -> usize {
    let cap = socket::recv_max_size_cap();
    match asked {
        None => socket::DEFAULT_RECV_MAX_SIZE.min(cap),
        Some(0) => cap,
        Some(asked) if asked > cap => {
            // Said before `report` knows about -q, so it checks for itself.
            if !quiet {
                crate::report::warn(&format!(
                    "--recv-maxsz {} is more than this process can allocate; accepting messages up to {}",
                    socket::human_size(asked),
                    socket::human_size(cap)
                ));
            }
            cap
        }
        Some(asked) => asked,
    }
}

/// What `nncat probe` was asked: the endpoints to probe, or the one to listen at.
#[derive(Clone, Debug)]
pub struct ProbePlan {
    pub urls: Vec<String>,
    pub bind: Option<String>,
    pub timeout: Duration,
    pub json: bool,
    pub count: Option<u64>,
    pub recv_timeout: Option<Duration>,
}

impl ProbePlan {
    pub fn from_args(args: ProbeArgs) -> Result<ProbePlan> {
        if args.timeout.is_zero() {
            return Err(Failure::Usage("--timeout must be longer than 0".into()).into());
        }
        Ok(ProbePlan {
            urls: args.urls,
            bind: args.bind,
            timeout: args.timeout,
            json: args.format == ProbeFormat::Json,
            count: args.count,
            recv_timeout: args.recv_timeout,
        })
    }
}

fn formats(args: &FormatArgs) -> (Format, Format) {
    let shorthand = if args.ascii {
        Some(Format::Ascii)
    } else if args.quoted {
        Some(Format::Quoted)
    } else if args.hex {
        Some(Format::Hex)
    } else if args.msgpack {
        Some(Format::Msgpack)
    } else if args.raw {
        Some(Format::Raw)
    } else {
        None
    };
    let both = args.format.or(shorthand).unwrap_or(Format::Text);
    (
        args.in_format.unwrap_or(both),
        args.out_format.unwrap_or(both),
    )
}

fn json_options(
    args: &FormatArgs,
    input: Format,
    output: Format,
    role: Role,
) -> Result<JsonOptions> {
    let json = input == Format::Json || output == Format::Json;
    if args.timestamp {
        if role == Role::Send {
            return Err(Failure::Usage(
                "--timestamp stamps what is printed, and push and pub print nothing".into(),
            )
            .into());
        }
        // Without a line to put it in front of, the time would corrupt the stream.
        if matches!(output, Format::Msgpack | Format::Raw | Format::No) {
            return Err(Failure::Usage(format!(
                "--timestamp needs a format with one record a line (text, ascii, quoted, hex, json), not {}",
                format_name(output)
            ))
            .into());
        }
    }
    if args.topic_split.is_some() && !json {
        return Err(Failure::Usage("--topic-split needs --format json".into()).into());
    }
    Ok(JsonOptions {
        timestamp: args.timestamp,
        topic_separator: args.topic_split.clone().map(OsString::into_vec),
    })
}

fn format_name(format: Format) -> String {
    use clap::ValueEnum;
    format.to_possible_value().map_or_else(
        || format!("{format:?}"),
        |value| value.get_name().to_string(),
    )
}

fn collect_endpoints(args: EndpointArgs) -> Result<Vec<Endpoint>> {
    let local = |port: u16| format!("tcp://127.0.0.1:{port}");
    let ipc = |path: &Path| format!("ipc://{}", path.display());
    let mut endpoints = Vec::new();
    let binds = args
        .bind
        .into_iter()
        .chain(args.bind_local.into_iter().map(local))
        .chain(args.bind_ipc.iter().map(|p| ipc(p)));
    for url in binds {
        endpoints.push(Endpoint {
            kind: EndpointKind::Bind,
            url,
        });
    }
    let connects = args
        .connect
        .into_iter()
        .chain(args.connect_local.into_iter().map(local))
        .chain(args.connect_ipc.iter().map(|p| ipc(p)));
    for url in connects {
        endpoints.push(Endpoint {
            kind: EndpointKind::Connect,
            url,
        });
    }
    if let Some(empty) = endpoints
        .iter()
        .find(|e| e.url == "ipc://" || e.url == "inproc://")
    {
        return Err(
            Failure::Usage(format!("'{}' needs a path or a name after it", empty.url)).into(),
        );
    }
    for endpoint in &mut endpoints {
        if endpoint.kind == EndpointKind::Bind {
            endpoint.url = loopback_for_localhost(&endpoint.url);
        }
    }
    if endpoints.is_empty() {
        return Err(Failure::Usage(
            "no endpoint: give at least one of --bind URL, --connect URL, -L PORT, -l PORT, -X PATH, -x PATH"
                .into(),
        )
        .into());
    }
    Ok(endpoints)
}

/// Where --exec's command is. Looked up once, before any socket exists, so that a
/// mistyped name is a usage error at start-up, not a warning for every request.
/// A name with a '/' is a path; any other is searched on PATH, as the shell would.
fn find_program(name: &OsStr) -> Result<PathBuf> {
    let shown = name.to_string_lossy();
    let usage = |what: String| Err(Failure::Usage(format!("--exec: {what}")).into());
    if name.is_empty() {
        return usage("the command's name is empty".into());
    }
    if name.as_bytes().contains(&b'/') {
        let path = Path::new(name);
        return match std::fs::metadata(path) {
            Err(_) => usage(format!("'{shown}' not found")),
            Ok(meta) if !meta.is_file() => usage(format!("'{shown}' is not a file")),
            Ok(_) if !executable(path) => usage(format!("'{shown}' is not executable")),
            Ok(_) => Ok(path.to_path_buf()),
        };
    }
    // Without PATH, execvp(3) searches these.
    let search = std::env::var_os("PATH").unwrap_or_else(|| "/bin:/usr/bin".into());
    let mut not_executable = None;
    for dir in std::env::split_paths(&search) {
        // An empty entry is the current folder.
        let candidate = if dir.as_os_str().is_empty() {
            Path::new(".").join(name)
        } else {
            dir.join(name)
        };
        if std::fs::metadata(&candidate).is_ok_and(|meta| meta.is_file()) {
            if executable(&candidate) {
                return Ok(candidate);
            }
            not_executable.get_or_insert(candidate);
        }
    }
    match not_executable {
        Some(path) => usage(format!("'{shown}' is not executable ({})", path.display())),
        None => usage(format!("'{shown}' not found on PATH")),
    }
}

/// Whether this user may run the file, as exec(2) will decide.
fn executable(path: &Path) -> bool {
    CString::new(path.as_os_str().as_bytes())
        // SAFETY: access(2) reads the NUL-terminated path, which lives through the call.
        .is_ok_and(|path| unsafe { libc::access(path.as_ptr(), libc::X_OK) } == 0)
}

fn no_endpoint(args: &EndpointArgs) -> bool {
    args.bind.is_empty()
        && args.connect.is_empty()
        && args.bind_local.is_empty()
        && args.connect_local.is_empty()
        && args.bind_ipc.is_empty()
        && args.connect_ipc.is_empty()
}

/// nanomsg binds an address or an interface name, and `localhost` is neither: it
/// connects to `localhost` but cannot bind it. The loopback address is what is meant.
fn loopback_for_localhost(url: &str) -> String {
    for scheme in ["tcp://", "ws://"] {
        if let Some(port) = url
            .strip_prefix(scheme)
            .and_then(|rest| rest.strip_prefix("localhost:"))
        {
            return format!("{scheme}127.0.0.1:{port}");
        }
    }
    url.to_string()
}

/// Whether the socket needs IPv6: one of its addresses is an IPv6 literal. nanomsg is
/// IPv4-only by default, and with IPv6 on, libnanomsg 1.1.5 aborts when it connects to an
/// IPv4 literal (nanomsg issue #1007, measured: `Assertion failed ... usock_posix.inc:195`).
/// So IPv6 is on only where an address needs it, and there an IPv4 address to connect
/// to is written in its IPv4-mapped IPv6 form, which reaches the same listener.
fn allow_ipv6(endpoints: &mut [Endpoint]) -> bool {
    let needed = endpoints
        .iter()
        .any(|e| tcp_host(&e.url).is_some_and(|host| host.starts_with('[')));
    if needed {
        for endpoint in endpoints.iter_mut() {
            let Some(host) = tcp_host(&endpoint.url) else {
                continue;
            };
            if endpoint.kind == EndpointKind::Connect && host.parse::<Ipv4Addr>().is_ok() {
                let mapped = format!("[::ffff:{host}]");
                endpoint.url = endpoint.url.replacen(host, &mapped, 1);
            }
        }
    }
    needed
}

/// The host of a tcp:// or ws:// address (`[::1]`, `127.0.0.1`, `*`, a name).
fn tcp_host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("tcp://")
        .or_else(|| url.strip_prefix("ws://"))?;
    let address = rest.split('/').next().unwrap_or(rest);
    // tcp's `interface;host:port` connects from a local interface to host.
    let address = address
        .rsplit_once(';')
        .map_or(address, |(_, remote)| remote);
    address.rsplit_once(':').map(|(host, _)| host)
}

/// The bytes of a file, or of all stdin for `-`, read before the socket exists.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut data = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut data)
            .context("cannot read stdin for --file -")?;
        return Ok(data);
    }
    std::fs::read(path).with_context(|| format!("cannot read '{}'", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(kind: EndpointKind, url: &str) -> Endpoint {
        Endpoint {
            kind,
            url: url.into(),
        }
    }

    #[test]
    fn ipv6_is_on_only_with_an_ipv6_address_and_then_ipv4_connects_are_mapped() {
        let mut v4 = vec![
            endpoint(EndpointKind::Connect, "tcp://127.0.0.1:5"),
            endpoint(EndpointKind::Bind, "tcp://*:6"),
        ];
        assert!(!allow_ipv6(&mut v4));
        assert_eq!(v4[0].url, "tcp://127.0.0.1:5");
        let mut mixed = vec![
            endpoint(EndpointKind::Bind, "tcp://[::1]:5"),
            endpoint(EndpointKind::Connect, "ws://127.0.0.1:6/path"),
            endpoint(EndpointKind::Connect, "tcp://localhost:7"),
            endpoint(EndpointKind::Bind, "tcp://127.0.0.1:8"),
        ];
        assert!(allow_ipv6(&mut mixed));
        assert_eq!(mixed[1].url, "ws://[::ffff:127.0.0.1]:6/path");
        assert_eq!(mixed[2].url, "tcp://localhost:7");
        assert_eq!(mixed[3].url, "tcp://127.0.0.1:8");
    }

    #[test]
    fn localhost_binds_the_loopback_address() {
        assert_eq!(
            loopback_for_localhost("tcp://localhost:5"),
            "tcp://127.0.0.1:5"
        );
        assert_eq!(
            loopback_for_localhost("ws://localhost:5"),
            "ws://127.0.0.1:5"
        );
        assert_eq!(
            loopback_for_localhost("ipc://localhost:5"),
            "ipc://localhost:5"
        );
    }
}
