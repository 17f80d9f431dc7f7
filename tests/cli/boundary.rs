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
    let peak_mib = status_field(receiver.pid(), "VmHWM:") / 1024;
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

/// Over tcp and ipc nncat reads an oversize message into nothing and the connection
/// stays up: the one-shot sender's next message arrives.
#[test]
fn an_oversize_message_from_a_one_shot_sender_over_tcp_and_ipc_is_skipped_and_the_next_arrives() {
    let scratch = Scratch::new();
    for url in [tcp_url(), scratch.ipc_url("oversize")] {
        let receiver = Running::start_watching(nncat([
            "pull",
            "--bind",
            &url,
            "--count",
            "1",
            "--recv-maxsz",
            "10",
        ]));
        wait_bound(&url);
        let input = format!("{}\nafter\n", "x".repeat(20));
        run_with_input(nncat(["push", "--connect", &url]), input.as_bytes()).success();
        let out = receiver.finish().success();
        assert_eq!(out.stdout, b"after\n", "over {url}");
        assert!(
            out.stderr.contains("skipped a message of 20 bytes from ")
                && out.stderr.contains("over --recv-maxsz 10 bytes"),
            "over {url}: {}",
            out.stderr
        );
    }
}

/// The old warning guessed from the kernel's tables that nanomsg had dropped a peer,
/// and also fired when a server simply exited. The boundary says only what it saw.
#[test]
fn a_server_that_exits_normally_gets_no_oversize_warning() {
    let url = tcp_url();
    let publisher = Running::start(nncat(["pub", "--bind", &url, "--wait-peers", "1"]));
    let mut subscriber = Running::start_watching(nncat(["sub", "--connect", &url, "-v"]));
    subscriber.stderr().wait_for_text("1 peer connected");
    let mut publisher = publisher;
    publisher.write_stdin(b"hello\n");
    subscriber.stdout().wait_for_exactly(b"hello\n");
    publisher.close_stdin();
    publisher.finish().success();
    subscriber.stderr().wait_for_text("left");
    subscriber.signal(libc::SIGTERM);
    let out = subscriber.finish();
    assert!(!out.stderr.contains("raise"), "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
}

/// `-v` names each peer by its address when it connects and when it leaves.
#[test]
fn verbose_names_each_peer_by_its_address() {
    let url = tcp_url();
    let receiver = Running::start_watching(nncat(["pull", "--bind", &url, "-v", "--count", "1"]));
    wait_bound(&url);
    run(nncat(["push", "--connect", &url, "--data", "hi"])).success();
    let out = receiver.finish().success();
    assert!(
        out.stderr.contains(&format!("{url}: TCP peer 127.0.0.1:")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(" connected"), "{}", out.stderr);
}

/// `probe --bind` on the socket of a live server replaced it, so that the server could
/// no longer be reached; it refuses, as `--bind` does, and the server stays reachable.
#[test]
fn probe_bind_leaves_a_live_servers_ipc_socket_alone() {
    let scratch = Scratch::new();
    let url = scratch.ipc_url("live");
    let server = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    run(nncat(["probe", "--bind", &url, "--recv-timeout", "1s"]))
        .fails_with(1, "another process is listening on");
    run(nncat(["push", "--connect", &url, "--data", "still here"])).success();
    assert_eq!(server.finish().success().stdout, b"still here\n");
}

/// `count` ws peers of a pull at `address`, connected one at a time, returned once
/// nncat (`pid`) holds each one's connection and both ends of its private link.
fn linked_ws_peers(address: &str, count: usize, pid: u32) -> Vec<WsPeer> {
    let peers: Vec<WsPeer> = (0..count)
        .map(|i| WsPeer::connect(address, "pull").unwrap_or_else(|err| panic!("peer {i}: {err}")))
        .collect();
    wait_for("every peer's link", Duration::from_secs(30), || {
        descriptors(pid) >= 3 * count
    });
    peers
}

/// The old ws guard ran a thread per peer: 2,737 threads and 1.77 GB of address space
/// at 3,000 peers. One event loop serves them all now.
#[test]
fn a_thousand_ws_peers_cost_a_few_threads_and_tens_of_megabytes() {
    raise_descriptor_limit();
    let (url, address) = ws_place();
    let mut receiver = Running::start_watching(nncat(["pull", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    let pid = receiver.pid();
    let peers = linked_ws_peers(&address, 1000, pid);
    let threads = status_field(pid, "Threads:");
    let resident_mib = status_field(pid, "VmRSS:") / 1024;
    assert!(threads <= 8, "{threads} threads for 1,000 ws peers");
    assert!(
        resident_mib < 120,
        "{resident_mib} MiB resident for 1,000 ws peers"
    );
    let mut last = peers.into_iter().last().expect("a peer");
    last.message(b"from the last").expect("a message");
    receiver.stdout().wait_for_exactly(b"from the last\n");
    receiver.finish().success();
}

/// Under `ulimit -v 800000`, about 500 ws peers aborted the old guard ("failed to
/// allocate an alternative stack" for a thread each).
#[test]
fn six_hundred_ws_peers_under_ulimit_v_are_served() {
    raise_descriptor_limit();
    let (url, address) = ws_place();
    let command = nncat_under_ulimit("-v 800000", &["pull", "--bind", &url, "--count", "1"]);
    let mut receiver = Running::start_watching(command);
    wait_bound(&url);
    let peers = linked_ws_peers(&address, 600, receiver.pid());
    assert!(receiver.is_running(), "nncat lives with 600 ws peers");
    let mut last = peers.into_iter().last().expect("a peer");
    last.message(b"still here").expect("a message");
    receiver.stdout().wait_for_exactly(b"still here\n");
    receiver.finish().success();
}

/// libnanomsg spun at 100% CPU on accept at the descriptor limit. nncat stops
/// accepting while its peers fill the limit, says so once, and serves the waiting
/// connections as places free up.
#[test]
fn at_the_descriptor_limit_new_connections_wait_without_spinning() {
    use std::io::{Read, Write};
    let url = tcp_url();
    let address = url.trim_start_matches("tcp://").to_string();
    let command = nncat_under_ulimit("-n 128", &["pull", "--bind", &url, "--count", "1"]);
    let mut receiver = Running::start_watching(command);
    wait_bound(&url);
    // (128 - 32) / 3 = 32 peers fit; the rest wait in the kernel's backlog.
    let mut peers: Vec<std::net::TcpStream> = (0..40)
        .map(|_| {
            let mut peer = std::net::TcpStream::connect(&address).expect("the kernel takes it");
            peer.write_all(&[0, b'S', b'P', 0, 0, 80, 0, 0])
                .expect("a push's header");
            peer.set_read_timeout(Some(Duration::from_secs(10)))
                .expect("a timeout");
            peer
        })
        .collect();
    receiver.stderr().wait_for_text("fill the descriptor limit");
    let pid = receiver.pid();
    let before = cpu_ticks(pid);
    // A window to measure CPU over, not a wait for a condition.
    std::thread::sleep(Duration::from_secs(1));
    let spent = cpu_ticks(pid) - before;
    assert!(
        spent < 30,
        "{spent} ticks of CPU in a second at the descriptor limit"
    );
    // Places free up: the last connection, which waited, gets nncat's header.
    peers.drain(..10);
    let mut header = [0u8; 8];
    let waited = peers.last_mut().expect("a waiting peer");
    waited
        .read_exact(&mut header)
        .expect("nncat's header once a place is free");
    assert_eq!(header, [0, b'S', b'P', 0, 0, 81, 0, 0], "a pull's header");
    let mut frame = 4u64.to_be_bytes().to_vec();
    frame.extend_from_slice(b"real");
    waited.write_all(&frame).expect("a message");
    receiver.stdout().wait_for_exactly(b"real\n");
    receiver.finish().success();
}

/// A ws server that answers the upgrade as a pub after `upgrade_after`, sends
/// `messages` and reads until nncat hangs up.
fn pub_ws_server(
    upgrade_after: Duration,
    messages: Vec<tungstenite::Message>,
) -> (String, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!("ws://{}/", listener.local_addr().expect("its address"));
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("nncat connects");
        let answer_as_pub =
            |_: &tungstenite::handshake::server::Request,
             mut response: tungstenite::handshake::server::Response| {
                // A fault some tests make: a server that takes its time.
                std::thread::sleep(upgrade_after);
                response.headers_mut().insert(
                    "Sec-WebSocket-Protocol",
                    "pub.sp.nanomsg.org".parse().expect("a header value"),
                );
                Ok(response)
            };
        let mut socket = tungstenite::accept_hdr(stream, answer_as_pub).expect("the upgrade");
        for message in messages {
            socket.send(message).expect("a message");
        }
        // Until nncat hangs up: a pong may come back meanwhile.
        while socket.read().is_ok() {}
    });
    (url, server)
}

/// The connecting side: a ws server that sends a text message with its UTF-8 split
/// across fragments (libnanomsg aborted a connecting sub on it too), a ping, and a
/// binary message. The sub prints the two messages and nothing of the ping.
#[test]
fn sub_connecting_over_ws_takes_split_utf8_and_never_prints_a_ping() {
    use tungstenite::Message;
    use tungstenite::protocol::frame::Frame;
    use tungstenite::protocol::frame::coding::{Data, OpCode};
    let frames = [
        Frame::message(vec![0xf0, 0x9f, 0x98], OpCode::Data(Data::Text), false),
        Frame::message(vec![0x80], OpCode::Data(Data::Continue), true),
        Frame::ping(b"ping!".to_vec()),
        Frame::message(b"real".to_vec(), OpCode::Data(Data::Binary), true),
    ];
    let (url, server) = pub_ws_server(Duration::ZERO, frames.map(Message::Frame).to_vec());
    let out = run(nncat(["sub", "--connect", &url, "--count", "2"])).success();
    assert_eq!(out.stdout, "\u{1f600}\nreal\n".as_bytes());
    server.join().expect("the server ends");
}

/// A server slow to complete its handshake (here a ws upgrade answered after 1.5 s,
/// longer than libnanomsg waits on its private link) is still reached: the link
/// libnanomsg connected early and then gave up on is not the one taken.
#[test]
fn a_ws_server_that_upgrades_after_a_second_and_a_half_is_still_reached() {
    let late = tungstenite::Message::binary(b"late".to_vec());
    let (url, server) = pub_ws_server(Duration::from_millis(1500), vec![late]);
    let out = run(nncat(["sub", "--connect", &url, "--count", "1"])).success();
    assert_eq!(out.stdout, b"late\n");
    server.join().expect("the server ends");
}

/// The doctor explains a silence from what the boundary saw: a req that meets a pull
/// says so, and opens no probe connection of its own (a probe announces protocol 0).
#[test]
fn the_doctor_explains_from_what_the_boundary_saw_without_probing_again() {
    use std::io::{Read, Write};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("its address");
    let url = format!("tcp://{address}");
    let stop = Arc::new(AtomicBool::new(false));
    let server = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut announced = Vec::new();
            let mut held = Vec::new();
            for stream in listener.incoming() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let _ = stream.write_all(&[0, b'S', b'P', 0, 0, 81, 0, 0]);
                let mut header = [0u8; 8];
                if stream.read_exact(&mut header).is_ok() {
                    announced.push(u16::from_be_bytes([header[4], header[5]]));
                }
                held.push(stream);
            }
            announced
        })
    };
    let out = run(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "x",
        "--recv-timeout",
        "1500ms",
    ]));
    stop.store(true, Ordering::Relaxed);
    let _ = std::net::TcpStream::connect(address);
    let announced = server.join().expect("the server ends");
    assert_eq!(out.code(), Some(3), "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("the peer at {url} is a pull socket")),
        "{}",
        out.stderr
    );
    assert!(!announced.is_empty(), "nncat connected");
    assert!(
        announced.iter().all(|&protocol| protocol == 48),
        "only req's own header, no probe's: {announced:?}"
    );
}

