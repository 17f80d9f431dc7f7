//! Servers that are not SP endpoints: raw `std::net` listeners on 127.0.0.1 that answer
//! with an HTTP error, garbage, a close or nothing at all, for the tests of what nncat
//! says about an endpoint that is not what it expected.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::LIMIT;

/// A raw TCP server on 127.0.0.1 that handles one connection with `behave`.
pub fn raw_server(behave: impl FnOnce(TcpStream) + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!(
        "tcp://{}",
        listener.local_addr().expect("the listener's address")
    );
    thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            behave(stream);
        }
    });
    url
}

/// Reads what the client sends first (the probe's header), so that closing afterwards
/// is a clean end of stream, not a reset.
pub fn read_some(stream: &mut TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = [0u8; 64];
    let _ = stream.read(&mut buf);
}

/// A raw server that takes one connection and holds it open, saying nothing, until the
/// sender it returns is dropped (or `LIMIT` passes).
pub fn silent_server() -> (String, mpsc::Sender<()>) {
    let (release, released) = mpsc::channel::<()>();
    let url = raw_server(move |stream| {
        let _ = released.recv_timeout(LIMIT);
        drop(stream);
    });
    (url, release)
}

/// A raw server that answers every connection with an HTTP error, for a while.
pub fn http_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("tcp://{}", listener.local_addr().expect("an address"));
    thread::spawn(move || {
        let deadline = Instant::now() + LIMIT;
        let mut open = Vec::new();
        let left = || deadline.saturating_duration_since(Instant::now());
        while let Some(mut stream) = poll_accept(&listener, left(), || true) {
            read_some(&mut stream);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n");
            open.push(stream);
        }
    });
    url
}

/// The next connection to `listener`, which is made non-blocking so that the wait can
/// end: polled for until `limit` passes or `waiting` turns false (the process that
/// should connect has ended). The connection itself blocks.
pub fn poll_accept(
    listener: &TcpListener,
    limit: Duration,
    mut waiting: impl FnMut() -> bool,
) -> Option<TcpStream> {
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    let deadline = Instant::now() + limit;
    loop {
        if let Ok((stream, _)) = listener.accept() {
            stream.set_nonblocking(false).expect("a blocking stream");
            return Some(stream);
        }
        if Instant::now() >= deadline || !waiting() {
            return None;
        }
        thread::sleep(Duration::from_millis(5));
    }
}
