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
`Outgoing` and both generic over the stream they run on, so that tls.rs's TLS streams
carry them unchanged for tls+tcp:// and wss://; link.rs is libnanomsg's side; relay.rs accepts peers,
connect.rs makes connections, pump.rs carries each peer's messages; address.rs reads addresses as libnanomsg does; notes.rs
says what happened.
*/

pub mod address;
mod connect;
mod link;
mod notes;
mod pump;
mod relay;
mod sp;
pub mod tls;
mod ws;

use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::TcpListener;
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc as sync_mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::sync::{mpsc, watch};

use crate::kind::SocketType;
use crate::url::{Scheme, Url};
use notes::Notes;

/// After the socket closes, how long messages still on their way to a peer are passed
/// on to one that takes none of them: the drain goes on while bytes move.
const DRAIN: Duration = Duration::from_secs(1);

/// A large message passes toward a peer this much at a time, each piece counted as
/// progress for the drain at close.
const CHUNK: u64 = 1 << 20;

/// Messages from libnanomsg larger than this pass on toward a tcp or ipc peer as their
/// bytes come instead of being held whole: a 64 MiB message would otherwise cost one
/// more copy of itself, and the sender's drain would end while the boundary still held
/// it. (Toward libnanomsg a message is held whole first: libnanomsg allocates a length
/// as soon as it reads it, so it must see only lengths whose bytes have come.)
const STREAM_AT: u64 = 1 << 20;

/// How long a connecting endpoint waits for its first attempt before libnanomsg
/// starts: without it libnanomsg's first connect would be refused and retried 100 ms
/// later, a delay every one-shot would pay.
const FIRST_ATTEMPT_WAIT: Duration = Duration::from_secs(1);

/// Descriptors each peer holds: its connection and both ends of its private link.
const DESCRIPTORS_PER_PEER: usize = 3;

/// Descriptors kept for the rest of the process: stdio, libnanomsg's own, listeners,
/// the event loop's, a command's pipes.
const DESCRIPTORS_KEPT: usize = 32;

/// The most a push keeps of what it sent to a peer that was gone.
const ORPHANS_MAX: usize = 64 << 20;

/// Links opened at once per endpoint: under libnanomsg's ipc backlog of 10.
const LINKS_OPENING: usize = 4;

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
    fn tell(&self, happening: Happening) {
        if let Some(Told(tell)) = &self.told {
            tell(happening);
        }
    }
}

/// Who sent each request, survey or answer, by its id (the word with its top bit set
/// that ends the backtrace before the body) and a hash of its body: a tap reads it to name
/// the client a request came from (libnanomsg's backtrace names only its own pipe).
/// Two clients started together can draw the same first id from libnanomsg's weak
/// seeding, so the body is part of the key, and a key two peers sent is nobody's. The
/// latest `SENDERS_KEPT` are kept.
#[derive(Clone, Default)]
pub struct Senders(Arc<Mutex<SenderBook>>);

#[derive(Default)]
struct SenderBook {
    /// None: two peers sent the same id and body.
    by_request: HashMap<(u32, u64), Option<Arc<str>>>,
    order: VecDeque<(u32, u64)>,
    last_peer: Option<Arc<str>>,
    /// The peers connected now, with how many connections each has: with only one,
    /// a message that carries no id is that peer's.
    connected: HashMap<String, usize>,
}

const SENDERS_KEPT: usize = 4096;

impl std::fmt::Debug for Senders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Senders")
    }
}

impl Senders {
    /// The key of a request or answer: the id ending its backtrace (hops first, each
    /// with its top bit clear), and its body's hash.
    fn key(message: &[u8]) -> Option<(u32, u64)> {
        let (backtrace, body) = crate::kind::split_backtrace(message)?;
        let id = backtrace
            .last_chunk::<4>()
            .map(|id| u32::from_be_bytes(*id))?;
        Some((id, body_hash(body)))
    }

    /// `message` came from `peer`: if it starts with an id, remember whose it is.
    fn note(&self, message: &[u8], peer: &str) {
        let mut book = self.lock();
        let peer = match &book.last_peer {
            Some(last) if &**last == peer => Arc::clone(last),
            _ => Arc::from(peer),
        };
        book.last_peer = Some(Arc::clone(&peer));
        let Some(key) = Senders::key(message) else {
            return;
        };
        match book.by_request.get_mut(&key) {
            Some(known) => {
                if known.as_ref().is_some_and(|known| *known != peer) {
                    *known = None;
                }
            }
            None => {
                book.by_request.insert(key, Some(peer));
                book.order.push_back(key);
            }
        }
        while book.order.len() > SENDERS_KEPT {
            if let Some(oldest) = book.order.pop_front() {
                book.by_request.remove(&oldest);
            }
        }
    }

