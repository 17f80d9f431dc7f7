/*!
The one place that touches libnanomsg: opening a socket from the plan, its options and
endpoints, sending and receiving, waiting for peers, draining before close, statistics.

Why a layer of our own over `nanomsg-sys` rather than the `nanomsg` crate's `Socket`:
- its `Read`/`Write` silently truncate long messages and take an empty message for end
  of file, and receiving always copies; here `recv` hands out the library's own buffer
  (`NN_MSG`), which the caller writes to stdout and frees;
- its `set_socket_name` passes a dangling pointer;
- it keeps the socket number private, so statistics (`--wait-peers`, `-v`) cannot be
  read, and every call takes `&mut self` although libnanomsg is thread-safe, which pair
  and bus need (one thread sends while another receives).

The `nanomsg` crate still supplies the protocol numbers and the error type, whose
`Display` is libnanomsg's own `nn_strerror`.
*/

use std::ffi::CString;
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use libc::{c_int, c_void};
use nanomsg::{Error as NnError, Protocol};
use nanomsg_sys as sys;

use crate::exit::Failure;
use crate::options::{Endpoint, EndpointKind, SocketPlan};
use crate::report;

mod drops;
mod endpoint;
mod kind;
mod limit;
mod raw;
mod watch;
mod ws_guard;

pub use kind::SocketType;
pub use limit::{DEFAULT_RECV_MAX_SIZE, human_size, recv_max_size_cap};

pub use endpoint::why_no_peer;
use endpoint::{explain, reachable_from_other_hosts};
pub use raw::RawMessage;
pub use watch::Counts;
use watch::stat;

/// After the last write has left, how long the peer gets to take the message out of
/// its read-ahead before we close: nanomsg drops a pipe's unread message when the pipe
/// closes. Measured: 20 of 20 one-byte pushes arrived with it, 8 of 20 without.
const CLOSE_GRACE: Duration = Duration::from_millis(100);

/// How often conditions on statistics are checked; nanomsg has no event to wait on.
const POLL_STEP: Duration = Duration::from_millis(5);

/// A libnanomsg error number. `nanomsg::Error` names the ones nncat acts on; the
/// message comes from `nn_strerror`, which also knows the system's own numbers
/// (ENOENT for an ipc path in a missing folder) that `nanomsg::Error` calls Unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Errno(c_int);

impl Errno {
    pub fn kind(self) -> NnError {
        NnError::from_raw(self.0)
    }
}

impl std::fmt::Display for Errno {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = unsafe { std::ffi::CStr::from_ptr(sys::nn_strerror(self.0)) };
        f.write_str(&text.to_string_lossy())
    }
}

impl std::error::Error for Errno {}

fn last_error() -> Errno {
    Errno(unsafe { sys::nn_errno() })
}

/// A nanomsg socket. Every method takes `&self`: libnanomsg's calls are thread-safe.
pub struct Socket {
    id: c_int,
    protocol: Protocol,
    recv_max_size: usize,
    started: Instant,
    monitor_stop: Arc<AtomicBool>,
    /// The handshake guards of this socket's ws endpoints (ws_guard/); dropped after
    /// `nn_close`.
    ws_guards: Mutex<Vec<ws_guard::Guard>>,
}

/// A received message, in the buffer nanomsg allocated for it; freed when dropped.
pub struct Message {
    data: *mut u8,
    len: usize,
}

impl std::ops::Deref for Message {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        if self.len == 0 {
            return &[];
        }
        // nanomsg gave us `len` bytes at `data`, ours until nn_freemsg.
        unsafe { std::slice::from_raw_parts(self.data, self.len) }
    }
}

impl Drop for Message {
    fn drop(&mut self) {
        unsafe {
            sys::nn_freemsg(self.data as *mut c_void);
        }
    }
}

impl Socket {
    /// Opens the socket, sets its options and endpoints, starts `-v` reporting, and
    /// waits for peers where the plan says so.
    pub fn open(plan: &SocketPlan) -> Result<Socket> {
        let domain = if plan.raw { sys::AF_SP_RAW } else { sys::AF_SP };
        let id = unsafe { sys::nn_socket(domain, plan.protocol as c_int) };
        if id < 0 {
            bail!("cannot create a nanomsg socket: {}", last_error());
        }
        let socket = Socket {
            id,
            protocol: plan.protocol,
            recv_max_size: plan.recv_max_size,
            started: Instant::now(),
            monitor_stop: Arc::new(AtomicBool::new(false)),
            ws_guards: Mutex::new(Vec::new()),
        };
        socket.configure(plan)?;
        for endpoint in &plan.endpoints {
            endpoint::check(endpoint)?;
        }
        for endpoint in &plan.endpoints {
            socket.add_endpoint(endpoint, plan.verbose)?;
        }
        if plan.verbose {
            socket.start_monitor();
        }
        if plan.protocol != Protocol::Push && plan.protocol != Protocol::Pub {
            socket.start_drop_watch(&plan.endpoints);
        }
        if plan.progress {
            socket.start_progress();
        }
        if let Some(wait) = &plan.wait_peers {
            socket.wait_for_peers(wait.count, wait.timeout, wait.required)?;
        }
        Ok(socket)
    }

