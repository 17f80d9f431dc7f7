#!/usr/bin/env bash
# Writes the generated docs from the command-line definition: man pages and completions.
# Unit tests in src/cli/docs.rs fail when these are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
nncat=target/debug/nncat
mkdir -p docs/man docs/completions
"$nncat" man > docs/man/nncat.1
for type in push pull pub sub req rep pair bus surveyor respondent; do
  "$nncat" man "$type" > "docs/man/nncat-$type.1"
done
for shell in bash zsh fish; do
  "$nncat" completions "$shell" > "docs/completions/nncat.$shell"
done
