#!/usr/bin/env bash
# The tests: install what is missing, check formatting and lints, build the Debian
# package, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
cargo fmt --check
cargo clippy --locked --all-targets --quiet -- -D warnings
# The unit tests once in debug too, where integer overflow panics instead of wrapping.
cargo test --locked --lib
# tests/cli/package.rs checks the package built here, found through NNCAT_DEB: built
# here, not by a test, because building it may install cargo-deb and apt packages.
# Under CI a package that does not build fails the run; elsewhere (cargo-deb cannot be
# installed, say) the package tests say they were skipped.
if deb=$(scripts/package.sh | tail -n1); then
  export NNCAT_DEB="$deb"
elif [ "${CI:-}" = true ]; then
  echo "test: scripts/package.sh failed" >&2
  exit 1
else
  echo "test: scripts/package.sh failed (above): the package tests will be skipped" >&2
fi
cargo test --locked --release
# The soak and large-message tests (a million messages, 64 and 256 MiB messages).
cargo test --locked --release --test cli -- --ignored soak::
