/*!
nncat's boundary: the transports nncat terminates itself, so that libnanomsg reads only
bytes nncat wrote.

libnanomsg 1.1.5 aborts the whole process on frames a stranger can send: a text
message whose UTF-8 is split across ws fragments (sws.c:634), and it lets 1-byte ws
fragments cost 64 bytes each. So for every boundary endpoint nncat accepts or makes the
real connection itself, on one event loop (one thread for all peers), speaks the
transport through a maintained crate (ws: tungstenite, with its limits set), checks
every frame, and hands libnanomsg each well-formed message over a private link
(link.rs): an ipc connection per real peer, in a folder only this user can reach. Each
real peer stays one libnanomsg pipe, so what the socket type does with peers is
unchanged.

- **bind**: nncat listens on the user's address; libnanomsg binds `ipc://PRIVATE/bN`.
  Each peer that completes its handshake gets its own link.
- **connect**: nncat connects to the user's address and completes the handshake;
  only then does it listen on `ipc://PRIVATE/cN`, where libnanomsg's connect (retried
  every 100 ms, its reconnect interval) finds it. Whatever goes wrong on the way
  (nothing listening, a refusal, no answer) leaves that path absent, so libnanomsg sees
  a refused connect and tries again, as when nothing listens.

What happens at the boundary is said here, where it is seen: a message over
`--recv-maxsz` as a warning naming the peer, and under `-v` each peer's arrival,
refusal and departure (notes.rs).

sp.rs is the tcp and ipc transport, ws.rs the ws one, both behind `Incoming` and
`Outgoing` (transport.rs) and both generic over the stream they run on, so that tls.rs's
TLS streams carry them unchanged for tls+tcp:// and wss://; link.rs is libnanomsg's
side; relay.rs accepts peers, connect.rs makes connections, pump.rs carries each peer's
messages, all on the thread of event_loop.rs; address.rs reads addresses as libnanomsg
does; settings.rs is what the socket and the boundary say to each other, delivery.rs
what became of the messages toward peers, senders.rs a tap's record of who sent what,
peers.rs the count against the descriptor limit, and notes.rs says what happened.
This file holds one socket's boundary and its endpoints.
*/

pub mod address;
mod batching;
mod connect;
mod delivery;
mod event_loop;
mod gate;
mod link;
mod notes;
mod peers;
mod pump;
mod relay;
mod request_target;
mod senders;
mod settings;
mod sp;
pub mod tls;
mod transport;
mod ws;

use std::io;
use std::net::TcpListener;
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::UnixListener;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc as sync_mpsc;
use std::thread;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::url::Url;
pub use delivery::Delivery;
use event_loop::{Job, Loop, event_loop};
pub use link::link_cost;
use notes::Notes;
use peers::{Peers, peer_capacity};
use pump::Orphans;
pub use senders::Senders;
pub use settings::{Happening, Outcome, Outcomes, Settings, Told};
use transport::Transport;
pub use transport::{Incoming, Outgoing, Received, Refusal, owns};

/// After the socket closes, how long messages still on their way to a peer are passed
/// on to one that takes none of them (or `--linger`, when longer): the drain goes on
/// while bytes move.
const DRAIN: Duration = Duration::from_secs(1);

/// Messages from libnanomsg larger than this pass on toward a tcp or ipc peer as their
/// bytes come instead of being held whole: a 64 MiB message would otherwise cost one
/// more copy of itself, and the sender's drain would end while the boundary still held
/// it. (Toward libnanomsg a message is held whole first: libnanomsg allocates a length
/// as soon as it reads it, so it must see only lengths whose bytes have come.)
const STREAM_AT: u64 = 1 << 20;

/// How long setting up a connecting endpoint waits for its first attempt, so that what
/// the attempt found (a refusal, a wrong type) is known to the doctor from the start.
const FIRST_ATTEMPT_WAIT: Duration = Duration::from_secs(1);

/// Links opened at once per endpoint: under libnanomsg's ipc backlog of 10.
const LINKS_OPENING: usize = 4;

/// One socket's boundary: the event loop's thread and the private folder. Dropped
/// after libnanomsg's socket closes: listeners stop, and what is in flight toward
/// peers is passed on while it moves, until nothing has for `DRAIN` (or `--linger`).
pub struct Boundary {
    settings: Settings,
    outcomes: Outcomes,
    /// What became of the messages toward peers: the drain at close waits while they
    /// move, and the socket learns what its close cut off.
    delivery: Arc<Delivery>,
    /// What was taken off the links from libnanomsg so far, in `link_cost`s: how far
    /// a publisher is ahead of the boundary (cmd/catch_up.rs).
    taken: Arc<AtomicU64>,
    budget: sp::Budget,
    orphans: Orphans,
    peers: Peers,
    folder: link::PrivateFolder,
    jobs: Option<mpsc::UnboundedSender<Job>>,
    thread: Option<thread::JoinHandle<()>>,
    endpoints: usize,
    /// Connections begun ahead, not yet handed to libnanomsg (`begin_connect`).
    begun: Vec<Connecting>,
}

