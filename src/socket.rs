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
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use libc::{c_int, c_void};
use nanomsg::{Error as NnError, Protocol};
use nanomsg_sys as sys;

use crate::exit::Failure;
use crate::options::{Endpoint, EndpointKind, SocketPlan};
use crate::report;

/// Statistics from `nn.h`, which neither crate declares.
#[allow(dead_code)]
mod stat {
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

unsafe extern "C" {
    fn nn_get_statistic(socket: c_int, statistic: c_int) -> u64;
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
    let get = |statistic| unsafe { nn_get_statistic(id, statistic) };
    Counts {
        sent: get(stat::MESSAGES_SENT),
        sent_bytes: get(stat::BYTES_SENT),
        received: get(stat::MESSAGES_RECEIVED),
        received_bytes: get(stat::BYTES_RECEIVED),
    }
}

/// After the last write has left, how long the peer gets to take the message out of
/// its read-ahead before we close: nanomsg drops a pipe's unread message when the pipe
/// closes. Measured: 20 of 20 one-byte pushes arrived with it, 8 of 20 without.
const CLOSE_GRACE: Duration = Duration::from_millis(100);

/// The shortest time between two `-v` reports of failed connect attempts.
const MONITOR_REPEAT: Duration = Duration::from_secs(1);

/// How often `--progress` redraws its line.
const PROGRESS_STEP: Duration = Duration::from_millis(250);

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
    recv_max_size: Option<usize>,
    started: Instant,
    monitor_stop: Arc<AtomicBool>,
}

/// `nn_iovec` and `nn_msghdr` from `nn.h`, which `nanomsg-sys` leaves opaque.
#[repr(C)]
struct IoVec {
    base: *mut c_void,
    len: usize,
}

#[repr(C)]
struct MsgHdr {
    iov: *mut IoVec,
    iov_len: c_int,
    control: *mut c_void,
    control_len: usize,
}

/// A message from a raw socket with its control data: the protocol header (req/rep's
/// backtrace, for one) that must travel with the message for replies to find their
/// way. Both are nanomsg's buffers, handed on to `send_raw` without a copy.
pub struct RawMessage {
    body: *mut c_void,
    len: usize,
    control: *mut c_void,
}

impl std::ops::Deref for RawMessage {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        if self.len == 0 || self.body.is_null() {
            return &[];
        }
        // nanomsg gave us `len` bytes at `body`, ours until sent or freed.
        unsafe { std::slice::from_raw_parts(self.body as *const u8, self.len) }
    }
}

