/*!
What the socket and the boundary say to each other: the settings every endpoint of a
socket shares, what the boundary tells the socket as it happens (`Told`), and what each
connecting endpoint's last attempt found, kept for the doctor (`Outcomes`). Apart from
the event loop, so that the socket's side reads the whole exchange in one place.
*/

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{Senders, tls};
use crate::kind::SocketType;

/// What every endpoint of one socket shares.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The socket's own type.
    pub own: SocketType,
    /// --recv-maxsz: the largest message a peer may send.
    pub recv_max_size: usize,
    /// `NN_IPV4ONLY`: names resolve to IPv4 addresses only.
    pub ipv4_only: bool,
    /// What all peers' messages being read may hold at once.
    pub memory_budget: usize,
    /// --linger: at close, how long messages toward peers may go without moving
    /// before what is left of them is given up.
    pub linger: Duration,
    /// -v: say each peer's arrival and departure.
    pub verbose: bool,
    /// When the socket opened, for `-v`'s time stamps.
    pub started: Instant,
    /// Where a tap learns which client sent each request or survey.
    pub senders: Option<Senders>,
    /// The certificates and roots of TLS endpoints (tls+tcp://, wss://).
    pub tls: Option<tls::Tls>,
    /// Told of every peer that comes or goes and every connect attempt's outcome, so
    /// that the socket's watchers need not poll.
    pub told: Option<Told>,
}

/// What the boundary tells the socket as it happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Happening {
    /// A peer's handshake is done.
    PeerArrived,
    PeerLeft,
    /// A connect attempt ended, either way.
    Attempted,
}

/// Whom the boundary tells (`Settings::told`).
#[derive(Clone)]
pub struct Told(pub Arc<dyn Fn(Happening) + Send + Sync>);

impl std::fmt::Debug for Told {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Told")
    }
}

impl Settings {
    pub(super) fn tell(&self, happening: Happening) {
        if let Some(Told(tell)) = &self.told {
            tell(happening);
        }
    }
}

/// What a connecting endpoint's last attempt found, kept for the doctor: it explains
/// a silence from what the boundary saw instead of probing the endpoint again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The connection was refused (tcp; ipc: a socket file nobody listens on).
    Refused,
    /// No ipc socket file at the path.
    NoSuchIpcSocket,
    /// An SP peer of this protocol answered the handshake.
    Peer(u16),
    /// The TLS handshake failed over certificates, said in words.
    Tls(String),
}

/// Each connecting endpoint's last `Outcome`, by its address as given.
#[derive(Clone, Default)]
pub struct Outcomes(Arc<Mutex<HashMap<String, Outcome>>>);

impl Outcomes {
    pub fn get(&self, url: &str) -> Option<Outcome> {
        let seen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        seen.get(url).cloned()
    }

    pub(super) fn set(&self, url: &str, outcome: Outcome) {
        let mut seen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        seen.insert(url.to_string(), outcome);
    }
}
