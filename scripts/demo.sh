#!/usr/bin/env bash
# The live demo: two nncat processes exchange messages over ipc in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --quiet
nncat=target/release/nncat
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
url="ipc://$dir/demo.sock"

echo "== push/pull over $url: three lines, pushed as they are read"
"$nncat" pull --bind "$url" --count 3 &
puller=$!
printf 'hello\nfrom\nnncat\n' | "$nncat" push --connect "$url"
wait "$puller"

echo "== req/rep: a replier answering with --exec tr a-z A-Z, printing each request as hex"
"$nncat" rep --bind "$url.rep" --count 2 --hex --exec tr a-z A-Z &
replier=$!
printf 'ping\npong\n' | "$nncat" req --connect "$url.rep" --recv-timeout 5s
wait "$replier"
echo "== done"
