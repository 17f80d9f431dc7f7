//! Conventions: completions for every shell, the man pages, `--help` with an example
//! for every command, and usage errors that suggest the fix.

use crate::harness::*;

#[test]
fn completions_for_every_shell_are_printed() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(nncat(["completions", shell])).success();
        let script = out.stdout_text();
        assert!(script.contains("nncat"), "{shell}: {script}");
        assert!(script.contains("subscribe"), "{shell} knows the flags");
        assert!(out.stderr.is_empty(), "{shell}: {}", out.stderr);
    }
}

#[test]
fn man_prints_a_roff_page() {
    for args in [vec!["man"], vec!["man", "push"], vec!["man", "tap"]] {
        let out = run(nncat(&args)).success();
        let page = out.stdout_text();
        assert!(
            page.starts_with(".TH") || page.starts_with(".ie"),
            "{args:?}: {}",
            &page[..page.len().min(80)]
        );
        assert!(page.contains(".TH nncat"), "{args:?}");
    }
}

#[test]
fn help_for_each_type_has_an_example() {
    let mut commands: Vec<&str> = vec![
        "push",
        "pull",
        "pub",
        "sub",
        "req",
        "rep",
        "pair",
        "bus",
        "surveyor",
        "respondent",
    ];
    commands.extend(["tap", "completions", "man"]);
    for command in commands {
        let out = run(nncat([command, "--help"])).success();
        let help = out.stdout_text();
        assert!(help.contains("Example"), "{command} --help: {help}");
        assert!(
            help.contains(&format!("nncat {command}")),
            "{command}'s example runs it"
        );
    }
}

#[test]
fn a_mistyped_type_suggests_the_right_one() {
    run(nncat(["psh", "--connect", "tcp://127.0.0.1:5555"])).fails_with(2, "'push'");
    run(nncat(["subb"])).fails_with(2, "'sub'");
}

#[test]
fn a_mistyped_nanocat_type_flag_suggests_the_right_one() {
    run(nncat(["--psh", "--connect", "tcp://127.0.0.1:5555"])).fails_with(2, "push");
}

#[test]
fn a_mistyped_flag_suggests_the_right_one() {
    run(nncat(["push", "--conect", "tcp://127.0.0.1:5555"])).fails_with(2, "'--connect'");
}

#[test]
fn an_address_without_a_scheme_says_to_add_one() {
    for args in [
        ["push", "--connect", "127.0.0.1:5555"],
        ["pull", "--bind", "localhost:5555"],
    ] {
        run(nncat(args)).fails_with(2, "scheme");
    }
}

#[test]
fn push_and_pub_help_leave_out_timestamp_which_they_refuse() {
    for kind in ["push", "pub"] {
        let help = run(nncat([kind, "--help"])).success().stdout_text();
        assert!(!help.contains("--timestamp"), "{kind} --help: {help}");
        // --topic-split stays: with --format json it joins "topic" and "data" on input.
        assert!(help.contains("--topic-split"), "{kind} --help: {help}");
        run(nncat([kind, "-l", "5", "--timestamp", "-D", "x"])).fails_with(
            2,
            &format!("--timestamp does not apply to {kind}; it works with pull, sub"),
        );
    }
}
