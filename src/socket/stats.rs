/*!
nanomsg's statistics: counts, `--wait-peers`, the `-v` connection events, `--progress`
and the summary of `--stats`.

nanomsg has no event for a connection made, broken or dropped. The boundary does: it
tells the socket of each peer and each connect attempt, and the statistics are read
then (a failed attempt at most once a second; a peer a few times more while
libnanomsg catches up), or when a watcher's own
deadline comes (the doctor's first second, `--progress`'s next line). An idle socket
reads nothing. Only an endpoint the boundary does not see (inproc) makes them read
every 20 ms. One thread per socket reads them and hands each reading to the watchers
that need one, rather than a thread per watcher each reading its own.
*/

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use libc::c_int;

use super::Socket;
use super::counts::counts_of;
pub(super) use super::counts::{Counts, nn_get_statistic, stat};
use crate::report;

/// The shortest time between two `-v` lines for the same repeated event (a peer that is
/// down fails every reconnect interval, 100 ms: once a second with a count, not ten).
pub(super) const EVENT_REPEAT: Duration = report::ONCE_A_SECOND;

/// How often `--progress` redraws its line.
const PROGRESS_STEP: Duration = Duration::from_millis(250);

/// How often the statistics are read where nothing tells of a change (an inproc
/// endpoint, which the boundary does not see).
const TICK: Duration = Duration::from_millis(20);

/// After the boundary tells of a change, when the statistics are read again: libnanomsg
/// attaches or drops the private link on its own thread a moment later.
const SETTLING: [Duration; 4] = [
    Duration::from_millis(2),
    Duration::from_millis(20),
    Duration::from_millis(100),
    Duration::from_millis(400),
];

/// Why the statistics thread is woken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Wake {
    /// A peer came or left: read now and again while libnanomsg settles (`SETTLING`).
    Settle,
    /// Read once now: a connect attempt failed (at most once a second, `socket/mod.rs`'s
    /// `ATTEMPT_LOOKS_APART`), or the socket closes. A server that is down is tried ten
    /// times a second, and settling after each attempt woke the thread 50 times a second
    /// while nothing changed.
    Look,
}

/// How long a run lasts before its statistics thread starts, when no watcher needs a
/// reading sooner: a one-shot request is answered in about 3 ms, and the doctor's
/// first word comes at 1 s.
const WATCH_AFTER: Duration = Duration::from_millis(20);

/// One reading of the statistics the watchers follow.
#[derive(Clone, Copy, Debug)]
pub(super) struct Reading {
    /// Connections made, outgoing and accepted.
    pub made: u64,
    pub broken: u64,
    /// Peers attached: connections whose SP handshake is done.
    pub current: u64,
    /// Connections nanomsg closed because the peer broke the protocol.
    pub dropped: u64,
    pub connect_errors: u64,
}

impl Reading {
    /// None once the socket is gone: after nn_term or nn_close every statistic reads -1.
    fn take(id: c_int) -> Option<Reading> {
        let get = |statistic| nn_get_statistic(id, statistic);
        let current = get(stat::CURRENT_CONNECTIONS);
        if current == u64::MAX {
            return None;
        }
        Some(Reading {
            made: get(stat::ESTABLISHED_CONNECTIONS).wrapping_add(get(stat::ACCEPTED_CONNECTIONS)),
            broken: get(stat::BROKEN_CONNECTIONS),
            current,
            dropped: get(stat::DROPPED_CONNECTIONS),
            connect_errors: get(stat::CONNECT_ERRORS),
        })
    }
}

/// Something that follows a socket's statistics, one reading at a time.
pub(super) trait Watcher: Send {
    fn look(&mut self, now: &Reading);
    /// When it needs a reading though nothing happened (a deadline of its own).
    fn next_look(&self) -> Option<Instant> {
        None
    }
    /// The socket closed: say what is still unsaid.
    fn end(&mut self) {}
}

impl Socket {
    pub fn statistic(&self, statistic: i32) -> u64 {
        nn_get_statistic(self.id, statistic)
    }

    pub fn connected_peers(&self) -> u64 {
        let peers = self.statistic(stat::CURRENT_CONNECTIONS);
        self.findings.saw_peers(peers);
        peers
    }

    /// Whether any message was accepted for sending, so closing needs a drain.
    pub fn sent_any(&self) -> bool {
        self.counts().sent > 0
    }

    pub fn counts(&self) -> Counts {
        counts_of(self.id)
    }

    /// One line of counts, time and rates, for `-v` and `--stats` at exit.
    pub fn summary(&self) -> String {
        let counts = self.counts();
        let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
        let (messages, bytes) = if counts.sent >= counts.received {
            (counts.sent, counts.sent_bytes)
        } else {
            (counts.received, counts.received_bytes)
        };
        format!(
            "sent {} messages ({} bytes), received {} messages ({} bytes) in {seconds:.3}s: {:.0} messages/s, {:.2} MB/s",
            counts.sent,
            counts.sent_bytes,
            counts.received,
            counts.received_bytes,
            messages as f64 / seconds,
            bytes as f64 / seconds / 1e6,
        )
    }
}

