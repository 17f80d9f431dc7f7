//! Round-trip percentiles with --stats: req times each reply and surveyor every
//! answer, as min, p50, p90, p99 and max in milliseconds; without --stats, nothing.

use crate::harness::*;

#[test]
fn req_stats_print_round_trip_percentiles() {
    let url = tcp_url();
    let _replier = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--echo"]));
    wait_bound(&url);
    let out = run_with_input(
        nncat(["req", "--connect", &url, "--stats"]),
        &numbered_lines(200),
    )
    .success();
    assert_eq!(out.stdout, numbered_lines(200));
    let (count, values) = round_trips(&out.stderr, "replies");
    assert_eq!(count, 200, "{}", out.stderr);
    assert_ordered(&values, &out.stderr);
    // Without --stats, nothing.
    let out = run_with_input(nncat(["req", "--connect", &url]), b"x\n").success();
    assert_eq!(out.stderr, "");
}

#[test]
fn surveyor_stats_time_every_answer() {
    let url = tcp_url();
    let _first = Running::start(nncat(["respondent", "--connect", &url, "--echo"]));
    let _second = Running::start(nncat(["respondent", "--connect", &url, "--data", "me"]));
    let out = run_with_input(
        nncat([
            "surveyor",
            "--bind",
            &url,
            "--wait-peers",
            "2",
            "--send-timeout",
            "20s",
            "--deadline",
            "300ms",
            "--stats",
        ]),
        b"who\nwho else\n",
    )
    .success();
    assert_eq!(
        sorted_lines(&out.stdout),
        ["me", "me", "who", "who else"],
        "{}",
        out.stderr
    );
    let (count, values) = round_trips(&out.stderr, "answers");
    assert_eq!(count, 4, "{}", out.stderr);
    assert_ordered(&values, &out.stderr);
}
