/*!
The reference for bench/scale.sh: libnanomsg's own cost as messages grow and peers
multiply, with no stdin, no stdout and no formatting, only `nn_send`/`nn_recv` in a
loop. It does for the scale runs what examples/baseline.rs does for bench/run.sh, and
adds the roles those runs need (pub, sub, surveyor, respondent), a wait for peers and
an end on silence.

```text
scale_ref push       ENDPOINT... N SIZE [--wait-peers K]
scale_ref pub        ENDPOINT... N SIZE [--wait-peers K]
scale_ref pull       ENDPOINT... N      [--idle SECS]
scale_ref sub        ENDPOINT... N      [--idle SECS]
scale_ref surveyor   ENDPOINT... N SIZE --wait-peers K
scale_ref respondent ENDPOINT... SIZE   [--idle SECS]
```

ENDPOINT is `--bind URL` or `--connect URL`, repeatable. `--timeout SECS` (default 10)
bounds every wait, so a lost peer ends the run with exit code 1 instead of hanging it.

- push and pub send N messages of SIZE bytes from one reused buffer, after K peers are
  connected (nanomsg's NN_STAT_CURRENT_CONNECTIONS), then wait for NN_POLLOUT and a
  short grace before closing, because libnanomsg 1.x drops what is still in flight at
  `nn_close`.
- pull and sub take N messages; with `--idle SECS` they also end, with exit code 0,
  once SECS pass with nothing received (as nanocat's `--recv-timeout` does). N = 0 with
  `--idle` means "until silence". At the end they print on stdout the payload bytes
  they received, the only output they write, so that a harness can count them as it
  counts the bytes another tool writes.
- surveyor waits for K peers, then sends N surveys one after another. Each survey ends
  when K answers are in (or at `--timeout`). It prints on stdout the seconds each
  survey took from `nn_send` to its K-th answer, one a line.
- respondent answers every survey with SIZE bytes, until `--idle` passes with no survey.

Each role prints one line on stderr when done: the role, messages and bytes.
*/

use std::process::ExitCode;
use std::ptr;
use std::time::{Duration, Instant};

use libc::{c_int, c_void};
use nanomsg_sys as sys;
use nn::{endpoint, error, set_int, socket};

mod nn;

// SAFETY: nn.h's `uint64_t nn_get_statistic (int s, int stat)`, declared safe: it takes two
// integers and answers -1 for a socket or statistic libnanomsg does not know.
unsafe extern "C" {
    // nanomsg-sys does not declare it (nn.h: NN_STAT_CURRENT_CONNECTIONS is 201).
    safe fn nn_get_statistic(socket: c_int, statistic: c_int) -> u64;
}
const NN_STAT_CURRENT_CONNECTIONS: c_int = 201;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Push,
    Pub,
    Pull,
    Sub,
    Surveyor,
    Respondent,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Push => "push",
            Role::Pub => "pub",
            Role::Pull => "pull",
            Role::Sub => "sub",
            Role::Surveyor => "surveyor",
            Role::Respondent => "respondent",
        }
    }
}

struct Args {
    role: Role,
    endpoints: Vec<(String, bool)>,
    count: u64,
    size: usize,
    wait_peers: u64,
    idle: Option<Duration>,
    timeout: Duration,
}

const USAGE: &str =
    "usage: scale_ref push|pub|surveyor (--bind URL | --connect URL)... N SIZE [--wait-peers K]
       scale_ref pull|sub (--bind URL | --connect URL)... N [--idle SECS]
       scale_ref respondent (--bind URL | --connect URL)... SIZE [--idle SECS]
       any of them: [--timeout SECS]";

/// After the last write has left, how long the peers get to take the message out of
/// their read-ahead before we close (as in examples/baseline.rs).
const CLOSE_GRACE: Duration = Duration::from_millis(200);

fn seconds(text: Option<String>, what: &str) -> Result<Duration, String> {
    text.and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .ok_or(format!("{what} needs a number of seconds"))
}

