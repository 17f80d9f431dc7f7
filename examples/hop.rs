/*!
What the boundary's hop costs a sender, and what another kind of hop would: a
measurement for the design of the link (docs/performance.md, "The hop, measured alone").

```text
hop ipc    PORT N SIZE [PAUSE_US]
hop inproc PORT N SIZE [PAUSE_US]
hop tcp    PORT N SIZE [PAUSE_US] [--quickack] [--nodelay]
```

It sends N messages of SIZE bytes from a push socket, as nncat's main thread does, and a
relay thread carries them to a puller already bound at `tcp://127.0.0.1:PORT` (run
`baseline pull --bind tcp://127.0.0.1:PORT N` first), speaking SP's tcp framing itself, as
the boundary does:

- `ipc`: the push socket binds an ipc address in a temporary folder, and the relay reads
  libnanomsg's ipc frames from a Unix socket: nncat's link today (boundary/link.rs);
- `inproc`: the push socket binds an inproc address, and the relay receives from a raw
  pull socket connected to it (`AF_SP_RAW`, `NN_MSG`, no copy), waiting in `nn_poll`:
  one nanomsg socket per peer instead of one Unix connection;
- `tcp`: the push socket binds a free port on 127.0.0.1, and the relay reads SP's tcp
  frames from it: libnanomsg's tcp transport as a link, with its default of Nagle's
  algorithm on (`--nodelay` turns it off, `NN_TCP_NODELAY`), and the relay's
  acknowledgements delayed as the kernel likes (`--quickack` asks for them at once after
  each read, `TCP_QUICKACK`, so that a small message held by Nagle's algorithm waits
  for no delayed acknowledgement).

After a wake-up that found two messages or more, the relay sleeps PAUSE_US microseconds
(default 0) before it looks again, so that a stream is taken in batches while a lone
message is not held. The relay is one plain thread, not the boundary's event loop:
this measures the hop, not nncat.

Time it from outside (`/usr/bin/time`), beside `baseline push --connect` to the same
kind of puller; bench/hop.sh does, in interleaved rounds. Only 127.0.0.1 is used.
*/

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::net::UnixStream;
use std::process::ExitCode;
use std::time::Duration;

use libc::{c_int, c_void};
use nanomsg_sys as sys;
use nn::{endpoint, error, set_int, socket};

mod nn;

const USAGE: &str = "usage: hop ipc|inproc|tcp PORT N SIZE [PAUSE_US] [--quickack] [--nodelay]";

/// SP's protocol numbers of push and pull.
const PUSH: u8 = 0x50;
const PULL: u8 = 0x51;

/// What precedes a message's bytes: in libnanomsg's ipc frame a type byte, then the
/// length; in a tcp frame the length alone.
const IPC_HEAD: usize = 9;
const TCP_HEAD: usize = 8;

/// Relay writes are gathered up to about this much.
const WRITE_AT: usize = 64 * 1024;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    Ipc,
    Inproc,
    Tcp,
}

struct Args {
    link: Link,
    port: u16,
    count: u64,
    size: usize,
    pause: Duration,
    quickack: bool,
    nodelay: bool,
}

fn parse() -> Option<Args> {
    let (flags, args): (Vec<String>, Vec<String>) = std::env::args()
        .skip(1)
        .partition(|arg| arg.starts_with("--"));
    if flags
        .iter()
        .any(|flag| flag != "--quickack" && flag != "--nodelay")
    {
        return None;
    }
    let link = match args.first()?.as_str() {
        "ipc" => Link::Ipc,
        "inproc" => Link::Inproc,
        "tcp" => Link::Tcp,
        _ => return None,
    };
    Some(Args {
        link,
        port: args.get(1)?.parse().ok()?,
        count: args.get(2)?.parse().ok()?,
        size: args.get(3)?.parse().ok()?,
        pause: Duration::from_micros(match args.get(4) {
            Some(pause) => pause.parse().ok()?,
            None => 0,
        }),
        quickack: flags.iter().any(|flag| flag == "--quickack"),
        nodelay: flags.iter().any(|flag| flag == "--nodelay"),
    })
}

fn main() -> ExitCode {
    let Some(args) = parse() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hop: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The relay's end of a tcp link, asking for the acknowledgement at once after each
/// read when `quickack` (Linux falls back to delaying it on its own).
struct Acknowledging {
    link: TcpStream,
    quickack: bool,
}

impl Read for Acknowledging {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.link.read(buf);
        if self.quickack {
            rustix::net::sockopt::set_tcp_quickack(&self.link, true)?;
        }
        read
    }
}

/// The tcp connection to the puller, after SP's handshake as a push.
fn peer(port: u16) -> Result<TcpStream, String> {
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).map_err(|err| err.to_string())?;
    tcp.set_nodelay(true).map_err(|err| err.to_string())?;
    handshake(&mut tcp, PUSH)?;
    Ok(tcp)
}

fn handshake(stream: &mut (impl Read + Write), protocol: u8) -> Result<(), String> {
    stream
        .write_all(&[0, b'S', b'P', 0, 0, protocol, 0, 0])
        .map_err(|err| err.to_string())?;
    let mut header = [0u8; 8];
    stream
        .read_exact(&mut header)
        .map_err(|err| err.to_string())
}

