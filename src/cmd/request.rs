/*!
req and surveyor: each input message goes out, and its answers come back to stdout
before the next one is sent. req waits for one reply; surveyor prints every answer
until the survey's deadline.
*/

use anyhow::Result;
use nanomsg::Protocol;

use super::round_trips::RoundTrips;
use super::unheard::Unheard;
use super::{Messages, Output, Received, finish, receive, send, timed_out};
use crate::options::Plan;
use crate::report;
use crate::socket::Socket;

pub fn run(plan: &Plan) -> Result<()> {
    let socket = Socket::open(&plan.socket)?;
    let mut output = Output::new(plan)?;
    let mut messages = Messages::new(plan, true)?;
    let mut trips = RoundTrips::new(plan.stats);
    let mut unheard = Unheard::new(plan);
    let result = exchange_all(
        &socket,
        plan,
        &mut messages,
        &mut output,
        &mut trips,
        &mut unheard,
    );
    let result = result.and(output.flush());
    let interrupted = result.as_ref().err().is_some_and(super::is_halt);
    let result = finish(&socket, plan, result);
    let what = match plan.socket.protocol {
        Protocol::Surveyor => "answers",
        _ => "replies",
    };
    if let Some(summary) = trips.summary(what).filter(|_| !interrupted) {
        report::say(&format!("stats: {summary}"));
    }
    result
}

fn exchange_all(
    socket: &Socket,
    plan: &Plan,
    messages: &mut Messages,
    output: &mut Output,
    trips: &mut RoundTrips,
    unheard: &mut Unheard,
) -> Result<()> {
    while let Some(message) = messages.next_message()? {
        let sent = trips.start();
        send(socket, plan, message)?;
        let _ = unheard.sent(socket, message);
        if plan.socket.protocol == Protocol::Surveyor {
            collect_answers(socket, output, trips, sent)?;
        } else {
            match receive(socket, output) {
                Ok(reply) => {
                    trips.record(sent);
                    output.write(&reply)?
                }
                Err(Received::TimedOut) => {
                    let message = format!(
                        "no reply within --recv-timeout {}",
                        humantime::format_duration(plan.socket.recv_timeout.unwrap_or_default())
                    );
                    return Err(timed_out(socket, message));
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

fn collect_answers(
    socket: &Socket,
    output: &mut Output,
    trips: &mut RoundTrips,
    sent: Option<std::time::Instant>,
) -> Result<()> {
    loop {
        match receive(socket, output) {
            Ok(answer) => {
                trips.record(sent);
                output.write(&answer)?
            }
            Err(Received::TimedOut) => return Ok(()),
            Err(Received::Failed(err)) => return Err(err),
        }
    }
}
