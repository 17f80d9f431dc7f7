/*!
The pump: one peer's messages carried both ways between its connection and its private
link to libnanomsg, over either side's transport (it sees only `Incoming` and
`Outgoing`), until one side ends; and what becomes of the messages libnanomsg still
gives a peer that is gone (orphans). Apart from accepting and connecting (relay.rs,
connect.rs), which both end in it.
*/

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::link::{LinkReader, LinkWriter};
use super::{DRAIN, Endpoint, Happening, Incoming, Outgoing, Received, Refusal, STREAM_AT};
use crate::kind::SocketType;

/// After a peer that sent to us has gone, how long its link stays open: libnanomsg
/// drops a pipe's read-ahead message when the pipe closes, so the last message needs a
/// moment to be taken (the same grace a sender gives, socket::CLOSE_GRACE). Only for
/// types that never send: for the others libnanomsg would go on routing messages into
/// a link whose peer is gone, and they would be lost.
const DEPARTURE_GRACE: Duration = Duration::from_millis(100);

/// A message libnanomsg gave the link of a peer that is gone. A push's message, and a
/// request (which any rep may answer: the reply comes back by the backtrace, whatever
/// pipe it takes), are kept for another peer of the socket, live or still to come
/// (`take_orphans`), as libnanomsg would have given it to another peer had it known.
/// Other types send to every peer or expect the answer from the same one: their orphans
/// are dropped, as libnanomsg drops a message in flight to a peer that left.
async fn orphan(endpoint: &Endpoint, length: u64, link_in: &mut LinkReader) -> io::Result<()> {
    let kept = endpoint.orphans.held();
    let keep = matches!(endpoint.settings.own, SocketType::Push | SocketType::Req)
        && usize::try_from(length).is_ok_and(|length| kept + length <= ORPHANS_MAX);
    if !keep {
        endpoint.delivery.lost_with_peer(1);
        let mut body = link_in.body(length);
        return tokio::io::copy(&mut body, &mut tokio::io::sink())
            .await
            .map(drop);
    }
    match link_in.read_body(length).await {
        Ok(message) => {
            endpoint.orphans.push(message);
            Ok(())
        }
        Err(err) => {
            endpoint.delivery.lost_with_peer(1);
            Err(err)
        }
    }
}

/// Gives this peer the messages gone peers were sent, first and in order.
async fn take_orphans(endpoint: &Endpoint, outgoing: &mut impl Outgoing) -> io::Result<()> {
    let mut taken = 0;
    let mut passed = Ok(());
    while let Some(message) = endpoint.orphans.pop() {
        taken += 1;
        passed = outgoing.send(message).await;
        if passed.is_err() {
            break;
        }
    }
    if taken > 0 && passed.is_ok() {
        passed = outgoing.flush().await;
    }
    match passed {
        Ok(()) => endpoint.delivery.reached_peer(taken),
        Err(_) => endpoint.delivery.lost_with_peer(taken),
    }
    passed
}

