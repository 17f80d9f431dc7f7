/*!
The ws handshake guard: libnanomsg only ever reads a ws upgrade head that nncat wrote.

libnanomsg 1.1.5 aborts the whole process on some upgrade heads a peer can send: a
request that is not `GET <path> HTTP/1.1` (about 150 bytes or more; ws_handshake.c:1340)
when nncat binds, an answer that is not an HTTP/1.1 status line (ws_handshake.c:679)
when nncat connects. Those bytes go from the kernel to libnanomsg's worker thread, so no
check in nncat's own path could see them. So libnanomsg never talks to a ws peer
directly any more:

- **bind** `ws://HOST:PORT`: nncat listens there itself, and libnanomsg binds a private
  ws endpoint on 127.0.0.1. For each connection a thread reads the request head (at
  most 8 KiB, 5 s, libnanomsg's own handshake time) and checks it strictly (http.rs).
  A request that is not a ws upgrade, or that asks for another socket type, gets a
  `400` and is closed; otherwise the thread connects to the private endpoint, writes a
  request nncat builds from the checked key and the socket's own protocol name, and
  copies bytes both ways, libnanomsg's `101` first. nncat refuses other types itself
  because libnanomsg 1.1.5, after its own `400`, attaches the peer anyway
  (ws_handshake.c goes on as if the handshake had succeeded) and a push sends it
  messages that are lost.
- **connect** `ws://HOST:PORT/PATH`: libnanomsg connects to a relay port on 127.0.0.1
  that nncat holds. The relay first upgrades a connection to HOST:PORT with its own
  key, as libnanomsg would (the real Host, the path, the protocol name), checks the
  answer, and only then listens on the relay port; it answers libnanomsg's request with
  a `101` it builds for libnanomsg's key, and copies bytes both ways. Whatever goes
  wrong on the way (nothing listening, a refusal, nonsense, no answer) leaves the relay
  port shut, so libnanomsg's attempt is refused and retried, as when nothing listens:
  after a failed upgrade libnanomsg 1.1.5 would never try that endpoint again (cws.c,
  `peer_gone`). `-v` names what went wrong, which libnanomsg never did.

After the upgrade the frames pass untouched: libnanomsg's frame parser survived every
frame sequence the hostile tests threw at it. tcp and ipc do not come here.

What a local process can still do: connect to the private ports on 127.0.0.1 directly,
past the guard, as it can reach an ipc socket (docs/security.md).

server.rs is the bound side, relay.rs the connecting side; http.rs checks and builds
the heads, address.rs reads ws addresses as libnanomsg does, net.rs holds the waits,
sockets and the copy loop.
*/

mod address;
mod http;
mod net;
mod relay;
mod server;
mod sha1;
mod sockets;

use std::ffi::CString;
use std::io::{self, ErrorKind};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::fd::OwnedFd;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use libc::{c_int, c_void};
use nanomsg_sys as sys;

use self::net::Stop;
use super::{Endpoint, EndpointKind};
use super::{Errno, SocketType, last_error};
use crate::report;

/// The longest upgrade head nncat reads from a peer; libnanomsg's own buffer is 4 KiB,
/// and a browser's request with cookies can be longer.
const HEAD_LIMIT: usize = 8 * 1024;

/// How long a peer has to complete its upgrade head: libnanomsg's own ws handshake
/// timeout (NN_WS_HANDSHAKE_TIMEOUT).
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long nncat waits, when it connects, for the relay's first attempt to reach the
/// server before libnanomsg starts; without it libnanomsg's first attempt would be
/// refused and `-v` would report a failure that was not.
const FIRST_ATTEMPT_WAIT: Duration = Duration::from_secs(1);

/// After the socket closes, how long bytes still on their way through a relay are
/// passed on to a peer that is slow to take them.
const DRAIN: Duration = Duration::from_secs(1);

/// Attempts at a free private port before giving up (another process may take the one
/// we found before we bind it).
const PORT_ATTEMPTS: usize = 20;

/// The guard threads' stacks: they hold a few small buffers; the copy buffers are on
/// the heap.
const THREAD_STACK: usize = 256 * 1024;

/// The shortest time between two `-v` notes of one endpoint's refusals.
const NOTE_REPEAT: Duration = Duration::from_secs(1);

/// Whether an address goes through the guard: every ws address.
pub fn guards(url: &str) -> bool {
    url.starts_with("ws://")
}

/// A running guard for one endpoint. Dropped after libnanomsg's socket closes: its
/// threads end, bytes in flight passed on for at most `DRAIN`.
pub struct Guard {
    shared: Arc<Shared>,
}

