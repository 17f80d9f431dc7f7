/*!
Raw sockets' messages for `tap`: the body and the control data (protocol headers) that
must travel with it, received and sent as nanomsg's own buffers.
*/

use std::ptr;

use libc::{c_int, c_void};
use nanomsg::Error as NnError;
use nanomsg_sys as sys;

use super::{Errno, Socket, last_error};

/// `nn_iovec` and `nn_msghdr` from `nn.h`, which `nanomsg-sys` leaves opaque.
#[repr(C)]
struct IoVec {
    base: *mut c_void,
    len: usize,
}

#[repr(C)]
struct MsgHdr {
    iov: *mut IoVec,
    iov_len: c_int,
    control: *mut c_void,
    control_len: usize,
}

/// A message from a raw socket with its control data: the protocol header (req/rep's
/// backtrace, for one) that must travel with the message for replies to find their
/// way. Both are nanomsg's buffers, handed on to `send_raw` without a copy.
pub struct RawMessage {
    body: *mut c_void,
    len: usize,
    control: *mut c_void,
}

impl std::ops::Deref for RawMessage {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        if self.len == 0 || self.body.is_null() {
            return &[];
        }
        // SAFETY: nanomsg gave us `len` bytes at `body` (not null: checked above), ours
        // until sent or freed, and `&self` keeps them from being freed meanwhile.
        unsafe { std::slice::from_raw_parts(self.body.cast::<u8>(), self.len) }
    }
}

impl Drop for RawMessage {
    fn drop(&mut self) {
        // SAFETY: each pointer is a chunk nanomsg gave us and nobody else frees: send_raw
        // sets to null whatever nanomsg took.
        unsafe {
            if !self.body.is_null() {
                sys::nn_freemsg(self.body);
            }
            if !self.control.is_null() {
                sys::nn_freemsg(self.control);
            }
        }
    }
}

impl Socket {
    /// Receives a message and its control data from a raw socket.
    pub fn recv_raw(&self) -> Result<RawMessage, Errno> {
        loop {
            let mut body: *mut c_void = ptr::null_mut();
            let mut control: *mut c_void = ptr::null_mut();
            let mut iov = IoVec {
                base: (&raw mut body).cast::<c_void>(),
                len: sys::NN_MSG,
            };
            let mut header = MsgHdr {
                iov: &raw mut iov,
                iov_len: 1,
                control: (&raw mut control).cast::<c_void>(),
                control_len: sys::NN_MSG,
            };
            // SAFETY: `header` matches nn.h's nn_msghdr and points at `iov`, `body` and
            // `control`, which outlive the call; with NN_MSG nanomsg stores its own
            // chunks' addresses there.
            let rc = unsafe { sys::nn_recvmsg(self.id, (&raw mut header).cast::<c_void>(), 0) };
            if rc >= 0 {
                return Ok(RawMessage {
                    body,
                    len: rc as usize,
                    control,
                });
            }
            match last_error() {
                err if err.kind() == NnError::Interrupted => continue,
                err => return Err(err),
            }
        }
    }

    /// Sends a message from `recv_raw` on, header and all; nanomsg takes both buffers.
    pub fn send_raw(&self, mut message: RawMessage) -> Result<(), Errno> {
        let mut iov = IoVec {
            base: (&raw mut message.body).cast::<c_void>(),
            len: sys::NN_MSG,
        };
        let has_control = !message.control.is_null();
        let header = MsgHdr {
            iov: &raw mut iov,
            iov_len: 1,
            control: if has_control {
                (&raw mut message.control).cast::<c_void>()
            } else {
                ptr::null_mut()
            },
            control_len: if has_control { sys::NN_MSG } else { 0 },
        };
        // SAFETY: `header` matches nn.h's nn_msghdr; its pointers lead to the message's
        // own chunks (from nn_recvmsg), which nanomsg takes over with NN_MSG.
        let rc = unsafe { sys::nn_sendmsg(self.id, (&raw const header).cast::<c_void>(), 0) };
        // nanomsg took the control chunk whatever happened: on success it sent it, on
        // failure it freed it (and gave the body back). So no retry: the message has
        // lost its header and would go astray.
        message.control = ptr::null_mut();
        if rc >= 0 {
            message.body = ptr::null_mut();
            return Ok(());
        }
        Err(last_error())
    }
}
