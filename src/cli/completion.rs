/*!
The shell completion scripts: clap_complete's, from the clap definition, with what it
leaves out added from the same definition. nanocat's program names (`nn_push`...) are
nncat with the type preset, so each completes as `nncat TYPE` does; and a subcommand
whose first word is one of a set of values (tap's TYPE, the completions' SHELL) offers
those values there, not the options (bash offered the options first and fish offered
files). The additions are text inserted at places clap_complete writes; the tests in
tests/cli/help.rs run the scripts in bash and fish, so a clap_complete that writes them
otherwise fails there.
*/

use clap::CommandFactory;
use clap_complete::Shell;

use crate::socket::SocketType;

/// The completion script for `shell`. Rendered into memory: clap_complete panics on a
/// write error, and `nncat completions bash | head -1` closes the pipe.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut command = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "nncat", &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    let valued = first_values(&command);
    match shell {
        Shell::Bash => bash(script, &valued),
        Shell::Zsh => zsh(script),
        Shell::Fish => fish(script, &valued),
        _ => script,
    }
    .into_bytes()
}

/// The subcommands whose first positional takes one of a set of values, with the values.
fn first_values(command: &clap::Command) -> Vec<(String, Vec<String>)> {
    command
        .get_subcommands()
        .filter_map(|sub| {
            let values: Vec<String> = sub
                .get_positionals()
                .next()?
                .get_possible_values()
                .iter()
                .filter(|value| !value.is_hide_set())
                .map(|value| value.get_name().to_string())
                .collect();
            (!values.is_empty()).then(|| (sub.get_name().to_string(), values))
        })
        .collect()
}

fn program_names() -> Vec<String> {
    SocketType::ALL.map(SocketType::program_name).to_vec()
}

/// Inserts `text` after the first line that `is_anchor`, or leaves `script` as it is.
fn insert_after_line(script: &mut String, is_anchor: impl Fn(&str) -> bool, text: &str) {
    let mut at = 0;
    for line in script.split_inclusive('\n') {
        at += line.len();
        if is_anchor(line.trim_end_matches('\n')) {
            script.insert_str(at, text);
            return;
        }
    }
}

fn bash(mut script: String, valued: &[(String, Vec<String>)]) -> String {
    for (name, values) in valued {
        // clap_complete's case for `nncat NAME`; COMP_CWORD 2 is the word after NAME.
        let labels = [format!("nncat__subcmd__{name})"), format!("nncat__{name})")];
        let values = values.join(" ");
        let offer = format!(
            "            if [[ ${{cur}} != -* && ${{COMP_CWORD}} -eq 2 ]] ; then\n\
             \x20               COMPREPLY=( $(compgen -W \"{values}\" -- \"${{cur}}\") )\n\
             \x20               return 0\n\
             \x20           fi\n"
        );
        insert_after_line(
            &mut script,
            |line| labels.iter().any(|label| label == line.trim()),
            &offer,
        );
    }
    // clap_complete registers _nncat for nncat alone, with options that depend on the
    // bash version: the same lines, for the nn_ names and through the function below.
    let names = program_names().join(" ");
    let registration: String = script
        .split_inclusive('\n')
        .skip_while(|line| !line.starts_with("if [[ \"${BASH_VERSINFO[0]}\""))
        .map(|line| match line.trim_end().strip_suffix(" nncat") {
            Some(start) if start.trim_start().starts_with("complete -F _nncat ") => {
                let start = start.replacen("-F _nncat ", "-F _nncat_nn_type ", 1);
                format!("{start} {names}\n")
            }
            _ => line.to_string(),
        })
        .collect();
    script.push_str(
        "\n# nanocat's program names (nn_push...) are nncat with the type preset: complete\n\
         # them as `nncat TYPE`, the words shifted to where _nncat looks for them.\n\
         _nncat_nn_type() {\n\
         \x20   local program=\"${1##*/}\"\n\
         \x20   local COMP_WORDS=(nncat \"${program#nn_}\" \"${COMP_WORDS[@]:1}\")\n\
         \x20   local COMP_CWORD=$((COMP_CWORD + 1))\n\
         \x20   _nncat nncat \"$2\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n\
         }\n\n",
    );
    script.push_str(&registration);
    script
}

fn zsh(mut script: String) -> String {
    let names = program_names().join(" ");
    // The names compinit registers the script for, and those `compdef` does when the
    // script is sourced instead.
    script = script.replacen("#compdef nncat\n", &format!("#compdef nncat {names}\n"), 1);
    script = script.replacen(
        "    compdef _nncat nncat\n",
        &format!("    compdef _nncat nncat {names}\n"),
        1,
    );
    insert_after_line(
        &mut script,
        |line| line == "_nncat() {",
        "    # nanocat's program names (nn_push...) are nncat with the type preset.\n\
         \x20   if [[ ${words[1]:t} == nn_* ]]; then\n\
         \x20       words=(nncat ${${words[1]:t}#nn_} \"${(@)words[2,-1]}\")\n\
         \x20       (( CURRENT += 1 ))\n\
         \x20   fi\n",
    );
    script
}

fn fish(mut script: String, valued: &[(String, Vec<String>)]) -> String {
    // One `complete` command may run over several lines (a value list with a line each).
    let mut entries: Vec<String> = Vec::new();
    for line in script.split_inclusive('\n') {
        match entries.last_mut() {
            Some(entry) if !line.starts_with("complete ") => entry.push_str(line),
            _ if line.starts_with("complete ") => entries.push(line.to_string()),
            _ => {}
        }
    }
    let mut added =
        String::from("\n# nanocat's program names (nn_push...) are nncat with the type preset.\n");
    for kind in SocketType::ALL {
        let condition = format!(
            "complete -c nncat -n \"__fish_nncat_using_subcommand {}\" ",
            kind.name()
        );
        for entry in &entries {
            if let Some(rest) = entry.strip_prefix(&condition) {
                added.push_str(&format!("complete -c {} {rest}", kind.program_name()));
            }
        }
    }
    for (name, values) in valued {
        let values = values.join(" ");
        added.push_str(&format!(
            "complete -c nncat -n \"__fish_nncat_using_subcommand {name}; and not \
             __fish_seen_subcommand_from {values}\" -f -a \"{values}\"\n"
        ));
    }
    script.push_str(&added);
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_in_docs_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/completions");
        for (shell, file) in [
            (Shell::Bash, "nncat.bash"),
            (Shell::Zsh, "nncat.zsh"),
            (Shell::Fish, "nncat.fish"),
        ] {
            let expected = completions(shell);
            let found = std::fs::read(dir.join(file)).unwrap_or_default();
            assert!(
                found == expected,
                "docs/completions/{file} is stale: run scripts/generate-docs.sh"
            );
        }
    }

    #[test]
    fn taps_type_and_the_completions_shell_take_values() {
        let mut command = super::super::Cli::command();
        // The subcommands' arguments are there once built (`defer`).
        command.build();
        let valued = first_values(&command);
        let names: Vec<&str> = valued.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["tap", "completions"]);
    }
}
