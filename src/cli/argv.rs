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

/// The command line in clap's form, and what to warn about once it has parsed.
#[derive(Debug)]
pub struct Rewritten {
    pub args: Vec<OsString>,
    pub warnings: Vec<String>,
    /// Written for nngcat: its quoted form, where it differs from nanocat's.
    pub nngcat: bool,
}

/// A usage error found while rewriting, and the help page it points at.
#[derive(Debug)]
pub struct Refused {
    pub message: String,
    pub subcommand: Option<String>,
}

/// nngcat's options for transports nanomsg does not have, long and short.
const NNGCAT_TLS: [&str; 4] = ["insecure", "cacert", "cert", "key"];
const NNGCAT_TLS_SHORT: [char; 2] = ['k', 'E'];
const NNGCAT_ZEROTIER: &str = "zt-home";

/// One option of one subcommand, as clap defines it.
struct Opt {
    /// The long name, then its aliases.
    longs: Vec<String>,
    shorts: Vec<char>,
    takes_value: bool,
}

impl Opt {
    fn long(&self) -> &str {
        self.longs.first().map_or("", String::as_str)
    }
}

struct Sub {
    name: String,
    opts: Vec<Opt>,
}

/// What a `--word` can mean.
#[derive(Clone, Debug, PartialEq)]
enum Meaning {
    Type(SocketType),
    /// nngcat's pair version 1.
    Pair1,
    /// An option, by its long name.
    Option(String),
    Tls,
    ZeroTier,
}

enum Resolved {
    /// The name as typed or completed, and what it means.
    One(String, Meaning),
    Ambiguous(Vec<String>),
    Unknown,
}

/// The options of every subcommand, read from the clap definition.
struct Table {
    top: Vec<Opt>,
    subs: Vec<Sub>,
}

