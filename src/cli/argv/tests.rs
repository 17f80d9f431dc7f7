use std::ffi::OsString;

use super::*;

fn rewritten(args: &[&str]) -> Vec<String> {
    let args = args.iter().map(OsString::from).collect();
    rewrite(args)
        .expect("a command line nncat takes")
        .args
        .into_iter()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect()
}

fn refused(args: &[&str]) -> String {
    let args = args.iter().map(OsString::from).collect();
    rewrite(args).expect_err("a refused command line").message
}

#[test]
fn nanocat_type_flags_become_subcommands() {
    assert_eq!(
        rewritten(&["nncat", "--push", "--connect", "tcp://a:1", "-D", "hi"]),
        ["nncat", "push", "--connect", "tcp://a:1", "-D", "hi"]
    );
    assert_eq!(
        rewritten(&["nncat", "--connect", "tcp://a:1", "--sub", "-A"]),
        ["nncat", "sub", "--connect", "tcp://a:1", "-A"]
    );
    assert_eq!(
        rewritten(&["nncat", "pull", "-L", "5"]),
        ["nncat", "pull", "-L", "5"]
    );
}

/// The value after a cluster that ends with a letter taking one (`-QD help`) is that
/// letter's value, not the type, even when it names one.
#[test]
fn the_value_after_a_cluster_is_not_taken_for_the_type() {
    assert_eq!(
        rewritten(&["nncat", "--req", "--connect", "tcp://a:1", "-QD", "help"]),
        ["nncat", "req", "--connect", "tcp://a:1", "-QD", "help"]
    );
    assert_eq!(
        rewritten(&["nncat", "-QDsub", "--req", "--connect", "tcp://a:1"]),
        ["nncat", "req", "-QDsub", "--connect", "tcp://a:1"]
    );
}

/// nanocat's -1 and nngcat's 0 mean no timeout, as leaving the option out does.
#[test]
fn a_timeout_the_line_s_own_tool_reads_as_none_is_left_out() {
    assert_eq!(
        rewritten(&[
            "nncat",
            "--pull",
            "--bind",
            "tcp://a:1",
            "--recv-timeout",
            "-1"
        ]),
        ["nncat", "pull", "--bind", "tcp://a:1"]
    );
    assert_eq!(
        rewritten(&[
            "nncat",
            "--push",
            "--send-timeout=-1",
            "--bind",
            "tcp://a:1"
        ]),
        ["nncat", "push", "--bind", "tcp://a:1"]
    );
    assert_eq!(
        rewritten(&[
            "nncat",
            "--pull0",
            "--listen",
            "tcp://a:1",
            "--recv-timeout",
            "0"
        ]),
        ["nncat", "pull", "--listen", "tcp://a:1"]
    );
    assert_eq!(
        rewritten(&[
            "nncat",
            "--pull",
            "--bind",
            "tcp://a:1",
            "--recv-timeout",
            "0"
        ]),
        [
            "nncat",
            "pull",
            "--bind",
            "tcp://a:1",
            "--recv-timeout",
            "0"
        ]
    );
}

#[test]
fn nngcat_type_flags_and_syntax_become_nncats() {
    assert_eq!(
        rewritten(&[
            "nncat",
            "--rep0",
            "--listen=tcp://a:1",
            "--data:42",
            "--quo"
        ]),
        [
            "nncat",
            "rep",
            "--listen=tcp://a:1",
            "--data=42",
            "--quoted"
        ]
    );
    assert_eq!(
        rewritten(&["nncat", "--surv", "--dial", "tcp://a:1", "--comp"]),
        ["nncat", "surveyor", "--dial", "tcp://a:1", "--compat"]
    );
    let flavour = |args: &[&str]| {
        rewrite(args.iter().map(OsString::from).collect())
            .expect("taken")
            .nngcat
    };
    assert!(flavour(&["nncat", "--pull0", "-l", "5"]));
    assert!(flavour(&["nncat", "--pull", "--dial", "tcp://a:1"]));
    assert!(!flavour(&["nncat", "--pull", "--connect", "tcp://a:1"]));
    assert!(!flavour(&["nncat", "pull", "--dial", "tcp://a:1"]));
    // --compat asks nngcat to behave as nanocat.
    assert!(!flavour(&["nncat", "--pull0", "-l", "5", "--compat"]));
}

