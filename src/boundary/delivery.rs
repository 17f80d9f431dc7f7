/*!
What became of the messages libnanomsg gave the boundary toward peers, counted for the
socket's close: whether bytes still move (the drain waits while they do), and how many
messages reached a peer's connection or were lost with a peer that left, so that a
sender can tell its user what its exit cut off. Apart from the pump, which counts, so
that the socket reads the counts without knowing how a peer is served.
*/

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

#[derive(Default)]
pub struct Delivery {
    /// Writes into peers' connections: grows while bytes move.
    progress: AtomicU64,
    /// Messages written whole into a peer's connection.
    delivered: AtomicU64,
    /// Messages lost with a peer that left: the ones being written to it when its
    /// connection failed, and what libnanomsg gave its link after it had gone that no
    /// other peer could take (pump.rs, orphans).
    lost_with_peers: AtomicU64,
}

impl Delivery {
    pub fn progress(&self) -> u64 {
        self.progress.load(Ordering::Relaxed)
    }

    pub fn delivered(&self) -> u64 {
        self.delivered.load(Ordering::Relaxed)
    }

    pub fn lost_with_peers(&self) -> u64 {
        self.lost_with_peers.load(Ordering::Relaxed)
    }

    fn moved(&self) {
        self.progress.fetch_add(1, Ordering::Relaxed);
    }

    pub(super) fn reached_peer(&self, messages: u64) {
        self.delivered.fetch_add(messages, Ordering::Relaxed);
    }

    pub(super) fn lost_with_peer(&self, messages: u64) {
        self.lost_with_peers.fetch_add(messages, Ordering::Relaxed);
    }
}

/// A peer's connection whose every write that the kernel takes counts as progress:
/// the drain at close waits while a slow peer still takes bytes, however large the
/// message they belong to.
pub(super) struct Counted<S> {
    stream: S,
    delivery: Arc<Delivery>,
}

impl<S> Counted<S> {
    pub(super) fn new(stream: S, delivery: Arc<Delivery>) -> Counted<S> {
        Counted { stream, delivery }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Counted<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bytes: &[u8],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write(cx, bytes);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            self.delivery.moved();
        }
        written
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            self.delivery.moved();
        }
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Reads pass through uncounted: only what goes toward the peer is progress.
impl<S: AsyncRead + Unpin> AsyncRead for Counted<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}
