/*!
What every type's arguments share, checked into a `Plan`: the endpoints and their TLS
files, the formats, where messages come from, the timeouts and limits, and whether to
wait for peers before the first send. `mod.rs` builds on it what each type adds (sub's
topics, rep's answers, tap's two sides); this is the part they all go through.
*/

use std::io::IsTerminal;
use std::os::unix::ffi::OsStringExt;
use std::time::Duration;

use anyhow::Result;
use nanomsg::Protocol;

use super::{Answer, Plan, Role, Source, endpoints, formats, read_file, tls};
use crate::cli::{
    CommonArgs, EndpointArgs, FormatArgs, ReceiveArgs, ReceivingArgs, SendArgs, SendReceiveArgs,
    SendingArgs, SourceArgs,
};
use crate::error::Failure;
use crate::format::Format;
use crate::socket::{self, EndpointKind, PeerWait, SocketPlan};

/// How long a publisher (or surveyor, or bus) that connects waits for its connection before the first
/// message, so `echo hi | nncat pub --connect URL` reaches a bound subscriber:
/// measured on loopback, the connection counts about 200 ms after nn_connect.
const PUB_CONNECT_WAIT: Duration = Duration::from_secs(1);

/// What one subcommand's arguments hold; the parts a type does not have are absent.
pub(super) struct Parts {
    pub(super) endpoints: EndpointArgs,
    pub(super) format: FormatArgs,
    pub(super) source: SourceArgs,
    pub(super) sending: Option<SendingArgs>,
    pub(super) receiving: Option<ReceivingArgs>,
    pub(super) common: CommonArgs,
}

impl Parts {
    pub(super) fn sender(args: SendArgs) -> Parts {
        Parts {
            endpoints: args.endpoints,
            format: args.format,
            source: args.source,
            sending: Some(args.sending),
            receiving: None,
            common: args.common,
        }
    }

    pub(super) fn receiver(args: ReceiveArgs) -> Parts {
        Parts {
            endpoints: args.endpoints,
            format: args.format,
            source: SourceArgs::default(),
            sending: None,
            receiving: Some(args.receiving),
            common: args.common,
        }
    }

    pub(super) fn both(args: SendReceiveArgs) -> Parts {
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
    pub(super) fn from_parts(role: Role, protocol: Protocol, parts: Parts) -> Result<Plan> {
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
                linger,
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