#[test]
fn options_before_the_type_follow_it() {
    assert_eq!(
        rewritten(&["nncat", "-v", "--format", "hex", "req", "-l", "5"]),
        ["nncat", "req", "-v", "--format", "hex", "-l", "5"]
    );
    assert_eq!(
        rewritten(&["nncat", "--stats", "tap", "rep", "-q"]),
        ["nncat", "tap", "--stats", "rep", "-q"]
    );
}

#[test]
fn an_ambiguous_abbreviation_names_the_candidates() {
    let message = refused(&["nncat", "--re", "-l", "5"]);
    assert!(message.contains("ambiguous"), "{message}");
    for name in ["--req", "--rep", "--respondent", "--recv-timeout"] {
        assert!(message.contains(name), "{message}");
    }
    let message = refused(&["nncat", "pull", "--rec", "1", "-l", "5"]);
    assert!(
        message.contains("--recv-timeout, --recv-maxsz"),
        "{message}"
    );
    assert!(!message.contains("--req0"), "{message}");
    assert_eq!(message.matches("--recv-timeout").count(), 1, "{message}");
}

#[test]
fn an_option_of_other_types_is_refused_with_the_types_that_take_it() {
    assert_eq!(
        refused(&["nncat", "push", "--recv-timeout", "1"]),
        "--recv-timeout does not apply to push; it works with pull, sub, req, rep, pair, bus, surveyor, respondent, tap"
    );
    assert_eq!(
        refused(&["nncat", "--pull", "-i", "1"]),
        "-i (--interval) does not apply to pull; it works with push, pub, req, pair, bus, surveyor"
    );
    assert!(refused(&["nncat", "pub", "--subs", "x"]).ends_with("it works with sub"));
}

#[test]
fn arguments_that_are_not_utf8_are_passed_over() {
    use std::os::unix::ffi::OsStringExt;
    let args = vec![
        OsString::from("nncat"),
        OsString::from("push"),
        OsString::from_vec(b"\xff".to_vec()),
        OsString::from("--recv-t"),
    ];
    let refused = rewrite(args).expect_err("--recv-timeout is not push's");
    assert!(
        refused.message.contains("does not apply"),
        "{}",
        refused.message
    );
}

#[test]
fn exec_keeps_the_rest_of_the_line_as_it_is() {
    assert_eq!(
        rewritten(&["nncat", "rep", "-L", "5", "--exec", "grep", "--cou", "x"]),
        ["nncat", "rep", "-L", "5", "--exec", "grep", "--cou", "x"]
    );
}

#[test]
fn nngcat_tls_options_are_taken_as_nngcat_writes_them() {
    assert_eq!(
        rewritten(&[
            "nncat",
            "--req",
            "--dial",
            "tls+tcp://h:1",
            "--cacert",
            "ca.pem",
            "-k",
            "-E",
            "c.pem",
            "--key",
            "k.pem"
        ]),
        [
            "nncat",
            "req",
            "--dial",
            "tls+tcp://h:1",
            "--cacert",
            "ca.pem",
            "-k",
            "-E",
            "c.pem",
            "--key",
            "k.pem"
        ]
    );
}

#[test]
fn what_nanomsg_lacks_is_said() {
    assert!(refused(&["nncat", "--pair1", "-l", "5"]).contains("no pair version 1"));
    assert!(refused(&["nncat", "--push", "--pull"]).contains("two socket types"));
    assert!(refused(&["nncat", "--co", "tcp://a:1", "--push"]).contains("ambiguous"));
    let args = ["nncat", "--pair", "--dial", "tcp://a:1"].map(OsString::from);
    let warnings = rewrite(args.to_vec()).expect("taken").warnings;
    assert!(warnings[0].contains("pair version 1"), "{warnings:?}");
    let args = ["nncat", "--pair0", "--dial", "tcp://a:1"].map(OsString::from);
    assert!(rewrite(args.to_vec()).expect("taken").warnings.is_empty());
}

