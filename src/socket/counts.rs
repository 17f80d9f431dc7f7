/*!
What nanomsg has counted for a socket: messages and bytes each way, and the other
statistics `nn.h` names. nn_term takes a socket's statistics away with the socket, so
the counts of every socket open are kept just before it (`freeze_all`), and a run a
signal ended can still say them.
*/

use std::sync::Mutex;

use libc::c_int;

/// Statistics from `nn.h`, which neither crate declares.
#[allow(dead_code)]
pub(super) mod stat {
    pub const ESTABLISHED_CONNECTIONS: i32 = 101;
    pub const ACCEPTED_CONNECTIONS: i32 = 102;
    pub const DROPPED_CONNECTIONS: i32 = 103;
    pub const BROKEN_CONNECTIONS: i32 = 104;
    pub const CONNECT_ERRORS: i32 = 105;
    pub const BIND_ERRORS: i32 = 106;
    pub const CURRENT_CONNECTIONS: i32 = 201;
    pub const MESSAGES_SENT: i32 = 301;
    pub const MESSAGES_RECEIVED: i32 = 302;
    pub const BYTES_SENT: i32 = 303;
    pub const BYTES_RECEIVED: i32 = 304;
}

// SAFETY: this is nn.h's declaration, `uint64_t nn_get_statistic (int s, int stat)`.
// It is sound for any two integers, so it is declared safe: no pointer crosses, and
// libnanomsg looks the socket number up under its global lock, answering `u64::MAX`
// (EBADF) for one it does not know (closed, or after nn_term) and for an unknown
// statistic (EINVAL). So the watching threads may outlive the socket.
unsafe extern "C" {
    pub(super) safe fn nn_get_statistic(socket: c_int, statistic: c_int) -> u64;
}

/// Messages and payload bytes through a socket so far, as nanomsg counts them: a sent
/// message counts when the protocol accepts it, a received one when nncat takes it.
#[derive(Clone, Copy, Debug)]
pub struct Counts {
    pub sent: u64,
    pub sent_bytes: u64,
    pub received: u64,
    pub received_bytes: u64,
}

/// The sockets open now: nn_term takes their statistics away, so `freeze_all` reads
/// them first, and a run a signal ended can still say its counts.
static OPEN: Mutex<Vec<(c_int, Option<Counts>)>> = Mutex::new(Vec::new());

fn open_sockets() -> std::sync::MutexGuard<'static, Vec<(c_int, Option<Counts>)>> {
    OPEN.lock().unwrap_or_else(|e| e.into_inner())
}

pub(super) fn opened(id: c_int) {
    open_sockets().push((id, None));
}

pub(super) fn closed(id: c_int) {
    open_sockets().retain(|(open, _)| *open != id);
}

/// Keeps every open socket's counts as they are now, for after nn_term.
pub(super) fn freeze_all() {
    for (id, frozen) in open_sockets().iter_mut() {
        *frozen = Some(live_counts(*id));
    }
}

pub(super) fn counts_of(id: c_int) -> Counts {
    if let Some(frozen) = open_sockets()
        .iter()
        .find_map(|(open, frozen)| frozen.filter(|_| *open == id))
    {
        return frozen;
    }
    live_counts(id)
}

/// The counts as libnanomsg has them now (-1 each once nn_term or nn_close ran).
fn live_counts(id: c_int) -> Counts {
    let get = |statistic| nn_get_statistic(id, statistic);
    Counts {
        sent: get(stat::MESSAGES_SENT),
        sent_bytes: get(stat::BYTES_SENT),
        received: get(stat::MESSAGES_RECEIVED),
        received_bytes: get(stat::BYTES_RECEIVED),
    }
}
