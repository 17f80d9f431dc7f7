/*!
rep and respondent: print each request, then answer it with the next stdin record,
--data/--file, --echo, or the output of an --exec command (run by `exec.rs`).

A failed --exec command gets no answer: any answer nncat made up (an empty message,
the partial output) would reach the requester as the handler's own. The failure is
reported on stderr and by nncat's exit code instead.
*/

use anyhow::Result;

use super::exec;
use super::failures::Failures;
use super::jobs;
use super::{Messages, Output, Received, finish, receive, send, timed_out};
use crate::options::{Answer, ExecPlan, Plan};
use crate::report;
use crate::socket::Socket;

pub fn run(plan: &Plan) -> Result<()> {
    let socket = Socket::open(&plan.socket)?;
    let mut output = Output::new(plan)?;
    let mut responder = match &plan.answer {
        Answer::Stdin => {
            let mut answers = Messages::answers(plan)?;
            if answers.ended_now()? {
                listening(&socket, plan);
                Responder::Listen
            } else {
                Responder::Stdin(Box::new(answers))
            }
        }
        Answer::Fixed(data) => Responder::Fixed(data),
        Answer::Echo => Responder::Echo,
        Answer::Exec(exec) => Responder::Exec(exec, Failures::default()),
    };
    let result = match &mut responder {
        Responder::Exec(command, failures) if command.jobs > 1 => {
            jobs::answer_concurrently(&socket, plan, &mut output, command, failures)
        }
        _ => answer_all(&socket, plan, &mut output, &mut responder),
    };
    let result = result.and(output.flush());
    let result = finish(&socket, plan, result);
    match responder {
        Responder::Exec(_, failures) => failures.outcome(result),
        _ => result,
    }
}

/// nanocat's own example of a rep that only listens: `nanocat --rep ... </dev/null`.
fn listening(socket: &Socket, plan: &Plan) {
    if plan.socket.verbose {
        report::event(
            socket.started(),
            "stdin is empty: printing each request, answering none",
        );
    }
}

/// Where answers come from; stdin's records need state that the plan does not hold.
enum Responder<'a> {
    Stdin(Box<Messages>),
    Fixed(&'a [u8]),
    Echo,
    Exec(&'a ExecPlan, Failures),
    /// Stdin was empty from the start: each request is printed, none answered.
    Listen,
}

fn answer_all(
    socket: &Socket,
    plan: &Plan,
    output: &mut Output,
    responder: &mut Responder,
) -> Result<()> {
    let mut answered = 0u64;
    while plan.count.is_none_or(|count| answered < count) {
        let request = match receive(socket, output) {
            Ok(request) => request,
            Err(Received::TimedOut) => {
                return match plan.count {
                    Some(count) => Err(timed_out(
                        socket,
                        format!(
                            "answered {answered} of {count} requests before --recv-timeout passed"
                        ),
                    )),
                    None => Ok(()),
                };
            }
            Err(Received::Failed(err)) => return Err(err),
        };
        output.write(&request)?;
        match responder {
            Responder::Echo => send(socket, plan, &request)?,
            Responder::Fixed(data) => send(socket, plan, data)?,
            Responder::Exec(command, failures) => {
                output.flush()?;
                if let Some(reply) = failures.settle(command, exec::run(command, &request))? {
                    send(socket, plan, &reply)?;
                }
            }
            Responder::Stdin(answers) => {
                // The coprocess answering on our stdin must see the request first.
                if !answers.ready() {
                    output.flush()?;
                }
                let produced = answers.produced();
                match answers.next_message()? {
                    Some(reply) => {
                        send(socket, plan, reply)?;
                        // With no answer left, take no request it would swallow: the
                        // requesters are told nothing listens, and try another rep.
                        if answers.ended_now()? {
                            return Ok(());
                        }
                    }
                    None if produced == 0 => {
                        listening(socket, plan);
                        *responder = Responder::Listen;
                    }
                    None => {
                        return Err(anyhow::anyhow!(
                            "request {} got no answer: stdin ended before one was read",
                            answered + 1
                        ));
                    }
                }
            }
            Responder::Listen => {}
        }
        answered += 1;
    }
    Ok(())
}
