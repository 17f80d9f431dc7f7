//! TLS: tls+tcp:// and wss:// to and from nngcat (nng's mbedtls) and nncat itself, with
//! nngcat's --cert, --key, --cacert and --insecure; each failure said in one line, with
//! its exit code; hostile bytes on a TLS port. Certificates are made at run time by
//! openssl in the test's own folder (harness/certs.rs).

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::harness::*;

fn tls_url() -> String {
    format!("tls+tcp://localhost:{}", free_port())
}

/// A wss URL to bind: a bound ws endpoint takes no path (libnanomsg's rule, kept for
/// wss); its peers connect with any (`at_path`).
fn wss_url() -> String {
    format!("wss://localhost:{}", free_port())
}

fn at_path(url: &str) -> String {
    if url.starts_with("wss://") {
        format!("{url}/sp")
    } else {
        url.to_string()
    }
}

/// The URL a bound nncat listens on for `url` (localhost binds 127.0.0.1), for
/// `wait_bound`.
fn listening(url: &str) -> String {
    url.replace("localhost", "127.0.0.1")
}

/// An nncat rep that echoes, bound at `url` with `cert`, until the test ends.
fn echo_server(url: &str, cert: &str, more: &[&str]) -> Running {
    let mut args = vec!["rep", "--bind", url, "--cert", cert, "--echo", "-q"];
    args.extend_from_slice(more);
    let server = Running::start_without_stdin(nncat(args));
    wait_bound(&listening(url));
    server
}

/// `req --connect URL -D q` with a 2 s receive timeout and `more` options.
fn ask(url: &str, more: &[&str]) -> Finished {
    let mut args = vec!["req", "--connect", url, "-D", "q", "--recv-timeout", "2s"];
    args.extend_from_slice(more);
    run(nncat(args))
}

#[test]
fn nncat_req_gets_replies_from_nngcat_rep_over_tls_and_wss() {
    let certs = Certs::new();
    for url in [tls_url(), wss_url()] {
        // nng serves a ws path, and only that one.
        let _replier = Running::start_without_stdin(nngcat(&[
            "--rep",
            "--listen",
            &at_path(&url),
            "--cert",
            &certs.arg("localhost.pem"),
            "--data",
            "pong",
        ]));
        wait_bound(&url);
        let out = run_with_input(
            nncat([
                "req",
                "--connect",
                &at_path(&url),
                "--cacert",
                &certs.arg("ca.pem"),
                "--recv-timeout",
                "10s",
            ]),
            b"ping 1\nping 2\n",
        )
        .success();
        assert_eq!(out.stdout, b"pong\npong\n", "{url}");
    }
}

#[test]
fn nngcat_req_gets_replies_from_nncat_rep_over_tls_and_wss() {
    let certs = Certs::new();
    for url in [tls_url(), wss_url()] {
        // nncat's key apart from its certificate (--key), as nngcat's --key allows.
        let replier = Running::start_without_stdin(nncat([
            "rep",
            "--bind",
            &url,
            "--cert",
            &certs.arg("localhost.crt"),
            "--key",
            &certs.arg("localhost.key"),
            "--echo",
            "--count",
            "1",
        ]));
        wait_bound(&listening(&url));
        let out = run(nngcat(&[
            "--req",
            "--dial",
            &at_path(&url),
            "--cacert",
            &certs.arg("ca.pem"),
            "--data",
            "echo me",
            "-A",
        ]))
        .success();
        assert_eq!(out.stdout, b"echo me", "{url}");
        assert_eq!(replier.finish().success().stdout, b"echo me\n");
    }
}

