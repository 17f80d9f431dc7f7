/*!
tap: a device between clients and a server, like nn_device, that also prints every
message it forwards: `> ` toward the server, `< ` back to the clients. In json and
msgpack, each record carries its direction as a field instead, with a sequence number,
the time, the peer (the client a request came from, the server a reply came from) and,
on a reply or an answer, the sequence number of the request or survey it answers.

Both sockets are raw, so protocol headers (the backtrace that routes a reply to its
requester) travel with each message untouched, and several clients can talk through
one tap at once. One thread forwards each direction. A reply's backtrace is its
request's, so the two are paired by it; the boundary tells which client sent a request
by its id.

A tap ends when either direction does (--recv-timeout, --count, a failure) or at a
signal; the direction that ends it first says the counts (--stats), and then wakes the
other from its wait with nn_term (a signal's nn_term keeps the counts first).
*/

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::SystemTime;

use anyhow::{Context, Result};

use nanomsg::Protocol;

use super::{Output, Received};
use crate::error::Failure;
use crate::format::Field;
use crate::kind::split_backtrace;
use crate::options::Plan;
use crate::report;
use crate::socket::PeerWait;
use crate::socket::{self, Meaning, RawMessage, Socket, Wake};

pub fn run(plan: &Plan) -> Result<()> {
    let mut back_plan = plan
        .tap_back
        .clone()
        .context("tap has no server endpoint")?;
    // Reach the server before the clients can reach us: a bus or survey message that
    // arrived with no server behind the tap would be dropped. --recv-timeout bounds
    // the wait, as it bounds every other wait of a tap. A --bind that could never be
    // bound is said first, not after that wait.
    crate::socket::check_binds(&plan.socket)?;
    back_plan.wait_peers = Some(PeerWait {
        count: 1,
        timeout: plan.socket.recv_timeout,
        required: true,
    });
    // The socket's own message names the cause it found (nothing listening, a server of
    // another type); it only needs to say whose wait it was.
    let back = Socket::open(&back_plan).map_err(|err| match err.downcast_ref::<Failure>() {
        Some(Failure::Timeout(message, reason)) => {
            Failure::Timeout(format!("tap reached no server: {message}"), *reason).into()
        }
        _ => err,
    })?;
    let back = Arc::new(back);
    let front = Arc::new(Socket::open(&plan.socket)?);
    let server = server_address(&back_plan.endpoints);
    let tapped = Arc::new(Mutex::new(Tapped {
        output: Output::new(plan)?,
        left: plan.count,
        stats: plan.stats,
        seq: 0,
        asked: Asked::default(),
        clients: HashMap::new(),
    }));

    // push and pub cannot receive: a tap in front of a pull or sub server forwards one
    // way only, and so does one in front of a push or pub server.
    let toward_server = Side {
        mark: ">",
        answers: answers(plan.socket.protocol),
        server: None,
    };
    let upstream = can_receive(plan.socket.protocol).then(|| {
        let (from, to, tapped) = (Arc::clone(&front), Arc::clone(&back), Arc::clone(&tapped));
        thread::Builder::new()
            .name("toward server".into())
            .spawn(move || forward(&from, &to, &tapped, &toward_server))
    });
    let upstream = upstream.transpose()?;
    let (result, upstream) = if can_receive(back_plan.protocol) {
        let back_from = Side {
            mark: "<",
            answers: answers(back_plan.protocol),
            server: Some(server),
        };
        (forward(&back, &front, &tapped, &back_from), upstream)
    } else {
        let only = upstream.map_or(Ok(()), |only| only.join().unwrap_or(Ok(())));
        (only, None)
    };
    // Either direction ending ends the tap; nn_term wakes the other from its wait. At
    // --count, the direction that forwarded the last message has ended it already.
    let counted_out = tapped.lock().is_ok_and(|tapped| tapped.left == Some(0));
    if !counted_out {
        // After a signal, nn_term has run, but the counts were kept first.
        end(&front, &back, plan.stats);
    }
    let upstream = upstream.map_or(Ok(()), |u| u.join().unwrap_or(Ok(())));
    match (result, upstream) {
        (Err(err), _) | (Ok(()), Err(err)) => Err(err),
        (Ok(()), Ok(())) => Ok(()),
    }
}