struct Shared {
    stop: Stop,
    /// Guard threads still running.
    live: AtomicUsize,
    notes: Notes,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared.stop.signal();
        let deadline = Instant::now() + DRAIN + Duration::from_millis(100);
        while self.shared.live.load(Ordering::Acquire) > 0 && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(1));
        }
    }
}

/// `-v` notes of what the guard refused, which libnanomsg never reported; at most one a
/// second per endpoint, so that a crowd of bad clients cannot flood stderr.
struct Notes {
    verbose: bool,
    started: Instant,
    url: String,
    last: Mutex<(Option<Instant>, u64)>,
}

impl Notes {
    fn note(&self, text: &str) {
        if !self.verbose {
            return;
        }
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        let (at, skipped) = &mut *last;
        if at.is_some_and(|at| at.elapsed() < NOTE_REPEAT) {
            *skipped += 1;
            return;
        }
        let more = match *skipped {
            0 => String::new(),
            n => format!(" ({n} more since the last note)"),
        };
        report::event(self.started, &format!("{}: {text}{more}", self.url));
        *at = Some(Instant::now());
        *skipped = 0;
    }
}

/// Binds or connects `endpoint` on nanomsg socket `id` through a guard, which must live
/// as long as the socket.
pub fn add(
    id: c_int,
    endpoint: &Endpoint,
    verbose: bool,
    started: Instant,
) -> Result<Guard, Errno> {
    match endpoint.kind {
        EndpointKind::Bind => bind(id, &endpoint.url, verbose, started),
        EndpointKind::Connect => connect(id, &endpoint.url, verbose, started),
    }
}

/// Binds `url` through the guard on nanomsg socket `id`.
fn bind(id: c_int, url: &str, verbose: bool, started: Instant) -> Result<Guard, Errno> {
    let public = address::parse_bind(url, ipv4_only(id))?;
    let own = socket_type(id).ok_or(Errno(libc::EINVAL))?;
    let listener = TcpListener::bind(public).map_err(errno)?;
    listener.set_nonblocking(true).map_err(errno)?;
    let (private, endpoint) = bind_private(id)?;
    let guard = Guard::new(url, verbose, started)?;
    let spawned = spawn(&guard.shared, "ws guard", move |shared| {
        server::accept_loop(shared, listener, server::Server { private, own })
    });
    if !spawned {
        // SAFETY: nn_shutdown takes two integers, the socket's number and the endpoint
        // id nn_bind returned in `bind_private`; nanomsg checks both (EBADF, EINVAL).
        unsafe { sys::nn_shutdown(id, endpoint) };
        return Err(Errno(libc::EAGAIN));
    }
    Ok(guard)
}

/// Connects `url` through the guard's relay on nanomsg socket `id`.
fn connect(id: c_int, url: &str, verbose: bool, started: Instant) -> Result<Guard, Errno> {
    let remote = address::parse_connect(url, ipv4_only(id))?;
    let protocol = ws_protocol(socket_type(id).ok_or(Errno(libc::EINVAL))?.peer());
    let (holder, port) = reserve_private_port()?;
    let private_url = format!("ws://127.0.0.1:{port}{}", remote.resource);
    let private_url = CString::new(private_url).map_err(|_| Errno(libc::EINVAL))?;
    let guard = Guard::new(url, verbose, started)?;
    let target = relay::Target {
        remote,
        protocol,
        relay_at: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port),
    };
    let (first_tx, first_rx) = mpsc::channel();
    let spawned = spawn(&guard.shared, "ws relay", move |shared| {
        relay::relay_loop(shared, holder, target, first_tx)
    });
    if !spawned {
        return Err(Errno(libc::EAGAIN));
    }
    let _ = first_rx.recv_timeout(FIRST_ATTEMPT_WAIT);
    // SAFETY: `private_url` is a NUL-terminated CString that lives to the end of this
    // function; nanomsg copies the address into the new endpoint.
    if unsafe { sys::nn_connect(id, private_url.as_ptr()) } < 0 {
        return Err(last_error());
    }
    Ok(guard)
}

