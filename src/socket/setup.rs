//! A socket's set-up, from its plan: nanomsg's options, the endpoints bound and
//! connected (port 0 and ws through their helpers), and the wait for the first peers.

use std::ffi::CString;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use libc::{c_int, c_void};
use nanomsg::{Error as NnError, Protocol};
use nanomsg_sys as sys;

use super::any_port::AnyPort;
use super::endpoint::{attach_error, reachable_from_other_hosts};
use super::{Endpoint, EndpointKind, Errno, POLL_STEP, Socket, SocketPlan, last_error, millis};
use crate::boundary::{self, Boundary};
use crate::error::Failure;
use crate::report;
use crate::signals;
use crate::url::{Scheme, Url};

/// The buffers asked for libnanomsg's sockets (see `configure`).
const LINK_BUFFER: c_int = 4 << 20;

impl Socket {
    pub(super) fn configure(&self, plan: &SocketPlan) -> Result<()> {
        let millis = |d: Option<Duration>| d.map_or(-1, millis);
        // No NN_RCVTIMEO: every receive is NN_DONTWAIT and waiting is wait_readable's,
        // which counts --recv-timeout itself. With a timeout set, libnanomsg reads the
        // clock in every nn_recv, 3% of a stream receiver's CPU.
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
        // libnanomsg's side of each private link is a Unix socket, where every message
        // is a buffer of its own (about 600 bytes more than its payload): with nanomsg's
        // 128 KiB a burst of a few hundred small messages fills it before the boundary's
        // thread is scheduled, and pub drops the rest. The kernel caps it at wmem_max.
        self.set_int(sys::NN_SOL_SOCKET, sys::NN_SNDBUF, LINK_BUFFER)
            .context("setting the send buffer")?;
        self.set_int(sys::NN_SOL_SOCKET, sys::NN_RCVBUF, LINK_BUFFER)
            .context("setting the receive buffer")?;
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

    pub(super) fn set_int(&self, level: c_int, option: c_int, value: c_int) -> Result<(), Errno> {
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

    pub(super) fn get_int(&self, level: c_int, option: c_int) -> Result<c_int, Errno> {
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

    pub(super) fn set_bytes(&self, level: c_int, option: c_int, value: &[u8]) -> Result<(), Errno> {
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

    pub(super) fn add_endpoint(&self, endpoint: &Endpoint, plan: &SocketPlan) -> Result<()> {
        if endpoint.url.scheme() == Some(Scheme::Inproc) {
            report::warn(&format!(
                "{} reaches only sockets inside this nncat process, never another program: \
                 use ipc:// or tcp:// between processes",
                endpoint.url
            ));
        }
        let any_port = match endpoint.kind {
            EndpointKind::Bind => AnyPort::of(&endpoint.url),
            EndpointKind::Connect => None,
        };
        let url = match any_port {
            None => {
                self.attach(endpoint)?;
                endpoint.url.clone()
            }
            Some(any_port) => {
                let url = self.bind_any_port(&any_port, endpoint)?;
                // Said whatever -q says: the caller asked for a port it cannot know.
                // (Under --log-format json, every bind is announced below.)
                if plan.json_notices && !report::json() {
                    report::announce("bound", &[("url", serde_json::json!(url.as_str()))]);
                } else if !report::json() {
                    report::say(&format!("bound {url}"));
                }
                url
            }
        };
        if endpoint.kind == EndpointKind::Bind {
            report::happened("bound", &[("url", serde_json::json!(url.as_str()))]);
        }
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
    pub(super) fn bind_any_port(&self, any_port: &AnyPort, endpoint: &Endpoint) -> Result<Url> {
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
    pub(super) fn attach(&self, endpoint: &Endpoint) -> Result<()> {
        self.try_attach(endpoint)?
            .map_err(|err| attach_error(err, endpoint))
    }

    /// nn_bind or nn_connect; the outer error is an address nanomsg cannot even take.
    pub(super) fn try_attach(&self, endpoint: &Endpoint) -> Result<Result<(), Errno>> {
        let url = CString::new(endpoint.url.as_bytes()).map_err(|_| {
            Failure::Usage(format!(
                "the address '{}' contains a NUL byte",
                endpoint.url
            ))
        })?;
        // libnanomsg aborts on some frames a peer can send: nncat terminates the
        // transport itself, and libnanomsg gets a private endpoint instead.
        let mut connecting = None;
        let url = if boundary::owns(&endpoint.url) {
            let private = match endpoint.kind {
                EndpointKind::Bind => self.with_boundary(|boundary| boundary.bind(&endpoint.url)),
                EndpointKind::Connect => self
                    .with_boundary(|boundary| boundary.connect(&endpoint.url))
                    .map(|begun| begun.map(|begun| connecting.insert(begun).private.clone())),
            };
            match private.and_then(|private| private.map_err(errno_of)) {
                Ok(private) => CString::new(private).map_err(|_| {
                    anyhow::anyhow!(
                        "the private address for '{}' contains a NUL byte",
                        endpoint.url
                    )
                })?,
                Err(err) => return Ok(Err(err)),
            }
        } else {
            url
        };
        let rc = match endpoint.kind {
            // SAFETY: `url` is a NUL-terminated CString that lives to the end of this
            // function; nanomsg copies the address into the new endpoint.
            EndpointKind::Bind => unsafe { sys::nn_bind(self.id, url.as_ptr()) },
            // SAFETY: as for nn_bind just above.
            EndpointKind::Connect => unsafe { sys::nn_connect(self.id, url.as_ptr()) },
        };
        // libnanomsg connects to the private address while the boundary's first attempt
        // goes on; setting up ends once that attempt is over.
        if let Some(connecting) = connecting {
            connecting.wait_for_first_attempt();
        }
        Ok(if rc < 0 { Err(last_error()) } else { Ok(()) })
    }

    /// Starts the boundary's connections to every server the plan connects to, before
    /// any endpoint is attached, so that their first attempts overlap.
    pub(super) fn begin_connecting(&self, endpoints: &[Endpoint]) {
        let mut connects = endpoints.iter().filter(|endpoint| {
            endpoint.kind == EndpointKind::Connect && boundary::owns(&endpoint.url)
        });
        // One alone gains nothing: attaching it begins it and waits for it in one go.
        if connects.clone().nth(1).is_none() {
            return;
        }
        let _ = self.with_boundary(|boundary| {
            for endpoint in connects.by_ref() {
                boundary.begin_connect(&endpoint.url);
            }
        });
    }

    /// Runs `job` with the boundary, started on first use.
    fn with_boundary<T>(&self, job: impl FnOnce(&mut Boundary) -> T) -> Result<T, Errno> {
        let mut boundary = self.boundary.lock().unwrap_or_else(|e| e.into_inner());
        if boundary.is_none() {
            let mut started =
                Boundary::new(self.boundary_settings.clone(), self.findings.outcomes())
                    .map_err(errno_of)?;
            // The boundary's loop keeps time whatever the main thread waits on: a run
            // still going after `START_AFTER` gets its signal thread from there. A
            // loop that cannot start fails the endpoint, as its first job would.
            started
                .after(signals::START_AFTER, Box::new(super::handle_signals))
                .map_err(errno_of)?;
            *boundary = Some(started);
        }
        let Some(boundary) = boundary.as_mut() else {
            return Err(Errno(libc::EIO));
        };
        Ok(job(boundary))
    }

    /// Waits until `count` peers are connected. Past `timeout`, a `required` wait is a
    /// timeout error and any other wait just goes on without them.
    pub(super) fn wait_for_peers(
        &self,
        count: u64,
        timeout: Option<Duration>,
        required: bool,
    ) -> Result<()> {
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
                    let cause = self.silence_cause();
                    if let Some(cause) = &cause {
                        message = format!("{message}: {}", cause.text);
                    }
                    return Err(Failure::Timeout(message, cause.map(|c| c.reason)).into());
                }
                return Ok(());
            }
            thread::sleep(POLL_STEP);
        }
        Ok(())
    }
}

fn errno_of(err: std::io::Error) -> Errno {
    Errno(err.raw_os_error().unwrap_or(libc::EIO))
}
