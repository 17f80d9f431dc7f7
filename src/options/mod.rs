/*!
What the user typed, turned into what the program needs: the socket's plan, the formats,
where messages come from, and when to stop. Everything is checked here, once, so the
roles never re-check a flag. The files beside this one check what every type shares
(`parts`), the endpoints (`endpoints`), the formats (`formats`), rep's --exec command
(`exec`) and what probe was asked (`probe`).
*/

mod endpoints;
mod exec;
mod formats;
mod parts;
mod probe;
mod tls;

pub use exec::ExecPlan;
pub use probe::ProbePlan;

use std::ffi::OsString;
use std::io::Read;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use nanomsg::Protocol;

use crate::cli::{ReplyArgs, ReqArgs, SocketCommand, SourceArgs, SubArgs, SurveyArgs, TapArgs};
use crate::error::Failure;
use crate::format::{Format, JsonOptions};
use crate::socket::{EndpointKind, SocketPlan};
use parts::Parts;

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
    pub quiet: bool,
    pub stats: bool,
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
        // One --progress line: the clients' side counts every message either way, and
        // two sockets drawing in turn on one line would flicker between two counts.
        back_plan.progress = false;
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
        let exec_only = first_given(&[
            ("--exec-timeout", exec_timeout.is_some()),
            ("--exec-max-output", exec_max_output.is_some()),
            ("--jobs", jobs.is_some()),
        ]);
        if let Some(option) = exec_only.filter(|_| exec.is_empty()) {
            return Err(Failure::Usage(format!(
                "{option} is about --exec commands: give --exec CMD (last), or leave {option} out"
            ))
            .into());
        }
        let jobs = jobs.unwrap_or(1);
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
                timeout: exec_timeout.unwrap_or(exec::DEFAULT_TIMEOUT),
                max_output: exec_max_output.unwrap_or(exec::DEFAULT_MAX_OUTPUT),
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
}

/// The first of `options` the command line gave (each with whether it did), for the
/// usage error that names it.
fn first_given(options: &[(&'static str, bool)]) -> Option<&'static str> {
    options
        .iter()
        .find(|(_, given)| *given)
        .map(|(option, _)| *option)
}

/// The bytes of a file, or of all stdin for `-`, read before the socket exists.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut data = Vec::new();
        crate::os::Blocking(std::io::stdin().lock())
            .read_to_end(&mut data)
            .context("cannot read stdin for --file -")?;
        return Ok(data);
    }
    std::fs::read(path).with_context(|| format!("cannot read '{}'", path.display()))
}