fn options_of(command: &clap::Command) -> Vec<Opt> {
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
    fn new() -> Table {
        let mut command = super::Cli::command();
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

    fn sub(&self, name: &str) -> Option<&Sub> {
        self.subs.iter().find(|sub| sub.name == name)
    }

    /// The subcommands a socket is opened by: the types, then tap.
    fn socket_subs(&self) -> impl Iterator<Item = &Sub> {
        let names = SocketType::ALL
            .iter()
            .map(|kind| kind.name())
            .chain(["tap"]);
        names.filter_map(|name| self.sub(name))
    }

    /// Every `--word` any part of nncat knows, with its meaning.
    fn every_word(&self) -> Vec<(String, Meaning)> {
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
        words.extend(NNGCAT_TLS.map(|name| (name.to_string(), Meaning::Tls)));
        words.push((NNGCAT_ZEROTIER.into(), Meaning::ZeroTier));
        words
    }

    fn takes_value(&self, long: &str) -> bool {
        self.subs
            .iter()
            .flat_map(|sub| &sub.opts)
            .any(|opt| opt.long() == long && opt.takes_value)
    }

    fn short_takes_value(&self, short: char) -> bool {
        self.subs
            .iter()
            .flat_map(|sub| &sub.opts)
            .any(|opt| opt.shorts.contains(&short) && opt.takes_value)
    }

    /// "it works with pull, sub, ...": the socket subcommands that define `long`.
    fn types_with(&self, found: impl Fn(&Opt) -> bool) -> String {
        self.socket_subs()
            .filter(|sub| sub.opts.iter().any(&found))
            .map(|sub| sub.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Sub {
    fn words(&self) -> Vec<(String, Meaning)> {
        self.opts
            .iter()
            .flat_map(|opt| {
                opt.longs
                    .iter()
                    .map(|long| (long.clone(), Meaning::Option(opt.long().to_string())))
            })
            .collect()
    }

    fn opt(&self, long: &str) -> Option<&Opt> {
        self.opts.iter().find(|opt| opt.long() == long)
    }

    fn short(&self, short: char) -> Option<&Opt> {
        self.opts.iter().find(|opt| opt.shorts.contains(&short))
    }
}

/// `typed` among `words`: an exact name, or a prefix of names that all mean one thing.
fn resolve(typed: &str, words: &[(String, Meaning)]) -> Resolved {
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
fn split_long(body: &str) -> (&str, Option<(char, &str)>) {
    match body.find(['=', ':']) {
        Some(at) => {
            let separator = body[at..].chars().next().unwrap_or('=');
            (&body[..at], Some((separator, &body[at + 1..])))
        }
        None => (body, None),
    }
}

fn ambiguous(typed: &str, names: &[String]) -> String {
    format!(
        "'--{typed}' is ambiguous: it could be {}; write more of it",
        names.join(", ")
    )
}

fn unsupported(name: &str, meaning: &Meaning) -> Option<String> {
    match meaning {
        Meaning::Pair1 => Some(
            "--pair1: nanomsg has no pair version 1 (nngcat's default pair); nncat's pair is \
             version 0, which nngcat speaks with --pair0 or --compat"
                .into(),
        ),
        Meaning::Tls => Some(format!(
            "--{name} is nngcat's TLS option, and nanomsg has no TLS transport (tls+tcp://)"
        )),
        Meaning::ZeroTier => Some(format!(
            "--{name} is nngcat's ZeroTier option, and nanomsg has no ZeroTier transport"
        )),
        Meaning::Type(_) | Meaning::Option(_) => None,
    }
}

/// Rewrites the command line; see the module documentation.
pub fn rewrite(mut args: Vec<OsString>) -> Result<Rewritten, Refused> {
    let table = Table::new();
    let mut warnings = Vec::new();
    from_program_name(&mut args);
    let refuse = |message: String, subcommand: Option<&str>| Refused {
        message,
        subcommand: subcommand.map(str::to_string),
    };

    // Find the type: a subcommand word after options only, or type flags.
    let words = table.every_word();
    let mut explicit = None;
    let mut flags: Vec<(usize, SocketType, String)> = Vec::new();
    let mut at = 1;
    while let Some(arg) = args.get(at).and_then(|arg| arg.to_str()) {
        if arg == "--" {
            break;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (typed, value) = split_long(body);
            match resolve(typed, &words) {
                Resolved::One(name, Meaning::Type(kind)) => flags.push((at, kind, name)),
                Resolved::One(_, Meaning::Option(long)) => {
                    if value.is_none() && table.takes_value(&long) {
                        at += 1;
                    }
                }
                Resolved::One(name, meaning) => {
                    if let Some(message) = unsupported(&name, &meaning) {
                        return Err(refuse(message, None));
                    }
                }
                Resolved::Ambiguous(names) => {
                    if names.iter().any(|name| {
                        matches!(
                            resolve(&name[2..], &words),
                            Resolved::One(_, Meaning::Type(_) | Meaning::Pair1)
                        )
                    }) {
                        return Err(refuse(ambiguous(typed, &names), None));
                    }
                }
                Resolved::Unknown => {}
            }
        } else if let Some(short) = arg.strip_prefix('-').and_then(|s| s.chars().next()) {
            if arg.len() == 2 && table.short_takes_value(short) {
                at += 1;
            }
        } else if table.sub(arg).is_some() {
            explicit = Some(at);
            break;
        }
        // Any other word is the value of an option this could not resolve; a type
        // flag may still follow it.
        at += 1;
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
        });
    };
    complete_options(&table, sub, &mut args[2..])
        .map_err(|message| refuse(message, Some(&sub.name)))?;
    let nngcat = nngcat_flavour(&args, &flags);
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
    })
}

/// Whether the command line is written for nngcat rather than nanocat: a type flag, and
/// something only nngcat takes (`--push0`, `--listen`, `--dial`, `--async`), and not
/// `--compat`, which asks nngcat itself to behave like nanocat.
fn nngcat_flavour(args: &[OsString], flags: &[(usize, SocketType, String)]) -> bool {
    let names: Vec<&str> = args
        .iter()
        .take_while(|arg| *arg != "--" && *arg != "--exec")
        .filter_map(|arg| arg.to_str()?.strip_prefix("--"))
        .map(|body| split_long(body).0)
        .collect();
    !flags.is_empty()
        && !names.contains(&"compat")
        && (flags.iter().any(|(_, _, name)| name.ends_with('0'))
            || names
                .iter()
                .any(|name| ["dial", "listen", "async"].contains(name)))
}

/// A program named `nn_push`, `nn_sub`...: nanocat's symlinks take the type from their
/// name, and so does nncat.
fn from_program_name(args: &mut Vec<OsString>) {
    let Some(program) = args.first() else {
        return;
    };
    let name = std::path::Path::new(program)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(kind) = name.strip_prefix("nn_").and_then(SocketType::named) {
        args.insert(1, kind.name().into());
    }
}

/// Completes the abbreviated long options of `sub`, turns `--opt:value` into
/// `--opt=value`, and refuses what belongs to other types or to no transport nanomsg has.
fn complete_options(table: &Table, sub: &Sub, args: &mut [OsString]) -> Result<(), String> {
    let own = sub.words();
    let every = table.every_word();
    let mut at = 0;
    while at < args.len() {
        // Not UTF-8: neither an option nor anything this could complete.
        let Some(arg) = args[at].to_str().map(str::to_string) else {
            at += 1;
            continue;
        };
        if arg == "--" {
            break;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (typed, value) = split_long(body);
            let long = match resolve(typed, &own) {
                Resolved::One(name, Meaning::Option(long)) => {
                    args[at] = match value {
                        Some((_, value)) => format!("--{name}={value}"),
                        None => format!("--{name}"),
                    }
                    .into();
                    long
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
                    Resolved::Ambiguous(_) | Resolved::Unknown => {
                        at += 1;
                        continue;
                    }
                },
            };
            if long == "exec" {
                // The rest of the command line is the command and its arguments.
                break;
            }
            if value.is_none() && sub.opt(&long).is_some_and(|opt| opt.takes_value) {
                at += 1;
            }
        } else if let Some(short) = arg.strip_prefix('-').and_then(|s| s.chars().next()) {
            match sub.short(short) {
                Some(opt) => {
                    if arg.len() == 2 && opt.takes_value {
                        at += 1;
                    }
                }
                None => {
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
                    if NNGCAT_TLS_SHORT.contains(&short) {
                        return Err(format!(
                            "-{short} is nngcat's TLS option, and nanomsg has no TLS transport (tls+tcp://)"
                        ));
                    }
                }
            }
        }
        at += 1;
    }
    Ok(())
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
            "unknown socket type flag '--{typed}' (did you mean '--{}'?)",
            closest.1
        ));
    }
    Some(format!(
        "no socket type: start with one, as in 'nncat pull {first} ...', or give nanocat's --pull, --push..."
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

/// clap's message on one line, for scripts that read stderr line by line, with all it
/// said: the missing arguments, the possible values, and its tips.
pub(super) fn one_line(rendered: &str) -> String {
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
pub(super) fn help_hint(subcommand: Option<&str>) -> String {
    match subcommand {
        Some(name) if name != "help" => format!("see 'nncat {name} --help'"),
        _ => "see 'nncat --help'".into(),
    }
}

#[cfg(test)]
mod tests {
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
    fn what_nanomsg_lacks_is_said() {
        assert!(refused(&["nncat", "--pair1", "-l", "5"]).contains("no pair version 1"));
        assert!(refused(&["nncat", "--push", "--cacert", "f"]).contains("no TLS"));
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

    fn clap_error(args: &[&str]) -> String {
        use clap::Parser;
        let err = super::super::Cli::try_parse_from(args).expect_err("a usage error");
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