/// Carries messages both ways between a peer and its link until one side ends.
pub(super) async fn pump(
    endpoint: &Endpoint,
    peer: &str,
    mut incoming: impl Incoming,
    mut outgoing: impl Outgoing,
    mut link_in: LinkReader,
    mut link_out: LinkWriter,
) {
    endpoint.notes.happened("connected", peer);
    endpoint.settings.tell(Happening::PeerArrived);
    if let Some(senders) = &endpoint.settings.senders {
        senders.arrived(peer);
    }
    let peer_gone = std::cell::Cell::new(false);
    // Messages written toward the peer since its connection last took them all.
    let unflushed = std::cell::Cell::new(0);
    let refusal = {
        let toward_libnanomsg = async {
            let why = loop {
                match incoming.next().await {
                    Received::Message(message) => {
                        if let Some(senders) = &endpoint.settings.senders {
                            senders.note(&message, peer);
                        }
                        if link_out.send(&message).await.is_err() {
                            return None;
                        }
                        // A tap notes each message's sender, so it takes them one by one.
                        if endpoint.settings.senders.is_none() {
                            incoming.pass_read(&mut link_out);
                        }
                    }
                    Received::Skipped(size) => endpoint.notes.warn(
                        "oversize",
                        &format!(
                            "skipped a message of {size} bytes from {peer}: over --recv-maxsz {} bytes (raise --recv-maxsz to accept it)",
                            endpoint.settings.recv_max_size
                        ),
                    ),
                    Received::Ended => break None,
                    Received::Refused(refusal) => break Some(refusal),
                }
                // What was passed on waits in the buffer only while the next message
                // is already here whole.
                if !incoming.buffered() && link_out.flush().await.is_err() {
                    return None;
                }
            };
            match &why {
                None => endpoint.notes.note("left", &format!("peer {peer} left")),
                Some(Refusal::Oversize(size)) => endpoint.notes.warn(
                    "oversize",
                    &format!(
                        "refused a message of {size} bytes from {peer}: over --recv-maxsz {} bytes; the connection is closed (raise --recv-maxsz to accept it)",
                        endpoint.settings.recv_max_size
                    ),
                ),
                Some(Refusal::BadFrame(what)) => endpoint.notes.warn(
                    "bad frame",
                    &format!("closed the connection of {peer}: {what}"),
                ),
            }
            if !endpoint.settings.own.can_send() {
                tokio::time::sleep(DEPARTURE_GRACE).await;
            }
            link_out.finish().await;
            why
        };
        let toward_peer = async {
            if take_orphans(endpoint, &mut outgoing).await.is_err() {
                return;
            }
            loop {
                // A gone peer's orphans may arrive while this one waits for libnanomsg,
                // or while it was busy.
                if !peer_gone.get()
                    && endpoint.orphans.waiting()
                    && take_orphans(endpoint, &mut outgoing).await.is_err()
                {
                    break;
                }
                if !peer_gone.get() {
                    tokio::select! {
                        biased;
                        ready = link_in.readable() => if ready.is_err() { break },
                        () = endpoint.orphans.arrived.notified() => {
                            if take_orphans(endpoint, &mut outgoing).await.is_err() {
                                break;
                            }
                            continue;
                        }
                    }
                }
                let Ok(Some(length)) = link_in.next_length().await else {
                    break;
                };
                endpoint
                    .taken
                    .fetch_add(super::link_cost(length), Ordering::Relaxed);
                if peer_gone.get() {
                    if orphan(endpoint, length, &mut link_in).await.is_err() {
                        break;
                    }
                    continue;
                }
                let sent = if length > STREAM_AT && outgoing.streams() {
                    outgoing.pass_on(length, &mut link_in).await
                } else {
                    match link_in.read_body(length).await {
                        Ok(message) => outgoing.send(message).await,
                        Err(err) => Err(err),
                    }
                };
                match sent {
                    Ok(()) => unflushed.set(unflushed.get() + 1),
                    // libnanomsg closed the link in the middle of the message: the
                    // socket closed before its last write ended, and the message was
                    // cut (counted by neither; the socket tells the user).
                    Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => break,
                    Err(_) => {
                        endpoint.delivery.lost_with_peer(1);
                        break;
                    }
                }
                if !link_in.buffered() {
                    super::batching::batch(unflushed.get());
                    if outgoing.flush().await.is_err() {
                        break;
                    }
                    endpoint.delivery.reached_peer(unflushed.replace(0));
                }
            }
        };
        // The peer's side is looked at first: once it has hung up, what libnanomsg
        // still sends into the link would go to a peer that is gone, where a batch of
        // it could pass for delivered in one write, so it is read and dropped until
        // libnanomsg closes the link. (Closing the link first instead can leave
        // libnanomsg 1.1.5 counting the pipe as attached: a pair then refuses every
        // later peer.) When libnanomsg closes first (the socket closes), everything it
        // sent before is passed on.
        tokio::pin!(toward_peer);
        tokio::select! {
            biased;
            why = toward_libnanomsg => {
                peer_gone.set(true);
                let _ = tokio::time::timeout(DRAIN, &mut toward_peer).await;
                why
            }
            () = &mut toward_peer => None,
        }
    };
    let waiting = unflushed.replace(0);
    if waiting > 0 {
        match outgoing.flush().await {
            Ok(()) if !peer_gone.get() => endpoint.delivery.reached_peer(waiting),
            _ => endpoint.delivery.lost_with_peer(waiting),
        }
    }
    outgoing.finish(refusal.as_ref()).await;
    if let Some(senders) = &endpoint.settings.senders {
        senders.left(peer);
    }
    endpoint.notes.happened("disconnected", peer);
    endpoint.settings.tell(Happening::PeerLeft);
}

/// The most a push keeps of what it sent to a peer that was gone.
const ORPHANS_MAX: usize = 64 << 20;

/// Messages libnanomsg gave a peer that had already gone, waiting for a live peer of
/// any endpoint of the socket; `arrived` wakes the live peers' pumps.
#[derive(Clone, Default)]
pub(super) struct Orphans {
    queue: Arc<Mutex<VecDeque<Vec<u8>>>>,
    arrived: Arc<tokio::sync::Notify>,
}

impl Orphans {
    fn held(&self) -> usize {
        self.lock().iter().map(Vec::len).sum()
    }

    fn waiting(&self) -> bool {
        !self.lock().is_empty()
    }

    fn push(&self, message: Vec<u8>) {
        self.lock().push_back(message);
        self.arrived.notify_waiters();
    }

    fn pop(&self) -> Option<Vec<u8>> {
        self.lock().pop_front()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Vec<u8>>> {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
