/*!
nngcat dials `ws://HOST:PORT` with an empty request target (`GET  HTTP/1.1`, two
spaces), which libnanomsg takes for `/` and httparse, under tungstenite, refuses as an
invalid token. A bound ws endpoint reads its client's first five bytes through this
stream: `GET  ` is shown to tungstenite as `GET / `, anything else as it came, and the
rest of the stream passes untouched both ways.
*/

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// What nngcat sends first when its URL has no path.
const EMPTY_TARGET: &[u8] = b"GET  ";
/// What tungstenite is shown instead.
const ROOT_TARGET: &[u8] = b"GET / ";

pub(super) struct EmptyTargetAsRoot<S> {
    stream: S,
    state: State,
}

enum State {
    /// Reading the first bytes while they still match `EMPTY_TARGET`.
    Start {
        seen: [u8; 5],
        len: usize,
    },
    /// Handing out what the start became, from `at` on.
    Replay {
        bytes: Vec<u8>,
        at: usize,
    },
    Through,
}

impl<S> EmptyTargetAsRoot<S> {
    pub(super) fn new(stream: S) -> EmptyTargetAsRoot<S> {
        EmptyTargetAsRoot {
            stream,
            state: State::Start {
                seen: [0; 5],
                len: 0,
            },
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for EmptyTargetAsRoot<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        loop {
            match &mut this.state {
                State::Start { seen, len } => {
                    let mut rest = ReadBuf::new(&mut seen[*len..]);
                    std::task::ready!(Pin::new(&mut this.stream).poll_read(cx, &mut rest))?;
                    let read = rest.filled().len();
                    *len += read;
                    let so_far = &seen[..*len];
                    let decided = read == 0 || !EMPTY_TARGET.starts_with(so_far);
                    if so_far == EMPTY_TARGET {
                        this.state = State::Replay {
                            bytes: ROOT_TARGET.to_vec(),
                            at: 0,
                        };
                    } else if decided {
                        this.state = State::Replay {
                            bytes: so_far.to_vec(),
                            at: 0,
                        };
                    }
                }
                State::Replay { bytes, at } => {
                    if *at == bytes.len() {
                        this.state = State::Through;
                        continue;
                    }
                    let n = buf.remaining().min(bytes.len() - *at);
                    buf.put_slice(&bytes[*at..*at + n]);
                    *at += n;
                    return Poll::Ready(Ok(()));
                }
                State::Through => return Pin::new(&mut this.stream).poll_read(cx, buf),
            }
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for EmptyTargetAsRoot<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bytes: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, bytes)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::io;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use futures_util::FutureExt;
    use tokio::io::{AsyncRead, AsyncReadExt, ReadBuf};

    use super::EmptyTargetAsRoot;

    /// A peer whose bytes arrive in `pieces`, one read each.
    struct Pieces(VecDeque<Vec<u8>>);

    impl AsyncRead for Pieces {
        fn poll_read(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            if let Some(mut piece) = self.0.pop_front() {
                let n = buf.remaining().min(piece.len());
                buf.put_slice(&piece[..n]);
                if n < piece.len() {
                    self.0.push_front(piece.split_off(n));
                }
            }
            Poll::Ready(Ok(()))
        }
    }

    fn seen(pieces: &[&[u8]]) -> Vec<u8> {
        let pieces = Pieces(pieces.iter().map(|piece| piece.to_vec()).collect());
        let mut stream = EmptyTargetAsRoot::new(pieces);
        let mut out = Vec::new();
        stream
            .read_to_end(&mut out)
            .now_or_never()
            .expect("every piece is ready")
            .expect("reads");
        out
    }

    #[test]
    fn an_empty_target_is_read_as_the_root_however_it_arrives() {
        let request = b"GET  HTTP/1.1\r\nHost: h\r\n\r\n";
        let want = b"GET / HTTP/1.1\r\nHost: h\r\n\r\n".to_vec();
        assert_eq!(seen(&[request]), want);
        assert_eq!(seen(&[b"GE", b"T ", b" HTTP/1.1\r\nHost: h\r\n\r\n"]), want);
        assert_eq!(
            seen(&[b"G", b"E", b"T", b" ", b" ", b"HTTP/1.1\r\nHost: h\r\n\r\n"]),
            want
        );
    }

    #[test]
    fn anything_else_passes_as_it_came() {
        for bytes in [
            &b"GET /sp HTTP/1.1\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\n\r\n",
            b"\x00SP\x00\x00\x50\x00\x00",
            b"GET",
            b"",
        ] {
            assert_eq!(seen(&[bytes]), bytes);
            let (head, tail) = bytes.split_at(bytes.len() / 2);
            assert_eq!(seen(&[head, tail]), bytes);
        }
    }
}
