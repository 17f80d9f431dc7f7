//! What `nncat probe` was asked, checked.

use std::time::Duration;

use anyhow::Result;

use crate::cli::{ProbeArgs, ProbeFormat};
use crate::error::Failure;
use crate::url::Url;

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
        }
        let bind = args.bind.map(Url::new);
        if bind.is_none() {
            for (option, given) in [
                ("--count", args.count.is_some()),
                ("--recv-timeout", args.recv_timeout.is_some()),
            ] {
                if given {
                    return Err(Failure::Usage(format!(
                        "{option} says when probe --bind stops listening; probing URLs, use --timeout"
                    ))
                    .into());
                }
            }
        }
        if let Some(url) = &bind {
            super::endpoints::check_url(url, "bind to")?;
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
