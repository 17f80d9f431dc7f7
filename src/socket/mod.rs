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
use std::os::fd::RawFd;
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use libc::{c_int, c_void};
use nanomsg::{Error as NnError, Protocol};
use nanomsg_sys as sys;

use crate::error::Failure;
use crate::report;

mod any_port;
mod doctor;
mod drops;
mod endpoint;
mod errno;
mod kind;
mod limit;
mod plan;
pub mod probe;
mod raw;
mod watch;
mod ws_guard;

pub use errno::{Errno, Meaning};
pub use kind::SocketType;
pub use limit::{DEFAULT_RECV_MAX_SIZE, human_size, recv_max_size_cap};
pub use plan::{Endpoint, EndpointKind, PeerWait, SocketPlan};

use any_port::AnyPort;
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

fn last_error() -> Errno {
    errno::last()
}

/// A nanomsg socket. Every method takes `&self`: libnanomsg's calls are thread-safe.
pub struct Socket {
    id: c_int,
    protocol: Protocol,
    recv_max_size: usize,
    recv_timeout: Option<Duration>,
    /// NN_RCVFD, for a socket that can receive: readable while a message is ready.
    recv_fd: Option<RawFd>,
    started: Instant,
    monitor_stop: Arc<AtomicBool>,
    findings: Arc<doctor::Findings>,
    /// The handshake guards of this socket's ws endpoints (ws_guard/); dropped after
    /// `nn_close`.
    ws_guards: Mutex<Vec<ws_guard::Guard>>,
    /// -v: the ws guards report what they refuse.
    verbose: bool,
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
        // SAFETY: `data` and `len` are what nn_recv with NN_MSG returned in `try_recv`,
        // the only place a Message is made: a chunk of `len` bytes, not null, that stays
        // ours until `drop` frees it, and `&self` keeps the Message alive, so unfreed,
        // while the slice is borrowed. nanomsg writes no more to a chunk it handed out.
        unsafe { std::slice::from_raw_parts(self.data, self.len) }
    }
}

impl Drop for Message {
    fn drop(&mut self) {
        // SAFETY: nn_recv with NN_MSG hands the caller a chunk that the caller must
        // release with nn_freemsg; `data` is such a chunk (even for an empty message),
        // a Message is neither Clone nor Copy, and nothing else frees it, so it is freed
        // once. nn_freemsg only frees memory: it is sound after nn_term too.
        unsafe {
            sys::nn_freemsg(self.data.cast::<c_void>());
        }
    }
}

impl Socket {
    /// Opens the socket, sets its options and endpoints, starts `-v` reporting, and
    /// waits for peers where the plan says so.
    pub fn open(plan: &SocketPlan) -> Result<Socket> {
        let domain = if plan.raw { sys::AF_SP_RAW } else { sys::AF_SP };
        // SAFETY: nn_socket takes two integers and no pointers; a failure is the -1
        // checked below.
        let id = unsafe { sys::nn_socket(domain, plan.protocol as c_int) };
        if id < 0 {
            bail!("cannot create a nanomsg socket: {}", last_error());
        }
        let mut socket = Socket {
            id,
            protocol: plan.protocol,
            recv_max_size: plan.recv_max_size,
            recv_timeout: plan.recv_timeout,
            recv_fd: None,
            started: Instant::now(),
            monitor_stop: Arc::new(AtomicBool::new(false)),
            findings: Arc::new(doctor::Findings::new(plan)),
            ws_guards: Mutex::new(Vec::new()),
            verbose: plan.verbose,
        };
        socket.configure(plan)?;
        // push and pub have none (ENOPROTOOPT); they never wait to receive.
        socket.recv_fd = socket.get_int(sys::NN_SOL_SOCKET, sys::NN_RCVFD).ok();
        for endpoint in &plan.endpoints {
            endpoint::check(endpoint)?;
        }
        for endpoint in &plan.endpoints {
            socket.add_endpoint(endpoint, plan)?;
        }
        if plan.verbose {
            socket.start_monitor();
            report::event(
                socket.started,
                &format!(
                    "accepting messages up to {} (--recv-maxsz)",
                    human_size(plan.recv_max_size)
                ),
            );
        }
        if plan.protocol != Protocol::Push && plan.protocol != Protocol::Pub {
            socket.start_drop_watch(&plan.endpoints);
        }
        socket.start_doctor(plan);
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
        // nanomsg speaks IPv4 only unless told otherwise: tcp://[::1]:P would fail.
        if plan.ipv6 {
            self.set_int(sys::NN_SOL_SOCKET, sys::NN_IPV4ONLY, 0)
                .context("allowing IPv6")?;
        }
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
        // SAFETY: the pointer and length describe `value`, a c_int on this frame that
        // outlives the call; nn_setsockopt reads that many bytes and keeps no pointer.
        let rc = unsafe {
            sys::nn_setsockopt(
                self.id,
                level,
                option,
                (&raw const value).cast::<c_void>(),
                std::mem::size_of::<c_int>(),
            )
        };
        if rc < 0 { Err(last_error()) } else { Ok(()) }
    }

