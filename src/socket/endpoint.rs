/*!
Endpoints before and after libnanomsg sees them: the checks it lacks, and what its
terse errors mean for the user.

libnanomsg aborts on an ipc path of 108 to 121 bytes (an assertion in bipc.c and
cipc.c), and its bind unlinks whatever is at the path, a regular file or another
process's live socket included. So nncat checks ipc paths first.
*/

use std::path::Path;

use anyhow::Result;
use nanomsg::Error as NnError;

use super::Errno;
use super::{Endpoint, EndpointKind};
use crate::error::Failure;
use crate::url::{Scheme, Url};

/// The longest ipc path: `sun_path` holds 108 bytes with the closing NUL.
pub const IPC_PATH_MAX: usize = 107;

/// Refuses what libnanomsg would abort on or destroy: an ipc path too long for a Unix
/// socket (a usage error), and binding over a file that is not a socket, or over a
/// socket another process is listening on.
pub fn check(endpoint: &Endpoint) -> Result<()> {
    if endpoint.url.scheme() != Some(Scheme::Ipc) {
        return Ok(());
    }
    let path = endpoint.url.path();
    if path.len() > IPC_PATH_MAX {
        return Err(Failure::Usage(format!(
            "the ipc path in '{}' is {} bytes; a Unix socket path holds at most {IPC_PATH_MAX} (use a shorter folder, or a relative path)",
            endpoint.url,
            path.len()
        ))
        .into());
    }
    if endpoint.kind == EndpointKind::Bind {
        crate::os::check_bind_target(&endpoint.url, Path::new(path))?;
    }
    Ok(())
}

/// What can be known of `plan`'s --bind endpoints without binding them: a transport
/// nncat knows, a port it can bind, an ipc path it may use. For a socket that binds
/// only after a wait (tap's clients' side, after the server is reached), so that a
/// typo is said at once, as it is where binding comes first.
pub fn check_binds(plan: &super::SocketPlan) -> Result<()> {
    for endpoint in plan
        .endpoints
        .iter()
        .filter(|e| e.kind == EndpointKind::Bind)
    {
        check(endpoint)?;
        let url = &endpoint.url;
        let err = if url.scheme().is_none() {
            Some(libc::EPROTONOSUPPORT)
        } else if url.over_tcp() && super::any_port::AnyPort::of(url).is_none() {
            crate::boundary::address::parse_bind(url, !plan.ipv6)
                .err()
                .map(|err| err.raw_os_error().unwrap_or(libc::EINVAL))
        } else {
            None
        };
        if let Some(err) = err {
            return Err(attach_error(Errno(err), endpoint));
        }
    }
    Ok(())
}

/// A failed bind or connect, as the user reads it.
pub(super) fn attach_error(err: Errno, endpoint: &Endpoint) -> anyhow::Error {
    let verb = match endpoint.kind {
        EndpointKind::Bind => "bind to",
        EndpointKind::Connect => "connect to",
    };
    let message = format!(
        "cannot {verb} '{}': {}",
        endpoint.url,
        explain(err, endpoint)
    );
    // A malformed address is the user's typing; anything else is the world's.
    match err.kind() {
        NnError::InvalidInput | NnError::ProtocolNotSupported | NnError::NameTooLong => {
            Failure::Usage(message).into()
        }
        _ => anyhow::anyhow!(message),
    }
}

/// Says what libnanomsg's terse error means for this endpoint.
pub(super) fn explain(err: Errno, endpoint: &Endpoint) -> String {
    match err.kind() {
        NnError::InvalidInput => {
            let ws_path = endpoint
                .url
                .scheme()
                .filter(|scheme| scheme.has_resource() && !endpoint.url.resource().is_empty());
            if let Some(scheme) = ws_path
                && endpoint.kind == EndpointKind::Bind
            {
                let scheme = scheme.name();
                format!(
                    "invalid address: nncat binds {scheme}:// without a path ({scheme}://HOST:PORT), as libnanomsg binds ws://; peers may connect with any path"
                )
            } else if !endpoint.url.has_scheme() {
                "invalid address: it needs a scheme, as in tcp://127.0.0.1:5555 or ipc:///tmp/sock"
                    .into()
            } else {
                "invalid address (tcp needs HOST:PORT with a port from 1 to 65535; ipc a path)"
                    .into()
            }
        }
        NnError::ProtocolNotSupported => {
            "unknown transport: use tcp://, ipc://, ws://, tls+tcp://, wss:// or inproc://".into()
        }
        NnError::AddressInUse => "address already in use".into(),
        NnError::NoDevice => "no such network interface or host".into(),
        _ if err.0 == libc::ENOENT && endpoint.url.scheme() == Some(Scheme::Ipc) => {
            "the folder for the ipc socket does not exist".into()
        }
        _ => err.to_string(),
    }
}

pub(super) fn reachable_from_other_hosts(url: &Url) -> bool {
    url.over_tcp() && !url.is_loopback()
}