    fn arrived(&self, peer: &str) {
        *self.lock().connected.entry(peer.to_string()).or_default() += 1;
    }

    fn left(&self, peer: &str) {
        let mut book = self.lock();
        if let Some(count) = book.connected.get_mut(peer) {
            *count -= 1;
            if *count == 0 {
                book.connected.remove(peer);
            }
        }
    }

    /// The peer, when only one is connected and it is the one that sent last (a peer
    /// that sent and left before another came may still have a message on its way).
    pub fn only(&self) -> Option<String> {
        let book = self.lock();
        match (
            book.connected.len(),
            book.connected.keys().next(),
            &book.last_peer,
        ) {
            (1, Some(peer), Some(last)) if **last == **peer => Some(peer.clone()),
            _ => None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SenderBook> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The one peer that sent the request with this id and body, if it is known.
    pub fn of(&self, id: u32, body: &[u8]) -> Option<String> {
        let book = self.lock();
        book.by_request
            .get(&(id, body_hash(body)))
            .and_then(|peer| peer.as_deref().map(str::to_string))
    }
}

fn body_hash(body: &[u8]) -> u64 {
    use std::hash::{DefaultHasher, Hasher};
    let mut hasher = DefaultHasher::new();
    hasher.write(body);
    hasher.finish()
}

/// What a peer's next read gave.
pub enum Received {
    Message(Bytes),
    /// A message over --recv-maxsz, of the size given, read into nothing: the
    /// connection goes on.
    Skipped(u64),
    /// The peer closed, or the connection broke.
    Ended,
    /// The peer broke the rules; the connection ends, said as this reason.
    Refused(Refusal),
}

/// Why nncat ended a peer's connection.
pub enum Refusal {
    /// A message longer than --recv-maxsz, with the size it claimed.
    Oversize(u64),
    /// A frame the transport does not allow, said in words.
    BadFrame(String),
}

/// The half of a peer that messages come from.
pub trait Incoming {
    async fn next(&mut self) -> Received;
    /// Whether more of the peer's bytes are already read: what was passed on is
    /// flushed only when not, so a burst of small messages costs few writes.
    fn buffered(&self) -> bool {
        false
    }
}

/// The half of a peer that messages go to.
pub trait Outgoing {
    /// Queues one message; `flush` writes what is queued.
    async fn send(&mut self, message: Vec<u8>) -> io::Result<()>;
    async fn flush(&mut self) -> io::Result<()>;
    /// Whether a large message can be passed on as its bytes come rather than whole:
    /// a stream of length-prefixed frames can, ws cannot.
    fn streams(&self) -> bool {
        false
    }
    /// Starts a message of `length` bytes whose bytes follow (`pass_chunk`).
    async fn start_message(&mut self, length: u64) -> io::Result<()> {
        let _ = length;
        Err(io::ErrorKind::Unsupported.into())
    }
    /// Passes on the next `length` bytes of the message started.
    async fn pass_chunk(&mut self, length: u64, _from: &mut link::LinkReader) -> io::Result<()> {
        let _ = length;
        Err(io::ErrorKind::Unsupported.into())
    }
    /// Ends the connection politely (a ws close frame, a flush), saying why when
    /// nncat refused something.
    async fn finish(&mut self, refusal: Option<&Refusal>);
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

    fn set(&self, url: &str, outcome: Outcome) {
        let mut seen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        seen.insert(url.to_string(), outcome);
    }
}

/// Whether an address goes through the boundary: every stream transport. inproc stays
/// inside the process and needs no guard.
pub fn owns(url: &Url) -> bool {
    Transport::of(url).is_some()
}

/// The transports nncat terminates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Transport {
    Tcp,
    Ipc,
    Ws,
    /// tls+tcp://: SP's tcp framing inside TLS.
    TlsTcp,
    /// wss://: ws inside TLS.
    Wss,
}

impl Transport {
    fn of(url: &Url) -> Option<Transport> {
        match url.scheme()? {
            Scheme::Tcp => Some(Transport::Tcp),
            Scheme::Ipc => Some(Transport::Ipc),
            Scheme::Ws => Some(Transport::Ws),
            Scheme::TlsTcp => Some(Transport::TlsTcp),
            Scheme::Wss => Some(Transport::Wss),
            Scheme::Inproc => None,
        }
    }

