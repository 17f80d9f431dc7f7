/*!
An endpoint's URL, read once into its parts by one set of rules. `options/` reads every
URL of the command line into a `Url`, and the plan carries that value: the checks of the
command line, port 0, the probe, the boundary and the warnings all take it instead of
cutting the string each its own way (which is how `ws://127.0.0.1`, no port, came to be
refused by probe and accepted by req). The URL's text is kept whole, and a `Url` reads
as that text (`Deref<Target = str>`): libnanomsg, the messages and the JSON records take
it as typed. Its parts come from the methods here, never from cutting that text again.

The shapes, as libnanomsg and nng take them:
- `tcp://[INTERFACE;]HOST:PORT`, `tls+tcp://...` the same;
- `ws://[INTERFACE;]HOST:PORT[/PATH]`, `wss://...` the same;
- `ipc://PATH` (relative or absolute), `inproc://NAME`.

HOST is a name, an IPv4 literal, `[IPv6]`, or `*` (any interface, to bind). A text that
names no transport nncat knows is still a `Url` (with no scheme): libnanomsg is the one
to refuse it, with its own error, as before it.

libnanomsg's own reading of tcp and ws addresses differs from this one on malformed
text (a colon or a `;` in a ws path); the boundary keeps that reading, see
`boundary/address.rs`.
*/

use std::ops::Range;

/// The transport a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Tcp,
    Ws,
    TlsTcp,
    Wss,
    Ipc,
    Inproc,
}

impl Scheme {
    const ALL: [(&'static str, Scheme); 6] = [
        ("tcp", Scheme::Tcp),
        ("ws", Scheme::Ws),
        ("tls+tcp", Scheme::TlsTcp),
        ("wss", Scheme::Wss),
        ("ipc", Scheme::Ipc),
        ("inproc", Scheme::Inproc),
    ];

    pub fn name(self) -> &'static str {
        Scheme::ALL
            .iter()
            .find(|(_, scheme)| *scheme == self)
            .map_or("", |(name, _)| name)
    }

    fn named(name: &str) -> Option<Scheme> {
        Scheme::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, scheme)| *scheme)
    }

    /// Whether it runs over TCP, with a host and a port.
    pub fn over_tcp(self) -> bool {
        matches!(
            self,
            Scheme::Tcp | Scheme::Ws | Scheme::TlsTcp | Scheme::Wss
        )
    }

    /// Whether a path may follow the port (ws, wss).
    pub fn has_resource(self) -> bool {
        matches!(self, Scheme::Ws | Scheme::Wss)
    }

    /// Whether it runs inside TLS (tls+tcp, wss).
    pub fn is_tls(self) -> bool {
        matches!(self, Scheme::TlsTcp | Scheme::Wss)
    }
}

/// An endpoint's URL: its text as typed, and where each part of it lies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    text: String,
    scheme: Option<Scheme>,
    /// Where what follows `://` begins; None when the text has no `://`.
    rest: Option<usize>,
    /// Over TCP: the local interface before `;`, when given.
    interface: Option<Range<usize>>,
    /// Over TCP: the host as typed (`[::1]` keeps its brackets).
    host: Range<usize>,
    /// Over TCP: the port's digits as typed, when there is a port.
    port: Option<Range<usize>>,
    /// ws and wss: the path after the port, `/` included. It begins where the address
    /// ends, over every transport.
    resource: Range<usize>,
    /// ipc: the path; inproc: the name.
    path: Range<usize>,
}

impl Url {
    /// Reads `text` into its parts. A text that names no transport nncat knows has no
    /// scheme and no parts.
    pub fn new(text: impl Into<String>) -> Url {
        let text = text.into();
        let end = text.len();
        let rest = text.find("://").map(|at| at + "://".len());
        let scheme = rest.and_then(|rest| Scheme::named(&text[..rest - "://".len()]));
        let mut url = Url {
            scheme,
            rest,
            interface: None,
            host: end..end,
            port: None,
            resource: end..end,
            path: end..end,
            text,
        };
        match (scheme, rest) {
            (Some(scheme), Some(rest)) if scheme.over_tcp() => url.read_address(scheme, rest),
            (Some(_), Some(rest)) => url.path = rest..end,
            _ => {}
        }
        url
    }

