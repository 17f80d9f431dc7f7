/*!
What the user typed, turned into what the program needs: the socket's plan, the formats,
where messages come from, and when to stop. Everything is checked here, once, so the
roles never re-check a flag. The files beside this one check the endpoints
(`endpoints`), the formats (`formats`), rep's --exec command (`exec`) and what probe was
asked (`probe`).
*/

mod endpoints;
mod exec;
mod formats;
mod probe;
mod tls;

pub use exec::ExecPlan;
pub use probe::ProbePlan;

use std::ffi::OsString;
use std::io::{IsTerminal, Read};
use std::os::unix::ffi::OsStringExt;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use nanomsg::Protocol;

use crate::cli::{
    CommonArgs, EndpointArgs, FormatArgs, ReceiveArgs, ReceivingArgs, ReplyArgs, ReqArgs, SendArgs,
    SendReceiveArgs, SendingArgs, SocketCommand, SourceArgs, SubArgs, SurveyArgs, TapArgs,
};
use crate::error::Failure;

use crate::format::{Format, JsonOptions};
use crate::socket::{self, EndpointKind, PeerWait, SocketPlan};

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
    pub linger: Duration,
    pub quiet: bool,
    pub stats: bool,
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
            Type::Push(args) => Plan::from_parts(Role::Send, Protocol::Push, Parts::sender(args)),
            Type::Pub(args) => Plan::from_parts(Role::Send, Protocol::Pub, Parts::sender(args)),
            Type::Pull(args) => {
                Plan::from_parts(Role::Receive, Protocol::Pull, Parts::receiver(args))
            }
            Type::Sub(SubArgs { subscribe, receive }) => {
                let mut plan =
                    Plan::from_parts(Role::Receive, Protocol::Sub, Parts::receiver(receive))?;
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
                let mut plan =
                    Plan::from_parts(Role::Request, Protocol::Req, Parts::both(request))?;
                plan.socket.resend_interval = resend_interval;
                Ok(plan)
            }
            Type::Surveyor(SurveyArgs { deadline, request }) => {
                let mut plan =
                    Plan::from_parts(Role::Request, Protocol::Surveyor, Parts::both(request))?;
                plan.socket.survey_deadline = deadline;
                Ok(plan)
            }
            Type::Rep(args) => Plan::from_reply(Protocol::Rep, args),
            Type::Respondent(args) => Plan::from_reply(Protocol::Respondent, args),
            Type::Pair(args) => Plan::from_parts(Role::Duplex, Protocol::Pair, Parts::both(args)),
            Type::Bus(args) => Plan::from_parts(Role::Duplex, Protocol::Bus, Parts::both(args)),
        }
    }

    /// tap: the --bind endpoints face the clients as a raw TYPE socket, the --connect
    /// endpoints reach the server through a raw socket of TYPE's peer type.
    pub fn from_tap(args: TapArgs) -> Result<Plan> {
        let server = args.kind.protocol();
        let mut plan = Plan::from_parts(
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
        // A tap's machine formats name the client each request came from.
        plan.socket.name_senders = matches!(plan.out_format, Format::Json | Format::Msgpack);
        if plan.socket.name_senders {
            // Every record carries "time" already.
            plan.json.timestamp = false;
        }
        back_plan.protocol = args.kind.peer().protocol();
        back_plan.endpoints = back;
        plan.tap_back = Some(back_plan);
        Ok(plan)
    }

    fn from_reply(protocol: Protocol, args: ReplyArgs) -> Result<Plan> {
        let ReplyArgs {
            data,
            file,
            echo,
            exec,
            exec_timeout,
            exec_max_output,
            jobs,
            endpoints,
            format,
            sending,
            receiving,
            common,
        } = args;
        if jobs > 1 && exec.is_empty() {
            return Err(Failure::Usage(
                "--jobs runs several --exec commands at once: give --exec CMD".into(),
            )
            .into());
        }
        if !exec.is_empty() && endpoints::none_given(&endpoints) {
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
        let mut plan = Plan::from_parts(
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
                program: exec::find_program(name)?,
                command: exec,
                timeout: exec_timeout,
                max_output: exec_max_output,
                jobs,
            })
        } else {
            Answer::Stdin
        };
        // Several requests in hand at once need the raw socket: it keeps no "the one
        // request being answered", and each answer carries its request's backtrace.
        plan.socket.raw = jobs > 1;
        Ok(plan)
    }

    fn from_parts(role: Role, protocol: Protocol, parts: Parts) -> Result<Plan> {
        let Parts {
            mut endpoints,
            format,
            source,
            sending,
            receiving,
            common,
        } = parts;
        let tls_args = std::mem::take(&mut endpoints.tls);
        let mut endpoints = endpoints::collect(endpoints)?;
        let tls = tls::plan(tls_args, &endpoints)?;
        let ipv6 = endpoints::allow_ipv6(&mut endpoints);
        let (in_format, out_format) = formats::in_and_out(&format);
        let timestamp = receiving.as_ref().is_some_and(|r| r.timestamp);
        let mut json = formats::json_options(&format, timestamp, in_format, out_format)?;
        let stdout_is_terminal = std::io::stdout().is_terminal();
        let SourceArgs {
            data,
            file,
            interval,
            delay,
            wait_peers,
            replay,
        } = source;
        if replay && in_format != Format::Json {
            return Err(Failure::Usage(
                "--replay reads JSON records with a \"time\" each: add --format json".into(),
            )
            .into());
        }
        json.replay = replay;
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
                name_senders: false,
                ipv6,
                tls,
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
            linger,
            quiet: common.quiet,
            stats: common.stats,
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
