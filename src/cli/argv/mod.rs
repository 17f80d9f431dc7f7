/*!
Command lines as people type them, turned into the one form clap parses, before clap
sees them:
- the type comes first: `nncat -v req ...` moves `req` to the front, and nanocat's and
  nngcat's type flags (`--req`, `--req0`) and a program named `nn_req` become it;
- a long option may be shortened while the prefix stays unambiguous (`--comp` for
  `--compat`), and nngcat's `--opt:value` means `--opt=value`;
- an option that only other types have is refused with the list of types that take it.

Everything is read off the clap definition and `SocketType`, so a new option or type
needs no edit here. clap's own errors are put on one line at the end.
*/

use std::ffi::OsString;

use clap::CommandFactory;

use crate::socket::SocketType;

mod walk;
mod words;

use walk::{Walk, Word};
use words::{Meaning, Resolved, Sub, Table, ambiguous, options_of, resolve, unsupported};

/// The command line in clap's form, and what to warn about once it has parsed.
#[derive(Debug)]
pub struct Rewritten {
    pub args: Vec<OsString>,
    pub warnings: Vec<String>,
    /// Written for nngcat: its quoted form, where it differs from nanocat's.
    pub nngcat: bool,
    /// The program's name when it gave the type (`nn_sub`), which its help shows.
    pub program: Option<String>,
}

/// A usage error found while rewriting, and the help page it points at.
#[derive(Debug)]
pub struct Refused {
    pub message: String,
    pub subcommand: Option<String>,
}

/// Rewrites the command line; see the module documentation.
pub fn rewrite(mut args: Vec<OsString>) -> Result<Rewritten, Refused> {
    let program = from_program_name(&mut args);
    if in_clap_form(&args) {
        return Ok(Rewritten {
            args,
            warnings: Vec::new(),
            nngcat: false,
            program,
        });
    }
    let rewritten = rewrite_against_every_subcommand(args)?;
    Ok(Rewritten {
        program,
        ..rewritten
    })
}

/// The rewriting itself, with every subcommand's options at hand.
fn rewrite_against_every_subcommand(mut args: Vec<OsString>) -> Result<Rewritten, Refused> {
    let table = Table::new();
    let mut warnings = Vec::new();
    let refuse = |message: String, subcommand: Option<&str>| Refused {
        message,
        subcommand: subcommand.map(str::to_string),
    };

    // Find the type: a subcommand word after options only, or type flags.
    let vocabulary = table.vocabulary();
    let mut explicit = None;
    let mut flags: Vec<(usize, SocketType, String)> = Vec::new();
    for word in Walk::new(&args, 1, &vocabulary) {
        match word {
            Word::Long {
                at,
                typed,
                resolved,
                ..
            } => match resolved {
                Resolved::One(name, Meaning::Type(kind)) => flags.push((at, kind, name)),
                Resolved::One(name, meaning) => {
                    if let Some(message) = unsupported(&name, &meaning) {
                        return Err(refuse(message, None));
                    }
                }
                Resolved::Ambiguous(names) => {
                    if names.iter().any(|name| {
                        matches!(
                            resolve(&name[2..], &vocabulary.words),
                            Resolved::One(_, Meaning::Type(_) | Meaning::Pair1)
                        )
                    }) {
                        return Err(refuse(ambiguous(typed, &names), None));
                    }
                }
                Resolved::Unknown => {}
            },
            Word::Plain { at, text } if table.sub(text).is_some() => {
                explicit = Some(at);
                break;
            }
            // Any other word is the value of an option this could not resolve; a type
            // flag may still follow it.
            Word::Short { .. } | Word::Plain { .. } => {}
        }
    }

    let kinds: Vec<SocketType> = flags.iter().map(|(_, kind, _)| *kind).collect();
    if let Some((_, _, flag)) = flags.first() {
        if let Some(at) = explicit {
            let word = args[at].to_string_lossy().into_owned();
            return Err(refuse(
                format!("two socket types, '{word}' and '--{flag}': give one"),
                Some(&word),
            ));
        }
        if let Some(other) = flags.iter().find(|(_, kind, _)| *kind != kinds[0]) {
            return Err(refuse(
                format!("two socket types, '--{flag}' and '--{}': give one", other.2),
                None,
            ));
        }
        for (at, _, _) in flags.iter().rev() {
            args.remove(*at);
        }
        args.insert(1, kinds[0].name().into());
    } else if let Some(at) = explicit {
        let word = args.remove(at);
        args.insert(1, word);
    }

    let Some(sub) = args
        .get(1)
        .and_then(|arg| arg.to_str())
        .and_then(|name| table.sub(name))
    else {
        return Ok(Rewritten {
            args,
            warnings,
            nngcat: false,
            program: None,
        });
    };
    let names = complete_options(&table, sub, &mut args)
        .map_err(|message| refuse(message, Some(&sub.name)))?;
    let nngcat = nngcat_flavour(&names, &flags);
    drop_unset_timeouts(sub, &mut args, nngcat);
    if nngcat && flags.iter().any(|(_, _, name)| name == "pair") {
        warnings.push(
            "nngcat's --pair means pair version 1, which nanomsg does not have: this is \
             pair version 0, which nngcat speaks with --pair0 or --compat"
                .into(),
        );
    }
    Ok(Rewritten {
        args,
        warnings,
        nngcat,
        program: None,
    })
}

