/*!
What a socket is to be: its type and options, its endpoints, and whether to wait for
peers. `options/` fills it in from the command line; this layer reads it and never
looks further up.
*/

use std::time::Duration;

use nanomsg::Protocol;

use crate::url::Url;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndpointKind {
    Bind,
    Connect,
}

#[derive(Clone, Debug)]
pub struct Endpoint {
    pub kind: EndpointKind,
    /// Read once, by `options/`; libnanomsg is given its text.
    pub url: Url,
}

#[derive(Clone, Debug)]
pub struct PeerWait {
    pub count: u64,
    pub timeout: Option<Duration>,
    /// Whether not reaching `count` in time is an error (the user asked for it).
    pub required: bool,
}

#[derive(Clone, Debug)]
pub struct SocketPlan {
    pub protocol: Protocol,
    /// A raw socket (AF_SP_RAW), as a device uses: it forwards protocol headers.
    pub raw: bool,
    pub endpoints: Vec<Endpoint>,
    pub recv_timeout: Option<Duration>,
    pub send_timeout: Option<Duration>,
    /// --linger: at exit, how long what was sent may go without moving before the
    /// rest is given up (zero for a socket that sends nothing, or to skip the wait).
    pub linger: Duration,
    /// Always finite: nanomsg's own limit, which nncat never lifts (see socket/limit.rs).
    pub recv_max_size: usize,
    pub socket_name: Option<String>,
    pub subscriptions: Vec<Vec<u8>>,
    pub survey_deadline: Option<Duration>,
    /// req: resend an unanswered request after this (nanomsg's default: 60s).
    pub resend_interval: Option<Duration>,
    pub wait_peers: Option<PeerWait>,
    /// -v: what the socket does, said on stderr.
    pub verbose: bool,
    /// Show a live count on stderr (asked for, and stdout is not a terminal).
    pub progress: bool,
    /// Notices a script reads (the port bound for port 0) as JSON objects.
    pub json_notices: bool,
    /// Keep who sent each request or survey (a tap's client side, under json).
    pub name_senders: bool,
    /// Whether nanomsg may use IPv6 (NN_IPV4ONLY off); see options/endpoints.rs `allow_ipv6`.
    pub ipv6: bool,
    /// The certificates and roots of the tls+tcp:// and wss:// endpoints, read before
    /// anything binds; None when there is none.
    pub tls: Option<crate::boundary::tls::Tls>,
}

impl SocketPlan {
    /// Whether every endpoint goes through the boundary, which then tells each
    /// connection's story itself: nanomsg's statistics see only its private links.
    pub fn all_through_boundary(&self) -> bool {
        self.endpoints
            .iter()
            .all(|endpoint| crate::boundary::owns(&endpoint.url))
    }
}
