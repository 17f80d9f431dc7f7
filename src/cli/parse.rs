//! From argv to a parsed command: nanocat's and nngcat's forms rewritten (`argv`),
//! then clap, with every usage error said on one line that points at the right help.

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};

use super::Cli;
use super::argv::{Refused, Rewritten, rewrite, type_of_program};
use crate::socket::SocketType;

/// What the command line asks for.
// Made once per run: boxing the command would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Parsed {
    /// Run this command.
    Run(Cli),
    /// Help or the version, printed on stdout: the run is over, and it succeeded.
    Shown,
    /// A usage error, said on stderr (or help printed for a command line with too
    /// little in it): exit 2.
    Refused,
}

/// Parses the command line. Help and version go to stdout (exit 0); a usage error is
/// one line on stderr with everything clap said, pointing at the type's help (exit 2).
pub fn parse(argv: Vec<OsString>) -> Parsed {
    // Guessed before clap, so that clap's own usage errors come out in the format asked
    // for; a command line that parses says it for sure (`run`).
    crate::report::set_json(asks_for_json_log(&argv));
    let run = |cli: Cli| {
        if let Some(format) = cli.log_format() {
            crate::report::set_json(format == super::LogFormat::Json);
        }
        Parsed::Run(cli)
    };
    // Most command lines are in clap's form already, and clap alone takes them: only
    // one it refuses is read for nanocat's and nngcat's forms. That check builds the
    // type's options once more, and cost a third of a one-shot's instructions.
    if type_of_program(&argv).is_none() {
        let parsed = Cli::command()
            .try_get_matches_from(&argv)
            .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
        match parsed {
            Ok(cli) => return run(cli),
            Err(err) if !err.use_stderr() => {
                let _ = err.print();
                return Parsed::Shown;
            }
            Err(_) => {}
        }
    }
    let usage_error = |message: &str, subcommand: Option<&str>| {
        crate::report::fail(
            Some(crate::report::Reason::Usage),
            &format!("{message}; {}", help_hint(subcommand)),
        );
        Parsed::Refused
    };
    let Rewritten {
        args,
        warnings,
        nngcat,
        program,
    } = match rewrite(argv) {
        Ok(rewritten) => rewritten,
        Err(Refused {
            message,
            subcommand,
        }) => return usage_error(&message, subcommand.as_deref()),
    };
    let subcommand = args.get(1).and_then(|arg| arg.to_str()).map(str::to_string);
    let known = subcommand
        .as_deref()
        .is_some_and(|name| Cli::command().find_subcommand(name).is_some());
    if !known && let Some(message) = mistyped_type_flag(&args) {
        return usage_error(&message, None);
    }
    let mut command = Cli::command();
    if let (Some(program), Some(name)) = (&program, subcommand.as_deref().filter(|_| known)) {
        command = command.mut_subcommand(name, |sub| {
            let usage = usage_under(program, &sub);
            sub.override_usage(usage)
        });
    }
    let parsed = command.try_get_matches_from(args).and_then(|mut matches| {
        Cli::from_arg_matches_mut(&mut matches).map_err(|err| err.format(&mut Cli::command()))
    });
    let err = match parsed {
        Ok(cli) => {
            if !cli.quiet() {
                warnings
                    .iter()
                    .for_each(|warning| crate::report::warn(warning));
            }
            return run(Cli { nngcat, ..cli });
        }
        Err(err) => err,
    };
    if !err.use_stderr() {
        let _ = err.print();
        return Parsed::Shown;
    }
    if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        && !crate::report::json()
    {
        let _ = err.print();
        return Parsed::Refused;
    }
    let subcommand = subcommand.filter(|_| known);
    usage_error(&one_line(&err.render().to_string()), subcommand.as_deref())
}

/// The usage line of `sub` run as `program`, which names the type itself: `nn_sub
/// [OPTIONS]`, where clap would say `nn_sub sub [OPTIONS]`, which is refused.
fn usage_under(program: &str, sub: &clap::Command) -> String {
    let usage = sub.clone().bin_name(program).render_usage().to_string();
    usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .trim_end()
        .to_string()
}