fn parse() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let role = match args.next().as_deref() {
        Some("push") => Role::Push,
        Some("pub") => Role::Pub,
        Some("pull") => Role::Pull,
        Some("sub") => Role::Sub,
        Some("surveyor") => Role::Surveyor,
        Some("respondent") => Role::Respondent,
        _ => return Err(USAGE.into()),
    };
    let mut endpoints = Vec::new();
    let mut timeout = Duration::from_secs(10);
    let mut idle = None;
    let mut wait_peers = 0;
    let mut numbers = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bind" | "--connect" => {
                let url = args.next().ok_or(format!("{arg} needs a URL"))?;
                endpoints.push((url, arg == "--bind"));
            }
            "--timeout" => timeout = seconds(args.next(), "--timeout")?,
            "--idle" => idle = Some(seconds(args.next(), "--idle")?),
            "--wait-peers" => {
                wait_peers = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--wait-peers needs a number")?
            }
            _ => numbers.push(
                arg.parse::<u64>()
                    .map_err(|_| format!("not a number: {arg}\n{USAGE}"))?,
            ),
        }
    }
    if endpoints.is_empty() {
        return Err(USAGE.into());
    }
    let (count, size) = match (role, numbers.as_slice()) {
        (Role::Push | Role::Pub | Role::Surveyor, &[count, size]) => (count, size as usize),
        (Role::Pull | Role::Sub, &[count]) => (count, 0),
        (Role::Respondent, &[size]) => (0, size as usize),
        _ => return Err(USAGE.into()),
    };
    if count == 0 && idle.is_none() && matches!(role, Role::Pull | Role::Sub) {
        return Err("N = 0 needs --idle".into());
    }
    Ok(Args {
        role,
        endpoints,
        count,
        size,
        wait_peers,
        idle,
        timeout,
    })
}

fn millis(duration: Duration) -> c_int {
    duration.as_millis().min(c_int::MAX as u128) as c_int
}

fn open(args: &Args) -> Result<c_int, String> {
    let protocol = match args.role {
        Role::Push => sys::NN_PUSH,
        Role::Pub => sys::NN_PUB,
        Role::Pull => sys::NN_PULL,
        Role::Sub => sys::NN_SUB,
        Role::Surveyor => sys::NN_SURVEYOR,
        Role::Respondent => sys::NN_RESPONDENT,
    };
    let socket = socket(sys::AF_SP, protocol)?;
    let receive_wait = args.idle.unwrap_or(args.timeout);
    set_int(
        socket,
        sys::NN_SOL_SOCKET,
        sys::NN_RCVTIMEO,
        millis(receive_wait),
    )?;
    set_int(
        socket,
        sys::NN_SOL_SOCKET,
        sys::NN_SNDTIMEO,
        millis(args.timeout),
    )?;
    // Messages up to 64 MiB must arrive, as they do for nncat (its default is 512 MiB).
    set_int(socket, sys::NN_SOL_SOCKET, sys::NN_RCVMAXSIZE, -1)?;
    if args.role == Role::Sub {
        // SAFETY: a subscription of length 0 (to everything): nanomsg reads no bytes at
        // the null pointer.
        let rc = unsafe {
            sys::nn_setsockopt(socket, sys::NN_SUB, sys::NN_SUB_SUBSCRIBE, ptr::null(), 0)
        };
        if rc < 0 {
            return Err(error("subscribing"));
        }
    }
    if args.role == Role::Surveyor {
        // The survey ends at K answers; the deadline only bounds a lost respondent.
        set_int(
            socket,
            sys::NN_SURVEYOR,
            sys::NN_SURVEYOR_DEADLINE,
            millis(args.timeout),
        )?;
    }
    for (url, bind) in &args.endpoints {
        endpoint(socket, url, *bind)?;
    }
    Ok(socket)
}

