//! --replay: JSON records sent at the pace their "time" fields recorded.

use std::time::{Duration, SystemTime};

use crate::harness::*;

/// The receive times of a `pull --format json --timestamp` run's records.
fn times(out: &Finished) -> Vec<SystemTime> {
    json_lines_of(&out.stdout_text())
        .iter()
        .map(|record| {
            let time = record["time"].as_str().expect("a time");
            humantime::parse_rfc3339(time).expect("RFC 3339")
        })
        .collect()
}

fn gaps(times: &[SystemTime]) -> Vec<Duration> {
    times
        .windows(2)
        .map(|pair| pair[1].duration_since(pair[0]).unwrap_or_default())
        .collect()
}

#[test]
fn a_recording_is_played_back_at_its_pace() {
    // A recording as `pull --format json --timestamp` writes it, with gaps of 300 ms and
    // 600 ms after a first record whose own gap is not judged: the connection may still
    // be in its handshake when it leaves.
    let recording = "\
{\"time\":\"2026-01-01T09:59:59.800000Z\",\"data\":\"zeroth\"}
{\"time\":\"2026-01-01T10:00:00.000000Z\",\"data\":\"first\"}
{\"time\":\"2026-01-01T10:00:00.300000Z\",\"data\":\"second\"}
{\"time\":\"2026-01-01T10:00:00.900000Z\",\"base64\":\"AP8=\"}
";
    let url = tcp_url();
    let puller = Running::start(nncat([
        "pull",
        "--bind",
        &url,
        "--format",
        "json",
        "--timestamp",
        "-C",
        "4",
    ]));
    wait_bound(&url);
    let started = std::time::Instant::now();
    run_with_input(
        nncat(["push", "--connect", &url, "--format", "json", "--replay"]),
        recording.as_bytes(),
    )
    .success();
    // The sender is never early: the last record leaves 1.1 s after the first.
    let sent_for = started.elapsed();
    assert!(sent_for >= Duration::from_millis(1100), "{sent_for:?}");
    let out = puller.finish().success();
    let data: Vec<String> = json_lines_of(&out.stdout_text())
        .iter()
        .map(|record| {
            record
                .get("data")
                .or(record.get("base64"))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(data, ["\"zeroth\"", "\"first\"", "\"second\"", "\"AP8=\""]);
    // As received: within what a busy machine adds to either message's way (measured
    // idle: within 2 ms).
    let received = gaps(&times(&out));
    for (gap, recorded) in received.iter().skip(1).zip([300, 600]) {
        let recorded = Duration::from_millis(recorded);
        assert!(
            *gap + Duration::from_millis(100) >= recorded
                && *gap < recorded + Duration::from_millis(400),
            "gaps {received:?} for a recorded 200ms, 300ms, 600ms"
        );
    }
}

#[test]
fn a_tap_recording_replays_only_what_went_toward_the_server() {
    let recording = "\
{\"dir\":\">\",\"seq\":1,\"time\":\"2026-01-01T10:00:00Z\",\"peer\":\"127.0.0.1:5\",\"data\":\"q1\"}
{\"dir\":\"<\",\"seq\":2,\"time\":\"2026-01-01T10:00:00.001Z\",\"peer\":\"127.0.0.1:6\",\"reply_to\":1,\"data\":\"A1\"}
{\"dir\":\">\",\"seq\":3,\"time\":\"2026-01-01T10:00:00.200Z\",\"peer\":\"127.0.0.1:5\",\"data\":\"q2\"}
";
    let url = tcp_url();
    let _server = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo", "-q"]));
    wait_bound(&url);
    let out = run_with_input(
        nncat(["req", "--connect", &url, "--format", "json", "--replay"]),
        recording.as_bytes(),
    )
    .success();
    let replies: Vec<String> = json_lines_of(&out.stdout_text())
        .iter()
        .map(|record| record["data"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(replies, ["q1", "q2"]);
}

#[test]
fn replay_needs_a_time_in_every_record_and_json_input() {
    let url = tcp_url();
    let out = run_with_input(
        nncat(["push", "--bind", &url, "--format", "json", "--replay", "-q"]),
        b"{\"data\":\"b\"}\n",
    );
    out.fails_with(
        2,
        "stdin record 1 has no \"time\": --replay sends each record at its time",
    );
    run_with_input(nncat(["push", "--bind", &url, "--replay"]), b"x\n").fails_with(
        2,
        "--replay reads JSON records with a \"time\" each: add --format json",
    );
}