#[test]
fn a_program_named_nn_type_takes_the_type_from_its_name() {
    assert_eq!(
        rewritten(&["/usr/local/bin/nn_pull", "-L", "5"]),
        ["/usr/local/bin/nn_pull", "pull", "-L", "5"]
    );
    assert_eq!(rewritten(&["nn_other", "-x"]), ["nn_other", "-x"]);
}

#[test]
fn a_command_line_in_clap_form_is_left_as_the_full_rewriting_would_leave_it() {
    let lines: &[&[&str]] = &[
        &["nncat", "--version"],
        &["nncat", "-h"],
        &[
            "nncat",
            "pull",
            "--bind",
            "tcp://127.0.0.1:5555",
            "--count",
            "3",
            "-v",
        ],
        &[
            "nncat",
            "push",
            "-l",
            "5555",
            "--data",
            "--not-an-option",
            "--hex",
        ],
        &[
            "nncat",
            "rep",
            "--bind=ipc:///tmp/x",
            "--exec",
            "sh",
            "-c",
            "--push",
        ],
        &[
            "nncat",
            "sub",
            "--connect",
            "tcp://h:1",
            "--subscribe",
            "a",
            "--",
            "--x",
        ],
        &["nncat", "req", "-x", "/tmp/s", "--recv-timeout", "1s", "-A"],
        &["nncat", "probe", "tcp://127.0.0.1:1", "--format", "json"],
        &[
            "nncat",
            "tap",
            "pair",
            "--bind",
            "tcp://a:1",
            "--connect",
            "tcp://b:2",
        ],
    ];
    for line in lines {
        let args: Vec<OsString> = line.iter().map(OsString::from).collect();
        assert!(in_clap_form(&args), "{line:?} is in clap's form");
        let full = rewrite_against_every_subcommand(args.clone()).expect("a valid line");
        assert_eq!(full.args, args, "{line:?}");
        assert!(full.warnings.is_empty() && !full.nngcat, "{line:?}");
    }
}

#[test]
fn a_command_line_that_needs_rewriting_is_not_taken_for_clap_form() {
    let lines: &[&[&str]] = &[
        &["nncat", "--push", "--connect", "tcp://h:1"],
        &["nncat", "-v", "pull", "--bind", "tcp://h:1"],
        &["nncat", "pull", "--bi", "tcp://h:1"],
        &["nncat", "pull", "--bind:tcp://h:1"],
        &["nncat", "pull", "--bind", "tcp://h:1", "--data", "x"],
        &["nncat", "pull", "--bind", "tcp://h:1", "--zt-home", "z"],
        &["nncat", "pull", "--bind", "tcp://h:1", "--push"],
        &["nncat", "pull", "-D", "x"],
    ];
    for line in lines {
        let args: Vec<OsString> = line.iter().map(OsString::from).collect();
        assert!(!in_clap_form(&args), "{line:?} needs the rewriting");
    }
}

#[test]
fn words_after_exec_are_the_commands_even_before_the_type_is_found() {
    assert_eq!(
        rewritten(&["nncat", "--rep", "-L", "5", "--exec", "grep", "--pub"]),
        ["nncat", "rep", "-L", "5", "--exec", "grep", "--pub"]
    );
    assert_eq!(
        rewritten(&["nncat", "-L", "5", "--rep", "--exec", "grep", "pull"]),
        ["nncat", "rep", "-L", "5", "--exec", "grep", "pull"]
    );
    assert_eq!(
        rewritten(&["nncat", "--rep", "-L", "5", "--exec", "tr", "--pair1"]),
        ["nncat", "rep", "-L", "5", "--exec", "tr", "--pair1"]
    );
}

#[test]
fn a_word_that_is_not_utf8_does_not_hide_the_type_flag_after_it() {
    use std::os::unix::ffi::OsStringExt;
    let not_utf8 = OsString::from_vec(b"--bind=ipc:///tmp/\xff".to_vec());
    let args = vec![
        OsString::from("nncat"),
        not_utf8.clone(),
        OsString::from("--push"),
    ];
    let rewritten = rewrite(args).expect("a command line nncat takes").args;
    assert_eq!(
        rewritten,
        [OsString::from("nncat"), "push".into(), not_utf8]
    );
}
