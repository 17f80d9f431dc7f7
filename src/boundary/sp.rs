/*!
The SP stream transports, tcp and ipc: an 8-byte header each way, then each message
as an 8-byte big-endian length and the bytes, preceded over ipc by a type byte (1).

What libnanomsg 1.1.5 did with these frames, and what nncat does instead:
- a length is allocated whole as soon as it is read, so concurrent claims under
  `ulimit -v` aborted the process (chunkref.c:55). nncat grows a message as its bytes
  arrive, and an honest message waits for its share of the memory budget (`Budget`),
  so a lie costs what was really sent;
- a length over `NN_RCVMAXSIZE` closed the connection without a word. nncat reads such
  a message into nothing, says so, and goes on with that peer's next message;
- an ipc type byte other than 1 was an assertion (sipc.c:336). nncat closes that peer
  with a warning.
*/

use std::io;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use tokio::io::{
    AsyncBufRead, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, BufWriter,
};
use tokio::sync::Semaphore;

use super::link::{LinkReader, LinkWriter, protocol_of, sp_header, whole_frame, whole_frame_body};
use super::{Incoming, Outgoing, Received, Refusal};

/// How long a peer has to send its SP header: libnanomsg's own (streamhdr.c).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(1);

/// The type byte of a normal ipc message.
const IPC_NORMAL: u8 = 1;

/// A peer's read and write buffers: small, so that a thousand peers stay cheap.
const BUFFER: usize = 16 * 1024;

/// How much a message grows at a time as its bytes arrive.
const GROWTH: usize = 1 << 20;

/// What all peers' messages in flight may hold at once, in KiB: a message waits for
/// its share before nncat holds more than a buffer of it.
#[derive(Clone)]
pub struct Budget(Arc<Semaphore>);

impl Budget {
    pub fn new(bytes: usize) -> Budget {
        let kib = (bytes / 1024).clamp(1, u32::MAX as usize);
        Budget(Arc::new(Semaphore::new(kib)))
    }
}

/// Why an SP handshake failed, in words for `-v`.
pub enum HandshakeError {
    /// The peer closed, or sent nothing in time: nothing to say.
    Silent,
    /// Eight bytes that are not an SP header.
    NotSp,
    /// An SP peer of a type this socket does not talk to.
    WrongType(u16),
}

/// Sends our header and reads the peer's: the peer's protocol when it is `expected`.
pub async fn handshake<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    own: u16,
    expected: u16,
) -> Result<u16, HandshakeError> {
    let exchange = async {
        stream.write_all(&sp_header(own)).await?;
        let mut header = [0u8; 8];
        stream.read_exact(&mut header).await?;
        Ok::<_, io::Error>(header)
    };
    let header = match tokio::time::timeout(HEADER_TIMEOUT, exchange).await {
        Ok(Ok(header)) => header,
        _ => return Err(HandshakeError::Silent),
    };
    match protocol_of(&header) {
        None => Err(HandshakeError::NotSp),
        Some(theirs) if theirs != expected => Err(HandshakeError::WrongType(theirs)),
        Some(theirs) => Ok(theirs),
    }
}

/// Messages from an SP peer.
pub struct SpIncoming<R> {
    stream: BufReader<R>,
    ipc: bool,
    recv_max_size: usize,
    budget: Budget,
}

/// Messages to an SP peer.
pub struct SpOutgoing<W> {
    stream: BufWriter<W>,
    ipc: bool,
}

pub fn halves<R: AsyncRead + Unpin, W: AsyncWrite + Unpin>(
    read: R,
    write: W,
    ipc: bool,
    recv_max_size: usize,
    budget: Budget,
) -> (SpIncoming<R>, SpOutgoing<W>) {
    (
        SpIncoming {
            stream: BufReader::with_capacity(BUFFER, read),
            ipc,
            recv_max_size,
            budget,
        },
        SpOutgoing {
            stream: BufWriter::with_capacity(BUFFER, write),
            ipc,
        },
    )
}