    /// `[INTERFACE;]HOST[:PORT][/PATH]`, from `rest` on.
    fn read_address(&mut self, scheme: Scheme, rest: usize) {
        let end = self.text.len();
        let address_end = if scheme.has_resource() {
            self.text[rest..].find('/').map_or(end, |at| rest + at)
        } else {
            end
        };
        self.resource = address_end..end;
        let host_start = match self.text[rest..address_end].find(';') {
            Some(at) => {
                self.interface = Some(rest..rest + at);
                rest + at + 1
            }
            None => rest,
        };
        self.host = host_start..address_end;
        // The port follows the last colon, unless that colon is inside `[IPv6]`.
        let remote = &self.text[host_start..address_end];
        if let Some(colon) = remote.rfind(':')
            && !remote[colon + 1..].contains(']')
        {
            self.host = host_start..host_start + colon;
            self.port = Some(host_start + colon + 1..address_end);
        }
    }

    fn part(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or_default()
    }

    /// The whole URL, as typed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The transport, when it is one nncat knows.
    pub fn scheme(&self) -> Option<Scheme> {
        self.scheme
    }

    /// Whether it names a transport over TCP (tcp, ws, tls+tcp, wss).
    pub fn over_tcp(&self) -> bool {
        self.scheme.is_some_and(Scheme::over_tcp)
    }

    /// Whether it names a transport inside TLS (tls+tcp, wss).
    pub fn is_tls(&self) -> bool {
        self.scheme.is_some_and(Scheme::is_tls)
    }

    /// Whether the text has a `://` at all, whatever comes before it.
    pub fn has_scheme(&self) -> bool {
        self.rest.is_some()
    }

    /// What follows `://`: the whole text when there is none.
    pub fn after_scheme(&self) -> &str {
        self.text.get(self.rest.unwrap_or(0)..).unwrap_or_default()
    }

    /// Over TCP: `[INTERFACE;]HOST[:PORT]`, all before the ws path.
    pub fn address(&self) -> &str {
        self.part(&(self.rest.unwrap_or(0)..self.resource.start))
    }

    /// Over TCP: `HOST[:PORT]` as typed, the interface left out.
    pub fn remote(&self) -> &str {
        self.part(&(self.host.start..self.resource.start))
    }

    /// Over TCP: the local interface before `;`, when given.
    pub fn interface(&self) -> Option<&str> {
        self.interface.as_ref().map(|range| self.part(range))
    }

    /// Over TCP: the host as typed (`[::1]` keeps its brackets); empty otherwise.
    pub fn host(&self) -> &str {
        self.part(&self.host)
    }

    /// Over TCP: the port's digits as typed, when there is a port.
    pub fn port(&self) -> Option<&str> {
        self.port.as_ref().map(|range| self.part(range))
    }

    /// ws and wss: the path after the port, `/` included; empty when none.
    pub fn resource(&self) -> &str {
        self.part(&self.resource)
    }

    /// ipc: the path; inproc: the name; empty otherwise.
    pub fn path(&self) -> &str {
        self.part(&self.path)
    }

    /// The port as a number, when it is one (0 included: any port, to bind).
    pub fn port_number(&self) -> Option<u16> {
        let port = self.port()?;
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        port.parse().ok()
    }

    /// The host without the brackets of an IPv6 literal.
    pub fn bare_host(&self) -> &str {
        let host = self.host();
        host.strip_prefix('[')
            .and_then(|host| host.strip_suffix(']'))
            .unwrap_or(host)
    }

    /// Whether the host is the loopback, which no other machine reaches.
    pub fn is_loopback(&self) -> bool {
        let host = self.bare_host();
        host.starts_with("127.") || host == "localhost" || host == "::1"
    }

    /// The same address under another transport over TCP: a ws path is dropped for a
    /// transport that has none (`ws://H:P/x` as tcp is `tcp://H:P`).
    pub fn with_scheme(&self, scheme: Scheme) -> Url {
        let resource = if scheme.has_resource() {
            self.resource()
        } else {
            ""
        };
        Url::new(format!("{}://{}{resource}", scheme.name(), self.address()))
    }

    /// The same URL with `host` in place of its host (over TCP; any other is kept).
    pub fn with_host(&self, host: &str) -> Url {
        if !self.over_tcp() {
            return self.clone();
        }
        self.replaced(&self.host, host)
    }

    /// The same URL with `port` in place of its port, when it has one.
    pub fn with_port(&self, port: u16) -> Url {
        match &self.port {
            Some(range) => self.replaced(range, &port.to_string()),
            None => self.clone(),
        }
    }

    fn replaced(&self, range: &Range<usize>, by: &str) -> Url {
        let (Some(before), Some(after)) =
            (self.text.get(..range.start), self.text.get(range.end..))
        else {
            return self.clone();
        };
        Url::new(format!("{before}{by}{after}"))
    }
}

impl std::ops::Deref for Url {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests;
