//! Delivery at exit: a sender waits while what it sent still moves, gives up only once a
//! peer has taken nothing for all of --linger, and then says what did not arrive, with
//! exit 3, instead of exiting 0 over a cut message.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use crate::harness::*;

/// A message large enough that the kernel's socket buffers cannot hold it: a puller that
/// stops reading holds the pusher's last write.
const LARGE: usize = 64 << 20;

/// How long a stopped puller stays stopped: a fault's length (past the default --linger
/// of 1s), not a wait for a peer.
const STALL: Duration = Duration::from_millis(2500);

/// A raw receiver of type `receiver` bound at a fresh ipc path, with a sender of type
/// `sender` and `sender_args` connected to it (its handshake done), so that what the
/// sender sends next starts to flow at once.
fn receiver_with_a_sender(
    scratch: &Scratch,
    (receiver, sender): (&str, &str),
    sender_args: &[&str],
) -> (Running, Running) {
    let url = scratch.ipc_url("linger");
    let mut receiving = Running::start_watching(nncat([
        receiver,
        "--bind",
        &url,
        "--raw",
        "-C",
        "1",
        "-v",
        "--recv-timeout",
        "60s",
    ]));
    wait_bound(&url);
    let mut args = vec![sender, "--connect", &url];
    args.extend_from_slice(sender_args);
    let sending = Running::start(nncat(args));
    receiving.stderr().wait_for_text("1 peer connected");
    (receiving, sending)
}

/// The pusher sends all its stdin as one message (`--raw`).
fn puller_with_a_pusher(scratch: &Scratch, pusher_args: &[&str]) -> (Running, Running) {
    let args = [&["--raw"], pusher_args].concat();
    receiver_with_a_sender(scratch, ("pull", "push"), &args)
}

#[test]
fn a_push_or_pair_whose_peer_stopped_taking_says_the_message_did_not_arrive_and_exits_3() {
    // A pair sender also receives: --recv-timeout lets it end once its input has.
    for (pair, sender_args) in [
        (("pull", "push"), &["--raw"][..]),
        (("pair", "pair"), &["--raw", "--recv-timeout", "1s"][..]),
    ] {
        let scratch = Scratch::new();
        let (receiver, mut sender) = receiver_with_a_sender(&scratch, pair, sender_args);
        receiver.signal(libc::SIGSTOP);
        sender.feed_stdin(random_bytes(1, LARGE));
        let out = sender.finish_within(Duration::from_secs(30));
        receiver.signal(libc::SIGCONT);
        let out = out.fails_with(3, "did not reach a peer");
        assert!(
            out.stderr
                .contains("the message sent did not reach a peer: none took anything for --linger 1s before exit (raise --linger"),
            "{}: {}",
            pair.1,
            out.stderr
        );
    }
}

