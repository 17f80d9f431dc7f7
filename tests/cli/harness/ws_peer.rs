//! A ws client made by hand, to send nncat the frames a hostile peer would: fragments,
//! control frames, text with split UTF-8, lying lengths. (A maintained crate would
//! refuse to send most of them.)

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub const TEXT: u8 = 0x1;
pub const BINARY: u8 = 0x2;
pub const CONTINUATION: u8 = 0x0;
pub const PING: u8 = 0x9;

pub struct WsPeer {
    pub stream: TcpStream,
}

impl WsPeer {
    /// Connects to `host:port` and upgrades, asking for a server of type `server`.
    pub fn connect(address: &str, server: &str) -> io::Result<WsPeer> {
        let mut stream = TcpStream::connect(address)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.set_nodelay(true)?;
        stream.write_all(upgrade_request(address, server).as_bytes())?;
        let head = read_head(&mut stream)?;
        if !head.starts_with("HTTP/1.1 101") {
            return Err(io::Error::other(head));
        }
        Ok(WsPeer { stream })
    }

    /// One masked frame, as a client must send it.
    pub fn frame(&mut self, fin: bool, opcode: u8, payload: &[u8]) -> io::Result<()> {
        self.stream.write_all(&frame_bytes(fin, opcode, payload))
    }

    /// A binary message in one frame.
    pub fn message(&mut self, payload: &[u8]) -> io::Result<()> {
        self.frame(true, BINARY, payload)
    }

    /// Reads until nncat closes, for at most the read timeout; whether it did.
    pub fn closed_by_peer(&mut self) -> bool {
        let mut sink = [0u8; 4096];
        loop {
            match self.stream.read(&mut sink) {
                Ok(0) => return true,
                Ok(_) => {}
                Err(err) if err.kind() == io::ErrorKind::ConnectionReset => return true,
                Err(_) => return false,
            }
        }
    }
}

/// The upgrade a ws client sends to `host`, asking for a server of type `server`.
pub fn upgrade_request(host: &str, server: &str) -> String {
    format!(
        "GET / HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Protocol: {server}.sp.nanomsg.org\r\n\r\n"
    )
}

/// Reads an HTTP head (a request or a response), up to its empty line.
pub fn read_head(stream: &mut impl Read) -> io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte)?;
        head.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

pub fn frame_bytes(fin: bool, opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mask = [0x5a, 0xa5, 0x3c, 0xc3];
    let mut bytes = vec![if fin { 0x80 } else { 0 } | opcode];
    match payload.len() {
        len @ 0..=125 => bytes.push(0x80 | len as u8),
        len @ 126..=65535 => {
            bytes.push(0x80 | 126);
            bytes.extend_from_slice(&(len as u16).to_be_bytes());
        }
        len => {
            bytes.push(0x80 | 127);
            bytes.extend_from_slice(&(len as u64).to_be_bytes());
        }
    }
    bytes.extend_from_slice(&mask);
    bytes.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    bytes
}
