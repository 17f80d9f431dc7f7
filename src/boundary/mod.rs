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

ws.rs is the ws transport; relay.rs serves peers and pumps messages; address.rs reads
addresses as libnanomsg does.
*/

pub mod address;
mod link;
mod notes;
mod relay;
mod ws;

use std::io;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc as sync_mpsc;
use std::thread;
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::sync::{mpsc, watch};

use crate::kind::SocketType;
use notes::Notes;

/// After the socket closes, how long messages still on their way to a peer are passed
/// on to one that is slow to take them.
const DRAIN: Duration = Duration::from_secs(1);

/// How long a connecting endpoint waits for its first attempt before libnanomsg
/// starts: without it libnanomsg's first connect would be refused and retried 100 ms
/// later, a delay every one-shot would pay.
const FIRST_ATTEMPT_WAIT: Duration = Duration::from_secs(1);

/// What every endpoint of one socket shares.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// The socket's own type.
    pub own: SocketType,
    /// --recv-maxsz: the largest message a peer may send.
    pub recv_max_size: usize,
    /// `NN_IPV4ONLY`: names resolve to IPv4 addresses only.
    pub ipv4_only: bool,
    /// -v: say each peer's arrival and departure.
    pub verbose: bool,
    /// When the socket opened, for `-v`'s time stamps.
    pub started: Instant,
}

/// What a peer's next read gave.
pub enum Received {
    Message(Bytes),
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
}

/// The half of a peer that messages go to.
pub trait Outgoing {
    async fn send(&mut self, message: Vec<u8>) -> io::Result<()>;
    /// Ends the connection politely (a ws close frame, a flush), saying why when
    /// nncat refused something.
    async fn finish(&mut self, refusal: Option<&Refusal>);
}

/// Whether an address goes through the boundary.
pub fn owns(url: &str) -> bool {
    url.starts_with("ws://")
}

/// One socket's boundary: the event loop's thread and the private folder. Dropped
/// after libnanomsg's socket closes: listeners stop, and what is in flight toward
/// peers is passed on for at most `DRAIN`.
pub struct Boundary {
    settings: Settings,
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

/// One endpoint, as its tasks see it.
struct Endpoint {
    settings: Settings,
    /// The private link's path.
    private: PathBuf,
    notes: Notes,
}

impl Boundary {
    pub fn new(settings: Settings) -> io::Result<Boundary> {
        Ok(Boundary {
            settings,
            folder: private_folder()?,
            jobs: None,
            thread: None,
            endpoints: 0,
        })
    }

    /// Listens on `url` (a ws address to bind); returns the private address libnanomsg
    /// must bind.
    pub fn bind(&mut self, url: &str) -> io::Result<String> {
        let public = address::parse_bind(url, self.settings.ipv4_only)?;
        let listener = TcpListener::bind(public)?;
        listener.set_nonblocking(true)?;
        let endpoint = self.endpoint(url, 'b');
        let private = format!("ipc://{}", endpoint.private.display());
        self.run(Box::new(move |event_loop| {
            tokio::task::spawn_local(relay::serve_bound(event_loop, endpoint, listener));
        }))?;
        Ok(private)
    }

    /// Connects to `url` (a ws address); returns the private address libnanomsg must
    /// connect to, once the first attempt has succeeded or failed.
    pub fn connect(&mut self, url: &str) -> io::Result<String> {
        let remote = address::parse_connect(url, self.settings.ipv4_only)?;
        let request = ws::client_request(&remote, self.settings.own.peer())?;
        let endpoint = self.endpoint(url, 'c');
        let private = format!("ipc://{}", endpoint.private.display());
        let (first_tx, first_rx) = sync_mpsc::channel();
        self.run(Box::new(move |event_loop| {
            tokio::task::spawn_local(relay::serve_connecting(
                event_loop, endpoint, remote, request, first_tx,
            ));
        }))?;
        let _ = first_rx.recv_timeout(FIRST_ATTEMPT_WAIT);
        Ok(private)
    }

    fn endpoint(&mut self, url: &str, side: char) -> Endpoint {
        self.endpoints += 1;
        Endpoint {
            settings: self.settings,
            private: self.folder.path().join(format!("{side}{}", self.endpoints)),
            notes: Notes::new(url, self.settings.started, self.settings.verbose),
        }
    }

    /// Hands `job` to the event loop, started on first use.
    fn run(&mut self, job: Job) -> io::Result<()> {
        if self.jobs.is_none() {
            let (jobs, receiver) = mpsc::unbounded_channel();
            let thread = thread::Builder::new()
                .name("boundary".into())
                .spawn(move || event_loop(receiver))?;
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
fn event_loop(mut jobs: mpsc::UnboundedReceiver<Job>) {
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
        let _ = tokio::time::timeout(DRAIN, all_done.recv()).await;
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

/// An endpoint shared by the tasks of one endpoint on the loop's thread.
type Shared = Rc<Endpoint>;
