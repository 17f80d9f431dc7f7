/*!
rep and respondent: print each request, then answer it with the next stdin record,
--data/--file, --echo, or the output of an --exec command.
*/

use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use anyhow::Result;
use wait_timeout::ChildExt;

use super::{Messages, Output, Received, because, finish, receive, send};
use crate::exit::Failure;
use crate::options::{Answer, Plan};
use crate::report;
use crate::socket::Socket;

pub fn run(plan: &Plan) -> Result<()> {
    let socket = Socket::open(&plan.socket)?;
    let mut output = Output::new(plan);
    let mut responder = match &plan.answer {
        Answer::Stdin => Responder::Stdin(Messages::answers(plan)),
        Answer::Fixed(data) => Responder::Fixed(data),
        Answer::Echo => Responder::Echo,
        Answer::Exec { command, timeout } => Responder::Exec(command, *timeout),
    };
    let result = answer_all(&socket, plan, &mut output, &mut responder);
    let result = result.and(output.flush());
    finish(&socket, plan, result)
}

/// Where answers come from; stdin's records need state that the plan does not hold.
enum Responder<'a> {
    Stdin(Messages),
    Fixed(&'a [u8]),
    Echo,
    Exec(&'a [OsString], Duration),
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
                    Some(count) => Err(Failure::Timeout(because(
                        socket,
                        format!(
                            "answered {answered} of {count} requests before --recv-timeout passed"
                        ),
                    ))
                    .into()),
                    None => Ok(()),
                };
            }
            Err(Received::Failed(err)) => return Err(err),
        };
        output.write(&request)?;
        match responder {
            Responder::Echo => send(socket, plan, &request)?,
            Responder::Fixed(data) => send(socket, plan, data)?,
            Responder::Exec(command, timeout) => {
                output.flush()?;
                match run_command(command, &request, *timeout) {
                    Ok(reply) => send(socket, plan, &reply)?,
                    Err(why) => report::warn(&format!("{why}; no answer sent for this request")),
                }
            }
            Responder::Stdin(answers) => {
                // The coprocess answering on our stdin must see the request first.
                if !answers.ready() {
                    output.flush()?;
                }
                match answers.next_message()? {
                    Some(reply) => send(socket, plan, reply)?,
                    None => return Ok(()),
                }
            }
        }
        answered += 1;
    }
    Ok(())
}

/// Runs `command` without a shell, with `input` on its stdin, and returns its stdout.
/// A command that fails, hangs past `timeout` or prints nothing gives no answer.
fn run_command(command: &[OsString], input: &[u8], timeout: Duration) -> Result<Vec<u8>, String> {
    let name = command[0].to_string_lossy().into_owned();
    let mut child = Command::new(&command[0])
        .args(&command[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|err| format!("cannot run '{name}': {err}"))?;
    // Feed and drain on threads: a command may write before it has read everything.
    let mut stdin = child.stdin.take();
    let request = input.to_vec();
    let feeder = thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            // A command that exits without reading its input is its own business.
            let _ = stdin.write_all(&request);
        }
    });
    let mut stdout = child.stdout.take();
    let collector = thread::spawn(move || {
        let mut reply = Vec::new();
        if let Some(stdout) = stdout.as_mut() {
            let _ = stdout.read_to_end(&mut reply);
        }
        reply
    });
    let status = match child.wait_timeout(timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "'{name}' did not finish within --exec-timeout {}",
                humantime::format_duration(timeout)
            ));
        }
        Err(err) => return Err(format!("cannot wait for '{name}': {err}")),
    };
    let _ = feeder.join();
    let reply = collector.join().unwrap_or_default();
    if !status.success() {
        return Err(format!("'{name}' failed ({status})"));
    }
    if reply.is_empty() {
        return Err(format!("'{name}' printed nothing"));
    }
    Ok(reply)
}
