/*!
libnanomsg's error numbers, and the one place that decides what they mean for a send or
a receive: not ready yet, timed out, stopped (nn_term: a signal, or nncat ending one
side itself), or failed.
*/

use libc::c_int;
use nanomsg::Error as NnError;
use nanomsg_sys as sys;

/// A libnanomsg error number. `nanomsg::Error` names the ones nncat acts on; the
/// message comes from `nn_strerror`, which also knows the system's own numbers
/// (ENOENT for an ipc path in a missing folder) that `nanomsg::Error` calls Unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Errno(pub(super) c_int);

impl Errno {
    pub fn kind(self) -> NnError {
        NnError::from_raw(self.0)
    }
}

impl std::fmt::Display for Errno {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // SAFETY: nn_strerror returns a NUL-terminated string: one of libnanomsg's
        // literals (ETERM, EFSM), or the C library's strerror text, which stays valid at
        // least until this thread's next strerror call; it is copied out on the next line,
        // before any such call.
        let text = unsafe { std::ffi::CStr::from_ptr(sys::nn_strerror(self.0)) };
        f.write_str(&text.to_string_lossy())
    }
}

impl std::error::Error for Errno {}

/// What a failed send or receive means to the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// Nothing to take without waiting (a receive with NN_DONTWAIT).
    NotReady,
    /// --recv-timeout, --send-timeout or a survey's deadline passed.
    TimedOut,
    /// nn_term woke the call: a signal, or nncat itself stopping one side.
    Stopped,
    /// A signal interrupted the call before it did anything; it may be tried again.
    Interrupted,
    Failed,
}

impl Errno {
    pub fn meaning(self) -> Meaning {
        match self.kind() {
            NnError::TryAgain => Meaning::NotReady,
            // A surveyor past its deadline says EFSM.
            NnError::TimedOut | NnError::FileStateMismatch => Meaning::TimedOut,
            NnError::Terminating | NnError::BadFileDescriptor => Meaning::Stopped,
            NnError::Interrupted => Meaning::Interrupted,
            _ => Meaning::Failed,
        }
    }
}

pub(super) fn last() -> Errno {
    // SAFETY: nn_errno reads this thread's last error number; it has no preconditions.
    Errno(unsafe { sys::nn_errno() })
}
