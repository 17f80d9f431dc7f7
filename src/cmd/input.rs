//! The messages to send: stdin's records as they are read, or one fixed message, paced
//! by --delay and --interval and limited by --count.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::AsFd;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};

use super::{fd_file, from_decode};
use crate::format::Decoder;
use crate::options::{Plan, Role, Source};
use crate::os;
use crate::signals::Idle;

/// Stdin read straight from its descriptor; std's `Stdin` would copy through a buffer
/// of its own. While a read waits, the main thread has nothing unflushed, which the
/// signal handler needs to know.
pub struct StdinReader {
    stdin: os::Blocking<File>,
    marks_idle: bool,
}

impl Read for StdinReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let _idle = self.marks_idle.then(Idle::begin);
        self.stdin.read(buf)
    }
}

fn stdin_decoder(plan: &Plan, marks_idle: bool) -> Result<Decoder<StdinReader>> {
    let reader = StdinReader {
        stdin: os::Blocking(fd_file(io::stdin().as_fd()).context("cannot use stdin")?),
        marks_idle,
    };
    Ok(Decoder::new(reader, plan.in_format, plan.separator).with_json(plan.json.clone()))
}

enum Input {
    Stdin(Decoder<StdinReader>),
    Fixed(Vec<u8>),
}

/// The messages to send: stdin's records, or one fixed message repeated, paced by
/// --delay and --interval and limited by --count.
pub struct Messages {
    input: Input,
    count: Option<u64>,
    interval: Option<Duration>,
    delay: Option<Duration>,
    produced: u64,
    last_at: Option<Instant>,
    /// `--replay`: each record waits for its time.
    replay: Option<Replay>,
}

/// `--replay`'s clock: the first record goes at once, and each after it as long after
/// the first as its "time" says. A record timed before the one before it goes at once.
struct Replay {
    first: Option<(SystemTime, Instant)>,
}

impl Replay {
    fn wait_for(&mut self, time: SystemTime) {
        let (first_time, started) = *self.first.get_or_insert((time, Instant::now()));
        let offset = time.duration_since(first_time).unwrap_or_default();
        let wait = (started + offset).saturating_duration_since(Instant::now());
        if !wait.is_zero() {
            let _idle = Idle::begin();
            thread::sleep(wait);
        }
    }
}

impl Messages {
    /// `main_thread`: whether the caller is the thread that owns stdout.
    pub fn new(plan: &Plan, main_thread: bool) -> Result<Messages> {
        let input = match &plan.source {
            Source::Stdin => Input::Stdin(stdin_decoder(plan, main_thread)?),
            Source::Fixed(data) => Input::Fixed(data.clone()),
        };
        Ok(Messages {
            input,
            // pair and bus count what they receive; their input runs to its end.
            count: plan.count.filter(|_| plan.role != Role::Duplex),
            interval: plan.interval,
            delay: plan.delay,
            produced: 0,
            last_at: None,
            replay: plan.json.replay.then_some(Replay { first: None }),
        })
    }

    /// Records from stdin, one each time, for rep's and respondent's answers.
    pub fn answers(plan: &Plan) -> Result<Messages> {
        Ok(Messages {
            input: Input::Stdin(stdin_decoder(plan, true)?),
            count: None,
            interval: None,
            delay: None,
            produced: 0,
            last_at: None,
            replay: None,
        })
    }

    fn exhausted(&self) -> bool {
        if self.count.is_some_and(|count| self.produced >= count) {
            return true;
        }
        // A fixed message goes once, unless a count or an interval repeats it.
        matches!(self.input, Input::Fixed(_))
            && self.produced > 0
            && self.count.is_none()
            && self.interval.is_none()
    }

    pub fn next_message(&mut self) -> Result<Option<&[u8]>> {
        if self.exhausted() {
            return Ok(None);
        }
        let wait = match self.last_at {
            None => self.delay,
            Some(last) => self
                .interval
                .map(|interval| (last + interval).saturating_duration_since(Instant::now())),
        };
        if let Some(wait) = wait.filter(|w| !w.is_zero()) {
            let _idle = Idle::begin();
            thread::sleep(wait);
        }
        self.last_at = Some(Instant::now());
        let message = match &mut self.input {
            Input::Fixed(data) => Some(&data[..]),
            Input::Stdin(decoder) => match &mut self.replay {
                Some(replay) => {
                    // A record's time is known once it is read: it waits after that.
                    if decoder.next_message().map_err(from_decode)?.is_none() {
                        return Ok(None);
                    }
                    if let Some(time) = decoder.stamp().time {
                        replay.wait_for(time);
                    }
                    Some(decoder.replayed())
                }
                None => decoder.next_message().map_err(from_decode)?,
            },
        };
        if message.is_some() {
            self.produced += 1;
        }
        Ok(message)
    }

    /// Whether stdin has ended with no record left, found without waiting: a read is
    /// made only when stdin is readable at once. A coprocess that writes its next answer
    /// only after it sees the next request leaves stdin open and unreadable: not ended.
    pub fn ended_now(&mut self) -> Result<bool> {
        let Input::Stdin(decoder) = &mut self.input else {
            return Ok(false);
        };
        if decoder.exhausted() {
            return Ok(true);
        }
        if decoder.record_ready() || !crate::os::readable_now(decoder.reader().stdin.0.as_fd()) {
            return Ok(false);
        }
        decoder.read_more().map_err(from_decode)?;
        Ok(decoder.exhausted())
    }

    /// How many messages were produced so far.
    pub fn produced(&self) -> u64 {
        self.produced
    }

    /// Whether `next` can answer at once; callers flush stdout when it cannot.
    pub fn ready(&mut self) -> bool {
        if self.exhausted() {
            return true;
        }
        if self.interval.is_some() {
            return false;
        }
        match &mut self.input {
            Input::Fixed(_) => true,
            Input::Stdin(decoder) => decoder.record_ready(),
        }
    }
}
