/*!
Why nothing arrives: a watcher of nanomsg's statistics (stats.rs reads them for it)
that, when a connecting socket gets no peer, says why on stderr (a peer of the wrong
type, nothing listening, not an SP endpoint): from what the boundary's last attempt at
each endpoint found where it knows (a refusal, the peer's SP type), else by probing the
endpoint once (`probe`). It also tells the
`-v` story of each connection honestly, and remembers whether a peer was ever attached,
for the warnings at exit and the cause at the end of a final timeout error.

nanomsg has no event for any of this, and its statistics are per socket, not per
endpoint. What they show, measured with libnanomsg 1.1.5:
- a peer of the wrong type: ESTABLISHED and BROKEN rise together every 100 ms, and
  CURRENT_CONNECTIONS stays 0 (the SP handshake fails);
- nothing listening (refused, no ipc socket file): only CONNECT_ERRORS rises;
- a host name that does not resolve, or a ws server of the wrong type: nothing changes
  at all (ws stays "established" with no peer);
- a tcp server that never sends a header: ESTABLISHED, then BROKEN a second later.

So the probe runs as soon as connections keep breaking with no peer, and otherwise
once a second has passed with no peer: within about a second either way.
*/

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use libc::c_int;

use super::diagnosis;
use super::stats::{EVENT_REPEAT, Reading, Repeated, Watcher, nn_get_statistic, stat};
use super::{EndpointKind, SocketPlan};
use super::{Socket, SocketType};
use crate::boundary;
use crate::probe::{self, Identity, ProbeError};
use crate::report::{self, Reason};
use crate::url::Scheme;

/// With no peer after this long, a connecting socket probes its endpoints.
const DIAGNOSE_AFTER: Duration = Duration::from_secs(1);

/// Connections that broke with no peer attached before the probe runs early.
const BREAKS_BEFORE_PROBE: u64 = 2;

/// A probe's own bound: the endpoint is on the path of a run that is already waiting.
const PROBE_TIMEOUT: Duration = Duration::from_millis(500);

/// What the doctor found out, shared with the socket's owner.
pub(super) struct Findings {
    /// The type this socket talks to.
    expected: Option<SocketType>,
    /// The type of this socket.
    own: Option<SocketType>,
    connect_urls: Vec<crate::url::Url>,
    state: Mutex<State>,
    /// Set when the socket's owner saw a peer connected (waiting for peers polls more
    /// often than the doctor): a peer that came and went between two of the doctor's
    /// looks was a peer, not a failed handshake.
    owner_saw_peer: AtomicBool,
    /// What the boundary's connecting endpoints found: used before probing again.
    outcomes: boundary::Outcomes,
    /// How the probe verifies TLS endpoints: as the socket does.
    tls: Option<boundary::tls::Tls>,
}

#[derive(Default)]
struct State {
    /// Whether a peer was ever attached (SP handshake done).
    had_peer: bool,
    /// The cause of the silence, once known: "the peer at URL is a pull socket".
    cause: Option<Cause>,
    /// Whether the endpoints were probed already.
    probed: bool,
}

impl Findings {
    pub(super) fn new(plan: &SocketPlan) -> Findings {
        let own = SocketType::from_protocol_id(plan.protocol as u16);
        Findings {
            expected: own.map(SocketType::peer),
            own,
            connect_urls: plan
                .endpoints
                .iter()
                .filter(|e| e.kind == EndpointKind::Connect)
                .map(|e| e.url.clone())
                .collect(),
            state: Mutex::new(State::default()),
            owner_saw_peer: AtomicBool::new(false),
            outcomes: boundary::Outcomes::default(),
            tls: plan.tls.clone(),
        }
    }

    /// Where the boundary keeps what its connecting endpoints found.
    pub(super) fn outcomes(&self) -> boundary::Outcomes {
        self.outcomes.clone()
    }

    /// What is at `url`: what the boundary's last attempt there found, else a probe.
    fn seen_or_probed(&self, url: &crate::url::Url) -> Result<Identity, ProbeError> {
        match self.outcomes.get(url) {
            Some(boundary::Outcome::Refused) => Err(ProbeError::Refused),
            Some(boundary::Outcome::NoSuchIpcSocket) => {
                Err(ProbeError::no_such_ipc_socket(url.path()))
            }
            Some(boundary::Outcome::Peer(protocol_id)) => Ok(Identity { protocol_id }),
            Some(boundary::Outcome::Tls(why)) => Err(ProbeError::Tls(why)),
            None => probe::probe(url, PROBE_TIMEOUT, self.tls.as_ref()),
        }
    }