/// A connection begun: its URL as given, the private address libnanomsg connects to,
/// and the news of its first attempt.
pub struct Connecting {
    url: String,
    pub private: String,
    first: sync_mpsc::Receiver<()>,
}

impl Connecting {
    /// Waits until the first attempt has succeeded or failed (or `FIRST_ATTEMPT_WAIT`
    /// has passed), so that what it found is known when the socket is set up.
    pub fn wait_for_first_attempt(&self) {
        let _ = self.first.recv_timeout(FIRST_ATTEMPT_WAIT);
    }
}

/// One endpoint, as its tasks see it.
struct Endpoint {
    transport: Transport,
    /// The address as given.
    url: String,
    /// Where a connecting endpoint keeps what its attempts found; None when bound.
    outcomes: Option<Outcomes>,
    /// What a push or req sent to a peer that was gone, for another (pump::orphan).
    orphans: Orphans,
    delivery: Arc<Delivery>,
    taken: Arc<AtomicU64>,
    /// Peers served by every endpoint of the socket, against the descriptor limit.
    peers: Peers,
    /// Links being opened to libnanomsg's private endpoint at once: a crowd of peers
    /// queues here in order instead of retrying libnanomsg's full backlog together.
    opening: tokio::sync::Semaphore,
    settings: Settings,
    budget: sp::Budget,
    /// The private link's path.
    private: PathBuf,
    notes: Notes,
}

impl Endpoint {
    /// Keeps what a connecting endpoint's attempt found, for the doctor.
    fn found(&self, outcome: Outcome) {
        self.settings.tell(Happening::Attempted);
        if let Some(outcomes) = &self.outcomes {
            outcomes.set(&self.url, outcome);
        }
    }
}

impl Boundary {
    pub fn new(settings: Settings, outcomes: Outcomes) -> io::Result<Boundary> {
        Ok(Boundary {
            orphans: Orphans::default(),
            budget: sp::Budget::new(settings.memory_budget),
            settings,
            outcomes,
            delivery: Arc::default(),
            taken: Arc::default(),
            peers: Peers::new(peer_capacity()),
            folder: link::private_folder()?,
            jobs: None,
            thread: None,
            endpoints: 0,
            begun: Vec::new(),
        })
    }

