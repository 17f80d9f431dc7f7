/*!
The doctor's words: what was found at an endpoint a connecting socket gets no peer from,
as a warning that says what to do (a wrong type names the type to use, nothing listening
says nncat is still trying) and as the shorter cause a final error ends with. Apart from
doctor.rs, which decides when to look, so the sentences can be read (and changed) as one
list.
*/

use super::SocketType;
use crate::probe::{self, Identity, ProbeError};

/// The warning, and the cause for a final error, for what `found` at `url` says to a
/// socket of type `own`, which talks to `expected`. None when the endpoint is a fine
/// peer, or the probe cannot tell.
pub(super) fn in_words(
    own: SocketType,
    expected: SocketType,
    url: &str,
    found: &Result<Identity, ProbeError>,
) -> Option<(String, String)> {
    match found {
        Ok(identity) if identity.kind() == Some(expected) => None,
        Ok(identity) if identity.protocol_id == probe::PROBE_PROTOCOL => None,
        Ok(identity) => match identity.kind() {
            Some(found) => {
                let what = if found.can_send() && !found.can_receive() {
                    format!("to receive from a {found}")
                } else if found.can_receive() && !found.can_send() {
                    format!("to send to a {found}")
                } else {
                    format!("to talk to a {found}")
                };
                Some((
                    format!(
                        "{url}: the peer is a {found} socket; {own} talks to {expected} ({what}: nncat {} --connect {url})",
                        found.peer()
                    ),
                    format!("the peer at {url} is a {found} socket"),
                ))
            }
            None => Some((
                format!(
                    "{url}: the peer speaks SP protocol {}, which nncat has no type for; {own} talks to {expected}",
                    identity.protocol_id
                ),
                format!(
                    "the peer at {url} speaks SP protocol {}",
                    identity.protocol_id
                ),
            )),
        },
        Err(why @ (ProbeError::Refused | ProbeError::NoSuchIpcSocket { .. })) => Some((
            format!("nothing is listening at {url} ({why}); still trying"),
            format!("nothing is listening at {url} ({why})"),
        )),
        Err(why) if why.nothing_listening() => Some((
            format!("cannot reach {url}: {why}; still trying"),
            format!("cannot reach {url}: {why}"),
        )),
        // inproc and the like: the probe cannot see there, which says nothing.
        Err(ProbeError::Unsupported(_)) => None,
        // The attempt failed otherwise (an ipc socket this user may not open): said as
        // the system says it, which is all there is to say.
        Err(why @ ProbeError::Failed(_)) => Some((
            format!("cannot reach {url}: {why}; still trying"),
            format!("cannot reach {url}: {why}"),
        )),
        // It names the URL to use, which says more than the type to talk to.
        Err(why @ ProbeError::OtherTransport { .. }) => {
            Some((format!("{url}: {why}"), format!("{url}: {why}")))
        }
        // A certificate refused: nothing to do with the socket types.
        Err(why @ ProbeError::Tls(_)) => Some((
            format!("{url}: {why}; still trying"),
            format!("{url}: {why}"),
        )),
        Err(why) => Some((
            format!("{url}: {why}; {own} talks to {expected}"),
            format!("{url}: {why}"),
        )),
    }
}