impl Socket {
    /// Starts the one thread that reads the statistics for `watchers`, until the socket
    /// closes. With `happenings` (every endpoint goes through the boundary, which tells
    /// of each peer and attempt) it reads them when told, a few times more while the
    /// library catches up, and when a watcher's own deadline comes: never while idle.
    /// Without, it reads them every `TICK`.
    ///
    /// With `lazily` the boundary starts the thread only once the run has lasted
    /// `WATCH_AFTER`: a one-shot that is done by then needs no reading, and a thread
    /// costs its start-up and its stack's pages. What happened before waits in
    /// `happenings` and is read at once.
    pub(super) fn start_watching(
        &self,
        watchers: Vec<Box<dyn Watcher>>,
        happenings: Option<mpsc::Receiver<Wake>>,
        lazily: bool,
    ) {
        if watchers.is_empty() {
            return;
        }
        let (id, stop) = (self.id, Arc::clone(&self.monitor_stop));
        let told = happenings.is_some();
        let start = move || {
            let _ = thread::Builder::new()
                .name("stats".into())
                .spawn(move || watch(id, &stop, watchers, happenings.as_ref()));
        };
        let mut boundary = self.boundary.lock().unwrap_or_else(|e| e.into_inner());
        match boundary.as_mut() {
            // An event loop that has stopped means the socket is closing: nothing is
            // left to watch.
            Some(boundary) if lazily && told => {
                let _ = boundary.after(WATCH_AFTER, Box::new(start));
            }
            _ => start(),
        }
    }
}

/// The statistics thread's loop; see `Socket::start_watching`.
fn watch(
    id: c_int,
    stop: &AtomicBool,
    mut watchers: Vec<Box<dyn Watcher>>,
    happenings: Option<&mpsc::Receiver<Wake>>,
) {
    let mut settling: Vec<Instant> = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        match happenings {
            None => thread::sleep(TICK),
            Some(happenings) => {
                let due = watchers
                    .iter()
                    .filter_map(|watcher| watcher.next_look())
                    .chain(settling.first().copied())
                    .min();
                let told = match due {
                    Some(at) => {
                        happenings.recv_timeout(at.saturating_duration_since(Instant::now()))
                    }
                    None => happenings
                        .recv()
                        .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
                };
                match told {
                    Ok(wake) => {
                        // Every wake queued is taken, not only up to the first Settle:
                        // the rest would each wake the thread again.
                        let mut settle = wake == Wake::Settle;
                        for queued in happenings.try_iter() {
                            settle |= queued == Wake::Settle;
                        }
                        if settle {
                            let now = Instant::now();
                            settling = SETTLING.iter().map(|after| now + *after).collect();
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
                let now = Instant::now();
                settling.retain(|at| *at > now);
            }
        }
        let Some(now) = Reading::take(id) else {
            break;
        };
        if stop.load(Ordering::Relaxed) {
            break;
        }
        for watcher in &mut watchers {
            watcher.look(&now);
        }
    }
    for watcher in &mut watchers {
        watcher.end();
    }
}

/// A repeated `-v` event, said at most once per `window` with how many times it happened.
pub(super) struct Repeated(report::Throttle);

impl Repeated {
    pub(super) fn new(window: Duration) -> Repeated {
        Repeated(report::Throttle::new(window))
    }

    /// `times` more, said now unless the last line is younger than the window.
    pub(super) fn add(&mut self, times: u64, started: Instant, text: &str) {
        self.0.hold(times);
        self.flush(started, text, false);
    }

    pub(super) fn flush(&mut self, started: Instant, text: &str, force: bool) {
        if let Some(times) = self.0.release(force) {
            let note = if times > 1 {
                format!(" ({times} times)")
            } else {
                String::new()
            };
            report::event(started, &format!("{text}{note}"));
        }
    }
}

/// `-v`: connections nanomsg dropped and connect attempts that failed. Connections made,
/// attached and broken are told by the doctor, which pairs them: "established" alone
/// would hide an SP handshake that failed.
pub(super) struct ConnectionEvents {
    started: Instant,
    /// Each drop is said as it happens.
    dropped: Repeated,
    dropped_seen: u64,
    connect_errors: Repeated,
    connect_errors_seen: u64,
}

impl ConnectionEvents {
    pub(super) fn new(started: Instant) -> ConnectionEvents {
        ConnectionEvents {
            started,
            dropped: Repeated::new(Duration::ZERO),
            dropped_seen: 0,
            connect_errors: Repeated::new(EVENT_REPEAT),
            connect_errors_seen: 0,
        }
    }
}

impl Watcher for ConnectionEvents {
    fn look(&mut self, now: &Reading) {
        self.dropped.add(
            now.dropped.saturating_sub(self.dropped_seen),
            self.started,
            "connection dropped (the peer broke the protocol)",
        );
        self.dropped_seen = self.dropped_seen.max(now.dropped);
        self.connect_errors.add(
            now.connect_errors.saturating_sub(self.connect_errors_seen),
            self.started,
            "connect attempt failed",
        );
        self.connect_errors_seen = self.connect_errors_seen.max(now.connect_errors);
    }
}

/// `--progress`: a live line of counts on stderr, redrawn four times a second.
pub(super) struct Progress {
    id: c_int,
    last: Counts,
    last_at: Instant,
}

impl Progress {
    pub(super) fn new(socket: &Socket) -> Progress {
        Progress {
            id: socket.id,
            last: counts_of(socket.id),
            last_at: Instant::now(),
        }
    }
}

impl Watcher for Progress {
    fn next_look(&self) -> Option<Instant> {
        Some(self.last_at + PROGRESS_STEP)
    }

    fn look(&mut self, _: &Reading) {
        if self.last_at.elapsed() < PROGRESS_STEP {
            return;
        }
        let now = counts_of(self.id);
        if now.sent == u64::MAX {
            return;
        }
        let seconds = self.last_at.elapsed().as_secs_f64().max(1e-9);
        let rate = (now.sent + now.received).saturating_sub(self.last.sent + self.last.received)
            as f64
            / seconds;
        report::progress(&format!(
            "sent {}, received {} messages ({rate:.0}/s)",
            now.sent, now.received
        ));
        self.last = now;
        self.last_at = Instant::now();
    }
}
