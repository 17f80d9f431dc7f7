//! The words a command line can hold, read off the clap definition: every long option
//! of every subcommand, the type flags of nanocat and nngcat, and nngcat's option for
//! the transport nanomsg and nncat lack (ZeroTier), with what an abbreviation of them
//! resolves to.

use clap::CommandFactory;

use crate::socket::SocketType;

/// nngcat's option for a transport nanomsg does not have.
pub(super) const NNGCAT_ZEROTIER: &str = "zt-home";

/// One option of one subcommand, as clap defines it.
pub(super) struct Opt {
    /// The long name, then its aliases.
    pub(super) longs: Vec<String>,
    pub(super) shorts: Vec<char>,
    pub(super) takes_value: bool,
}

impl Opt {
    pub(super) fn long(&self) -> &str {
        self.longs.first().map_or("", String::as_str)
    }
}

pub(super) struct Sub {
    pub(super) name: String,
    pub(super) opts: Vec<Opt>,
}

/// What a `--word` can mean.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Meaning {
    Type(SocketType),
    /// nngcat's pair version 1.
    Pair1,
    /// An option, by its long name.
    Option(String),
    ZeroTier,
}

pub(super) enum Resolved {
    /// The name as typed or completed, and what it means.
    One(String, Meaning),
    Ambiguous(Vec<String>),
    Unknown,
}

/// The options of every subcommand, read from the clap definition.
pub(super) struct Table {
    pub(super) top: Vec<Opt>,
    pub(super) subs: Vec<Sub>,
}

pub(super) fn options_of(command: &clap::Command) -> Vec<Opt> {
    command
        .get_arguments()
        .filter(|arg| !arg.is_positional())
        .map(|arg| Opt {
            longs: arg
                .get_long()
                .into_iter()
                .chain(arg.get_all_aliases().unwrap_or_default())
                .map(str::to_string)
                .collect(),
            shorts: arg
                .get_short()
                .into_iter()
                .chain(arg.get_all_short_aliases().unwrap_or_default())
                .collect(),
            takes_value: arg.get_action().takes_values(),
        })
        .collect()
}

impl Table {
    pub(super) fn new() -> Table {
        let mut command = crate::cli::Cli::command();
        command.build();
        let subs = command
            .get_subcommands()
            .map(|sub| Sub {
                name: sub.get_name().to_string(),
                opts: options_of(sub),
            })
            .collect();
        Table {
            top: options_of(&command),
            subs,
        }
    }

    pub(super) fn sub(&self, name: &str) -> Option<&Sub> {
        self.subs.iter().find(|sub| sub.name == name)
    }

    /// The subcommands a socket is opened by: the types, then tap.
    pub(super) fn socket_subs(&self) -> impl Iterator<Item = &Sub> {
        let names = SocketType::ALL
            .iter()
            .map(|kind| kind.name())
            .chain(["tap"]);
        names.filter_map(|name| self.sub(name))
    }

    /// Every `--word` any part of nncat knows, with its meaning.
    pub(super) fn every_word(&self) -> Vec<(String, Meaning)> {
        let mut words = Vec::new();
        for kind in SocketType::ALL {
            words.push((kind.name().to_string(), Meaning::Type(kind)));
            words.push((format!("{}0", kind.name()), Meaning::Type(kind)));
        }
        words.push(("pair1".into(), Meaning::Pair1));
        let opts = self
            .top
            .iter()
            .chain(self.subs.iter().flat_map(|s| &s.opts));
        for opt in opts {
            for long in &opt.longs {
                words.push((long.clone(), Meaning::Option(opt.long().to_string())));
            }
        }
        words.push((NNGCAT_ZEROTIER.into(), Meaning::ZeroTier));
        words
    }

