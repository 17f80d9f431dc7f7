#!/usr/bin/env bash
# The boundary's hop measured alone (examples/hop.rs): a push socket whose messages a
# relay thread carries to a `baseline pull` over 127.0.0.1 tcp, through libnanomsg's ipc
# framing on a Unix socket (nncat's link today) or through a raw nanomsg socket on
# inproc, each with and without a pause that lets a stream gather, or through
# libnanomsg's tcp transport on 127.0.0.1 (Nagle's algorithm on, off, or on with the
# relay acknowledging at once), beside `baseline push` straight to the same puller. The senders take turns in each of RUNS
# rounds; it prints each one's median rate (from the puller's own count) and the median
# user + system CPU of the sending process (GNU time), and the ratio of each to
# `baseline push` taken round by round.
#
#   bench/hop.sh                     1,000,000 messages of 64 bytes, then 300 of 1 MiB
#   RUNS=9 PAUSE=50 bench/hop.sh
#
# Needs what bench/run.sh needs (it installs nothing itself: run bench/run.sh once, or
# scripts/setup.sh). Only 127.0.0.1 is used; every process runs under `timeout`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
PAUSE=${PAUSE:-20}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
(cd "$ROOT" && cargo build --release --quiet --example baseline --example hop)
BASE=$TARGET/release/examples/baseline
HOP=$TARGET/release/examples/hop
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nncat-hop.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

listening() { ss -ltnH "sport = :$1" | grep -q .; }

# one LABEL COUNT SIZE SENDER...: appends "LABEL RATE CPU" to $WORK/results, where the
# sender's arguments say PORT for the puller's port.
one() {
  local label=$1 count=$2 size=$3 port puller rate cpu
  shift 3
  port=$(free_port)
  timeout 120 "$BASE" pull --bind "tcp://127.0.0.1:$port" "$count" --timeout 30 \
    2>"$WORK/pull.err" &
  puller=$!
  for _ in $(seq 500); do listening "$port" && break; sleep 0.01; done
  /usr/bin/time -f "%U %S" -o "$WORK/send.time" timeout 120 "${@//PORT/$port}" \
    2>"$WORK/send.err" || { cat "$WORK/send.err" >&2; exit 1; }
  wait "$puller" || { cat "$WORK/pull.err" >&2; exit 1; }
  rate=$(grep -o '[0-9.]* msg/s' "$WORK/pull.err" | cut -d' ' -f1)
  cpu=$(awk '{ print $1 + $2 }' "$WORK/send.time")
  echo "$label $rate $cpu" >>"$WORK/results"
}

measure() {
  local what=$1 count=$2 size=$3
  : >"$WORK/results"
  for _ in $(seq "$RUNS"); do
    one "baseline" "$count" "$size" "$BASE" push --connect tcp://127.0.0.1:PORT "$count" "$size"
    one "ipc" "$count" "$size" "$HOP" ipc PORT "$count" "$size"
    one "ipc+pause" "$count" "$size" "$HOP" ipc PORT "$count" "$size" "$PAUSE"
    one "inproc" "$count" "$size" "$HOP" inproc PORT "$count" "$size"
    one "inproc+pause" "$count" "$size" "$HOP" inproc PORT "$count" "$size" "$PAUSE"
    one "tcp" "$count" "$size" "$HOP" tcp PORT "$count" "$size"
    one "tcp+quickack" "$count" "$size" "$HOP" tcp PORT "$count" "$size" --quickack
    one "tcp+nodelay" "$count" "$size" "$HOP" tcp PORT "$count" "$size" --nodelay
  done
  python3 - "$WORK/results" "$what" "$RUNS" "$PAUSE" <<'EOF'
import statistics, sys
path, what, runs, pause = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rows = [line.split() for line in open(path)]
labels = ["baseline", "ipc", "ipc+pause", "inproc", "inproc+pause", "tcp", "tcp+quickack",
          "tcp+nodelay"]
got = {label: [(float(r), float(c)) for l, r, c in rows if l == label] for label in labels}
print(f"\n{what}: medians of {runs} rounds (pause {pause} us)\n")
print("| sender | messages/s | x baseline | sender CPU (s) | x baseline |")
print("|---|---|---|---|---|")
for label in labels:
    rates = [r for r, _ in got[label]]
    cpus = [c for _, c in got[label]]
    rate_ratio = statistics.median(r / b for (r, _), (b, _) in zip(got[label], got["baseline"]))
    cpu_ratio = statistics.median(c / b for (_, c), (_, b) in zip(got[label], got["baseline"]))
    print(f"| {label} | {statistics.median(rates):,.0f} | {rate_ratio:.2f} "
          f"| {statistics.median(cpus):.2f} | {cpu_ratio:.2f} |")
EOF
}

measure "1,000,000 messages of 64 bytes" 1000000 64
measure "300 messages of 1 MiB" 300 1048576
