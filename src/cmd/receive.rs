/*! pull and sub: every message to stdout, until --count, --recv-timeout or a signal. */

use std::time::{Duration, Instant};

use anyhow::Result;

use super::unheard::excerpt;
use super::{Output, Received, finish, reader_gone, reader_gone_error, receive, timed_out};
use crate::error::Failure;
use crate::options::Plan;
use crate::report::{self, Reason, Throttle};
use crate::socket::{Socket, Wake};

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
        let timeout_left = plan
            .socket
            .recv_timeout
            .filter(|_| misses.count > 0)
            .map(|timeout| timeout.saturating_sub(last_wanted.elapsed()));
        let notice_left = misses.notice_due_in();
        let next = match (timeout_left, notice_left) {
            (None, None) => receive(socket, output),
            (timeout_left, notice_left) => {
                let left = timeout_left.into_iter().chain(notice_left).min();
                output.flush()?;
                let woke = match left {
                    Some(left) if left.is_zero() => Wake::TimedOut,
                    left => socket.wait_readable(left, output.watch()),
                };
                match woke {
                    Wake::TimedOut if notice_left.is_some_and(|n| Some(n) == left) => {
                        misses.notice();
                        continue;
                    }
                    Wake::TimedOut => Err(Received::TimedOut),
                    Wake::HungUp => Err(reader_gone()),
                    Wake::Readable => receive(socket, output),
                }
            }
        };
        match next {
            Ok(message) => {
                if !misses.wanted(&message) {
                    // Nothing is written while messages miss, so no write finds that
                    // stdout's reader left (`sub | head -1`): look, now and then.
                    if misses.reader_check_due() && output.reader_left_within(Duration::ZERO) {
                        return Err(reader_gone_error());
                    }
                    continue;
                }
                output.write(&message)?;
                received += 1;
                // Read only where a miss can make it count: a clock read per message
                // was 4% of a stream's CPU.
                if !plan.topics.is_empty() {
                    last_wanted = Instant::now();
                }
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
                        match misses.summary() {
                            Some(why) => Err(Failure::Timeout(
                                format!("{message}: {why}"),
                                Some(Reason::TopicMiss),
                            )
                            .into()),
                            None => Err(timed_out(socket, message)),
                        }
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
/// messages that matched no topic, counted, with how the first began. A subscription
/// that matches nothing while messages arrive is said once, `NOTICE_AFTER` the first
/// miss, even without -v: on a terminal it would otherwise look like a silent network.
struct Misses<'a> {
    topics: &'a [Vec<u8>],
    count: u64,
    first: Option<String>,
    /// A topic that matches the first miss but for case: what the user likely meant.
    meant: Option<String>,
    first_at: Option<Instant>,
    matched_any: bool,
    noticed: bool,
    verbose: bool,
    started: Instant,
    reported: Throttle,
}

/// How long after the first miss, with nothing matched, the notice comes.
const NOTICE_AFTER: Duration = Duration::from_secs(2);

impl<'a> Misses<'a> {
    fn new(plan: &'a Plan, started: Instant) -> Misses<'a> {
        Misses {
            topics: &plan.topics,
            count: 0,
            first: None,
            meant: None,
            first_at: None,
            matched_any: false,
            noticed: false,
            verbose: plan.socket.verbose,
            started,
            reported: Throttle::new(report::ONCE_A_SECOND),
        }
    }

    /// Whether the message matches a topic (or there are none); counts it if not.
    fn wanted(&mut self, message: &[u8]) -> bool {
        if self.topics.is_empty() || self.topics.iter().any(|t| message.starts_with(t)) {
            self.matched_any = true;
            return true;
        }
        self.count += 1;
        if self.first.is_none() {
            self.first = Some(excerpt(message));
            self.first_at = Some(Instant::now());
            self.meant = self.topics.iter().find_map(|topic| {
                let start = message.get(..topic.len())?;
                start
                    .eq_ignore_ascii_case(topic)
                    .then(|| String::from_utf8(start.to_vec()).ok())
                    .flatten()
            });
        }
        if self.verbose {
            self.reported.hold(1);
            if self.reported.release(false).is_some() {
                report::event(self.started, &self.text(" so far"));
            }
        }
        false
    }

    /// Whether to look at stdout after this miss: once every 256, which a flood of
    /// misses reaches in well under a millisecond (a flow with gaps is looked at in
    /// the waits between its messages).
    fn reader_check_due(&self) -> bool {
        self.count % 256 == 1
    }

    /// How long until the notice is due, while one is still to come (-v tells more).
    fn notice_due_in(&self) -> Option<Duration> {
        if self.noticed || self.matched_any || self.verbose || report::quiet() {
            return None;
        }
        let first_at = self.first_at?;
        Some(NOTICE_AFTER.saturating_sub(first_at.elapsed()))
    }

    fn notice(&mut self) {
        self.noticed = true;
        let within = format!(" in {}", humantime::format_duration(NOTICE_AFTER));
        report::warn_because(Some(Reason::TopicMiss), &self.text(&within));
    }

    fn text(&self, when: &str) -> String {
        let plural = if self.count == 1 { "" } else { "s" };
        let hint = match &self.meant {
            Some(meant) => format!(
                " (--subscribe {} would match: a topic matches the start of a message exactly, case included)",
                crate::probe::escaped(meant.as_bytes())
            ),
            None => String::new(),
        };
        format!(
            "{} message{plural} matched no --subscribe{when}; the first began {}{hint}",
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
            report::warn_because(Some(Reason::TopicMiss), &summary);
        }
    }
}
