/*!
The socket types, named once: their names on the command line, their SP protocol
numbers (what a peer announces in its header), and which types talk to which. The
command line, tap, the probe and the mismatch messages all read this one table, so a
new type is a one-place edit.
*/

use nanomsg::Protocol;

/// A request's, survey's or answer's backtrace, and the body after it. The backtrace
/// is 4-byte words: the hops (each with its top bit clear), then the id, the first word
/// with its top bit set. None when no word has it: the message has no backtrace.
pub fn split_backtrace(message: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut at = 0;
    while let Some(word) = message.get(at..at + 4) {
        at += 4;
        if word[0] & 0x80 != 0 {
            return Some(message.split_at(at));
        }
    }
    None
}

/// A nanomsg socket type. The names are the subcommands and nanocat's `--TYPE` flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum SocketType {
    Push,
    Pull,
    Pub,
    Sub,
    Req,
    Rep,
    Pair,
    Bus,
    Surveyor,
    Respondent,
}

impl SocketType {
    pub const ALL: [SocketType; 10] = [
        SocketType::Push,
        SocketType::Pull,
        SocketType::Pub,
        SocketType::Sub,
        SocketType::Req,
        SocketType::Rep,
        SocketType::Pair,
        SocketType::Bus,
        SocketType::Surveyor,
        SocketType::Respondent,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SocketType::Push => "push",
            SocketType::Pull => "pull",
            SocketType::Pub => "pub",
            SocketType::Sub => "sub",
            SocketType::Req => "req",
            SocketType::Rep => "rep",
            SocketType::Pair => "pair",
            SocketType::Bus => "bus",
            SocketType::Surveyor => "surveyor",
            SocketType::Respondent => "respondent",
        }
    }

    /// nanocat's program for the type (`nn_push`), which nncat runs as when so named.
    pub fn program_name(self) -> String {
        format!("nn_{}", self.name())
    }

    pub fn named(name: &str) -> Option<SocketType> {
        SocketType::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The SP protocol number, as `nn_socket` takes it and the SP header carries it
    /// (16-bit, big-endian on the wire).
    pub fn protocol_id(self) -> u16 {
        match self {
            SocketType::Pair => 16,
            SocketType::Pub => 32,
            SocketType::Sub => 33,
            SocketType::Req => 48,
            SocketType::Rep => 49,
            SocketType::Push => 80,
            SocketType::Pull => 81,
            SocketType::Surveyor => 98,
            SocketType::Respondent => 99,
            SocketType::Bus => 112,
        }
    }

    pub fn from_protocol_id(id: u16) -> Option<SocketType> {
        SocketType::ALL
            .into_iter()
            .find(|kind| kind.protocol_id() == id)
    }

    pub fn protocol(self) -> Protocol {
        match self {
            SocketType::Push => Protocol::Push,
            SocketType::Pull => Protocol::Pull,
            SocketType::Pub => Protocol::Pub,
            SocketType::Sub => Protocol::Sub,
            SocketType::Req => Protocol::Req,
            SocketType::Rep => Protocol::Rep,
            SocketType::Pair => Protocol::Pair,
            SocketType::Bus => Protocol::Bus,
            SocketType::Surveyor => Protocol::Surveyor,
            SocketType::Respondent => Protocol::Respondent,
        }
    }

    /// The one type whose sockets talk to this one (pair and bus talk to their own).
    pub fn peer(self) -> SocketType {
        match self {
            SocketType::Push => SocketType::Pull,
            SocketType::Pull => SocketType::Push,
            SocketType::Pub => SocketType::Sub,
            SocketType::Sub => SocketType::Pub,
            SocketType::Req => SocketType::Rep,
            SocketType::Rep => SocketType::Req,
            SocketType::Surveyor => SocketType::Respondent,
            SocketType::Respondent => SocketType::Surveyor,
            SocketType::Pair => SocketType::Pair,
            SocketType::Bus => SocketType::Bus,
        }
    }

    /// Whether messages can be received on it (push and pub only send).
    pub fn can_receive(self) -> bool {
        !matches!(self, SocketType::Push | SocketType::Pub)
    }

    /// Whether messages can be sent on it (pull and sub only receive).
    pub fn can_send(self) -> bool {
        !matches!(self, SocketType::Pull | SocketType::Sub)
    }
}

impl std::fmt::Display for SocketType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::SocketType;

    #[test]
    fn every_type_is_its_peers_peer_and_numbers_match_nanomsg() {
        for kind in SocketType::ALL {
            assert_eq!(kind.peer().peer(), kind);
            assert_eq!(kind.protocol() as i32, i32::from(kind.protocol_id()));
            assert_eq!(SocketType::from_protocol_id(kind.protocol_id()), Some(kind));
            assert_eq!(SocketType::named(kind.name()), Some(kind));
            assert!(kind.can_send() || kind.can_receive());
        }
        assert_eq!(SocketType::from_protocol_id(17), None);
    }
}
