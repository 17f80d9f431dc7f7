//! The guard's sockets, made with the calls std does not offer: a port held for the
//! relay (SO_REUSEADDR before bind), a listener on it, a connect from a chosen local
//! address that a stop can cut short, and a reset instead of a close.

use std::io::{self, ErrorKind};
use std::mem;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::Instant;

use libc::c_int;

use super::net::{Stop, Stopped};

/// A raw IPv4 or IPv6 address for the socket calls std does not offer.
fn sockaddr(address: SocketAddr) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: sockaddr_storage is a C struct of integers and byte arrays, for which all
    // zeroes is a valid value (the unspecified family).
    let mut storage: libc::sockaddr_storage = unsafe { mem::zeroed() };
    let len = match address {
        SocketAddr::V4(v4) => {
            let raw = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: v4.port().to_be(),
                sin_addr: libc::in_addr {
                    s_addr: u32::from(*v4.ip()).to_be(),
                },
                sin_zero: [0; 8],
            };
            // SAFETY: `storage` is a local sockaddr_storage, which the C library makes large
            // enough and aligned for any address, sockaddr_in included; `raw` is plain data
            // with nothing to drop, written over plain data.
            unsafe { std::ptr::write((&raw mut storage).cast::<libc::sockaddr_in>(), raw) };
            mem::size_of::<libc::sockaddr_in>()
        }
        SocketAddr::V6(v6) => {
            let raw = libc::sockaddr_in6 {
                sin6_family: libc::AF_INET6 as libc::sa_family_t,
                sin6_port: v6.port().to_be(),
                sin6_flowinfo: v6.flowinfo(),
                sin6_addr: libc::in6_addr {
                    s6_addr: v6.ip().octets(),
                },
                sin6_scope_id: v6.scope_id(),
            };
            // SAFETY: as for sockaddr_in above: sockaddr_storage is large enough and aligned
            // for a sockaddr_in6.
            unsafe { std::ptr::write((&raw mut storage).cast::<libc::sockaddr_in6>(), raw) };
            mem::size_of::<libc::sockaddr_in6>()
        }
    };
    (storage, len as libc::socklen_t)
}

fn tcp_socket(ip: IpAddr) -> io::Result<OwnedFd> {
    let family = if ip.is_ipv4() {
        libc::AF_INET
    } else {
        libc::AF_INET6
    };
    // SAFETY: socket takes three integers and no pointers; a failure is the -1 checked
    // below.
    let fd = unsafe { libc::socket(family, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` is an open descriptor socket has just made; its number is known only
    // here, so the OwnedFd is its one owner.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn check(rc: c_int) -> io::Result<()> {
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

fn bind(fd: &OwnedFd, address: SocketAddr) -> io::Result<()> {
    let (storage, len) = sockaddr(address);
    // SAFETY: the descriptor is `fd`'s, open while it is borrowed; bind reads `len` bytes
    // at the pointer, and `sockaddr` made `len` the size of the address it wrote at the
    // start of `storage`, a local sockaddr_storage (larger than any address).
    check(unsafe { libc::bind(fd.as_raw_fd(), (&raw const storage).cast(), len) })
}

fn set_flag(fd: &OwnedFd, level: c_int, option: c_int) -> io::Result<()> {
    let on: c_int = 1;
    // SAFETY: the descriptor is `fd`'s, open while it is borrowed; setsockopt reads the
    // given size of bytes at the pointer, which are `on`'s, a local c_int.
    check(unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            level,
            option,
            (&raw const on).cast(),
            mem::size_of::<c_int>() as libc::socklen_t,
        )
    })
}

/// A socket bound to `address` with SO_REUSEPORT, not listening: while it exists, no
/// other user can bind that port, and a socket of ours with the same option can.
pub fn reserve_port(address: SocketAddr) -> io::Result<OwnedFd> {
    let fd = tcp_socket(address.ip())?;
    set_flag(&fd, libc::SOL_SOCKET, libc::SO_REUSEPORT)?;
    bind(&fd, address)?;
    Ok(fd)
}

/// A listener on a port `reserve_port` holds.
pub fn listen_on_reserved(address: SocketAddr) -> io::Result<TcpListener> {
    let fd = reserve_port(address)?;
    // SAFETY: listen takes two integers; the descriptor is `fd`'s, open while it lives.
    check(unsafe { libc::listen(fd.as_raw_fd(), 8) })?;
    let listener = TcpListener::from(fd);
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// Closes with a reset rather than a FIN: nothing of the connection stays in the
/// kernel's tables on our side (see server.rs, `linger`).
pub fn reset(stream: TcpStream) {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: the descriptor is `stream`'s, open until it drops at the end of this
    // function; setsockopt reads the given size of bytes at the pointer, which are
    // `linger`'s, a local libc::linger.
    let _ = unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&raw const linger).cast(),
            mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    };
}

/// Connects to `remote`, from `local` if given, until `deadline`; a stop cuts it short.
pub fn connect(
    stop: &Stop,
    local: Option<IpAddr>,
    remote: SocketAddr,
    deadline: Instant,
) -> io::Result<TcpStream> {
    let fd = tcp_socket(remote.ip())?;
    if let Some(ip) = local {
        bind(&fd, SocketAddr::new(ip, 0))?;
    }
    let stream = TcpStream::from(fd);
    stream.set_nonblocking(true)?;
    let (storage, len) = sockaddr(remote);
    // SAFETY: the descriptor is `stream`'s, open while it lives; connect reads `len` bytes
    // at the pointer, and `sockaddr` made `len` the size of the address it wrote at the
    // start of `storage`, a local sockaddr_storage.
    let rc = unsafe { libc::connect(stream.as_raw_fd(), (&raw const storage).cast(), len) };
    if rc < 0 {
        let err = io::Error::last_os_error();
        if err.raw_os_error() != Some(libc::EINPROGRESS) {
            return Err(err);
        }
        match stop.wait(&[(stream.as_raw_fd(), libc::POLLOUT)], Some(deadline)) {
            Err(Stopped) => return Err(ErrorKind::Interrupted.into()),
            Ok(None) => return Err(ErrorKind::TimedOut.into()),
            Ok(Some(_)) => {}
        }
        if let Some(err) = stream.take_error()? {
            return Err(err);
        }
    }
    stream.set_nonblocking(false)?;
    Ok(stream)
}