impl<R: AsyncRead + Unpin> SpIncoming<R> {
    /// The next frame's claimed length, `None` at a clean end.
    async fn claim(&mut self) -> io::Result<Option<u64>> {
        let mut head = [0u8; 9];
        let head = if self.ipc {
            &mut head[..]
        } else {
            &mut head[1..]
        };
        // A clean end falls between two messages.
        if self.stream.read(&mut head[..1]).await? == 0 {
            return Ok(None);
        }
        self.stream.read_exact(&mut head[1..]).await?;
        if self.ipc && head[0] != IPC_NORMAL {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("an ipc frame of type {} (only 1 exists)", head[0]),
            ));
        }
        let mut length = [0u8; 8];
        length.copy_from_slice(&head[head.len() - 8..]);
        Ok(Some(u64::from_be_bytes(length)))
    }

    /// Reads `length` bytes, growing the message as they arrive.
    async fn read_message(&mut self, length: usize) -> io::Result<Vec<u8>> {
        let mut message = Vec::new();
        while message.len() < length {
            let want = (length - message.len()).min(GROWTH.max(message.len()));
            message
                .try_reserve_exact(want)
                .map_err(|_| io::Error::from(io::ErrorKind::OutOfMemory))?;
            let limit = (length - message.len()) as u64;
            if (&mut self.stream)
                .take(limit)
                .read_buf(&mut message)
                .await?
                == 0
            {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
        Ok(message)
    }
}

impl<R: AsyncRead + Unpin> Incoming for SpIncoming<R> {
    async fn next(&mut self) -> Received {
        let claimed = match self.claim().await {
            Ok(Some(claimed)) => claimed,
            Ok(None) => return Received::Ended,
            Err(err) if err.kind() == io::ErrorKind::InvalidData => {
                return Received::Refused(Refusal::BadFrame(err.to_string()));
            }
            Err(_) => return Received::Ended,
        };
        let fits = usize::try_from(claimed).is_ok_and(|len| len <= self.recv_max_size);
        if !fits {
            let mut rest = (&mut self.stream).take(claimed);
            return match tokio::io::copy(&mut rest, &mut tokio::io::sink()).await {
                Ok(skipped) if skipped == claimed => Received::Skipped(claimed),
                _ => Received::Refused(Refusal::Oversize(claimed)),
            };
        }
        let length = claimed as usize;
        let kib = u32::try_from(length.div_ceil(1024)).unwrap_or(u32::MAX);
        // A message is held whole before libnanomsg sees its length (libnanomsg
        // allocates the length at once), so a lie costs only what was sent.
        let Ok(_share) = Arc::clone(&self.budget.0).acquire_many_owned(kib).await else {
            return Received::Ended;
        };
        match self.read_message(length).await {
            Ok(message) => Received::Message(Bytes::from(message)),
            Err(err) if err.kind() == io::ErrorKind::OutOfMemory => {
                Received::Refused(Refusal::Oversize(claimed))
            }
            Err(_) => Received::Ended,
        }
    }

    fn buffered(&mut self) -> bool {
        whole_frame(self.stream.buffer(), self.ipc)
    }

    fn pass_read(&mut self, link: &mut LinkWriter) {
        let head = if self.ipc { 9 } else { 8 };
        loop {
            let buffer = self.stream.buffer();
            if self.ipc && buffer.first() != Some(&IPC_NORMAL) {
                return;
            }
            // One over --recv-maxsz is `next`'s to skip and say.
            let Some(body) =
                whole_frame_body(buffer, self.ipc).filter(|body| body.len() <= self.recv_max_size)
            else {
                return;
            };
            let framed = head + body.len();
            if !link.try_queue(body) {
                return;
            }
            std::pin::Pin::new(&mut self.stream).consume(framed);
        }
    }
}

impl<W: AsyncWrite + Unpin> Outgoing for SpOutgoing<W> {
    async fn send(&mut self, message: Vec<u8>) -> io::Result<()> {
        if self.ipc {
            self.stream.write_all(&[IPC_NORMAL]).await?;
        }
        self.stream
            .write_all(&(message.len() as u64).to_be_bytes())
            .await?;
        self.stream.write_all(&message).await
    }

    async fn flush(&mut self) -> io::Result<()> {
        self.stream.flush().await
    }

    fn streams(&self) -> bool {
        true
    }

    async fn pass_on(&mut self, length: u64, from: &mut LinkReader) -> io::Result<()> {
        if self.ipc {
            self.stream.write_all(&[IPC_NORMAL]).await?;
        }
        self.stream.write_all(&length.to_be_bytes()).await?;
        let passed = tokio::io::copy(&mut from.body(length), &mut self.stream).await?;
        if passed < length {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(())
    }

    async fn finish(&mut self, _refusal: Option<&Refusal>) {
        let _ = self.stream.flush().await;
        let _ = self.stream.shutdown().await;
    }
}