/// The folder of libnanomsg's private links: made with mode 0700 in `$TMPDIR` when it
/// is set, else in `$XDG_RUNTIME_DIR`, and removed at exit.
#[test]
fn the_private_links_live_in_a_folder_only_the_user_may_enter_removed_at_exit() {
    use std::os::unix::fs::PermissionsExt;
    for variable in ["TMPDIR", "XDG_RUNTIME_DIR"] {
        let scratch = Scratch::new();
        let url = tcp_url();
        let mut command = nncat(["pull", "--bind", &url]);
        command.env_remove("TMPDIR").env(variable, scratch.dir());
        let pull = Running::start_without_stdin(command);
        wait_bound(&url);
        let folders = private_folders(scratch.dir());
        assert_eq!(folders.len(), 1, "one private folder under ${variable}");
        let mode = folders[0]
            .metadata()
            .expect("its metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "under ${variable}");
        pull.signal(libc::SIGTERM);
        let out = pull.finish();
        assert_eq!(out.code(), Some(143), "stderr: {}", out.stderr);
        assert!(
            !folders[0].exists(),
            "the folder under ${variable} is removed at exit"
        );
    }
}

/// A requester holding its answer and a puller that has its count end without closing
/// their sockets (nothing of theirs can still be on its way): their private folders
/// are removed all the same, and a pusher still sending does not hold the puller up.
#[test]
fn runs_that_end_without_closing_their_socket_still_remove_their_private_folder() {
    let scratch = Scratch::new();
    let url = tcp_url();
    let replier = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo"]));
    wait_bound(&url);
    let mut requester = nncat(["req", "--connect", &url, "--data", "ping"]);
    requester.env("TMPDIR", scratch.dir());
    let out = run(requester).success();
    assert_eq!(out.stdout_text(), "ping\n");
    assert_eq!(
        private_folders(scratch.dir()),
        Vec::<std::path::PathBuf>::new()
    );
    drop(replier);

    let url = tcp_url();
    let mut puller = nncat(["pull", "--bind", &url, "--count", "1"]);
    puller.env("TMPDIR", scratch.dir());
    let puller = Running::start_streaming(puller);
    wait_bound(&url);
    let mut pusher = Running::start(nncat(["push", "--connect", &url]));
    pusher.feed_stdin(numbered_lines(200_000));
    let out = puller.finish_within(Duration::from_secs(10)).success();
    assert_eq!(out.stdout_text(), "0\n");
    assert_eq!(
        private_folders(scratch.dir()),
        Vec::<std::path::PathBuf>::new()
    );
    drop(pusher);
}

/// The private folders in `dir`.
fn private_folders(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .expect("the scratch folder")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("nncat."))
        .map(|entry| entry.path())
        .collect()
}

