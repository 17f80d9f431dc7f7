/*!
nanomsg's statistics: counts, `--wait-peers`, the `-v` connection events, `--progress`
and the summary of `--stats`.
*/

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread;
use std::time::{Duration, Instant};

use libc::c_int;

use super::Endpoint;
use super::Socket;
use super::drops::DropWatch;
use super::limit::human_size;
use crate::report;

/// Statistics from `nn.h`, which neither crate declares.
#[allow(dead_code)]
pub(super) mod stat {
    pub const ESTABLISHED_CONNECTIONS: i32 = 101;
    pub const ACCEPTED_CONNECTIONS: i32 = 102;
    pub const DROPPED_CONNECTIONS: i32 = 103;
    pub const BROKEN_CONNECTIONS: i32 = 104;
    pub const CONNECT_ERRORS: i32 = 105;
    pub const BIND_ERRORS: i32 = 106;
    pub const CURRENT_CONNECTIONS: i32 = 201;
    pub const MESSAGES_SENT: i32 = 301;
    pub const MESSAGES_RECEIVED: i32 = 302;
    pub const BYTES_SENT: i32 = 303;
    pub const BYTES_RECEIVED: i32 = 304;
}

// SAFETY: this is nn.h's declaration, `uint64_t nn_get_statistic (int s, int stat)`.
// It is sound for any two integers, so it is declared safe: no pointer crosses, and
// libnanomsg looks the socket number up under its global lock, answering `u64::MAX`
// (EBADF) for one it does not know (closed, or after nn_term) and for an unknown
// statistic (EINVAL). So the watching threads may outlive the socket.
unsafe extern "C" {
    pub(super) safe fn nn_get_statistic(socket: c_int, statistic: c_int) -> u64;
}

/// Messages and payload bytes through a socket so far, as nanomsg counts them: a sent
/// message counts when the protocol accepts it, a received one when nncat takes it.
#[derive(Clone, Copy, Debug)]
pub struct Counts {
    pub sent: u64,
    pub sent_bytes: u64,
    pub received: u64,
    pub received_bytes: u64,
}

fn counts_of(id: c_int) -> Counts {
    let get = |statistic| nn_get_statistic(id, statistic);
    Counts {
        sent: get(stat::MESSAGES_SENT),
        sent_bytes: get(stat::BYTES_SENT),
        received: get(stat::MESSAGES_RECEIVED),
        received_bytes: get(stat::BYTES_RECEIVED),
    }
}

/// The shortest time between two warnings that nanomsg dropped a peer.
const DROP_WARNING_REPEAT: Duration = Duration::from_secs(5);

/// The shortest time between two `-v` reports of failed connect attempts.
const MONITOR_REPEAT: Duration = Duration::from_secs(1);

/// How often `--progress` redraws its line.
const PROGRESS_STEP: Duration = Duration::from_millis(250);

impl Socket {
    pub fn statistic(&self, statistic: i32) -> u64 {
        nn_get_statistic(self.id, statistic)
    }

    pub fn connected_peers(&self) -> u64 {
        let peers = self.statistic(stat::CURRENT_CONNECTIONS);
        self.findings.saw_peers(peers);
        peers
    }

