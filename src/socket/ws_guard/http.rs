/*!
The ws upgrade's HTTP heads: strict parsing of what a peer sent, and the canonical heads
nncat writes to libnanomsg in its place.

libnanomsg 1.1.5 aborts the process on some heads it does not expect (a request that is
not `GET ... HTTP/1.1` and long enough, ws_handshake.c:1340; an answer that is not an
HTTP/1.1 status line, ws_handshake.c:679). So a peer's head never reaches it: it is read
here, checked against what RFC 6455 asks for, and only the values nncat checked (a key,
a protocol name, an accept key) go into a head nncat builds in the exact shape
libnanomsg itself writes and reads.
*/

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The end of a head.
pub const HEAD_END: &[u8] = b"\r\n\r\n";

/// What nncat answers a request it refuses: `reason` is `Bad Request`, or one of
/// libnanomsg's own reasons for a protocol name it would refuse.
pub fn refusing(reason: &str) -> Vec<u8> {
    format!("HTTP/1.1 400 {reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").into_bytes()
}

/// The longest protocol name passed on: nanomsg's longest is 25 bytes
/// (`respondent.sp.nanomsg.org`), and libnanomsg holds a whole head in 4 KiB.
const PROTOCOL_MAX: usize = 64;

/// A client's upgrade request, as far as nncat passes it on.
#[derive(Debug, PartialEq, Eq)]
pub struct Upgrade {
    pub target: String,
    pub key: String,
    pub protocol: Option<String>,
}

/// A server's acceptance of the upgrade.
#[derive(Debug, PartialEq, Eq)]
pub struct Accepted {
    pub accept: String,
    pub protocol: Option<String>,
}

/// A head split into its first line and its fields, every byte of it checked: lines end
/// in CRLF, the first line is printable ASCII, field names are tokens, values hold no
/// control bytes but tabs.
struct Head<'a> {
    first: &'a str,
    fields: Vec<(&'a str, &'a [u8])>,
}

impl<'a> Head<'a> {
    /// `head` ends with the empty line.
    fn parse(head: &'a [u8]) -> Result<Head<'a>, &'static str> {
        let body = head
            .strip_suffix(HEAD_END)
            .ok_or("the head does not end with an empty line")?;
        let mut lines = split_crlf(body);
        let first = lines.next().unwrap_or_default();
        if first.is_empty() || !first.iter().all(|&b| (0x20..0x7f).contains(&b)) {
            return Err("the first line is not printable ASCII");
        }
        let first = std::str::from_utf8(first).map_err(|_| "the first line is not ASCII")?;
        let mut fields = Vec::new();
        for line in lines {
            let colon = line
                .iter()
                .position(|&b| b == b':')
                .ok_or("a header line has no colon")?;
            let (name, value) = (&line[..colon], &line[colon + 1..]);
            if !is_token(name) {
                return Err("a header name is not a token");
            }
            if value.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f) {
                return Err("a header value holds control bytes");
            }
            let name = std::str::from_utf8(name).map_err(|_| "a header name is not ASCII")?;
            fields.push((name, value.trim_ascii()));
        }
        Ok(Head { first, fields })
    }

    fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'a [u8]> + 's {
        self.fields
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }

    /// The one value of `name`: none, or more than one, is `missing` or a duplicate.
    fn one(&self, name: &str, missing: &'static str) -> Result<&'a [u8], &'static str> {
        let mut values = self.all(name);
        let value = values.next().ok_or(missing)?;
        if values.next().is_some() {
            return Err("a header appears twice");
        }
        Ok(value)
    }

    fn at_most_one(&self, name: &str) -> Result<Option<&'a [u8]>, &'static str> {
        let mut values = self.all(name);
        let value = values.next();
        if values.next().is_some() {
            return Err("a header appears twice");
        }
        Ok(value)
    }

    /// `Upgrade: websocket` and a `Connection` that lists `Upgrade`, as RFC 6455 asks
    /// of both sides.
    fn upgrades_to_websocket(&self) -> Result<(), &'static str> {
        let upgrade = self.one("Upgrade", "no Upgrade header")?;
        if !upgrade.eq_ignore_ascii_case(b"websocket") {
            return Err("Upgrade is not websocket");
        }
        let listed = self.all("Connection").any(|value| {
            value
                .split(|&b| b == b',')
                .any(|item| item.trim_ascii().eq_ignore_ascii_case(b"upgrade"))
        });
        if !listed {
            return Err("Connection does not list Upgrade");
        }
        Ok(())
    }

    fn protocol(&self) -> Result<Option<String>, &'static str> {
        match self.at_most_one("Sec-WebSocket-Protocol")? {
            None => Ok(None),
            Some(name) if is_token(name) && name.len() <= PROTOCOL_MAX => {
                Ok(Some(String::from_utf8_lossy(name).into_owned()))
            }
            Some(_) => Err("Sec-WebSocket-Protocol is not one protocol name"),
        }
    }
}

