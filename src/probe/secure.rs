/*!
The probe over TLS (tls+tcp, wss): the client configuration it verifies with, the
connection and handshake within the deadline, and a failed handshake in the user's
words; and whether a plain URL's endpoint speaks TLS instead. Beside the plain wire
(`wire`), which it runs over.
*/

use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::ClientConfig;

use super::wire::{self, TlsFailure, connect_tls, is_timeout, read_header};
use super::{Identity, ProbeError};
use crate::boundary::tls::{self, Tls};
use crate::url::Url;

/// Whether a TLS server answers at `url`'s address, asked with no certificate checked;
/// then what `identify` finds behind the handshake, if anything.
pub(super) fn speaks_tls(
    url: &Url,
    timeout: Duration,
    identify: impl FnOnce(wire::TlsWire, Instant) -> Result<Identity, ProbeError>,
) -> Option<Option<Identity>> {
    let deadline = Instant::now() + timeout;
    let wire = connect_tls(url, deadline, timeout, Tls::unverified_client()).ok()?;
    Some(identify(wire, deadline).ok())
}

pub(super) fn read_header_over_tls(
    mut wire: wire::TlsWire,
    deadline: Instant,
) -> Result<Identity, ProbeError> {
    let timeout = deadline.saturating_duration_since(Instant::now());
    read_header(&mut wire, deadline, timeout)
}

/// The client side the probe verifies with: the socket's, else the system's roots.
pub(super) fn client_config(tls: Option<&Tls>) -> Arc<ClientConfig> {
    match tls {
        Some(tls) => tls.client_config(),
        None => match Tls::load(&tls::Files::default()) {
            Ok(tls) => tls.client_config(),
            Err(_) => Tls::unverified_client(),
        },
    }
}

/// A TLS connection to `url`'s address, its failure in words.
pub(super) fn secure(
    url: &Url,
    deadline: Instant,
    timeout: Duration,
    config: Arc<ClientConfig>,
    tls: Option<&Tls>,
) -> Result<wire::TlsWire, ProbeError> {
    connect_tls(url, deadline, timeout, config).map_err(|failure| match failure {
        TlsFailure::Connect(why) => why,
        TlsFailure::Handshake(err) => handshake_failure(&err, url, timeout, tls),
    })
}

/// A TLS failure at `url`'s address in the user's words.
pub(super) fn handshake_failure(
    err: &std::io::Error,
    url: &Url,
    timeout: Duration,
    tls: Option<&Tls>,
) -> ProbeError {
    if is_timeout(err) {
        return ProbeError::NoHeader(timeout);
    }
    let host = wire::host_and_port(url).map(|(host, _)| host).ok();
    let fallback;
    let tls = match tls {
        Some(tls) => tls,
        None => match Tls::load(&tls::Files::default()) {
            Ok(loaded) => {
                fallback = loaded;
                &fallback
            }
            Err(why) => return ProbeError::Tls(why),
        },
    };
    let why = tls.describe(err, "the server", host.as_deref());
    if tls::is_not_tls(err) {
        ProbeError::NotTls(why)
    } else if err.kind() == std::io::ErrorKind::UnexpectedEof {
        ProbeError::NotTls(format!("{why} (does it speak TLS?)"))
    } else {
        ProbeError::Tls(why)
    }
}
