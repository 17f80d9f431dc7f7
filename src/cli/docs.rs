/*!
The man pages, rendered from the clap definition so they cannot drift from it, with the
sections clap_mangen does not write (nncat's list of subcommands, SEE ALSO); docs/man
holds the generated copies.
*/

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
    let (mut command, see_also) = match page {
        None => {
            // clap_mangen would list every subcommand as a page of its own, nncat-man(1)
            // and nncat-help(1) too, which do not exist: nncat's page lists them itself.
            let listed = commands_section(&command);
            let command = command
                .disable_help_subcommand(true)
                .mut_subcommands(|sub| sub.hide(true));
            let pages: Vec<String> = man_pages().map(|name| format!("nncat-{name}")).collect();
            (command, Some((listed, pages)))
        }
        Some(name) => {
            let sub = command
                .get_subcommands()
                .find(|sub| sub.get_name() == name && man_pages().any(|page| page == name))
                .cloned()
                .ok_or_else(|| {
                    format!("no man page for '{name}': name a socket type, tap or probe")
                })?;
            // The page is named nncat-push, as man finds it, but the synopsis shows the
            // command as typed. The page's .TH line and VERSION section read the version
            // from the command; a subcommand has none of its own. No -V flag: `nncat
            // push --version` is not an option, so the page must not list it.
            let sub = sub
                .name(format!("nncat-{name}"))
                .bin_name(format!("nncat {name}"))
                .version(env!("CARGO_PKG_VERSION"))
                .disable_version_flag(true);
            (sub, None)
        }
    };
    // A subcommand's options are there once it is built (`defer`).
    command.build();
    // clap_mangen prints no description for an option hidden from `-h` (--async,
    // --compat) unless it has a long help of its own; the man page is the long form.
    let command = command.mut_args(|arg| match arg.get_help().cloned() {
        Some(help) if arg.is_hide_short_help_set() && arg.get_long_help().is_none() => {
            arg.long_help(help)
        }
        _ => arg,
    });
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|err| format!("cannot render the man page: {err}"))?;
    let mut out =
        String::from_utf8(out).map_err(|err| format!("cannot render the man page: {err}"))?;
    match see_also {
        Some((listed, pages)) => {
            // Before the examples and exit codes, where clap_mangen puts its own list.
            let at = out.find("\n.SH EXTRA\n").map_or(out.len(), |at| at + 1);
            out.insert_str(at, &listed);
            out.push_str(&see_also_section(&pages));
        }
        None => out.push_str(&see_also_section(&["nncat".to_string()])),
    }
    Ok(out.into_bytes())
}

/// nncat(1)'s SUBCOMMANDS: each as it is typed, with what it does, and the subcommands
/// without a page of their own (completions, man) beside those with one.
fn commands_section(command: &clap::Command) -> String {
    let mut roff = roff::Roff::new();
    roff.control("SH", ["SUBCOMMANDS"]);
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let name = sub.get_name();
        roff.control("TP", []);
        roff.text([roff::bold(format!("nncat {name}"))]);
        let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
        if man_pages().any(|page| page == name) {
            roff.text([roff::roman(format!("{about}; see nncat-{name}(1)"))]);
        } else {
            roff.text([roff::roman(about)]);
        }
    }
    without_preamble(&roff)
}

/// A SEE ALSO section naming these pages, in section 1.
fn see_also_section(pages: &[String]) -> String {
    let mut roff = roff::Roff::new();
    roff.control("SH", ["SEE ALSO"]);
    let names: Vec<String> = pages.iter().map(|page| format!("{page}(1)")).collect();
    roff.text([roff::roman(names.join(", "))]);
    without_preamble(&roff)
}

/// Roff for a section added to clap_mangen's page, which has the preamble (the string
/// that typesets an apostrophe) at its top already.
fn without_preamble(roff: &roff::Roff) -> String {
    let preamble = roff::Roff::new().render();
    let text = roff.render();
    text.strip_prefix(&preamble).unwrap_or(&text).to_string()
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
}