/// Ends the tap: says each socket's counts for --stats (`stats`), while nn_term has
/// not yet taken them away, then wakes every wait.
fn end(clients: &Socket, server: &Socket, stats: bool) {
    if stats {
        report::say(&format!(
            "stats: clients' side: {}; server's side: {}",
            clients.summary(),
            server.summary()
        ));
    }
    socket::terminate_all();
}

fn can_receive(protocol: Protocol) -> bool {
    !matches!(protocol, Protocol::Push | Protocol::Pub)
}

/// One way through the tap.
struct Side {
    /// `>` toward the server, `<` back.
    mark: &'static str,
    /// Whether what arrives this way answers a request or survey (the receiving socket
    /// is a raw req or surveyor, which leaves the rest of the backtrace in the body).
    answers: bool,
    /// The server, when messages come from it (None: from the clients), as records
    /// name it (None again when the tap has several).
    server: Option<Option<String>>,
}

/// Whether a raw socket of this type receives answers: replies or survey answers.
fn answers(protocol: Protocol) -> bool {
    matches!(protocol, Protocol::Req | Protocol::Surveyor)
}

/// What both directions share: stdout, the sequence numbers, the requests asked, and
/// the clients named so far by the key libnanomsg gave their pipe (a backtrace's first
/// word), which names them when a request alone could not.
struct Tapped {
    output: Output,
    /// The messages still to forward under --count, both ways together.
    left: Option<u64>,
    /// --stats: whoever ends the tap says each socket's counts first.
    stats: bool,
    seq: u64,
    asked: Asked,
    clients: HashMap<u32, String>,
}

/// The sequence number of each request or survey still to be answered, by its
/// backtrace; the latest `ASKED_KEPT`.
#[derive(Default)]
struct Asked {
    by_backtrace: HashMap<Vec<u8>, u64>,
    order: VecDeque<Vec<u8>>,
}

const ASKED_KEPT: usize = 4096;

impl Asked {
    fn insert(&mut self, backtrace: Vec<u8>, seq: u64) {
        if self.by_backtrace.insert(backtrace.clone(), seq).is_none() {
            self.order.push_back(backtrace);
        }
        while self.order.len() > ASKED_KEPT {
            if let Some(oldest) = self.order.pop_front() {
                self.by_backtrace.remove(&oldest);
            }
        }
    }
}

fn forward(from: &Socket, to: &Socket, tapped: &Mutex<Tapped>, side: &Side) -> Result<()> {
    loop {
        // --recv-timeout ends a tap that heard nothing for that long, either way.
        if from.wait_readable(from.recv_timeout(), None) == Wake::TimedOut {
            return Ok(());
        }
        let (message, last) = {
            let mut tapped = tapped
                .lock()
                .map_err(|_| anyhow::anyhow!("the other direction failed while printing"))?;
            // The other direction forwarded the last message --count allows: what is
            // waiting here stays untaken, as a receiver leaves what comes after its count.
            if tapped.left == Some(0) {
                return Ok(());
            }
            let message = match from.recv_raw() {
                Ok(message) => message,
                Err(err) if err.meaning() == Meaning::NotReady => continue,
                Err(err) => {
                    return match Received::from(err) {
                        Received::TimedOut => Ok(()),
                        Received::Failed(err) => Err(err),
                    };
                }
            };
            record(&mut tapped, from, &message, side)?;
            let left = tapped.left.as_mut().map(|left| {
                *left -= 1;
                *left
            });
            (message, left == Some(0))
        };
        match to.send_raw(message) {
            Ok(()) => {}
            Err(err) => match err.meaning() {
                Meaning::Stopped => return Err(super::halted()),
                Meaning::Interrupted => {
                    report::warn("a message was lost: interrupted while forwarding it");
                }
                _ => return Err(anyhow::anyhow!("cannot forward: {err}")),
            },
        }
        if last {
            // Both ways' last messages reach their peers before nn_term, which ends the
            // other direction's wait, would drop them.
            for socket in [to, from] {
                if socket.sent_any() {
                    socket.drain();
                }
            }
            let (clients, server) = match side.server {
                None => (from, to),
                Some(_) => (to, from),
            };
            end(
                clients,
                server,
                tapped.lock().is_ok_and(|tapped| tapped.stats),
            );
            return Ok(());
        }
    }
}

