/*!
Every encoder and decoder on one core, in bytes per second of message payload (the
bytes a socket carries, whatever the record's size on stdin or stdout).

Two inputs:
- `lines`: 16,384 messages of 64 printable bytes (1 MiB), the records of the
  end-to-end figures 1-3 in bench/run.sh;
- `binary`: 16 messages of 64 KiB covering all 256 byte values (1 MiB), the worst case
  for the escaping formats.

Run with `cargo bench --bench formats`; `cargo bench --bench formats -- hex` picks by
name. Time is the thread's CPU time (see `ThreadCpuTime`), not the wall clock. The targets (docs/performance.md has the figures, and the reasons where one is
missed): hex encode and decode at least 5 GiB/s; quoted encode and decode of text
(`lines`) at least 2 GiB/s.
*/

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nncat::format::{Decoder, Encoder, Format};

/// The CPU time of the benchmark's thread, user and system. The codecs are single
/// threaded and never wait, so on an idle machine this is the wall time; on a shared one
/// the wall clock also counts the time the thread waited for a core, which moved the
/// same code's figures by 3 to 10 times between runs on the 2-core test machine.
struct ThreadCpuTime {
    /// Durations are shown as criterion shows wall time.
    wall: WallTime,
}

fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // CLOCK_THREAD_CPUTIME_ID cannot fail for the calling thread; were it to, the
    // zero would show as an impossible figure rather than pass unseen.
    // SAFETY: clock_gettime writes one timespec at the pointer: `now`, a local.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut now) };
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_time()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu_time().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

type Bench = Criterion<ThreadCpuTime>;

const FORMATS: [(Format, &str); 7] = [
    (Format::Text, "text"),
    (Format::Ascii, "ascii"),
    (Format::Quoted, "quoted"),
    (Format::Hex, "hex"),
    (Format::Msgpack, "msgpack"),
    (Format::Raw, "raw"),
    (Format::Json, "json"),
];

fn lines() -> Vec<Vec<u8>> {
    let line: Vec<u8> =
        b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-".to_vec();
    vec![line; 16 * 1024]
}

/// A fixed pseudo-random sequence (xorshift), so every run measures the same bytes.
fn binary() -> Vec<Vec<u8>> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    (0..16)
        .map(|_| {
            (0..64 * 1024)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 32) as u8
                })
                .collect()
        })
        .collect()
}

fn payload(messages: &[Vec<u8>]) -> u64 {
    messages.iter().map(|m| m.len() as u64).sum()
}

fn encode_all(encoder: &Encoder, messages: &[Vec<u8>], out: &mut Vec<u8>) {
    out.clear();
    for message in messages {
        encoder.encode(message, out);
    }
}

fn encoders(c: &mut Bench) {
    let mut group = c.benchmark_group("encode");
    for (input, messages) in [("lines", lines()), ("binary", binary())] {
        group.throughput(Throughput::Bytes(payload(&messages)));
        let mut out = Vec::new();
        for (format, name) in FORMATS {
            let encoder = Encoder::new(format, b'\n', false);
            group.bench_function(BenchmarkId::new(name, input), |b| {
                b.iter(|| encode_all(&encoder, black_box(&messages), &mut out))
            });
        }
        // Text on a terminal: control bytes and invalid UTF-8 escaped.
        let encoder = Encoder::new(Format::Text, b'\n', true);
        group.bench_function(BenchmarkId::new("text-terminal", input), |b| {
            b.iter(|| encode_all(&encoder, black_box(&messages), &mut out))
        });
    }
    group.finish();
}

fn decoders(c: &mut Bench) {
    let mut group = c.benchmark_group("decode");
    for (input, messages) in [("lines", lines()), ("binary", binary())] {
        group.throughput(Throughput::Bytes(payload(&messages)));
        for (format, name) in FORMATS {
            // ascii has no decoder of its own (input is text); raw input is one message;
            // text cannot carry binary messages, whose bytes include newlines.
            let skip = format == Format::Ascii
                || (format == Format::Raw && input == "lines")
                || (format == Format::Text && input == "binary");
            if skip {
                continue;
            }
            let mut records = Vec::new();
            encode_all(&Encoder::new(format, b'\n', false), &messages, &mut records);
            let expected = if format == Format::Raw {
                1
            } else {
                messages.len()
            };
            group.bench_function(BenchmarkId::new(name, input), |b| {
                b.iter(|| {
                    let mut decoder = Decoder::new(black_box(&records[..]), format, b'\n');
                    let mut count = 0;
                    while let Some(message) = decoder.next_message().expect("valid records") {
                        black_box(message);
                        count += 1;
                    }
                    assert_eq!(count, expected);
                })
            });
        }
    }
    group.finish();
}

fn config() -> Bench {
    // 2-core shared machines: short, repeated measurements of CPU time; criterion
    // reports the median and its spread.
    Criterion::default()
        .with_measurement(ThreadCpuTime { wall: WallTime })
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = encoders, decoders
}
criterion_main!(benches);
