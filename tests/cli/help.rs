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

/// Each command's own help opens with the line `nncat --help` gives it (a doc comment on
/// a group flattened into every type once replaced them all with the TLS group's).
#[test]
fn each_command_s_help_opens_with_its_own_description() {
    let top = run(nncat(["--help"])).success().stdout_text();
    let listed: Vec<(String, String)> = top
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| {
            let (name, about) = line.trim().split_once(char::is_whitespace)?;
            Some((name.to_string(), about.trim().to_string()))
        })
        .filter(|(name, _)| name != "help")
        .collect();
    assert!(listed.len() >= 14, "the commands listed: {listed:?}");
    for (name, about) in listed {
        for flag in ["-h", "--help"] {
            let help = run(nncat([name.as_str(), flag])).success().stdout_text();
            assert!(
                help.starts_with(&about),
                "{name} {flag} opens with {:?}, not {about:?}",
                help.lines().next()
            );
        }
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

/// The socket types, as the subcommands and tap's TYPE name them.
const TYPES: [&str; 10] = [
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

/// The man pages nncat has, by the name `nncat man` takes.
fn man_page_names() -> Vec<String> {
    let list = run(nncat(["man", "--list"])).success().stdout_text();
    list.lines().map(str::to_string).collect()
}

/// Every page as `nncat man` prints it: nncat's own, then one per listed name.
fn every_man_page() -> Vec<(String, String)> {
    let mut pages = vec![(
        "nncat".to_string(),
        run(nncat(["man"])).success().stdout_text(),
    )];
    for name in man_page_names() {
        let page = run(nncat(["man", &name])).success().stdout_text();
        pages.push((format!("nncat-{name}"), page));
    }
    pages
}

/// The `NAME(1)` references in a roff page, with roff's `\-` read as `-`.
fn references(page: &str) -> Vec<String> {
    let text = page.replace("\\-", "-");
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("(1)") {
        let name: String = rest[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !name.is_empty() {
            found.push(name);
        }
        rest = &rest[at + 3..];
    }
    found
}

#[test]
fn every_page_a_man_page_refers_to_exists() {
    let pages = every_man_page();
    let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    let mut seen = 0;
    for (name, page) in &pages {
        for reference in references(page) {
            seen += 1;
            assert!(
                names.contains(&reference.as_str()),
                "{name}(1) refers to {reference}(1), which `nncat man` does not have"
            );
            assert!(
                docs.join(format!("{reference}.1")).is_file(),
                "{name}(1) refers to {reference}(1), which docs/man does not have"
            );
        }
    }
    assert!(seen > TYPES.len(), "nncat(1) refers to the types' pages");
}

#[test]
fn man_page_synopses_show_the_command_as_typed() {
    for name in man_page_names() {
        let page = run(nncat(["man", &name])).success().stdout_text();
        let synopsis = page
            .lines()
            .skip_while(|line| *line != ".SH SYNOPSIS")
            .nth(1)
            .unwrap_or_default();
        assert!(
            synopsis.starts_with(&format!("\\fBnncat {name}\\fR ")),
            "nncat-{name}(1)'s synopsis starts with `nncat {name}`: {synopsis}"
        );
    }
}

#[test]
fn every_option_in_the_man_pages_has_a_description() {
    for (name, page) in every_man_page() {
        let lines: Vec<&str> = page.lines().collect();
        for (at, line) in lines.iter().enumerate() {
            // .TP, the option (or argument, or subcommand), then what it does.
            if *line != ".TP" {
                continue;
            }
            let term = lines.get(at + 1).copied().unwrap_or_default();
            let description = lines.get(at + 2).copied().unwrap_or_default();
            assert!(
                !description.trim().is_empty() && !description.starts_with('.'),
                "{name}(1): {term} has no description"
            );
        }
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

#[test]
fn a_program_named_nn_sub_shows_its_own_usage() {
    let scratch = Scratch::new();
    let nn_sub = scratch.path("nn_sub");
    std::os::unix::fs::symlink(nncat_path(), &nn_sub).expect("a symlink in the scratch");
    for flag in ["--help", "-h"] {
        let mut command = std::process::Command::new(&nn_sub);
        command.arg(flag);
        let help = run(command).success().stdout_text();
        assert!(
            help.contains("Usage: nn_sub [OPTIONS]\n"),
            "nn_sub {flag}: {help}"
        );
        assert!(!help.contains("nn_sub sub"), "nn_sub {flag}: {help}");
    }
}

/// What bash offers for `words` (the last is the word being completed), through the
/// function that `nncat completions bash` registers for `words[0]`.
fn bash_completes(words: &[&str]) -> Vec<String> {
    const COMPLETE: &str = r#"
source "$1"; shift
# As bash does: the compspec for the command as typed, else for its last part.
spec=$(complete -p "$1" 2>/dev/null || complete -p "${1##*/}") || exit 3
fn=${spec##*-F }; fn=${fn%% *}
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let scratch = Scratch::new();
    let script = scratch.path("nncat.bash");
    let generated = run(nncat(["completions", "bash"])).success().stdout;
    std::fs::write(&script, generated).expect("the script is written");
    let mut bash = std::process::Command::new("bash");
    bash.args(["--norc", "--noprofile", "-c", COMPLETE, "bash"])
        .arg(&script)
        .args(words);
    let out = run(bash).success().stdout_text();
    out.lines()
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

/// What fish offers for the command line `line`, with `nncat completions fish` loaded.
fn fish_completes(line: &str) -> Vec<String> {
    require("fish");
    let scratch = Scratch::new();
    let script = scratch.path("nncat.fish");
    let generated = run(nncat(["completions", "fish"])).success().stdout;
    std::fs::write(&script, generated).expect("the script is written");
    let mut fish = std::process::Command::new("fish");
    fish.args([
        "--no-config",
        "-c",
        "source $argv[1]; complete --do-complete $argv[2]",
    ])
    .arg(&script)
    .arg(line);
    let out = run(fish).success().stdout_text();
    out.lines()
        .map(|line| line.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn bash_completes_taps_type_with_the_socket_types() {
    assert_eq!(bash_completes(&["nncat", "tap", ""]), TYPES);
    assert_eq!(
        bash_completes(&["nncat", "tap", "re"]),
        ["req", "rep", "respondent"]
    );
}

#[test]
fn bash_completes_the_nn_names_with_their_types_options() {
    assert_eq!(bash_completes(&["nn_sub", "--subs"]), ["--subscribe"]);
    assert_eq!(
        bash_completes(&["/usr/bin/nn_sub", "--subs"]),
        ["--subscribe"]
    );
    assert_eq!(
        bash_completes(&["nn_req", "--resend-i"]),
        ["--resend-interval"]
    );
    // push's options, not sub's or nncat's subcommands.
    assert!(bash_completes(&["nn_push", "--subs"]).is_empty());
    let offered = bash_completes(&["nn_push", ""]);
    assert!(
        offered.iter().any(|word| word == "--connect"),
        "{offered:?}"
    );
    assert!(!offered.iter().any(|word| word == "pull"), "{offered:?}");
}

#[test]
fn fish_completes_taps_type_and_the_nn_names() {
    // fish sorts what it offers.
    let mut types = TYPES;
    types.sort_unstable();
    assert_eq!(fish_completes("nncat tap "), types);
    assert_eq!(fish_completes("nn_sub --subs"), ["--subscribe"]);
    assert!(fish_completes("nn_push --subs").is_empty());
}

#[test]
fn zsh_completion_is_registered_for_the_nn_names() {
    let script = run(nncat(["completions", "zsh"])).success().stdout_text();
    let compdef = script.lines().next().unwrap_or_default();
    let mut expected = vec!["#compdef".to_string(), "nncat".to_string()];
    expected.extend(TYPES.map(|kind| format!("nn_{kind}")));
    assert_eq!(compdef.split(' ').collect::<Vec<_>>(), expected);
}