    fn get_int(&self, level: c_int, option: c_int) -> Result<c_int, Errno> {
        let mut value: c_int = 0;
        let mut size = std::mem::size_of::<c_int>();
        // SAFETY: `value` and `size` are locals that outlive the call; `size` says how
        // many bytes `value` has room for, and nn_getsockopt writes at most that many
        // there and the length it wrote back to `size`, keeping neither pointer.
        let rc = unsafe {
            sys::nn_getsockopt(
                self.id,
                level,
                option,
                (&raw mut value).cast::<c_void>(),
                &raw mut size,
            )
        };
        if rc < 0 { Err(last_error()) } else { Ok(value) }
    }

    fn set_bytes(&self, level: c_int, option: c_int, value: &[u8]) -> Result<(), Errno> {
        // SAFETY: the pointer and length are those of the `value` slice, borrowed for
        // the whole call (an empty one reads nothing). nanomsg copies the bytes (the
        // socket name into its own field, a subscription into its trie) and keeps no
        // pointer to them.
        let rc = unsafe {
            sys::nn_setsockopt(
                self.id,
                level,
                option,
                value.as_ptr().cast::<c_void>(),
                value.len(),
            )
        };
        if rc < 0 { Err(last_error()) } else { Ok(()) }
    }

    fn add_endpoint(&self, endpoint: &Endpoint, plan: &SocketPlan) -> Result<()> {
        if endpoint.url.starts_with("inproc://") {
            report::warn(&format!(
                "{} reaches only sockets inside this nncat process, never another program: \
                 use ipc:// or tcp:// between processes",
                endpoint.url
            ));
        }
        let any_port = match endpoint.kind {
            EndpointKind::Bind => AnyPort::parse(&endpoint.url),
            EndpointKind::Connect => None,
        };
        let url = match any_port {
            None => {
                self.attach(endpoint)?;
                endpoint.url.clone()
            }
            Some(any_port) => {
                let url = self.bind_any_port(&any_port, endpoint)?;
                // Printed whatever -q says: the caller asked for a port it cannot know.
                if plan.json_notices {
                    report::json_line(&serde_json::json!({ "bound": url }).to_string());
                } else {
                    report::say(&format!("bound {url}"));
                }
                url
            }
        };
        if plan.verbose {
            let done = match endpoint.kind {
                EndpointKind::Bind => "bound to",
                EndpointKind::Connect => "connecting to",
            };
            report::event(self.started, &format!("{done} {url}"));
            if endpoint.kind == EndpointKind::Bind && reachable_from_other_hosts(&url) {
                report::event(
                    self.started,
                    &format!("{url} is reachable from other hosts"),
                );
            }
        }
        Ok(())
    }

    /// Binds a free port in place of port 0; a port taken by someone else between the
    /// choice and the bind makes it choose again, a few times.
    fn bind_any_port(&self, any_port: &AnyPort, endpoint: &Endpoint) -> Result<String> {
        const TRIES: usize = 10;
        let mut tries = 0;
        loop {
            let url = any_port
                .with_free_port()
                .with_context(|| format!("cannot find a free port for '{}'", endpoint.url))?;
            let chosen = Endpoint {
                kind: EndpointKind::Bind,
                url,
            };
            match self.try_attach(&chosen)? {
                Err(err) if err.kind() == NnError::AddressInUse && tries + 1 < TRIES => {
                    tries += 1;
                }
                Err(err) => return Err(attach_error(err, &chosen)),
                Ok(()) => return Ok(chosen.url),
            }
        }
    }