    /// Every word, with every subcommand's options' values: for the walk that looks
    /// for the type, before it is known whose options these are.
    pub(super) fn vocabulary(&self) -> Vocabulary<'_> {
        Vocabulary {
            words: self.every_word(),
            opts: self.subs.iter().flat_map(|sub| &sub.opts).collect(),
        }
    }

    /// "it works with pull, sub, ...": the socket subcommands that define `long`.
    pub(super) fn types_with(&self, found: impl Fn(&Opt) -> bool) -> String {
        self.socket_subs()
            .filter(|sub| sub.opts.iter().any(&found))
            .map(|sub| sub.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Sub {
    /// This subcommand's long options and their aliases, and its options' values.
    pub(super) fn vocabulary(&self) -> Vocabulary<'_> {
        let words = self
            .opts
            .iter()
            .flat_map(|opt| {
                opt.longs
                    .iter()
                    .map(|long| (long.clone(), Meaning::Option(opt.long().to_string())))
            })
            .collect();
        Vocabulary {
            words,
            opts: self.opts.iter().collect(),
        }
    }

    pub(super) fn short(&self, short: char) -> Option<&Opt> {
        self.opts.iter().find(|opt| opt.shorts.contains(&short))
    }
}

/// `typed` among `words`: an exact name, or a prefix of names that all mean one thing.
pub(super) fn resolve(typed: &str, words: &[(String, Meaning)]) -> Resolved {
    if let Some((name, meaning)) = words.iter().find(|(name, _)| name == typed) {
        return Resolved::One(name.clone(), meaning.clone());
    }
    let matches: Vec<&(String, Meaning)> = words
        .iter()
        .filter(|(name, _)| !typed.is_empty() && name.starts_with(typed))
        .collect();
    let Some((name, first)) = matches.first() else {
        return Resolved::Unknown;
    };
    if matches.iter().all(|(_, meaning)| meaning == first) {
        return Resolved::One(name.clone(), first.clone());
    }
    let mut names: Vec<String> = Vec::new();
    for (name, _) in matches {
        let name = format!("--{name}");
        if !names.contains(&name) {
            names.push(name);
        }
    }
    // `--req0` says nothing `--req` does not.
    let listed = names.clone();
    names.retain(|name| {
        name.strip_suffix('0')
            .is_none_or(|bare| !listed.iter().any(|other| other == bare))
    });
    Resolved::Ambiguous(names)
}

/// `--name=value`, `--name:value` (nngcat) or `--name`: the name and what follows it.
pub(super) fn split_long(body: &str) -> (&str, Option<(char, &str)>) {
    match body.find(['=', ':']) {
        Some(at) => {
            let separator = body[at..].chars().next().unwrap_or('=');
            (&body[..at], Some((separator, &body[at + 1..])))
        }
        None => (body, None),
    }
}

pub(super) fn ambiguous(typed: &str, names: &[String]) -> String {
    format!(
        "'--{typed}' is ambiguous: it could be {}; write more of it",
        names.join(", ")
    )
}

pub(super) fn unsupported(name: &str, meaning: &Meaning) -> Option<String> {
    match meaning {
        Meaning::Pair1 => Some(
            "--pair1: nanomsg has no pair version 1 (nngcat's default pair); nncat's pair is \
             version 0, which nngcat speaks with --pair0 or --compat"
                .into(),
        ),
        Meaning::ZeroTier => Some(format!(
            "--{name} is nngcat's ZeroTier option, and nanomsg has no ZeroTier transport"
        )),
        Meaning::Type(_) | Meaning::Option(_) => None,
    }
}

/// The long names a walk resolves `--words` among, and the options whose values it skips.
pub(super) struct Vocabulary<'a> {
    pub(super) words: Vec<(String, Meaning)>,
    pub(super) opts: Vec<&'a Opt>,
}

impl Vocabulary<'_> {
    pub(super) fn takes_value(&self, long: &str) -> bool {
        self.opts
            .iter()
            .any(|opt| opt.long() == long && opt.takes_value)
    }

    pub(super) fn short_takes_value(&self, short: char) -> bool {
        self.opts
            .iter()
            .any(|opt| opt.shorts.contains(&short) && opt.takes_value)
    }
}
