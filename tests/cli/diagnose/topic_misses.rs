//! Topic misses: sub subscribes to everything and filters itself, so it can say how
//! many messages matched no --subscribe (and which topic would have), at the end and,
//! under -v, as they happen, at most once a second.

use crate::harness::*;

#[test]
fn sub_names_the_messages_that_matched_no_subscription() {
    let (url, _publisher) = publisher_every_50ms("Weather 21C");
    let out = run(nncat([
        "sub",
        "--connect",
        &url,
        "--subscribe",
        "weather.",
        "--recv-timeout",
        "1500ms",
        "--count",
        "1",
    ]))
    .fails_with(
        3,
        "received 0 of 1 messages before --recv-timeout 1s 500ms passed: ",
    );
    assert!(
        out.stderr
            .ends_with(" messages matched no --subscribe; the first began \"Weather 21C\"\n"),
        "{}",
        out.stderr
    );
    // With no --count, the timeout ends the run quietly but for a warning.
    let out = run(nncat([
        "sub",
        "--connect",
        &url,
        "--subscribe",
        "weather.",
        "--recv-timeout",
        "1500ms",
    ]))
    .success();
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.starts_with("nncat: warning: ")
            && out
                .stderr
                .ends_with(" messages matched no --subscribe; the first began \"Weather 21C\"\n")
            && out.stderr.lines().count() == 1,
        "{}",
        out.stderr
    );
}

#[test]
fn sub_still_prints_what_matches_and_says_nothing_then() {
    let (url, _publisher) = publisher_every_50ms("Weather 21C");
    let out = run(nncat([
        "sub",
        "--connect",
        &url,
        "--subscribe",
        "rain",
        "--subscribe",
        "Wea",
        "--count",
        "2",
        "--recv-timeout",
        "20s",
    ]))
    .success();
    assert_eq!(out.stdout_text(), "Weather 21C\nWeather 21C\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn verbose_sub_reports_misses_as_they_happen_at_most_once_a_second() {
    let (url, _publisher) = publisher_every_50ms("Weather 21C");
    let out = run(nncat([
        "sub",
        "-v",
        "--connect",
        &url,
        "--subscribe",
        "weather.",
        "--recv-timeout",
        "1500ms",
    ]))
    .success();
    let so_far: Vec<&str> = out
        .stderr
        .lines()
        .filter(|line| line.contains("matched no --subscribe so far"))
        .collect();
    // The run lasts 1.5 s: a first report, and one a second later at most.
    assert!(!so_far.is_empty() && so_far.len() <= 2, "{}", out.stderr);
    assert!(
        so_far[0]
            .ends_with("1 message matched no --subscribe so far; the first began \"Weather 21C\""),
        "{}",
        out.stderr
    );
}
