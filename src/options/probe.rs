//! What `nncat probe` was asked, checked.

use std::time::Duration;

use anyhow::Result;

use crate::cli::{ProbeArgs, ProbeFormat};
use crate::error::Failure;
use crate::socket::IPC_PATH_MAX;
use crate::url::{Scheme, Url};

/// What `nncat probe` was asked: the endpoints to probe, or the one to listen at.
#[derive(Clone, Debug)]
pub struct ProbePlan {
    pub urls: Vec<Url>,
    pub bind: Option<Url>,
    pub timeout: Duration,
    pub json: bool,
    pub count: Option<u64>,
    pub recv_timeout: Option<Duration>,
    /// How TLS endpoints are verified; None when no URL is one.
    pub tls: Option<crate::boundary::tls::Tls>,
}

impl ProbePlan {
    pub fn from_args(args: ProbeArgs) -> Result<ProbePlan> {
        if args.timeout.is_zero() {
            return Err(Failure::Usage("--timeout must be longer than 0".into()).into());
        }
        let urls: Vec<Url> = args.urls.into_iter().map(Url::new).collect();
        for url in &urls {
            super::endpoints::check_url(url, "probe")?;
            check_address(url, "probe")?;
        }
        let bind = args.bind.map(Url::new);
        let listening_only = super::first_given(&[
            ("--count", args.count.is_some()),
            ("--recv-timeout", args.recv_timeout.is_some()),
        ]);
        if let Some(option) = listening_only.filter(|_| bind.is_none()) {
            return Err(Failure::Usage(format!(
                "{option} says when probe --bind stops listening; probing URLs, use --timeout"
            ))
            .into());
        }
        if let Some(url) = &bind {
            super::endpoints::check_url(url, "bind to")?;
            check_address(url, "bind to")?;
            if url.is_tls() {
                return Err(Failure::Usage(format!(
                    "probe --bind listens on tcp://, ipc:// or ws:// only; to see TLS clients, bind a socket of their peer type with -v: nncat TYPE --bind {url} --cert FILE -v"
                ))
                .into());
            }
        }
        let tls = super::tls::probe_plan(args.tls, &urls)?;
        Ok(ProbePlan {
            urls,
            bind,
            timeout: args.timeout,
            json: args.format == ProbeFormat::Json,
            count: args.count.filter(|&count| count > 0),
            recv_timeout: args.recv_timeout,
            tls,
        })
    }
}

/// What makes an address one the probe can never use, said before any probe runs, as
/// the types say it (exit 2): an unknown transport, a port out of range, an ipc path
/// that is empty or longer than a Unix socket holds. Port 0 is for --bind only.
fn check_address(url: &Url, verb: &str) -> Result<()> {
    let why = match url.scheme() {
        None if !url.has_scheme() => {
            Some("it needs a scheme, as in tcp://127.0.0.1:5555 or ipc:///tmp/sock".to_string())
        }
        None => Some("unknown transport: use tcp://, ipc://, ws://, tls+tcp:// or wss://".into()),
        Some(Scheme::Ipc) if url.path().is_empty() => Some("ipc:// needs a path".into()),
        Some(Scheme::Ipc) if url.path().len() > IPC_PATH_MAX => Some(format!(
            "the path is {} bytes; a Unix socket path holds at most {IPC_PATH_MAX}",
            url.path().len()
        )),
        Some(scheme) if scheme.over_tcp() => match url.port_number() {
            Some(0) if verb == "probe" => Some("port 0 is no server's port".into()),
            Some(_) => None,
            None => Some(format!(
                "'{}' is not a port from 1 to 65535",
                url.port().unwrap_or_default()
            )),
        },
        _ => None,
    };
    match why {
        Some(why) => Err(Failure::Usage(format!("cannot {verb} '{url}': {why}")).into()),
        None => Ok(()),
    }
}
