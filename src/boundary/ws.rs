/*!
The ws transport, through tungstenite: the upgrade on either side, then messages.

tungstenite checks what libnanomsg would have choked on (UTF-8 across fragments,
control frames, masks) and is told nncat's limits: a message, fragments included, may
not pass --recv-maxsz, and its read and write buffers are small, so a thousand peers
stay cheap. Pings are answered and never become messages; a close ends the peer.

The upgrade follows libnanomsg's rules: a client names the server's type in
`Sec-WebSocket-Protocol` (`pull.sp.nanomsg.org`), a server takes only its own type
(none at all means pair), and nncat refuses the rest itself, with the reason, because
libnanomsg 1.1.5 attaches the peer anyway after its own 400.
*/

use std::io;
use std::time::Duration;

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{FutureExt, SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::error::{CapacityError, Error as WsError, ProtocolError};
use tokio_tungstenite::tungstenite::handshake::client::Request;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Response};
use tokio_tungstenite::tungstenite::http::{HeaderValue, StatusCode};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Message, WebSocketConfig};

use super::address::Remote;
use super::request_target::EmptyTargetAsRoot;
use super::{Incoming, Outgoing, Received, Refusal};
use crate::kind::SocketType;

/// How long a peer has to complete its upgrade: libnanomsg's own ws handshake timeout.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

/// Each peer's read buffer: tungstenite's default is 128 KiB.
const READ_BUFFER: usize = 16 * 1024;

const PROTOCOL_HEADER: &str = "Sec-WebSocket-Protocol";

/// Messages from a ws peer over stream `S` (a TCP connection, or TLS over one).
pub struct WsIncoming<S> {
    stream: SplitStream<WebSocketStream<S>>,
    /// What `buffered` found already here, for the next `next`: tungstenite keeps its
    /// read buffer to itself, so the only way to know is to take the message.
    ready: Option<Received>,
}

impl<S> WsIncoming<S> {
    fn new(stream: SplitStream<WebSocketStream<S>>) -> WsIncoming<S> {
        WsIncoming {
            stream,
            ready: None,
        }
    }
}

/// Messages to a ws peer over stream `S`.
pub struct WsOutgoing<S>(SplitSink<WebSocketStream<S>, Message>);

/// A type's ws protocol name.
pub fn protocol_name(kind: SocketType) -> String {
    format!("{}.sp.nanomsg.org", kind.name())
}

fn config(recv_max_size: usize) -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(READ_BUFFER)
        .max_message_size(Some(recv_max_size))
        .max_frame_size(Some(recv_max_size))
}

/// Why an upgrade did not happen, in words for `-v`.
pub struct Failed(pub String);

/// Why a client's upgrade was not taken: said in words (nothing for a client that
/// closed before asking), and whether nncat must still answer it (tungstenite answers
/// only the requests it could read).
pub struct Refused {
    pub why: String,
    pub answered: bool,
}

/// A ws peer's two halves, over the stream `S`.
type Halves<S> = (WsIncoming<S>, WsOutgoing<S>);

