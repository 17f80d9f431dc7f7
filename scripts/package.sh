#!/usr/bin/env bash
# Builds nncat's Debian package (binary, man pages, completions, nn_TYPE symlinks) with
# cargo-deb, from the [package.metadata.deb] section of Cargo.toml. Installs what is
# missing first: Debian's packages through setup.sh (dpkg-dev's dpkg-shlibdeps computes
# Depends), cargo-deb from the Rust package registry through `cargo install --locked`, compiled here.
# Progress goes to stderr; the last line of stdout is the path of the .deb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --package

# 3.8 has the symlink assets (nn_push -> nncat) that Cargo.toml declares.
cargo_deb_minimum=3.8.0
installed=$(cargo deb --version 2>/dev/null | awk '{print $2}' || true)
if [ -z "$installed" ] ||
  [ "$(printf '%s\n' "$cargo_deb_minimum" "$installed" | sort -V | head -n1)" != "$cargo_deb_minimum" ]; then
  echo "package: installing cargo-deb (it compiles for about a minute)" >&2
  cargo install --locked --quiet cargo-deb --version "^$cargo_deb_minimum" </dev/null >&2
fi

deb=$(cargo deb --locked </dev/null | tail -n1)
[ -f "$deb" ] || { echo "package: cargo deb wrote no package (it said '$deb')" >&2; exit 1; }
realpath "$deb"