    /// The word for it in `-v` lines, as the statistics' lines say it.
    fn word(self) -> &'static str {
        match self {
            Transport::Tcp => "TCP",
            Transport::Ipc => "ipc",
            Transport::Ws => "ws",
            Transport::TlsTcp => "TLS",
            Transport::Wss => "wss",
        }
    }
}

/// One socket's boundary: the event loop's thread and the private folder. Dropped
/// after libnanomsg's socket closes: listeners stop, and what is in flight toward
/// peers is passed on for at most `DRAIN`.
pub struct Boundary {
    settings: Settings,
    outcomes: Outcomes,
    /// Messages and pieces passed toward peers, so far: the drain at close waits while
    /// it grows.
    progress: Arc<AtomicU64>,
    budget: sp::Budget,
    orphans: Orphans,
    peers: Peers,
    folder: tempfile::TempDir,
    jobs: Option<mpsc::UnboundedSender<Job>>,
    thread: Option<thread::JoinHandle<()>>,
    endpoints: usize,
}

/// Work for the event loop's thread, made on another: it spawns the endpoint's tasks.
type Job = Box<dyn FnOnce(Loop) + Send>;

/// What an endpoint's tasks get from the event loop.
#[derive(Clone)]
struct Loop {
    /// Changes to true when the socket closes: stop accepting and connecting.
    closing: watch::Receiver<bool>,
    /// Held by every task; the loop ends when all are dropped, or `DRAIN` after closing.
    live: mpsc::Sender<()>,
}

impl Loop {
    async fn closed(&mut self) {
        let _ = self.closing.wait_for(|closing| *closing).await;
    }
}

/// Messages libnanomsg gave a peer that had already gone, waiting for a live peer of
/// any endpoint of the socket; `arrived` wakes the live peers' pumps.
#[derive(Clone, Default)]
struct Orphans {
    queue: Arc<Mutex<VecDeque<Vec<u8>>>>,
    arrived: Arc<tokio::sync::Notify>,
}

impl Orphans {
    fn held(&self) -> usize {
        self.lock().iter().map(Vec::len).sum()
    }

    fn waiting(&self) -> bool {
        !self.lock().is_empty()
    }

    fn push(&self, message: Vec<u8>) {
        self.lock().push_back(message);
        self.arrived.notify_waiters();
    }