/// A client's upgrade, on a connection nncat accepted: the peer's halves, or what was
/// wrong with its request.
pub async fn accept<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    own: SocketType,
    recv_max_size: usize,
) -> Result<Halves<EmptyTargetAsRoot<S>>, Refused> {
    let stream = EmptyTargetAsRoot::new(stream);
    let mut refused = None;
    let check = |request: &Request, mut response: Response| {
        let asked = request
            .headers()
            .get(PROTOCOL_HEADER)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        match admit(asked.as_deref(), own) {
            Ok(Some(name)) => {
                if let Ok(value) = HeaderValue::from_str(&name) {
                    response.headers_mut().insert(PROTOCOL_HEADER, value);
                }
                Ok(response)
            }
            Ok(None) => Ok(response),
            Err(reason) => {
                refused = Some(format!(
                    "it asks for {}, and this socket is {} ({reason})",
                    asked.as_deref().unwrap_or("no protocol (a pair)"),
                    protocol_name(own)
                ));
                let mut answer = ErrorResponse::new(None);
                *answer.status_mut() = StatusCode::BAD_REQUEST;
                Err(answer)
            }
        }
    };
    let upgrade =
        tokio_tungstenite::accept_hdr_async_with_config(stream, check, Some(config(recv_max_size)));
    match tokio::time::timeout(HANDSHAKE_TIMEOUT, upgrade).await {
        Ok(Ok(socket)) => {
            let (sink, stream) = socket.split();
            Ok((WsIncoming::new(stream), WsOutgoing(sink)))
        }
        Ok(Err(err)) => Err(match refused {
            Some(why) => Refused {
                why,
                answered: true,
            },
            // A port probe, or a client that changed its mind: nothing to say.
            None if matches!(err, WsError::Protocol(ProtocolError::HandshakeIncomplete)) => {
                Refused {
                    why: String::new(),
                    answered: true,
                }
            }
            None => Refused {
                why: format!("not a ws upgrade: {}", describe(&err)),
                answered: matches!(err, WsError::Http(_)),
            },
        }),
        Err(_) => Err(Refused {
            why: format!(
                "no complete upgrade request within {}",
                humantime::format_duration(HANDSHAKE_TIMEOUT)
            ),
            answered: false,
        }),
    }
}

/// The upgrade request for a connecting endpoint, checked before anything connects.
pub fn client_request(remote: &Remote, server: SocketType) -> io::Result<Request> {
    let resource = if remote.resource.is_empty() {
        "/"
    } else {
        &remote.resource
    };
    let uri = format!("ws://{}{resource}", remote.host_header);
    let mut request = uri
        .into_client_request()
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    let name = HeaderValue::from_str(&protocol_name(server))
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    request.headers_mut().insert(PROTOCOL_HEADER, name);
    Ok(request)
}

/// Upgrades a connection nncat made to a server.
pub async fn connect<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    request: Request,
    recv_max_size: usize,
) -> Result<(WsIncoming<S>, WsOutgoing<S>), Failed> {
    let upgrade =
        tokio_tungstenite::client_async_with_config(request, stream, Some(config(recv_max_size)));
    match tokio::time::timeout(HANDSHAKE_TIMEOUT, upgrade).await {
        Ok(Ok((socket, _))) => {
            let (sink, stream) = socket.split();
            Ok((WsIncoming::new(stream), WsOutgoing(sink)))
        }
        Ok(Err(WsError::Http(response))) => {
            let status = response.status();
            let reason = response
                .body()
                .as_deref()
                .map(String::from_utf8_lossy)
                .filter(|body| !body.is_empty() && body.len() < 80)
                .map_or_else(
                    || status.canonical_reason().unwrap_or("").to_string(),
                    |body| body.into_owned(),
                );
            Err(Failed(format!(
                "the server refused the ws upgrade: HTTP/1.1 {} {reason}",
                status.as_u16()
            )))
        }
        Ok(Err(err)) => Err(Failed(format!(
            "the server's answer to the ws upgrade is not valid: {}",
            describe(&err)
        ))),
        Err(_) => Err(Failed(format!(
            "the server did not answer the ws upgrade within {}",
            humantime::format_duration(HANDSHAKE_TIMEOUT)
        ))),
    }
}

/// Whether a server of type `own` takes a client asking for `protocol`, as libnanomsg
/// decides it: the protocol name to answer with, or the reason for a 400. With no name,
/// only pair is taken (libnanomsg presumes a pair peer).
fn admit(protocol: Option<&str>, own: SocketType) -> Result<Option<String>, &'static str> {
    let Some(asked) = protocol else {
        return match own {
            SocketType::Pair => Ok(None),
            _ => Err("Incompatible Socket Type"),
        };
    };
    let asked_for = SocketType::ALL
        .into_iter()
        .find(|kind| protocol_name(*kind).eq_ignore_ascii_case(asked));
    match asked_for {
        Some(kind) if kind == own => Ok(Some(protocol_name(own))),
        Some(_) => Err("Incompatible Socket Type"),
        None => Err("Unrecognized Socket Type"),
    }
}

