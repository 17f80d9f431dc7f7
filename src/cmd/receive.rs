/*! pull and sub: every message to stdout, until --count, --recv-timeout or a signal. */

use anyhow::Result;

use super::{Output, Received, because, finish, receive};
use crate::exit::Failure;
use crate::options::Plan;
use crate::socket::Socket;

pub fn run(plan: &Plan) -> Result<()> {
    let socket = Socket::open(&plan.socket)?;
    let mut output = Output::new(plan);
    let result = receive_all(&socket, plan, &mut output, || true);
    let result = result.and(output.flush());
    finish(&socket, plan, result)
}

/// Receives until --count is reached, or until --recv-timeout passes with nothing
/// received while `timeout_ends()` says a timeout may end the run. Falling short of
/// --count is a timeout error: a script asked for N messages and did not get them.
pub fn receive_all(
    socket: &Socket,
    plan: &Plan,
    output: &mut Output,
    timeout_ends: impl Fn() -> bool,
) -> Result<()> {
    let mut received = 0u64;
    while plan.count.is_none_or(|count| received < count) {
        match receive(socket, output) {
            Ok(message) => {
                output.write(&message)?;
                received += 1;
            }
            Err(Received::TimedOut) if !timeout_ends() => continue,
            Err(Received::TimedOut) => {
                return match plan.count {
                    Some(count) => {
                        let message = format!(
                            "received {received} of {count} messages before --recv-timeout {} passed",
                            humantime::format_duration(plan.recv_timeout.unwrap_or_default())
                        );
                        Err(Failure::Timeout(because(socket, message)).into())
                    }
                    None => Ok(()),
                };
            }
            Err(Received::Failed(err)) => return Err(err),
        }
    }
    Ok(())
}
