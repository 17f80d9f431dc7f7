/*!
The probe over ws and wss: the type is in the HTTP upgrade, so each socket type is
asked in turn, one short connection each (see the module doc of `probe`).
*/

use std::io::Write;
use std::time::{Duration, Instant};

use super::wire::{Wire, is_timeout, read_until};
use super::{Identity, MAGIC, NNG_PAIR1, ProbeError};
use crate::kind::SocketType;
use crate::url::Url;

/// Over ws (`url` a ws or wss URL), asks for each type in turn, each on a stream `open`
/// makes; the one the server answers 101 to is its own.
pub(super) fn probe_ws(
    url: &Url,
    open: &dyn Fn() -> Result<Box<dyn Wire>, ProbeError>,
    timeout: Duration,
) -> Result<Identity, ProbeError> {
    let deadline = Instant::now() + timeout;
    let authority = url.address();
    let path = match url.resource() {
        "" => "/",
        path => path,
    };
    let names = SocketType::ALL
        .iter()
        .map(|kind| (kind.name(), kind.protocol_id()))
        .chain([NNG_PAIR1]);
    let mut refusal = None;
    for (name, protocol_id) in names {
        let mut stream = open()?;
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {authority}\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Key: bm5jYXQgcHJvYmUgMTIzNA==\r\n\
             Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: {name}.sp.nanomsg.org\r\n\r\n"
        );
        let _ = stream.set_timeout(deadline.saturating_duration_since(Instant::now()));
        if let Err(err) = stream.write_all(request.as_bytes()) {
            return Err(ProbeError::Failed(format!(
                "cannot send the ws upgrade: {}",
                crate::report::without_os_error_numbers(&err.to_string())
            )));
        }
        let mut got = Vec::new();
        // An SP header instead (a tcp endpoint) ends the wait too: it has no line end.
        let status_line = |seen: &[u8]| {
            seen.windows(2).any(|pair| pair == b"\r\n")
                || (seen.len() >= 8 && seen.starts_with(&MAGIC))
        };
        match read_until(stream.as_mut(), &mut got, deadline, status_line) {
            Ok(_) => {}
            Err(err) if is_timeout(&err) && got.is_empty() => {
                return Err(ProbeError::NoHeader(timeout));
            }
            Err(_) => {}
        }
        if got.is_empty() {
            return Err(ProbeError::ClosedWithoutHeader(got));
        }
        let line_end = got
            .windows(2)
            .position(|pair| pair == b"\r\n")
            .unwrap_or(got.len());
        let status = String::from_utf8_lossy(&got[..line_end]).into_owned();
        let code = status
            .strip_prefix("HTTP/1.1 ")
            .or_else(|| status.strip_prefix("HTTP/1.0 "))
            .and_then(|rest| rest.get(..3));
        match code {
            Some("101") => return Ok(Identity { protocol_id }),
            Some("400") => refusal = Some(status),
            Some(_) => return Err(ProbeError::WsAnswered(status)),
            None => return Err(ProbeError::NotSp(got)),
        }
    }
    Err(ProbeError::WsRefusedEveryType(refusal.unwrap_or_default()))
}