/// tungstenite's error in a user's words, without its debug forms.
fn describe(err: &WsError) -> String {
    match err {
        WsError::Io(err) => crate::report::without_os_error_numbers(&err.to_string()),
        WsError::Protocol(problem) => problem.to_string(),
        WsError::AttackAttempt => "the request head is too long or too fragmented".into(),
        other => other.to_string(),
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> WsIncoming<S> {
    async fn receive(&mut self) -> Received {
        loop {
            return match self.stream.next().await {
                Some(Ok(Message::Binary(bytes))) => Received::Message(bytes),
                Some(Ok(Message::Text(text))) => Received::Message(text.into()),
                // Answered by tungstenite; never a message.
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                Some(Ok(Message::Close(_))) | None => Received::Ended,
                Some(Err(WsError::Capacity(CapacityError::MessageTooLong { size, .. }))) => {
                    Received::Refused(Refusal::Oversize(size as u64))
                }
                // A peer that went away without the closing handshake (killed, or a
                // probe that had its answer) broke no rule a hostile peer would.
                Some(Err(WsError::Protocol(ProtocolError::ResetWithoutClosingHandshake))) => {
                    Received::Ended
                }
                Some(Err(WsError::Protocol(problem))) => {
                    Received::Refused(Refusal::BadFrame(problem.to_string()))
                }
                Some(Err(WsError::Utf8(_))) => Received::Refused(Refusal::BadFrame(
                    "a text message that is not valid UTF-8".into(),
                )),
                Some(Err(_)) => Received::Ended,
            };
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> Incoming for WsIncoming<S> {
    async fn next(&mut self) -> Received {
        match self.ready.take() {
            Some(ready) => ready,
            None => self.receive().await,
        }
    }

    /// Takes the next message if it is here without waiting: one write into the link
    /// for a burst, as for tcp and ipc, where each message cost a write of its own
    /// (and the kernel a buffer of its own for each). A receive that is not ready is
    /// dropped at no loss: tungstenite keeps a partial frame in its own buffer, and
    /// the next poll (`next`, with the task's waker) goes on from there.
    fn buffered(&mut self) -> bool {
        if self.ready.is_none() {
            self.ready = self.receive().now_or_never();
        }
        self.ready.is_some()
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> Outgoing for WsOutgoing<S> {
    async fn send(&mut self, message: Vec<u8>) -> io::Result<()> {
        self.0
            .feed(Message::Binary(message.into()))
            .await
            .map_err(|err| io::Error::other(describe(&err)))
    }

    async fn flush(&mut self) -> io::Result<()> {
        SinkExt::flush(&mut self.0)
            .await
            .map_err(|err| io::Error::other(describe(&err)))
    }

    async fn finish(&mut self, refusal: Option<&Refusal>) {
        let code = match refusal {
            None => CloseCode::Normal,
            Some(Refusal::Oversize(_)) => CloseCode::Size,
            Some(Refusal::BadFrame(_)) => CloseCode::Protocol,
        };
        let close = CloseFrame {
            code,
            reason: Default::default(),
        };
        let _ = self.0.send(Message::Close(Some(close))).await;
        let _ = self.0.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_takes_only_clients_that_ask_for_its_own_type() {
        assert_eq!(
            admit(Some("pull.sp.nanomsg.org"), SocketType::Pull),
            Ok(Some("pull.sp.nanomsg.org".into()))
        );
        assert_eq!(
            admit(Some("PULL.sp.nanomsg.org"), SocketType::Pull),
            Ok(Some("pull.sp.nanomsg.org".into()))
        );
        assert_eq!(
            admit(Some("sub.sp.nanomsg.org"), SocketType::Pull),
            Err("Incompatible Socket Type")
        );
        assert_eq!(
            admit(Some("x-nanomsg-req"), SocketType::Rep),
            Err("Unrecognized Socket Type")
        );
        assert_eq!(admit(None, SocketType::Pair), Ok(None));
        assert_eq!(
            admit(None, SocketType::Bus),
            Err("Incompatible Socket Type")
        );
    }
}
