/*!
JSON: one object per message per line, for jq and other tools. `{"data": "..."}` holds
the message as text when it is UTF-8, else `{"base64": "..."}`. Optional fields:
`"time"` (RFC 3339, with --timestamp) and `"topic"` (with --topic-split SEP: the part
before the first SEP; "data" is then the rest). Input takes the same objects.
*/

use std::fmt;
use std::time::SystemTime;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::error::Category;
use serde_json::value::RawValue;

use super::base64;
use super::escape::{needs_escape_on_terminal, pair_value, push_escaped_u};
use super::{Field, Invalid};

/// What a JSON record carries besides the message.
#[derive(Clone, Debug, Default)]
pub struct JsonOptions {
    pub timestamp: bool,
    pub topic_separator: Option<Vec<u8>>,
    /// Input: read each record's "time" and "dir" too (`--replay`).
    pub replay: bool,
}

impl JsonOptions {
    /// The most bytes a record's line of `len` bytes can decode to: its text, and the
    /// separator that joins "topic" and "data".
    pub fn room(&self, len: usize) -> usize {
        len.saturating_add(self.topic_separator.as_ref().map_or(0, Vec::len))
    }
}

/// What a record says besides its message, read under `--replay`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    /// Its "time".
    pub time: Option<SystemTime>,
    /// Its "dir" is `"<"`: a tap's record of what went back to the clients.
    pub back: bool,
}

pub fn encode(message: &[u8], options: &JsonOptions, out: &mut Vec<u8>) {
    out.push(b'{');
    encode_fields(message, options, out);
}

/// A record with `fields` first, in their order, then the message as `encode` writes
/// it: tap's `{"dir":">","seq":1,...,"data":"..."}`.
pub fn encode_record(
    fields: &[(&str, Field)],
    message: &[u8],
    options: &JsonOptions,
    out: &mut Vec<u8>,
) {
    out.push(b'{');
    for (key, value) in fields {
        push_string(key, out);
        out.push(b':');
        match value {
            Field::Text(text) => push_string(text, out),
            Field::Number(number) => out.extend_from_slice(number.to_string().as_bytes()),
            Field::Nil => out.extend_from_slice(b"null"),
        }
        out.push(b',');
    }
    encode_fields(message, options, out);
}