    fn configure(&self, plan: &SocketPlan) -> Result<()> {
        let millis = |d: Option<Duration>| d.map_or(-1, millis);
        self.set_int(
            sys::NN_SOL_SOCKET,
            sys::NN_RCVTIMEO,
            millis(plan.recv_timeout),
        )
        .context("setting the receive timeout")?;
        self.set_int(
            sys::NN_SOL_SOCKET,
            sys::NN_SNDTIMEO,
            millis(plan.send_timeout),
        )
        .context("setting the send timeout")?;
        // Always finite: with no limit, a peer's lying length makes libnanomsg abort
        // the process (see limit.rs). Over the limit, nanomsg drops that connection.
        let limit = c_int::try_from(plan.recv_max_size).unwrap_or(c_int::MAX);
        self.set_int(sys::NN_SOL_SOCKET, sys::NN_RCVMAXSIZE, limit)
            .context("setting the largest message to accept")?;
        if let Some(interval) = plan.resend_interval {
            self.set_int(
                self.protocol as c_int,
                sys::NN_REQ_RESEND_IVL,
                millis(Some(interval)),
            )
            .context("setting the request resend interval")?;
        }
        if let Some(name) = &plan.socket_name {
            self.set_bytes(sys::NN_SOL_SOCKET, sys::NN_SOCKET_NAME, name.as_bytes())
                .context("setting the socket name")?;
        }
        if self.protocol == Protocol::Sub {
            // A raw sub (tap) forwards everything; its clients do their own filtering.
            for topic in &plan.subscriptions {
                self.set_bytes(self.protocol as c_int, sys::NN_SUB_SUBSCRIBE, topic)
                    .context("subscribing")?;
            }
        }
        if self.protocol == Protocol::Surveyor
            && let Some(deadline) = plan.survey_deadline
        {
            self.set_int(
                self.protocol as c_int,
                sys::NN_SURVEYOR_DEADLINE,
                millis(Some(deadline)),
            )
            .context("setting the survey deadline")?;
        }
        Ok(())
    }

    fn set_int(&self, level: c_int, option: c_int, value: c_int) -> Result<(), Errno> {
        let rc = unsafe {
            sys::nn_setsockopt(
                self.id,
                level,
                option,
                &value as *const c_int as *const c_void,
                std::mem::size_of::<c_int>(),
            )
        };
        if rc < 0 { Err(last_error()) } else { Ok(()) }
    }

    fn set_bytes(&self, level: c_int, option: c_int, value: &[u8]) -> Result<(), Errno> {
        let rc = unsafe {
            sys::nn_setsockopt(
                self.id,
                level,
                option,
                value.as_ptr() as *const c_void,
                value.len(),
            )
        };
        if rc < 0 { Err(last_error()) } else { Ok(()) }
    }

    fn add_endpoint(&self, endpoint: &Endpoint, verbose: bool) -> Result<()> {
        let url = CString::new(endpoint.url.as_bytes()).map_err(|_| {
            Failure::Usage(format!(
                "the address '{}' contains a NUL byte",
                endpoint.url
            ))
        })?;
        let verb = match endpoint.kind {
            EndpointKind::Bind => "bind to",
            EndpointKind::Connect => "connect to",
        };
        // libnanomsg aborts on some ws upgrade heads a peer can send: it gets a private
        // endpoint behind nncat's guard instead of the user's address.
        let added = if ws_guard::guards(&endpoint.url) {
            ws_guard::add(self.id, endpoint, verbose, self.started).map(|guard| {
                let mut guards = self.ws_guards.lock().unwrap_or_else(|e| e.into_inner());
                guards.push(guard);
            })
        } else {
            let rc = match endpoint.kind {
                EndpointKind::Bind => unsafe { sys::nn_bind(self.id, url.as_ptr()) },
                EndpointKind::Connect => unsafe { sys::nn_connect(self.id, url.as_ptr()) },
            };
            if rc < 0 { Err(last_error()) } else { Ok(()) }
        };
        if let Err(err) = added {
            let message = format!(
                "cannot {verb} '{}': {}",
                endpoint.url,
                explain(err, endpoint)
            );
            // A malformed address is the user's typing; anything else is the world's.
            return Err(match err.kind() {
                NnError::InvalidInput | NnError::ProtocolNotSupported | NnError::NameTooLong => {
                    Failure::Usage(message).into()
                }
                _ => anyhow::anyhow!(message),
            });
        }
        if verbose {
            let done = match endpoint.kind {
                EndpointKind::Bind => "bound to",
                EndpointKind::Connect => "connecting to",
            };
            report::event(self.started, &format!("{done} {}", endpoint.url));
            if endpoint.kind == EndpointKind::Bind && reachable_from_other_hosts(&endpoint.url) {
                report::event(
                    self.started,
                    &format!("{} is reachable from other hosts", endpoint.url),
                );
            }
        }
        Ok(())
    }

