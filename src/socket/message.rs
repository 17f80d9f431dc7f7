/*!
Messages in and out, in nanomsg's own buffers: a received message is the chunk
nanomsg allocated (`NN_MSG`), written to stdout from there and freed when dropped. Raw
sockets' messages, for `tap`, carry the control data (protocol headers) that must travel
with the body.
*/

use std::ptr;

use libc::{c_int, c_void};
use nanomsg::Error as NnError;
use nanomsg_sys as sys;

use super::{Errno, Socket, last_error};

/// A received message, in the buffer nanomsg allocated for it; freed when dropped.
pub struct Message {
    data: *mut u8,
    len: usize,
}

impl std::ops::Deref for Message {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: `data` and `len` are what nn_recv with NN_MSG returned in `try_recv`,
        // the only place a Message is made: a chunk of `len` bytes, not null, that stays
        // ours until `drop` frees it, and `&self` keeps the Message alive, so unfreed,
        // while the slice is borrowed. nanomsg writes no more to a chunk it handed out.
        unsafe { std::slice::from_raw_parts(self.data, self.len) }
    }
}

impl Drop for Message {
    fn drop(&mut self) {
        // SAFETY: nn_recv with NN_MSG hands the caller a chunk that the caller must
        // release with nn_freemsg; `data` is such a chunk (even for an empty message),
        // a Message is neither Clone nor Copy, and nothing else frees it, so it is freed
        // once. nn_freemsg only frees memory: it is sound after nn_term too.
        unsafe {
            sys::nn_freemsg(self.data.cast::<c_void>());
        }
    }
}

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

/// libnanomsg 1.1.5's control chunk, as nn_recvmsg writes it (measured): one
/// `nn_cmsghdr` (`size_t cmsg_len`, `int level`, `int type`: 16 bytes), then the SP
/// header's length as a `size_t`, then the header.
const CMSG_HEADER: usize = 16;
const SP_HEADER_AT: usize = CMSG_HEADER + std::mem::size_of::<usize>();

impl RawMessage {
    /// The protocol header nanomsg keeps beside the body: a request's or survey's
    /// backtrace (the hops, then the id with its top bit set). Empty when there is none.
    pub fn sp_header(&self) -> &[u8] {
        if self.control.is_null() {
            return &[];
        }
        // SAFETY: a control chunk from nn_recvmsg starts with a cmsg header whose first
        // field, `cmsg_len`, counts the bytes of that cmsg, all within the chunk; it is
        // read unaligned in case, and the length checked before the wider read.
        let cmsg_len = unsafe { self.control.cast::<usize>().read_unaligned() };
        if cmsg_len < SP_HEADER_AT {
            return &[];
        }
        // SAFETY: as above, the chunk holds `cmsg_len` bytes, ours until the message
        // is sent or dropped, which `&self` prevents meanwhile.
        let cmsg = unsafe { std::slice::from_raw_parts(self.control.cast::<u8>(), cmsg_len) };
        let mut size = [0u8; std::mem::size_of::<usize>()];
        size.copy_from_slice(&cmsg[CMSG_HEADER..SP_HEADER_AT]);
        let size = usize::from_ne_bytes(size);
        cmsg.get(SP_HEADER_AT..SP_HEADER_AT.saturating_add(size))
            .unwrap_or(&[])
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
    /// Sends one whole message, waiting as long as the send timeout allows.
    pub fn send(&self, message: &[u8]) -> Result<(), Errno> {
        loop {
            // SAFETY: the pointer and length are those of `message`, borrowed for the
            // whole call. The length is a byte count, not NN_MSG, so nanomsg copies
            // the bytes into a message of its own and keeps no pointer to ours.
            let rc = unsafe {
                sys::nn_send(self.id, message.as_ptr().cast::<c_void>(), message.len(), 0)
            };
            if rc >= 0 {
                return Ok(());
            }
            match last_error() {
                err if err.kind() == NnError::Interrupted => continue,
                err => return Err(err),
            }
        }
    }

    /// Takes a message that has arrived, without waiting (`Meaning::NotReady` when none
    /// has): waiting is `wait_readable`'s, which also watches stdout.
    pub fn try_recv(&self) -> Result<Message, Errno> {
        let flags = sys::NN_DONTWAIT;
        loop {
            let mut data: *mut u8 = ptr::null_mut();
            // SAFETY: with NN_MSG as the length, nn_recv takes its buffer argument as a
            // `void **`: it gets the address of `data`, a pointer-sized local that
            // outlives the call, and on success stores there a chunk it allocated, which
            // the caller must release with nn_freemsg (Message's drop does).
            let rc = unsafe {
                sys::nn_recv(
                    self.id,
                    (&raw mut data).cast::<c_void>(),
                    sys::NN_MSG,
                    flags,
                )
            };
            if rc >= 0 {
                return Ok(Message {
                    data,
                    len: rc as usize,
                });
            }
            match last_error() {
                err if err.kind() == NnError::Interrupted => continue,
                err => return Err(err),
            }
        }
    }

    /// Takes a message and its control data that have arrived on a raw socket, without
    /// waiting (`Meaning::NotReady` when none has), as `try_recv` does.
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
            let rc = unsafe {
                sys::nn_recvmsg(
                    self.id,
                    (&raw mut header).cast::<c_void>(),
                    sys::NN_DONTWAIT,
                )
            };
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

    /// Answers `request` (from `recv_raw` on a raw rep or respondent) with `answer`:
    /// the request's header, which routes the answer to its requester, and a new body.
    pub fn send_answer(&self, mut request: RawMessage, answer: &[u8]) -> Result<(), Errno> {
        // SAFETY: nn_allocmsg takes a size and a type (0: plain memory) and returns a
        // chunk of that size, or null (checked) when it cannot.
        let body = unsafe { sys::nn_allocmsg(answer.len(), 0) };
        if body.is_null() {
            return Err(last_error());
        }
        // SAFETY: `body` is a fresh chunk of `answer.len()` bytes, not shared; `answer`
        // is a slice of that many; the two cannot overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(answer.as_ptr(), body.cast::<u8>(), answer.len());
        }
        if !request.body.is_null() {
            // SAFETY: the request's body is a chunk nanomsg gave us, ours alone, replaced
            // right after by the answer's.
            unsafe { sys::nn_freemsg(request.body) };
        }
        request.body = body;
        request.len = answer.len();
        self.send_raw(request)
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
