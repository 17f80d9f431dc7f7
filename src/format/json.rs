/*!
JSON: one object per message per line, for jq and other tools. `{"data": "..."}` holds
the message as text when it is UTF-8, else `{"base64": "..."}`. Optional fields:
`"time"` (RFC 3339, with --timestamp) and `"topic"` (with --topic-split SEP: the part
before the first SEP; "data" is then the rest). Input takes the same objects.
*/

use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::Invalid;
use super::hex::push_escaped_u;

/// What a JSON record carries besides the message.
#[derive(Clone, Debug, Default)]
pub struct JsonOptions {
    pub timestamp: bool,
    pub topic_separator: Option<Vec<u8>>,
}

pub fn encode(message: &[u8], options: &JsonOptions, out: &mut Vec<u8>) {
    out.push(b'{');
    if options.timestamp {
        out.extend_from_slice(b"\"time\":\"");
        let now = humantime::format_rfc3339_micros(SystemTime::now()).to_string();
        out.extend_from_slice(now.as_bytes());
        out.extend_from_slice(b"\",");
    }
    let mut body = message;
    if let Some(separator) = options.topic_separator.as_deref().filter(|s| !s.is_empty())
        && let Some(at) = find(message, separator)
        && let Ok(topic) = std::str::from_utf8(&message[..at])
    {
        out.extend_from_slice(b"\"topic\":");
        push_string(topic, out);
        out.push(b',');
        body = &message[at + separator.len()..];
    }
    match std::str::from_utf8(body) {
        Ok(text) => {
            out.extend_from_slice(b"\"data\":");
            push_string(text, out);
        }
        Err(_) => {
            out.extend_from_slice(b"\"base64\":\"");
            out.extend_from_slice(BASE64.encode(body).as_bytes());
            out.push(b'"');
        }
    }
    out.push(b'}');
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A JSON string. C0 and C1 controls are escaped, so the output is safe on a terminal.
fn push_string(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for ch in text.chars() {
        match ch {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if c.is_control() => push_escaped_u(c as u32, out),
            c => {
                let mut utf8 = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
    out.push(b'"');
}

pub fn decode(line: &[u8], options: &JsonOptions, out: &mut Vec<u8>) -> Result<(), Invalid> {
    out.clear();
    let value: serde_json::Value = serde_json::from_slice(line)
        .map_err(|err| Invalid::at(err.column().max(1), format!("invalid JSON: {err}")))?;
    let object = value
        .as_object()
        .ok_or_else(|| Invalid::at(1, "expected a JSON object like {\"data\": \"...\"}"))?;
    if let Some(topic) = object.get("topic") {
        let topic = topic
            .as_str()
            .ok_or_else(|| Invalid::whole("\"topic\" must be a string"))?;
        out.extend_from_slice(topic.as_bytes());
        if let Some(separator) = &options.topic_separator {
            out.extend_from_slice(separator);
        }
    }
    match (object.get("data"), object.get("base64")) {
        (Some(data), None) => {
            let data = data
                .as_str()
                .ok_or_else(|| Invalid::whole("\"data\" must be a string"))?;
            out.extend_from_slice(data.as_bytes());
        }
        (None, Some(encoded)) => {
            let encoded = encoded
                .as_str()
                .ok_or_else(|| Invalid::whole("\"base64\" must be a string"))?;
            let bytes = BASE64
                .decode(encoded)
                .map_err(|err| Invalid::whole(format!("invalid base64: {err}")))?;
            out.extend_from_slice(&bytes);
        }
        (Some(_), Some(_)) => return Err(Invalid::whole("give \"data\" or \"base64\", not both")),
        (None, None) => return Err(Invalid::whole("the object has no \"data\" or \"base64\"")),
    }
    Ok(())
}
