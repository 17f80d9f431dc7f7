//! rep --exec bounded and visible: the answer never waits for more than the command,
//! nothing the command started outlives it, a command that cannot run stops nncat at
//! start-up, and one that fails is warned about and turns the exit code to 1.

use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use crate::harness::*;

/// How long a test waits for a killed process to be gone: far longer than it takes,
/// far shorter than the `sleep 30` the commands run.
const GONE_WITHIN: Duration = Duration::from_secs(10);

/// The process id a command wrote to `path`, once it has.
fn pid_in(path: &Path) -> i32 {
    wait_for(&format!("{} to be written", path.display()), LIMIT, || {
        std::fs::read_to_string(path).is_ok_and(|text| text.ends_with('\n'))
    });
    let text = std::fs::read_to_string(path).expect("the file was just read");
    text.trim().parse().expect("a process id")
}

/// Whether the process has ended: no longer there, or dead and waiting to be reaped by
/// whoever adopted it.
fn gone(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // "pid (name) S ...": the state follows the last ')'.
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])),
    }
}

fn wait_gone(pid: i32, what: &str) {
    wait_for(
        &format!("{what} (pid {pid}) to be killed"),
        GONE_WITHIN,
        || gone(pid),
    );
}

/// A rep that answers with `script` run by sh, in `dir` (where a crash's core file, if
/// any, would land).
fn rep_with_script(url: &str, dir: &Path, extra: &[&str], script: &str) -> Running {
    let mut args = vec!["rep", "--bind", url];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--exec", "sh", "-c", script]);
    let mut command = nncat(args);
    command.current_dir(dir);
    let replier = Running::start_without_stdin(command);
    wait_bound(url);
    replier
}

fn ask(url: &str, request: &str, timeout: &str) -> Finished {
    run_with_input(
        nncat(["req", "--connect", url, "--recv-timeout", timeout]),
        format!("{request}\n").as_bytes(),
    )
}

#[test]
fn the_answer_does_not_wait_for_a_background_child_that_holds_stdout() {
    let scratch = Scratch::new();
    let url = tcp_url();
    // The background sleep inherits stdout and would hold it open for 30 s.
    let replier = rep_with_script(
        &url,
        scratch.dir(),
        &["-C", "1"],
        "sleep 30 & echo $! > background; echo hi",
    );
    // Within the 10 s timeout: well before the background sleep ends.
    let reply = ask(&url, "x", "10s").success();
    assert_eq!(reply.stdout, b"hi\n\n");
    wait_gone(pid_in(&scratch.path("background")), "the background sleep");
    let out = replier.finish().success();
    assert_eq!(out.stdout, b"x\n");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn exec_timeout_kills_the_command_and_everything_it_started() {
    let scratch = Scratch::new();
    let url = tcp_url();
    let replier = rep_with_script(
        &url,
        scratch.dir(),
        &["-C", "1", "--exec-timeout", "1s"],
        "echo $$ > leader; sleep 30 & echo $! > background; wait",
    );
    ask(&url, "x", "3s").fails_with(3, "no reply within --recv-timeout 3s");
    wait_gone(pid_in(&scratch.path("leader")), "the command");
    wait_gone(pid_in(&scratch.path("background")), "its background sleep");
    let out = replier.finish();
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "nncat: warning: 'sh' did not finish within --exec-timeout 1s; killed; no answer sent for this request\n\
         nncat: 1 of 1 --exec commands failed; the first: 'sh' did not finish within --exec-timeout 1s; killed\n"
    );
}

#[test]
fn failed_and_crashed_commands_are_warned_about_and_the_run_ends_with_exit_1() {
    let scratch = Scratch::new();
    let url = tcp_url();
    let script = "read -r line; case \"$line\" in fail) exit 3;; crash) kill -SEGV $$;; *) echo \"ok $line\";; esac";
    let replier = rep_with_script(&url, scratch.dir(), &["-C", "4"], script);
    assert_eq!(ask(&url, "one", "10s").success().stdout, b"ok one\n\n");
    ask(&url, "fail", "500ms").fails_with(3, "no reply within");
    ask(&url, "crash", "500ms").fails_with(3, "no reply within");
    assert_eq!(
        ask(&url, "two", "10s").success().stdout,
        b"ok two\n\n",
        "answers go on after a failure"
    );
    let out = replier.finish();
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert_eq!(out.stdout, b"one\nfail\ncrash\ntwo\n");
    assert_eq!(
        out.stderr,
        "nncat: warning: 'sh' exited with status 3; no answer sent for this request\n\
         nncat: warning: 'sh' was killed by signal 11 (SIGSEGV); no answer sent for this request\n\
         nncat: 2 of 4 --exec commands failed; the first: 'sh' exited with status 3\n"
    );
}