/// What follows `{`: the optional time and topic, the message, and `}`.
fn encode_fields(message: &[u8], options: &JsonOptions, out: &mut Vec<u8>) {
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
            base64::encode(body, out);
            out.push(b'"');
        }
    }
    out.push(b'}');
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A JSON string. C0 and C1 controls and the bidirectional controls are escaped, so the
/// output is safe on a terminal.
fn push_string(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for ch in text.chars() {
        match ch {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            ' '..='~' => out.push(ch as u8),
            c if needs_escape_on_terminal(c) => push_escaped_u(c as u32, out),
            c => {
                let mut utf8 = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
    out.push(b'"');
}

/// The fields nncat reads, each as the JSON text of its value, borrowed from the line:
/// the parser copies nothing, so a long message is copied once, into the message, into
/// room the decoder reserved beforehand (a `serde_json::Value` would hold a second copy,
/// allocated where running out of memory aborts).
#[derive(Default)]
struct Fields<'a> {
    topic: Option<&'a RawValue>,
    data: Option<&'a RawValue>,
    base64: Option<&'a RawValue>,
    time: Option<&'a RawValue>,
    dir: Option<&'a RawValue>,
}

enum Key {
    Topic,
    Data,
    Base64,
    Time,
    Dir,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "topic" => Key::Topic,
                    "data" => Key::Data,
                    "base64" => Key::Base64,
                    "time" => Key::Time,
                    "dir" => Key::Dir,
                    _ => Key::Other,
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fields<'de>, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
                let mut fields = Fields::default();
                // A repeated field counts once, the last time, as serde_json's own maps do.
                while let Some(key) = map.next_key()? {
                    match key {
                        Key::Topic => fields.topic = Some(map.next_value()?),
                        Key::Data => fields.data = Some(map.next_value()?),
                        Key::Base64 => fields.base64 = Some(map.next_value()?),
                        Key::Time => fields.time = Some(map.next_value()?),
                        Key::Dir => fields.dir = Some(map.next_value()?),
                        Key::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(fields)
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// Appends the message a record holds; `out` has room for `line.len()` bytes and the
/// topic separator (see `Decoder`), which no record can exceed.
pub fn decode(line: &[u8], options: &JsonOptions, out: &mut Vec<u8>) -> Result<(), Invalid> {
    decode_stamped(line, options, out).map(|_| ())
}

/// `decode`, and under `options.replay` the record's time and direction.
pub fn decode_stamped(
    line: &[u8],
    options: &JsonOptions,
    out: &mut Vec<u8>,
) -> Result<Stamp, Invalid> {
    out.clear();
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err(Invalid::whole(format!("blank line: expected {AN_OBJECT}")));
    }
    let fields: Fields = serde_json::from_slice(line).map_err(|err| parse_error(line, &err))?;
    let mut stamp = Stamp::default();
    if options.replay {
        if let Some(time) = fields.time {
            let text = string_body(time, "time")?;
            let time = humantime::parse_rfc3339_weak(text).map_err(|err| {
                Invalid::whole(format!("\"time\" is not an RFC 3339 time ({err})"))
            })?;
            stamp.time = Some(time);
        }
        stamp.back = fields.dir.is_some_and(|dir| dir.get() == "\"<\"");
        if stamp.back {
            return Ok(stamp);
        }
    }
    if let Some(topic) = fields.topic {
        push_string_value(topic, "topic", out)?;
        if let Some(separator) = &options.topic_separator {
            out.extend_from_slice(separator);
        }
    }
    match (fields.data, fields.base64) {
        (Some(data), None) => push_string_value(data, "data", out),
        (None, Some(encoded)) => push_base64_value(encoded, out),
        (Some(_), Some(_)) => Err(Invalid::whole("give \"data\" or \"base64\", not both")),
        (None, None) => Err(Invalid::whole("the object has no \"data\" or \"base64\"")),
    }?;
    Ok(stamp)
}

const AN_OBJECT: &str = "a JSON object like {\"data\": \"...\"}";

/// serde_json's complaint, with its position turned into the record's column. Its
/// message ends in " at line L column C", which the column given apart would repeat.
fn parse_error(line: &[u8], err: &serde_json::Error) -> Invalid {
    if err.classify() == Category::Data {
        // Valid JSON, but not an object: a number, a string, an array.
        return Invalid::at(1, format!("expected {AN_OBJECT}"));
    }
    let message = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    let reason = message.strip_suffix(&position).unwrap_or(&message);
    // Lines of the record (there are several only with -0) start after each newline.
    let line_start = match err.line() {
        0 | 1 => 0,
        n => memchr::memchr_iter(b'\n', line)
            .nth(n - 2)
            .map_or(0, |at| at + 1),
    };
    Invalid::at(
        (line_start + err.column()).max(1),
        format!("invalid JSON: {reason}"),
    )
}

/// The text of a string value, unescaped.
fn push_string_value(value: &RawValue, field: &str, out: &mut Vec<u8>) -> Result<(), Invalid> {
    let body = string_body(value, field)?;
    unescape(body, field, out)
}

fn push_base64_value(value: &RawValue, out: &mut Vec<u8>) -> Result<(), Invalid> {
    let body = string_body(value, "base64")?;
    // Base64 needs no escapes, but a JSON writer may escape '/' as "\/". That rare
    // string is unescaped into a buffer of its own, outside the room reserved.
    let unescaped;
    let encoded = if body.contains('\\') {
        let mut text = Vec::new();
        unescape(body, "base64", &mut text)?;
        unescaped = text;
        &unescaped[..]
    } else {
        body.as_bytes()
    };
    base64::decode(encoded, out).map_err(|err| Invalid::whole(format!("invalid base64: {err}")))
}

/// Between the quotes of a string value, still escaped; serde_json has checked its
/// syntax (no raw control characters, every escape one of JSON's).
fn string_body<'a>(value: &'a RawValue, field: &str) -> Result<&'a str, Invalid> {
    value
        .get()
        .strip_prefix('"')
        .and_then(|text| text.strip_suffix('"'))
        .ok_or_else(|| Invalid::whole(format!("\"{field}\" must be a string")))
}

/// Appends what a JSON string's body means: runs without escapes are copied at once.
fn unescape(body: &str, field: &str, out: &mut Vec<u8>) -> Result<(), Invalid> {
    let bad_escape = || {
        Invalid::whole(format!(
            "\"{field}\" holds a \\u escape that is not a character"
        ))
    };
    let mut rest = body.as_bytes();
    while let Some(at) = memchr::memchr(b'\\', rest) {
        out.extend_from_slice(&rest[..at]);
        let kind = rest.get(at + 1).copied().ok_or_else(bad_escape)?;
        rest = &rest[at + 2..];
        let byte = match kind {
            b'"' | b'\\' | b'/' => kind,
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let mut code = hex4(rest).ok_or_else(bad_escape)?;
                rest = &rest[4..];
                if (0xd800..0xdc00).contains(&code) {
                    // A character above U+FFFF: a high surrogate, then "\u" and a low one.
                    let low = rest
                        .strip_prefix(b"\\u")
                        .and_then(hex4)
                        .filter(|low| (0xdc00..0xe000).contains(low))
                        .ok_or_else(bad_escape)?;
                    rest = &rest[6..];
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                }
                let ch = char::from_u32(code).ok_or_else(bad_escape)?;
                let mut utf8 = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
                continue;
            }
            _ => return Err(bad_escape()),
        };
        out.push(byte);
    }
    out.extend_from_slice(rest);
    Ok(())
}

/// Four hex digits at the start of `text`.
fn hex4(text: &[u8]) -> Option<u32> {
    let digits = text.get(..4)?;
    let high = pair_value(digits[0], digits[1])?;
    let low = pair_value(digits[2], digits[3])?;
    Some(u32::from(high) << 8 | u32::from(low))
}
