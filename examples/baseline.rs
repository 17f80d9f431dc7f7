/*!
The limit every benchmark figure is divided by: libnanomsg's own speed, with no stdin,
no stdout and no formatting, only `nn_send`/`nn_recv` in a loop.

```text
baseline push (--bind URL | --connect URL) N SIZE
baseline pull (--bind URL | --connect URL) N
baseline req  (--bind URL | --connect URL) N SIZE
baseline rep  (--bind URL | --connect URL) N
```

Options, before or after the others: `--timeout SECS` (default 10) bounds every wait for
a message or a free pipe, so a lost peer ends the run with exit code 1 instead of
hanging it.

It prints one line on stderr when done: the role, messages, bytes, and seconds from
the first message to the last (for req, the first request to the last reply), with the
rate. bench/run.sh times the processes from outside, so both sides of a comparison are
measured the same way; this line is for people running it by hand.

The loops do what the fastest correct nanomsg program would: receive with `NN_MSG` and
free the library's buffer, send one reused buffer (push, req), and echo a request by
handing its buffer straight back to `nn_send` (rep). Push and rep wait for `NN_POLLOUT`
and a short grace before closing, because libnanomsg 1.x drops what is still in flight
at `nn_close` (docs/performance.md, shared nanomsg facts).
*/

use std::process::ExitCode;
use std::ptr;
use std::time::{Duration, Instant};

use libc::{c_int, c_void};
use nanomsg_sys as sys;
use nn::{endpoint, error, set_int, socket};

mod nn;

/// What the command line asked for.
struct Args {
    role: Role,
    url: String,
    bind: bool,
    count: u64,
    size: usize,
    timeout: Duration,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Push,
    Pull,
    Req,
    Rep,
}

const USAGE: &str =
    "usage: baseline push|pull|req|rep (--bind URL | --connect URL) N [SIZE] [--timeout SECS]
  push and req need SIZE (bytes per message); pull and rep take N messages";

/// After the last write has left, how long the peer gets to take the message out of
/// its read-ahead before we close (the same grace nncat gives, doubled to be safe).
const CLOSE_GRACE: Duration = Duration::from_millis(200);

fn parse() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let role = match args.next().as_deref() {
        Some("push") => Role::Push,
        Some("pull") => Role::Pull,
        Some("req") => Role::Req,
        Some("rep") => Role::Rep,
        _ => return Err(USAGE.into()),
    };
    let mut endpoint = None;
    let mut timeout = Duration::from_secs(10);
    let mut numbers = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bind" | "--connect" => {
                let url = args.next().ok_or(format!("{arg} needs a URL"))?;
                endpoint = Some((url, arg == "--bind"));
            }
            "--timeout" => {
                let secs: f64 = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--timeout needs a number of seconds")?;
                timeout = Duration::from_secs_f64(secs);
            }
            _ => numbers.push(
                arg.parse::<u64>()
                    .map_err(|_| format!("not a number: {arg}\n{USAGE}"))?,
            ),
        }
    }
    let (url, bind) = endpoint.ok_or(USAGE)?;
    let needs_size = matches!(role, Role::Push | Role::Req);
    let (count, size) = match (numbers.as_slice(), needs_size) {
        (&[count, size], true) => (count, size as usize),
        (&[count], false) => (count, 0),
        _ => return Err(USAGE.into()),
    };
    Ok(Args {
        role,
        url,
        bind,
        count,
        size,
        timeout,
    })
}

fn open(args: &Args) -> Result<c_int, String> {
    let protocol = match args.role {
        Role::Push => sys::NN_PUSH,
        Role::Pull => sys::NN_PULL,
        Role::Req => sys::NN_REQ,
        Role::Rep => sys::NN_REP,
    };
    let socket = socket(sys::AF_SP, protocol)?;
    let millis = args.timeout.as_millis().min(c_int::MAX as u128) as c_int;
    set_int(socket, sys::NN_SOL_SOCKET, sys::NN_RCVTIMEO, millis)?;
    set_int(socket, sys::NN_SOL_SOCKET, sys::NN_SNDTIMEO, millis)?;
    // Messages of 1 MiB and more must arrive, as they do for nncat.
    set_int(socket, sys::NN_SOL_SOCKET, sys::NN_RCVMAXSIZE, -1)?;
    endpoint(socket, &args.url, args.bind)?;
    Ok(socket)
}