#[test]
fn a_pusher_whose_puller_stopped_says_how_many_of_its_messages_did_not_arrive() {
    // Each message must be larger than the buffer of the connection between the two
    // boundaries (a Unix socket's default send buffer), so that none is written whole
    // into it; and smaller than the size the boundary streams at (1 MiB), so that the
    // boundary takes the first off libnanomsg's link whole and libnanomsg's send of the
    // second returns: two messages count as sent, and neither reached the puller.
    const MESSAGE: usize = 900 << 10;
    let socket_buffer: usize = std::fs::read_to_string("/proc/sys/net/core/wmem_default")
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(212_992);
    assert!(
        socket_buffer < MESSAGE / 2,
        "net.core.wmem_default is {socket_buffer}: this test needs it under {} bytes",
        MESSAGE / 2
    );
    let scratch = Scratch::new();
    // A text pusher: a message per line.
    let (puller, mut pusher) = receiver_with_a_sender(&scratch, ("pull", "push"), &[]);
    puller.signal(libc::SIGSTOP);
    let line = [vec![b'x'; MESSAGE - 1], b"\n".to_vec()].concat();
    pusher.feed_stdin(line.repeat(2));
    let out = pusher.finish_within(Duration::from_secs(30));
    puller.signal(libc::SIGCONT);
    let out = out.fails_with(3, "did not reach a peer");
    assert!(
        out.stderr.contains(
            "2 of the 2 messages sent did not reach a peer: none took anything for --linger 1s before exit (raise --linger"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_pusher_with_a_longer_linger_delivers_a_large_message_to_a_puller_that_stalled() {
    let scratch = Scratch::new();
    let (puller, mut pusher) = puller_with_a_pusher(&scratch, &["--linger", "30s"]);
    puller.signal(libc::SIGSTOP);
    let message = random_bytes(2, LARGE);
    pusher.feed_stdin(message.clone());
    thread::sleep(STALL);
    puller.signal(libc::SIGCONT);
    pusher.finish_within(Duration::from_secs(60)).success();
    let received = puller.finish_within(Duration::from_secs(60)).success();
    assert!(received.stdout == message, "the message arrives whole");
}

/// The most memory a process has held so far (VmHWM), in bytes: a puller's grows as a
/// message's bytes arrive. None once it has exited.
fn peak_memory(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?;
    let kib: u64 = line.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib * 1024)
}

/// A puller stopped for half a second at a time, let go each time only until it holds
/// an eighth of the message more: slow but taking, for longer than the pusher's
/// default --linger of 1s in all, never still for as long.
#[test]
fn a_pusher_waits_past_its_linger_for_a_puller_that_is_slow_but_taking() {
    const STEP: u64 = LARGE as u64 / 8;
    let scratch = Scratch::new();
    let (puller, mut pusher) = puller_with_a_pusher(&scratch, &[]);
    let throttling = Arc::new(AtomicBool::new(true));
    let throttle = {
        let (throttling, pid) = (Arc::clone(&throttling), puller.pid());
        thread::spawn(move || {
            let mut stops = 0;
            while throttling.load(Ordering::SeqCst) {
                // SAFETY: kill takes two integers and no pointers; the puller is not
                // reaped while this runs (the test ends this loop first).
                unsafe { libc::kill(pid as i32, libc::SIGSTOP) };
                thread::sleep(Duration::from_millis(500));
                let target = peak_memory(pid).map(|before| before + STEP);
                // SAFETY: as above.
                unsafe { libc::kill(pid as i32, libc::SIGCONT) };
                stops += 1;
                let deadline = std::time::Instant::now() + LIMIT;
                while throttling.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
                    match (peak_memory(pid), target) {
                        (Some(now), Some(target)) if now < target => {
                            thread::sleep(Duration::from_millis(1));
                        }
                        _ => break,
                    }
                }
            }
            stops
        })
    };
    let message = random_bytes(3, LARGE);
    pusher.feed_stdin(message.clone());
    let sent = pusher.finish_within(Duration::from_secs(120));
    throttling.store(false, Ordering::SeqCst);
    let stops = throttle.join().expect("the throttle ends");
    puller.signal(libc::SIGCONT);
    sent.success();
    let received = puller.finish_within(Duration::from_secs(60)).success();
    assert!(received.stdout == message, "the message arrives whole");
    // Otherwise the pusher was never held past its linger, and this proved nothing.
    assert!(stops >= 3, "the puller was stopped only {stops} times");
}

#[test]
fn a_pusher_with_linger_0_neither_waits_nor_checks() {
    let scratch = Scratch::new();
    let (puller, mut pusher) = puller_with_a_pusher(&scratch, &["--linger", "0"]);
    puller.signal(libc::SIGSTOP);
    pusher.feed_stdin(random_bytes(4, LARGE));
    let out = pusher.finish_within(Duration::from_secs(30));
    puller.signal(libc::SIGCONT);
    let out = out.success();
    assert!(!out.stderr.contains("did not reach"), "{}", out.stderr);
}