#[test]
fn nngcat_push_reaches_nncat_pull_and_nncat_push_reaches_nngcat_pull_over_tls() {
    let certs = Certs::new();
    let url = tls_url();
    let puller = Running::start_without_stdin(nncat([
        "pull",
        "--bind",
        &url,
        "--cert",
        &certs.arg("localhost.pem"),
        "--count",
        "3",
    ]));
    wait_bound(&listening(&url));
    let pusher = Running::start_without_stdin(nngcat(&[
        "--push",
        "--dial",
        &url,
        "--cacert",
        &certs.arg("ca.pem"),
        "--data",
        "from nng",
        "--count",
        "3",
    ]));
    assert_eq!(puller.finish().success().stdout, b"from nng\n".repeat(3));
    pusher.finish().success();

    let url = wss_url();
    let mut nngcat_pull = start_receiver(
        nngcat(&[
            "--pull",
            "--listen",
            &at_path(&url),
            "--cert",
            &certs.arg("localhost.pem"),
            "-Q",
        ]),
        &url,
    );
    let input = b"one\ntwo\nthree\n";
    run_with_input(
        nncat([
            "push",
            "--connect",
            &at_path(&url),
            "--cacert",
            &certs.arg("ca.pem"),
        ]),
        input,
    )
    .success();
    nngcat_pull
        .stdout()
        .wait_for_exactly(b"\"one\"\n\"two\"\n\"three\"\n");
}

#[test]
fn nncat_streams_lines_to_nncat_over_tls_and_wss() {
    let certs = Certs::new();
    let input = numbered_lines(20_000);
    for url in [tls_url(), wss_url()] {
        let puller = Running::start_without_stdin(nncat([
            "pull",
            "--bind",
            &url,
            "--cert",
            &certs.arg("localhost.pem"),
            "--count",
            "20000",
        ]));
        wait_bound(&listening(&url));
        run_with_input(
            nncat([
                "push",
                "--connect",
                &at_path(&url),
                "--cacert",
                &certs.arg("ca.pem"),
            ]),
            &input,
        )
        .success();
        assert_eq!(puller.finish().success().stdout, input, "{url}");
    }
}

#[test]
fn an_8_mib_message_crosses_tls_both_ways() {
    let certs = Certs::new();
    let message = random_bytes(17, 8 << 20);
    let file = certs.path("message.bin");
    std::fs::write(&file, &message).expect("the message is written");
    let file = file.display().to_string();
    let (cert, ca) = (certs.arg("localhost.pem"), certs.arg("ca.pem"));
    // Toward the side that binds, then from it.
    let url = tls_url();
    let puller = Running::start_without_stdin(nncat([
        "pull", "--bind", &url, "--cert", &cert, "--raw", "--count", "1",
    ]));
    wait_bound(&listening(&url));
    run(nncat([
        "push",
        "--connect",
        &url,
        "--cacert",
        &ca,
        "-F",
        &file,
    ]))
    .success();
    assert!(puller.finish().success().stdout == message, "bound side");

    let url = tls_url();
    let pusher = Running::start_without_stdin(nncat([
        "push", "--bind", &url, "--cert", &cert, "-F", &file, "--linger", "10s",
    ]));
    wait_bound(&listening(&url));
    let out = run(nncat([
        "pull",
        "--connect",
        &url,
        "--cacert",
        &ca,
        "--raw",
        "--count",
        "1",
    ]))
    .success();
    assert!(out.stdout == message, "connecting side");
    pusher.finish().success();
}

/// nngcat's meaning: a server asks no client for a certificate, whatever --cacert says
/// (given for a tap's connection to its server, it must not lock out the tap's clients);
/// a client given --cert presents it all the same.
#[test]
fn a_tap_over_tls_serves_clients_without_certificates_and_presents_its_own_upstream() {
    let certs = Certs::new();
    let (cert, ca) = (certs.arg("localhost.pem"), certs.arg("ca.pem"));
    let server_url = tls_url();
    let _server = echo_server(&server_url, &cert, &[]);
    let tap_url = tls_url();
    let mut tap = Running::start_watching(nncat([
        "tap",
        "rep",
        "--bind",
        &tap_url,
        "--connect",
        &server_url,
        "--cert",
        &cert,
        "--cacert",
        &ca,
    ]));
    wait_bound(&listening(&tap_url));
    let out = ask(&tap_url, &["--cacert", &ca]).success();
    assert_eq!(out.stdout, b"q\n");
    tap.stdout().wait_for_text("< q");
}