    /// Listens on `url`; returns the private address libnanomsg must bind.
    pub fn bind(&mut self, url: &Url) -> io::Result<String> {
        let transport = Transport::of(url).ok_or_else(invalid)?;
        let secure = matches!(transport, Transport::TlsTcp | Transport::Wss);
        if secure
            && self
                .settings
                .tls
                .as_ref()
                .and_then(tls::Tls::acceptor)
                .is_none()
        {
            // The options refuse this first: a TLS server needs --cert.
            return Err(invalid());
        }
        let listener = match transport {
            Transport::Tcp | Transport::Ws | Transport::TlsTcp | Transport::Wss => {
                let public = address::parse_bind(url, self.settings.ipv4_only)?;
                let listener = TcpListener::bind(public)?;
                listener.set_nonblocking(true)?;
                relay::PublicListener::Tcp(listener)
            }
            Transport::Ipc => {
                let path = url.path();
                // A socket file left by an earlier run; a live one was refused before.
                if std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_socket()) {
                    let _ = std::fs::remove_file(path);
                }
                let listener = UnixListener::bind(path)?;
                listener.set_nonblocking(true)?;
                relay::PublicListener::Ipc(listener)
            }
        };
        let endpoint = self.endpoint(transport, url, 'b');
        let private = format!("ipc://{}", endpoint.private.display());
        self.run(Box::new(move |event_loop| {
            tokio::task::spawn_local(relay::serve_bound(event_loop, endpoint, listener));
        }))?;
        Ok(private)
    }

    /// Connects to `url`; the private address libnanomsg must connect to, open at once,
    /// and the news of the first attempt. A connection begun ahead for the same URL
    /// (`begin_connect`) is taken over.
    pub fn connect(&mut self, url: &Url) -> io::Result<Connecting> {
        let begun = self
            .begun
            .iter()
            .position(|begun| begun.url == url.as_str());
        match begun {
            Some(at) => Ok(self.begun.remove(at)),
            None => self.start_connect(url),
        }
    }

    /// Starts connecting to `url` without waiting for the first attempt, so that a
    /// socket with many connect endpoints waits for all their first attempts at once
    /// (a surveyor connecting to 100 respondents waited for each in turn). An address
    /// it cannot take is left for `connect` to refuse.
    pub fn begin_connect(&mut self, url: &Url) {
        if let Ok(begun) = self.start_connect(url) {
            self.begun.push(begun);
        }
    }

    fn start_connect(&mut self, url: &Url) -> io::Result<Connecting> {
        let transport = Transport::of(url).ok_or_else(invalid)?;
        let ipv4_only = self.settings.ipv4_only;
        let target = match transport {
            Transport::Tcp | Transport::TlsTcp => {
                connect::Target::Tcp(address::parse_tcp_connect(url, ipv4_only)?)
            }
            Transport::Ipc => connect::Target::Ipc(PathBuf::from(url.path())),
            Transport::Ws | Transport::Wss => {
                let remote = address::parse_connect(url, ipv4_only)?;
                let request = ws::client_request(&remote, self.settings.own.peer())?;
                connect::Target::Ws(remote, Box::new(request))
            }
        };
        let secure = match transport {
            Transport::TlsTcp | Transport::Wss => {
                let tls = self.settings.tls.as_ref().ok_or_else(invalid)?;
                let host = match &target {
                    connect::Target::Tcp(remote) | connect::Target::Ws(remote, _) => {
                        remote.host.as_str()
                    }
                    connect::Target::Ipc(_) => "",
                };
                Some(connect::Secure {
                    connector: tls.connector(),
                    name: tls::server_name(host)?,
                    tls: tls.clone(),
                })
            }
            _ => None,
        };
        let endpoint = self.endpoint(transport, url, 'c');
        let private = format!("ipc://{}", endpoint.private.display());
        // Open before the first attempt, so that libnanomsg's connect to it overlaps
        // the attempt; it is let in once the attempt is up.
        let gate = gate::Gate::open(&endpoint.private).ok();
        let (first_tx, first_rx) = sync_mpsc::channel();
        self.run(Box::new(move |event_loop| {
            tokio::task::spawn_local(connect::serve_connecting(
                event_loop, endpoint, target, secure, gate, first_tx,
            ));
        }))?;
        Ok(Connecting {
            url: url.to_string(),
            private,
            first: first_rx,
        })
    }

    fn endpoint(&mut self, transport: Transport, url: &Url, side: char) -> Endpoint {
        self.endpoints += 1;
        Endpoint {
            transport,
            url: url.to_string(),
            outcomes: (side == 'c').then(|| self.outcomes.clone()),
            orphans: self.orphans.clone(),
            delivery: Arc::clone(&self.delivery),
            taken: Arc::clone(&self.taken),
            peers: self.peers.clone(),
            opening: tokio::sync::Semaphore::new(LINKS_OPENING),
            budget: self.budget.clone(),
            settings: self.settings.clone(),
            private: self.folder.path().join(format!("{side}{}", self.endpoints)),
            notes: Notes::new(url, self.settings.started, self.settings.verbose),
        }
    }

    /// What the boundary has taken off the links from libnanomsg so far, in
    /// `link_cost`s.
    pub fn taken(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.taken)
    }

    /// What became of the messages toward peers; final once the boundary is dropped.
    pub fn delivery(&self) -> Arc<Delivery> {
        Arc::clone(&self.delivery)
    }

    /// Runs `job` on the event loop's thread once `delay` has passed, unless the socket
    /// closes first.
    pub fn after(&mut self, delay: Duration, job: Box<dyn FnOnce() + Send>) -> io::Result<()> {
        self.run(Box::new(move |event_loop| {
            // Not one of the tasks the drain at close waits for.
            let Loop { mut closing, live } = event_loop;
            drop(live);
            tokio::task::spawn_local(async move {
                tokio::select! {
                    () = tokio::time::sleep(delay) => job(),
                    _ = closing.wait_for(|closing| *closing) => {}
                }
            });
        }))
    }

    /// Hands `job` to the event loop, started on first use.
    fn run(&mut self, job: Job) -> io::Result<()> {
        if self.jobs.is_none() {
            let (jobs, receiver) = mpsc::unbounded_channel();
            let delivery = Arc::clone(&self.delivery);
            let patience = DRAIN.max(self.settings.linger);
            let own = self.folder.path().to_path_buf();
            let thread = thread::Builder::new()
                .name("boundary".into())
                .spawn(move || event_loop(receiver, &delivery, patience, &own))?;
            self.jobs = Some(jobs);
            self.thread = Some(thread);
        }
        self.jobs
            .as_ref()
            .and_then(|jobs| jobs.send(job).ok())
            .ok_or_else(|| io::Error::other("the boundary's event loop has stopped"))
    }

    /// Removes the private folder and lets the event loop's thread run on unjoined (a
    /// dropped handle detaches it), for a process that exits next (`Socket::leave`).
    pub fn leave(mut self) {
        self.thread = None;
    }

    /// Tells the event loop that the socket closes: listeners and connect attempts
    /// stop, and each live connection passes on what libnanomsg gave it until
    /// libnanomsg closes its link. Closing the job channel is the signal.
    pub fn begin_closing(&mut self) {
        self.jobs = None;
    }
}

impl Drop for Boundary {
    fn drop(&mut self) {
        self.begin_closing();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn invalid() -> io::Error {
    io::Error::from_raw_os_error(libc::EINVAL)
}

/// An endpoint shared by the tasks of one endpoint on the loop's thread.
type Shared = Rc<Endpoint>;