/// A killed nncat cannot remove its private folder: the next nncat removes it, once it
/// is a minute old (a folder's age is set back here), and leaves alone a live nncat's,
/// a killed one's that is younger, and a symbolic link that looks like one.
#[test]
fn a_killed_nncats_private_folder_is_removed_by_the_next_and_a_live_ones_is_kept() {
    let scratch = Scratch::new();
    // A pull and its private folder, once that is there (a busy suite's port can say
    // the pull is ready sooner): the folder that is not among `known`.
    let start = |url: &str, known: &[std::path::PathBuf]| {
        let mut command = nncat(["pull", "--bind", url]);
        command.env("TMPDIR", scratch.dir());
        let pull = Running::start_streaming(command);
        wait_bound(url);
        let mut own = None;
        wait_for("the pull's private folder", LIMIT, || {
            own = private_folders(scratch.dir())
                .into_iter()
                .find(|folder| !known.contains(folder));
            own.is_some()
        });
        (pull, own.unwrap_or_default())
    };
    let (live_url, killed_url) = (tcp_url(), tcp_url());
    let (mut live, live_folder) = start(&live_url, &[]);
    let (killed, killed_folder) = start(&killed_url, std::slice::from_ref(&live_folder));
    killed.signal(libc::SIGKILL);
    let _ = killed.finish();
    let (young, young_folder) = start(&tcp_url(), &[live_folder.clone(), killed_folder.clone()]);
    young.signal(libc::SIGKILL);
    let _ = young.finish();
    let folders = [live_folder.clone(), killed_folder.clone()];
    assert!(killed_folder.exists(), "the killed pull's folder is left");
    let victim = scratch.path("victim");
    std::fs::create_dir(&victim).expect("a folder of the user's");
    std::fs::write(victim.join("kept"), b"data").expect("a file in it");
    std::os::unix::fs::symlink(&victim, scratch.dir().join("nncat.link")).expect("a link");
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(7200);
    for folder in &folders {
        std::fs::File::open(folder)
            .and_then(|folder| folder.set_modified(two_hours_ago))
            .expect("a folder's time can be set back");
    }
    let link = scratch.dir().join("nncat.link");
    let known = [
        live_folder.clone(),
        killed_folder.clone(),
        young_folder.clone(),
        link,
    ];
    let (next, _) = start(&tcp_url(), &known);
    wait_for("the killed pull's folder to be removed", LIMIT, || {
        !killed_folder.exists()
    });
    // Its sweep has begun, and it ends within the run: once the run is over, whatever
    // it would remove is gone.
    next.signal(libc::SIGTERM);
    let _ = next.finish();
    assert!(live_folder.exists(), "the live pull's folder is kept");
    assert!(young_folder.exists(), "a folder under a minute old is kept");
    assert!(victim.join("kept").exists(), "a link's target is kept");
    run(nncat([
        "push",
        "--connect",
        &live_url,
        "--data",
        "still here",
    ]))
    .success();
    live.stdout().wait_for_text("still here");
}

