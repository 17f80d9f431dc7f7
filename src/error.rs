/*!
The errors whose kind chooses the exit code (exit.rs maps them). A leaf: it imports
nothing of nncat's, so every layer can return these without reaching upwards.
*/

/// Errors whose kind sets the exit code.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Usage(String),
    /// With the cause's reason where the silence was explained (nothing listening, a
    /// peer of the wrong type...).
    #[error("{0}")]
    Timeout(String, Option<Reason>),
    #[error("{0}")]
    BadInput(String),
    /// rep --exec: commands failed while the run went on; it ends with exit 1, even
    /// when a signal ended it.
    #[error("{0}")]
    ExecFailed(String),
    /// A signal ended the run; nothing is printed for it. Built only where a signal
    /// was received, so that the exit code is the signal's.
    #[error("interrupted by signal {0}")]
    Interrupted(i32),
    /// nncat woke its own blocked calls (tap or pair ending once one side is done):
    /// the run ends as it would have anyway.
    #[error("stopped")]
    Stopped,
    /// The run failed and has said why on lines of its own (probe): exit 1, nothing more.
    #[error("failed")]
    Reported,
}

/// Why something failed or was warned about, as a stable word for scripts
/// (`--log-format json`'s "reason"): the message's wording may change, this does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Nothing listens at the endpoint: refused, no ipc socket file, unreachable.
    Refused,
    /// The peer is an SP socket of a type this one does not talk to.
    WrongType,
    /// The endpoint is not SP (another protocol, another transport, silence).
    NotSp,
    /// The TLS handshake failed: a certificate refused, an alert, nothing in common.
    Tls,
    Unresolvable,
    Timeout,
    /// A peer's message over --recv-maxsz.
    Oversize,
    /// A peer broke its transport's framing.
    BadFrame,
    Usage,
    /// Input that does not parse in the input format.
    Input,
    ExecFailed,
    /// Messages arrived, and none matched --subscribe.
    TopicMiss,
    /// pub or surveyor sent while no peer was connected.
    SentToNobody,
    /// A socket, file or I/O failure.
    Runtime,
}

impl Reason {
    pub fn name(self) -> &'static str {
        match self {
            Reason::Refused => "refused",
            Reason::WrongType => "wrong_type",
            Reason::NotSp => "not_sp",
            Reason::Tls => "tls",
            Reason::Unresolvable => "unresolvable",
            Reason::Timeout => "timeout",
            Reason::Oversize => "oversize",
            Reason::BadFrame => "bad_frame",
            Reason::Usage => "usage",
            Reason::Input => "input",
            Reason::ExecFailed => "exec_failed",
            Reason::TopicMiss => "topic_miss",
            Reason::SentToNobody => "sent_to_nobody",
            Reason::Runtime => "runtime",
        }
    }
}

impl Failure {
    /// The reason a final error of this kind gives, where its kind says it.
    pub fn reason(&self) -> Option<Reason> {
        match self {
            Failure::Usage(_) => Some(Reason::Usage),
            Failure::Timeout(_, cause) => Some(cause.unwrap_or(Reason::Timeout)),
            Failure::BadInput(_) => Some(Reason::Input),
            Failure::ExecFailed(_) => Some(Reason::ExecFailed),
            Failure::Interrupted(_) | Failure::Stopped | Failure::Reported => None,
        }
    }
}
