/*!
What a transport is to the boundary: the schemes it terminates, and the two halves of a
peer every transport implements (`Incoming`, `Outgoing`), which the relay and the pump
see instead of tcp, ipc, ws or TLS. A new transport is a `Transport` here and a file
that implements the two traits, as sp.rs and ws.rs do.
*/

use std::io;

use bytes::Bytes;

use super::link;
use crate::url::{Scheme, Url};

/// Whether an address goes through the boundary: every stream transport. inproc stays
/// inside the process and needs no guard.
pub fn owns(url: &Url) -> bool {
    Transport::of(url).is_some()
}

/// The transports nncat terminates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Transport {
    Tcp,
    Ipc,
    Ws,
    /// tls+tcp://: SP's tcp framing inside TLS.
    TlsTcp,
    /// wss://: ws inside TLS.
    Wss,
}

impl Transport {
    pub(super) fn of(url: &Url) -> Option<Transport> {
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
    pub(super) fn word(self) -> &'static str {
        match self {
            Transport::Tcp => "TCP",
            Transport::Ipc => "ipc",
            Transport::Ws => "ws",
            Transport::TlsTcp => "TLS",
            Transport::Wss => "wss",
        }
    }
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
    /// Whether the peer's next message is already here, so that `next` will not wait:
    /// what was passed on is flushed only when not, so a burst of small messages costs
    /// few writes.
    fn buffered(&mut self) -> bool {
        false
    }
    /// Passes the messages already read whole straight into `link`'s queue while they
    /// fit: no message of their own, and no share of the memory budget, since their
    /// bytes are in the read buffer already. What is left waits for `next`.
    fn pass_read(&mut self, link: &mut link::LinkWriter) {
        let _ = link;
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
    /// Passes on a message of `length` bytes as its bytes come from libnanomsg's link,
    /// never holding it whole (when `streams`).
    async fn pass_on(&mut self, length: u64, _from: &mut link::LinkReader) -> io::Result<()> {
        let _ = length;
        Err(io::ErrorKind::Unsupported.into())
    }
    /// Ends the connection politely (a ws close frame, a flush), saying why when
    /// nncat refused something.
    async fn finish(&mut self, refusal: Option<&Refusal>);
}
