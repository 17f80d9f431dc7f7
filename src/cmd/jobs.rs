/*!
rep and respondent with `--exec CMD --jobs N`: up to N commands at once. The socket is
raw, so several requests can be in hand together: each keeps its header (the backtrace
that routes an answer to its requester), and its answer leaves with that header as soon
as its command is done, in whatever order the commands finish. Each command runs as a
lone `--exec` does (`exec::run`: its timeout, its process group, its failure counted).
*/

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Result;

use super::exec::{self, ExecError};
use super::failures::Failures;
use super::{Output, Received, halted, timed_out};
use crate::options::{ExecPlan, Plan};
use crate::socket::{Meaning, RawMessage, Socket, Wake};

/// While commands run, how long a wait for the next request lasts before the finished
/// commands' answers are looked at again.
const ANSWERS_EVERY: Duration = Duration::from_millis(5);

pub fn answer_concurrently(
    socket: &Socket,
    plan: &Plan,
    output: &mut Output,
    command: &ExecPlan,
    failures: &mut Failures,
) -> Result<()> {
    let (done_tx, done) = mpsc::channel::<(u64, Result<Vec<u8>, ExecError>)>();
    // The requests whose commands run, by job number: their headers route the answers.
    let mut waiting: HashMap<u64, RawMessage> = HashMap::new();
    let mut taken = 0u64;
    let mut first_error = None;
    std::thread::scope(|scope| {
        // No request is taken while N commands run, or once --count are taken.
        let no_room = |running: usize, taken: u64| {
            running >= command.jobs as usize || plan.count.is_some_and(|count| taken >= count)
        };
        loop {
            // Finished commands first: their requesters are waiting.
            let finished: Vec<_> = if no_room(waiting.len(), taken) {
                if waiting.is_empty() {
                    break;
                }
                done.recv().into_iter().chain(done.try_iter()).collect()
            } else {
                done.try_iter().collect()
            };
            for (job, run) in finished {
                let Some(request) = waiting.remove(&job) else {
                    continue;
                };
                match failures.settle(command, run) {
                    Ok(Some(answer)) => {
                        if let Err(err) = answer_to(socket, request, &answer) {
                            first_error.get_or_insert(err);
                        }
                    }
                    Ok(None) => {}
                    Err(err) => {
                        first_error.get_or_insert(err);
                    }
                }
            }
            if first_error.is_some() {
                break;
            }
            if no_room(waiting.len(), taken) {
                continue;
            }
            if let Err(err) = output.flush() {
                first_error = Some(err);
                break;
            }
            let wait = if waiting.is_empty() {
                socket.recv_timeout()
            } else {
                Some(ANSWERS_EVERY)
            };
            match socket.wait_readable(wait, output.watch()) {
                Wake::Readable => {}
                Wake::TimedOut if !waiting.is_empty() => continue,
                Wake::TimedOut => {
                    if let Some(count) = plan.count {
                        first_error = Some(timed_out(
                            socket,
                            format!(
                                "answered {taken} of {count} requests before --recv-timeout passed"
                            ),
                        ));
                    }
                    break;
                }
                Wake::HungUp => {
                    first_error = Some(super::reader_gone_error());
                    break;
                }
            }
            let request = match socket.recv_raw() {
                Ok(request) => request,
                Err(err) if err.meaning() == Meaning::NotReady => continue,
                Err(err) => {
                    first_error = Some(match Received::from(err) {
                        Received::Failed(err) => err,
                        Received::TimedOut => continue,
                    });
                    break;
                }
            };
            if let Err(err) = output.write(&request) {
                first_error = Some(err);
                break;
            }
            taken += 1;
            let job = taken;
            let body = request.to_vec();
            waiting.insert(job, request);
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                let _ = done_tx.send((job, exec::run(command, &body)));
            });
        }
        // A signal or an error ends the run: the commands still running are killed,
        // and their threads end with them.
        if first_error.is_some() {
            exec::kill_running();
        }
    });
    match first_error {
        Some(err) => Err(err),
        None if crate::signals::received().is_some() => Err(halted()),
        None => Ok(()),
    }
}

/// Sends `answer` back along `request`'s route.
fn answer_to(socket: &Socket, request: RawMessage, answer: &[u8]) -> Result<()> {
    socket
        .send_answer(request, answer)
        .map_err(|err| match err.meaning() {
            Meaning::Stopped => halted(),
            _ => anyhow::anyhow!("cannot send an answer: {err}"),
        })
}