impl Drop for RawMessage {
    fn drop(&mut self) {
        unsafe {
            if !self.body.is_null() {
                sys::nn_freemsg(self.body);
            }
            if !self.control.is_null() {
                sys::nn_freemsg(self.control);
            }
        }
    }
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
        };
        socket.configure(plan)?;
        for endpoint in &plan.endpoints {
            socket.add_endpoint(endpoint, plan.verbose)?;
        }
        if plan.verbose {
            socket.start_monitor();
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
        let millis = |d: Option<Duration>| match d {
            None => -1,
            Some(d) => d.as_millis().min(c_int::MAX as u128) as c_int,
        };
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
        // nncat enforces --recv-maxsz itself (see `recv`): nanomsg's own limit drops the
        // whole connection without a word, and nanocat's silent 1 MiB default with it.
        self.set_int(sys::NN_SOL_SOCKET, sys::NN_RCVMAXSIZE, -1)
            .context("lifting nanomsg's limit on message size")?;
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
        let (rc, verb) = match endpoint.kind {
            EndpointKind::Bind => (unsafe { sys::nn_bind(self.id, url.as_ptr()) }, "bind to"),
            EndpointKind::Connect => (
                unsafe { sys::nn_connect(self.id, url.as_ptr()) },
                "connect to",
            ),
        };
        if rc < 0 {
            let err = last_error();
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

    pub fn statistic(&self, statistic: i32) -> u64 {
        unsafe { nn_get_statistic(self.id, statistic) }
    }

    pub fn connected_peers(&self) -> u64 {
        self.statistic(stat::CURRENT_CONNECTIONS)
    }

    /// Waits until `count` peers are connected. Past `timeout`, a `required` wait is a
    /// timeout error and any other wait just goes on without them.
    fn wait_for_peers(&self, count: u64, timeout: Option<Duration>, required: bool) -> Result<()> {
        let deadline = timeout.map(|t| Instant::now() + t);
        while self.connected_peers() < count {
            if crate::signals::received().is_some() {
                return Err(Failure::Interrupted.into());
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                if required {
                    return Err(Failure::Timeout(format!(
                        "{count} peer(s) did not connect within {} ({} did)",
                        humantime::format_duration(timeout.unwrap_or_default()),
                        self.connected_peers()
                    ))
                    .into());
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
    /// is ready). A message over --recv-maxsz is refused with a warning that names its
    /// size, and the next one is awaited.
    pub fn recv(&self, wait: bool) -> Result<Message, Errno> {
        loop {
            let message = self.recv_any(wait)?;
            match self.recv_max_size {
                Some(limit) if message.len() > limit => report::warn(&format!(
                    "refused a message of {} bytes: over --recv-maxsz {limit}",
                    message.len()
                )),
                _ => return Ok(message),
            }
        }
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
        let millis = timeout.as_micros().div_ceil(1000).min(c_int::MAX as u128) as c_int;
        unsafe { sys::nn_poll(&mut fd, 1, millis) > 0 }
    }

    /// Receives a message and its control data from a raw socket.
    pub fn recv_raw(&self) -> Result<RawMessage, Errno> {
        loop {
            let mut body: *mut c_void = ptr::null_mut();
            let mut control: *mut c_void = ptr::null_mut();
            let mut iov = IoVec {
                base: &mut body as *mut *mut c_void as *mut c_void,
                len: sys::NN_MSG,
            };
            let mut header = MsgHdr {
                iov: &mut iov,
                iov_len: 1,
                control: &mut control as *mut *mut c_void as *mut c_void,
                control_len: sys::NN_MSG,
            };
            let rc =
                unsafe { sys::nn_recvmsg(self.id, &mut header as *mut MsgHdr as *mut c_void, 0) };
            if rc >= 0 {
                return Ok(RawMessage {
                    body,
                    len: rc as usize,
                    control,
                });
            }
            match last_error() {
                err if err.kind() == NnError::Interrupted => continue,
                err => return Err(err),
            }
        }
    }

    /// Sends a message from `recv_raw` on, header and all; nanomsg takes both buffers.
    pub fn send_raw(&self, mut message: RawMessage) -> Result<(), Errno> {
        loop {
            let mut iov = IoVec {
                base: &mut message.body as *mut *mut c_void as *mut c_void,
                len: sys::NN_MSG,
            };
            let mut header = MsgHdr {
                iov: &mut iov,
                iov_len: 1,
                control: if message.control.is_null() {
                    ptr::null_mut()
                } else {
                    &mut message.control as *mut *mut c_void as *mut c_void
                },
                control_len: if message.control.is_null() {
                    0
                } else {
                    sys::NN_MSG
                },
            };
            let rc =
                unsafe { sys::nn_sendmsg(self.id, &mut header as *mut MsgHdr as *const c_void, 0) };
            if rc >= 0 {
                // nanomsg owns the buffers now.
                message.body = ptr::null_mut();
                message.control = ptr::null_mut();
                return Ok(());
            }
            match last_error() {
                err if err.kind() == NnError::Interrupted => continue,
                err => return Err(err),
            }
        }
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
                let rc = unsafe { sys::nn_poll(&mut fd, 1, left.as_millis() as c_int) };
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

    /// Prints connection events under `-v` as nanomsg's statistics change; nanomsg has
    /// no callback for them.
    fn start_monitor(&self) {
        let id = self.id;
        let started = self.started;
        let stop = Arc::clone(&self.monitor_stop);
        let watched = [
            (stat::ESTABLISHED_CONNECTIONS, "connection established"),
            (stat::ACCEPTED_CONNECTIONS, "connection accepted"),
            (stat::BROKEN_CONNECTIONS, "connection broken"),
            (
                stat::DROPPED_CONNECTIONS,
                "connection dropped (the peer broke the protocol)",
            ),
            (stat::CONNECT_ERRORS, "connect attempt failed"),
        ];
        let _ = thread::Builder::new()
            .name("monitor".into())
            .spawn(move || {
                let mut seen = [0u64; 5];
                let mut reported_at: [Option<Instant>; 5] = [None; 5];
                while !stop.load(Ordering::Relaxed) {
                    for (i, (statistic, what)) in watched.iter().enumerate() {
                        let now = unsafe { nn_get_statistic(id, *statistic) };
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
    fn start_progress(&self) {
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

/// Says what libnanomsg's terse error means for this endpoint.
fn explain(err: Errno, endpoint: &Endpoint) -> String {
    match err.kind() {
        NnError::InvalidInput => {
            let ws_path = endpoint
                .url
                .strip_prefix("ws://")
                .is_some_and(|rest| rest.contains('/'));
            if ws_path && endpoint.kind == EndpointKind::Bind {
                "invalid address: libnanomsg binds ws:// without a path (ws://HOST:PORT); peers may connect with any path".into()
            } else if !endpoint.url.contains("://") {
                "invalid address: it needs a scheme, as in tcp://127.0.0.1:5555 or ipc:///tmp/sock"
                    .into()
            } else {
                "invalid address (tcp needs HOST:PORT with a port from 1 to 65535; ipc a path)"
                    .into()
            }
        }
        NnError::ProtocolNotSupported => {
            "unknown transport: use tcp://, ipc://, ws:// or inproc://".into()
        }
        NnError::AddressInUse => "address already in use".into(),
        NnError::NoDevice => "no such network interface or host".into(),
        _ if err.0 == libc::ENOENT && endpoint.url.starts_with("ipc://") => {
            "the folder for the ipc socket does not exist".into()
        }
        _ => err.to_string(),
    }
}

fn reachable_from_other_hosts(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("tcp://")
        .or_else(|| url.strip_prefix("ws://"))
    else {
        return false;
    };
    let host = rest.rsplit_once(':').map_or(rest, |(host, _)| host);
    let host = host.rsplit_once(';').map_or(host, |(_, host)| host);
    !(host.starts_with("127.") || host == "localhost" || host == "[::1]" || host == "::1")
}

/// Ends every blocking nanomsg call in the process: they return `Terminating`.
pub fn terminate_all() {
    unsafe {
        sys::nn_term();
    }
}
