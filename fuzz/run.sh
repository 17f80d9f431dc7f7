#!/usr/bin/env bash
# Fuzzes every input decoder for a bounded time (FUZZ_SECONDS, default 300). Not run by
# CI: cargo-fuzz needs a nightly toolchain, which this script installs with rustup.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-300}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
mkdir -p corpus/decode
cargo +nightly fuzz run decode corpus/decode -- -max_total_time="$seconds" -rss_limit_mb=2048