#[test]
fn insecure_takes_a_certificate_no_root_vouches_for() {
    let certs = Certs::new();
    let url = tls_url();
    let _server = echo_server(&url, &certs.self_signed().display().to_string(), &[]);
    let out = ask(&url, &["-k"]).success();
    assert_eq!(out.stdout, b"q\n");
}

#[test]
fn an_untrusted_certificate_is_said_within_a_second_and_named_at_the_timeout() {
    let certs = Certs::new();
    let url = tls_url();
    let _server = echo_server(&url, &certs.self_signed().display().to_string(), &[]);
    let ca = certs.arg("ca.pem");
    let mut client = Running::start_watching(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "q",
        "--recv-timeout",
        "3s",
        "--cacert",
        &ca,
    ]));
    let started = Instant::now();
    let said = client.stderr().wait_until(Duration::from_secs(3), |seen| {
        String::from_utf8_lossy(seen).contains("certificate is refused")
    });
    assert!(said, "{}", client.stderr().seen_text());
    assert!(
        started.elapsed() < Duration::from_millis(1800),
        "said after {:?}",
        started.elapsed()
    );
    let out = client.finish();
    assert!(
        out.stderr.lines().next().unwrap_or_default().contains(&format!(
            "{url}: the server's certificate is refused: it is not signed by a root in --cacert '{ca}'"
        )),
        "{}",
        out.stderr
    );
    out.fails_with_last_line(3, "no reply within --recv-timeout 3s");
}

#[test]
fn a_certificate_for_another_name_or_expired_is_named() {
    let certs = Certs::new();
    let ca = certs.arg("ca.pem");
    let other = certs.leaf("otherhost", "DNS:otherhost", "2");
    let url = tls_url();
    let server = echo_server(&url, &other.display().to_string(), &[]);
    ask(&url, &["--cacert", &ca]).fails_with_last_line(
        3,
        "certificate is refused: it is not for the name 'localhost' (the host in the URL); it names DNS:otherhost",
    );
    drop(server);
    let expired = certs.leaf("expired", "DNS:localhost", "-1");
    let url = tls_url();
    let _server = echo_server(&url, &expired.display().to_string(), &[]);
    ask(&url, &["--cacert", &ca])
        .fails_with_last_line(3, "the server's certificate is refused: it has expired");
}

/// rustls has no words of its own for every refusal; nncat's name it, never in Rust's
/// debug form, and the reason is "tls".
#[test]
fn a_certificate_signed_with_an_algorithm_ring_cannot_check_is_named() {
    let certs = Certs::new();
    let (ca, leaf) = certs.signed_by_p521();
    let url = tls_url();
    let _server = echo_server(&url, &leaf.display().to_string(), &[]);
    let ca = ca.display().to_string();
    let out = ask(&url, &["--cacert", &ca]).fails_with_last_line(
        3,
        "the server's certificate is refused: it is signed with an algorithm nncat does not check",
    );
    assert!(!out.stderr.contains('{'), "{}", out.stderr);
    let out = ask(&url, &["--cacert", &ca, "--log-format", "json"]);
    let last = json_lines_of(&out.stderr).pop().expect("a final line");
    assert_eq!(last["reason"], "tls", "{last}");
}

#[test]
fn a_plain_client_at_a_tls_port_is_told_to_use_tls() {
    let certs = Certs::new();
    let url = tls_url();
    let _server = echo_server(&url, &certs.arg("localhost.pem"), &[]);
    let port = url.rsplit(':').next().unwrap_or_default();
    let tcp = format!("tcp://127.0.0.1:{port}");
    ask(&tcp, &[]).fails_with_last_line(
        3,
        &format!("{tcp}: this endpoint speaks TLS (a rep (SP protocol 49) behind it): use tls+tcp://127.0.0.1:{port}"),
    );
    // nng's mbedtls closes without a word on plain bytes; the probe still finds TLS.
    let url = tls_url();
    let _nngcat = Running::start_without_stdin(nngcat(&[
        "--rep",
        "--listen",
        &url,
        "--cert",
        &certs.arg("localhost.pem"),
        "--data",
        "pong",
    ]));
    wait_bound(&url);
    let tcp = url.replace("tls+tcp://", "tcp://");
    run(nncat(["probe", &tcp])).fails_with(
        1,
        &format!("{tcp}: this endpoint speaks TLS (a rep (SP protocol 49) behind it): use {url}"),
    );
}

