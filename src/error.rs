/*!
The errors whose kind chooses the exit code (exit.rs maps them). A leaf: it imports
nothing of nncat's, so every layer can return these without reaching upwards.
*/

/// Errors whose kind sets the exit code.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Timeout(String),
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
