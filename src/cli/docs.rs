/*!
The man pages and shell completions, rendered from the clap definition so they cannot
drift from it; docs/ holds the generated copies.
*/

/// The completion script for `shell`. Rendered into memory: clap_complete panics on a
/// write error, and `nncat completions bash | head -1` closes the pipe.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut command = <super::Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "nncat", &mut out);
    out
}

/// The subcommands with a page of their own, beside nncat's: the ones that open
/// sockets (every type, tap, probe), read off the definition so a new one gets a page.
pub fn man_pages() -> impl Iterator<Item = String> {
    <super::Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .filter(|name| !["completions", "man", "help"].contains(&name.as_str()))
        .collect::<Vec<_>>()
        .into_iter()
}

/// The roff man page for nncat, or for one of its subcommands (`push`, `tap`...).
pub fn man_page(page: Option<&str>) -> Result<Vec<u8>, String> {
    let command = <super::Cli as clap::CommandFactory>::command();
    let command = match page {
        None => command,
        Some(name) => {
            let sub = command
                .get_subcommands()
                .find(|sub| sub.get_name() == name && man_pages().any(|page| page == name))
                .cloned()
                .ok_or_else(|| {
                    format!("no man page for '{name}': name a socket type, tap or probe")
                })?;
            // The page's .TH line and VERSION section read the version from the
            // command; a subcommand has none of its own. No -V flag: `nncat push
            // --version` is not an option, so the page must not list it.
            sub.name(format!("nncat-{name}"))
                .version(env!("CARGO_PKG_VERSION"))
                .disable_version_flag(true)
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|err| format!("cannot render the man page: {err}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::socket::SocketType;

    #[test]
    fn man_pages_in_docs_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
        let names: Vec<String> = man_pages().collect();
        for kind in SocketType::ALL {
            assert!(
                names.iter().any(|name| name == kind.name()),
                "{kind} has a page"
            );
        }
        let mut pages = vec![(None, "nncat.1".to_string())];
        pages.extend(
            names
                .iter()
                .map(|name| (Some(name.as_str()), format!("nncat-{name}.1"))),
        );
        for (page, file) in pages {
            let expected = man_page(page).expect("every listed page renders");
            let found = std::fs::read(dir.join(&file)).unwrap_or_default();
            assert!(
                found == expected,
                "docs/man/{file} is stale: run scripts/generate-docs.sh"
            );
        }
    }

    #[test]
    fn completions_in_docs_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/completions");
        for (shell, file) in [
            (clap_complete::Shell::Bash, "nncat.bash"),
            (clap_complete::Shell::Zsh, "nncat.zsh"),
            (clap_complete::Shell::Fish, "nncat.fish"),
        ] {
            let expected = completions(shell);
            let found = std::fs::read(dir.join(file)).unwrap_or_default();
            assert!(
                found == expected,
                "docs/completions/{file} is stale: run scripts/generate-docs.sh"
            );
        }
    }
}