/// A timeout that the tool the line was written for reads as none is left out, which
/// means none to nncat too: nanocat's -1 (its default), and nngcat's 0. `args` has its
/// options completed (`complete_options`).
fn drop_unset_timeouts(sub: &Sub, args: &mut Vec<OsString>, nngcat: bool) {
    let unset = |value: &str| match value.trim().parse::<f64>() {
        Ok(seconds) if nngcat => seconds == 0.0,
        Ok(seconds) => seconds < 0.0,
        Err(_) => false,
    };
    let own = sub.vocabulary();
    let mut unset_at = Vec::new();
    for word in Walk::new(args, 2, &own) {
        let Word::Long {
            at,
            value,
            resolved: Resolved::One(_, Meaning::Option(long)),
            ..
        } = word
        else {
            continue;
        };
        if long != "recv-timeout" && long != "send-timeout" {
            continue;
        }
        let (value, words) = match value {
            Some((_, attached)) => (Some(attached), 1),
            None => (args.get(at + 1).and_then(|next| next.to_str()), 2),
        };
        if value.is_some_and(unset) {
            unset_at.push(at..(at + words).min(args.len()));
        }
    }
    for words in unset_at.into_iter().rev() {
        args.drain(words);
    }
}

/// Whether the command line is in clap's form already, as most are: a subcommand
/// first, then only options it defines, by their full names (or nothing but --help or
/// --version). That needs only the one subcommand's options: building every
/// subcommand's, as `Table` does, was two thirds of `nncat --version`'s instructions.
fn in_clap_form(args: &[OsString]) -> bool {
    let Some(first) = args.get(1) else {
        return true;
    };
    if args.len() == 2
        && ["--help", "-h", "--version", "-V"]
            .iter()
            .any(|flag| first == flag)
    {
        return true;
    }
    let Some(name) = first.to_str() else {
        return false;
    };
    let mut command = crate::cli::Cli::command();
    let Some(command) = command.find_subcommand_mut(name) else {
        return false;
    };
    command.build();
    let sub = Sub {
        name: name.to_string(),
        opts: options_of(command),
    };
    let vocabulary = sub.vocabulary();
    for word in Walk::new(args, 2, &vocabulary) {
        match word {
            // Only a full name (or alias) after `--`, with `=` before its value.
            Word::Long {
                typed,
                value,
                resolved,
                ..
            } => {
                let full = matches!(&resolved, Resolved::One(name, _) if name == typed);
                if !full || value.is_some_and(|(separator, _)| separator != '=') {
                    return false;
                }
            }
            Word::Short { short } => {
                if sub.short(short).is_none() {
                    return false;
                }
            }
            Word::Plain { .. } => {}
        }
    }
    true
}

