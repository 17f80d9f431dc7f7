use std::ffi::OsString;
use std::path::PathBuf;

use super::*;

fn plan(command: &[&str], timeout: Duration, max_output: usize) -> ExecPlan {
    ExecPlan {
        program: PathBuf::from("/bin/sh"),
        command: command.iter().map(OsString::from).collect(),
        timeout,
        max_output,
        jobs: 1,
    }
}

fn failure(result: Result<Vec<u8>, ExecError>) -> String {
    match result {
        Ok(reply) => panic!("expected a failure, got {reply:?}"),
        Err(ExecError::Interrupted) => panic!("expected a failure, got an interruption"),
        Err(ExecError::Failed(why)) => why,
    }
}

#[test]
fn the_answer_is_the_output_of_the_command() {
    let plan = plan(&["sh", "-c", "tr a-z A-Z"], Duration::from_secs(10), 1024);
    let reply = run(&plan, b"shout").unwrap_or_else(|_| panic!("the command succeeds"));
    assert_eq!(reply, b"SHOUT");
}

#[test]
fn a_large_request_and_answer_pass_both_ways_at_once() {
    // More than both pipes hold: the command writes before it has read everything.
    let request = vec![b'x'; 1 << 20];
    let plan = plan(&["sh", "-c", "cat"], Duration::from_secs(30), 2 << 20);
    let reply = run(&plan, &request).unwrap_or_else(|_| panic!("the command succeeds"));
    assert_eq!(reply, request);
}

#[test]
fn output_over_the_limit_fails_the_command() {
    let plan = plan(
        &["sh", "-c", "head -c 5000 /dev/zero"],
        Duration::from_secs(10),
        4096,
    );
    let why = failure(run(&plan, b""));
    assert!(
        why.contains("more than --exec-max-output 4096 bytes"),
        "{why}"
    );
}

#[test]
fn exit_statuses_and_signals_are_named() {
    let plan1 = plan(&["sh", "-c", "exit 3"], Duration::from_secs(10), 1024);
    assert_eq!(failure(run(&plan1, b"")), "'sh' exited with status 3");
    let plan2 = plan(
        &["sh", "-c", "kill -SEGV $$"],
        Duration::from_secs(10),
        1024,
    );
    assert_eq!(
        failure(run(&plan2, b"")),
        "'sh' was killed by signal 11 (SIGSEGV)"
    );
}