/// Messages that come in one burst pass to libnanomsg straight from the read buffer; a
/// frame over --recv-maxsz among them is still skipped and said, and every message
/// around it arrives, in order, across the read buffer's edges.
#[test]
fn a_burst_of_small_frames_with_an_oversize_one_among_them_arrives_whole_and_in_order() {
    for transport in [Transport::Tcp, Transport::Ipc] {
        let place = Place::new(transport);
        let receiver = Running::start_streaming(nncat([
            "pull",
            "--bind",
            &place.url,
            "--count",
            "4000",
            "--recv-maxsz",
            "10",
        ]));
        wait_bound(&place.url);
        let mut peer = RawPeer::connect(&place, PULL);
        let mut burst = Vec::new();
        let mut expected = Vec::new();
        for (batch, count) in [('m', 2000), ('n', 2000)] {
            for i in 0..count {
                let message = format!("{batch}{i:04}");
                burst.extend(peer.length_prefix(message.len() as u64));
                burst.extend_from_slice(message.as_bytes());
                expected.extend_from_slice(format!("{message}\n").as_bytes());
            }
            if batch == 'm' {
                burst.extend(peer.length_prefix(40));
                burst.extend_from_slice(&[b'x'; 40]);
            }
        }
        peer.send(&burst);
        let out = receiver.finish().success();
        assert!(out.stdout == expected, "over {:?}", transport);
        assert!(
            out.stderr.contains("skipped a message of 40 bytes from "),
            "over {:?}: {}",
            transport,
            out.stderr
        );
    }
}

