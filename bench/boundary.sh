#!/usr/bin/env bash
# What the boundary costs: push -> pull through two nncat binaries, interleaved run by
# run, over tcp and ipc: 1,000,000 lines of 64 bytes and 300 messages of 1 MiB, the
# time from the pusher's start to the puller's exit and the user + system CPU of both
# processes (GNU time), medians of RUNS; then one line at a time (bench/latency.py).
#
#   bench/boundary.sh NEW_NNCAT OLD_NNCAT       e.g. target/release/nncat and a build
#                                              of the commit before the boundary
#   RUNS=7 bench/boundary.sh ...
#
# Only 127.0.0.1 and ipc in a temporary folder are used; every process runs under
# `timeout`.
set -euo pipefail

NEW=$(realpath "$1")
OLD=$(realpath "$2")
RUNS=${RUNS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" <<'EOF'
import sys
work = sys.argv[1]
with open(f"{work}/lines", "w") as out:
    line = "x" * 63 + "\n"
    out.write(line * 1_000_000)
with open(f"{work}/big", "w") as out:
    line = "y" * ((1 << 20) - 1) + "\n"
    out.write(line * 300)
EOF

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# one BINARY TRANSPORT FILE COUNT: prints "seconds cpu_seconds"
one() {
  local bin=$1 transport=$2 file=$3 count=$4 url
  if [ "$transport" = tcp ]; then url="tcp://127.0.0.1:$(port)"; else url="ipc://$WORK/sock"; rm -f "$WORK/sock"; fi
  local start end
  /usr/bin/time -f "%U %S" -o "$WORK/pull.time" timeout 120 "$bin" pull --bind "$url" --count "$count" > /dev/null &
  local puller=$!
  while ! "$bin" probe "$url" --timeout 100ms > /dev/null 2>&1; do sleep 0.01; done
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$WORK/push.time" timeout 120 "$bin" push --connect "$url" < "$file"
  wait "$puller"
  end=$(date +%s.%N)
  python3 -c "
import sys
cpu = sum(float(x) for f in ('$WORK/pull.time', '$WORK/push.time') for x in open(f).read().split())
print(f'{$end - $start:.3f} {cpu:.2f}')"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for transport in tcp ipc; do
  for load in "lines 1000000" "big 300"; do
    set -- $load
    : > "$WORK/new"; : > "$WORK/old"
    for _ in $(seq "$RUNS"); do
      one "$NEW" "$transport" "$WORK/$1" "$2" >> "$WORK/new"
      one "$OLD" "$transport" "$WORK/$1" "$2" >> "$WORK/old"
    done
    for which in new old; do
      wall=$(cut -d' ' -f1 < "$WORK/$which" | median)
      cpu=$(cut -d' ' -f2 < "$WORK/$which" | median)
      echo "$transport $1 $which: wall ${wall}s (median of $RUNS), cpu ${cpu}s"
    done
  done
done

python3 "$ROOT/bench/latency.py" 50 \
  new "$NEW pull --bind @URL@" "$NEW push --connect @URL@ --linger 0" \
  old "$OLD pull --bind @URL@" "$OLD push --connect @URL@ --linger 0" |
  awk '{s[$1]=s[$1] " " $2} END {for (k in s) print k, s[k]}' |
  while read -r name samples; do
    med=$(echo "$samples" | tr ' ' '\n' | grep . | median)
    echo "one line push stdin -> pull stdout, $name: median ${med}s"
  done
