#!/usr/bin/env bash
# The tests: install what is missing, check formatting and lints, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
cargo fmt --check
cargo clippy --locked --all-targets --quiet -- -D warnings
# The unit tests once in debug too, where integer overflow panics instead of wrapping.
cargo test --locked --lib
cargo test --locked --release
# The soak and large-message tests (a million messages, 64 and 256 MiB messages).
cargo test --locked --release --test cli -- --ignored soak::