/// A ws burst is taken a message at a time from tungstenite, but passed to libnanomsg
/// in as few writes as tcp's: every message of it arrives, in order, with pings and
/// fragmented messages among them, and the messages before a frame that breaks the
/// rules arrive before that peer is closed.
#[test]
fn a_ws_burst_with_pings_fragments_and_a_bad_frame_at_its_end_arrives_whole_and_in_order() {
    let (url, address) = ws_place();
    let receiver = Running::start_streaming(nncat(["pull", "--bind", &url, "--count", "4001"]));
    wait_bound(&url);
    let mut peer = WsPeer::connect(&address, "pull").expect("the upgrade");
    let mut burst = Vec::new();
    let mut expected = Vec::new();
    for i in 0..4000 {
        let message = format!("w{i:04}");
        if i % 500 == 0 {
            burst.extend(frame_bytes(true, PING, b"p"));
        }
        if i % 700 == 0 {
            let (head, tail) = message.as_bytes().split_at(2);
            burst.extend(frame_bytes(false, BINARY, head));
            burst.extend(frame_bytes(true, CONTINUATION, tail));
        } else {
            burst.extend(frame_bytes(true, BINARY, message.as_bytes()));
        }
        expected.extend_from_slice(format!("{message}\n").as_bytes());
    }
    burst.extend(frame_bytes(true, TEXT, &[0xff]));
    std::io::Write::write_all(&mut peer.stream, &burst).expect("the burst");
    assert!(peer.closed_by_peer(), "the bad frame closes the peer");
    run(nncat(["push", "--connect", &url, "--data", "last"])).success();
    expected.extend_from_slice(b"last\n");
    let out = receiver.finish().success();
    assert!(out.stdout == expected, "every message, in order");
    assert!(
        out.stderr.contains("closed the connection of 127.0.0.1:"),
        "{}",
        out.stderr
    );
}