/// Checks a client's upgrade request: `GET <target> HTTP/1.1`, a Host, Upgrade and
/// Connection, a 16-byte key in base64, version 13, and at most one protocol name.
pub fn parse_request(head: &[u8]) -> Result<Upgrade, &'static str> {
    let head = Head::parse(head)?;
    let mut parts = head.first.split(' ');
    let (Some("GET"), Some(target), Some("HTTP/1.1"), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("the request line is not 'GET <path> HTTP/1.1'");
    };
    if target.is_empty() {
        return Err("the request line is not 'GET <path> HTTP/1.1'");
    }
    head.one("Host", "no Host header")?;
    head.upgrades_to_websocket()?;
    let key = head.one("Sec-WebSocket-Key", "no Sec-WebSocket-Key header")?;
    if !is_base64_of(key, 16) {
        return Err("Sec-WebSocket-Key is not 16 bytes in base64");
    }
    if head.one("Sec-WebSocket-Version", "no Sec-WebSocket-Version header")? != b"13" {
        return Err("Sec-WebSocket-Version is not 13");
    }
    Ok(Upgrade {
        target: target.to_string(),
        key: String::from_utf8_lossy(key).into_owned(),
        protocol: head.protocol()?,
    })
}

/// Checks a server's answer: `Ok(Some)` for a valid `101` (Upgrade, Connection, a
/// 20-byte accept key in base64), `Ok(None)` for any other status, and the reason for a
/// head that is not an HTTP/1.1 answer.
pub fn parse_response(head: &[u8]) -> Result<Option<Accepted>, String> {
    let head = Head::parse(head)?;
    let mut parts = head.first.splitn(3, ' ');
    let (Some("HTTP/1.1"), Some(status), Some(_reason)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return Err("the answer's status line is not 'HTTP/1.1 <code> <reason>'".into());
    };
    if status.len() != 3 || !status.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the answer's status code is not three digits".into());
    }
    if status != "101" {
        return Ok(None);
    }
    head.upgrades_to_websocket()?;
    let accept = head.one("Sec-WebSocket-Accept", "no Sec-WebSocket-Accept header")?;
    if !is_base64_of(accept, 20) {
        return Err("Sec-WebSocket-Accept is not 20 bytes in base64".into());
    }
    Ok(Some(Accepted {
        accept: String::from_utf8_lossy(accept).into_owned(),
        protocol: head.protocol()?,
    }))
}

/// The status line of an answer that refuses the upgrade, as soon as that line is in:
/// `HTTP/1.x`, a code other than 101, and a printable reason.
pub fn refusal(seen: &[u8]) -> Option<String> {
    let end = seen.windows(2).position(|w| w == b"\r\n")?;
    let line = std::str::from_utf8(&seen[..end]).ok()?;
    if !line.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    let mut parts = line.splitn(3, ' ');
    let (Some("HTTP/1.1" | "HTTP/1.0"), Some(status), Some(_)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let refuses =
        status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit()) && status != "101";
    refuses.then(|| line.to_string())
}