/// Prints one forwarded message: with `> `/`< ` before it, or as a record with fields.
fn record(tapped: &mut Tapped, from: &Socket, message: &RawMessage, side: &Side) -> Result<()> {
    let header = message.sp_header();
    let (payload, backtrace) = if side.answers {
        let payload = without_backtrace(message);
        let in_body = &message[..message.len() - payload.len()];
        (payload, [header, in_body].concat())
    } else {
        (&message[..], header.to_vec())
    };
    if !tapped.output.has_fields() {
        tapped
            .output
            .write_prefix(format!("{} ", side.mark).as_bytes())?;
        tapped.output.write(payload)?;
        return tapped.output.flush();
    }
    tapped.seq += 1;
    let seq = tapped.seq;
    let time = humantime::format_rfc3339_micros(SystemTime::now()).to_string();
    let reply_to = if side.answers {
        tapped.asked.by_backtrace.get(&backtrace).copied()
    } else {
        if !backtrace.is_empty() {
            tapped.asked.insert(backtrace.clone(), seq);
        }
        None
    };
    let peer = match &side.server {
        Some(server) => server.clone(),
        None => client(tapped, from, &backtrace, payload, !side.answers),
    };
    let mut fields = vec![
        ("dir", Field::Text(side.mark)),
        ("seq", Field::Number(seq)),
        ("time", Field::Text(&time)),
        ("peer", peer.as_deref().map_or(Field::Nil, Field::Text)),
    ];
    if let Some(asked) = reply_to {
        fields.push(("reply_to", Field::Number(asked)));
    }
    tapped.output.write_record(&fields, payload)?;
    tapped.output.flush()
}

/// The client that sent a message with `backtrace` and `body`, as the boundary saw it
/// arrive (without a backtrace: the one client connected, if only one is). A request's backtrace starts with the key libnanomsg gave the client's pipe
/// (`by_pipe`), which then names that client for good; an answer's starts with the
/// server's, which names nobody.
fn client(
    tapped: &mut Tapped,
    from: &Socket,
    backtrace: &[u8],
    body: &[u8],
    by_pipe: bool,
) -> Option<String> {
    // A message with no backtrace (push, pub, pair, bus) names its sender only when one
    // client is connected.
    let (Some(pipe), Some(id)) = (backtrace.first_chunk::<4>(), backtrace.last_chunk::<4>()) else {
        return from.only_sender();
    };
    let (pipe, id) = (u32::from_be_bytes(*pipe), u32::from_be_bytes(*id));
    if by_pipe && let Some(known) = tapped.clients.get(&pipe) {
        return Some(known.clone());
    }
    let peer = from.sender_of(id, body)?;
    if by_pipe && tapped.clients.len() < ASKED_KEPT {
        tapped.clients.insert(pipe, peer.clone());
    }
    Some(peer)
}

/// The server's address as records name it: the one endpoint the tap connects to,
/// without its scheme; None with several.
fn server_address(endpoints: &[crate::socket::Endpoint]) -> Option<String> {
    match endpoints {
        [only] => Some(only.url.after_scheme().to_string()),
        _ => None,
    }
}

/// The message after its backtrace: 4-byte hops up to the request id, the first word
/// with its top bit set. The backtrace still travels on; only the printout skips it.
fn without_backtrace(message: &[u8]) -> &[u8] {
    split_backtrace(message).map_or(message, |(_, body)| body)
}

#[cfg(test)]
mod tests {
    use super::without_backtrace;

    #[test]
    fn backtrace_ends_at_the_word_with_the_top_bit() {
        assert_eq!(without_backtrace(b"\x80\0\0\x01hi"), b"hi");
        assert_eq!(without_backtrace(b"\0\0\0\x02\x80\0\0\x01hi"), b"hi");
        assert_eq!(without_backtrace(b"\0\0"), b"\0\0");
    }
}
