/*!
A tap's record of which client sent each request, survey or answer: libnanomsg's
backtrace names only its own pipe, so the boundary, which sees every peer by name,
keeps the rest. Apart from the relay, which only feeds it.
*/

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// Who sent each request, survey or answer, by its id (the word with its top bit set
/// that ends the backtrace before the body) and a hash of its body: a tap reads it to name
/// the client a request came from (libnanomsg's backtrace names only its own pipe).
/// Two clients started together can draw the same first id from libnanomsg's weak
/// seeding, so the body is part of the key, and a key two peers sent is nobody's. The
/// latest `SENDERS_KEPT` are kept.
#[derive(Clone, Default)]
pub struct Senders(Arc<Mutex<SenderBook>>);

#[derive(Default)]
struct SenderBook {
    /// None: two peers sent the same id and body.
    by_request: HashMap<(u32, u64), Option<Arc<str>>>,
    order: VecDeque<(u32, u64)>,
    last_peer: Option<Arc<str>>,
    /// The peers connected now, with how many connections each has: with only one,
    /// a message that carries no id is that peer's.
    connected: HashMap<String, usize>,
}

const SENDERS_KEPT: usize = 4096;

impl std::fmt::Debug for Senders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Senders")
    }
}

impl Senders {
    /// The key of a request or answer: the id ending its backtrace (hops first, each
    /// with its top bit clear), and its body's hash.
    fn key(message: &[u8]) -> Option<(u32, u64)> {
        let (backtrace, body) = crate::kind::split_backtrace(message)?;
        let id = backtrace
            .last_chunk::<4>()
            .map(|id| u32::from_be_bytes(*id))?;
        Some((id, body_hash(body)))
    }

    /// `message` came from `peer`: if it starts with an id, remember whose it is.
    pub(super) fn note(&self, message: &[u8], peer: &str) {
        let mut book = self.lock();
        let peer = match &book.last_peer {
            Some(last) if &**last == peer => Arc::clone(last),
            _ => Arc::from(peer),
        };
        book.last_peer = Some(Arc::clone(&peer));
        let Some(key) = Senders::key(message) else {
            return;
        };
        match book.by_request.get_mut(&key) {
            Some(known) => {
                if known.as_ref().is_some_and(|known| *known != peer) {
                    *known = None;
                }
            }
            None => {
                book.by_request.insert(key, Some(peer));
                book.order.push_back(key);
            }
        }
        while book.order.len() > SENDERS_KEPT {
            if let Some(oldest) = book.order.pop_front() {
                book.by_request.remove(&oldest);
            }
        }
    }

    pub(super) fn arrived(&self, peer: &str) {
        *self.lock().connected.entry(peer.to_string()).or_default() += 1;
    }

    pub(super) fn left(&self, peer: &str) {
        let mut book = self.lock();
        if let Some(count) = book.connected.get_mut(peer) {
            *count -= 1;
            if *count == 0 {
                book.connected.remove(peer);
            }
        }
    }

    /// The peer, when only one is connected and it is the one that sent last (a peer
    /// that sent and left before another came may still have a message on its way).
    pub fn only(&self) -> Option<String> {
        let book = self.lock();
        match (
            book.connected.len(),
            book.connected.keys().next(),
            &book.last_peer,
        ) {
            (1, Some(peer), Some(last)) if **last == **peer => Some(peer.clone()),
            _ => None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SenderBook> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The one peer that sent the request with this id and body, if it is known.
    pub fn of(&self, id: u32, body: &[u8]) -> Option<String> {
        let book = self.lock();
        book.by_request
            .get(&(id, body_hash(body)))
            .and_then(|peer| peer.as_deref().map(str::to_string))
    }
}

fn body_hash(body: &[u8]) -> u64 {
    use std::hash::{DefaultHasher, Hasher};
    let mut hasher = DefaultHasher::new();
    hasher.write(body);
    hasher.finish()
}