    /// Waits until `count` peers are connected. Past `timeout`, a `required` wait is a
    /// timeout error and any other wait just goes on without them.
    fn wait_for_peers(&self, count: u64, timeout: Option<Duration>, required: bool) -> Result<()> {
        let deadline = timeout.map(|t| Instant::now() + t);
        while self.connected_peers() < count {
            if let Some(signal) = crate::signals::received() {
                return Err(Failure::Interrupted(signal).into());
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                if required {
                    let within = humantime::format_duration(timeout.unwrap_or_default());
                    let message = match self.connected_peers() {
                        0 => format!("no peer connected within {within}"),
                        some => format!("only {some} of {count} peers connected within {within}"),
                    };
                    return Err(Failure::Timeout(message).into());
                }
                return Ok(());
            }
            thread::sleep(POLL_STEP);
        }
        Ok(())
    }

    /// Sends one whole message, waiting as long as the send timeout allows.
    pub fn send(&self, message: &[u8]) -> Result<(), Errno> {
        loop {
            let rc = unsafe {
                sys::nn_send(self.id, message.as_ptr() as *const c_void, message.len(), 0)
            };
            if rc >= 0 {
                return Ok(());
            }
            match last_error() {
                err if err.kind() == NnError::Interrupted => continue,
                err => return Err(err),
            }
        }
    }

    /// Receives one message, waiting unless `wait` is false (then `TryAgain` means none
    /// is ready).
    pub fn recv(&self, wait: bool) -> Result<Message, Errno> {
        self.recv_any(wait)
    }

    fn recv_any(&self, wait: bool) -> Result<Message, Errno> {
        let flags = if wait { 0 } else { sys::NN_DONTWAIT };
        loop {
            let mut data: *mut u8 = ptr::null_mut();
            let rc = unsafe {
                sys::nn_recv(
                    self.id,
                    &mut data as *mut *mut u8 as *mut c_void,
                    sys::NN_MSG,
                    flags,
                )
            };
            if rc >= 0 {
                return Ok(Message {
                    data,
                    len: rc as usize,
                });
            }
            match last_error() {
                err if err.kind() == NnError::Interrupted => continue,
                err => return Err(err),
            }
        }
    }

    /// Whether a message arrives within `timeout` (rounded up to whole milliseconds,
    /// nn_poll's unit), without taking it.
    pub fn wait_readable(&self, timeout: Duration) -> bool {
        let mut fd = sys::nn_pollfd::new(self.id, true, false);
        let millis = millis(timeout);
        unsafe { sys::nn_poll(&mut fd, 1, millis) > 0 }
    }

    /// Holds the socket open until what was sent has left, at most `linger`.
    ///
    /// nanomsg 1.x ignores NN_LINGER: closing drops a message still being written and
    /// the message a peer's pipe has read ahead. A socket that can block on send (push,
    /// req, rep, pair, bus, surveyor, respondent) reports POLLOUT again only when the
    /// transport has finished the last write; pub never blocks, so it gets the grace
    /// period alone.
    pub fn drain(&self, linger: Duration) {
        if linger.is_zero() {
            return;
        }
        let deadline = Instant::now() + linger;
        if self.protocol != Protocol::Pub {
            let mut fd = sys::nn_pollfd::new(self.id, false, true);
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                let rc = unsafe { sys::nn_poll(&mut fd, 1, millis(left)) };
                if rc >= 0 || last_error().kind() != NnError::Interrupted || left.is_zero() {
                    break;
                }
            }
        }
        thread::sleep(CLOSE_GRACE.min(deadline.saturating_duration_since(Instant::now())));
    }

    /// What a timeout on send means for the user: usually that no peer ever came.
    pub fn send_timeout_reason(&self) -> String {
        if self.statistic(stat::ESTABLISHED_CONNECTIONS)
            + self.statistic(stat::ACCEPTED_CONNECTIONS)
            == 0
        {
            "no peer ever connected".to_string()
        } else {
            "no peer took the message".to_string()
        }
    }

    pub fn started(&self) -> Instant {
        self.started
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.monitor_stop.store(true, Ordering::Relaxed);
        unsafe {
            sys::nn_close(self.id);
        }
    }
}

/// A duration as nanomsg's whole milliseconds, rounded up: `1us` must not become 0,
/// which nanomsg reads as "do not wait".
fn millis(duration: Duration) -> c_int {
    let millis = duration.as_nanos().div_ceil(1_000_000);
    c_int::try_from(millis).unwrap_or(c_int::MAX)
}

/// Ends every blocking nanomsg call in the process: they return `Terminating`.
pub fn terminate_all() {
    unsafe {
        sys::nn_term();
    }
}
