/*!
Every rule of `url.rs`, tested: kept beside it rather than in it, so that url.rs reads
as the rules themselves and stays short.
*/

use super::*;

type Parts<'a> = (
    Option<Scheme>,
    Option<&'a str>,
    &'a str,
    Option<&'a str>,
    &'a str,
    &'a str,
);

fn parts(url: &Url) -> Parts<'_> {
    (
        url.scheme(),
        url.interface(),
        url.host(),
        url.port(),
        url.resource(),
        url.path(),
    )
}

fn port(text: &str) -> Option<u16> {
    Url::new(text).port_number()
}

#[test]
fn tcp_is_host_and_port_with_an_optional_interface() {
    let url = Url::new("tcp://127.0.0.1:5555");
    assert_eq!(
        parts(&url),
        (Some(Scheme::Tcp), None, "127.0.0.1", Some("5555"), "", "")
    );
    let url = Url::new("tcp://eth0;10.0.0.1:7");
    assert_eq!(
        parts(&url),
        (
            Some(Scheme::Tcp),
            Some("eth0"),
            "10.0.0.1",
            Some("7"),
            "",
            ""
        )
    );
    let url = Url::new("tls+tcp://localhost:443");
    assert_eq!(
        parts(&url),
        (Some(Scheme::TlsTcp), None, "localhost", Some("443"), "", "")
    );
    assert_eq!(Url::new("tcp://*:0").port(), Some("0"));
}

#[test]
fn a_missing_port_is_none_and_an_ipv6_literal_keeps_its_colons() {
    assert_eq!(Url::new("tcp://127.0.0.1").port(), None);
    assert_eq!(Url::new("ws://[::1]").host(), "[::1]");
    assert_eq!(Url::new("ws://[::1]").port(), None);
    assert_eq!(Url::new("ws://[::1]:80/x").port(), Some("80"));
    assert_eq!(Url::new("tcp://[::1]:9").bare_host(), "::1");
    assert_eq!(Url::new("tcp://host:").port(), Some(""));
    assert_eq!(port("tcp://host:"), None);
    assert_eq!(port("tcp://host:99999"), None);
    assert_eq!(port("tcp://host:+5"), None);
    assert_eq!(port("tcp://host:0"), Some(0));
}

#[test]
fn ws_has_a_path_after_the_port_and_tcp_none() {
    let url = Url::new("ws://127.0.0.1:80/feed?x=1");
    assert_eq!(
        parts(&url),
        (
            Some(Scheme::Ws),
            None,
            "127.0.0.1",
            Some("80"),
            "/feed?x=1",
            ""
        )
    );
    assert_eq!(Url::new("wss://h:1").resource(), "");
    assert_eq!(
        Url::new("ws://127.0.0.1/feed").port(),
        None,
        "no port before the path"
    );
    // tcp takes no path: what follows is part of the port, which is then no number.
    assert_eq!(Url::new("tcp://h:5/x").port(), Some("5/x"));
    assert_eq!(port("tcp://h:5/x"), None);
    assert_eq!(Url::new("tls+tcp://h:5/x").resource(), "");
}

#[test]
fn the_address_is_all_before_the_path_and_the_remote_leaves_the_interface_out() {
    let url = Url::new("ws://eth0;127.0.0.1:80/feed");
    assert_eq!(url.after_scheme(), "eth0;127.0.0.1:80/feed");
    assert_eq!(url.address(), "eth0;127.0.0.1:80");
    assert_eq!(url.remote(), "127.0.0.1:80");
    let url = Url::new("tcp://h");
    assert_eq!((url.address(), url.remote()), ("h", "h"));
    // Only the first `;` ends the interface.
    let url = Url::new("tcp://a;b;h:1");
    assert_eq!((url.interface(), url.remote()), (Some("a"), "b;h:1"));
}

#[test]
fn ipc_and_inproc_are_a_path_and_a_name() {
    assert_eq!(
        parts(&Url::new("ipc:///tmp/a.sock")),
        (Some(Scheme::Ipc), None, "", None, "", "/tmp/a.sock")
    );
    assert_eq!(Url::new("ipc://relative/a.sock").path(), "relative/a.sock");
    assert_eq!(Url::new("inproc://name").scheme(), Some(Scheme::Inproc));
    assert_eq!(Url::new("inproc://name").path(), "name");
    assert_eq!(Url::new("ipc://").path(), "");
    assert!(!Url::new("ipc:///tmp/a:5").over_tcp());
}

