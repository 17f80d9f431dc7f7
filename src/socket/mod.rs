/*!
The one place that touches libnanomsg: opening a socket from the plan, its options and
endpoints, sending and receiving, waiting for peers, draining before close, statistics.

Why a layer of our own over `nanomsg-sys` rather than the `nanomsg` crate's `Socket`:
- its `Read`/`Write` silently truncate long messages and take an empty message for end
  of file, and receiving always copies; here `try_recv` hands out the library's own
  buffer (`NN_MSG`), which the caller writes to stdout and frees;
- its `set_socket_name` passes a dangling pointer;
- it keeps the socket number private, so statistics (`--wait-peers`, `-v`) cannot be
  read, and every call takes `&mut self` although libnanomsg is thread-safe, which pair
  and bus need (one thread sends while another receives).

The `nanomsg` crate still supplies the protocol numbers and the error type, whose
`Display` is libnanomsg's own `nn_strerror`.

This file holds the socket and its opening. Beside it: `end` (the drain, the close,
and what the close cut off), `setup` (options, endpoints, the first peers), `message`
(send and receive, plain and raw), `wait` (NN_RCVFD and stdout, through
`crate::os::poll`), `errno` (what an error means), `stats` (nanomsg's statistics and
the threads that read them), `doctor` (why a socket is silent, in `diagnosis`'s
words), and the endpoint checks and helpers (`endpoint`, `any_port`, `limit`). Every stream transport
(tcp, ipc, ws, TLS) goes through `crate::boundary` first; what listens at an endpoint
is found by `crate::probe`, which speaks the wire without libnanomsg.
*/

