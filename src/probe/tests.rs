use std::io::{Read, Write};
use std::net::TcpListener;

use super::wire::host_and_port;
use super::*;

#[test]
fn escaped_shows_the_first_line_safely() {
    assert_eq!(
        escaped(b"HTTP/1.1 400 Bad Request\r\nServer: x\r\n"),
        "\"HTTP/1.1 400 Bad Request\""
    );
    assert_eq!(escaped(b"\x00\xffab\"\\"), "\"\\x00\\xffab\\\"\\\\\"");
    assert_eq!(escaped(&[b'a'; 70]), format!("\"{}\"...", "a".repeat(64)));
}

#[test]
fn identity_names_known_numbers_and_shows_others() {
    assert_eq!(
        Identity { protocol_id: 49 }.describe(),
        "rep (SP protocol 49)"
    );
    assert_eq!(Identity { protocol_id: 17 }.describe(), "SP protocol 17");
}

#[test]
fn host_and_port_takes_the_remote_part() {
    let of = |text: &str| host_and_port(&Url::new(text));
    assert_eq!(
        of("tcp://eth0;127.0.0.1:5555"),
        Ok(("127.0.0.1".to_string(), 5555))
    );
    assert_eq!(of("ws://[::1]:7/x"), Ok(("::1".to_string(), 7)));
    assert!(of("tcp://127.0.0.1").is_err());
    assert!(of("tcp://*:5555").is_err());
    assert!(of("tcp://h:0").is_err());
}

#[test]
fn a_closed_port_is_refused_and_a_missing_ipc_path_is_named() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener.local_addr().expect("an address").port();
    drop(listener);
    let url = Url::new(format!("tcp://127.0.0.1:{port}"));
    assert_eq!(
        probe(&url, Duration::from_secs(2), None),
        Err(ProbeError::Refused)
    );
    assert_eq!(
        probe(
            &Url::new("ipc:///nonexistent-folder/x.sock"),
            Duration::from_secs(2),
            None
        ),
        Err(ProbeError::NoSuchIpcSocket { meant: None })
    );
}

#[test]
fn a_std_server_that_sends_a_header_is_identified() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener.local_addr().expect("an address").port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("a connection");
        stream
            .write_all(&[0, b'S', b'P', 0, 0, 49, 0, 0])
            .expect("the header is sent");
        let mut theirs = [0u8; 8];
        stream.read_exact(&mut theirs).expect("the probe's header");
        theirs
    });
    let found = probe(
        &Url::new(format!("tcp://127.0.0.1:{port}")),
        Duration::from_secs(5),
        None,
    );
    assert_eq!(found, Ok(Identity { protocol_id: 49 }));
    assert_eq!(server.join().expect("the server ends"), PROBE_HEADER);
}