    /// The socket's owner saw `peers` connected.
    pub(super) fn saw_peers(&self, peers: u64) {
        // Once is enough, and keeps the lock off a sender's path, which asks per message.
        if peers > 0 && peers != u64::MAX && !self.owner_saw_peer.swap(true, Ordering::Relaxed) {
            self.lock().had_peer = true;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Probes every connect endpoint; warns about each that cannot be this socket's
    /// peer when `warn` says so once the probes are back (a peer that attached while
    /// they ran makes the warning wrong), and keeps the first such finding as the cause.
    fn diagnose(&self, warn: impl Fn() -> bool) -> Option<Cause> {
        let results: Vec<(String, Result<Identity, ProbeError>)> = thread::scope(|scope| {
            let running: Vec<_> = self
                .connect_urls
                .iter()
                .map(|url| (url, scope.spawn(|| self.seen_or_probed(url))))
                .collect();
            running
                .into_iter()
                .filter_map(|(url, handle)| Some((url.to_string(), handle.join().ok()?)))
                .collect()
        });
        let mut first_cause = None;
        let mut warnings = Vec::new();
        for (url, found) in results {
            let Some((warning, cause)) = self.explain(&url, found) else {
                continue;
            };
            warnings.push((warning, cause.reason));
            first_cause.get_or_insert(cause);
        }
        if !warnings.is_empty() && warn() {
            for (warning, reason) in &warnings {
                report::warn_because(Some(*reason), warning);
            }
        }
        let mut state = self.lock();
        state.probed = true;
        if state.cause.is_none() {
            state.cause = first_cause;
        }
        state.cause.clone()
    }

    /// For an endpoint that cannot be our peer: the warning, and the cause for a final
    /// error. None when the endpoint is a fine peer (or the probe cannot tell).
    fn explain(&self, url: &str, found: Result<Identity, ProbeError>) -> Option<(String, Cause)> {
        let (own, expected) = (self.own?, self.expected?);
        let (warning, text) = diagnosis::in_words(own, expected, url, &found)?;
        let reason = match &found {
            Ok(_) => Reason::WrongType,
            Err(why) => why.reason(),
        };
        Some((warning, Cause { text, reason }))
    }
}

/// Why no peer is there, in words and as a reason for scripts.
#[derive(Clone, Debug)]
pub struct Cause {
    pub text: String,
    pub reason: Reason,
}

/// The word for the transport in `-v` lines: "TCP connected, SP handshake rejected".
fn transport(plan: &SocketPlan) -> &'static str {
    let mut schemes = plan.endpoints.iter().map(|endpoint| endpoint.url.scheme());
    let first = schemes.next().flatten();
    if !schemes.all(|other| other == first) {
        return "transport";
    }
    match first {
        Some(Scheme::Tcp) => "TCP",
        Some(Scheme::Ipc) => "ipc",
        Some(Scheme::Ws) => "ws",
        Some(Scheme::TlsTcp) => "TLS",
        Some(Scheme::Wss) => "wss",
        Some(Scheme::Inproc) => "inproc",
        None => "transport",
    }
}

/// The doctor: watches for silence, and under `-v` tells each connection's story.
pub(super) struct Doctor {
    /// The socket's number, to read its statistics.
    id: c_int,
    findings: Arc<Findings>,
    started: Instant,
    verbose: bool,
    made: u64,
    broken: u64,
    current: u64,
    /// Connections made whose SP handshake has not ended either way.
    handshaking: u64,
    handshaking_since: Instant,
    said_waiting: bool,
    breaks_without_peer: u64,
    rejected: Repeated,
    word: &'static str,
    rejected_text: String,
    /// Every endpoint goes through the boundary, which says why a handshake failed
    /// (the statistics see only its private links).
    boundary_only: bool,
}

impl Doctor {
    pub(super) fn new(socket: &Socket, plan: &SocketPlan) -> Doctor {
        let word = transport(plan);
        Doctor {
            id: socket.id,
            findings: Arc::clone(&socket.findings),
            started: socket.started,
            verbose: plan.verbose,
            made: 0,
            broken: 0,
            current: 0,
            handshaking: 0,
            handshaking_since: Instant::now(),
            said_waiting: false,
            breaks_without_peer: 0,
            rejected: Repeated::new(EVENT_REPEAT),
            word,
            rejected_text: format!("{word} connected, SP handshake rejected"),
            boundary_only: plan.all_through_boundary(),
        }
    }

