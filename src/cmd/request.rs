/*!
req and surveyor: each input message goes out, and its answers come back to stdout
before the next one is sent. req waits for one reply; surveyor prints every answer
until the survey's deadline.
*/

use anyhow::Result;
use nanomsg::Protocol;

use super::{Messages, Output, Received, because, finish, receive, send};
use crate::exit::Failure;
use crate::options::Plan;
use crate::socket::Socket;

pub fn run(plan: &Plan) -> Result<()> {
    let socket = Socket::open(&plan.socket)?;
    let mut output = Output::new(plan);
    let mut messages = Messages::new(plan, true);
    let result = exchange_all(&socket, plan, &mut messages, &mut output);
    let result = result.and(output.flush());
    finish(&socket, plan, result)
}

fn exchange_all(
    socket: &Socket,
    plan: &Plan,
    messages: &mut Messages,
    output: &mut Output,
) -> Result<()> {
    while let Some(message) = messages.next_message()? {
        send(socket, plan, message)?;
        if plan.socket.protocol == Protocol::Surveyor {
            collect_answers(socket, output)?;
        } else {
            match receive(socket, output) {
                Ok(reply) => output.write(&reply)?,
                Err(Received::TimedOut) => {
                    let message = format!(
                        "no reply within --recv-timeout {}",
                        humantime::format_duration(plan.recv_timeout.unwrap_or_default())
                    );
                    return Err(Failure::Timeout(because(socket, message)).into());
                }
                Err(Received::Failed(err)) => return Err(err),
            }
        }
        if !messages.ready() {
            output.flush()?;
        }
    }
    Ok(())
}

fn collect_answers(socket: &Socket, output: &mut Output) -> Result<()> {
    loop {
        match receive(socket, output) {
            Ok(answer) => output.write(&answer)?,
            Err(Received::TimedOut) => return Ok(()),
            Err(Received::Failed(err)) => return Err(err),
        }
    }
}