/// The socket's type, by its protocol number.
fn socket_type(id: c_int) -> Option<SocketType> {
    let mut protocol: c_int = 0;
    let mut size = std::mem::size_of::<c_int>();
    // SAFETY: `protocol` and `size` are locals that outlive the call; `size` says how
    // many bytes `protocol` has room for, and nn_getsockopt writes at most that many
    // there and the length back to `size`, keeping neither pointer.
    let rc = unsafe {
        sys::nn_getsockopt(
            id,
            sys::NN_SOL_SOCKET,
            sys::NN_PROTOCOL,
            (&raw mut protocol).cast::<c_void>(),
            &raw mut size,
        )
    };
    if rc < 0 {
        return None;
    }
    SocketType::from_protocol_id(u16::try_from(protocol).ok()?)
}

/// A type's ws protocol name. A client's request names the server's type (libnanomsg's
/// table in ws_handshake.c).
fn ws_protocol(kind: SocketType) -> String {
    format!("{}.sp.nanomsg.org", kind.name())
}

impl Guard {
    fn new(url: &str, verbose: bool, started: Instant) -> Result<Guard, Errno> {
        Ok(Guard {
            shared: Arc::new(Shared {
                stop: Stop::new().map_err(errno)?,
                live: AtomicUsize::new(0),
                notes: Notes {
                    verbose,
                    started,
                    url: url.to_string(),
                    last: Mutex::new((None, 0)),
                },
            }),
        })
    }
}

/// Runs `work` on a thread of its own, counted in `live`; false if no thread could be
/// made (the caller drops what it would have served).
fn spawn(
    shared: &Arc<Shared>,
    name: &str,
    work: impl FnOnce(&Arc<Shared>) + Send + 'static,
) -> bool {
    struct Leaving(Arc<Shared>);
    impl Drop for Leaving {
        fn drop(&mut self) {
            self.0.live.fetch_sub(1, Ordering::Release);
        }
    }
    shared.live.fetch_add(1, Ordering::AcqRel);
    let leaving = Leaving(Arc::clone(shared));
    let spawned = thread::Builder::new()
        .name(name.into())
        .stack_size(THREAD_STACK)
        .spawn(move || {
            let leaving = leaving;
            work(&leaving.0);
        });
    // A thread that was never made dropped its `Leaving` with the closure.
    spawned.is_ok()
}

fn ipv4_only(id: c_int) -> bool {
    let mut value: c_int = 1;
    let mut size = std::mem::size_of::<c_int>();
    // SAFETY: as in `socket_type`: `value` and `size` are locals that outlive the call,
    // and `size` is the room in `value`.
    let rc = unsafe {
        sys::nn_getsockopt(
            id,
            sys::NN_SOL_SOCKET,
            sys::NN_IPV4ONLY,
            (&raw mut value).cast::<c_void>(),
            &raw mut size,
        )
    };
    rc < 0 || value != 0
}

fn errno(err: io::Error) -> Errno {
    Errno(err.raw_os_error().unwrap_or(libc::EIO))
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_loopback_port() -> Result<u16, Errno> {
    let probe = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(errno)?;
    Ok(probe.local_addr().map_err(errno)?.port())
}

/// libnanomsg's private ws endpoint on a free loopback port, and its endpoint id.
fn bind_private(id: c_int) -> Result<(SocketAddr, c_int), Errno> {
    let mut last = Errno(libc::EADDRINUSE);
    for _ in 0..PORT_ATTEMPTS {
        let port = free_loopback_port()?;
        let url =
            CString::new(format!("ws://127.0.0.1:{port}")).map_err(|_| Errno(libc::EINVAL))?;
        // SAFETY: `url` is a NUL-terminated CString that lives to the end of this loop
        // turn; nanomsg copies the address into the new endpoint.
        let endpoint = unsafe { sys::nn_bind(id, url.as_ptr()) };
        if endpoint >= 0 {
            return Ok((
                SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port),
                endpoint,
            ));
        }
        last = last_error();
        if last.0 != libc::EADDRINUSE {
            break;
        }
    }
    Err(last)
}

/// A loopback port held for the relay (see `net::reserve_port`).
fn reserve_private_port() -> Result<(OwnedFd, u16), Errno> {
    let mut last = Errno(libc::EADDRINUSE);
    for _ in 0..PORT_ATTEMPTS {
        let port = free_loopback_port()?;
        match sockets::reserve_port(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)) {
            Ok(holder) => return Ok((holder, port)),
            Err(err) if err.kind() == ErrorKind::AddrInUse => last = errno(err),
            Err(err) => return Err(errno(err)),
        }
    }
    Err(last)
}

/// No Nagle delay on a hop nncat added, and no write that blocks for ever on a peer
/// that stops reading during the handshake.
fn prepare(stream: &TcpStream) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(HANDSHAKE_TIMEOUT))
}
