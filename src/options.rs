/*!
What the user typed, turned into what the program needs: the socket's plan, the formats,
where messages come from, and when to stop. Everything is checked here, once, so the
roles never re-check a flag.
*/

use std::ffi::OsString;
use std::io::{IsTerminal, Read};
use std::os::unix::ffi::OsStringExt;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use nanomsg::Protocol;

use crate::cli::{
    CommonArgs, EndpointArgs, FormatArgs, ProbeArgs, ProbeFormat, ReceiveArgs, ReplyArgs, ReqArgs,
    SendArgs, SocketCommand, SourceArgs, SubArgs, SurveyArgs, TapArgs,
};
use crate::exit::Failure;
use crate::format::{Format, JsonOptions};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndpointKind {
    Bind,
    Connect,
}

#[derive(Clone, Debug)]
pub struct Endpoint {
    pub kind: EndpointKind,
    pub url: String,
}

#[derive(Clone, Debug)]
pub struct PeerWait {
    pub count: u64,
    pub timeout: Option<Duration>,
    /// Whether not reaching `count` in time is an error (the user asked for it).
    pub required: bool,
}

#[derive(Clone, Debug)]
pub struct SocketPlan {
    pub protocol: Protocol,
    /// A raw socket (AF_SP_RAW), as a device uses: it forwards protocol headers.
    pub raw: bool,
    pub endpoints: Vec<Endpoint>,
    pub recv_timeout: Option<Duration>,
    pub send_timeout: Option<Duration>,
    pub recv_max_size: Option<usize>,
    pub socket_name: Option<String>,
    pub subscriptions: Vec<Vec<u8>>,
    pub survey_deadline: Option<Duration>,
    /// req: resend an unanswered request after this (nanomsg's default: 60s).
    pub resend_interval: Option<Duration>,
    pub wait_peers: Option<PeerWait>,
    pub verbose: bool,
    pub progress: bool,
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
    Exec {
        command: Vec<OsString>,
        timeout: Duration,
    },
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

impl Plan {
    pub fn from_command(command: SocketCommand) -> Result<Plan> {
        use SocketCommand as Type;
        let sending = |role, protocol, args: SendArgs| {
            Plan::build(
                role,
                protocol,
                args.endpoints,
                args.format,
                args.source,
                args.common,
            )
        };
        let receiving = |protocol, args: ReceiveArgs| {
            let source = SourceArgs::default();
            Plan::build(
                Role::Receive,
                protocol,
                args.endpoints,
                args.format,
                source,
                args.common,
            )
        };
        match command {
            Type::Push(args) => sending(Role::Send, Protocol::Push, args),
            Type::Pub(args) => sending(Role::Send, Protocol::Pub, args),
            Type::Pull(args) => receiving(Protocol::Pull, args),
            Type::Sub(SubArgs { subscribe, receive }) => {
                let mut plan = receiving(Protocol::Sub, receive)?;
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
                let mut plan = sending(Role::Request, Protocol::Req, request)?;
                plan.socket.resend_interval = resend_interval;
                Ok(plan)
            }
            Type::Surveyor(SurveyArgs { deadline, request }) => {
                let mut plan = sending(Role::Request, Protocol::Surveyor, request)?;
                plan.socket.survey_deadline = deadline;
                Ok(plan)
            }
            Type::Rep(args) => Plan::build_reply(Protocol::Rep, args),
            Type::Respondent(args) => Plan::build_reply(Protocol::Respondent, args),
            Type::Pair(args) => sending(Role::Duplex, Protocol::Pair, args),
            Type::Bus(args) => sending(Role::Duplex, Protocol::Bus, args),
        }
    }