    /// The `-v` story of what changed since the last reading.
    fn tell(&mut self, now: &Reading, attached: u64, detached: u64, failed: u64) {
        let (started, word) = (self.started, self.word);
        if !self.boundary_only {
            if failed > 0 {
                self.rejected.add(failed, started, &self.rejected_text);
            } else {
                self.rejected.flush(started, &self.rejected_text, false);
            }
        }
        if attached > 0 {
            let peers = now.current.max(self.current + attached);
            report::event(
                started,
                &format!(
                    "{word} connected, SP handshake done: {peers} peer{} connected",
                    if peers == 1 { "" } else { "s" }
                ),
            );
        }
        if detached > 0 {
            report::event(
                started,
                &format!("peer disconnected: {} connected", now.current),
            );
        }
        if self.handshaking > 0
            && !self.boundary_only
            && !self.said_waiting
            && self.handshaking_since.elapsed() >= DIAGNOSE_AFTER
        {
            report::event(started, &format!("{word} connected, no SP handshake yet"));
            self.said_waiting = true;
        }
    }
}

impl Watcher for Doctor {
    /// The first second's end, while the silence may still need explaining.
    fn next_look(&self) -> Option<Instant> {
        let state = self.findings.lock();
        let explaining = !state.had_peer && !state.probed && !self.findings.connect_urls.is_empty();
        let waiting_for_handshake =
            self.handshaking > 0 && !self.said_waiting && !self.boundary_only;
        match (explaining, waiting_for_handshake) {
            (true, _) => Some(self.started + DIAGNOSE_AFTER),
            (false, true) => Some(self.handshaking_since + DIAGNOSE_AFTER),
            (false, false) => None,
        }
    }

    fn look(&mut self, now: &Reading) {
        let findings = &self.findings;
        let new_made = now.made.saturating_sub(self.made);
        let new_broken = now.broken.saturating_sub(self.broken);
        let mut attached = now.current.saturating_sub(self.current);
        let mut detached = self.current.saturating_sub(now.current);
        if attached == 0
            && new_broken > detached
            && findings.owner_saw_peer.swap(false, Ordering::Relaxed)
        {
            // A peer came and went between two looks.
            attached += 1;
            detached += 1;
        }
        if self.handshaking == 0 && new_made > 0 {
            self.handshaking_since = Instant::now();
            self.said_waiting = false;
        }
        self.handshaking += new_made;
        let done = attached.min(self.handshaking);
        self.handshaking -= done;
        // A break that took no attached peer with it ended a handshake.
        let failed = new_broken.saturating_sub(detached).min(self.handshaking);
        self.handshaking -= failed;
        if attached > 0 {
            findings.lock().had_peer = true;
        }
        if self.verbose {
            self.tell(now, attached, detached, failed);
        }
        if now.current == 0 {
            self.breaks_without_peer += failed;
        }
        self.made = now.made;
        self.broken = now.broken;
        self.current = now.current;

        let findings = &self.findings;
        let (had_peer, probed) = {
            let state = findings.lock();
            (state.had_peer, state.probed)
        };
        let silent = now.current == 0 && !had_peer;
        let time_to_look = self.breaks_without_peer >= BREAKS_BEFORE_PROBE
            || self.started.elapsed() >= DIAGNOSE_AFTER;
        if silent && !probed && time_to_look && !findings.connect_urls.is_empty() {
            // A slow machine can attach the peer while the probes run: then there is
            // no silence to explain.
            let id = self.id;
            findings.diagnose(|| nn_get_statistic(id, stat::CURRENT_CONNECTIONS) == 0);
        }
    }

    fn end(&mut self) {
        if self.verbose {
            self.rejected.flush(self.started, &self.rejected_text, true);
        }
    }
}

impl Socket {
    /// Whether a peer was ever attached to this socket.
    pub fn had_peer(&self) -> bool {
        self.findings.lock().had_peer || self.connected_peers() > 0
    }

    /// What is known of why no peer is connected, for the end of a final error; probes
    /// the connect endpoints now if that was not done yet. None with a peer connected.
    pub fn silence_cause(&self) -> Option<Cause> {
        if self.connected_peers() > 0 {
            return None;
        }
        let (probed, cause) = {
            let state = self.findings.lock();
            (state.probed, state.cause.clone())
        };
        if probed || self.findings.connect_urls.is_empty() {
            return cause;
        }
        self.findings.diagnose(|| false)
    }
}
