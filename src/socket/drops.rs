/*!
Which of a socket's broken tcp connections nanomsg closed itself.

nanomsg drops a peer that sends a message over `NN_RCVMAXSIZE` (or breaks the
protocol) without a word, and its statistics count that break exactly like a peer that
left. The kernel tells them apart: the side that closes first keeps the connection in
FIN_WAIT or TIME_WAIT, the other side does not. So when a connection breaks, a new
closing-state entry in /proc/net/tcp on one of our ports means nanomsg closed it.
For ipc there is no such trace, and nncat says nothing.

The table is read only when a connection breaks, never at start-up: on a busy host
reading it costs milliseconds of CPU (measured: 7 ms on the machine of
docs/performance.md), which every receiver would pay. Without a snapshot to compare
against, a connection counts as ours when it is still closing (FIN_WAIT, CLOSING) or
entered TIME_WAIT within the last few seconds (its timer, 60 s, has barely run).
*/

use std::collections::HashSet;

use super::{Endpoint, EndpointKind};

/// The tcp states of a connection whose local side closed first.
const CLOSED_BY_US: [&str; 4] = ["04", "05", "06", "0B"];

/// How much of TIME_WAIT's 60 s may have passed for a connection to count as just
/// closed, in the kernel's clock ticks (USER_HZ, 100 a second).
const FRESH_TIME_WAIT_TICKS: u64 = 55 * 100;

/// A tcp connection's local and remote ports.
type Ports = (u16, u16);

/// What to look for: connections on our bound ports, and to our connected ports.
pub struct DropWatch {
    bound: Vec<u16>,
    connected: Vec<u16>,
    seen: HashSet<Ports>,
}

impl DropWatch {
    /// `None` when no endpoint is tcp or ws: there is nothing to watch.
    pub fn new(endpoints: &[Endpoint]) -> Option<DropWatch> {
        let mut watch = DropWatch {
            bound: Vec::new(),
            connected: Vec::new(),
            seen: HashSet::new(),
        };
        for endpoint in endpoints {
            let Some(port) = tcp_port(&endpoint.url) else {
                continue;
            };
            match endpoint.kind {
                EndpointKind::Bind => watch.bound.push(port),
                EndpointKind::Connect => watch.connected.push(port),
            }
        }
        if watch.bound.is_empty() && watch.connected.is_empty() {
            return None;
        }
        Some(watch)
    }

    /// How many of our connections nanomsg has closed since the last call.
    pub fn new_drops(&mut self) -> usize {
        let now = self.closed_by_us();
        let new = now.difference(&self.seen).count();
        self.seen.extend(now);
        new
    }

    fn closed_by_us(&self) -> HashSet<Ports> {
        let mut found = HashSet::new();
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let Ok(text) = std::fs::read_to_string(table) else {
                continue;
            };
            for line in text.lines().skip(1) {
                let fields: Vec<&str> = line.split_whitespace().collect();
                let (Some(local), Some(remote), Some(state), Some(timer)) =
                    (fields.get(1), fields.get(2), fields.get(3), fields.get(5))
                else {
                    continue;
                };
                if !CLOSED_BY_US.contains(state) || (*state == TIME_WAIT && !fresh(timer)) {
                    continue;
                }
                let (Some(local), Some(remote)) = (hex_port(local), hex_port(remote)) else {
                    continue;
                };
                if self.bound.contains(&local) || self.connected.contains(&remote) {
                    found.insert((local, remote));
                }
            }
        }
        found
    }
}

const TIME_WAIT: &str = "06";

/// Whether a TIME_WAIT entry's timer (`03:00001770`, ticks left) has barely run.
fn fresh(timer: &str) -> bool {
    timer
        .split_once(':')
        .and_then(|(_, left)| u64::from_str_radix(left, 16).ok())
        .is_some_and(|left| left >= FRESH_TIME_WAIT_TICKS)
}

/// `0100007F:5BA0` -> 23456.
fn hex_port(address: &str) -> Option<u16> {
    u16::from_str_radix(address.rsplit_once(':')?.1, 16).ok()
}

fn tcp_port(url: &str) -> Option<u16> {
    let rest = url
        .strip_prefix("tcp://")
        .or_else(|| url.strip_prefix("ws://"))?;
    let host_port = rest.split('/').next()?;
    host_port.rsplit_once(':')?.1.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_are_read_from_urls_and_the_kernel_table() {
        assert_eq!(tcp_port("tcp://127.0.0.1:5555"), Some(5555));
        assert_eq!(tcp_port("ws://127.0.0.1:80/path"), Some(80));
        assert_eq!(tcp_port("ipc:///tmp/x"), None);
        assert_eq!(hex_port("0100007F:5BA0"), Some(23456));
        assert!(fresh("03:00001700"));
        assert!(!fresh("03:00000100"));
    }
}
