#!/usr/bin/env bash
# sub's receive rate with --subscribe: nncat filters topics itself (issue 10), where it
# used to leave that to nanomsg. Compares two nncat binaries on the same input: a pub
# floods a sub over ipc with 1,000,000 lines, all matching the topic or half of them,
# and the sub's printed messages per second (its --stats time less its 1 s
# --recv-timeout) is taken over RUNS runs; the median is printed. pub drops what a
# slow subscriber cannot take, so the counts vary from run to run: compare rates.
#
#   bench/topics.sh OLD_NNCAT NEW_NNCAT     (RUNS=5 by default)
#
# Only ipc sockets in a temporary folder are used; every process is bounded by timeout.
set -euo pipefail
OLD=$1 NEW=$2 RUNS=${RUNS:-5}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
seq 1 1000000 | sed 's/^/topic./' > "$DIR/all"
seq 1 1000000 | awk '{ if ($1 % 2) print "topic." $1; else print "other." $1 }' > "$DIR/half"

# Prints one run's printed messages per second.
rate() {
  local bin=$1 input=$2 sock="$DIR/s.$RANDOM"
  timeout 60 "$bin" sub --bind "ipc://$sock" --subscribe topic. --recv-timeout 1s --stats \
    > "$DIR/out" 2> "$DIR/err" &
  local sub=$!
  until [ -S "$sock" ]; do sleep 0.01; done
  timeout 60 "$bin" pub --connect "ipc://$sock" < "$input"
  wait "$sub"
  local lines secs
  lines=$(wc -l < "$DIR/out")
  secs=$(grep -o 'in [0-9.]*s' "$DIR/err" | grep -o '[0-9.]*')
  awk -v n="$lines" -v s="$secs" 'BEGIN { printf "%.0f\n", n / (s - 1) }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for input in all half; do
  for which in OLD NEW; do
    bin=${!which}
    rates=$(for _ in $(seq "$RUNS"); do rate "$bin" "$DIR/$input"; done)
    echo "$which $input: median $(echo "$rates" | median) printed/s over $RUNS runs ($(echo $rates))"
  done
done