    /// Prints connection events under `-v` as nanomsg's statistics change; nanomsg has
    /// no callback for them.
    pub(super) fn start_monitor(&self) {
        let id = self.id;
        let started = self.started;
        let stop = Arc::clone(&self.monitor_stop);
        // Connections made, attached and broken are told by the doctor, which pairs
        // them: "established" alone would hide an SP handshake that failed.
        let watched = [
            (
                stat::DROPPED_CONNECTIONS,
                "connection dropped (the peer broke the protocol)",
            ),
            (stat::CONNECT_ERRORS, "connect attempt failed"),
        ];
        let _ = thread::Builder::new()
            .name("monitor".into())
            .spawn(move || {
                let mut seen = [0u64; 2];
                let mut reported_at: [Option<Instant>; 2] = [None; 2];
                while !stop.load(Ordering::Relaxed) {
                    for (i, (statistic, what)) in watched.iter().enumerate() {
                        let now = nn_get_statistic(id, *statistic);
                        // After nn_term every statistic reads as -1.
                        if now <= seen[i] || now == u64::MAX {
                            continue;
                        }
                        // A peer that is down fails every reconnect interval (100 ms):
                        // say so once a second with a count, not ten times.
                        let recent = reported_at[i].is_some_and(|at| at.elapsed() < MONITOR_REPEAT);
                        if *statistic == stat::CONNECT_ERRORS && recent {
                            continue;
                        }
                        let times = now - seen[i];
                        let note = if times > 1 {
                            format!(" ({times} times)")
                        } else {
                            String::new()
                        };
                        report::event(started, &format!("{what}{note}"));
                        seen[i] = now;
                        reported_at[i] = Some(Instant::now());
                    }
                    thread::sleep(Duration::from_millis(20));
                }
            });
    }

    /// Warns when nanomsg closes a peer's connection itself, which it does, without a
    /// word, to a peer that sends a message over `NN_RCVMAXSIZE` (see drops.rs for how
    /// that is told apart from a peer that left). nanomsg gives no reason, so the
    /// warning names the likely one and the option.
    pub(super) fn start_drop_watch(&self, endpoints: &[Endpoint]) {
        let Some(mut drops) = DropWatch::new(endpoints) else {
            return;
        };
        let id = self.id;
        let limit = human_size(self.recv_max_size);
        let stop = Arc::clone(&self.monitor_stop);
        let _ = thread::Builder::new()
            .name("drop watch".into())
            .spawn(move || {
                let mut broken_seen = 0u64;
                let mut attached_since_break = false;
                let mut unreported = 0usize;
                let mut warned_at: Option<Instant> = None;
                while !stop.load(Ordering::Relaxed) {
                    let broken = nn_get_statistic(id, stat::BROKEN_CONNECTIONS);
                    // After nn_term every statistic reads as -1.
                    if broken == u64::MAX {
                        break;
                    }
                    let attached = nn_get_statistic(id, stat::CURRENT_CONNECTIONS);
                    attached_since_break |= attached > 0 && attached != u64::MAX;
                    // A peer of the wrong type is closed by nanomsg too, but it is never
                    // attached: that is the mismatch explanation's business, not ours.
                    if broken > broken_seen {
                        broken_seen = broken;
                        let drops_now = drops.new_drops();
                        if attached_since_break {
                            unreported += drops_now;
                        }
                        attached_since_break = attached > 0;
                    }
                    let quiet_for = warned_at.is_none_or(|at| at.elapsed() >= DROP_WARNING_REPEAT);
                    if unreported > 0 && quiet_for {
                        let times = if unreported > 1 {
                            format!(" {unreported} times")
                        } else {
                            String::new()
                        };
                        report::warn(&format!(
                            "nanomsg closed a peer's connection{times}: it sent a message over --recv-maxsz {limit} (raise it to accept larger ones), or broke the protocol"
                        ));
                        warned_at = Some(Instant::now());
                        unreported = 0;
                    }
                    thread::sleep(Duration::from_millis(20));
                }
            });
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

    /// A live line of counts on stderr, redrawn four times a second, until the socket
    /// closes.
    pub(super) fn start_progress(&self) {
        let id = self.id;
        let stop = Arc::clone(&self.monitor_stop);
        let _ = thread::Builder::new()
            .name("progress".into())
            .spawn(move || {
                let mut last = counts_of(id);
                let mut last_at = Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    thread::sleep(PROGRESS_STEP);
                    let now = counts_of(id);
                    if now.sent == u64::MAX {
                        break;
                    }
                    let seconds = last_at.elapsed().as_secs_f64().max(1e-9);
                    let rate =
                        (now.sent + now.received - last.sent - last.received) as f64 / seconds;
                    report::progress(&format!(
                        "sent {}, received {} messages ({rate:.0}/s)",
                        now.sent, now.received
                    ));
                    last = now;
                    last_at = Instant::now();
                }
            });
    }
}
