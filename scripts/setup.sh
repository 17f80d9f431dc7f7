#!/usr/bin/env bash
# Installs what nncat builds and tests with, from Debian's packages, only where missing:
# libnanomsg-dev (the library nncat links), pkg-config (how the build finds it),
# nanomsg-utils (nanocat) and nng-utils (nngcat), the peers of the interop tests;
# openssl, which the TLS tests and the cookbook's TLS recipes make certificates with;
# fish, which runs the fish completions in tests/cli/help.rs (bash runs the bash ones);
# python3, which runs the example harness in docs/harness.md;
# dpkg-dev for scripts/package.sh (dpkg-shlibdeps computes the package's Depends).
set -euo pipefail

missing=()
need() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
need libnanomsg-dev
need pkg-config
for purpose in "$@"; do
  case "$purpose" in
    --test)
      need nanomsg-utils
      need nng-utils
      need openssl
      need iproute2
      need jq
      need nftables
      need fish
      need python3
      ;;
    --package)
      need dpkg-dev
      ;;
    *) echo "setup: unknown option $purpose (--test, --package)" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq </dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