    /// nn_bind or nn_connect, with libnanomsg's error explained.
    fn attach(&self, endpoint: &Endpoint) -> Result<()> {
        self.try_attach(endpoint)?
            .map_err(|err| attach_error(err, endpoint))
    }

    /// nn_bind or nn_connect; the outer error is an address nanomsg cannot even take.
    fn try_attach(&self, endpoint: &Endpoint) -> Result<Result<(), Errno>> {
        let url = CString::new(endpoint.url.as_bytes()).map_err(|_| {
            Failure::Usage(format!(
                "the address '{}' contains a NUL byte",
                endpoint.url
            ))
        })?;
        // libnanomsg aborts on some ws upgrade heads a peer can send: it gets a private
        // endpoint behind nncat's guard instead of the user's address.
        if ws_guard::guards(&endpoint.url) {
            let added = ws_guard::add(self.id, endpoint, self.verbose, self.started);
            return Ok(added.map(|guard| {
                let mut guards = self.ws_guards.lock().unwrap_or_else(|e| e.into_inner());
                guards.push(guard);
            }));
        }
        let rc = match endpoint.kind {
            // SAFETY: `url` is a NUL-terminated CString that lives to the end of this
            // function; nanomsg copies the address into the new endpoint.
            EndpointKind::Bind => unsafe { sys::nn_bind(self.id, url.as_ptr()) },
            // SAFETY: as for nn_bind just above.
            EndpointKind::Connect => unsafe { sys::nn_connect(self.id, url.as_ptr()) },
        };
        Ok(if rc < 0 { Err(last_error()) } else { Ok(()) })
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
                    let mut message = match self.connected_peers() {
                        0 => format!("no peer connected within {within}"),
                        some => format!("only {some} of {count} peers connected within {within}"),
                    };
                    if let Some(cause) = self.silence_cause() {
                        message = format!("{message}: {cause}");
                    }
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
            // SAFETY: the pointer and length are those of `message`, borrowed for the
            // whole call. The length is a byte count, not NN_MSG, so nanomsg copies
            // the bytes into a message of its own and keeps no pointer to ours.
            let rc = unsafe {
                sys::nn_send(self.id, message.as_ptr().cast::<c_void>(), message.len(), 0)
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

    /// Takes a message that has arrived, without waiting (`Meaning::NotReady` when none
    /// has): waiting is `wait_readable`'s, which also watches stdout.
    pub fn try_recv(&self) -> Result<Message, Errno> {
        let flags = sys::NN_DONTWAIT;
        loop {
            let mut data: *mut u8 = ptr::null_mut();
            // SAFETY: with NN_MSG as the length, nn_recv takes its buffer argument as a
            // `void **`: it gets the address of `data`, a pointer-sized local that
            // outlives the call, and on success stores there a chunk it allocated, which
            // the caller must release with nn_freemsg (Message's drop does).
            let rc = unsafe {
                sys::nn_recv(
                    self.id,
                    (&raw mut data).cast::<c_void>(),
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

    /// --recv-timeout: how long one receive may wait for a message.
    pub fn recv_timeout(&self) -> Option<Duration> {
        self.recv_timeout
    }

    /// Waits until a message can be received, `watch` reports an error or a hang-up
    /// (the reader of a pipe went away; nothing else is asked of it), or `timeout`
    /// passes (`None`: no limit). The message is left for `recv`.
    ///
    /// It polls NN_RCVFD, which libnanomsg keeps readable exactly while a message can be
    /// received, rather than calling nn_poll, which counts whole milliseconds and cannot
    /// watch another descriptor. nn_term (a signal) makes it readable before closing
    /// it, so a signal still ends the wait: the receive that follows fails with EBADF.
    pub fn wait_readable(&self, timeout: Option<Duration>, watch: Option<RawFd>) -> Wake {
        let Some(recv_fd) = self.recv_fd else {
            // Receiving will say why this socket cannot.
            return Wake::Readable;
        };
        let mut fds = [
            libc::pollfd {
                fd: recv_fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: watch.unwrap_or(-1),
                events: 0,
                revents: 0,
            },
        ];
        match poll(&mut fds, timeout) {
            0 => Wake::TimedOut,
            _ if fds[1].revents & (libc::POLLERR | libc::POLLHUP) != 0 => Wake::HungUp,
            // Readable, closed under us by nn_term (POLLNVAL), or a signal (EINTR): the
            // receive that follows tells which.
            _ => Wake::Readable,
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
                // SAFETY: nn_poll reads one nn_pollfd at the pointer and writes its
                // revents: `fd` is that one, a local that outlives the call.
                let rc = unsafe { sys::nn_poll(&raw mut fd, 1, millis(left)) };
                if rc >= 0 || last_error().kind() != NnError::Interrupted || left.is_zero() {
                    break;
                }
            }
        }
        thread::sleep(CLOSE_GRACE.min(deadline.saturating_duration_since(Instant::now())));
    }

    /// What a timeout on send means for the user: why no peer came, when that is
    /// known (nothing listening, a peer of the wrong type), else whether one ever did.
    pub fn send_timeout_reason(&self) -> String {
        if let Some(cause) = self.silence_cause() {
            return cause;
        }
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
        // SAFETY: nn_close takes only a socket number, which nanomsg looks up: a number
        // it no longer knows (nn_term closed every socket) fails with EBADF. `id` is the
        // one nn_socket gave this Socket in `open`; nothing else closes it, and drop runs
        // once. A Message still alive is a chunk of its own, freed without the socket.
        unsafe {
            sys::nn_close(self.id);
        }
    }
}

/// A duration as the whole milliseconds of nanomsg's options and of poll(2), rounded up
/// (`1us` must not become 0, which both read as "do not wait") and capped at
/// `c_int::MAX`. Every such conversion in nncat goes through here.
pub fn millis(duration: Duration) -> c_int {
    let millis = duration.as_nanos().div_ceil(1_000_000);
    c_int::try_from(millis).unwrap_or(c_int::MAX)
}

/// What ended `Socket::wait_readable`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// A message can be received, or the socket is closing: receiving says which.
    Readable,
    /// The watched descriptor reported an error or a hang-up.
    HungUp,
    TimedOut,
}

/// `ppoll` over `fds` for at most `timeout` (`None`: no limit), in nanoseconds where
/// `poll` counts milliseconds. A negative descriptor is skipped. Returns how many
/// descriptors have events, 0 when the time ran out, -1 on an error (a signal).
pub fn poll(fds: &mut [libc::pollfd], timeout: Option<Duration>) -> c_int {
    let limit = timeout.map(|t| libc::timespec {
        tv_sec: t.as_secs().min(libc::time_t::MAX as u64) as libc::time_t,
        tv_nsec: t.subsec_nanos() as libc::c_long,
    });
    let limit_ptr = limit.as_ref().map_or(ptr::null(), ptr::from_ref);
    // SAFETY: ppoll reads and writes `fds.len()` pollfd entries at `fds.as_mut_ptr()`,
    // which the `fds` slice holds and lends mutably for the call; `limit_ptr` is null
    // (no limit) or points at `limit`, which lives to the end of this function; a null
    // signal mask leaves the thread's mask as it is.
    unsafe {
        libc::ppoll(
            fds.as_mut_ptr(),
            fds.len() as libc::nfds_t,
            limit_ptr,
            ptr::null(),
        )
    }
}

/// A failed bind or connect, as the user reads it.
fn attach_error(err: Errno, endpoint: &Endpoint) -> anyhow::Error {
    let verb = match endpoint.kind {
        EndpointKind::Bind => "bind to",
        EndpointKind::Connect => "connect to",
    };
    let message = format!(
        "cannot {verb} '{}': {}",
        endpoint.url,
        explain(err, endpoint)
    );
    // A malformed address is the user's typing; anything else is the world's.
    match err.kind() {
        NnError::InvalidInput | NnError::ProtocolNotSupported | NnError::NameTooLong => {
            Failure::Usage(message).into()
        }
        _ => anyhow::anyhow!(message),
    }
}

/// Ends every blocking nanomsg call in the process: they return `Terminating`.
pub fn terminate_all() {
    // SAFETY: nn_term takes no arguments. It is not async-signal-safe (it takes a
    // mutex), and it is called from ordinary threads only: signal-hook's iterator thread
    // (signals.rs), duplex's sender and tap, never from a signal handler. It closes every
    // socket; later calls on them fail with ETERM or EBADF, which errno.rs reads as
    // Stopped, and chunks already received stay valid for nn_freemsg.
    unsafe {
        sys::nn_term();
    }
}