/// Whether the command line is written for nngcat rather than nanocat: a type flag, and
/// something only nngcat takes (`--push0`, `--listen`, `--dial`, `--async`), and not
/// `--compat`, which asks nngcat itself to behave like nanocat. `names` are the long
/// options given, as completed.
fn nngcat_flavour(names: &[String], flags: &[(usize, SocketType, String)]) -> bool {
    let given = |wanted: &[&str]| names.iter().any(|name| wanted.contains(&name.as_str()));
    !flags.is_empty()
        && !given(&["compat"])
        && (flags.iter().any(|(_, _, name)| name.ends_with('0'))
            || given(&["dial", "listen", "async"]))
}

/// A program named `nn_push`, `nn_sub`...: nanocat's symlinks take the type from their
/// name, and so does nncat. Returns that name.
fn from_program_name(args: &mut Vec<OsString>) -> Option<String> {
    let (kind, name) = type_of_program(args)?;
    args.insert(1, kind.name().into());
    Some(name)
}

/// The type a program named `nn_push`, `nn_sub`... stands for, and that name.
pub fn type_of_program(args: &[OsString]) -> Option<(SocketType, String)> {
    let program = args.first()?;
    let name = std::path::Path::new(program)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())?;
    let kind = SocketType::ALL
        .into_iter()
        .find(|kind| kind.program_name() == name)?;
    Some((kind, name))
}

/// Completes the abbreviated long options of `sub` (the word at `args[1]`), turns
/// `--opt:value` into `--opt=value`, and refuses what belongs to other types or to no
/// transport nanomsg has. Returns the long options' names, as completed.
fn complete_options(
    table: &Table,
    sub: &Sub,
    args: &mut [OsString],
) -> Result<Vec<String>, String> {
    let own = sub.vocabulary();
    let every = table.every_word();
    let mut names = Vec::new();
    let mut completed = Vec::new();
    for word in Walk::new(args, 2, &own) {
        match word {
            Word::Long {
                at,
                typed,
                value,
                resolved,
            } => match resolved {
                Resolved::One(name, Meaning::Option(_)) => {
                    let word = match value {
                        Some((_, value)) => format!("--{name}={value}"),
                        None => format!("--{name}"),
                    };
                    completed.push((at, word));
                    names.push(name);
                }
                Resolved::Ambiguous(names) => return Err(ambiguous(typed, &names)),
                Resolved::One(..) | Resolved::Unknown => match resolve(typed, &every) {
                    Resolved::One(name, Meaning::Option(long)) => {
                        return Err(format!(
                            "--{name} does not apply to {}; it works with {}",
                            sub.name,
                            table.types_with(|opt| opt.long() == long)
                        ));
                    }
                    Resolved::One(name, Meaning::Type(_)) => {
                        return Err(format!(
                            "two socket types, '{}' and '--{name}': give one",
                            sub.name
                        ));
                    }
                    Resolved::One(name, meaning) => {
                        return Err(unsupported(&name, &meaning).unwrap_or_default());
                    }
                    // clap says what it can: an unknown option, with a suggestion.
                    Resolved::Ambiguous(_) | Resolved::Unknown => names.push(typed.to_string()),
                },
            },
            Word::Short { short } => {
                if sub.short(short).is_some() {
                    continue;
                }
                let elsewhere = table
                    .socket_subs()
                    .flat_map(|sub| &sub.opts)
                    .find(|opt| opt.shorts.contains(&short));
                if let Some(opt) = elsewhere {
                    return Err(format!(
                        "-{short} (--{}) does not apply to {}; it works with {}",
                        opt.long(),
                        sub.name,
                        table.types_with(|o| o.shorts.contains(&short))
                    ));
                }
            }
            Word::Plain { .. } => {}
        }
    }
    for (at, word) in completed {
        args[at] = word.into();
    }
    Ok(names)
}

#[cfg(test)]
mod tests;
