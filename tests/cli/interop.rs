//! Interop with Debian's nanocat (nanomsg-utils) and nngcat (nng-utils): nncat talks to
//! them both ways, and prints the same bytes nanocat prints for the same messages.

use crate::harness::*;

fn command(program: &str, args: &[&str]) -> std::process::Command {
    require(program);
    let mut command = std::process::Command::new(program);
    command.args(args);
    command
}

#[test]
fn nncat_push_reaches_nanocat_pull() {
    let url = tcp_url();
    let mut nanocat = start_receiver(command("nanocat", &["--pull", "--bind", &url, "-A"]), &url);
    let input = numbered_lines(100);
    run_with_input(nncat(["push", "--connect", &url]), &input).success();
    // nanocat never exits on its own: wait for everything, then stop it.
    nanocat.stdout().wait_for_exactly(&input);
}

#[test]
fn nncat_push_reaches_nanocat_pull_over_ipc() {
    let scratch = Scratch::new();
    let path = scratch.path("nanocat.sock");
    let path = path.to_str().expect("a UTF-8 temporary path");
    let mut nanocat = start_receiver(
        command("nanocat", &["--pull", "-X", path, "-Q"]),
        &format!("ipc://{path}"),
    );
    run(nncat(["push", "-x", path, "-D", "via ipc", "-C", "3"])).success();
    nanocat
        .stdout()
        .wait_for_exactly(b"\"via ipc\"\n\"via ipc\"\n\"via ipc\"\n");
}

#[test]
fn nngcat_push_reaches_nncat_pull() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "3"]));
    wait_bound(&url);
    let pusher = Running::start_without_stdin(command(
        "nngcat",
        &[
            "--push",
            "--connect",
            &url,
            "--data",
            "from nng",
            "--count",
            "3",
        ],
    ));
    assert_eq!(puller.finish().success().stdout, b"from nng\n".repeat(3));
    pusher.finish().success();
}

#[test]
fn nanocat_push_reaches_nncat_pull() {
    let url = tcp_url();
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    let _pusher = Running::start_without_stdin(command(
        "nanocat",
        &[
            "--push",
            "--connect",
            &url,
            "--data",
            "from nanocat",
            "-i",
            "1",
        ],
    ));
    // nanocat may lose a message at exit, so it repeats until one arrives.
    assert_eq!(puller.finish().success().stdout, b"from nanocat\n");
}

#[test]
fn nncat_req_gets_replies_from_nngcat_rep() {
    nncat_req_gets_replies_from_nngcat_rep_at(&tcp_url());
}

#[test]
fn nngcat_req_gets_replies_from_nncat_rep() {
    let url = tcp_url();
    nngcat_req_gets_replies_from_nncat_rep_at(&url, &url);
}

fn nncat_req_gets_replies_from_nngcat_rep_at(url: &str) {
    let _replier = Running::start_without_stdin(command(
        "nngcat",
        &["--rep", "--listen", url, "--data", "pong"],
    ));
    wait_bound(url);
    let out = run_with_input(
        nncat(["req", "--connect", url, "--recv-timeout", "10s"]),
        b"ping 1\nping 2\nping 3\n",
    )
    .success();
    assert_eq!(out.stdout, b"pong\npong\npong\n");
}

/// nngcat connects to `connect_url`, the address of nncat's rep at `bind_url`.
fn nngcat_req_gets_replies_from_nncat_rep_at(bind_url: &str, connect_url: &str) {
    let replier =
        Running::start_without_stdin(nncat(["rep", "--bind", bind_url, "--echo", "--count", "1"]));
    wait_bound(bind_url);
    let out = run(command(
        "nngcat",
        &["--req", "--connect", connect_url, "--data", "echo me", "-A"],
    ))
    .success();
    // nngcat's --ascii prints no newline after a message. (Without --count it sends
    // once and exits after the reply; nngcat 1.5.2's --count fails under load with
    // "Cannot set recv timeout: Invalid argument".)
    assert_eq!(out.stdout, b"echo me");
    assert_eq!(replier.finish().success().stdout, b"echo me\n");
}

// Over ws, nncat's side of every connection goes through its ws guard (its own
// listener when it binds, a relay when it connects): real peers must not notice.

fn ws_url() -> String {
    format!("ws://127.0.0.1:{}", free_port())
}

/// With a path, and without: nngcat then asks for an empty target (`GET  HTTP/1.1`),
/// which libnanomsg takes for `/` and which nncat refused.
#[test]
fn nngcat_push_reaches_nncat_pull_over_ws() {
    for path in ["/nng", ""] {
        let url = ws_url();
        let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "3"]));
        wait_bound(&url);
        let pusher = Running::start_without_stdin(command(
            "nngcat",
            &[
                "--push",
                "--connect",
                &format!("{url}{path}"),
                "--data",
                "from nng",
                "--count",
                "3",
            ],
        ));
        assert_eq!(
            puller.finish().success().stdout,
            b"from nng\n".repeat(3),
            "path {path:?}"
        );
        pusher.finish().success();
    }
}