/// An upgrade request in the shape libnanomsg writes (ws_handshake.c), which its server
/// side reads without surprise.
pub fn request(target: &str, host: &str, key: &str, protocol: Option<&str>) -> Vec<u8> {
    let mut head = format!(
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
    );
    if let Some(protocol) = protocol {
        head.push_str(&format!("Sec-WebSocket-Protocol: {protocol}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// A `101` in the shape libnanomsg's server writes.
pub fn switching(accepted: &Accepted) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Accept: {}\r\n",
        accepted.accept
    );
    if let Some(protocol) = &accepted.protocol {
        head.push_str(&format!("Sec-WebSocket-Protocol: {protocol}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// Where the head in `bytes` ends (just past its empty line), if it has.
pub fn head_len(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(HEAD_END.len())
        .position(|w| w == HEAD_END)
        .map(|at| at + HEAD_END.len())
}

/// Lines split at CRLF; a lone CR or LF stays in its line, where the checks refuse it.
fn split_crlf(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.windows(2).position(|w| w == b"\r\n") {
            Some(at) => {
                rest = Some(&current[at + 2..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// RFC 9110's token: what a header name or a protocol name is made of.
fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether `text` is exactly the padded base64 of `len` bytes.
fn is_base64_of(text: &[u8], len: usize) -> bool {
    text.len() == len.div_ceil(3) * 4 && STANDARD.decode(text).is_ok_and(|bytes| bytes.len() == len)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "dGhlIHNhbXBsZSBub25jZQ==";

    fn valid() -> String {
        format!(
            "GET /path HTTP/1.1\r\nHost: example:80\r\nUpgrade: websocket\r\n\
             Connection: keep-alive, Upgrade\r\nSec-WebSocket-Key: {KEY}\r\n\
             Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: pull.sp.nanomsg.org\r\n\
             User-Agent: caf\u{e9}\r\n\r\n"
        )
    }

    #[test]
    fn a_valid_request_gives_its_key_and_protocol() {
        let upgrade = parse_request(valid().as_bytes()).expect("valid");
        assert_eq!(upgrade.target, "/path");
        assert_eq!(upgrade.key, KEY);
        assert_eq!(upgrade.protocol.as_deref(), Some("pull.sp.nanomsg.org"));
    }

    #[test]
    fn requests_libnanomsg_would_abort_on_or_refuse_are_refused() {
        let padding = "x".repeat(150);
        for bad in [
            format!("POST / HTTP/1.1\r\nUser-Agent: {padding}\r\n\r\n"),
            format!("GET / HTTP/1.0\r\nUser-Agent: {padding}\r\n\r\n"),
            valid().replace("GET /path", "GET  /path"),
            valid().replace("GET /path HTTP/1.1", "get /path HTTP/1.1"),
            valid().replace("Host: example:80\r\n", ""),
            valid().replace("Upgrade: websocket", "Upgrade: h2c"),
            valid().replace("keep-alive, Upgrade", "keep-alive"),
            valid().replace(KEY, "short=="),
            valid().replace(KEY, "dGhlIHNhbXBsZSBub25jZQ=!"),
            valid().replace("Version: 13", "Version: 8"),
            valid().replace(
                "pull.sp.nanomsg.org",
                "pull.sp.nanomsg.org, sub.sp.nanomsg.org",
            ),
            valid().replace(
                "Upgrade: websocket\r\n",
                "Upgrade: websocket\r\nUpgrade: websocket\r\n",
            ),
            valid().replace("User-Agent", " User-Agent"),
            valid().replace("User-Agent: ", "User-Agent: \x01"),
            valid().replace("\r\nHost", "\nHost"),
            "garbage garbage garbage\r\n\r\n".to_string(),
        ] {
            assert!(parse_request(bad.as_bytes()).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn a_request_without_a_protocol_is_passed_on_without_one() {
        let head = valid().replace("Sec-WebSocket-Protocol: pull.sp.nanomsg.org\r\n", "");
        assert_eq!(
            parse_request(head.as_bytes()).expect("valid").protocol,
            None
        );
    }

    #[test]
    fn the_canonical_request_reads_back_as_the_same_upgrade() {
        let built = request("/", "127.0.0.1:1", KEY, Some("pull.sp.nanomsg.org"));
        let upgrade = parse_request(&built).expect("valid");
        assert_eq!(upgrade.key, KEY);
        assert_eq!(upgrade.protocol.as_deref(), Some("pull.sp.nanomsg.org"));
        assert_eq!(head_len(&built), Some(built.len()));
    }

    #[test]
    fn answers_are_a_valid_101_another_status_or_refused() {
        let accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
        let ok = format!(
            "HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: pull.sp.nanomsg.org\r\n\r\n"
        );
        let accepted = parse_response(ok.as_bytes())
            .expect("valid")
            .expect("a 101");
        assert_eq!(accepted.accept, accept);
        let rebuilt = switching(&accepted);
        assert_eq!(parse_response(&rebuilt).expect("valid"), Some(accepted));

        let refused = b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n";
        assert_eq!(parse_response(refused), Ok(None));
        // libnanomsg's own refusal has no empty line: its status line is enough.
        assert_eq!(
            refusal(b"HTTP/1.1 400 Incompatible Socket Type\r\nSec-WebSocket-Version: 13\r\n"),
            Some("HTTP/1.1 400 Incompatible Socket Type".into())
        );
        assert_eq!(refusal(b"HTTP/1.1 400 Incompatible"), None);
        assert_eq!(refusal(ok.as_bytes()), None);
        assert_eq!(refusal(b"garbage garbage garbage\r\n\r\n"), None);

        for bad in [
            "garbage garbage garbage\r\n\r\n".to_string(),
            "HTTP/1.1 101\r\n\r\n".to_string(),
            "HTTP/1.0 101 OK\r\n\r\n".to_string(),
            "HTTP/1.1 1O1 OK\r\n\r\n".to_string(),
            ok.replace(accept, "short"),
            ok.replace("Connection: Upgrade\r\n", ""),
        ] {
            assert!(parse_response(bad.as_bytes()).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn a_head_ends_at_its_first_empty_line() {
        assert_eq!(head_len(b"GET / HTTP/1.1\r\n\r\nframes"), Some(18));
        assert_eq!(head_len(b"GET / HTTP/1.1\r\n"), None);
    }
}