#[test]
fn a_tls_client_at_a_plain_port_is_told_the_plain_url() {
    let tcp = tcp_url();
    let _server = Running::start_without_stdin(nncat(["rep", "--bind", &tcp, "--echo", "-q"]));
    wait_bound(&tcp);
    let tls = tcp.replace("tcp://", "tls+tcp://");
    ask(&tls, &[]).fails_with_last_line(
        3,
        &format!("{tls}: this is a tcp endpoint of a rep socket: use {tcp}"),
    );
    let ws = format!("ws://127.0.0.1:{}", free_port());
    let _ws_server = Running::start_without_stdin(nncat(["rep", "--bind", &ws, "--echo", "-q"]));
    wait_bound(&ws);
    let wss = format!("{}/x", ws.replace("ws://", "wss://"));
    run(nncat(["probe", &wss])).fails_with(
        1,
        &format!("{wss}: this is a ws endpoint of a rep socket: use {}/x", ws),
    );
}

#[test]
fn probe_names_the_type_behind_tls_and_the_certificate() {
    let certs = Certs::new();
    let ca = certs.arg("ca.pem");
    let url = tls_url();
    let _server = echo_server(&url, &certs.arg("localhost.pem"), &[]);
    let out = run(nncat(["probe", &url, "--cacert", &ca])).success();
    let line = out.stdout_text();
    assert!(
        line.starts_with(&format!(
            "{url}  rep (SP protocol 49)  talk to it: nncat req --connect {url}  certificate: CN=localhost, expires 20"
        )),
        "{line}"
    );
    let wss = wss_url();
    let _nngcat = Running::start_without_stdin(nngcat(&[
        "--pull",
        "--listen",
        &at_path(&wss),
        "--cert",
        &certs.arg("localhost.pem"),
    ]));
    wait_bound(&wss);
    let out = run(nncat([
        "probe",
        &at_path(&wss),
        "--cacert",
        &ca,
        "--format",
        "json",
    ]))
    .success();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["protocol"], "pull", "{json}");
    assert_eq!(json["certificate"]["subject"], "CN=localhost", "{json}");
    // Without --cacert the system's roots do not know the test CA.
    run(nncat(["probe", &url])).fails_with(
        1,
        "the server's certificate is refused: it is not signed by a root this system trusts",
    );
}

#[test]
fn tls_options_without_a_tls_endpoint_are_usage_errors() {
    let tcp = tcp_url();
    for option in [&["--cacert", "ca.pem"][..], &["-k"], &["--cert", "c.pem"]] {
        let mut args = vec!["push", "--connect", &tcp, "-D", "x"];
        args.extend_from_slice(option);
        run(nncat(args)).fails_with(2, "applies only to TLS endpoints (tls+tcp://HOST:PORT, wss://HOST:PORT/PATH), and none is given");
    }
    run(nncat(["probe", &tcp, "-k"])).fails_with(2, "--insecure applies only to TLS endpoints");
}

/// What only a connecting side checks means nothing where every TLS endpoint is bound,
/// and --cacert beside --insecure would never be read.
#[test]
fn cacert_and_insecure_need_a_tls_connect_and_not_each_other() {
    let certs = Certs::new();
    let (cert, ca) = (certs.arg("localhost.pem"), certs.arg("ca.pem"));
    let url = tls_url();
    for check in [&["--cacert", &ca][..], &["-k"]] {
        let mut args = vec!["pull", "--bind", &url, "--cert", &cert];
        args.extend_from_slice(check);
        run(nncat(&args)).fails_with(2, "is about the servers nncat connects to");
    }
    let to = at_path(&url);
    run(nncat(["pull", "--connect", &to, "-k", "--cacert", &ca]))
        .fails_with(2, "--insecure checks no certificate");
    run(nncat(["probe", &to, "-k", "--cacert", &ca]))
        .fails_with(2, "--insecure checks no certificate");
}

