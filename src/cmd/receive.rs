/*! pull and sub: every message to stdout, until --count, --recv-timeout or a signal. */

use std::time::{Duration, Instant};

use anyhow::Result;

use super::{Output, Received, because, finish, receive};
use crate::error::Failure;
use crate::options::Plan;
use crate::report;
use crate::socket::probe::escaped;
use crate::socket::{Socket, Wake};

/// The shortest time between two `-v` reports of topic misses.
const MISS_REPORT_EVERY: Duration = Duration::from_secs(1);

/// How much of the first missed message is shown.
const MISS_EXCERPT: usize = 32;

pub fn run(plan: &Plan) -> Result<()> {
    let socket = Socket::open(&plan.socket)?;
    let mut output = Output::new(plan)?;
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
    let mut misses = Misses::new(plan, socket.started());
    let mut last_wanted = Instant::now();
    while plan.count.is_none_or(|count| received < count) {
        // Messages that matched no topic are nothing received: --recv-timeout counts
        // from the last one that did, as it would had nanomsg dropped the others.
        let next = match plan.socket.recv_timeout {
            Some(timeout) if misses.count > 0 => {
                let left = timeout.saturating_sub(last_wanted.elapsed());
                output.flush()?;
                if !left.is_zero() && socket.wait_readable(Some(left), None) == Wake::Readable {
                    receive(socket, output)
                } else {
                    Err(Received::TimedOut)
                }
            }
            _ => receive(socket, output),
        };
        match next {
            Ok(message) => {
                if !misses.wanted(&message) {
                    continue;
                }
                output.write(&message)?;
                received += 1;
                last_wanted = Instant::now();
            }
            Err(Received::TimedOut) if !timeout_ends() => continue,
            Err(Received::TimedOut) => {
                return match plan.count {
                    Some(count) => {
                        let message = format!(
                            "received {received} of {count} messages before --recv-timeout {} passed",
                            humantime::format_duration(
                                plan.socket.recv_timeout.unwrap_or_default()
                            )
                        );
                        let message = match misses.summary() {
                            Some(why) => format!("{message}: {why}"),
                            None => because(socket, message),
                        };
                        Err(Failure::Timeout(message).into())
                    }
                    None => {
                        misses.warn();
                        Ok(())
                    }
                };
            }
            Err(Received::Failed(err)) => {
                misses.warn();
                return Err(err);
            }
        }
    }
    Ok(())
}

/// sub's own filtering by --subscribe (nanomsg is subscribed to everything): the
/// messages that matched no topic, counted, with how the first began.
struct Misses<'a> {
    topics: &'a [Vec<u8>],
    count: u64,
    first: Option<String>,
    verbose: bool,
    started: Instant,
    reported: Option<(Instant, u64)>,
}

impl<'a> Misses<'a> {
    fn new(plan: &'a Plan, started: Instant) -> Misses<'a> {
        Misses {
            topics: &plan.topics,
            count: 0,
            first: None,
            verbose: plan.socket.verbose,
            started,
            reported: None,
        }
    }

    /// Whether the message matches a topic (or there are none); counts it if not.
    fn wanted(&mut self, message: &[u8]) -> bool {
        if self.topics.is_empty() || self.topics.iter().any(|t| message.starts_with(t)) {
            return true;
        }
        self.count += 1;
        if self.first.is_none() {
            let shown = &message[..message.len().min(MISS_EXCERPT)];
            let cut = if message.len() > MISS_EXCERPT {
                "..."
            } else {
                ""
            };
            self.first = Some(format!("{}{cut}", escaped(shown)));
        }
        if self.verbose {
            let due = self
                .reported
                .is_none_or(|(at, _)| at.elapsed() >= MISS_REPORT_EVERY);
            if due {
                report::event(self.started, &self.text(" so far"));
                self.reported = Some((Instant::now(), self.count));
            }
        }
        false
    }

    fn text(&self, when: &str) -> String {
        let plural = if self.count == 1 { "" } else { "s" };
        format!(
            "{} message{plural} matched no --subscribe{when}; the first began {}",
            self.count,
            self.first.as_deref().unwrap_or("\"\"")
        )
    }

    fn summary(&self) -> Option<String> {
        (self.count > 0).then(|| self.text(""))
    }

    /// At the end of a run that got fewer messages than it could have.
    fn warn(&self) {
        if let Some(summary) = self.summary() {
            report::warn(&summary);
        }
    }
}