    fn pop(&self) -> Option<Vec<u8>> {
        self.lock().pop_front()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Vec<u8>>> {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One endpoint, as its tasks see it.
struct Endpoint {
    transport: Transport,
    /// The address as given.
    url: String,
    /// Where a connecting endpoint keeps what its attempts found; None when bound.
    outcomes: Option<Outcomes>,
    /// What a push or req sent to a peer that was gone, for another (relay::orphan).
    orphans: Orphans,
    progress: Arc<AtomicU64>,
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
            progress: Arc::default(),
            peers: Peers::new(peer_capacity()),
            folder: private_folder()?,
            jobs: None,
            thread: None,
            endpoints: 0,
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

    /// Connects to `url`; returns the private address libnanomsg must connect to, once
    /// the first attempt has succeeded or failed.
    pub fn connect(&mut self, url: &Url) -> io::Result<String> {
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
        let (first_tx, first_rx) = sync_mpsc::channel();
        self.run(Box::new(move |event_loop| {
            tokio::task::spawn_local(connect::serve_connecting(
                event_loop, endpoint, target, secure, first_tx,
            ));
        }))?;
        let _ = first_rx.recv_timeout(FIRST_ATTEMPT_WAIT);
        Ok(private)
    }

    fn endpoint(&mut self, transport: Transport, url: &Url, side: char) -> Endpoint {
        self.endpoints += 1;
        Endpoint {
            transport,
            url: url.to_string(),
            outcomes: (side == 'c').then(|| self.outcomes.clone()),
            orphans: self.orphans.clone(),
            progress: Arc::clone(&self.progress),
            peers: self.peers.clone(),
            opening: tokio::sync::Semaphore::new(LINKS_OPENING),
            budget: self.budget.clone(),
            settings: self.settings.clone(),
            private: self.folder.path().join(format!("{side}{}", self.endpoints)),
            notes: Notes::new(url, self.settings.started, self.settings.verbose),
        }
    }

    /// Hands `job` to the event loop, started on first use.
    fn run(&mut self, job: Job) -> io::Result<()> {
        if self.jobs.is_none() {
            let (jobs, receiver) = mpsc::unbounded_channel();
            let progress = Arc::clone(&self.progress);
            let thread = thread::Builder::new()
                .name("boundary".into())
                .spawn(move || event_loop(receiver, &progress))?;
            self.jobs = Some(jobs);
            self.thread = Some(thread);
        }
        self.jobs
            .as_ref()
            .and_then(|jobs| jobs.send(job).ok())
            .ok_or_else(|| io::Error::other("the boundary's event loop has stopped"))
    }
}

impl Drop for Boundary {
    fn drop(&mut self) {
        // Closing the job channel is the event loop's signal to close.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The event loop's thread: runs jobs until the boundary is dropped, then lets what is
/// in flight finish for at most `DRAIN`.
fn event_loop(mut jobs: mpsc::UnboundedReceiver<Job>, progress: &AtomicU64) {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    else {
        crate::report::warn("cannot start the boundary's event loop: no peer will be served");
        return;
    };
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        let (closing_tx, closing) = watch::channel(false);
        let (live, mut all_done) = mpsc::channel(1);
        let event_loop = Loop { closing, live };
        while let Some(job) = jobs.recv().await {
            job(event_loop.clone());
        }
        let _ = closing_tx.send(true);
        drop(event_loop);
        loop {
            let before = progress.load(Ordering::Relaxed);
            if tokio::time::timeout(DRAIN, all_done.recv()).await.is_ok()
                || progress.load(Ordering::Relaxed) == before
            {
                break;
            }
        }
    });
}

/// A new folder only this user can enter, for the private links; short enough that
/// its sockets' paths fit in `sun_path`.
fn private_folder() -> io::Result<tempfile::TempDir> {
    let builder = {
        let mut builder = tempfile::Builder::new();
        builder.prefix("nncat-");
        builder
    };
    let base = std::env::temp_dir();
    if base.as_os_str().len() < 64
        && let Ok(folder) = builder.tempdir_in(&base)
    {
        return Ok(folder);
    }
    builder.tempdir_in(Path::new("/tmp"))
}

/// How many peers the descriptor limit leaves room for. The soft limit is raised to
/// the hard one first, as servers do: 1,000 peers need 3,000 descriptors, and the soft
/// limit is often 1,024.
fn peer_capacity() -> usize {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if let (Some(current), Some(maximum)) = (limit.current, limit.maximum)
        && current < maximum
    {
        let raised = rustix::process::Rlimit {
            current: Some(maximum),
            maximum: Some(maximum),
        };
        if setrlimit(Resource::Nofile, raised).is_ok() {
            limit.current = Some(maximum);
        }
    }
    let descriptors = limit
        .current
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    descriptors.saturating_sub(DESCRIPTORS_KEPT) / DESCRIPTORS_PER_PEER
}

/// The peers being served, counted against what the descriptor limit allows, so that
/// nncat stops accepting before libnanomsg's own accept meets the limit (it then spins
/// on EMFILE at 100% CPU).
#[derive(Clone)]
struct Peers {
    live: Arc<AtomicUsize>,
    capacity: usize,
}

/// One peer's place, given back when it is dropped.
struct PeerSlot(Arc<AtomicUsize>);

impl Peers {
    fn new(capacity: usize) -> Peers {
        Peers {
            live: Default::default(),
            capacity,
        }
    }

    fn full(&self) -> bool {
        self.live.load(Ordering::Relaxed) >= self.capacity
    }

    fn take(&self) -> PeerSlot {
        self.live.fetch_add(1, Ordering::Relaxed);
        PeerSlot(Arc::clone(&self.live))
    }

    fn capacity(&self) -> usize {
        self.capacity
    }
}

impl Drop for PeerSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

fn invalid() -> io::Error {
    io::Error::from_raw_os_error(libc::EINVAL)
}

/// An endpoint shared by the tasks of one endpoint on the loop's thread.
type Shared = Rc<Endpoint>;