#[test]
fn respondent_with_a_failing_exec_command_exits_1_too() {
    let url = tcp_url();
    let respondent = Running::start_without_stdin(nncat([
        "respondent",
        "--bind",
        &url,
        "-C",
        "1",
        "--exec",
        "false",
    ]));
    wait_bound(&url);
    let surveyor = run_with_input(
        nncat(["surveyor", "--connect", &url, "--deadline", "500ms"]),
        b"who\n",
    )
    .success();
    assert!(surveyor.stdout.is_empty(), "no answer: {surveyor:?}");
    let out = respondent.finish();
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert!(
        out.stderr.ends_with(
            "nncat: 1 of 1 --exec commands failed; the first: 'false' exited with status 1\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn output_over_exec_max_output_is_refused_and_the_command_killed() {
    let scratch = Scratch::new();
    let url = tcp_url();
    // `yes` never stops: without a limit nncat would buffer until memory ran out.
    let script = "read -r line; case \"$line\" in big) exec yes;; *) echo \"ok $line\";; esac";
    let replier = rep_with_script(
        &url,
        scratch.dir(),
        &["-C", "2", "--exec-max-output", "1K"],
        script,
    );
    ask(&url, "big", "2s").fails_with(3, "no reply within");
    assert_eq!(ask(&url, "small", "10s").success().stdout, b"ok small\n\n");
    let out = replier.finish();
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "nncat: warning: 'sh' printed more than --exec-max-output 1024 bytes; killed; no answer sent for this request\n\
         nncat: 1 of 2 --exec commands failed; the first: 'sh' printed more than --exec-max-output 1024 bytes; killed\n"
    );
}

/// nncat with --exec COMMAND exits 2 with `message`, and the port stays free.
fn refused_at_start_up(command: &str, path: Option<&Path>, message: &str) {
    let port = free_port();
    let url = format!("tcp://127.0.0.1:{port}");
    let mut nncat = nncat(["rep", "--bind", &url, "-v", "--exec", command]);
    if let Some(path) = path {
        nncat.env("PATH", path);
    }
    let out = run(nncat).fails_with(2, message);
    assert!(out.stdout.is_empty());
    assert!(
        TcpListener::bind(("127.0.0.1", port)).is_ok(),
        "nothing was bound"
    );
}

#[test]
fn a_command_not_on_path_is_a_usage_error_before_binding() {
    refused_at_start_up(
        "nncat-test-no-such-command",
        None,
        "nncat: --exec: 'nncat-test-no-such-command' not found on PATH",
    );
}

#[test]
fn a_command_path_that_does_not_exist_is_a_usage_error_before_binding() {
    refused_at_start_up(
        "/nonexistent/cmd",
        None,
        "nncat: --exec: '/nonexistent/cmd' not found",
    );
}

#[test]
fn a_command_that_is_not_executable_is_a_usage_error_before_binding() {
    let scratch = Scratch::new();
    let handler = scratch.path("handler");
    std::fs::write(&handler, "#!/bin/sh\necho hi\n").expect("the scratch folder is writable");
    std::fs::set_permissions(&handler, std::fs::Permissions::from_mode(0o644))
        .expect("the mode can be set");
    let shown = handler.display().to_string();
    refused_at_start_up(
        &shown,
        None,
        &format!("nncat: --exec: '{shown}' is not executable"),
    );
    refused_at_start_up(
        "handler",
        Some(scratch.dir()),
        "nncat: --exec: 'handler' is not executable",
    );
}

#[test]
fn a_command_is_found_on_path_at_start_up() {
    let scratch = Scratch::new();
    let handler = scratch.path("nncat-test-handler");
    std::fs::write(&handler, "#!/bin/sh\necho handled\n").expect("the scratch folder is writable");
    std::fs::set_permissions(&handler, std::fs::Permissions::from_mode(0o755))
        .expect("the mode can be set");
    let url = tcp_url();
    let mut command = nncat([
        "rep",
        "--bind",
        &url,
        "-C",
        "1",
        "--exec",
        "nncat-test-handler",
    ]);
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![scratch.dir().to_path_buf()];
    dirs.extend(std::env::split_paths(&path));
    command.env("PATH", std::env::join_paths(dirs).expect("a valid PATH"));
    let replier = Running::start_without_stdin(command);
    wait_bound(&url);
    assert_eq!(ask(&url, "x", "10s").success().stdout, b"handled\n\n");
    replier.finish().success();
}

/// A signal while a command runs ends nncat with 128 + the signal, at once, and kills
/// the command and what it started.
fn signal_during_exec(signal: i32, code: i32) {
    let scratch = Scratch::new();
    let url = tcp_url();
    let replier = rep_with_script(
        &url,
        scratch.dir(),
        &[],
        "echo $$ > leader; sleep 30 & echo $! > background; wait",
    );
    let _requester = Running::start_without_stdin(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "x",
        "--recv-timeout",
        "30s",
    ]));
    let leader = pid_in(&scratch.path("leader"));
    let background = pid_in(&scratch.path("background"));
    replier.signal(signal);
    // Well before the command's 30 s: the exact time is measured, not asserted here.
    let out = replier.finish_within(GONE_WITHIN);
    assert_eq!(out.code(), Some(code), "{}", out.stderr);
    assert_eq!(out.stdout, b"x\n");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    wait_gone(leader, "the command");
    wait_gone(background, "its background sleep");
}