fn run(args: &Args) -> Result<(), String> {
    let user = socket(sys::AF_SP, sys::NN_PUSH)?;
    let mut tcp = peer(args.port)?;
    let (count, pause) = (args.count, args.pause);
    let relay = match args.link {
        Link::Inproc => {
            endpoint(user, "inproc://hop", true)?;
            let raw = socket(sys::AF_SP_RAW, sys::NN_PULL)?;
            endpoint(raw, "inproc://hop", false)?;
            std::thread::spawn(move || relay_inproc(raw, &mut tcp, count, pause))
        }
        Link::Ipc => {
            let folder = std::env::temp_dir().join(format!("hop.{}", std::process::id()));
            std::fs::create_dir(&folder).map_err(|err| err.to_string())?;
            let path = folder.join("link");
            endpoint(user, &format!("ipc://{}", path.display()), true)?;
            let link = UnixStream::connect(&path);
            let _ = std::fs::remove_dir_all(&folder);
            let mut link = link.map_err(|err| err.to_string())?;
            handshake(&mut link, PULL)?;
            std::thread::spawn(move || relay_stream(&mut link, IPC_HEAD, &mut tcp, count, pause))
        }
        Link::Tcp => {
            // A port free a moment ago: good enough for a measurement on 127.0.0.1.
            let port = std::net::TcpListener::bind(("127.0.0.1", 0))
                .and_then(|listener| listener.local_addr())
                .map_err(|err| err.to_string())?
                .port();
            if args.nodelay {
                set_int(user, sys::NN_TCP, sys::NN_TCP_NODELAY, 1)?;
            }
            endpoint(user, &format!("tcp://127.0.0.1:{port}"), true)?;
            let mut link =
                TcpStream::connect(("127.0.0.1", port)).map_err(|err| err.to_string())?;
            handshake(&mut link, PULL)?;
            let mut link = Acknowledging {
                link,
                quickack: args.quickack,
            };
            std::thread::spawn(move || relay_stream(&mut link, TCP_HEAD, &mut tcp, count, pause))
        }
    };
    let message = vec![b'x'; args.size];
    for _ in 0..args.count {
        // SAFETY: the pointer and length are those of `message`, borrowed for the call;
        // nanomsg copies the bytes.
        let rc = unsafe { sys::nn_send(user, message.as_ptr().cast::<c_void>(), args.size, 0) };
        if rc < 0 {
            return Err(error("nn_send"));
        }
    }
    relay.join().map_err(|_| "the relay panicked")?
}

/// Appends one message in SP's tcp framing.
fn frame(out: &mut Vec<u8>, message: &[u8]) {
    out.extend_from_slice(&(message.len() as u64).to_be_bytes());
    out.extend_from_slice(message);
}

fn relay_inproc(
    raw: c_int,
    tcp: &mut TcpStream,
    count: u64,
    pause: Duration,
) -> Result<(), String> {
    let mut out = Vec::with_capacity(WRITE_AT * 2);
    let (mut taken, mut batch) = (0, 0);
    while taken < count {
        if batch > 1 {
            std::thread::sleep(pause);
        }
        let mut readable = sys::nn_pollfd::new(raw, true, false);
        // SAFETY: nn_poll reads and writes one nn_pollfd at the pointer: `readable`, a
        // local that outlives the call.
        if unsafe { sys::nn_poll(&raw mut readable, 1, -1) } < 0 {
            return Err(error("nn_poll"));
        }
        batch = 0;
        loop {
            let mut data: *mut c_void = std::ptr::null_mut();
            // SAFETY: with NN_MSG, nn_recv stores at `data`, a local that outlives the
            // call, a chunk of `rc` bytes the caller frees with nn_freemsg.
            let rc = unsafe {
                sys::nn_recv(
                    raw,
                    (&raw mut data).cast::<c_void>(),
                    sys::NN_MSG,
                    sys::NN_DONTWAIT,
                )
            };
            let Ok(length) = usize::try_from(rc) else {
                break;
            };
            // SAFETY: nanomsg's chunk holds `length` bytes until nn_freemsg below.
            frame(&mut out, unsafe {
                std::slice::from_raw_parts(data.cast::<u8>(), length)
            });
            // SAFETY: `data` is the chunk nn_recv gave, freed once.
            unsafe { sys::nn_freemsg(data) };
            (taken, batch) = (taken + 1, batch + 1);
            if out.len() >= WRITE_AT {
                tcp.write_all(&out).map_err(|err| err.to_string())?;
                out.clear();
            }
        }
        tcp.write_all(&out).map_err(|err| err.to_string())?;
        out.clear();
    }
    Ok(())
}

/// Relays from a stream link whose frames carry `head` bytes before each message, the
/// length in the last 8 of them.
fn relay_stream(
    link: &mut impl Read,
    head: usize,
    tcp: &mut TcpStream,
    count: u64,
    pause: Duration,
) -> Result<(), String> {
    let mut read = vec![0u8; WRITE_AT];
    let mut out = Vec::with_capacity(WRITE_AT * 2);
    let (mut have, mut taken, mut batch) = (0, 0, 0);
    while taken < count {
        if batch > 1 {
            std::thread::sleep(pause);
        }
        if have == read.len() {
            read.resize(read.len() * 2, 0);
        }
        match link.read(&mut read[have..]) {
            Ok(0) => return Err("libnanomsg closed the link".into()),
            Ok(got) => have += got,
            Err(err) => return Err(err.to_string()),
        }
        let (mut at, mut whole) = (0, 0);
        while have - at >= head {
            let mut length = [0u8; 8];
            length.copy_from_slice(&read[at + head - 8..at + head]);
            let length = u64::from_be_bytes(length) as usize;
            if have - at < head + length {
                break;
            }
            frame(&mut out, &read[at + head..at + head + length]);
            at += head + length;
            whole += 1;
        }
        read.copy_within(at..have, 0);
        have -= at;
        (taken, batch) = (taken + whole, whole);
        tcp.write_all(&out).map_err(|err| err.to_string())?;
        out.clear();
    }
    Ok(())
}