fn wait_for_peers(socket: c_int, count: u64, timeout: Duration) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    while nn_get_statistic(socket, NN_STAT_CURRENT_CONNECTIONS) < count {
        if Instant::now() > deadline {
            return Err(format!("fewer than {count} peers after {timeout:?}"));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    Ok(())
}

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

/// One message's length, or None when the receive wait passed with nothing.
fn recv(socket: c_int) -> Result<Option<usize>, String> {
    loop {
        let mut data: *mut c_void = ptr::null_mut();
        // SAFETY: with NN_MSG, nn_recv takes the address of `data`, a local pointer that
        // outlives the call, and stores there a chunk the caller must nn_freemsg.
        let rc = unsafe { sys::nn_recv(socket, (&raw mut data).cast::<c_void>(), sys::NN_MSG, 0) };
        if rc >= 0 {
            // SAFETY: nn_recv succeeded, so `data` is its chunk, freed once, here.
            unsafe { sys::nn_freemsg(data) };
            return Ok(Some(rc as usize));
        }
        // SAFETY: nn_errno takes nothing.
        match unsafe { sys::nn_errno() } {
            libc::EINTR => continue,
            libc::ETIMEDOUT | libc::EAGAIN => return Ok(None),
            // A surveyor past its deadline.
            sys::EFSM => return Ok(None),
            _ => return Err(error("nn_recv")),
        }
    }
}

fn drain(socket: c_int, timeout: Duration) {
    let mut fd = sys::nn_pollfd::new(socket, false, true);
    let wait = timeout.min(Duration::from_secs(1));
    // SAFETY: nn_poll reads and writes one nn_pollfd at the pointer: `fd`, a local.
    unsafe {
        sys::nn_poll(&raw mut fd, 1, wait.as_millis() as c_int);
    }
    std::thread::sleep(CLOSE_GRACE);
}

/// Runs the role; returns messages and payload bytes.
fn run(args: &Args, socket: c_int) -> Result<(u64, u64), String> {
    let payload = vec![b'x'; args.size];
    let mut messages = 0u64;
    let mut bytes = 0u64;
    match args.role {
        Role::Push | Role::Pub => {
            let start = Instant::now();
            wait_for_peers(socket, args.wait_peers, args.timeout)?;
            let connected = start.elapsed();
            for _ in 0..args.count {
                send(socket, &payload)?;
                messages += 1;
                bytes += payload.len() as u64;
            }
            let sent = start.elapsed();
            drain(socket, args.timeout);
            eprintln!(
                "scale_ref {}: peers after {:.6} s, last send at {:.6} s",
                args.role.name(),
                connected.as_secs_f64(),
                sent.as_secs_f64()
            );
        }
        Role::Pull | Role::Sub => {
            while args.count == 0 || messages < args.count {
                match recv(socket)? {
                    Some(len) => {
                        messages += 1;
                        bytes += len as u64;
                    }
                    None if args.idle.is_some() => break,
                    None => return Err(format!("timed out after {messages} messages")),
                }
            }
            println!("{bytes}");
        }
        Role::Surveyor => {
            wait_for_peers(socket, args.wait_peers, args.timeout)?;
            let mut report = String::new();
            for _ in 0..args.count {
                let start = Instant::now();
                send(socket, &payload)?;
                let mut answers = 0;
                while answers < args.wait_peers {
                    match recv(socket)? {
                        Some(len) => {
                            answers += 1;
                            messages += 1;
                            bytes += len as u64;
                        }
                        None => {
                            return Err(format!(
                                "{answers} of {} answers within the deadline",
                                args.wait_peers
                            ));
                        }
                    }
                }
                report.push_str(&format!("{:.6}\n", start.elapsed().as_secs_f64()));
            }
            print!("{report}");
        }
        Role::Respondent => loop {
            match recv(socket)? {
                Some(_) => {
                    send(socket, &payload)?;
                    messages += 1;
                    bytes += payload.len() as u64;
                }
                None if args.idle.is_some() => break,
                None => return Err(format!("timed out after {messages} surveys")),
            }
        },
    }
    Ok((messages, bytes))
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let name = args.role.name();
    let result = open(&args).and_then(|socket| {
        let result = run(&args, socket);
        // SAFETY: nn_close takes the number `open` got from nn_socket, closed only here.
        unsafe { sys::nn_close(socket) };
        result
    });
    match result {
        Ok((messages, bytes)) => {
            eprintln!("scale_ref {name}: {messages} messages, {bytes} bytes");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("scale_ref {name}: {message}");
            ExitCode::FAILURE
        }
    }
}
