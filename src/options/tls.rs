//! nngcat's TLS options, checked against the endpoints and read, once, before anything
//! binds: a file that is missing, unreadable, not PEM, or a key that does not match its
//! certificate is a usage error (exit 2), said before a peer could meet it.

use anyhow::Result;

use crate::boundary::tls::{Files, Tls};
use crate::cli::TlsArgs;
use crate::error::Failure;
use crate::socket::{Endpoint, EndpointKind};
use crate::url::Url;

/// The TLS of a socket with `endpoints`: None without a TLS endpoint, where the options
/// would mean nothing and are refused.
pub(super) fn plan(args: TlsArgs, endpoints: &[Endpoint]) -> Result<Option<Tls>> {
    let files = files(args);
    let tls_endpoints: Vec<&Endpoint> = endpoints.iter().filter(|e| e.url.is_tls()).collect();
    if tls_endpoints.is_empty() {
        refuse_without_tls(&files)?;
        return Ok(None);
    }
    if files.cert.is_none()
        && let Some(bound) = tls_endpoints.iter().find(|e| e.kind == EndpointKind::Bind)
    {
        return Err(Failure::Usage(format!(
            "cannot bind to '{}': a TLS server needs a certificate: give --cert FILE (a PEM chain, with its key or with --key FILE)",
            bound.url
        ))
        .into());
    }
    // A bound side asks no client for a certificate (boundary/tls.rs says why).
    let connecting_only = super::first_given(&[
        ("--cacert", files.cacert.is_some()),
        ("--insecure", files.insecure),
    ]);
    let connects = tls_endpoints
        .iter()
        .any(|e| e.kind == EndpointKind::Connect);
    if let Some(option) = connecting_only.filter(|_| !connects) {
        return Err(Failure::Usage(format!(
            "{option} is about the servers nncat connects to, and no TLS endpoint is a --connect (a TLS --bind asks no client for a certificate)"
        ))
        .into());
    }
    refuse_both_checks(&files)?;
    load(&files).map(Some)
}

/// --insecure checks no certificate: a --cacert beside it would never be read.
fn refuse_both_checks(files: &Files) -> Result<()> {
    if files.insecure && files.cacert.is_some() {
        return Err(Failure::Usage(
            "--insecure checks no certificate, so --cacert would never be read: give one of them"
                .into(),
        )
        .into());
    }
    Ok(())
}

/// The TLS for probing `urls` (TLS ones verified with the options given).
pub(super) fn probe_plan(args: TlsArgs, urls: &[Url]) -> Result<Option<Tls>> {
    let files = files(args);
    if !urls.iter().any(|url| url.is_tls()) {
        refuse_without_tls(&files)?;
        return Ok(None);
    }
    refuse_both_checks(&files)?;
    load(&files).map(Some)
}

fn files(args: TlsArgs) -> Files {
    Files {
        cert: args.cert,
        key: args.key,
        cacert: args.cacert,
        insecure: args.insecure,
    }
}

fn load(files: &Files) -> Result<Tls> {
    Tls::load(files).map_err(|why| Failure::Usage(why).into())
}

/// TLS options without a TLS endpoint are a mistake, as other options that do not apply.
fn refuse_without_tls(files: &Files) -> Result<()> {
    let given = super::first_given(&[
        ("--cert", files.cert.is_some()),
        ("--key", files.key.is_some()),
        ("--cacert", files.cacert.is_some()),
        ("--insecure", files.insecure),
    ]);
    match given {
        Some(option) => Err(Failure::Usage(format!(
            "{option} applies only to TLS endpoints (tls+tcp://HOST:PORT, wss://HOST:PORT/PATH), and none is given"
        ))
        .into()),
        None => Ok(()),
    }
}