/// Sends `len` bytes from `buf`, retrying on EINTR.
fn send(socket: c_int, buf: &[u8]) -> Result<(), String> {
    loop {
        // SAFETY: the pointer and length are those of `buf`, borrowed for the call; the
        // length is a byte count, not NN_MSG, so nanomsg copies the bytes.
        let rc = unsafe { sys::nn_send(socket, buf.as_ptr().cast::<c_void>(), buf.len(), 0) };
        if rc >= 0 {
            return Ok(());
        }
        // SAFETY: nn_errno takes nothing.
        if unsafe { sys::nn_errno() } != libc::EINTR {
            return Err(error("nn_send"));
        }
    }
}

/// Receives one message into nanomsg's own buffer; returns it and its length.
fn recv(socket: c_int) -> Result<(*mut c_void, usize), String> {
    loop {
        let mut data: *mut c_void = ptr::null_mut();
        // SAFETY: with NN_MSG, nn_recv takes the address of `data`, a local pointer that
        // outlives the call, and stores there a chunk the caller must nn_freemsg.
        let rc = unsafe { sys::nn_recv(socket, (&raw mut data).cast::<c_void>(), sys::NN_MSG, 0) };
        if rc >= 0 {
            return Ok((data, rc as usize));
        }
        // SAFETY: nn_errno takes nothing.
        if unsafe { sys::nn_errno() } != libc::EINTR {
            return Err(error("nn_recv"));
        }
    }
}

/// Waits until the last write has left (at most a second, as nncat's default --linger),
/// then gives the peer time to read it.
fn drain(socket: c_int, timeout: Duration) {
    let mut fd = sys::nn_pollfd::new(socket, false, true);
    let wait = timeout.min(Duration::from_secs(1));
    // SAFETY: nn_poll reads and writes one nn_pollfd at the pointer: `fd`, a local.
    unsafe {
        sys::nn_poll(&raw mut fd, 1, wait.as_millis() as c_int);
    }
    std::thread::sleep(CLOSE_GRACE);
}

/// Runs the role's loop; returns messages, payload bytes and seconds from the first
/// message to the last.
fn run(args: &Args, socket: c_int) -> Result<(u64, u64, f64), String> {
    let mut bytes = 0u64;
    let mut first: Option<Instant> = None;
    let payload = vec![b'x'; args.size];
    for _ in 0..args.count {
        match args.role {
            Role::Push => {
                first.get_or_insert_with(Instant::now);
                send(socket, &payload)?;
                bytes += payload.len() as u64;
            }
            Role::Pull => {
                let (data, len) = recv(socket)?;
                first.get_or_insert_with(Instant::now);
                bytes += len as u64;
                // SAFETY: `data` is the chunk `recv` got from nn_recv with NN_MSG, freed
                // once, here, and not used after.
                unsafe { sys::nn_freemsg(data) };
            }
            Role::Req => {
                first.get_or_insert_with(Instant::now);
                send(socket, &payload)?;
                let (data, len) = recv(socket)?;
                bytes += len as u64;
                // SAFETY: as for pull: `recv`'s chunk, freed once, here.
                unsafe { sys::nn_freemsg(data) };
            }
            Role::Rep => {
                let (data, len) = recv(socket)?;
                first.get_or_insert_with(Instant::now);
                bytes += len as u64;
                // Zero-copy echo: nanomsg takes its own buffer back.
                // SAFETY: with NN_MSG, nn_send reads a chunk's address at the pointer:
                // `data`'s, a local holding the chunk `recv` got. On success nanomsg owns
                // the chunk; on failure it is still ours.
                let rc = unsafe {
                    sys::nn_send(socket, (&raw const data).cast::<c_void>(), sys::NN_MSG, 0)
                };
                if rc < 0 {
                    // SAFETY: the send failed, so the chunk is still ours: freed once, here.
                    unsafe { sys::nn_freemsg(data) };
                    return Err(error("nn_send"));
                }
            }
        }
    }
    let seconds = first.map_or(0.0, |at| at.elapsed().as_secs_f64());
    if matches!(args.role, Role::Push | Role::Rep) {
        drain(socket, args.timeout);
    }
    Ok((args.count, bytes, seconds))
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let name = match args.role {
        Role::Push => "push",
        Role::Pull => "pull",
        Role::Req => "req",
        Role::Rep => "rep",
    };
    let result = open(&args).and_then(|socket| {
        let result = run(&args, socket);
        // SAFETY: nn_close takes the number `open` got from nn_socket, closed only here.
        unsafe { sys::nn_close(socket) };
        result
    });
    match result {
        Ok((messages, bytes, seconds)) => {
            let rate = messages as f64 / seconds.max(1e-9);
            eprintln!(
                "baseline {name}: {messages} messages, {bytes} bytes in {seconds:.6} s: {rate:.0} msg/s"
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("baseline {name}: {message}");
            ExitCode::FAILURE
        }
    }
}
