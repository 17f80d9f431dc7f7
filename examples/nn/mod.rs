/*!
The libnanomsg calls the examples share: the benchmarks' references (baseline.rs,
floor.rs, scale_ref.rs) and hop.rs each include this module (`mod nn;`), since every
example is a program of its own. Each uses what it needs of it.
*/
#![allow(dead_code)]

use std::ffi::CString;

use libc::{c_int, c_void};
use nanomsg_sys as sys;

/// `what`, then libnanomsg's words for the last error.
pub fn error(what: &str) -> String {
    // SAFETY: nn_errno takes nothing. nn_strerror returns a NUL-terminated string, one of
    // libnanomsg's literals or the C library's strerror text, which stays valid at least
    // until this thread's next strerror call; it is copied into the String before that.
    let text = unsafe { std::ffi::CStr::from_ptr(sys::nn_strerror(sys::nn_errno())) };
    format!("{what}: {}", text.to_string_lossy())
}

pub fn socket(domain: c_int, protocol: c_int) -> Result<c_int, String> {
    // SAFETY: nn_socket takes two integers; a failure is the -1 checked below.
    let socket = unsafe { sys::nn_socket(domain, protocol) };
    if socket < 0 {
        return Err(error("nn_socket"));
    }
    Ok(socket)
}

pub fn set_int(socket: c_int, level: c_int, option: c_int, value: c_int) -> Result<(), String> {
    // SAFETY: the pointer and length describe `value`, a c_int that outlives the call;
    // nanomsg reads it and keeps no pointer.
    let rc = unsafe {
        sys::nn_setsockopt(
            socket,
            level,
            option,
            (&raw const value).cast::<c_void>(),
            std::mem::size_of::<c_int>(),
        )
    };
    if rc < 0 {
        return Err(error("nn_setsockopt"));
    }
    Ok(())
}

/// nn_bind or nn_connect.
pub fn endpoint(socket: c_int, url: &str, bind: bool) -> Result<(), String> {
    let c_url = CString::new(url).map_err(|_| "URL contains a NUL byte")?;
    // SAFETY: `c_url` is a NUL-terminated CString that outlives the call; nanomsg copies
    // the address.
    let rc = unsafe {
        if bind {
            sys::nn_bind(socket, c_url.as_ptr())
        } else {
            sys::nn_connect(socket, c_url.as_ptr())
        }
    };
    if rc < 0 {
        return Err(error(&format!("cannot use {url}")));
    }
    Ok(())
}
