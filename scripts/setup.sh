#!/usr/bin/env bash
# Installs what nncat builds and tests with, from Debian's packages, only where missing:
# libnanomsg-dev (the library nncat links), pkg-config (how the build finds it),
# nanomsg-utils (nanocat) and nng-utils (nngcat), the peers of the interop tests.
set -euo pipefail

missing=()
need() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
need libnanomsg-dev
need pkg-config
if [ "${1:-}" = "--test" ]; then
  need nanomsg-utils
  need nng-utils
  need iproute2
  need jq
  need nftables
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq </dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
