#!/usr/bin/env bash
# Writes the generated docs from the command-line definition: man pages and completions.
# The unit tests man_pages_in_docs_are_current and completions_in_docs_are_current
# (src/cli/docs.rs, src/cli/completion.rs) fail when these are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
nncat=target/debug/nncat
mkdir -p docs/man docs/completions
"$nncat" man > docs/man/nncat.1
# Every page nncat has, from nncat itself: a new type or role needs no edit here.
for page in $("$nncat" man --list); do
  "$nncat" man "$page" > "docs/man/nncat-$page.1"
done
for shell in bash zsh fish; do
  "$nncat" completions "$shell" > "docs/completions/nncat.$shell"
done