/// `--log-format json` on a command line clap may refuse: the option shortened
/// (`--log-f`), its value after `=` or nngcat's `:`, anywhere before the words that
/// are not nncat's (after `--exec`, or `--`).
fn asks_for_json_log(argv: &[OsString]) -> bool {
    let words: Vec<&str> = argv
        .iter()
        .map(|arg| arg.to_str().unwrap_or(""))
        .take_while(|word| *word != "--exec" && *word != "--")
        .collect();
    words.iter().enumerate().any(|(at, word)| {
        let (name, value) = match word.split_once(['=', ':']) {
            Some((name, value)) => (name, Some(value)),
            None => (*word, words.get(at + 1).copied()),
        };
        name.len() >= "--log".len() && "--log-format".starts_with(name) && value == Some("json")
    })
}

/// `nncat --psh ...`: a nanocat type flag with a typo, which clap alone would report
/// as an unknown argument with no hint.
fn mistyped_type_flag(args: &[OsString]) -> Option<String> {
    let first = args.get(1)?.to_str()?;
    let typed = first.strip_prefix("--")?;
    if SocketType::named(typed).is_some() {
        return None;
    }
    let known = Cli::command()
        .get_subcommands()
        .any(|sub| sub.get_name() == typed);
    if known || typed.is_empty() || typed == "help" || typed == "version" {
        return None;
    }
    let closest = SocketType::ALL
        .iter()
        .map(|kind| (strsim::levenshtein(typed, kind.name()), kind.name()))
        .min()?;
    if closest.0 <= 2 {
        return Some(format!(
            "unknown socket type flag '--{typed}' (did you mean '--{}'?)",
            closest.1
        ));
    }
    Some(format!(
        "no socket type: start with one, as in 'nncat pull {first} ...', or give nanocat's --pull, --push..."
    ))
}

/// clap's message on one line, for scripts that read stderr line by line, with all it
/// said: the missing arguments, the possible values, and its tips.
fn one_line(rendered: &str) -> String {
    let mut message = String::new();
    let mut details = Vec::new();
    let mut tips = Vec::new();
    for line in rendered.lines().map(str::trim) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if let Some(first) = line.strip_prefix("error: ") {
            message = first.to_string();
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            tips.push(tip.to_string());
        } else if !line.is_empty() {
            details.push(line.to_string());
        }
    }
    if !details.is_empty() {
        let joiner = if message.ends_with(':') { ", " } else { " " };
        message.push(' ');
        message.push_str(&details.join(joiner));
    }
    for tip in tips {
        message.push_str(&format!(" ({tip})"));
    }
    message
}

/// Where a usage error points: the subcommand's own help when there is one.
fn help_hint(subcommand: Option<&str>) -> String {
    match subcommand {
        Some(name) if name != "help" => format!("see 'nncat {name} --help'"),
        _ => "see 'nncat --help'".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn a_mistyped_type_flag_gets_a_suggestion() {
        let args: Vec<OsString> = ["nncat", "--psh", "-l", "5"]
            .iter()
            .map(OsString::from)
            .collect();
        let message = mistyped_type_flag(&args).expect("a suggestion");
        assert!(message.contains("'--push'"), "{message}");
        let args: Vec<OsString> = ["nncat", "--help"].iter().map(OsString::from).collect();
        assert_eq!(mistyped_type_flag(&args), None);
    }

    fn clap_error(args: &[&str]) -> String {
        let err = Cli::try_parse_from(args).expect_err("a usage error");
        one_line(&err.render().to_string())
    }

    #[test]
    fn clap_errors_keep_the_missing_argument_the_values_and_the_tips() {
        let message = clap_error(&["nncat", "tap"]);
        assert!(message.contains("<TYPE>"), "{message}");
        let message = clap_error(&["nncat", "pull", "--format", "yaml"]);
        assert!(
            message.contains("possible values: text, ascii"),
            "{message}"
        );
        let message = clap_error(&["nncat", "completions", "tcsh"]);
        assert!(
            message.contains("bash, elvish, fish, powershell, zsh"),
            "{message}"
        );
        let message = clap_error(&["nncat", "pull", "--bnd", "x"]);
        assert!(message.contains("'--bind'"), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
}
