/*!
pub and surveyor send only to the peers connected at that moment, and nanomsg drops
the rest without a word. So each message that left while no peer was attached is
named as it happens: the first of a run of them at once, the rest of that run when it
ends (a peer arrived, or the input did), so a publisher streaming into nothing says
two lines, not one per message.

"Attached" is nanomsg's own count (NN_STAT_CURRENT_CONNECTIONS), read after each send:
a peer whose connection is still in its handshake gets nothing either, and is counted
as absent.
*/

use nanomsg::Protocol;

use crate::options::Plan;
use crate::report::{self, Reason};
use crate::socket::Socket;

/// How much of a message is shown.
const EXCERPT: usize = 32;

pub struct Unheard {
    /// What the peers are called; None when nothing is to be watched.
    audience: Option<Audience>,
    /// Messages sent so far (the number of the last one).
    sent: u64,
    /// The first message of the current run sent to nobody, and how many followed it.
    run: Option<(u64, u64)>,
    had_peer: bool,
}

#[derive(Clone, Copy)]
enum Audience {
    Subscribers,
    Respondents,
}

impl Unheard {
    pub fn new(plan: &Plan) -> Unheard {
        let audience = match plan.socket.protocol {
            _ if plan.socket.raw => None,
            Protocol::Pub => Some(Audience::Subscribers),
            Protocol::Surveyor => Some(Audience::Respondents),
            _ => None,
        };
        Unheard {
            audience,
            sent: 0,
            run: None,
            had_peer: false,
        }
    }

    /// After `message` was sent; the count of attached peers it read, if it read one,
    /// for whatever else needs it after the same send.
    pub fn sent(&mut self, socket: &Socket, message: &[u8]) -> Option<u64> {
        let audience = self.audience?;
        self.sent += 1;
        let peers = socket.connected_peers();
        if peers > 0 {
            self.end_run(audience);
            self.had_peer = true;
            return Some(peers);
        }
        match (&mut self.run, audience) {
            (Some((_, followers)), Audience::Subscribers) => *followers += 1,
            (_, Audience::Respondents) => report::warn_because(
                Some(Reason::SentToNobody),
                &format!(
                    "survey {} ({}) was sent while no respondent was connected: it reached nobody",
                    self.sent,
                    excerpt(message)
                ),
            ),
            (None, Audience::Subscribers) => {
                report::warn_because(
                    Some(Reason::SentToNobody),
                    &format!(
                        "message {} ({}) was sent while no subscriber was connected: it reached nobody",
                        self.sent,
                        excerpt(message)
                    ),
                );
                self.run = Some((self.sent, 0));
            }
        }
        Some(peers)
    }

    /// The run has ended: says the rest of the run still unsaid.
    pub fn end(&mut self) {
        if let Some(audience) = self.audience {
            self.end_run(audience);
        }
    }

    /// Says how many messages followed the first of a run to nobody.
    fn end_run(&mut self, audience: Audience) {
        let Some((first, followers)) = self.run.take() else {
            return;
        };
        if followers == 0 || !matches!(audience, Audience::Subscribers) {
            return;
        }
        let last = first + followers;
        let text = if first == 1 && last == self.sent && !self.had_peer {
            format!("all {last} messages were sent while no subscriber was connected")
        } else if first == 1 && !self.had_peer {
            format!("the first {last} messages were sent before any subscriber connected")
        } else {
            format!("messages {first} to {last} were sent while no subscriber was connected")
        };
        report::warn_because(
            Some(Reason::SentToNobody),
            &format!("{text}: they reached nobody"),
        );
    }
}

/// The start of a message, quoted for stderr.
pub fn excerpt(message: &[u8]) -> String {
    let shown = &message[..message.len().min(EXCERPT)];
    let cut = if message.len() > EXCERPT { "..." } else { "" };
    format!("{}{cut}", crate::probe::escaped(shown))
}
