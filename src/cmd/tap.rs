/*!
tap: a device between clients and a server, like nn_device, that also prints every
message it forwards: `> ` toward the server, `< ` back to the clients.

Both sockets are raw, so protocol headers (the backtrace that routes a reply to its
requester) travel with each message untouched, and several clients can talk through
one tap at once. One thread forwards each direction.
*/

use std::sync::{Arc, Mutex};
use std::thread;

use anyhow::{Context, Result};

use nanomsg::Protocol;

use super::{Output, Received};
use crate::error::Failure;
use crate::options::Plan;
use crate::report;
use crate::socket::PeerWait;
use crate::socket::{self, Meaning, Socket};

pub fn run(plan: &Plan) -> Result<()> {
    let mut back_plan = plan
        .tap_back
        .clone()
        .context("tap has no server endpoint")?;
    // Reach the server before the clients can reach us: a bus or survey message that
    // arrived with no server behind the tap would be dropped. --recv-timeout bounds
    // the wait, as it bounds every other wait of a tap.
    back_plan.wait_peers = Some(PeerWait {
        count: 1,
        timeout: plan.socket.recv_timeout,
        required: true,
    });
    // The socket's own message names the cause it found (nothing listening, a server of
    // another type); it only needs to say whose wait it was.
    let back = Socket::open(&back_plan).map_err(|err| match err.downcast_ref::<Failure>() {
        Some(Failure::Timeout(message, reason)) => {
            Failure::Timeout(format!("tap reached no server: {message}"), *reason).into()
        }
        _ => err,
    })?;
    let back = Arc::new(back);
    let front = Arc::new(Socket::open(&plan.socket)?);
    let output = Arc::new(Mutex::new(Output::new(plan)?));
    // Replies to a raw req or surveyor keep the rest of their backtrace in the body.
    let strip_backtrace = matches!(back_plan.protocol, Protocol::Req | Protocol::Surveyor);

    // push and pub cannot receive: a tap in front of a pull or sub server forwards one
    // way only, and so does one in front of a push or pub server.
    let upstream = can_receive(plan.socket.protocol).then(|| {
        let (from, to, output) = (Arc::clone(&front), Arc::clone(&back), Arc::clone(&output));
        thread::Builder::new()
            .name("toward server".into())
            .spawn(move || forward(&from, &to, &output, b"> ", false))
    });
    let upstream = upstream.transpose()?;
    let result = if can_receive(back_plan.protocol) {
        forward(&back, &front, &output, b"< ", strip_backtrace)
    } else {
        match upstream {
            Some(upstream) => return upstream.join().unwrap_or(Ok(())),
            None => Ok(()),
        }
    };
    // Either direction ending ends the tap; the other is blocked in nanomsg.
    socket::terminate_all();
    let upstream = upstream.map_or(Ok(()), |u| u.join().unwrap_or(Ok(())));
    match (result, upstream) {
        (Err(err), _) | (Ok(()), Err(err)) => Err(err),
        (Ok(()), Ok(())) => Ok(()),
    }
}

fn can_receive(protocol: Protocol) -> bool {
    !matches!(protocol, Protocol::Push | Protocol::Pub)
}

fn forward(
    from: &Socket,
    to: &Socket,
    output: &Mutex<Output>,
    direction: &[u8],
    strip_backtrace: bool,
) -> Result<()> {
    loop {
        let message = match from.recv_raw() {
            Ok(message) => message,
            Err(err) => {
                return match Received::from(err) {
                    Received::TimedOut => Ok(()),
                    Received::Failed(err) => Err(err),
                };
            }
        };
        {
            let mut output = output
                .lock()
                .map_err(|_| anyhow::anyhow!("the other direction failed while printing"))?;
            output.write_prefix(direction)?;
            let payload = if strip_backtrace {
                without_backtrace(&message)
            } else {
                &message[..]
            };
            output.write(payload)?;
            output.flush()?;
        }
        match to.send_raw(message) {
            Ok(()) => {}
            Err(err) => match err.meaning() {
                Meaning::Stopped => return Err(super::halted()),
                Meaning::Interrupted => {
                    report::warn("a message was lost: interrupted while forwarding it");
                }
                _ => return Err(anyhow::anyhow!("cannot forward: {err}")),
            },
        }
    }
}

/// The message after its backtrace: 4-byte hops up to the request id, the first word
/// with its top bit set. The backtrace still travels on; only the printout skips it.
fn without_backtrace(message: &[u8]) -> &[u8] {
    let mut at = 0;
    while let Some(word) = message.get(at..at + 4) {
        at += 4;
        if word[0] & 0x80 != 0 {
            return &message[at..];
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::without_backtrace;

    #[test]
    fn backtrace_ends_at_the_word_with_the_top_bit() {
        assert_eq!(without_backtrace(b"\x80\0\0\x01hi"), b"hi");
        assert_eq!(without_backtrace(b"\0\0\0\x02\x80\0\0\x01hi"), b"hi");
        assert_eq!(without_backtrace(b"\0\0"), b"\0\0");
    }
}
