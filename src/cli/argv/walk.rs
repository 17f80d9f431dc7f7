/*!
The one walk over a command line's words. Finding the type, checking for clap's form
and completing options all need to know which words are options and which are an
option's value; they once each walked the words with their own copy of that logic, and
the copies had drifted (one stopped at a word that was not UTF-8, one read on past
`--exec`). A walk is given the options it resolves long names among and asks them
which take a value, so the skipping is written once:
- `--` ends the walk, and so does `--exec`: the rest of the line is its command;
- `--name value`, `-x value` and `-yx value` skip the value when the option takes one;
- a word that is not UTF-8 is passed over: neither an option nor anything to rewrite.
*/

use std::ffi::OsString;

use super::words::{Meaning, Resolved, Vocabulary, resolve, split_long};

/// A word of the command line that is not an option's value.
pub(super) enum Word<'a> {
    /// `--name`, `--name=value` or `--name:value`, with the name resolved.
    Long {
        at: usize,
        typed: &'a str,
        value: Option<(char, &'a str)>,
        resolved: Resolved,
    },
    /// `-x`, `-x value`, or a cluster `-xyz`; `short` is its first letter.
    Short { short: char },
    /// Any other word: a subcommand, or what clap will judge.
    Plain { at: usize, text: &'a str },
}

/// The words of `args` from `from` on; see the module documentation.
pub(super) struct Walk<'a> {
    args: &'a [OsString],
    at: usize,
    vocabulary: &'a Vocabulary<'a>,
}

impl<'a> Walk<'a> {
    pub(super) fn new(args: &'a [OsString], from: usize, vocabulary: &'a Vocabulary) -> Self {
        Walk {
            args,
            at: from,
            vocabulary,
        }
    }

    fn end(&mut self) {
        self.at = self.args.len();
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        loop {
            let at = self.at;
            let arg = self.args.get(at)?;
            self.at += 1;
            let Some(arg) = arg.to_str() else {
                continue;
            };
            if arg == "--" {
                self.end();
                return None;
            }
            if let Some(body) = arg.strip_prefix("--") {
                let (typed, value) = split_long(body);
                let resolved = resolve(typed, &self.vocabulary.words);
                if let Resolved::One(_, Meaning::Option(long)) = &resolved {
                    if long == "exec" {
                        self.end();
                    } else if value.is_none() && self.vocabulary.takes_value(long) {
                        self.at += 1;
                    }
                }
                return Some(Word::Long {
                    at,
                    typed,
                    value,
                    resolved,
                });
            }
            if let Some(cluster) = arg.strip_prefix('-')
                && let Some(short) = cluster.chars().next()
            {
                // In a cluster (`-QD`), the first letter that takes a value takes the
                // rest of the word, or the next word when it is the last letter.
                let takes = cluster
                    .char_indices()
                    .find(|&(_, letter)| self.vocabulary.short_takes_value(letter));
                if takes.is_some_and(|(i, letter)| i + letter.len_utf8() == cluster.len()) {
                    self.at += 1;
                }
                return Some(Word::Short { short });
            }
            return Some(Word::Plain { at, text: arg });
        }
    }
}