#[test]
fn nanocat_push_reaches_nncat_pull_over_ws() {
    let url = ws_url();
    let puller = Running::start_without_stdin(nncat(["pull", "--bind", &url, "--count", "1"]));
    wait_bound(&url);
    let _pusher = Running::start_without_stdin(command(
        "nanocat",
        &[
            "--push",
            "--connect",
            &format!("{url}/"),
            "--data",
            "from nanocat",
            "-i",
            "1",
        ],
    ));
    assert_eq!(puller.finish().success().stdout, b"from nanocat\n");
}

#[test]
fn nncat_push_reaches_nanocat_pull_over_ws() {
    let url = ws_url();
    let mut nanocat = start_receiver(command("nanocat", &["--pull", "--bind", &url, "-A"]), &url);
    let input = numbered_lines(100);
    run_with_input(nncat(["push", "--connect", &format!("{url}/")]), &input).success();
    nanocat.stdout().wait_for_exactly(&input);
}

#[test]
fn nncat_req_gets_replies_from_nngcat_rep_over_ws() {
    nncat_req_gets_replies_from_nngcat_rep_at(&format!("{}/rep", ws_url()));
}

#[test]
fn nngcat_req_gets_replies_from_nncat_rep_over_ws() {
    let url = ws_url();
    nngcat_req_gets_replies_from_nncat_rep_at(&url, &format!("{url}/"));
}

/// The sample message from nanocat's documentation, and random ones of every msgpack
/// length class nanocat's read limit lets through.
fn comparison_messages() -> Vec<Vec<u8>> {
    let mut messages = vec![
        b"hi\n\"\\\x00\xff\x09\x0d".to_vec(),
        b"plain".to_vec(),
        (0..=255u8).collect(),
    ];
    messages.extend(random_messages(91, 60, 300).into_iter().skip(1));
    messages.push(random_bytes(92, 70_000));
    messages
}

/// What a puller (nanocat or nncat, `puller_args` before the endpoint) prints for the
/// comparison messages pushed by nncat; nanocat's output is collected until it is as
/// long as `expected_len`, then nanocat is stopped.
fn printed_by_nanocat(format: &[&str], expected_len: usize) -> Vec<u8> {
    let url = tcp_url();
    let mut args = vec!["--pull", "--bind", &url];
    args.extend_from_slice(format);
    let mut nanocat = start_receiver(command("nanocat", &args), &url);
    run_with_input(
        nncat(["push", "--connect", &url, "--hex"]),
        &hex_lines(&comparison_messages()),
    )
    .success();
    nanocat
        .stdout()
        .wait_until(LIMIT, |seen| seen.len() >= expected_len);
    nanocat.stdout().seen().to_vec()
}

fn printed_by_nncat(format: &[&str]) -> Vec<u8> {
    let url = tcp_url();
    let messages = comparison_messages();
    let count = messages.len().to_string();
    let mut args = vec!["pull", "--bind", &url, "--count", &count];
    args.extend_from_slice(format);
    let puller = Running::start_without_stdin(nncat(args));
    wait_bound(&url);
    run_with_input(
        nncat(["push", "--connect", &url, "--hex"]),
        &hex_lines(&messages),
    )
    .success();
    puller.finish().success().stdout
}

fn same_bytes_as_nanocat(format: &[&str]) {
    let ours = printed_by_nncat(format);
    let theirs = printed_by_nanocat(format, ours.len());
    assert!(
        ours == theirs,
        "{format:?}: nncat printed {} bytes, nanocat {}; first difference at byte {:?}:\n nncat: {:?}\n nanocat: {:?}",
        ours.len(),
        theirs.len(),
        ours.iter().zip(&theirs).position(|(a, b)| a != b),
        String::from_utf8_lossy(&ours[..ours.len().min(200)]),
        String::from_utf8_lossy(&theirs[..theirs.len().min(200)]),
    );
}

#[test]
fn raw_output_matches_nanocat_byte_for_byte() {
    same_bytes_as_nanocat(&["--raw"]);
}

#[test]
fn ascii_output_matches_nanocat_byte_for_byte() {
    same_bytes_as_nanocat(&["-A"]);
}

#[test]
fn quoted_output_matches_nanocat_byte_for_byte() {
    same_bytes_as_nanocat(&["-Q"]);
}

#[test]
fn msgpack_output_matches_nanocat_byte_for_byte() {
    same_bytes_as_nanocat(&["--msgpack"]);
}
