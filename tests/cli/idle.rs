//! At rest, nncat costs nothing: no periodic wakeups while nothing happens, and no
//! thread that the run does not need.

use std::thread;
use std::time::Duration;

use crate::harness::*;

/// How long idleness is watched.
const WATCHED: Duration = Duration::from_secs(3);

/// Wakeups a process may make while idle for `WATCHED`: a handful (the last reads
/// after a peer arrived). Reading the statistics every 20 ms made 150.
const AT_REST: u64 = 12;

/// Context switches of `pid` over `WATCHED`.
fn switches_over_watch(pid: u32) -> u64 {
    let before = context_switches(pid);
    thread::sleep(WATCHED);
    context_switches(pid) - before
}

#[test]
fn an_idle_bound_pull_sleeps_and_runs_no_thread_it_does_not_need() {
    let url = tcp_url();
    let pull = Running::start_without_stdin(nncat(["pull", "--bind", &url]));
    wait_bound(&url);
    let switches = switches_over_watch(pull.pid());
    assert!(
        switches <= AT_REST,
        "{switches} context switches while idle"
    );
    // The main thread, the signal thread, the boundary's loop and libnanomsg's worker;
    // no statistics thread, for nobody would be told what it read.
    let threads = status_field(pull.pid(), "Threads:");
    assert!(threads <= 4, "{threads} threads");
}

#[test]
fn a_sub_connected_to_a_silent_publisher_sleeps() {
    let url = tcp_url();
    // A publisher whose stdin stays open and silent.
    let _publisher = Running::start(nncat(["pub", "--bind", &url]));
    wait_bound(&url);
    for verbose in [false, true] {
        let mut args = vec!["sub", "--connect", &url, "--log-format", "json"];
        if verbose {
            args.push("-v");
        }
        let mut sub = Running::start_watching(nncat(args));
        sub.stderr().wait_for_text("\"event\":\"connected\"");
        let switches = switches_over_watch(sub.pid());
        assert!(
            switches <= AT_REST,
            "{switches} context switches while idle (-v: {verbose})"
        );
    }
}

/// Context switches so far of the thread of `pid` named `name`, if it runs.
fn thread_switches(pid: u32, name: &str) -> Option<u64> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let task = tasks.flatten().find(|task| {
        std::fs::read_to_string(task.path().join("comm")).is_ok_and(|comm| comm.trim() == name)
    })?;
    let status = std::fs::read_to_string(task.path().join("status")).ok()?;
    Some(
        status
            .lines()
            .filter(|line| line.contains("ctxt_switches:"))
            .filter_map(|line| line.split_whitespace().nth(1)?.parse::<u64>().ok())
            .sum(),
    )
}

/// A socket whose server is down tries it ten times a second, as libnanomsg does. Its
/// statistics are read after a failed attempt at most once a second: reading them again
/// while libnanomsg settled, as after a peer comes, woke the statistics thread 40 times
/// a second (120 times in 3 s), and reading them after every attempt 19 times a second
/// (57 in 3 s), with nothing changing.
#[test]
fn a_sub_whose_server_is_down_reads_its_statistics_about_once_a_second() {
    let url = tcp_url();
    let sub = Running::start_without_stdin(nncat(["sub", "--connect", &url]));
    wait_for("the statistics thread", LIMIT, || {
        thread_switches(sub.pid(), "stats").is_some()
    });
    let before = thread_switches(sub.pid(), "stats").unwrap_or(0);
    thread::sleep(WATCHED);
    let woken = thread_switches(sub.pid(), "stats").unwrap_or(0) - before;
    // 3 looks at failed attempts, the doctor's look at one second, and room.
    assert!(woken <= 20, "the statistics thread woke {woken} times");
}
