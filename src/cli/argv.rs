/*!
nanocat's command lines rewritten into nncat's before clap sees them, and the hints for
a mistyped type flag or a clap error, each kept on one line.
*/

use std::ffi::OsString;

use crate::socket::SocketType;

/// same spelling here.
pub fn nanocat_compatible(mut args: Vec<OsString>) -> Vec<OsString> {
    let Some(program) = args.first() else {
        return args;
    };
    let name = std::path::Path::new(program)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(kind) = name
        .strip_prefix("nn_")
        .filter(|kind| SocketType::named(kind).is_some())
    {
        args.insert(1, kind.into());
        return args;
    }
    let explicit = args
        .get(1)
        .is_some_and(|first| !first.to_string_lossy().starts_with('-'));
    if explicit {
        return args;
    }
    let flag_at = args.iter().skip(1).position(|arg| {
        arg.to_str()
            .and_then(|arg| arg.strip_prefix("--"))
            .is_some_and(|kind| SocketType::named(kind).is_some())
    });
    if let Some(at) = flag_at {
        let flag = args.remove(at + 1);
        let kind = flag.to_string_lossy().trim_start_matches('-').to_string();
        args.insert(1, kind.into());
    }
    args
}

/// `nncat --psh ...`: a nanocat type flag with a typo, which clap alone would report
/// as an unknown argument with no hint.
pub(super) fn mistyped_type_flag(args: &[OsString]) -> Option<String> {
    let first = args.get(1)?.to_str()?;
    let typed = first.strip_prefix("--")?;
    if SocketType::named(typed).is_some() {
        return None;
    }
    let known = <super::Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .any(|sub| sub.get_name() == typed);
    if known || typed.is_empty() || typed == "help" || typed == "version" {
        return None;
    }
    let closest = SocketType::ALL
        .iter()
        .map(|kind| (edit_distance(typed, kind.name()), kind.name()))
        .min()?;
    if closest.0 <= 2 {
        return Some(format!(
            "unknown socket type flag '--{typed}' (did you mean '--{}'?); see 'nncat --help'",
            closest.1
        ));
    }
    Some(format!(
        "no socket type: start with one, as in 'nncat pull {first} ...', or give nanocat's --pull, --push...; see 'nncat --help'"
    ))
}

/// Levenshtein distance, for suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// clap's message and its tips on one line, for scripts that read stderr line by line.
pub(super) fn one_line(rendered: &str) -> String {
    let mut message = String::new();
    let mut tips = Vec::new();
    for line in rendered.lines().map(str::trim) {
        if let Some(first) = line.strip_prefix("error: ") {
            message = first.to_string();
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            tips.push(tip.to_string());
        }
    }
    for tip in tips {
        message.push_str(&format!(" ({tip})"));
    }
    message.push_str("; see 'nncat --help'");
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        nanocat_compatible(args)
            .into_iter()
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect()
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

    #[test]
    fn a_program_named_nn_type_takes_the_type_from_its_name() {
        assert_eq!(
            rewritten(&["/usr/local/bin/nn_pull", "-L", "5"]),
            ["/usr/local/bin/nn_pull", "pull", "-L", "5"]
        );
        assert_eq!(rewritten(&["nn_other", "-x"]), ["nn_other", "-x"]);
    }

    /// docs/man holds the generated pages; this fails when the command line changed
    /// without them being generated again.

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
        assert_eq!(edit_distance("psh", "push"), 1);
    }
}
