//! The boundary: nncat, not libnanomsg, reads what ws peers send. Frames libnanomsg
//! 1.1.5 aborted on or let balloon are read, checked and survived; control frames are
//! never messages; a message over --recv-maxsz is refused with a warning that names the
//! peer.

use std::time::Duration;

use crate::harness::*;

fn ws_place() -> (String, String) {
    let address = format!("127.0.0.1:{}", free_port());
    (format!("ws://{address}"), address)
}

/// The largest resident set a process has had, in KiB (VmHWM).
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in the status")
}

/// libnanomsg asserted on a text message whose UTF-8 character is split across two
/// fragments (sws.c:634) and aborted nncat. It is a valid message: it arrives whole.
#[test]
fn a_text_message_with_utf8_split_across_fragments_arrives_whole() {
    for (receiver, asked) in [("pull", "pull"), ("bus", "bus")] {
        let (url, address) = ws_place();
        let mut running =
            Running::start_watching(nncat([receiver, "--bind", &url, "--count", "1"]));
        wait_bound(&url);
        let mut peer = WsPeer::connect(&address, asked).expect("the upgrade");
        peer.frame(false, TEXT, &[0xf0, 0x9f, 0x98])
            .expect("a fragment");
        peer.frame(true, CONTINUATION, &[0x80])
            .expect("the last fragment");
        running.stdout().wait_for_exactly("\u{1f600}\n".as_bytes());
        let out = running.finish().success();
        assert!(!out.stderr.contains("Assertion"), "{}", out.stderr);
    }
}

/// Text that is not UTF-8 breaks the ws rules: the peer is closed with a warning, and
/// the next peer is served.
#[test]
fn invalid_utf8_text_closes_that_peer_and_the_next_is_served() {
    let (url, address) = ws_place();
    let mut receiver = Running::start_watching(nncat(["pull", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    let mut peer = WsPeer::connect(&address, "pull").expect("the upgrade");
    peer.frame(false, TEXT, &[0xf0, 0x9f]).expect("a fragment");
    peer.frame(true, CONTINUATION, &[0x41])
        .expect("the last fragment");
    assert!(
        peer.closed_by_peer(),
        "nncat closes a peer that breaks the rules"
    );
    receiver
        .stderr()
        .wait_for_text("closed the connection of 127.0.0.1:");
    run(nncat(["push", "--connect", &url, "--data", "real"])).success();
    receiver.stdout().wait_for_exactly(b"real\n");
    receiver.finish().success();
}

/// libnanomsg delivered a ping's payload as a message; nncat answers it with a pong and
/// prints only messages.
#[test]
fn a_ws_ping_is_answered_and_never_printed() {
    use std::io::Read;
    let (url, address) = ws_place();
    let receiver = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    let mut peer = WsPeer::connect(&address, "pull").expect("the upgrade");
    peer.frame(true, PING, b"ping!").expect("a ping");
    let mut pong = [0u8; 7];
    peer.stream.read_exact(&mut pong).expect("a pong");
    assert_eq!(&pong[..2], &[0x8a, 5], "a pong frame of 5 bytes");
    assert_eq!(&pong[2..], b"ping!", "the ping's payload back");
    peer.message(b"real").expect("a message");
    let out = receiver.finish().success();
    assert_eq!(out.stdout, b"real\n");
}

/// libnanomsg kept a chunk of about 64 bytes for each fragment of a message until it
/// completed: 1 MiB in 1-byte fragments cost about 64 MiB. nncat holds the payload.
#[test]
fn a_message_in_one_byte_fragments_holds_memory_near_its_size() {
    const SIZE: usize = 1 << 20;
    let (url, address) = ws_place();
    let mut receiver = Running::start_watching(nncat([
        "pull", "--bind", &url, "--count", "2", "--format", "hex",
    ]));
    wait_bound(&url);
    let mut peer = WsPeer::connect(&address, "pull").expect("the upgrade");
    let mut frames = frame_bytes(false, BINARY, b"a");
    for _ in 1..SIZE - 1 {
        frames.extend(frame_bytes(false, CONTINUATION, b"a"));
    }
    frames.extend(frame_bytes(true, CONTINUATION, b"a"));
    std::io::Write::write_all(&mut peer.stream, &frames).expect("the fragments");
    assert!(
        receiver
            .stdout()
            .wait_until(Duration::from_secs(30), |seen| seen.ends_with(b"\n")),
        "the first message arrives"
    );
    let peak_mib = peak_kib(receiver.pid()) / 1024;
    peer.message(b"b").expect("a second message");
    let out = receiver.finish().success();
    assert_eq!(out.stdout.len(), 2 * SIZE + 1 + 3, "both messages in hex");
    assert!(
        peak_mib < 40,
        "a 1 MiB message in 1-byte fragments peaked at {peak_mib} MiB"
    );
}

/// The common case: a sender that connects, sends a message over the receiver's
/// --recv-maxsz and exits. nncat says so, naming the peer, the size and the option;
/// the next sender's message arrives.
#[test]
fn a_message_over_recv_maxsz_over_ws_is_refused_with_a_warning_naming_the_peer() {
    let (url, _) = ws_place();
    let mut receiver = Running::start_watching(nncat([
        "pull",
        "--bind",
        &url,
        "--count",
        "1",
        "--recv-maxsz",
        "10",
    ]));
    wait_bound(&url);
    run_with_input(nncat(["push", "--connect", &url]), &[b'x'; 20]).success();
    receiver
        .stderr()
        .wait_for_text("refused a message of 20 bytes from 127.0.0.1:");
    run(nncat(["push", "--connect", &url, "--data", "after"])).success();
    let out = receiver.finish().success();
    assert_eq!(out.stdout, b"after\n");
    assert!(
        out.stderr.contains("over --recv-maxsz 10 bytes"),
        "{}",
        out.stderr
    );
}