#[test]
fn unknown_schemes_and_text_without_one_are_kept_whole_with_no_parts() {
    for text in [
        "carrier-pigeon://coop",
        "tcp+tls://h:1",
        "tcp:/x",
        "127.0.0.1:5555",
    ] {
        let url = Url::new(text);
        assert_eq!(url.scheme(), None, "{text}");
        assert_eq!(url.as_str(), text);
        assert_eq!(&*url, text, "it reads as its text");
        assert_eq!(url.to_string(), text);
        assert_eq!((url.host(), url.port(), url.path()), ("", None, ""));
    }
    assert!(Url::new("carrier-pigeon://coop").has_scheme());
    assert_eq!(Url::new("carrier-pigeon://coop").after_scheme(), "coop");
    assert!(!Url::new("127.0.0.1:5555").has_scheme());
    assert_eq!(Url::new("127.0.0.1:5555").after_scheme(), "127.0.0.1:5555");
    // The scheme is all before the first `://`.
    assert_eq!(Url::new("tcp://a://b").scheme(), Some(Scheme::Tcp));
    assert_eq!(Url::new("xtcp://a:1").scheme(), None);
}

#[test]
fn tls_is_tls_tcp_and_wss() {
    for (text, tls) in [
        ("tls+tcp://h:1", true),
        ("wss://h:1/x", true),
        ("tcp://h:1", false),
        ("ws://h:1", false),
        ("ipc:///x", false),
        ("tcp+tls://h:1", false),
    ] {
        assert_eq!(Url::new(text).is_tls(), tls, "{text}");
    }
}

#[test]
fn loopback_is_127_localhost_and_the_ipv6_one() {
    for loopback in ["tcp://127.0.0.1:1", "ws://localhost:1", "tcp://[::1]:1"] {
        assert!(Url::new(loopback).is_loopback(), "{loopback}");
    }
    for other in ["tcp://*:1", "tcp://10.0.0.1:1", "tcp://eth0;127.0.0.1:1"] {
        assert_eq!(
            Url::new(other).is_loopback(),
            other.contains("127."),
            "{other}"
        );
    }
}

#[test]
fn another_scheme_keeps_the_address_and_drops_a_path_it_cannot_carry() {
    let ws = Url::new("ws://i;h:1/feed");
    assert_eq!(ws.with_scheme(Scheme::Tcp).as_str(), "tcp://i;h:1");
    assert_eq!(ws.with_scheme(Scheme::Wss).as_str(), "wss://i;h:1/feed");
    let tcp = Url::new("tcp://h:1");
    assert_eq!(tcp.with_scheme(Scheme::TlsTcp).as_str(), "tls+tcp://h:1");
    assert_eq!(tcp.with_scheme(Scheme::Ws).as_str(), "ws://h:1");
    let wss = Url::new("wss://h:1/x").with_scheme(Scheme::Ws);
    assert_eq!((wss.scheme(), wss.resource()), (Some(Scheme::Ws), "/x"));
}

#[test]
fn a_new_host_or_port_replaces_only_that_part() {
    let url = Url::new("ws://127.0.0.1:6/path");
    let mapped = url.with_host("[::ffff:127.0.0.1]");
    assert_eq!(mapped.as_str(), "ws://[::ffff:127.0.0.1]:6/path");
    assert_eq!(
        (mapped.bare_host(), mapped.port()),
        ("::ffff:127.0.0.1", Some("6"))
    );
    // The host, not the same text in the interface before it.
    let url = Url::new("tcp://127.0.0.1;127.0.0.1:5").with_host("[::1]");
    assert_eq!(url.as_str(), "tcp://127.0.0.1;[::1]:5");
    assert_eq!(Url::new("ipc:///x").with_host("h").as_str(), "ipc:///x");
    let url = Url::new("ws://127.0.0.1:0/feed").with_port(5555);
    assert_eq!(
        (url.as_str(), url.port_number()),
        ("ws://127.0.0.1:5555/feed", Some(5555))
    );
    assert_eq!(Url::new("tcp://h").with_port(1).as_str(), "tcp://h");
}