    /// tap: the --bind endpoints face the clients as a raw TYPE socket, the --connect
    /// endpoints reach the server through a raw socket of TYPE's peer type.
    pub fn for_tap(args: TapArgs) -> Result<Plan> {
        let server = args.kind.protocol();
        let mut plan = Plan::build(
            Role::Tap,
            server,
            args.endpoints,
            args.format,
            SourceArgs::default(),
            args.common,
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
            endpoints,
            format,
            common,
        } = args;
        let mut plan = Plan::build(
            Role::Reply,
            protocol,
            endpoints,
            format,
            SourceArgs::default(),
            common,
        )?;
        plan.answer = if let Some(data) = data {
            Answer::Fixed(data.into_vec())
        } else if let Some(path) = file {
            Answer::Fixed(read_file(&path)?)
        } else if echo {
            Answer::Echo
        } else if !exec.is_empty() {
            Answer::Exec {
                command: exec,
                timeout: exec_timeout,
            }
        } else {
            Answer::Stdin
        };
        Ok(plan)
    }

    fn build(
        role: Role,
        protocol: Protocol,
        endpoints: EndpointArgs,
        format: FormatArgs,
        source: SourceArgs,
        common: CommonArgs,
    ) -> Result<Plan> {
        let endpoints = collect_endpoints(endpoints)?;
        let (in_format, out_format) = formats(&format);
        let json = json_options(&format, in_format, out_format, role == Role::Tap)?;
        let stdout_is_terminal = std::io::stdout().is_terminal();
        let SourceArgs {
            data,
            file,
            interval,
            delay,
        } = source;
        let source = match (data, file) {
            (Some(data), _) => Source::Fixed(data.into_vec()),
            (None, Some(path)) => Source::Fixed(read_file(&path)?),
            (None, None) => Source::Stdin,
        };
        let connects = endpoints.iter().any(|e| e.kind == EndpointKind::Connect);
        let wait_peers = match common.wait_peers {
            Some(count) => Some(PeerWait {
                count,
                timeout: common.send_timeout,
                required: true,
            }),
            // req queues a request for a peer that may come later, so its send never
            // times out: --send-timeout bounds the wait for a first peer instead.
            None if protocol == Protocol::Req && common.send_timeout.is_some() => Some(PeerWait {
                count: 1,
                timeout: common.send_timeout,
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
                recv_timeout: common.recv_timeout,
                send_timeout: common.send_timeout,
                recv_max_size: common.recv_maxsz,
                socket_name: common.socket_name,
                subscriptions: Vec::new(),
                survey_deadline: None,
                resend_interval: None,
                wait_peers,
                verbose: common.verbose > 0,
                progress: common.progress && !stdout_is_terminal,
            },
            tap_back: None,
            in_format,
            out_format,
            separator: if format.null { 0 } else { b'\n' },
            escape_controls: stdout_is_terminal,
            json,
            source,
            answer: Answer::Stdin,
            topics: Vec::new(),
            count: common.count,
            interval,
            delay,
            recv_timeout: common.recv_timeout,
            linger: common.linger,
            verbose: common.verbose > 0,
            quiet: common.quiet,
            stats: common.stats,
            progress: common.progress && !stdout_is_terminal,
        })
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

/// `tap`: tap prints a timestamp before each record in any format.
fn json_options(
    args: &FormatArgs,
    input: Format,
    output: Format,
    tap: bool,
) -> Result<JsonOptions> {
    let json = input == Format::Json || output == Format::Json;
    if args.timestamp && output != Format::Json && !tap {
        return Err(Failure::Usage(
            "--timestamp needs --format json (or --out-format json), or tap".into(),
        )
        .into());
    }
    if args.topic_split.is_some() && !json {
        return Err(Failure::Usage("--topic-split needs --format json".into()).into());
    }
    Ok(JsonOptions {
        timestamp: args.timestamp,
        topic_separator: args.topic_split.clone().map(OsString::into_vec),
    })
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
    if endpoints.is_empty() {
        return Err(Failure::Usage(
            "no endpoint: give at least one of --bind URL, --connect URL, -L PORT, -l PORT, -X PATH, -x PATH"
                .into(),
        )
        .into());
    }
    Ok(endpoints)
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