use std::os::fd::{BorrowedFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use libc::c_int;
use nanomsg::Protocol;
use nanomsg_sys as sys;

use crate::boundary::{self, Boundary};
use crate::report::{self, Reason};
use crate::signals;

mod any_port;
mod diagnosis;
mod doctor;
mod endpoint;
mod limit;
mod plan;
mod wait;

// The files that call libnanomsg, the only ones where `unsafe` is allowed (lib.rs
// denies it everywhere else); in this file, the items that do.
#[allow(unsafe_code)]
mod counts;
#[allow(unsafe_code)]
mod end;
#[allow(unsafe_code)]
mod errno;
#[allow(unsafe_code)]
mod message;
#[allow(unsafe_code)]
mod setup;
mod stats;

pub use crate::boundary::link_cost;
pub use crate::kind::SocketType;
pub use endpoint::{IPC_PATH_MAX, check_binds};
pub use errno::{Errno, Meaning};
pub use limit::{DEFAULT_RECV_MAX_SIZE, human_size, recv_max_size_cap};
pub use plan::{Endpoint, EndpointKind, PeerWait, SocketPlan};

pub use doctor::Cause;
use doctor::Doctor;
pub use end::Closed;
pub use message::{Message, RawMessage};
use stats::{ConnectionEvents, Progress, Watcher, stat};
pub use wait::{Wake, millis};

/// After a failed connect attempt has woken the statistics thread, how long the next
/// ones do not: a server that is down is tried ten times a second, `-v` says the
/// failures at most once a second (`stats::EVENT_REPEAT`), and libnanomsg's count of
/// them is read whole at the next reading. A peer's arrival or departure always wakes it.
const ATTEMPT_LOOKS_APART: Duration = stats::EVENT_REPEAT;

/// How often conditions on statistics are checked; nanomsg has no event to wait on.
const POLL_STEP: Duration = Duration::from_millis(5);

fn last_error() -> Errno {
    errno::last()
}

/// A nanomsg socket. Every method takes `&self`: libnanomsg's calls are thread-safe.
pub struct Socket {
    id: c_int,
    protocol: Protocol,
    recv_timeout: Option<Duration>,
    linger: Duration,
    /// Set once `close` has run, so that drop does not close another socket that
    /// libnanomsg has since given the same number.
    closed: AtomicBool,
    /// Whether every endpoint goes through the boundary, which then sees every
    /// message sent (not one through inproc).
    all_through_boundary: bool,
    /// NN_RCVFD, for a socket that can receive: readable while a message is ready.
    recv_fd: Option<RawFd>,
    started: Instant,
    monitor_stop: Arc<AtomicBool>,
    findings: Arc<doctor::Findings>,
    /// Wakes the watchers' thread: the boundary's happenings, and closing.
    wake: mpsc::Sender<stats::Wake>,
    /// The transports nncat terminates for this socket (boundary/), started with the
    /// first endpoint that needs it; dropped after `nn_close`.
    boundary: Mutex<Option<Boundary>>,
    boundary_settings: boundary::Settings,
}

/// Starts the thread that acts on signals (`signals::start_handling`), and says so when
/// it cannot: a signal then ends the run as it ends any program.
pub fn handle_signals() {
    signals::start_handling(|err| {
        report::warn(&report::without_os_error_numbers(&format!(
            "cannot start the thread that handles signals: {err}: \
             a signal will end this run without flushing stdout"
        )));
    });
}

#[allow(unsafe_code)]
impl Socket {
    /// Opens the socket, sets its options and endpoints, starts `-v` reporting, and
    /// waits for peers where the plan says so.
    pub fn open(plan: &SocketPlan) -> Result<Socket> {
        limit::room_for_libnanomsg_thread()?;
        let domain = if plan.raw { sys::AF_SP_RAW } else { sys::AF_SP };
        // SAFETY: nn_socket takes two integers and no pointers; a failure is the -1
        // checked below.
        let id = unsafe { sys::nn_socket(domain, plan.protocol as c_int) };
        if id < 0 {
            bail!("cannot create a nanomsg socket: {}", last_error());
        }
        counts::opened(id);
        let started = Instant::now();
        let findings = Arc::new(doctor::Findings::new(plan));
        // The boundary tells of each peer and attempt: the watchers wake for those
        // (and for their own deadlines) instead of polling the statistics.
        let (wake, woken) = mpsc::channel();
        let told = {
            let (findings, wake) = (Arc::clone(&findings), wake.clone());
            let last_look = Mutex::new(None::<Instant>);
            boundary::Told(Arc::new(move |happening| {
                if happening == boundary::Happening::PeerArrived {
                    findings.saw_peers(1);
                }
                let _ = wake.send(match happening {
                    boundary::Happening::Attempted => {
                        let mut last = last_look.lock().unwrap_or_else(|e| e.into_inner());
                        if last.is_some_and(|at| at.elapsed() < ATTEMPT_LOOKS_APART) {
                            return;
                        }
                        *last = Some(Instant::now());
                        stats::Wake::Look
                    }
                    _ => stats::Wake::Settle,
                });
            }))
        };
        let mut socket = Socket {
            id,
            protocol: plan.protocol,
            recv_timeout: plan.recv_timeout,
            linger: plan.linger,
            closed: AtomicBool::new(false),
            all_through_boundary: plan.all_through_boundary(),
            recv_fd: None,
            started,
            monitor_stop: Arc::new(AtomicBool::new(false)),
            findings,
            wake,
            boundary: Mutex::new(None),
            boundary_settings: boundary::Settings {
                own: SocketType::ALL
                    .into_iter()
                    .find(|kind| kind.protocol() == plan.protocol)
                    .unwrap_or(SocketType::Pair),
                recv_max_size: plan.recv_max_size,
                memory_budget: limit::recv_max_size_cap(),
                linger: plan.linger,
                ipv4_only: !plan.ipv6,
                verbose: plan.verbose,
                started,
                senders: plan.name_senders.then(boundary::Senders::default),
                tls: plan.tls.clone(),
                told: Some(told),
            },
        };
        socket.configure(plan)?;
        // push and pub have none (ENOPROTOOPT); they never wait to receive.
        socket.recv_fd = socket.get_int(sys::NN_SOL_SOCKET, sys::NN_RCVFD).ok();
        for endpoint in &plan.endpoints {
            endpoint::check(endpoint)?;
        }
        socket.begin_connecting(&plan.endpoints);
        for endpoint in &plan.endpoints {
            socket.add_endpoint(endpoint, plan)?;
        }
        // Without a boundary nothing would start the signal thread later.
        if socket
            .boundary
            .get_mut()
            .map_or(true, |boundary| boundary.is_none())
        {
            handle_signals();
        }
        let boundary_only = plan.all_through_boundary();
        let connects = plan
            .endpoints
            .iter()
            .any(|endpoint| endpoint.kind == EndpointKind::Connect);
        let mut watchers: Vec<Box<dyn Watcher>> = Vec::new();
        // The doctor explains a connecting socket's silence and tells -v's story; a quiet
        // socket that only binds gives it nothing to do (the boundary marks its peers).
        if plan.verbose || connects || !boundary_only {
            watchers.push(Box::new(Doctor::new(&socket, plan)));
        }
        if plan.verbose {
            // The boundary names what happens to its endpoints' connections itself;
            // the statistics would only count its private links.
            if !boundary_only {
                watchers.push(Box::new(ConnectionEvents::new(socket.started)));
            }
            // push and pub receive nothing, and refuse --recv-maxsz.
            if !matches!(plan.protocol, Protocol::Push | Protocol::Pub) {
                report::event(
                    socket.started,
                    &format!(
                        "accepting messages up to {} (--recv-maxsz)",
                        human_size(plan.recv_max_size)
                    ),
                );
            }
        }
        if plan.progress {
            watchers.push(Box::new(Progress::new(&socket)));
        }
        // -v tells its story from the start; --progress draws at once.
        let lazily = !plan.verbose && !plan.progress;
        socket.start_watching(watchers, boundary_only.then_some(woken), lazily);
        if let Some(wait) = &plan.wait_peers {
            socket.wait_for_peers(wait.count, wait.timeout, wait.required)?;
        }
        Ok(socket)
    }

    /// NN_RCVFD, to poll (wait.rs): libnanomsg's descriptor, borrowed from the socket.
    fn recv_fd(&self) -> Option<BorrowedFd<'_>> {
        let fd = self.recv_fd?;
        // SAFETY: NN_RCVFD is libnanomsg's descriptor, open while the socket is; nn_term
        // may close it during a wait, which poll reports (POLLNVAL) rather than
        // misreads, and the receive that follows then fails with EBADF.
        Some(unsafe { BorrowedFd::borrow_raw(fd) })
    }

    /// --recv-timeout: how long one receive may wait for a message.
    pub fn recv_timeout(&self) -> Option<Duration> {
        self.recv_timeout
    }

    /// What the boundary has done with the messages toward peers so far.
    fn delivery(&self) -> Option<Arc<boundary::Delivery>> {
        let boundary = self.boundary.lock().unwrap_or_else(|e| e.into_inner());
        boundary.as_ref().map(Boundary::delivery)
    }

    /// What a timeout on send means for the user: why no peer came, when that is
    /// known (nothing listening, a peer of the wrong type), else whether one ever did.
    pub fn send_timeout_cause(&self) -> Cause {
        if let Some(cause) = self.silence_cause() {
            return cause;
        }
        let text = if self.statistic(stat::ESTABLISHED_CONNECTIONS)
            + self.statistic(stat::ACCEPTED_CONNECTIONS)
            == 0
        {
            "no peer ever connected"
        } else {
            "no peer took the message"
        };
        Cause {
            text: text.into(),
            reason: Reason::Timeout,
        }
    }

    /// The peer that sent the request or survey with this id (the word with its top
    /// bit set) and body, when the plan asked to keep them.
    pub fn sender_of(&self, id: u32, body: &[u8]) -> Option<String> {
        self.boundary_settings.senders.as_ref()?.of(id, body)
    }

    /// The one peer connected through the boundary, when the plan asked to keep
    /// senders and only one is.
    pub fn only_sender(&self) -> Option<String> {
        self.boundary_settings.senders.as_ref()?.only()
    }

    pub fn started(&self) -> Instant {
        self.started
    }

    /// What the boundary has taken off its links from libnanomsg so far, in
    /// `boundary::link_cost`s; `None` when no endpoint goes through it.
    pub fn taken_by_boundary(&self) -> Option<Arc<AtomicU64>> {
        let boundary = self.boundary.lock().unwrap_or_else(|e| e.into_inner());
        boundary.as_ref().map(boundary::Boundary::taken)
    }
}

/// Ends every blocking nanomsg call in the process: they return `Terminating`.
#[allow(unsafe_code)]
pub fn terminate_all() {
    // The statistics go with nn_term: kept first, for --stats and -v at the end.
    counts::freeze_all();
    // SAFETY: nn_term takes no arguments. It is not async-signal-safe (it takes a
    // mutex), and it is called from ordinary threads only: signal-hook's iterator thread
    // (signals.rs), duplex's sender and tap, never from a signal handler. It closes every
    // socket; later calls on them fail with ETERM or EBADF, which errno.rs reads as
    // Stopped, and chunks already received stay valid for nn_freemsg.
    unsafe {
        sys::nn_term();
    }
}