#[test]
fn sigterm_during_an_exec_exits_143_and_kills_the_command() {
    signal_during_exec(libc::SIGTERM, 143);
}

#[test]
fn sigint_during_an_exec_exits_130_and_kills_the_command() {
    signal_during_exec(libc::SIGINT, 130);
}

#[test]
fn a_signal_after_a_failed_command_still_ends_with_exit_1() {
    let url = tcp_url();
    let replier = Running::start_without_stdin(nncat(["rep", "--bind", &url, "--exec", "false"]));
    wait_bound(&url);
    ask(&url, "x", "500ms").fails_with(3, "no reply within");
    replier.signal(libc::SIGTERM);
    let out = replier.finish();
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert!(
        out.stderr.ends_with(
            "nncat: 1 of 1 --exec commands failed; the first: 'false' exited with status 1\n"
        ),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------
// --jobs N: several commands at once, each answer to its own requester.

#[test]
fn jobs_4_answer_4_concurrent_requests_with_a_1s_handler_at_once() {
    let scratch = Scratch::new();
    let url = tcp_url();
    let replier = rep_with_script(
        &url,
        scratch.dir(),
        &["--jobs", "4", "-C", "4"],
        "sleep 1; tr a-z A-Z",
    );
    let started = std::time::Instant::now();
    let askers: Vec<_> = ["one", "two", "three", "four"]
        .iter()
        .map(|request| {
            let mut asker =
                Running::start(nncat(["req", "--connect", &url, "--recv-timeout", "10s"]));
            asker.write_stdin(format!("{request}\n").as_bytes());
            (request.to_uppercase(), asker)
        })
        .collect();
    for (expected, asker) in askers {
        let out = asker.finish().success();
        assert_eq!(out.stdout_text(), format!("{expected}\n"));
    }
    // One at a time, four 1 s commands would take 4 s.
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    let out = replier.finish().success();
    assert_eq!(sorted_lines(&out.stdout), ["four", "one", "three", "two"]);
}

#[test]
fn jobs_count_each_failure_and_still_answer_the_others() {
    let scratch = Scratch::new();
    let url = tcp_url();
    let replier = rep_with_script(
        &url,
        scratch.dir(),
        &["--jobs", "3", "-C", "3"],
        "read request; [ \"$request\" != bad ] && printf 'ok %s' \"$request\"",
    );
    let askers: Vec<_> = ["a", "bad", "c"]
        .iter()
        .map(|request| {
            let mut asker =
                Running::start(nncat(["req", "--connect", &url, "--recv-timeout", "3s"]));
            asker.write_stdin(format!("{request}\n").as_bytes());
            (*request, asker)
        })
        .collect();
    for (request, asker) in askers {
        let out = asker.finish();
        if request == "bad" {
            assert_eq!(out.code(), Some(3), "{}", out.stderr);
        } else {
            assert_eq!(out.stdout_text(), format!("ok {request}\n"));
        }
    }
    let out = replier.finish();
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert!(
        out.stderr.ends_with(
            "nncat: 1 of 3 --exec commands failed; the first: 'sh' exited with status 1\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn sigterm_kills_every_running_job_and_what_it_started() {
    let scratch = Scratch::new();
    let url = tcp_url();
    let replier = rep_with_script(
        &url,
        scratch.dir(),
        &["--jobs", "2"],
        "read n; echo $$ > leader-$n; sleep 30",
    );
    let _askers: Vec<_> = ["1", "2"]
        .iter()
        .map(|n| {
            let mut asker =
                Running::start(nncat(["req", "--connect", &url, "--recv-timeout", "30s"]));
            asker.write_stdin(format!("{n}\n").as_bytes());
            asker
        })
        .collect();
    let leaders = [
        pid_in(&scratch.path("leader-1")),
        pid_in(&scratch.path("leader-2")),
    ];
    replier.signal(libc::SIGTERM);
    let out = replier.finish();
    assert_eq!(out.code(), Some(143), "{}", out.stderr);
    for leader in leaders {
        wait_gone(leader, "a running job");
    }
}

/// --jobs, --exec-timeout and --exec-max-output mean nothing without --exec, whatever
/// else answers (clap's `requires` once took --echo or --data for --exec).
#[test]
fn the_exec_options_need_exec() {
    for (option, value) in [
        ("--jobs", "2"),
        ("--jobs", "1"),
        ("--exec-timeout", "1s"),
        ("--exec-max-output", "1K"),
    ] {
        for answer in [&["--data", "x"][..], &["--echo"]] {
            let mut args = vec!["rep", "--bind", "tcp://127.0.0.1:1", option, value];
            args.extend_from_slice(answer);
            run(nncat(&args)).fails_with(2, &format!("{option} is about --exec commands"));
        }
    }
}

#[test]
fn respondent_jobs_answer_each_survey_from_its_own_command() {
    let url = tcp_url();
    let respondent = Running::start_without_stdin(nncat([
        "respondent",
        "--bind",
        &url,
        "--jobs",
        "2",
        "-C",
        "2",
        "--exec",
        "tr",
        "a-z",
        "A-Z",
    ]));
    wait_bound(&url);
    let out = run_with_input(
        nncat(["surveyor", "--connect", &url, "--deadline", "1500ms"]),
        b"who\nwhat\n",
    )
    .success();
    assert_eq!(out.stdout_text(), "WHO\nWHAT\n");
    respondent.finish().success();
}

/// A script whose #! names a missing interpreter fails as a missing program would (ENOENT);
/// the warning names the interpreter, with no "(os error 2)".
#[test]
fn a_script_whose_interpreter_is_missing_is_named_by_its_interpreter() {
    let scratch = Scratch::new();
    let script = scratch.path("handler.sh");
    std::fs::write(&script, "#!/nonexistent/interpreter\n").expect("the script is written");
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("it is executable");
    let url = tcp_url();
    let script = script.display().to_string();
    let rep =
        Running::start_without_stdin(nncat(["rep", "--bind", &url, "-C", "1", "--exec", &script]));
    wait_bound(&url);
    run(nncat([
        "req",
        "--connect",
        &url,
        "-D",
        "x",
        "--recv-timeout",
        "500ms",
    ]));
    let out = rep
        .finish()
        .fails_with_last_line(1, "its interpreter, '/nonexistent/interpreter'");
    assert!(!out.stderr.contains("os error"), "{}", out.stderr);
}