#[test]
fn a_tls_server_needs_a_certificate() {
    let url = format!("tls+tcp://127.0.0.1:{}", free_port());
    run(nncat(["pull", "--bind", &url])).fails_with(
        2,
        &format!("cannot bind to '{url}': a TLS server needs a certificate: give --cert FILE"),
    );
}

#[test]
fn a_missing_or_mismatched_file_is_a_usage_error_before_anything_binds() {
    let certs = Certs::new();
    let port = free_port();
    let url = format!("tls+tcp://127.0.0.1:{port}");
    let missing = certs.arg("missing.pem");
    run(nncat(["pull", "--bind", &url, "--cert", &missing])).fails_with(
        2,
        &format!("cannot read --cert '{missing}': No such file or directory"),
    );
    run(nncat(["pull", "--connect", &url, "--cacert", &missing]))
        .fails_with(2, &format!("cannot read --cacert '{missing}'"));
    // Only the certificate, and no --key.
    let crt = certs.arg("localhost.crt");
    run(nncat(["pull", "--bind", &url, "--cert", &crt])).fails_with(
        2,
        &format!(
            "--cert '{crt}' holds no private key: add it to the file, or give it with --key FILE"
        ),
    );
    certs.self_signed();
    let wrong_key = certs.arg("alone.key");
    run(nncat(["pull", "--bind", &url, "--cert", &crt, "--key", &wrong_key])).fails_with(
        2,
        &format!(
            "the private key in --key '{wrong_key}' does not match the certificate in --cert '{crt}'"
        ),
    );
    assert!(
        TcpListener::bind(("127.0.0.1", port)).is_ok(),
        "nothing was bound"
    );
}

/// A pull bound over TLS lives through hostile connections and serves the next real
/// peer: garbage, a plain SP header, a ClientHello that stops halfway (its handshake
/// held open), a record that claims the most a record may, and 16 MiB of random bytes.
#[test]
fn hostile_bytes_on_a_tls_port_leave_the_next_peer_served() {
    let certs = Certs::new();
    let url = format!("tls+tcp://127.0.0.1:{}", free_port());
    let mut puller = Running::start_watching(nncat([
        "pull",
        "--bind",
        &url,
        "--cert",
        &certs.arg("localhost.pem"),
        "-v",
    ]));
    wait_bound(&url);
    let address = url.trim_start_matches("tls+tcp://").to_string();
    let send = |bytes: &[u8]| {
        let mut stream = TcpStream::connect(&address).expect("a connection");
        let _ = stream.write_all(bytes);
        stream
    };
    // First, so that its line is not one held back as a repeat.
    let _sp = send(&[0, b'S', b'P', 0, 0, 80, 0, 0]);
    let _garbage = send(b"\x16\x03\x01\xff\xffnot a handshake at all");
    // A ClientHello record header that promises 512 bytes and sends 10: the handshake
    // stalls until its time limit.
    let stalled = send(&[0x16, 0x03, 0x01, 0x02, 0x00, 1, 0, 1, 0xfc, 3]);
    // The largest length a record header can claim.
    let _huge = send(&[0x17, 0x03, 0x03, 0xff, 0xff]);
    let noise = random_bytes(23, 16 << 20);
    let flood = std::thread::spawn({
        let address = address.clone();
        move || {
            if let Ok(mut stream) = TcpStream::connect(&address) {
                let _ = stream.write_all(&noise);
            }
        }
    });
    let _ = flood.join();
    let pusher = run(nncat([
        "push",
        "--connect",
        &url.replace("127.0.0.1", "localhost"),
        "--cacert",
        &certs.arg("ca.pem"),
        "-D",
        "real",
    ]));
    pusher.success();
    puller.stdout().wait_for_exactly(b"real\n");
    assert!(puller.is_running());
    puller
        .stderr()
        .wait_for_text("it sent a plain SP header: it does not speak TLS");
    puller.stderr().wait_for_text("no TLS handshake within 5s");
    drop(stalled);
    let peak = status_field(puller.pid(), "VmHWM:");
    assert!(peak < 64 * 1024, "peak memory {peak} KiB");
}
