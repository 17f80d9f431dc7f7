/*!
The latency floor for one line: what a plain C program on libnanomsg would do, so that
bench/latency.py can set nncat's time for one line beside the least any such tool takes.

```text
floor push (--bind URL | --connect URL)   each stdin line (without its newline) -> nn_send
floor pull (--bind URL | --connect URL)   each message -> one write(2) of it and a newline
```

push reads stdin with read(2) and sends every whole line as soon as it has it; pull
receives with `NN_MSG` and writes each message with its newline in one call, with no
buffering, no formatting and no batching. Both run until stdin ends (push) or a signal
ends them (pull). The push side waits for `NN_POLLOUT` and a short grace before
closing, as examples/baseline.rs does, because libnanomsg 1.x drops what is still in
flight at `nn_close`.
*/

use std::process::ExitCode;
use std::ptr;
use std::time::Duration;

use libc::{c_int, c_void};
use nanomsg_sys as sys;
use nn::{endpoint, error, socket};

mod nn;

const USAGE: &str = "usage: floor push|pull (--bind URL | --connect URL)";

fn open(push: bool, bind: bool, url: &str) -> Result<c_int, String> {
    let protocol = if push { sys::NN_PUSH } else { sys::NN_PULL };
    let socket = socket(sys::AF_SP, protocol)?;
    endpoint(socket, url, bind)?;
    Ok(socket)
}

fn push(socket: c_int) -> Result<(), String> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
        // SAFETY: read writes at most `buf.len() - filled` bytes at the pointer, which is
        // the start of `buf[filled..]`, a slice of exactly that length.
        let n = unsafe {
            libc::read(
                0,
                buf[filled..].as_mut_ptr().cast::<c_void>(),
                buf.len() - filled,
            )
        };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err("cannot read stdin".into());
        }
        if n == 0 {
            break;
        }
        filled += n as usize;
        let mut start = 0;
        while let Some(at) = buf[start..filled].iter().position(|&b| b == b'\n') {
            let line = &buf[start..start + at];
            // SAFETY: the pointer and length are those of `line`, borrowed for the call; the
            // length is a byte count, not NN_MSG, so nanomsg copies the bytes.
            let rc = unsafe { sys::nn_send(socket, line.as_ptr().cast::<c_void>(), line.len(), 0) };
            if rc < 0 {
                return Err(error("nn_send"));
            }
            start += at + 1;
        }
        buf.copy_within(start..filled, 0);
        filled -= start;
    }
    let mut fd = sys::nn_pollfd::new(socket, false, true);
    // SAFETY: nn_poll reads and writes one nn_pollfd at the pointer: `fd`, a local.
    unsafe { sys::nn_poll(&raw mut fd, 1, 1000) };
    std::thread::sleep(Duration::from_millis(200));
    Ok(())
}

fn pull(socket: c_int) -> Result<(), String> {
    let mut line = Vec::new();
    loop {
        let mut data: *mut u8 = ptr::null_mut();
        // SAFETY: with NN_MSG, nn_recv takes the address of `data`, a local pointer that
        // outlives the call, and stores there a chunk the caller must nn_freemsg.
        let rc = unsafe { sys::nn_recv(socket, (&raw mut data).cast::<c_void>(), sys::NN_MSG, 0) };
        if rc < 0 {
            // SAFETY: nn_errno takes nothing.
            if unsafe { sys::nn_errno() } == libc::EINTR {
                continue;
            }
            return Err(error("nn_recv"));
        }
        line.clear();
        // SAFETY: nn_recv returned `rc` >= 0, so `data` is its chunk of `rc` bytes, not
        // freed until the next statement, by which time the bytes are copied.
        line.extend_from_slice(unsafe { std::slice::from_raw_parts(data, rc as usize) });
        line.push(b'\n');
        // SAFETY: `data` is the chunk nn_recv handed over with NN_MSG, freed once, here,
        // and not used after.
        unsafe { sys::nn_freemsg(data.cast::<c_void>()) };
        // SAFETY: write reads `line.len()` bytes at the pointer, which are `line`'s.
        let written = unsafe { libc::write(1, line.as_ptr().cast::<c_void>(), line.len()) };
        if written != line.len() as isize {
            return Err("cannot write stdout".into());
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (is_push, bind, url) = match args.as_slice() {
        [role, how, url] if (how == "--bind" || how == "--connect") => match role.as_str() {
            "push" => (true, how == "--bind", url),
            "pull" => (false, how == "--bind", url),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = open(is_push, bind, url).and_then(|socket| {
        let result = if is_push { push(socket) } else { pull(socket) };
        // SAFETY: nn_close takes the number `open` got from nn_socket, closed only here.
        unsafe { sys::nn_close(socket) };
        result
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("floor: {message}");
            ExitCode::FAILURE
        }
    }
}
