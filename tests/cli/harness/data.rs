//! Test data: seeded pseudo-random messages (a failing case can be replayed), the
//! records nncat reads and writes for them in each format, written here from the
//! formats' descriptions rather than from nncat's code, and output made comparable
//! (sorted lines, JSON lines, the percentiles of `--stats`' round-trip line).

/// Pseudo-random bytes from a seed, so a failing case can be replayed.
pub fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// Lowercase hex, one message a line, as nncat's --hex writes it.
pub fn hex_lines(messages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for message in messages {
        for byte in message {
            out.extend_from_slice(format!("{byte:02x}").as_bytes());
        }
        out.push(b'\n');
    }
    out
}

/// nanocat's quoted form, written from its description: `\n`, `\r`, `\"` and `\\`
/// named, every other byte outside ' '..'~' as `\xHH`; one message a line.
pub fn quoted_lines(messages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for message in messages {
        out.push(b'"');
        for &byte in message {
            match byte {
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                0x20..=0x7e => out.push(byte),
                _ => out.extend_from_slice(format!("\\x{byte:02x}").as_bytes()),
            }
        }
        out.extend_from_slice(b"\"\n");
    }
    out
}

/// Each message as a msgpack bin object (bin8, bin16, bin32), no delimiter.
pub fn msgpack_stream(messages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for message in messages {
        let len = message.len();
        if len < 1 << 8 {
            out.extend_from_slice(&[0xc4, len as u8]);
        } else if len < 1 << 16 {
            out.push(0xc5);
            out.extend_from_slice(&(len as u16).to_be_bytes());
        } else {
            out.push(0xc6);
            out.extend_from_slice(&(len as u32).to_be_bytes());
        }
        out.extend_from_slice(message);
    }
    out
}

/// `count` random messages from `seed`, of lengths up to `max_len`, the first empty.
pub fn random_messages(seed: u64, count: usize, max_len: usize) -> Vec<Vec<u8>> {
    let lengths = random_bytes(seed ^ 0x5eed, count * 2);
    (0..count)
        .map(|i| {
            let len = if i == 0 {
                0
            } else {
                (lengths[2 * i] as usize) << 8 | lengths[2 * i + 1] as usize
            } % (max_len + 1);
            random_bytes(seed.wrapping_add(i as u64), len)
        })
        .collect()
}

/// The lines `0\n1\n...` up to `count - 1`.
pub fn numbered_lines(count: usize) -> Vec<u8> {
    (0..count)
        .map(|i| format!("{i}\n"))
        .collect::<String>()
        .into_bytes()
}

/// The output's lines, sorted, for peers whose messages may interleave in any order.
pub fn sorted_lines(output: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8_lossy(output)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// Each line of `text` as a JSON value; fails the test on a line that is not JSON.
pub fn json_lines_of(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|err| panic!("{line:?} is not JSON: {err}"))
        })
        .collect()
}

/// The milliseconds of "min", "p50", "p90", "p99" and "max" in `--stats`' round-trip
/// line, and how many round trips (`what`: replies, answers) it counts.
pub fn round_trips(stderr: &str, what: &str) -> (u64, Vec<f64>) {
    let line = stderr
        .lines()
        .find(|line| line.starts_with("nncat: stats: round trip over "))
        .unwrap_or_else(|| panic!("no round-trip line: {stderr}"));
    let rest = line
        .strip_prefix("nncat: stats: round trip over ")
        .expect("the prefix");
    let (count, rest) = rest.split_once(&format!(" {what}: ")).expect("a count");
    let mut values = Vec::new();
    for (part, name) in rest.split(", ").zip(["min", "p50", "p90", "p99", "max"]) {
        let value = part
            .strip_prefix(&format!("{name} "))
            .and_then(|v| v.strip_suffix("ms"))
            .unwrap_or_else(|| panic!("{name} in {line}"));
        values.push(value.parse().expect("milliseconds"));
    }
    assert_eq!(values.len(), 5, "{line}");
    (count.parse().expect("a count"), values)
}

/// Fails the test unless `round_trips`' values are above zero and in order.
pub fn assert_ordered(values: &[f64], stderr: &str) {
    assert!(values[0] > 0.0, "{stderr}");
    assert!(
        values.windows(2).all(|pair| pair[0] <= pair[1]),
        "min <= p50 <= p90 <= p99 <= max: {stderr}"
    );
}
